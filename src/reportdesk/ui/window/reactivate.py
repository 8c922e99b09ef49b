"""Keyboard focus for dialogs on a bare X server, where no window manager hands it over."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow


class Reactivate(QObject):
    """A dialog that opens gets the keyboard; when it closes, the main window gets it back.

    A window manager does this; a bare X server (Xvfb, kiosk sessions) does not, and then the
    keys the officer types would go nowhere.
    """

    def __init__(self, main: QMainWindow) -> None:
        super().__init__(main)
        self._main = main

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(obj, QDialog) and obj.isWindow():
            if event.type() == QEvent.Type.Show:
                # With a context object the call is dropped if the dialog or window is gone by then.
                QTimer.singleShot(0, obj, lambda d=obj: d.isVisible() and d.activateWindow())
            elif event.type() == QEvent.Type.Hide:
                QTimer.singleShot(0, self, self._activate)
        return False

    def _activate(self) -> None:
        active = QApplication.activeWindow()
        if self._main.isVisible() and (active is None or not active.isVisible()):
            self._main.activateWindow()
