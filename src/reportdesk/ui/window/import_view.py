"""The window's side of importing, attached to the window by the wiring (as its pages are): the 导入
dialog, and the imported figures still to be checked, tinted on the table pages (also on a page
made later)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportdesk.ui.window.page_stack import Page, is_table

if TYPE_CHECKING:
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
