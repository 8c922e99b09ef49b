"""The window's yes/no questions: what will happen, the details below, a yes button that names it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def question_box(parent: QWidget, message: str, details: str = "", yes: str = "") -> QMessageBox:
    """The window's yes/no question (also shown by --screenshots)."""
    yes_no = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = QMessageBox(QMessageBox.Icon.Question, "请确认", message, yes_no, parent)
    if details:
        box.setInformativeText(details)
        # Paths in the details wrap less awkwardly in a wider box.
        box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 460px; }")
    if yes:
        box.button(QMessageBox.StandardButton.Yes).setText(yes)
        box.button(QMessageBox.StandardButton.No).setText("取消")
    return box
