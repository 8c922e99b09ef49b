"""Importing a published report from the window (part of the controller; no Qt).

A file of any kind the importers read, or the clipboard, is read and shown in the 导入 dialog
before anything is saved; saving makes a new draft. The figures that need the officer's check
(cut from a digit run, read by column order, a near-matched label) are remembered per report and
marked in the tables until the officer edits them or confirms them all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportdesk.report import ReportFileError
from reportdesk.store import StoreError

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
    """Mixed into the controller, which provides ``store``, ``settings``, ``view``, ``form``, ``report_id``,
    ``_key``, ``open_report`` and ``import_json``."""

    store: Any
    settings: Any
    view: Any
    form: Any
    report_id: int | None

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
        """Save an import as a new draft, remember its unsure figures, open it."""
        from reportdesk.importers.summary import HOW

        try:
            report_id: int = self.store.import_report(result.report)
        except (StoreError, ReportFileError) as e:
            self.view.show_error(str(e))
            return None
        marks = {k: f"{HOW[o.how]}（{o.where}）" for k, o in result.origins.items() if k in result.unsure}
        self._save_marks(report_id, marks)
        self.open_report(report_id)
        return report_id

    def _marks_key(self, report_id: int) -> str:
        return self._key(f"report/{report_id}/unsure")

    def _save_marks(self, report_id: int, marks: Mapping[str, str]) -> None:
        self.settings.setValue(self._marks_key(report_id), json.dumps(dict(marks), ensure_ascii=False))

    def unsure_marks(self) -> dict[str, str]:
        """The open report's figures still to be checked: cell key → how it was read."""
        if self.report_id is None:
            return {}
        try:
            marks = json.loads(str(self.settings.value(self._marks_key(self.report_id)) or "{}"))
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in marks.items()} if isinstance(marks, dict) else {}

    def confirm_unsure(self, keys: Iterable[str] | None = None) -> None:
        """The officer has checked these figures (all, when ``keys`` is None): their marks go."""
        if self.report_id is None:
            return
        marks = self.unsure_marks()
        if not marks:
            return
        left = {} if keys is None else {k: v for k, v in marks.items() if k not in set(keys)}
        if left != marks:
            self._save_marks(self.report_id, left)
            self.view.show_unsure(left)
