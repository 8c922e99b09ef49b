"""Importing a published report from the window (part of the controller; no Qt).

A file of any kind the importers read, or the clipboard, is read and shown in the 导入 dialog
before anything is saved; saving makes a new draft. The figures that need the officer's check
(cut from a digit run, read by column order, a near-matched label) are marked in the report itself
(:mod:`reportdesk.unsure`: every computer opening the database sees them) and tinted in the tables
until the officer types over them or confirms them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportdesk.report import ReportFileError
from reportdesk.store import StoreError
from reportdesk.unsure import holding, stored_marks

if TYPE_CHECKING:
    from reportdesk.importers import ImportResult

# The importers (and the checks they run) are loaded when a file is imported, not with the window.


def file_filter() -> str:
    """What the file-open dialog offers: the exchange JSON and everything the importers read."""
    from reportdesk.importers import SUFFIXES

    return (
        "报告文件 (" + " ".join(f"*{s}" for s in (".json", *SUFFIXES)) + ");;"
        "Word/WPS 文档 (*.docx *.doc *.wps);;网页 (*.html *.htm);;PDF (*.pdf);;"
        "文本 (*.txt *.md);;Excel/WPS 表格 (*.xlsx *.xls *.et);;报告交换文件 (*.json);;所有文件 (*)"
    )


class ImportActions:
    """Mixed into the controller, which provides ``store``, ``view``, ``form``, ``session``, ``_run``,
    ``open_report`` and ``import_json``."""

    store: Any
    view: Any
    form: Any
    session: Any
    _run: Any

    def import_file(self, path: str) -> None:
        """A file chosen to import: an exchange JSON at once, anything else through the 导入 dialog."""
        if Path(path).suffix.lower() == ".json":
            self.import_json(path)
        else:
            self.view.open_import_dialog(path)

    def read_published(
        self, source: str | tuple[str, str | None, str | None], choices: Mapping[str, int]
    ) -> ImportResult:
        """Read a file (a path) or the clipboard (("clipboard", html, text)); raises ReportFileError."""
        from reportdesk.importers import import_report
        from reportdesk.importers.pasted import import_pasted

        if isinstance(source, str):
            return import_report(Path(source), self.form, choices=choices)
        _, html, text = source
        return import_pasted(self.form, html, text, choices=choices)

    def save_import(self, result: ImportResult) -> int | None:
        """Save an import as a new draft (its unsure figures marked in it), open it."""
        try:
            report_id: int = self.store.import_report(result.report)
        except (StoreError, ReportFileError) as e:
            self.view.show_error(str(e))
            return None
        self.open_report(report_id)
        return report_id

    def unsure_marks(self) -> dict[str, str]:
        """The open report's imported figures still to be checked: cell key → how it was read."""
        if self.session is None:
            return {}
        return {k: m.note for k, m in holding(self.form, self.session.report).items()}

    def confirm_unsure(self, keys: Iterable[str] | None = None) -> None:
        """The officer has checked these figures (all, when ``keys`` is None): their marks go (one undo step)."""
        chosen = None if keys is None else tuple(keys)
        if self.session is not None and (
            chosen is None or set(chosen) & set(stored_marks(self.session.report))
        ):
            self._run(lambda s: s.confirm_unsure(chosen))

    def show_marks(self, everything: bool = False) -> None:
        """Tint the imported figures still to be checked, when they changed since last shown."""
        marks = self.unsure_marks()
        if everything or marks != getattr(self, "_shown_marks", None):
            self._shown_marks = marks
            self.view.show_unsure(marks)
