"""The table checks, each written as a table: a defect, and the codes it must raise."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from reportdesk.checks import check
from reportdesk.form import Form
from reportdesk.report import Agency, Report, derive
from reportdesk.values import Invalid

from .conftest import load_data

TABLE_CODES = {
    "T3-ROW",
    "T3-RESULTS",
    "T3-BALANCE",
    "T4-TOTAL",
    "VALUE",
    "BLANK",
    "X-CARRY",
    "X-STOCK",
    "YOY-JUMP",
    "REG-KIND",
}


def codes(findings: list[Any], level: str | None = None) -> list[str]:
    """The table codes among the findings (the narrative has its own tests)."""
    return sorted({f.code for f in findings if (level is None or f.level == level) and f.code in TABLE_CODES})


def seed_with(**cells: Any) -> Report:
    """The clean seed with some cells changed (keyword names use __ for dots)."""
    seed = load_data("seed-donghu-zwfw-2023")
    return seed.with_cells({k.replace("__", "."): v for k, v in cells.items()})


def test_the_seed_raises_no_finding_at_all(form: Form, seed: Report) -> None:
    assert check(form, seed) == []


def test_huaian_passes_every_error_rule(form: Form, huaian: Report) -> None:
    assert codes(check(form, huaian), "error") == []


def test_hongze_2023_as_printed_breaks_table_4(form: Form, hongze2023: Report) -> None:
    t4 = [f for f in check(form, hongze2023) if f.code == "T4-TOTAL"]
    # 复议: 10 + 1 + 0 + 0 printed with 总计 0: only the total can be the slip (no leaf can be 11 less).
    # 复议后起诉: 5 + 0 + 0 + 0 with 总计 0: the total, or 结果维持 — the sums cannot tell.
    assert [(f.cells[0], f.expected, f.actual) for f in t4] == [
        ("t4.review.total", "11", "0"),
        ("t4.suit_after_review.total", None, None),
    ]
    assert "无法判断是总计还是某项结果填错" in t4[1].message


# (name, changed cells, the error codes that must fire — and no other error)
SINGLE_DEFECTS = [
    (
        "row total, balanced columns",
        {"t3__new__natural": 41, "t3__disclosed__natural": 11, "t3__results_total__natural": 41},
        ["T3-ROW"],
    ),
    ("negative count set in code", {"t3__carried_out__legal": -1}, ["VALUE"]),
    ("fraction in a count set in code", {"t3__carried_out__legal": Decimal("0.5")}, ["VALUE"]),
    (
        "results total only",
        {
            "t3__results_total__natural": 41,
            "t3__results_total__total": 41,
            "t3__carried_out__natural": 1,
            "t3__carried_out__total": 1,
        },
        ["T3-RESULTS"],
    ),
    (
        "balance only",
        {"t3__carried_out__natural": 1, "t3__carried_out__total": 1},
        ["T3-BALANCE"],
    ),
    ("table 4 total", {"t4__review__total": 1}, ["T4-TOTAL"]),
    ("one wrong row total", {"t3__new__total": 43}, ["T3-ROW"]),
    ("one wrong carried-out total", {"t3__carried_out__total": 2}, ["T3-ROW"]),
    ("one wrong column result total", {"t3__results_total__natural": 41}, ["T3-RESULTS"]),
    ("the grand total, defined by two rules", {"t3__results_total__total": 41}, ["T3-ROW"]),
    ("a leaf breaks its row and its column", {"t3__new__natural": 41}, ["T3-ROW"]),
    ("table 4 leaf", {"t4__review__upheld": 2}, ["T4-TOTAL"]),
    ("text in a count", {"t2__penalty__decisions": Invalid("十二", "“十二”不是整数")}, ["VALUE"]),
    ("negative amount", {"t2__fees__amount": Invalid("-1", "负数")}, ["VALUE"]),
    ("blank cell", {"t2__coercion__decisions": None}, ["BLANK"]),
    ("blank leaf", {"t3__withheld__3__research": None}, ["BLANK"]),
]


@pytest.mark.parametrize(("name", "cells", "expected"), SINGLE_DEFECTS, ids=[d[0] for d in SINGLE_DEFECTS])
def test_each_defect_raises_its_code_and_no_other_error(
    form: Form, name: str, cells: dict[str, Any], expected: list[str]
) -> None:
    assert codes(check(form, seed_with(**cells)), "error") == expected


def test_a_sum_finding_names_cells_expected_and_actual(form: Form) -> None:
    (f,) = check(form, seed_with(t4__review__total=3, t4__review__upheld=9, t4__review__corrected=4))
    assert f.code == "T4-TOTAL"
    assert f.level == "error"
    assert f.cells[0] == "t4.review.total"
    assert set(f.cells) == {f"t4.review.{c}" for c in ("total", "upheld", "corrected", "other", "pending")}
    assert (f.expected, f.actual) == ("13", "3")
    assert f.message.startswith("应是表四「行政复议」总计填错：填的是 3，改为 13 后即相符")


def test_a_sum_that_any_of_several_cells_could_fix_names_none(form: Form) -> None:
    """总计 1 over four zeros: the total may be the slip, or any one result left at 0."""
    (f,) = check(form, seed_with(t4__review__total=1))
    assert (f.code, f.expected, f.actual) == ("T4-TOTAL", None, None)
    assert "无法判断" in f.message and "应是" not in f.message


def test_blank_is_one_finding_per_row(form: Form) -> None:
    report = Report.empty(form, 2024, Agency(name="测试局"))
    blank = [f for f in check(form, report) if f.code == "BLANK"]
    assert len(blank) == 6 + 25 + 3  # printed rows of tables 2, 3 and 4
    assert sum(len(f.cells) for f in blank) == len(form.cells)
    assert "请填 0" in blank[0].message


def test_findings_are_in_report_order(form: Form) -> None:
    report = seed_with(t4__review__total=1, t2__penalty__decisions=None, t3__new__total=43)
    got = [f.code for f in check(form, report)]
    assert got.index("BLANK") < got.index("T3-ROW") < got.index("T4-TOTAL")
    assert check(form, report) == check(form, report)


# Cross-year: (name, this year's changes, last year's changes, expected warning codes)
CROSS_YEAR = [
    ("continuous", {}, {}, []),
    ("carry broken", {}, {"t3__carried_out__natural": 2, "t3__carried_out__total": 2}, ["X-CARRY"]),
    ("stock broken", {"t2__normative__in_force": 9}, {}, ["X-STOCK"]),
    (
        "stock follows",
        {"t2__normative__issued": 3, "t2__normative__in_force": 8},
        {"t2__normative__in_force": 5},
        [],
    ),
    ("licensing x10", {"t2__licensing__decisions": 1123410}, {}, ["YOY-JUMP"]),
    ("penalty to 0", {"t2__penalty__decisions": 0}, {}, ["YOY-JUMP"]),
    (
        "fees in yuan",
        {"t2__fees__amount": Decimal("39400")},
        {"t2__fees__amount": Decimal("3.94")},
        ["YOY-JUMP"],
    ),
    ("modest change", {"t2__penalty__decisions": 30}, {}, []),
]


@pytest.mark.parametrize(("name", "now", "then", "expected"), CROSS_YEAR, ids=[c[0] for c in CROSS_YEAR])
def test_cross_year(
    form: Form, name: str, now: dict[str, Any], then: dict[str, Any], expected: list[str]
) -> None:
    previous = seed_with(**then).with_year(2022)
    report = seed_with(**now)
    # The seed's carried-over figures are 0, which is what last year's 四 was.
    assert codes(check(form, report, previous), "warning") == expected
    assert codes(check(form, report, previous), "error") == []


def test_stock_finding_says_what_it_should_be(form: Form) -> None:
    previous = seed_with(t2__normative__in_force=5).with_year(2022)
    report = seed_with(t2__normative__issued=3, t2__normative__repealed=1, t2__normative__in_force=8)
    (f,) = [f for f in check(form, report, previous) if f.code in TABLE_CODES]
    assert (f.code, f.expected, f.actual) == ("X-STOCK", "7", "8")


REG_KIND = [
    ("department with 规章", "department", "", "交通运输局", 1, ["REG-KIND"]),
    ("department without 规章", "department", "", "交通运输局", 0, []),
    ("township with 规章", "township", "", "某某镇人民政府", 2, ["REG-KIND"]),
    ("district government", "government", "江苏省淮安市洪泽区", "淮安市洪泽区人民政府", 1, ["REG-KIND"]),
    ("city government", "government", "江苏省淮安市", "淮安市人民政府", 1, []),
    ("province", "government", "", "江苏省人民政府", 1, []),
    ("autonomous prefecture", "government", "", "延边朝鲜族自治州人民政府", 1, []),
    ("a ministry", "department", "", "中华人民共和国交通运输部", 3, []),
    ("county department", "department", "某某县", "某某县交通运输局", 1, ["REG-KIND"]),
]


@pytest.mark.parametrize(
    ("name", "kind", "region", "agency", "issued", "expected"), REG_KIND, ids=[r[0] for r in REG_KIND]
)
def test_reg_kind(
    form: Form, name: str, kind: str, region: str, agency: str, issued: int, expected: list[str]
) -> None:
    report = seed_with(t2__regulations__issued=issued, t2__regulations__in_force=issued)
    report = report.with_agency(Agency(name=agency, region=region, kind=kind))
    assert [c for c in codes(check(form, report)) if c == "REG-KIND"] == expected


def test_an_explained_warning_is_accepted(form: Form) -> None:
    report = seed_with(t2__regulations__issued=1, t2__regulations__in_force=1)
    (f,) = check(form, report)
    assert (f.code, f.accepted) == ("REG-KIND", False)
    assert f.id == "REG-KIND@t2.regulations.issued,t2.regulations.repealed,t2.regulations.in_force"
    (f,) = check(form, report.with_explanation(f.id, "本局受托起草并以市政府名义发布"))
    assert (f.code, f.accepted) == ("REG-KIND", True)


def test_an_error_cannot_be_explained_away(form: Form) -> None:
    report = seed_with(t4__review__total=1)
    (f,) = check(form, report)
    (f,) = check(form, report.with_explanation(f.id, "印刷如此"))
    assert (f.code, f.accepted) == ("T4-TOTAL", False)


def test_one_wrong_total_is_named_as_the_cell_to_fix(form: Form) -> None:
    (f,) = [f for f in check(form, seed_with(t3__results_total__natural=41)) if f.level == "error"]
    assert (f.code, f.cells[0], f.expected, f.actual) == (
        "T3-RESULTS",
        "t3.results_total.natural",
        "42",
        "41",
    )
    assert f.message.startswith("应是表三「（七）总计」自然人填错：填的是 41，改为 42 后以下 3 处都相符")


def test_two_independent_defects_are_both_reported(form: Form) -> None:
    found = [f for f in check(form, seed_with(t3__new__total=43, t4__review__total=2)) if f.level == "error"]
    assert [(f.code, f.cells[0]) for f in found] == [
        ("T3-ROW", "t3.new.total"),
        ("T4-TOTAL", "t4.review.total"),
    ]


def test_a_typed_slip_unbalancing_a_column_is_not_pinned_on_a_correct_cell(form: Form) -> None:
    """Issue 12: 予以公开·自然人 typed as 62 (for 12), every 总计 derived. The balance breaks, and 一,
    二, any result or 四 could be the slip: the finding must not say that 本年新收 should be 62."""
    report = derive(seed_with(t3__disclosed__natural=62), form)
    (f,) = [f for f in check(form, report) if f.level == "error"]
    assert (f.code, f.expected, f.actual) == ("T3-BALANCE", None, None)
    assert (
        "第一项加第二项（本年新收加上年结转）为 42，第三项（七）总计加第四项（结转下年度）为 92" in f.message
    )
    assert "“总计”一列也因此相差 50" in f.message
    assert "无法判断是哪一边填错" in f.message and "应为" not in f.message
    # With last year's 结转下年度 and the narrative's “共收到42条”, the first side is borne out.
    previous = Report(year=2022, agency=report.agency, cells={"t3.carried_out.total": 0})
    (f,) = [f for f in check(form, report, previous) if f.level == "error"]
    assert "更可能是某项办理结果或第四项有误" in f.message
    assert "与正文“2023年共收到42条依申请公开申请”一致" in f.message
