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


# A message longer than this shows its first lines; the whole text is under 显示详细信息.
MAX_LINES = 10
MAX_CHARS = 480


def message_box(parent: QWidget, title: str, message: str, icon: QMessageBox.Icon) -> QMessageBox:
    """A message with an OK button that never grows taller than a small screen."""
    lines = message.splitlines() or [""]
    head = message
    if len(lines) > MAX_LINES or len(message) > MAX_CHARS:
        head = "\n".join(lines[: MAX_LINES - 2])[:MAX_CHARS].rstrip() + "\n……（全文见下方“显示详细信息”）"
    box = QMessageBox(icon, title, head, QMessageBox.StandardButton.Ok, parent)
    if head != message:
        box.setDetailedText(message)
    return box
