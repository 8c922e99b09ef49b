"""The shared database's link, above the page: said at once when it is lost, with how many edits wait
on this computer; while it shows, a timer asks the controller to send them. And the conflict
question, asked once the officer stops typing (never into the middle of a number)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget

from reportdesk.ui import theme

RESEND_EVERY_MS = 3000
QUIET_S = 1.5  # no key pressed (and no click) for this long: the officer has stopped typing
_ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.InputMethod, QEvent.Type.MouseButtonPress)


class LinkBanner(QLabel):
    """A yellow line, hidden while the link is sound and nothing waits."""

    def __init__(self, resend: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        theme.tint(self, QColor("#3b2300"), QColor("#fff4ce"))
        self.setContentsMargins(14, 8, 14, 8)
        self.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(RESEND_EVERY_MS)
        self.timer.timeout.connect(resend)

    def show_link(self, online: bool, waiting: int, where: str) -> str:
        """Show the state; returns the status bar's word for it ("" when there is nothing to say)."""
        if online and not waiting:
            said = "断网期间的修改已全部发送" if self.isVisible() else ""
            self.hide()
            self.timer.stop()
            return said
        if online:
            text = f"正在把断网期间暂存在本机的 {waiting} 项修改发送到共享数据库……"
        else:
            text = (
                f"连接不上共享数据库 {where}。您可以继续填写：修改暂存在本机（{waiting} 项），"
                "连上后自动发送，不会丢失。"
            )
        self.setText("⚠ " + text)
        self.show()
        if not self.timer.isActive():
            self.timer.start()
        return "暂存本机" if not online else "正在发送……"


class TypingPause(QObject):
    """Runs jobs once the officer has stopped typing for :data:`QUIET_S` and no dialog is open; a
    cell editor still open then is closed the usual way first (its value went to the controller
    keystroke by keystroke), unless it holds a value being corrected."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._jobs: list[Callable[[], object]] = []
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._tick)

    def add(self, job: Callable[[], object]) -> None:
        self._jobs.append(job)
        self._last = time.monotonic()
        if not self._timer.isActive():
            QApplication.instance().installEventFilter(self)  # only while a job waits
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last = time.monotonic()
        return False

    def _tick(self) -> None:
        if time.monotonic() - self._last < QUIET_S or QApplication.activeModalWidget() is not None:
            return
        if QApplication.activePopupWidget() is not None or not _cell_editor_closed():
            return
        self.flush()

    def flush(self) -> None:
        """Run the waiting jobs now (the window is closing)."""
        self._timer.stop()
        QApplication.instance().removeEventFilter(self)
        jobs, self._jobs = self._jobs, []
        for job in jobs:
            job()


def _cell_editor_closed() -> bool:
    """Close an open cell editor as leaving it would; False when it holds a refused value (the
    officer is correcting it: wait)."""
    editor = QApplication.focusWidget()
    viewport = editor.parentWidget() if editor is not None else None
    view = viewport.parentWidget() if viewport is not None else None
    if not isinstance(view, QAbstractItemView) or view.state() != QAbstractItemView.State.EditingState:
        return True
    if getattr(editor, "refusal", None) is not None:
        return False
    view.setFocus()  # the editor loses focus: its delegate commits it and closes it
    return True


class SharedView:
    """The main window's part of the shared database (mixed in): the link, the conflict question."""

    link: LinkBanner
    saved: QLabel

    def show_link(self, online: bool, waiting: int, where: str) -> None:
        """The shared database's link: said at once when it is lost, and what waits to be sent."""
        said = self.link.show_link(online, waiting, where)
        if said:
            self.saved.setText(said)

    def when_typing_pauses(self, job: Callable[[], object]) -> None:
        """Run ``job`` once the officer stops typing (see :class:`TypingPause`), or when the window closes."""
        pause = getattr(self, "_pause", None)
        if pause is None:
            pause = self._pause = TypingPause(self)  # type: ignore[arg-type]
        pause.add(job)

    def closeEvent(self, event: QCloseEvent) -> None:
        pause = getattr(self, "_pause", None)
        if pause is not None:
            pause.flush()  # a question still waiting is asked before the window goes
        super().closeEvent(event)  # type: ignore[misc]

    def choose_conflict(self, conflict: Any, base: int) -> bool:
        """Someone else changed what the officer edited: True keeps the officer's value."""
        from reportdesk.ui.dialogs.conflict import choose_conflict

        return choose_conflict(self, conflict, base)  # type: ignore[arg-type]
