"""The sign-off sheet: checks run and their results, accepted warnings with reasons, key figures
beside last year's, signature lines."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from reportdesk.form import Form
from reportdesk.render import layout
from reportdesk.render.gate import assess
from reportdesk.render.pages import ems
from reportdesk.render.signoff import figure, render_signoff
from reportdesk.report import Report

from .render_support import audited, grid


def filled(report: Report) -> Report:
    """洪泽 prints （六） without sub-items; fill those blanks so only warnings remain."""
    return report.with_cells({k: 0 for k, v in report.cells.items() if v is None})


def sheet(form: Form, report: Report, previous: Report | None = None, draft: bool = False) -> Any:
    verdict = assess(form, report, previous)
    return docx.Document(io.BytesIO(audited(render_signoff(form, report, verdict, previous, draft=draft))))


@pytest.fixture(scope="module")
def explained(form: Form, hongze2023: Report, hongze2024: Report) -> tuple[Report, Any]:
    report = filled(hongze2024).with_explanation(
        "YOY-JUMP@t2.licensing.decisions", "行政许可统计口径扩大到全区，数据属实。"
    )
    return report, sheet(form, report, hongze2023)


def test_title_names_body_and_year(explained: tuple[Report, Any], form: Form, seed: Report) -> None:
    _, doc = explained
    assert [p.text for p in doc.paragraphs[:2]] == [
        "淮安市洪泽区人民政府",
        "2024年政府信息公开工作年度报告审核单",
    ]
    titles = [p.text for p in sheet(form, seed).paragraphs if p.style.name == "报告标题"]
    assert titles == [
        "武汉市东湖新技术开发区",
        "政务服务和大数据管理局",
        "2023年政府信息公开工作年度报告审核单",
    ]


def results_of(form: Form, doc: Any) -> dict[str, str]:
    """The sheet's first table as code → result (each row's title carries its code as a tag)."""
    rows = grid(doc.tables[0])[1:]
    return {code: result for code, (_, result) in zip(form.codes, rows, strict=True)}


def test_every_check_is_listed_with_its_result(form: Form, explained: tuple[Report, Any]) -> None:
    _, doc = explained
    rows = grid(doc.tables[0])
    assert rows[0] == ["校验项目", "结果"]
    assert [r[0] for r in rows[1:]] == [f"{info.title}  {code}" for code, info in form.codes.items()]
    results = results_of(form, doc)
    assert results["T3-BALANCE"] == "通过"
    assert results["YOY-JUMP"] == "1 处已说明"
    assert results["COPY"] == "2 处提醒未说明"


def test_codes_are_only_a_small_grey_tag(form: Form, explained: tuple[Report, Any]) -> None:
    """The officer reads the check's name; the code is there, small and grey, for looking a rule up."""
    _, doc = explained
    for table in doc.tables[:2]:
        for row in table.rows[1:]:
            runs = row.cells[0].paragraphs[0].runs
            tags = [r for r in runs if r.text.strip() in form.codes]
            assert len(tags) <= 1
            for tag in tags:
                assert tag.font.size is not None and tag.font.size.pt < 9
                assert str(tag.font.color.rgb) == "808080"
                assert not any(code in r.text for r in runs if r is not tag for code in form.codes)


def test_a_reason_whose_warning_went_away_is_listed_as_stale(
    form: Form, hongze2023: Report, hongze2024: Report
) -> None:
    report = filled(hongze2024).with_explanations(
        {
            "YOY-JUMP@t2.licensing.decisions": "口径扩大，属实。",
            "TXT-NUM@s1.request:收到17": "为区政府办本级受理数。",
        }
    )
    rows = grid(sheet(form, report, hongze2023).tables[1])
    assert rows[1][1] == "口径扩大，属实。"
    assert rows[2] == [
        "【已失效】正文数字与表格不符：（二）依申请公开，收到17。所说明的提醒已不再出现，说明保留备查。",
        "为区政府办本级受理数。",
    ]


def test_accepted_warning_with_its_reason(explained: tuple[Report, Any]) -> None:
    _, doc = explained
    rows = grid(doc.tables[1])
    assert rows[0] == ["提醒内容", "说明理由"]
    assert len(rows) == 2
    assert "行政许可" in rows[1][0] and "550" in rows[1][0]
    assert rows[1][1] == "行政许可统计口径扩大到全区，数据属实。"


def test_key_figures_beside_last_year(explained: tuple[Report, Any]) -> None:
    _, doc = explained
    rows = grid(doc.tables[2])
    assert rows[0] == ["项目", "2024年", "2023年", "增减"]
    by_label = {r[0]: r[1:] for r in rows[1:]}
    assert by_label["表二「行政许可」本年处理决定数量"] == ["9487", "550", "+8937"]
    # This year's amount has no decimals: last year's and the change are printed without either.
    assert by_label["表二「行政事业性收费」本年收费金额（单位：万元）"] == ["7545", "7730", "-185"]
    assert by_label["表三「一、本年新收政府信息公开申请数量」总计"] == ["95", "21", "+74"]
    assert by_label["表四「行政复议」总计"] == ["2", "0", "+2"]
    assert len(rows) == 1 + 10 + 6 + 3


def test_signature_lines_with_dates(explained: tuple[Report, Any]) -> None:
    _, doc = explained
    rows = grid(doc.tables[3])
    assert [r[0] for r in rows] == ["填报人", "审核人", "分管领导"]
    assert all(r[1] == "" and "年" in r[2] and "月" in r[2] and "日" in r[2] for r in rows)


def test_without_last_year_cross_year_checks_are_not_run(form: Form, seed: Report) -> None:
    doc = sheet(form, seed)
    results = results_of(form, doc)
    assert results["X-CARRY"] == results["COPY"] == "未运行（未提供上年报告）"
    assert results["T3-ROW"] == "通过"
    assert "未提供上年报告" in "".join(p.text for p in doc.paragraphs)
    assert [p.text for p in doc.paragraphs if p.text == "无。"]  # no accepted warnings: no table
    figures = grid(doc.tables[1])
    assert figures[0] == ["项目", "2023年", "2022年", "增减"]
    assert [r[2] for r in figures[1:]] == ["—"] * 19


def test_draft_sheet_is_marked(form: Form, hongze2023: Report) -> None:
    doc = sheet(form, hongze2023, draft=True)
    assert doc.sections[0].header.paragraphs[0].text.startswith("草稿")
    results = results_of(form, doc)
    assert results["T4-TOTAL"] == "2 处错误"


@pytest.mark.parametrize(
    ("value", "at_most", "printed"),
    [
        (Decimal("10712.271333"), 0, "10712"),
        (Decimal("-3167.271333"), 1, "-3167.3"),
        (Decimal("-3167.271333"), 6, "-3167.271333"),
        (Decimal("7730.28"), 2, "7730.28"),
        (Decimal("0.50"), 1, "0.5"),
        (Decimal("0.50"), 2, "0.50"),
        (Decimal("0.000"), 3, "0"),
        (Decimal("-0.000"), 0, "0"),
        (Decimal("1E+3"), 0, "1000"),
        (Decimal("0.4"), 0, "0.4"),  # never rounded to 0: the sheet would say nothing changed
        (Decimal("-0.04"), 1, "-0.04"),
        (Decimal("2.5"), 0, "3"),
        (42, 0, "42"),
        (None, 0, ""),
    ],
)
def test_amounts_print_with_at_most_the_reports_decimals(value: Any, at_most: int, printed: str) -> None:
    assert figure(value, at_most) == printed


def figures_table(doc: Any) -> Any:
    return next(t for t in doc.tables if t.cell(0, 0).text == "项目")


def test_amounts_never_wrap_in_their_cells(form: Form, hongze2023: Report, hongze2024: Report) -> None:
    """An amount of six decimals last year ("-3167.271333" wrapped over three lines) and the largest
    amount the format allows this year: every figure column holds its longest figure on one line."""
    previous = filled(hongze2023).with_cell("t2.fees.amount", Decimal("10712.271333"))
    doc = sheet(form, filled(hongze2024), previous)
    fees = next(r for r in grid(figures_table(doc)) if "行政事业性收费" in r[0])
    assert fees[1:] == ["7545", "10712", "-3167"]
    report = filled(hongze2024).with_cell("t2.fees.amount", Decimal("99999999.999999"))
    table = figures_table(sheet(form, report, previous))
    fees = next(r for r in grid(table) if "行政事业性收费" in r[0])
    assert fees[1:] == ["99999999.999999", "10712.271333", "+99989287.728666"]
    widths = [int(c.get(qn("w:w"))) / 20 * 25.4 / 72 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    for j, text in enumerate(fees[1:], start=1):
        assert widths[j] >= ems(text) * layout.SIZE_5 * 25.4 / 72 + 1.6, (text, widths[j])
    assert sum(widths) <= layout.TEXT_WIDTH_MM


def test_lines_of_names_and_figures_are_not_justified(explained: tuple[Report, Any]) -> None:
    _, doc = explained
    lines = [p for p in doc.paragraphs if p.text.startswith(("报告机关：", "共 "))]
    assert len(lines) == 2
    assert all(p.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT for p in lines)
