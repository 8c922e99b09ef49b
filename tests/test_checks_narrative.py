"""Narrative checks: SECTION-EMPTY, TXT-NUM, TXT-YEAR, S6-FEE, S5-IMPROVE, COPY, OLD-FORMAT.

Literal cases are tables: a text written into one part of an otherwise clean report, and the
codes it must (or must not) raise. The real reports in tests/data pin the behaviour on
published text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportdesk.checks import check
from reportdesk.checks.findings import Finding
from reportdesk.checks.narrative import narrative_findings
from reportdesk.form import Form, load_form
from reportdesk.report import Agency, Report
from reportdesk.values import CellValue, Invalid

NARRATIVE_CODES = {
    "SECTION-EMPTY",
    "PART-EMPTY",
    "TXT-NUM",
    "TXT-YEAR",
    "S6-FEE",
    "S5-IMPROVE",
    "COPY",
    "OLD-FORMAT",
}

# A clean 2023 report: every part written, figures consistent with the texts below.
CLEAN_TEXTS = {
    "s1.active": "本年度通过门户网站主动公开各类政府信息120条，及时发布政策文件和工作动态。",
    "s1.request": "全年共收到政府信息公开申请42件，均已在法定期限内答复。",
    "s1.management": "严格执行信息发布审查制度，落实先审后发，未经审核的信息一律不得发布。",
    "s1.platform": "做好门户网站和政务新媒体的日常运维，及时更新公开专栏。",
    "s1.oversight": "将政务公开工作纳入年度绩效考核，全年未发生责任追究情况。",
    "s5.problems": "政策解读的形式还比较单一。",
    "s5.improvements": "下一步，我局将丰富政策解读形式，提高解读质量。",
    "s6": "本年度未收取信息处理费。",
}
CLEAN_CELLS: dict[str, CellValue] = {
    "t3.new.total": 42,
    "t3.carried_in.total": 3,
    "t3.disclosed.total": 12,
    "t3.partial.total": 4,
    **{f"t3.withheld.{i}.total": (1 if i == 1 else 0) for i in range(1, 9)},
    **{f"t3.unavailable.{i}.total": 6 for i in range(1, 4)},
    **{f"t3.not_processed.{i}.total": 0 for i in range(1, 6)},
    "t3.other.1.total": 2,
    "t3.other.2.total": 0,
    "t3.other.3.total": 1,
    "t3.results_total.total": 40,
    "t3.carried_out.total": 5,
    **{
        f"t4.{g}.{c}": v
        for g in ("review", "suit_direct", "suit_after_review")
        for c, v in zip(("upheld", "corrected", "other", "pending", "total"), (1, 1, 0, 0, 2), strict=True)
    },
}


def make_report(
    texts: Mapping[str, str] = {},
    cells: Mapping[str, CellValue] = {},
    year: int = 2023,
) -> Report:
    form = load_form()
    report = Report.empty(form, year, Agency(name="测试局", region="某市"))
    for key, text in {**CLEAN_TEXTS, **texts}.items():
        report = report.with_text(key, text)
    return report.with_cells({**CLEAN_CELLS, **cells})


def codes(findings: list[Finding]) -> list[str]:
    return sorted(f.code for f in findings)


def only(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_clean_literal_report_has_no_narrative_finding(form: Form) -> None:
    assert narrative_findings(form, make_report(), None) == []


# ---------------------------------------------------------------------------------------------
# Real reports


def test_seed_raises_no_narrative_finding(form: Form, seed: Report) -> None:
    assert narrative_findings(form, seed, None) == []


def test_huaian_raises_no_narrative_finding(form: Form, huaian: Report) -> None:
    assert narrative_findings(form, huaian, None) == []


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        # A 总计 is changed with one of its parts, so the table still adds up and only the text disagrees.
        ({"t3.new.total": 3118, "t3.new.natural": 3000}, ["t3.new.total"]),
        (
            {
                "t3.results_total.total": 3051,
                "t3.results_total.natural": 2933,
                "t3.disclosed.total": 1363,
                "t3.disclosed.natural": 1289,
            },
            ["t3.results_total.total"],
        ),
        ({"t3.carried_in.total": 35, "t3.carried_in.natural": 35}, ["t3.carried_in.total"]),
        ({"t3.carried_out.total": 104, "t3.carried_out.natural": 104}, ["t3.carried_out.total"]),
        ({"t4.review.total": 350, "t4.review.upheld": 71}, ["t4.review.total", "t4.review.upheld"]),
        ({"t4.review.upheld": 71, "t4.review.corrected": 65}, ["t4.review.upheld", "t4.review.corrected"]),
        ({"t4.review.other": 177, "t4.review.pending": 38}, ["t4.review.other", "t4.review.pending"]),
        (
            {"t4.suit_direct.total": 25, "t4.suit_direct.upheld": 12},
            ["t4.suit_direct.total", "t4.suit_direct.upheld"],
        ),
        (
            {"t4.suit_after_review.corrected": 2, "t4.suit_after_review.other": 0},
            ["t4.suit_after_review.corrected", "t4.suit_after_review.other"],
        ),
        (
            {"t4.suit_after_review.pending": 5, "t4.suit_after_review.total": 19},
            ["t4.suit_after_review.total", "t4.suit_after_review.pending"],
        ),
    ],
)
def test_huaian_figures_are_all_compared(
    form: Form, huaian: Report, changes: dict[str, int], named: list[str]
) -> None:
    # Changing table figures the 淮安 narrative quotes makes exactly those comparisons fail.
    found = only(narrative_findings(form, huaian.with_cells(changes), None), "TXT-NUM")
    assert [next(c for c in changes if c in f.cells) for f in found] == named
    assert all(f.texts == ("s1.request",) for f in found)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("t3.new.total", 3118),
        ("t3.results_total.total", 3051),
        ("t3.carried_out.total", 104),
        ("t4.review.total", 350),
        ("t4.suit_direct.total", 25),
    ],
)
def test_a_total_that_does_not_add_up_is_the_tables_finding_not_the_texts(
    form: Form, huaian: Report, cell: str, value: int
) -> None:
    """The officer quoted the sum of the parts and mistyped the 总计: the table's rule blames that
    cell; the text, which is right, is not flagged as well (one slip, one finding)."""
    found = check(form, huaian.with_cell(cell, value))
    assert [(f.code[:2], f.cells[0]) for f in found] == [(cell[:2].upper(), cell)]


def test_hongze_2024_office_count_is_not_the_districts(form: Form, hongze2024: Report) -> None:
    """“区政府办代表区政府受理…17件” in a report whose table 三 sums the whole district (95): the
    office's own count, a part of the table's figure — a careful reader does not flag it."""
    assert narrative_findings(form, hongze2024, None) == []
    # The same sentence in a body's own report is about that body's table, and 17 ≠ 95 is flagged.
    department = hongze2024.with_agency(replace(hongze2024.agency, kind="department"))
    found = narrative_findings(form, department, None)
    assert codes(found) == ["TXT-NUM"]
    (f,) = found
    assert f.texts == ("s1.request",)
    assert f.cells == ("t3.new.total", "t3.carried_in.total")
    assert (f.expected, f.actual) == ("95", "17")
    assert "受理政府信息公开申请17件" in f.message
    assert form.cells["t3.new.total"].label in f.message
    assert f.level == "warning"


def test_hongze_2023_raises_no_narrative_finding(form: Form, hongze2023: Report) -> None:
    assert narrative_findings(form, hongze2023, None) == []


def test_hongze_2024_copies_two_parts_of_2023(form: Form, hongze2023: Report, hongze2024: Report) -> None:
    # （三） differs from 2023 by one added phrase, （四） is the same sentences reordered; the
    # improvements repeat two of three items (about 57 %) and s6 is identical but exempt.
    found = only(narrative_findings(form, hongze2024, hongze2023), "COPY")
    assert [f.texts for f in found] == [("s1.management",), ("s1.platform",)]


def test_reports_of_different_bodies_are_not_copies(form: Form, huaian: Report, hongze2024: Report) -> None:
    assert only(narrative_findings(form, huaian, hongze2024), "COPY") == []


def test_check_runs_narrative_rules_with_numeric_ones(
    form: Form, seed: Report, hongze2023: Report, hongze2024: Report
) -> None:
    assert not NARRATIVE_CODES & {f.code for f in check(form, seed)}
    found = [f for f in check(form, hongze2024, hongze2023) if f.code in NARRATIVE_CODES]
    assert [(f.code, f.texts) for f in found] == [
        ("COPY", ("s1.management",)),
        ("COPY", ("s1.platform",)),
    ]


def test_an_explained_narrative_warning_is_accepted(form: Form) -> None:
    report = make_report({"s6": "2022年未收取信息处理费。"})
    (f,) = only(check(form, report), "TXT-YEAR")
    assert f.id == "TXT-YEAR@s6:2022年"
    (f,) = only(check(form, report.with_explanation(f.id, "沿用上年表述，已核实。")), "TXT-YEAR")
    assert f.accepted


# ---------------------------------------------------------------------------------------------
# SECTION-EMPTY


REQUIRED_ALONE = [k for k in load_form().text_keys if not k.startswith("s1.")]
SECTION_1 = [k for k in load_form().text_keys if k.startswith("s1.")]


@pytest.mark.parametrize("key", REQUIRED_ALONE)
@pytest.mark.parametrize("blank", ["", "  \n\u3000 "])
def test_each_empty_required_part_raises_one_section_empty(form: Form, key: str, blank: str) -> None:
    found = narrative_findings(form, make_report({key: blank}), None)
    empty = [f for f in found if f.code in ("SECTION-EMPTY", "PART-EMPTY")]
    assert [(f.code, f.texts, f.id) for f in empty] == [("SECTION-EMPTY", (key,), f"SECTION-EMPTY@{key}")]
    assert empty[0].level == "error"


@pytest.mark.parametrize("key", SECTION_1)
@pytest.mark.parametrize("blank", ["", "  \n\u3000 "])
def test_one_empty_part_of_section_1_is_a_warning(form: Form, key: str, blank: str) -> None:
    """Real reports fold 政府信息管理 into 平台建设: one part of 一 empty is explained, not an error."""
    found = narrative_findings(form, make_report({key: blank}), None)
    assert [(f.code, f.level, f.texts, f.id) for f in found] == [
        ("PART-EMPTY", "warning", (key,), f"PART-EMPTY@{key}")
    ]
    assert "不印这一小标题" in found[0].message and "请说明" in found[0].message


def test_all_of_section_1_empty_is_one_error(form: Form) -> None:
    found = narrative_findings(form, make_report(dict.fromkeys(SECTION_1, "")), None)
    assert [(f.code, f.level, f.texts, f.id) for f in found] == [
        ("SECTION-EMPTY", "error", tuple(SECTION_1), "SECTION-EMPTY@s1")
    ]
    assert found[0].message.startswith("一、总体情况还没有填写")


def test_a_report_without_an_agency_name_is_section_empty(form: Form) -> None:
    report = make_report().with_agency(Agency(name="  "))
    assert [(f.code, f.id) for f in narrative_findings(form, report, None)] == [
        ("SECTION-EMPTY", "SECTION-EMPTY@agency.name")
    ]


def test_empty_intro_is_not_required(form: Form) -> None:
    assert narrative_findings(form, make_report({"intro": ""}), None) == []


def test_empty_fee_part_raises_section_empty_only(form: Form) -> None:
    assert codes(narrative_findings(form, make_report({"s6": ""}, {"t3.other.2.total": 2}), None)) == [
        "SECTION-EMPTY"
    ]


def test_empty_improvements_raise_section_empty_and_s5_improve(form: Form) -> None:
    assert codes(narrative_findings(form, make_report({"s5.improvements": ""}), None)) == [
        "S5-IMPROVE",
        "SECTION-EMPTY",
    ]


# ---------------------------------------------------------------------------------------------
# TXT-NUM


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        # 一 (42) or 一 + 二 (45)
        ("s1.request", "2023年共收到42条依申请公开申请，全部按时答复。", []),
        ("s1.request", "2023年共收到40条依申请公开申请，全部按时答复。", ["TXT-NUM"]),
        ("s1.request", "共受理政府信息公开申请45件（含上年结转3件）。", []),
        ("s1.request", "共受理政府信息公开申请44件。", ["TXT-NUM"]),
        ("s1.request", "2023年共收到４２条依申请公开申请。", []),
        ("s1.request", "2023年共收到４０条依申请公开申请。", ["TXT-NUM"]),
        ("s1.request", "未收到政府信息公开申请。", ["TXT-NUM"]),
        ("s1.active", "依申请公开方面，全年共受理政府信息公开申请50件。", ["TXT-NUM"]),
        # （七）总计 (40)
        ("s1.request", "办结40件，结转下年度5件。", []),
        ("s1.request", "答复39件。", ["TXT-NUM"]),
        ("s1.request", "全部办结，办结率100%。", []),
        # 二 (3) and 四 (5)
        ("s1.request", "含上年度结转申请3件。", []),
        ("s1.request", "含上年度结转申请2件。", ["TXT-NUM"]),
        ("s1.request", "2022年度结转申请3件。", []),
        ("s1.request", "另有5件顺延到下年度答复。", []),
        ("s1.request", "另有4件顺延到下年度答复。", ["TXT-NUM"]),
        ("s1.request", "结转下年度继续办理6件。", ["TXT-NUM"]),
        # result categories (12, 4, 1, 18, 0, 3)
        (
            "s1.request",
            "其中予以公开12件，部分公开4件，不予公开1件，无法提供18件，不予处理0件，其他处理3件。",
            [],
        ),
        ("s1.request", "予以公开13件。", ["TXT-NUM"]),
        ("s1.request", "部分公开5件。", ["TXT-NUM"]),
        ("s1.request", "不予公开2件。", ["TXT-NUM"]),
        ("s1.request", "无法提供17件。", ["TXT-NUM"]),
        ("s1.request", "不予处理1件。", ["TXT-NUM"]),
        ("s1.request", "其他处理4件。", ["TXT-NUM"]),
        ("s1.request", "不予以公开1件，部分予以公开4件。", []),
        ("s1.request", "予以公开、部分公开共16件。", []),
        # shares: 12 ÷ （七） 40 = 30 %, ÷ 一 42 = 28.57 %, ÷ 一+二 45 = 26.67 %
        ("s1.request", "予以公开率为30%。", []),
        ("s1.request", "予以公开率为30.0%。", []),
        ("s1.request", "予以公开的占29%。", []),
        ("s1.request", "予以公开12件，占比30%。", []),
        ("s1.request", "予以公开率为28.6%。", []),
        ("s1.request", "予以公开率为26.7%。", []),
        ("s1.request", "予以公开率为27.5%。", ["TXT-NUM"]),
        ("s1.request", "予以公开的占35%。", ["TXT-NUM"]),
        ("s1.request", "部分公开的占10%。", []),
        ("s1.platform", "在政务新媒体检查中，合格率均为100%。", []),
        # table 4: 复议 2, 诉讼 2 + 2, each group 1 维持 1 纠正
        ("s1.request", "行政复议2件，行政诉讼4件。", []),
        ("s1.request", "行政复议3件。", ["TXT-NUM"]),
        ("s1.request", "行政诉讼5件。", ["TXT-NUM"]),
        ("s1.oversight", "政府信息公开行政复议2件，其中结果维持1件，结果纠正1件。", []),
        ("s1.oversight", "政府信息公开行政复议2件，其中结果维持2件。", ["TXT-NUM"]),
        ("s1.request", "行政诉讼4件，其中结果维持2件，结果纠正2件。", []),
        ("s1.request", "行政诉讼4件，其中结果维持1件。", ["TXT-NUM"]),
        ("s1.request", "全年未发生政府信息公开行政复议案件。", ["TXT-NUM"]),
        # not counts of applications
        ("s1.active", "召开新闻发布会12场，主动公开政府信息1136条。", []),
        ("s1.active", "全年受理行政许可申请300件。", []),
        ("s1.active", "全年共受理政务服务事项12万件。", []),
        ("s1.request", "收到群众留言300条，答复300条。", []),
        ("s1.request", "答复时间平均为3个工作日。", []),
        ("s1.request", "规范制作答复书30份。", []),
        ("s1.oversight", "全年办理行政复议案件120件。", []),
    ],
)
def test_txt_num(form: Form, key: str, text: str, expected: list[str]) -> None:
    assert codes(narrative_findings(form, make_report({key: text}), None)) == expected


def test_txt_num_finding_names_part_phrase_and_cell(form: Form) -> None:
    report = make_report({"s1.request": "2023年共收到40条依申请公开申请。"}, {"t3.carried_in.total": 0})
    (f,) = narrative_findings(form, report, None)
    assert f.texts == ("s1.request",)
    assert f.cells == ("t3.new.total", "t3.carried_in.total")
    assert (f.expected, f.actual) == ("42", "40")
    assert f.message.startswith(f"{form.parts['s1.request'].heading} 写“2023年共收到40条依申请公开申请”")
    assert f"{form.cells['t3.new.total'].label}为 42" in f.message


def test_txt_num_names_both_readings_of_received(form: Form) -> None:
    (f,) = narrative_findings(form, make_report({"s1.request": "共收到申请40件。"}), None)
    assert f.expected == "42 或 45"


def test_txt_num_sums_a_group_of_rows(form: Form) -> None:
    (f,) = narrative_findings(form, make_report({"s1.request": "无法提供17件。"}), None)
    assert f.cells == tuple(f"t3.unavailable.{i}.total" for i in range(1, 4))
    assert (f.expected, f.actual) == ("18", "17")
    assert "（四）无法提供" in f.message


def test_txt_num_percentage_figures(form: Form) -> None:
    (f,) = narrative_findings(form, make_report({"s1.request": "予以公开率为27.5%。"}), None)
    assert (f.expected, f.actual) == ("30.0% 或 28.6% 或 26.7%", "27.5%")
    assert f.cells == ("t3.disclosed.total", "t3.results_total.total", "t3.new.total", "t3.carried_in.total")
    assert "占办理总数（（七）总计）40 件的 30.0%" in f.message and "都与文字不符" in f.message


@pytest.mark.parametrize("blank", ["t3.carried_in.total", "t3.new.total", "t3.results_total.total"])
def test_a_share_is_not_compared_while_one_of_its_bases_is_blank(form: Form, blank: str) -> None:
    # 27.5 % fits none of 30 %, 28.57 %, 26.67 %; with one base unknown it might fit that one: silent.
    report = make_report({"s1.request": "予以公开率为27.5%。"})
    assert codes(narrative_findings(form, report, None)) == ["TXT-NUM"]
    assert only(narrative_findings(form, report.with_cell(blank, None), None), "TXT-NUM") == []


@pytest.mark.parametrize("blank", [None, Invalid("四十", "不是数字")])
def test_txt_num_skips_blank_or_invalid_cells(form: Form, blank: CellValue) -> None:
    report = make_report({"s1.request": "共收到申请40件，予以公开13件。"})
    report = report.with_cells({"t3.new.total": blank, "t3.disclosed.total": blank})
    assert only(narrative_findings(form, report, None), "TXT-NUM") == []


# ---------------------------------------------------------------------------------------------
# TXT-YEAR (report year 2023)


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("s1.active", "2023年，我局主动公开信息120条。", []),
        ("s1.active", "2022年，我局主动公开信息120条。", ["TXT-YEAR"]),
        ("s1.active", "二〇二二年，我局主动公开信息120条。", ["TXT-YEAR"]),
        ("s1.active", "2022年较好地完成了各项任务。", ["TXT-YEAR"]),
        ("s1.active", "2021年度工作扎实推进。", ["TXT-YEAR"]),
        ("s1.active", "2024年将继续推进公开工作。", ["TXT-YEAR"]),
        ("s6", "2022年未收取信息处理费。", ["TXT-YEAR"]),
        ("s5.problems", "2021年存在的问题仍未解决。", ["TXT-YEAR"]),
        ("intro", "统计期限自2022年1月1日起至2022年12月31日止。", ["TXT-YEAR"]),
        ("s1.active", "主动公开信息120条，较2022年增长10%。", []),
        ("s1.active", "与2022年相比有所增加，2022年同期为100条。", []),
        ("s1.active", "比上年（2022年）增加20条。", []),
        ("s1.request", "含2022年度结转申请3件。", []),
        ("s5.improvements", "2024年将继续加强政策解读。", []),
        ("s5.improvements", "针对2022年度报告中指出的问题，已全部整改。", []),
        ("s1.active", "依据国办公开办函〔2021〕30号和《2022年政务公开工作要点》。", []),
        ("s1.active", "落实“十四五”规划（2021—2025年）和2021-2025年专项安排。", []),
        ("s1.active", "2021年以来累计公开信息500条，自2019年5月起施行新条例。", []),
        ("s1.platform", "截至2023年末粉丝量已达50万人。", []),
        (
            "intro",
            "根据《中华人民共和国政府信息公开条例》（国务院令第711号），统计期限自2023年1月1日起至2023年12月31日止。",
            [],
        ),
    ],
)
def test_txt_year(form: Form, key: str, text: str, expected: list[str]) -> None:
    found = narrative_findings(form, make_report({key: text}), None)
    assert codes(found) == expected
    assert all(f.texts == (key,) for f in found)


def test_txt_year_one_finding_per_year_and_part(form: Form) -> None:
    text = "2022年，我局公开信息100条。" * 3 + "2021年，我局公开信息80条。"
    found = narrative_findings(form, make_report({"s1.active": text}), None)
    assert [(f.actual, f.expected) for f in found] == [("2022", "2023"), ("2021", "2023")]
    assert "3 处" in found[0].message
    assert "2023 年度报告" in found[0].message


# ---------------------------------------------------------------------------------------------
# S6-FEE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本年度未收取信息处理费。", []),
        ("2023年未产生信息公开处理费。", []),
        ("全年收取政府信息公开信息处理费0元。", []),
        ("依申请公开均不收取任何费用。", []),
        ("按照按件、按量收费标准，本年度未收费。", []),
        ("无", ["S6-FEE"]),
        ("本年度无其他需要报告的事项。", ["S6-FEE"]),
        ("本机关严格执行政府信息公开条例。", ["S6-FEE"]),
    ],
)
def test_s6_fee(form: Form, text: str, expected: list[str]) -> None:
    assert codes(narrative_findings(form, make_report({"s6": text}), None)) == expected


def test_s6_fee_points_at_fee_notices_when_issued(form: Form) -> None:
    (plain,) = narrative_findings(form, make_report({"s6": "无"}), None)
    assert plain.cells == ()
    (notices,) = narrative_findings(form, make_report({"s6": "无"}, {"t3.other.2.total": 2}), None)
    assert notices.cells == ("t3.other.2.total",)
    assert "收费通知" in notices.message and "为 2" in notices.message


# ---------------------------------------------------------------------------------------------
# S5-IMPROVE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("下一步，我局将加强业务培训。", []),
        ("已对上年度指出的问题进行整改。", []),
        ("针对存在问题，我们将持续完善工作制度。", []),
        ("无", ["S5-IMPROVE"]),
        ("政策解读质量有待提升，队伍建设有待加强。", ["S5-IMPROVE"]),
        ("", ["S5-IMPROVE", "SECTION-EMPTY"]),
    ],
)
def test_s5_improve(form: Form, text: str, expected: list[str]) -> None:
    found = narrative_findings(form, make_report({"s5.improvements": text}), None)
    assert codes(found) == expected
    assert all(f.texts == ("s5.improvements",) for f in found)


# ---------------------------------------------------------------------------------------------
# OLD-FORMAT


@pytest.mark.parametrize("marker", list(load_form().old_format_markers))
def test_each_old_format_marker(form: Form, marker: str) -> None:
    (f,) = narrative_findings(form, make_report({"s1.active": f"本年度{marker}为0。"}), None)
    assert (f.code, f.texts) == ("OLD-FORMAT", ("s1.active",))
    assert marker in f.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（六）其他处理 0 0 0 0 0 0 0 （七）总计 40", ["OLD-FORMAT"]),
        ("(六)其他处理 0", ["OLD-FORMAT"]),
        ("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 2", []),
        ("其他处理3件。", []),
        ("主动公开政府信息120条。", []),
    ],
)
def test_old_format(form: Form, text: str, expected: list[str]) -> None:
    assert codes(narrative_findings(form, make_report({"s1.request": text}), None)) == expected


# ---------------------------------------------------------------------------------------------
# COPY

LAST_YEAR_TEXT = (
    "2022年，我局加强政府网站及政务新媒体日常管理，运用第三方检测平台实行常态化监测，"
    "严格执行分级审核、先审后发程序，落实三审三校制度，未经审核的信息一律不准发布。"
)
REWRITTEN = (
    "2023年，我局修订信息发布审核办法，把政策解读和图解同步纳入审核范围，"
    "对全年发布的信息开展两轮抽查，发现并更正错别字和失效链接十余处。"
)


@pytest.mark.parametrize(
    ("key", "last", "now", "expected"),
    [
        ("s1.management", LAST_YEAR_TEXT, LAST_YEAR_TEXT.replace("2022", "2023"), ["COPY"]),
        ("s1.management", LAST_YEAR_TEXT + REWRITTEN, LAST_YEAR_TEXT.replace("2022", "2023"), ["COPY"]),
        ("s1.management", LAST_YEAR_TEXT, REWRITTEN, []),
        ("s1.management", "", LAST_YEAR_TEXT.replace("2022", "2023"), []),
        ("s1.management", "严格执行信息发布审查制度。", "严格执行信息发布审查制度。", []),
        ("s6", "本年度未收取信息处理费。" * 5, "本年度未收取信息处理费。" * 5, []),
    ],
)
def test_copy(form: Form, key: str, last: str, now: str, expected: list[str]) -> None:
    previous = make_report({key: last}, year=2022)
    found = only(narrative_findings(form, make_report({key: now}), previous), "COPY")
    assert codes(found) == expected
    assert all(f.texts == (key,) for f in found)


def test_copy_needs_last_years_report(form: Form) -> None:
    report = make_report({"s1.management": LAST_YEAR_TEXT.replace("2022", "2023")})
    assert only(narrative_findings(form, report, None), "COPY") == []


# ---------------------------------------------------------------------------------------------
# Robustness


def test_long_text_is_read_to_the_end(form: Form) -> None:
    filler = "坚持以公开为常态、不公开为例外，不断完善公开制度，提升公开质量。" * 650
    text = filler + "2023年共收到40条依申请公开申请。"
    assert len(text) > 20_000
    found = narrative_findings(form, make_report({"s1.request": text}), None)
    assert [(f.code, f.actual) for f in found] == [("TXT-NUM", "40")]


def test_findings_are_deterministic(form: Form, hongze2023: Report, hongze2024: Report) -> None:
    assert narrative_findings(form, hongze2024, hongze2023) == narrative_findings(
        form, hongze2024, hongze2023
    )


WORDS = [
    "收到",
    "受理",
    "答复",
    "办结",
    "结转",
    "上年",
    "下年度",
    "予以公开",
    "不予公开",
    "部分公开",
    "行政复议",
    "诉讼",
    "其中",
    "维持",
    "申请",
    "公开",
    "年",
    "件",
    "%",
    "，",
    "。",
    "〔",
    "〕",
    "《",
    "》",
    "未发生",
    "（六）其他处理",
    "2022",
    "2023",
    "４２",
    "12.5",
    "3,119",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=3)), max_size=60))
def test_any_text_gives_well_formed_findings(pieces: list[str]) -> None:
    form = load_form()
    text = "".join(pieces)
    report = make_report({"s1.request": text, "s1.active": text})
    for f in narrative_findings(form, report, make_report(year=2022)):
        assert f.code in NARRATIVE_CODES
        assert f.level == form.level(f.code)
        assert f.texts and all(k in form.parts for k in f.texts)
        assert f.code != "SECTION-EMPTY" or not text.strip()
        assert all(k in form.cells for k in f.cells)
        assert f.message
