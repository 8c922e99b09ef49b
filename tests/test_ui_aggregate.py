"""The 汇总 page's logic without a screen: each body's state, the sum, and the government's report
made or updated through the controller (a fake view answers for the window)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reportdesk.form import Form
from reportdesk.report import Agency, Report, write_report
from reportdesk.store import Store
from reportdesk.ui.aggregate.survey import Request, Survey, SurveyJob, headline
from reportdesk.ui.control.controller import Controller
from tests.aggregate_support import generated
from tests.test_ui_controller import DictSettings, FakeView

REGION = "某某市某某区"


class View(FakeView):
    """The fake view, running the jobs it is handed at once, as the window does in a thread."""

    def __init__(self, form: Form) -> None:
        super().__init__(form)
        self.controller: Controller | None = None
        self.questions: list[tuple[str, str]] = []

    def confirm(self, message: str, details: str = "", yes: str = "") -> bool:
        self.questions.append((message, details))
        return self.answer

    def run_survey(self, job: SurveyJob) -> None:
        assert self.controller is not None
        self.controller.survey_done(job.run(lambda _done, _total: None, lambda: False))

    def run_task(
        self, message: str, job: Callable[[], Any], done: Callable[[Any], None], exclusive: bool
    ) -> None:
        self.calls.append(("run_task", (message, exclusive)))
        done(job())


def body_report(
    form: Form, rng: random.Random, name: str, year: int = 2024, kind: str = "department"
) -> Report:
    return replace(generated(form, rng, year, name, kind), agency=Agency(name=name, region=REGION, kind=kind))


@pytest.fixture
def county(tmp_path: Path, form: Form) -> Iterator[tuple[Controller, View, dict[str, int]]]:
    """A county's store: the government, and bodies whose 2024 reports are in every state."""
    rng = random.Random(11)
    view = View(form)
    with Store.open(tmp_path / "county.db", form=form) as store:
        ids: dict[str, int] = {"gov": store.add_body("某某区人民政府", REGION, "government")}
        for name in ("财政局", "教育局", "公安分局"):
            ids[name] = store.import_report(body_report(form, rng, name))
        store.finalize(ids["财政局"], "报送稿")
        store.set_cell(ids["公安分局"], "t3.disclosed.natural", 99999)  # a total no longer adds up
        blank = store.add_body("卫生健康委员会", REGION, "department")
        ids["卫生健康委员会"] = store.create_report(blank, 2024)
        late = store.add_body("农业农村局", REGION, "department")
        store.create_report(late, 2023)  # no 2024 report
        other_gov = store.add_body("某某市人民政府", "某某市", "government")
        store.import_report(body_report(form, rng, "某某市人民政府", kind="government"), other_gov)
        c = Controller(view, store, form, DictSettings())
        view.controller = c
        yield c, view, ids


def states(survey: Survey) -> dict[str, tuple[str, str]]:
    return {r.body: (r.label, r.counted) for r in survey.rows}


def test_each_body_of_the_store_is_listed_with_its_state(
    county: tuple[Controller, View, dict[str, int]],
) -> None:
    c, _view, ids = county
    c.request_survey(Request(ids["gov"], 2024))
    assert c.survey is not None
    assert states(c.survey) == {
        f"{REGION}公安分局": ("有错误 1", "不计入"),  # one slip (a typed figure) is one finding
        f"{REGION}卫生健康委员会": ("未开始", "不计入"),
        f"{REGION}农业农村局": ("缺少该年度报告", ""),
        f"{REGION}教育局": ("有提醒", "计入"),  # generated figures in 规章, which a department cannot make
        f"{REGION}财政局": ("已定稿", "计入"),
    }
    # Worst first: what needs chasing is at the top.
    assert [r.state for r in c.survey.rows] == ["errors", "empty", "missing", "warnings", "final"]
    assert c.survey.summed == 2
    assert next(r for r in c.survey.rows if r.body.endswith("财政局")).report_id == ids["财政局"]
    # Why, in words: a finding's title, never its code (T3-BALANCE, REG-KIND …).
    for row in c.survey.rows:
        assert not any(code in row.detail for code in c.form.codes), row.detail
    assert next(r for r in c.survey.rows if r.state == "errors").detail


def test_the_sum_is_that_of_the_reports_counted(
    county: tuple[Controller, View, dict[str, int]], form: Form
) -> None:
    c, _view, ids = county
    c.request_survey(Request(ids["gov"], 2024))
    assert c.survey is not None and c.survey.total is not None
    counted = [c.store.load(ids["财政局"]), c.store.load(ids["教育局"])]
    for key in ("t3.new.natural", "t3.results_total.total", "t4.review.total", "t2.fees.amount"):
        assert c.survey.total.report.cells[key] == sum(r.cells[key] for r in counted), key  # type: ignore[misc]
    new = sum(r.cells["t3.new.total"] for r in counted)  # type: ignore[misc]
    assert f"本年新收申请 {new}" in headline(form, c.survey.total.report)
    # Allowing errors sums the broken report too, marked to be checked.
    c.request_survey(Request(ids["gov"], 2024, allow_errors=True))
    assert states(c.survey)[f"{REGION}公安分局"] == ("有错误 1", "计入，需核实")
    assert c.survey.summed == 3


def test_files_of_another_year_unreadable_or_the_governments_own(
    county: tuple[Controller, View, dict[str, int]], form: Form, tmp_path: Path
) -> None:
    c, _view, ids = county
    rng = random.Random(5)
    old = tmp_path / "sifa-2023.json"
    write_report(body_report(form, rng, "司法局", 2023), form, old)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    own = tmp_path / "own.json"
    write_report(body_report(form, rng, "某某区人民政府", kind="government"), form, own)
    extra = tmp_path / "wenlv.json"
    write_report(body_report(form, rng, "文化旅游局"), form, extra)
    files = tuple(str(p) for p in (old, broken, own, extra))
    c.request_survey(Request(ids["gov"], 2024, use_store=False, files=files))
    assert c.survey is not None
    got = {r.source: (r.label, r.counted) for r in c.survey.rows}
    assert got == {
        "sifa-2023.json": ("年度不符", "不计入"),
        "broken.xlsx": ("无法读取", "不计入"),
        "own.json": ("本级政府自己的报告", "不计入"),
        "wenlv.json": ("有提醒", "计入"),
    }
    assert "2023" in next(r.detail for r in c.survey.rows if r.source == "sifa-2023.json")
    assert c.survey.summed == 1


def test_the_expected_list_names_who_is_missing_and_who_is_not_on_it(
    county: tuple[Controller, View, dict[str, int]],
) -> None:
    c, _view, ids = county
    expected = ("财政局", f"{REGION}教育局", "公安分局", "农业农村局", "统计局")
    c.request_survey(Request(ids["gov"], 2024, expected=expected))
    assert c.survey is not None
    rows = {r.body: r for r in c.survey.rows}
    assert rows["统计局"].label == "缺少该年度报告" and rows["统计局"].source == "应报机关名单"
    # Listed once, though the store and the list both miss it.
    assert [r.body for r in c.survey.rows].count(f"{REGION}农业农村局") == 1 and "农业农村局" not in rows
    assert rows[f"{REGION}财政局"].counted == "计入"
    # A body that reported with errors is not counted, but it is not missing either.
    assert rows[f"{REGION}公安分局"].label == "有错误 1" and "公安分局" not in rows
    c.request_survey(Request(ids["gov"], 2024, expected=("财政局",)))
    rows = {r.body: r for r in c.survey.rows}
    assert (
        rows[f"{REGION}教育局"].counted == "计入，需核实"
        and "不在应报机关名单中" in rows[f"{REGION}教育局"].detail
    )


def test_a_cancelled_survey_is_not_shown(county: tuple[Controller, View, dict[str, int]]) -> None:
    c, view, ids = county
    job = SurveyJob(Path(c.store.path), c.form, c.store.body(ids["gov"]), Request(ids["gov"], 2024))
    survey = job.run(lambda _d, _t: None, lambda: True)
    assert survey.cancelled and not survey.rows
    c.survey_done(survey)
    assert c.survey is None and not view.said("show_survey")


def test_the_governments_report_is_made_with_the_sum_then_opened(
    county: tuple[Controller, View, dict[str, int]],
) -> None:
    c, view, ids = county
    c.request_survey(Request(ids["gov"], 2024))
    assert view.said("show_survey")[-1][1] is False  # no report yet: the button makes one
    report_id = c.save_total()
    assert report_id is not None and c.report_id == report_id
    report = c.store.load(report_id)
    assert report.agency.kind == "government" and report.year == 2024
    assert c.survey is not None and c.survey.total is not None
    for key, cell in c.form.cells.items():
        assert report.cells.get(key) == c.survey.total.report.cells.get(key), cell.label
    assert all(not t for t in report.texts.values())
    last = c.store.history(report_id)[-1]
    assert last.action == "aggregate" and "2 份报告" in last.note
    c.request_survey(Request(ids["gov"], 2024))
    assert view.said("show_survey")[-1][1] is True  # now the button updates it


def test_updating_keeps_the_narrative_and_asks_before_overwriting_figures(
    county: tuple[Controller, View, dict[str, int]],
) -> None:
    c, view, ids = county
    gov_report = c.store.create_report(ids["gov"], 2024)
    c.store.set_text(gov_report, "s1.active", "本级政府撰写的正文。")
    c.store.set_cell(gov_report, "t3.new.natural", 7)
    c.request_survey(Request(ids["gov"], 2024))
    view.answer = False
    assert c.save_total() is None
    assert c.store.load(gov_report).cells["t3.new.natural"] == 7
    question, details = view.questions[-1]
    assert "覆盖" in question and "1 个数字" in details and "文字部分不会改动" in details
    view.answer = True
    assert c.save_total() == gov_report
    after = c.store.load(gov_report)
    assert c.survey is not None and c.survey.total is not None
    assert after.cells["t3.new.natural"] == c.survey.total.report.cells["t3.new.natural"]
    assert after.texts["s1.active"] == "本级政府撰写的正文。"
    # Figures already equal to the sum are written without asking again.
    asked = len(view.questions)
    c.request_survey(Request(ids["gov"], 2024))
    assert c.save_total() == gov_report and len(view.questions) == asked


def test_nothing_to_sum_makes_no_report(county: tuple[Controller, View, dict[str, int]]) -> None:
    c, view, ids = county
    c.request_survey(Request(ids["gov"], 2030))
    assert c.save_total() is None and view.said("show_error")
    assert all(r.year != 2030 for b in c.store.list_bodies() for r in b.reports)


def test_the_page_offers_the_governments_and_remembers_their_lists(
    county: tuple[Controller, View, dict[str, int]],
) -> None:
    c, view, ids = county
    c.remember_expected(ids["gov"], ["财政局", "教育局"])
    c.request_survey(Request(ids["gov"], 2024))
    c.show_aggregate()
    governments, chosen, year, expected = view.said("show_aggregate")[-1]
    assert [g.name for g in governments] == ["某某区人民政府", "某某市人民政府"]
    assert chosen == ids["gov"] and year in (2023, 2024)
    assert expected[ids["gov"]] == ["财政局", "教育局"]
    assert c.page == "aggregate" and ("aggregate",) in view.said("show_page")
    new_id = c.create_government(
        {"name": "某某县人民政府", "region": "某某市", "kind": "department", "website": ""}
    )
    assert new_id is not None and c.store.body(new_id).kind == "government"
    assert view.said("show_aggregate")[-1][1] == new_id


def test_a_list_file_is_read_or_its_problem_shown(
    county: tuple[Controller, View, dict[str, int]], tmp_path: Path
) -> None:
    c, view, _ids = county
    listing = tmp_path / "名单.txt"
    listing.write_bytes("# 应报机关\n财政局\n\n教育局\n".encode("gb18030"))
    assert c.read_expected_file(str(listing)) == ["财政局", "教育局"]
    assert c.read_expected_file(str(tmp_path / "none.txt")) is None
    assert "不存在" in view.said("show_error")[-1][0]
