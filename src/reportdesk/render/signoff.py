"""The sign-off sheet (审核单): one or two pages for the leader who signs the report.

It names the body and year, lists every check that was run with its result (the finding code only
as a small grey tag), every accepted warning with the officer's reason, the reasons whose warning no
longer occurs (已失效, kept, never lost), this year's key figures beside last year's, and has lines
for 填报人 / 审核人 / 分管领导 with dates. Same 公文 layout as the report.
"""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from docx.shared import Pt, RGBColor

from reportdesk.checks import Finding, describe_id, stale_reasons
from reportdesk.form import Form
from reportdesk.render import layout, table_layout
from reportdesk.render.context import clean, name_lines
from reportdesk.render.gate import Verdict
from reportdesk.render.pages import ems
from reportdesk.report import Report
from reportdesk.unsure import holding
from reportdesk.values import CellValue, display, is_number

SIGNERS = ("填报人", "审核人", "分管领导")
DATE_BLANK = "　　　　年　　月　　日"
NO_PREVIOUS = "—"
TAG_GREY = RGBColor(0x80, 0x80, 0x80)

# Checks that compare with last year's report; without it they are not run.
_COPY_CODE = "COPY"


def cross_year_codes(form: Form) -> frozenset[str]:
    """The finding codes that need last year's report."""
    return frozenset({r.code for r in form.cross_year} | {form.jump_code, _COPY_CODE})


def key_figures(form: Form) -> tuple[str, ...]:
    """The cells the sheet compares with last year: all of table 2, the totals of table 3's
    main rows (一, 二, （一）, （二）, （七）, 四) and the three totals of table 4."""
    t3_total = next(c.key for c in form.t3.columns if c.computed)
    t4_total = next(c.key for c in form.t4.columns if c.computed)
    t2 = [k for k, c in form.cells.items() if c.table == "t2"]
    t3 = [f"t3.{r.key}.{t3_total}" for r in form.t3.rows if len(r.path) <= 1]
    t4 = [f"t4.{g.key}.{t4_total}" for g in form.t4.groups]
    return (*t2, *t3, *t4)


def _result(code: str, findings: list[Finding], ran: bool) -> str:
    if not ran:
        return "未运行（未提供上年报告）"
    mine = [f for f in findings if f.code == code]
    if not mine:
        return "通过"
    if mine[0].level == "error":
        return f"{len(mine)} 处错误"
    accepted = sum(1 for f in mine if f.accepted)
    parts = []
    if accepted:
        parts.append(f"{accepted} 处已说明")
    if len(mine) > accepted:
        parts.append(f"{len(mine) - accepted} 处提醒未说明")
    return "，".join(parts)


def places(value: CellValue) -> int:
    """The decimals an amount was entered with (0 for a count)."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return max(0, -exponent) if isinstance(exponent, int) else 0
    return 0


def figure(value: CellValue, at_most: int) -> str:
    """A figure as the sheet prints it: an amount with at most ``at_most`` decimals (rounded half
    up; more only where rounding would print a change or an amount as 0), never "-0" or "1E+3"."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return display(value)
    if value == 0:
        return "0"
    digits = min(at_most, places(value))
    rounded = value.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    while rounded == 0 and digits < places(value):
        digits += 1
        rounded = value.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    return f"{rounded:f}"


def _change(now: CellValue, before: CellValue, at_most: int) -> str:
    if is_number(now) and is_number(before):
        diff = now - before  # type: ignore[operator]
        text = figure(diff, at_most)
        return f"+{text}" if diff > 0 else text
    return NO_PREVIOUS


def figure_widths(rows: list[list[str]], widths: list[float]) -> list[float]:
    """Column widths (mm) where no figure of columns 1… wraps: a figure column grows to hold its
    longest figure on one line, and the label column gives up what it takes."""
    out = list(widths)
    for j in range(1, len(widths)):
        longest = max((ems(row[j]) for row in rows), default=0.0)
        need = longest * layout.SIZE_5 * 25.4 / 72 + 2 * table_layout.CELL_MARGIN_MM + 1.0
        if need > out[j]:
            out[0] -= need - out[j]
            out[j] = need
    return out


def _table(
    doc: Any, header: list[str], rows: list[list[str]], widths: list[float], label_columns: int = 1
) -> Any:
    table = table_layout.new_table(doc, 1 + len(rows), widths)
    for j, cell in enumerate(table.rows[0].cells):
        table_layout.fill_cell(cell, header[j], layout.TABLE_TEXT, bold=True)
    for i, row in enumerate(rows, start=1):
        for j, cell in enumerate(table.rows[i].cells):  # one grid walk per row, not per cell
            spec = layout.TABLE_LABEL if j < label_columns else layout.TABLE_TEXT
            table_layout.fill_cell(cell, clean(row[j]), spec)
    for i, tr in enumerate(table.rows):
        table_layout.format_row(tr, min_height_mm=6.0, header=i == 0)
    return table


def _tag(cell: Any, code: str) -> None:
    """The finding code after a cell's text: a small grey tag, for whoever looks a rule up."""
    run = layout.add_run(cell.paragraphs[0], f"  {code}", layout.TABLE_NOTE)
    run.font.size = Pt(layout.SIZE_SMALL_5 - 1.5)
    run.font.color.rgb = TAG_GREY


def _gap(doc: Any) -> None:
    """A small space after a table, so the next heading does not touch it."""
    layout.add_paragraph(doc, "", layout.TABLE_TEXT)


def build_signoff(form: Form, report: Report, verdict: Verdict, previous: Report | None = None) -> Any:
    """The sheet as a python-docx ``Document``."""
    doc = layout.new_document()
    layout.add_page_number(doc.sections[0])
    agency = clean(report.agency.full_name)
    doc.core_properties.title = f"{agency}{report.year}年{form.name}审核单"
    for line in name_lines(agency, clean(report.agency.region)):
        layout.add_paragraph(doc, line, layout.TITLE)
    layout.add_paragraph(doc, f"{report.year}年{form.name}审核单", layout.TITLE)
    layout.add_paragraph(doc, "", layout.BODY)
    kind = form.kind_label(report.agency.kind)
    # Lines of names and figures are set flush left: justified, their spaces would stretch.
    layout.add_paragraph(
        doc, f"报告机关：{agency}；报告年度：{report.year}年；机关类型：{kind}。", layout.BODY, align="left"
    )

    findings = list(verdict.findings)
    errors, open_warnings, accepted = len(verdict.errors), len(verdict.open_warnings), len(verdict.accepted)
    layout.add_paragraph(doc, "一、校验情况", layout.HEADING_1)
    needs_previous = cross_year_codes(form)
    ran = [c for c in form.codes if verdict.previous_given or c not in needs_previous]
    summary = (
        f"共 {len(form.codes)} 项校验，运行 {len(ran)} 项：{errors} 个错误，{open_warnings} 个未说明的提醒，"
        f"{accepted} 个已说明的提醒。"
    )
    if verdict.blank:
        summary += f"有 {len(verdict.blank)} 个单元格未填。"
    if not verdict.previous_given:
        summary += "未提供上年报告，跨年度校验未运行。"
    unsure = len(holding(form, report))
    if unsure:
        summary += f"有 {unsure} 个数字是导入已发布的报告时推断读出的，尚未经填报人核对确认。"
    layout.add_paragraph(doc, summary, layout.BODY, align="left")
    rows = [[info.title, _result(code, findings, code in ran)] for code, info in form.codes.items()]
    table = _table(doc, ["校验项目", "结果"], rows, [96.0, 60.0])
    for row, code in zip(table.rows[1:], form.codes, strict=True):
        _tag(row.cells[0], code)
    _gap(doc)

    layout.add_paragraph(doc, "二、已说明的提醒", layout.HEADING_1)
    stale = stale_reasons(findings, report.explanations)
    if verdict.accepted or stale:
        rows = [[f.message, report.explanations.get(f.id, "")] for f in verdict.accepted]
        rows += [
            [f"【已失效】{describe_id(form, key)}。所说明的提醒已不再出现，说明保留备查。", reason]
            for key, reason in stale
        ]
        table = _table(doc, ["提醒内容", "说明理由"], rows, [86.0, 70.0], label_columns=2)
        for row, f in zip(table.rows[1:], verdict.accepted, strict=False):
            _tag(row.cells[0], f.code)
        _gap(doc)
    else:
        layout.add_paragraph(doc, "无。", layout.BODY)

    layout.add_paragraph(doc, "三、主要数据与上年对比", layout.HEADING_1)
    rows = []
    for key in key_figures(form):
        now = report.cells.get(key)
        before = previous.cells.get(key) if previous is not None else None
        # Last year's amount and the change: no more decimals than this year's report prints.
        digits = places(now)
        rows.append(
            [
                form.cells[key].label,
                display(now),
                figure(before, digits) if previous is not None else NO_PREVIOUS,
                _change(now, before, digits),
            ]
        )
    header = ["项目", f"{report.year}年", f"{report.year - 1}年", "增减"]
    _table(doc, header, rows, figure_widths(rows, [92.0, 22.0, 22.0, 20.0]))
    _gap(doc)

    layout.add_paragraph(doc, "四、审核签字", layout.HEADING_1)
    table = table_layout.new_table(doc, len(SIGNERS), [30.0, 66.0, 60.0])
    for i, role in enumerate(SIGNERS):
        table_layout.fill_cell(table.cell(i, 0), role, layout.TABLE_TEXT)
        table_layout.fill_cell(table.cell(i, 1), "", layout.TABLE_TEXT)
        table_layout.fill_cell(table.cell(i, 2), DATE_BLANK, layout.TABLE_TEXT)
        table_layout.format_row(table.rows[i], min_height_mm=12.0, keep_next=i < len(SIGNERS) - 1)
    return doc


def render_signoff(
    form: Form, report: Report, verdict: Verdict, previous: Report | None = None, *, draft: bool = False
) -> bytes:
    """The sign-off sheet as .docx bytes (marked 草稿 on every page when ``draft``)."""
    from reportdesk.render.docx import finish

    doc = build_signoff(form, report, verdict, previous)
    if draft:
        layout.mark_draft(doc, layout.DRAFT_MARK)
    finish(doc, clean(report.agency.full_name).strip())
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
