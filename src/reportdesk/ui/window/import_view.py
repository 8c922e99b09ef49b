"""The window's side of importing, attached to the window by the wiring (as its pages are): the 导入
dialog, the imported figures still to be checked, tinted on the table pages (also on a page made
later), and the question when the body already has a report of the imported year."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportdesk.ui.window.page_stack import Page, is_table

if TYPE_CHECKING:
    from reportdesk.report import Agency
    from reportdesk.ui.window.main_window import MainWindow


def show_unsure(window: MainWindow, marks: dict[str, str]) -> None:
    """Mark the imported figures still to be checked (cell key → how each was read)."""
    window.unsure_marks = dict(marks)  # type: ignore[attr-defined]
    for page in window.pages.built():
        mark_page(window, page)
    window.actions_["confirm_import"].setEnabled(bool(marks))


def mark_page(window: MainWindow, page: Page) -> None:
    """Tint a table page's imported figures still to be checked."""
    if is_table(page):
        page.model.set_unsure(getattr(window, "unsure_marks", {}))


def open_import_dialog(window: MainWindow, source: Any) -> None:
    """The 导入 dialog on a file path or ("clipboard", html, text): what was read, before saving."""
    from reportdesk.ui.dialogs.import_report import ImportDialog

    window.import_dialog = ImportDialog(window.controller, window.form, source, window)  # type: ignore[attr-defined]
    window.import_dialog.open()  # type: ignore[attr-defined]


def ask_existing_report(window: MainWindow, message: str, details: str) -> str | None:
    """The body already has a report of the imported year: open it, replace it, or another body
    (the controller's OPEN_EXISTING / REPLACE_EXISTING / ANOTHER_BODY); None: cancelled."""
    from PySide6.QtWidgets import QMessageBox

    from reportdesk.ui.control.importing import ANOTHER_BODY, OPEN_EXISTING, REPLACE_EXISTING

    box = QMessageBox(QMessageBox.Icon.Question, "该年度的报告已存在", message, parent=window)
    box.setInformativeText(details)
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 460px; }")
    answers = {
        box.addButton("打开已有的报告(&O)", QMessageBox.ButtonRole.AcceptRole): OPEN_EXISTING,
        box.addButton("替换(&R)…", QMessageBox.ButtonRole.DestructiveRole): REPLACE_EXISTING,
        box.addButton("作为另一个机关导入(&N)…", QMessageBox.ButtonRole.ActionRole): ANOTHER_BODY,
    }
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(next(iter(answers)))
    box.setEscapeButton(cancel)
    window.question = box  # type: ignore[attr-defined]
    box.exec()
    return answers.get(box.clickedButton())  # type: ignore[call-overload]


def ask_new_body(window: MainWindow, agency: Agency) -> dict[str, str] | None:
    """The 新建机关 dialog filled in from the imported report, for the officer to tell the body apart."""
    from PySide6.QtWidgets import QDialog

    from reportdesk.store import Body
    from reportdesk.ui.dialogs.body import BodyDialog

    dialog = BodyDialog(window.form, window)
    dialog.setWindowTitle("作为另一个机关导入")
    dialog.fields.set_body(Body(0, agency.name, agency.region, agency.kind, agency.website))
    dialog.problem.setText("请改动名称或所属地区，与已有的机关区分开。")
    window.body_dialog = dialog  # type: ignore[attr-defined]
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.fields.values()
