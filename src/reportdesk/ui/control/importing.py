"""Importing a published report from the window (part of the controller; no Qt).

A file of any kind the importers read, or the clipboard, is read and shown in the 导入 dialog
before anything is saved; saving makes a new draft. The figures that need the officer's check
(cut from a digit run, read by column order, a near-matched label) are marked in the report itself
(:mod:`reportdesk.unsure`: every computer opening the database sees them) and tinted in the tables
until the officer types over them or confirms them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportdesk.report import Report, ReportFileError
from reportdesk.store import StoreError
from reportdesk.unsure import holding, stored_marks

if TYPE_CHECKING:
    from reportdesk.importers import ImportResult

# The importers (and the checks they run) are loaded when a file is imported, not with the window.

# The officer's answers when the body already has a report of that year.
OPEN_EXISTING, REPLACE_EXISTING, ANOTHER_BODY = "open", "replace", "another"


def _named(report: Report) -> tuple[str, str]:
    """The name and region an import files a report under (as the store finds its body)."""
    return report.agency.name, report.agency.region


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
        return self.store_imported(result.report)

    def store_imported(self, report: Report) -> int | None:
        """Save an imported report (a published copy or an exchange file) and open it; returns the id
        opened, None when nothing was. When its body already has a report of that year, the officer
        chooses: open that one, replace its content (one revision: the old content stays in its
        history), or import under another body."""
        existing = self._same_year(report)
        said = ""
        try:
            if existing is None:
                report_id: int = self.store.import_report(report)
            else:
                choice = self.view.ask_existing_report(*self._existing_words(report, existing))
                if choice == OPEN_EXISTING:
                    report_id, said = existing, "没有导入，已打开数据库中已有的报告。"
                elif choice == REPLACE_EXISTING and self._replace_confirmed(existing):
                    self.store.replace_with_import(existing, report)
                    report_id, said = existing, "已用导入的内容替换，原内容保留在修改历史中。"
                elif choice == ANOTHER_BODY:
                    return self._as_another_body(report)
                else:
                    return None
        except (StoreError, ReportFileError) as e:
            self.view.show_error(str(e))
            return None
        self.open_report(report_id)
        if said:
            self.view.show_message(said)
        return report_id

    def _same_year(self, report: Report) -> int | None:
        """The report of that year of the body the import would go to (same name and region), if any."""
        bodies = [b for b in self.store.list_bodies() if (b.body.name, b.body.region) == _named(report)]
        for entry in sorted(bodies, key=lambda b: b.body.id)[:1]:  # the body an import is filed under
            for info in entry.reports:
                if info.year == report.year:
                    return int(info.id)
        return None

    def _existing_words(self, report: Report, report_id: int) -> tuple[str, str]:
        info = self.store.info(report_id)
        finals = f"，已定稿（{'、'.join(info.finals)}）" if info.finals else ""
        message = (
            f"“{report.agency.full_name}”的 {report.year} 年报告已在数据库中（编号 {report_id}，"
            f"第 {info.rev} 版{finals}）。导入的报告怎么处理？"
        )
        details = (
            "打开已有的报告：不导入，转到已有的那份。\n"
            "替换：已有报告的内容换成导入的内容；原内容保留在修改历史中，随时可以恢复。\n"
            "作为另一个机关导入：另建一个机关（名称或地区不同），导入的报告存在它名下。"
        )
        return message, details

    def _replace_confirmed(self, report_id: int) -> bool:
        info = self.store.info(report_id)
        finals = (
            f"该报告已定稿（{'、'.join(info.finals)}），替换后定稿仍指向原来的那一版。" if info.finals else ""
        )
        return bool(
            self.view.confirm(
                f"用导入的内容替换编号 {report_id} 的报告（第 {info.rev} 版）的全部内容？",
                finals + "替换记入修改历史（“导入”一步）；在“修改历史”中恢复到第 "
                f"{info.rev} 版即可找回原来的内容。",
                "替换",
            )
        )

    def _as_another_body(self, report: Report) -> int | None:
        values = self.view.ask_new_body(report.agency)
        if not values:
            return None
        if (values["name"], values.get("region", "")) == _named(report):
            self.view.show_error("新机关的名称和地区与已有的机关相同，请改动名称或地区以示区分。")
            return None
        body_id = self.store.add_body(**values)
        agency = replace(
            report.agency, **{k: v for k, v in values.items() if k in ("name", "region", "kind", "website")}
        )
        report_id: int = self.store.import_report(report.with_agency(agency), body_id)
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
