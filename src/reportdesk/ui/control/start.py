"""The start page's actions (part of the controller; no Qt): bodies, their reports and each
report's state in words (填写中 / 有错误 N / 已定稿), recent reports, a new report, importing the
exchange file, the bin."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportdesk.hidden import visible_fields
from reportdesk.report import Agency, ReportFileError, read_report
from reportdesk.store import ReportInfo, StoreError
from reportdesk.ui.control.session import INCOMPLETE_CODES

if TYPE_CHECKING:
    from reportdesk.checks import Finding

RECENT_MAX = 6


def report_state(info: ReportInfo, findings: list[Finding]) -> str:
    """A report's standing in a few words, as the start page's 状态 column shows it."""
    open_findings = [f for f in findings if not f.accepted]
    errors = [f for f in open_findings if f.level == "error" and f.code not in INCOMPLETE_CODES]
    warnings = [f for f in open_findings if f.level == "warning"]
    if info.finals:
        words = "已定稿（" + "、".join(info.finals) + "）"
    elif errors:
        words = f"有错误 {len(errors)}"
    elif any(f.code in INCOMPLETE_CODES for f in open_findings):
        words = "填写中"
    elif warnings:
        words = f"有提醒 {len(warnings)}"
    else:
        words = "已填完，未定稿"
    if info.unrevised:
        words += f"，{len(info.unrevised)} 段结转文字未修改"
    return words


class StartActions:
    """Mixed into the controller, whose ``view``, ``store``, ``form``, ``settings``, ``session``,
    ``report_id``, ``_key``, ``show_start``, ``open_report`` and ``_refresh`` it uses."""

    view: Any
    store: Any
    form: Any
    settings: Any
    session: Any
    report_id: int | None

    def report_states(self, body_id: int) -> None:
        """The state of each report of a body, for the start page (checked when the body is shown)."""
        from reportdesk.checks import check

        states: dict[int, str] = {}
        for entry in self.store.list_bodies():
            if entry.body.id != body_id:
                continue
            for info in entry.reports:
                try:
                    report = self.store.load(info.id)
                    findings = check(self.form, report, self.store.previous_of(info.id))
                except StoreError:
                    continue
                states[info.id] = report_state(info, findings)
        self.view.show_report_states(states)

    def recent(self) -> list[tuple[int, str]]:
        """Recently opened reports that still exist, newest first: (id, label)."""
        ids = self._recent_ids()
        names = {}
        for b in self.store.list_bodies():
            for r in b.reports:
                names[r.id] = (
                    f"{Agency(name=b.body.name, region=b.body.region, kind=b.body.kind).full_name} · {r.year} 年"
                )
        return [(i, names[i]) for i in ids if i in names]

    def _recent_ids(self) -> list[int]:
        raw = str(self.settings.value(self._key("recent")) or "")
        return [int(x) for x in raw.split(",") if x.strip().isdigit()]

    def _remember_open(self, report_id: int) -> None:
        ids = [report_id, *(i for i in self._recent_ids() if i != report_id)][:RECENT_MAX]
        self.settings.setValue(self._key("recent"), ",".join(str(i) for i in ids))
        self.settings.setValue(self._key("last_report"), report_id)

    # -- bodies and reports --------------------------------------------------------------------

    def create_body(self, values: dict[str, str]) -> int | None:
        values, removed = visible_fields(values)
        try:
            body_id = self.store.add_body(**values)
        except StoreError as e:
            self.view.show_error(str(e))
            return None
        self.show_start()
        self.view.select_body(body_id)
        if removed:
            self.view.show_message("\n".join(removed))
        return body_id

    def save_body(self, body_id: int, values: dict[str, str]) -> None:
        """Save a body's details, and carry them into its drafts (reports with no 定稿), whose
        title and opening paragraph print them; a finalised report keeps what it printed."""
        values, removed = visible_fields(values)
        try:
            self.store.update_body(body_id, **values)
            body = self.store.body(body_id)
            drafts = [
                r.id
                for b in self.store.list_bodies()
                if b.body.id == body_id
                for r in b.reports
                if not r.finals
            ]
            for report_id in drafts:
                agency = self.store.load(report_id).agency
                self.store.set_agency(
                    report_id,
                    replace(agency, name=body.name, region=body.region, kind=body.kind, website=body.website),
                )
        except StoreError as e:
            self.view.show_error(str(e))
            return
        if self.report_id in drafts and self.session is not None:
            self.session.report = self.session.report.with_agency(self.store.load(self.report_id).agency)
            self._refresh(self.session.rerun(), everything=True)
            self.view.show_report_agency(self.session.report)
        self.view.show_start(self.store.list_bodies(), self.recent(), self.store.location)
        self.view.show_message(
            "\n".join([*removed, f"机关信息已保存，并已用于该机关 {len(drafts)} 份未定稿的报告。"])
        )

    def new_report(self, body_id: int, year: int, source_id: int | None) -> int | None:
        try:
            report_id = (
                self.store.rollover(source_id, year)
                if source_id is not None
                else self.store.create_report(body_id, year)
            )
        except StoreError as e:
            self.view.show_error(str(e))
            return None
        self.open_report(report_id)
        return report_id

    def import_json(self, path: str) -> int | None:
        try:
            loaded = read_report(Path(path), self.form)
        except ReportFileError as e:
            self.view.show_error(str(e))
            return None
        report_id: int | None = self.store_imported(loaded.report)  # type: ignore[attr-defined]
        if report_id is None:
            return None
        if loaded.notices:
            self.view.show_message("导入时注意到：\n" + "\n".join(loaded.notices[:8]))
        self.open_report(report_id)
        return report_id

    def delete_report(self, report_id: int) -> None:
        if not self.view.confirm("把这份报告移到回收站？（不会真正删除，可在“文件 → 回收站”中恢复）"):
            return
        try:
            self.store.delete(report_id)
        except StoreError as e:
            self.view.show_error(str(e))
            return
        if report_id == self.report_id:
            self.session, self.report_id = None, None
            self.view.close_report()
        self.show_start()
