"""What the 汇总 page's actions mean (part of the controller; no Qt).

The page asks for a survey; the controller makes a :class:`~reportdesk.ui.aggregate.survey.SurveyJob`
(the only thing that reads the database for it, on its own connection) and hands it to the view to
run in a worker thread. The finished survey comes back here; "生成本级政府报告" then writes its sums
into the government's report of that year through the store and opens it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportdesk.hidden import visible_fields
from reportdesk.report import ReportFileError
from reportdesk.store import Body, StoreError
from reportdesk.ui.control.session import same_value

if TYPE_CHECKING:
    from reportdesk.ui.aggregate.survey import Request, Survey

AGGREGATE = "aggregate"


def default_year(years: list[int], today: date | None = None) -> int:
    """The year a 政务公开办 most likely sums now: last year, else the latest year in the store."""
    last = (today or date.today()).year - 1
    return last if last in years or not years else max(years)


class AggregateActions:
    """Mixed into the controller, whose ``view``, ``store``, ``form``, ``settings``, ``_key`` and
    ``open_report`` it uses."""

    view: Any
    store: Any
    settings: Any
    page: str
    survey: Survey | None = None

    def governments(self) -> list[Body]:
        """The bodies whose report sums others' (kind ``government``)."""
        return [b.body for b in self.store.list_bodies() if b.body.kind == "government"]

    def show_aggregate(self, select: int | None = None) -> None:
        """The 汇总 page: the government bodies, a year, each body's remembered list of expected bodies."""
        self.page = AGGREGATE
        bodies = self.store.list_bodies()
        governments = [b.body for b in bodies if b.body.kind == "government"]
        years = sorted({r.year for b in bodies for r in b.reports})
        chosen = select if select is not None else self._remembered_government()
        expected = {g.id: self.expected_for(g.id) for g in governments}
        self.view.show_aggregate(governments, chosen, default_year(years), expected)
        self.view.show_page(AGGREGATE)

    def _remembered_government(self) -> int | None:
        raw = str(self.settings.value(self._key("aggregate/government")) or "")
        return int(raw) if raw.isdigit() else None

    def expected_for(self, body_id: int) -> list[str]:
        """The list of bodies expected to report to this government, as last entered."""
        raw = str(self.settings.value(self._key(f"aggregate/expected/{body_id}")) or "")
        return [line for line in raw.split("\n") if line.strip()]

    def remember_expected(self, body_id: int, names: list[str]) -> None:
        """Keep a government's list of expected bodies for next time (per database)."""
        self.settings.setValue(self._key(f"aggregate/expected/{body_id}"), "\n".join(names))

    def read_expected_file(self, path: str) -> list[str] | None:
        """The names in a list file (one body a line); None, with the reason shown, when unreadable."""
        from reportdesk.aggregate import read_expected

        try:
            return read_expected(Path(path))
        except ReportFileError as e:
            self.view.show_error(str(e))
            return None

    def create_government(self, values: dict[str, str]) -> int | None:
        """A new government body, made from the 汇总 page, then chosen there."""
        values, removed = visible_fields(values)
        try:
            body_id = int(self.store.add_body(**{**values, "kind": "government"}))
        except StoreError as e:
            self.view.show_error(str(e))
            return None
        self.show_aggregate(select=body_id)
        if removed:
            self.view.show_message("\n".join(removed))
        return body_id

    def request_survey(self, request: Request) -> None:
        """Check and sum what ``request`` names: the view runs the job in a worker thread."""
        from reportdesk.ui.aggregate.survey import SurveyJob

        try:
            government = self.store.body(request.body_id)
        except StoreError as e:
            self.view.show_error(str(e))
            return
        self.settings.setValue(self._key("aggregate/government"), request.body_id)
        self.survey = None
        self.view.run_survey(SurveyJob(self.store.address, self.form, government, request))

    def survey_done(self, survey: Survey) -> None:
        """A finished survey: shown with what saving it would do (make or update the report)."""
        if survey.cancelled:
            return
        self.survey = survey
        existing = self._government_report(survey.request)
        self.view.show_survey(survey, existing is not None)

    def _government_report(self, request: Request) -> int | None:
        for b in self.store.list_bodies():
            if b.body.id == request.body_id:
                return next((r.id for r in b.reports if r.year == request.year), None)
        return None

    def save_total(self) -> int | None:
        """Write the summed tables 2–4 into the government's report of the year (made if it has
        none; its narrative is never touched) and open it. Overwriting figures that differ, or a
        report with a 定稿, is asked first."""
        survey = self.survey
        if survey is None or survey.total is None or survey.summed == 0:
            self.view.show_error("没有可以相加的报告：请先检查各机关的报告，至少要有一份可以计入。")
            return None
        request, total = survey.request, survey.total.report
        values = {k: total.cells.get(k) for k, c in self.form.cells.items() if not c.computed}
        note = f"由 {survey.summed} 份报告汇总"
        try:
            report_id = self._government_report(request)
            if report_id is None:
                report_id = int(self.store.create_report(request.body_id, request.year))
            elif not self._may_overwrite(report_id, values):
                return None
            self.store.set_summed_cells(report_id, values, note)
        except StoreError as e:
            self.view.show_error(str(e))
            return None
        self.open_report(report_id)
        self.view.show_message(
            f"已把 {survey.summed} 份报告的表二至表四相加，写入本级政府 {request.year} 年报告。"
        )
        return report_id

    def _may_overwrite(self, report_id: int, values: dict[str, Any]) -> bool:
        current = self.store.load(report_id)
        differ = [
            k
            for k, v in values.items()
            if current.cells.get(k) is not None and not same_value(current.cells.get(k), v)
        ]
        finals = self.store.info(report_id).finals
        if not differ and not finals:
            return True
        lines = []
        if differ:
            lines.append(f"本级政府 {current.year} 年报告的表格中已有 {len(differ)} 个数字与汇总结果不同。")
        if finals:
            lines.append(f"这份报告已记为定稿（{'、'.join(finals)}）。")
        lines.append("文字部分不会改动；原来的数字仍可在“修改历史”中恢复。")
        return bool(self.view.confirm("用汇总结果覆盖表二至表四的数字吗？", "\n".join(lines), "覆盖(&O)"))
