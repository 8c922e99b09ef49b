"""What the window does for every widget of the application, through one event filter (each filter
costs a little on every event, so there is only this one):

* a dialog that opens fits the screen and gets the keyboard; when it closes, the main window gets
  it back (a window manager does this; a bare X server or a kiosk session does not, and then the
  keys the officer types would go nowhere);
* Ctrl+Y redoes on every platform, as in Excel and WPS — Qt binds redo to Ctrl+Shift+Z on Linux.
  A text field with its own undo redoes its own typing; elsewhere the window's 重做 (which has
  Ctrl+Y among its shortcuts) redoes the report.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from reportdesk.ui.window.fit import clamp_to_screen

CTRL_Y = QKeySequence("Ctrl+Y")


def is_ctrl_y(event: QKeyEvent) -> bool:
    """The key is Ctrl+Y (and nothing else held)."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() == Qt.Key.Key_Y and mods == Qt.KeyboardModifier.ControlModifier


def redo_shortcuts(platform: list[QKeySequence] | None = None) -> list[QKeySequence]:
    """Ctrl+Y first (the menu shows the first: what F1 and the user guide say), then the platform's
    own redo keys."""
    keys = list(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if platform is None else platform)
    return [CTRL_Y, *(k for k in keys if k != CTRL_Y)]


def own_redo(widget: QObject) -> QLineEdit | QTextEdit | QPlainTextEdit | None:
    """A text field that keeps its own undo history (Ctrl+Y must redo its typing, not the report)."""
    if isinstance(widget, QLineEdit):
        return None if widget.isReadOnly() else widget
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return widget if widget.isUndoRedoEnabled() and not widget.isReadOnly() else None
    return None


class AppEvents(QObject):
    """Installed on the application by the main window."""

    def __init__(self, main: QMainWindow) -> None:
        super().__init__(main)
        self._main = main

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride or kind == QEvent.Type.KeyPress:
            return self._key(obj, event, kind)
        if (
            (kind == QEvent.Type.Show or kind == QEvent.Type.Hide)
            and isinstance(obj, QDialog)
            and obj.isWindow()
        ):
            self._dialog(obj, kind)
        return False

    def _key(self, obj: QObject, event: QEvent, kind: QEvent.Type) -> bool:
        if not isinstance(event, QKeyEvent) or not is_ctrl_y(event):
            return False
        field = own_redo(obj)
        if field is None:
            return False  # the window's 重做 takes it as a shortcut
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the field gets the key press rather than the window's shortcut
            return True
        field.redo()
        return True

    def _dialog(self, dialog: QDialog, kind: QEvent.Type) -> None:
        if kind == QEvent.Type.Show:
            # After the dialog has laid itself out (a message box sizes itself as it shows).
            # With a context object the call is dropped if the dialog is gone by then.
            QTimer.singleShot(0, dialog, lambda d=dialog: _shown(d))
        else:
            QTimer.singleShot(0, self, self._activate)

    def _activate(self) -> None:
        active = QApplication.activeWindow()
        if self._main.isVisible() and (active is None or not active.isVisible()):
            self._main.activateWindow()


def _shown(dialog: QWidget) -> None:
    if dialog.isVisible():
        clamp_to_screen(dialog)
        dialog.activateWindow()
