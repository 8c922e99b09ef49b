"""The rendered .docx read back with python-docx: every cell at its row and column, every label
as the official format prints it, the narrative paragraph by paragraph, the 公文 layout."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reportdesk.form import Form
from reportdesk.report import Report
from reportdesk.values import display

from .conftest import load_data
from .render_support import body_paragraphs, grid, render

REFERENCE = ("seed-donghu-zwfw-2023", "huaian-city-gov-2024")

CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_COLUMNS = ("natural", "commercial", "research", "nonprofit", "legal", "other_org", "total")
R = "三、本年度办理结果"
# Table 3's three label columns for each numeric row, as the 2021 format prints them (spec).
T3_ROWS: list[tuple[str, tuple[str, str, str]]] = [
    ("new", ("一、本年新收政府信息公开申请数量",) * 3),
    ("carried_in", ("二、上年结转政府信息公开申请数量",) * 3),
    ("disclosed", (R, "（一）予以公开", "（一）予以公开")),
    ("partial", (R, *("（二）部分公开（区分处理的，只计这一情形，不计其他情形）",) * 2)),
    ("withheld.1", (R, "（三）不予公开", "1.属于国家秘密")),
    ("withheld.2", (R, "（三）不予公开", "2.其他法律行政法规禁止公开")),
    ("withheld.3", (R, "（三）不予公开", "3.危及“三安全一稳定”")),
    ("withheld.4", (R, "（三）不予公开", "4.保护第三方合法权益")),
    ("withheld.5", (R, "（三）不予公开", "5.属于三类内部事务信息")),
    ("withheld.6", (R, "（三）不予公开", "6.属于四类过程性信息")),
    ("withheld.7", (R, "（三）不予公开", "7.属于行政执法案卷")),
    ("withheld.8", (R, "（三）不予公开", "8.属于行政查询事项")),
    ("unavailable.1", (R, "（四）无法提供", "1.本机关不掌握相关政府信息")),
    ("unavailable.2", (R, "（四）无法提供", "2.没有现成信息需要另行制作")),
    ("unavailable.3", (R, "（四）无法提供", "3.补正后申请内容仍不明确")),
    ("not_processed.1", (R, "（五）不予处理", "1.信访举报投诉类申请")),
    ("not_processed.2", (R, "（五）不予处理", "2.重复申请")),
    ("not_processed.3", (R, "（五）不予处理", "3.要求提供公开出版物")),
    ("not_processed.4", (R, "（五）不予处理", "4.无正当理由大量反复申请")),
    ("not_processed.5", (R, "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息")),
    ("other.1", (R, "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
    (
        "other.2",
        (R, "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ),
    ("other.3", (R, "（六）其他处理", "3.其他")),
    ("results_total", (R, "（七）总计", "（七）总计")),
    ("carried_out", ("四、结转下年度继续办理",) * 3),
]
T3_HEADER = [
    [CORNER] * 3 + ["申请人情况"] * 7,
    [CORNER] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"],
    [CORNER] * 3 + ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
]
T4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


def v(report: Report, key: str) -> str:
    return display(report.cells[key])


def expected_t2(r: Report) -> list[list[str]]:
    def row(label: str, *keys: str) -> list[str]:
        values = [v(r, k) for k in keys]
        return [label, *(values if len(values) == 3 else values * 3)]

    decisions = ["信息内容"] + ["本年处理决定数量"] * 3
    return [
        ["第二十条第（一）项"] * 4,
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        row("规章", "t2.regulations.issued", "t2.regulations.repealed", "t2.regulations.in_force"),
        row("行政规范性文件", "t2.normative.issued", "t2.normative.repealed", "t2.normative.in_force"),
        ["第二十条第（五）项"] * 4,
        decisions,
        row("行政许可", "t2.licensing.decisions"),
        ["第二十条第（六）项"] * 4,
        decisions,
        row("行政处罚", "t2.penalty.decisions"),
        row("行政强制", "t2.coercion.decisions"),
        ["第二十条第（八）项"] * 4,
        ["信息内容"] + ["本年收费金额（单位：万元）"] * 3,
        row("行政事业性收费", "t2.fees.amount"),
    ]


@pytest.fixture(scope="module", params=REFERENCE)
def rendered(request: pytest.FixtureRequest, form: Form) -> tuple[Report, Any]:
    report = load_data(request.param)
    return report, render(form, report)


def test_three_tables_in_order(rendered: tuple[Report, Any]) -> None:
    _, doc = rendered
    assert [len(t.columns) for t in doc.tables] == [4, 10, 15]


def test_table2_cell_by_cell(rendered: tuple[Report, Any]) -> None:
    report, doc = rendered
    assert grid(doc.tables[0]) == expected_t2(report)


def test_table3_labels_and_every_figure_at_its_row_and_column(rendered: tuple[Report, Any]) -> None:
    report, doc = rendered
    cells = grid(doc.tables[1])
    assert cells[:3] == T3_HEADER
    assert len(cells) == 3 + len(T3_ROWS)
    for i, (row, labels) in enumerate(T3_ROWS):
        printed = cells[3 + i]
        assert tuple(printed[:3]) == labels
        assert printed[3:] == [v(report, f"t3.{row}.{col}") for col in T3_COLUMNS], row


def test_table4_two_level_header_and_figures(rendered: tuple[Report, Any]) -> None:
    report, doc = rendered
    assert grid(doc.tables[2]) == [
        ["行政复议"] * 5 + ["行政诉讼"] * 10,
        T4_RESULTS + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
        T4_RESULTS * 3,
        [
            v(report, f"t4.{g}.{c}")
            for g in ("review", "suit_direct", "suit_after_review")
            for c in T4_COLUMNS
        ],
    ]


def merge_at(table: Any, row: int, col: int) -> tuple[str | None, int]:
    """(w:vMerge value, grid span) of the cell that starts at grid column ``col`` of ``row``."""
    position = 0
    for tc in table.rows[row]._tr.tc_lst:
        if position == col:
            tc_pr = tc.tcPr
            vmerge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            state = None if vmerge is None else (vmerge.get(qn("w:val")) or "continue")
            return state, tc.grid_span
        position += tc.grid_span
    raise AssertionError(f"no cell starts at column {col} of row {row}")


def test_merged_label_cells_are_real_merges(rendered: tuple[Report, Any]) -> None:
    _, doc = rendered
    t3 = doc.tables[1]
    # One cell merged down (not a label copied into each row) for 三、本年度办理结果: rows 5–26.
    assert [merge_at(t3, r, 0) for r in range(5, 27)] == [("restart", 1)] + [("continue", 1)] * 21
    # （三）不予公开 over its eight rows, beside them the leaves in their own cells.
    assert [merge_at(t3, r, 1) for r in range(7, 15)] == [("restart", 1)] + [("continue", 1)] * 7
    assert [merge_at(t3, r, 2) for r in range(7, 15)] == [(None, 1)] * 8
    # 一、 spans the three label columns; the corner note three columns and three rows.
    assert merge_at(t3, 3, 0) == (None, 3)
    assert [merge_at(t3, r, 0) for r in range(3)] == [("restart", 3), ("continue", 3), ("continue", 3)]
    # 法人或其他组织 spans its five columns; 自然人 and 总计 span two header rows.
    assert merge_at(t3, 1, 4) == (None, 5)
    assert [merge_at(t3, r, 3) for r in (1, 2)] == [("restart", 1), ("continue", 1)]


def test_fee_amount_prints_exactly_as_entered(form: Form, huaian: Report) -> None:
    assert grid(render(form, huaian).tables[0])[13][1] == "96171.6"
    report = huaian.with_cell("t2.fees.amount", Decimal("4068.208"))
    assert grid(render(form, report).tables[0])[13][1] == "4068.208"
    report = huaian.with_cell("t2.fees.amount", Decimal("0.50"))
    assert grid(render(form, report).tables[0])[13][1] == "0.50"


def _expected_paragraphs(report: Report) -> list[tuple[str, str]]:
    def parts(*keys: str) -> list[tuple[str, str]]:
        return [("报告正文", p) for k in keys for p in report.texts[k].split("\n") if p.strip()]

    s1 = [
        ("（一）主动公开", "s1.active"),
        ("（二）依申请公开", "s1.request"),
        ("（三）政府信息管理", "s1.management"),
        ("（四）政府信息公开平台建设", "s1.platform"),
        ("（五）监督保障", "s1.oversight"),
    ]
    out = [*parts("intro"), ("一级标题", "一、总体情况")]
    for heading, key in s1:
        if report.texts[key].strip():  # an empty part prints no bare heading
            out += [("二级标题", heading), *parts(key)]
    out += [
        ("一级标题", "二、主动公开政府信息情况"),
        ("一级标题", "三、收到和处理政府信息公开申请情况"),
        ("一级标题", "四、政府信息公开行政复议、行政诉讼情况"),
        ("一级标题", "五、存在的主要问题及改进情况"),
        *parts("s5.problems", "s5.improvements"),
        ("一级标题", "六、其他需要报告的事项"),
        *parts("s6"),
    ]
    return out


def test_title_and_every_narrative_paragraph_in_order(rendered: tuple[Report, Any]) -> None:
    report, doc = rendered
    paragraphs = [p for p in body_paragraphs(doc) if p[1]]
    titles = [t for s, t in paragraphs if s == "报告标题"]
    assert "".join(titles[:-1]) == report.agency.full_name
    assert titles[-1] == f"{report.year}年政府信息公开工作年度报告"
    assert [p for p in paragraphs if p[0] != "报告标题"] == _expected_paragraphs(report)


@pytest.mark.parametrize("key", ["s1.management", "s1.oversight"])
def test_an_empty_part_prints_no_bare_heading(form: Form, seed: Report, key: str) -> None:
    """PART-EMPTY (政府信息管理 folded into 平台建设, explained): the part and its heading are left out."""
    report = seed.with_text(key, " \n")
    paragraphs = [p for p in body_paragraphs(render(form, report)) if p[1]]
    assert form.parts[key].heading not in [t for _, t in paragraphs]
    assert [p for p in paragraphs if p[0] != "报告标题"] == _expected_paragraphs(report)
    assert ("二级标题", "（四）政府信息公开平台建设") in paragraphs


def test_long_name_breaks_after_the_region(form: Form, seed: Report) -> None:
    titles = [p.text for p in render(form, seed).paragraphs if p.style.name == "报告标题"]
    assert titles == ["武汉市东湖新技术开发区", "政务服务和大数据管理局", "2023年政府信息公开工作年度报告"]


def test_generated_opening_paragraph(form: Form, seed: Report) -> None:
    report = seed.with_text("intro", "")
    paragraphs = [p.text for p in render(form, report).paragraphs if p.style.name == "报告正文" and p.text]
    intro = paragraphs[0]
    assert "《中华人民共和国政府信息公开条例》" in intro
    assert "国办公开办函〔2021〕30号" in intro
    assert "自2023年1月1日起至2023年12月31日止" in intro
    assert "https://www.wehdz.gov.cn/" in intro
    assert paragraphs[1] == seed.texts["s1.active"]


# ---------------------------------------------------------------------------------------------
# Layout


def _rfonts(element: Any) -> Any:
    rpr = element.find(qn("w:rPr"))
    return rpr.find(qn("w:rFonts"))


@pytest.mark.parametrize(
    ("style", "east_asia", "size"),
    [
        ("报告标题", "方正小标宋简体", 22),
        ("报告正文", "仿宋_GB2312", 16),
        ("一级标题", "黑体", 16),
        ("二级标题", "楷体_GB2312", 16),
        ("页码", "宋体", 14),
    ],
)
def test_style_fonts_are_set_as_east_asian_fonts(
    rendered: tuple[Report, Any], style: str, east_asia: str, size: int
) -> None:
    _, doc = rendered
    s = doc.styles[style]
    assert s.font.size == Pt(size)
    assert _rfonts(s.element).get(qn("w:eastAsia")) == east_asia
    runs = [r for p in doc.paragraphs if p.style.name == style for r in p.runs]
    for section in doc.sections:
        runs += [r for p in section.footer.paragraphs if p.style.name == style for r in p.runs]
    assert runs
    assert {_rfonts(r._r).get(qn("w:eastAsia")) for r in runs} == {east_asia}


def test_body_style_gb9704(rendered: tuple[Report, Any]) -> None:
    _, doc = rendered
    pf = doc.styles["报告正文"].paragraph_format
    assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert pf.line_spacing == Pt(28.95)
    assert pf.first_line_indent == Pt(32)
    assert pf.element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"


def test_page_is_a4_with_gb9704_margins(rendered: tuple[Report, Any]) -> None:
    _, doc = rendered
    (section,) = doc.sections
    sizes = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    # Word stores twips: allow the rounding to 1/20 pt.
    assert all(abs(m - Mm(mm)) < Mm(0.02) for m, mm in zip(sizes, (210, 297, 37, 35, 28, 26), strict=True))


def test_page_number_is_a_dashed_page_field(rendered: tuple[Report, Any]) -> None:
    _, doc = rendered
    footer = doc.sections[0].footer.paragraphs[0]
    assert footer.text == "— 1 —"
    assert "PAGE" in "".join(t.text for t in footer._p.iter(qn("w:instrText")))


def test_table3_rows_never_split_and_header_rows_repeat(rendered: tuple[Report, Any]) -> None:
    _, doc = rendered
    rows = doc.tables[1].rows
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)
    assert [r._tr.trPr.find(qn("w:tblHeader")) is not None for r in rows] == [True] * 3 + [False] * 25


def test_table3_fits_the_type_area(rendered: tuple[Report, Any]) -> None:
    _, doc = rendered
    grid_cols = doc.tables[1]._tbl.tblGrid.findall(qn("w:gridCol"))
    assert sum(int(c.get(qn("w:w"))) for c in grid_cols) <= Mm(156).twips


def test_final_document_has_no_draft_mark(rendered: tuple[Report, Any]) -> None:
    _, doc = rendered
    assert "草稿" not in "".join(p.text for s in doc.sections for p in s.header.paragraphs)


def test_draft_is_marked_on_every_page(form: Form, hongze2023: Report) -> None:
    doc = render(form, hongze2023, draft=True)
    for section in doc.sections:
        assert section.header.paragraphs[0].text.startswith("草稿")
    # Blank cells of a draft print as empty cells.
    assert grid(doc.tables[1])[3 + 20][3:] == [""] * 7
