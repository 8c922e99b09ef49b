"""The question when someone else changed what the officer edited: keep theirs, or write mine.

It comes once the officer has stopped typing; still, keys pressed in its first moment (a fast typist
going on) were meant for the page, not for it — Enter there would choose for the officer, a digit
would be lost. Such keys are held and, once the question is answered, given to the page.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from reportdesk.store import Conflict
from reportdesk.store.conflicts import shown

ARMED_AFTER_S = 0.8  # keys before this were typed before the officer could have read the question


class HeldKeys(QObject):
    """While installed on the application: keys and input-method text meant for ``box`` in its first
    :data:`ARMED_AFTER_S` are kept back; :meth:`give_back` sends them to whatever has focus then."""

    def __init__(self, box: QWidget) -> None:
        super().__init__(box)
        self._box = box
        self._until = time.monotonic() + ARMED_AFTER_S
        self.held: list[QKeyEvent | QInputMethodEvent] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.ShortcutOverride,
            QEvent.Type.InputMethod,
        ):
            return False
        if (
            time.monotonic() >= self._until
            or not isinstance(watched, QWidget)
            or watched.window() is not self._box
        ):
            return False
        if isinstance(event, QKeyEvent) and kind == QEvent.Type.KeyPress:
            self.held.append(
                QKeyEvent(kind, event.key(), event.modifiers(), event.text(), event.isAutoRepeat())
            )
        elif isinstance(event, QInputMethodEvent) and event.commitString():
            self.held.append(QInputMethodEvent(event.preeditString(), event.attributes()))
            self.held[-1].setCommitString(event.commitString())
        return True

    def give_back(self) -> None:
        """Send the held keys, in order, to the widget that has focus (the page, once the question is gone)."""
        page = self._box.parentWidget()
        for event in self.held:
            # The window may not be active again yet: its own focus widget is where typing goes.
            target = QApplication.focusWidget() or (page.window().focusWidget() if page else None)
            if target is None:
                break
            QApplication.sendEvent(target, event)
            if isinstance(event, QKeyEvent):
                release = QKeyEvent(QEvent.Type.KeyRelease, event.key(), event.modifiers(), event.text())
                QApplication.sendEvent(target, release)
        self.held = []


def choose_conflict(parent: QWidget, conflict: Conflict, base: int) -> bool:
    """Someone else changed what the officer edited: True keeps the officer's value over theirs."""
    box = QMessageBox(parent)
    box.setWindowTitle("别人刚修改了同一处")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setText(conflict.describe(base) + "。")
    box.setInformativeText(
        "为免覆盖别人的修改，您的修改还没有保存。请选择保留哪一个（两次修改都会记入修改历史）："
    )
    theirs = box.addButton(f"保留对方的 {shown(conflict.theirs)}(&K)", QMessageBox.ButtonRole.RejectRole)
    box.addButton(f"改为我的 {shown(conflict.mine)}(&M)", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(theirs)
    held = HeldKeys(box)
    app = QApplication.instance()
    app.installEventFilter(held)
    try:
        box.exec()
    finally:
        app.removeEventFilter(held)
    held.give_back()
    return box.clickedButton() is not theirs
