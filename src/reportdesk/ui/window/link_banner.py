"""The shared database's link, above the page: said at once when it is lost, with how many edits wait
on this computer; while it shows, a timer asks the controller to send them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from reportdesk.ui import theme

RESEND_EVERY_MS = 3000


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


class SharedView:
    """The main window's part of the shared database (mixed in): the link, the conflict question."""

    link: LinkBanner
    saved: QLabel

    def show_link(self, online: bool, waiting: int, where: str) -> None:
        """The shared database's link: said at once when it is lost, and what waits to be sent."""
        said = self.link.show_link(online, waiting, where)
        if said:
            self.saved.setText(said)

    def later(self, job: Callable[[], object]) -> None:
        """Run ``job`` once the window is back in its event loop (after the current edit)."""
        QTimer.singleShot(0, job)

    def choose_conflict(self, conflict: Any, base: int) -> bool:
        """Someone else changed what the officer edited: True keeps the officer's value."""
        from reportdesk.ui.dialogs.connect import choose_conflict

        return choose_conflict(self, conflict, base)  # type: ignore[arg-type]
