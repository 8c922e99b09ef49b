"""The government-wide total: sums known in advance, refused and flagged inputs, missing bodies,
sources kept losslessly."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdesk.aggregate import EXTRA_KEY, FLAGGED, INCLUDED, REFUSED, Input, aggregate, read_expected
from reportdesk.checks.numbers import number_findings
from reportdesk.form import Form, load_form
from reportdesk.report import Agency, Report, ReportFileError, dumps, loads
from reportdesk.values import Invalid, is_number
from reportdesk.workbook import import_workbook, write_workbook

from .aggregate_support import generated

GOV = Agency(name="某某市人民政府", region="某某省某某市", website="https://www.example.gov.cn/")


def inputs(reports: list[Report]) -> list[Input]:
    return [Input(f"{r.agency.name}.json", r) for r in reports]


def expected_sum(form: Form, reports: list[Report]) -> dict[str, object]:
    """Every cell, totals included, summed here independently of the code under test."""
    out: dict[str, object] = {}
    for key in form.cells:
        numbers = [r.cells[key] for r in reports if is_number(r.cells.get(key))]
        out[key] = sum(numbers[1:], numbers[0]) if numbers else None  # type: ignore[operator]
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), count=st.integers(1, 12))
def test_the_total_is_the_sum_of_every_cell(seed: int, count: int) -> None:
    form = load_form()
    rng = random.Random(seed)
    reports = [generated(form, rng, 2024, f"第{i}局") for i in range(count)]
    result = aggregate(inputs(reports), form, year=2024, agency=GOV)
    assert dict(result.report.cells) == expected_sum(form, reports)
    assert result.summed == count
    assert [s.status for s in result.sources] == [INCLUDED] * count
    assert [f for f in number_findings(form, result.report, None) if f.level == "error"] == []


def test_amounts_are_summed_exactly(form: Form) -> None:
    rng = random.Random(7)
    reports = [
        generated(form, rng, 2024, name).with_cell("t2.fees.amount", Decimal(text))
        for name, text in (("甲局", "0.1"), ("乙局", "0.2"), ("丙局", "4068.208"), ("丁局", "96171.6"))
    ]
    total = aggregate(inputs(reports), form, year=2024, agency=GOV).report
    assert total.value("t2.fees.amount") == Decimal("100240.108")
    assert json.loads(dumps(total, form))["cells"]["t2.fees.amount"] == "100240.108"


def test_the_result_is_a_government_report_ready_for_its_narrative(form: Form) -> None:
    rng = random.Random(1)
    reports = [
        generated(form, rng, 2024, "甲局", "department"),
        generated(form, rng, 2024, "乙镇", "township"),
    ]
    total = aggregate(inputs(reports), form, year=2024, agency=GOV).report
    assert (total.year, total.agency.name, total.agency.kind) == (2024, GOV.name, "government")
    assert total.agency.region == GOV.region and total.agency.website == GOV.website
    assert set(total.texts) == set(form.text_keys) and all(t == "" for t in total.texts.values())
    assert dict(total.explanations) == {}


def test_a_cell_blank_everywhere_stays_blank(form: Form) -> None:
    rng = random.Random(2)
    a = generated(form, rng, 2024, "甲局").with_cell("t2.regulations.issued", None)
    b = generated(form, rng, 2024, "乙局").with_cell("t2.regulations.issued", None)
    c = generated(form, rng, 2024, "丙局").with_cells(
        {"t2.regulations.issued": None, "t2.licensing.decisions": None}
    )
    total = aggregate(inputs([a, b, c]), form, year=2024, agency=GOV, allow_errors=True).report
    assert total.value("t2.regulations.issued") is None
    assert total.value("t2.licensing.decisions") == a.value("t2.licensing.decisions") + b.value(  # type: ignore[operator]
        "t2.licensing.decisions"
    )


def test_another_year_is_refused(form: Form, seed: Report, huaian: Report) -> None:
    result = aggregate(inputs([seed, huaian]), form, year=2024, agency=GOV)
    assert [s.status for s in result.sources] == [REFUSED, INCLUDED]
    assert "年度为 2023" in result.sources[0].reasons[0]
    assert dict(result.report.cells) == dict(huaian.cells)


def test_errors_are_refused_or_flagged(form: Form, hongze2023: Report, seed: Report) -> None:
    other = seed.with_agency(Agency(name="另一局"))
    refused = aggregate(inputs([hongze2023, other]), form, year=2023, agency=GOV)
    assert refused.sources[0].status == REFUSED
    assert any(r.startswith("T4-TOTAL") for r in refused.sources[0].reasons)
    assert refused.summed == 1
    allowed = aggregate(inputs([hongze2023, other]), form, year=2023, agency=GOV, allow_errors=True)
    record = allowed.sources[0]
    assert record.status == FLAGGED and record.errors > 0
    # The printed wrong total (0) is not carried over: totals follow from the summed leaves.
    review = sum(hongze2023.value(f"t4.review.{c.key}") or 0 for c in form.t4.columns if not c.computed)
    assert allowed.report.value("t4.review.total") == review + (seed.value("t4.review.total") or 0)


def test_a_value_that_cannot_be_added_is_always_refused(form: Form, huaian: Report) -> None:
    bad = huaian.with_cell("t3.new.natural", Invalid("三千", "不是数字"))
    result = aggregate([Input("bad.json", bad)], form, year=2024, agency=GOV, allow_errors=True)
    assert result.sources[0].status == REFUSED
    assert "无法相加" in result.sources[0].reasons[0] and result.summed == 0


def test_unreadable_and_duplicate_inputs_are_refused(form: Form, huaian: Report) -> None:
    result = aggregate(
        [Input("a.json", huaian), Input("broken.xlsx", None, "文件不完整或已损坏"), Input("b.json", huaian)],
        form,
        year=2024,
        agency=GOV,
    )
    assert [s.status for s in result.sources] == [INCLUDED, REFUSED, REFUSED]
    assert result.sources[1].reasons == ("文件不完整或已损坏",)
    assert "a.json" in result.sources[2].reasons[0]
    assert dict(result.report.cells) == dict(huaian.cells)


def test_missing_bodies_are_listed_against_the_expected_list(form: Form) -> None:
    rng = random.Random(5)
    a = generated(form, rng, 2024, "交通运输局").with_agency(Agency(name="交通运输局", region="某某市"))
    b = generated(form, rng, 2024, "教育局")
    stray = generated(form, rng, 2024, "档案馆")
    late = generated(form, rng, 2023, "卫生健康委员会")
    expected = ["某某市交通运输局", "教 育 局", "卫生健康委员会", "财政局"]
    result = aggregate(inputs([a, b, stray, late]), form, year=2024, agency=GOV, expected=expected)
    assert result.missing == ("卫生健康委员会", "财政局")
    statuses = {s.agency: s.status for s in result.sources}
    assert statuses["档案馆"] == FLAGGED
    assert "不在应报机关名单中" in next(s for s in result.sources if s.agency == "档案馆").reasons
    assert statuses["某某市交通运输局"] == INCLUDED and statuses["教育局"] == INCLUDED
    assert result.summed == 3


def test_sources_are_recorded_and_survive_json_and_xlsx(
    form: Form, huaian: Report, seed: Report, tmp_path: Path
) -> None:
    result = aggregate(
        inputs([huaian, seed]), form, year=2024, agency=GOV, expected=[huaian.agency.name, "财政局"]
    )
    kept = result.report.extra[EXTRA_KEY]
    assert [s["source"] for s in kept["sources"]] == [
        f"{huaian.agency.name}.json",
        f"{seed.agency.name}.json",
    ]
    assert [s["status"] for s in kept["sources"]] == [INCLUDED, REFUSED]
    assert kept["missing"] == ["财政局"] and kept["summed"] == 1
    text = dumps(result.report, form)
    again = loads(text, form).report
    assert again == result.report and dumps(again, form) == text
    path = tmp_path / "total.xlsx"
    write_workbook(result.report, form, path)
    assert import_workbook(path, form)[0] == result.report


def test_expected_list_files(tmp_path: Path) -> None:
    path = tmp_path / "bodies.txt"
    path.write_bytes("\ufeff# 应报机关\n交通运输局\n\n  教育局  \n交通运输局\n".encode())
    assert read_expected(path) == ["交通运输局", "教育局"]
    path.write_bytes("财政局\r\n卫生健康委员会\r\n".encode("gbk"))
    assert read_expected(path) == ["财政局", "卫生健康委员会"]
    path.write_text("# 只有注释\n", encoding="utf-8")
    with pytest.raises(ReportFileError, match="没有列出任何机关"):
        read_expected(path)
    with pytest.raises(ReportFileError, match="文件不存在"):
        read_expected(tmp_path / "none.txt")
