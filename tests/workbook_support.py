"""Hand-made workbooks for the import tests, built the way an office builds them.

Labels come from the form (never listed here) and are retyped with the variations people make:
half-width brackets, full-width digits, spaces, line breaks inside the cell, ``1、`` for ``1.``, straight quotes,
the remark in brackets left out. The tables sit at other coordinates than reportdesk's, under
title rows, with a stray note in between, and without most of the merged cells.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import openpyxl

from reportdesk.form import Form
from reportdesk.report import Report


def half_width(label: str) -> str:
    return unicodedata.normalize("NFKC", label)


def full_width(label: str) -> str:
    """Digits, full stops and brackets typed with a Chinese IME in full-width mode."""
    table = {ord(d): 0xFF10 + int(d) for d in "0123456789"} | {ord("."): "．", ord("("): "（", ord(")"): "）"}
    return label.translate(table)


def spaced(label: str) -> str:
    return " ".join(label[i : i + 3] for i in range(0, len(label), 3))


def broken(label: str) -> str:
    middle = len(label) // 2
    return label[:middle] + "\n" + label[middle:]


def enumeration_comma(label: str) -> str:
    return label.replace(".", "、", 1)


def straight_quotes(label: str) -> str:
    return label.replace("“", '"').replace("”", '"')


def without_remark(label: str) -> str:
    if "（" in label[1:]:
        cut = label.index("（", 1)
        if label.endswith("）") and cut > 3:
            return label[:cut]
    return label


VARIANTS: tuple[Callable[[str], str], ...] = (
    half_width,
    full_width,
    spaced,
    broken,
    enumeration_comma,
    straight_quotes,
    without_remark,
    lambda s: "  " + s + " ",
    lambda s: s,
)


def variant(label: str, i: int) -> str:
    """The i-th retyping of a label."""
    return VARIANTS[i % len(VARIANTS)](label)


def _value(report: Report, key: str, as_text: bool) -> Any:
    value = report.cells.get(key)
    if value is None:
        return None
    if as_text:
        return str(value).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})  # full-width digits
    return float(value) if not isinstance(value, int) else value


def handmade(report: Report, form: Form, *, title: bool = True, one_sheet: bool = False) -> openpyxl.Workbook:
    """Tables 2–4 filled from ``report`` in the official layout, retyped by hand.

    Table 2 at B6 of 汇总表 (below a title and a unit note), table 3 further down at C30 with a
    stray note above it, table 4 on its own sheet 复议诉讼 at B4 (or below table 3 when
    ``one_sheet``). A few figures are typed as text with full-width digits.
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总表"
    if title:
        ws["B1"] = f"{report.agency.name}{report.year}年{form.name}"
    ws["B2"] = "（机关盖章）"
    ws["F4"] = "单位：件、万元"
    i = 0
    row = 6
    width = max(len(b.columns) for b in form.t2.blocks)
    for block in form.t2.blocks:
        ws.cell(row, 2, variant(block.header, i))
        ws.cell(row + 1, 2, form.t2.label_header)
        for j, col in enumerate(block.columns):
            ws.cell(row + 1, 3 + j, variant(col.label, i + j))
        if len(block.columns) < width:
            ws.merge_cells(
                start_row=row + 1, start_column=2 + len(block.columns), end_row=row + 1, end_column=1 + width
            )
        row += 2
        for r in block.rows:
            ws.cell(row, 2, variant(r.label, i))
            for j, col in enumerate(block.columns):
                ws.cell(row, 3 + j, _value(report, f"t2.{r.key}.{col.key}", as_text=(i % 5 == 0)))
            row += 1
            i += 1
    ws.cell(row + 2, 4, "注：本表由办公室汇总，数据截至12月31日。")
    top = row + 6
    _table3(ws, report, form, top)
    t4 = ws if one_sheet else wb.create_sheet("复议诉讼")
    _table4(t4, report, form, top + len(form.t3.rows) + 12 if one_sheet else 4)
    return wb


def _table3(ws: Any, report: Report, form: Form, top: int) -> None:
    """Labels in columns C–E (the printed nesting), figures from F, headers in three rows."""
    t3 = form.t3
    ws.cell(top, 3, broken(t3.corner))
    ws.cell(top, 6, spaced(t3.column_header))
    col = 6
    for c in t3.columns:
        if c.group:
            ws.cell(top + 1, 7, c.group)
            ws.cell(top + 2, col, broken(c.label) if len(c.label) > 3 else c.label)
        else:
            ws.cell(top + 1, col, spaced(c.label))
        col += 1
    row = top + 3
    i = 0

    def place(nodes: Any, level: int) -> None:
        nonlocal row, i
        for node in nodes:
            # Remarks left out and quotes typed straight wherever a label has them.
            ws.cell(row, 3 + level, without_remark(straight_quotes(variant(node.label, i))))
            if node.key is None:
                i += 1
                place(node.children, level + 1)
                continue
            for j, c in enumerate(t3.columns):
                ws.cell(row, 6 + j, _value(report, f"t3.{node.key}.{c.key}", as_text=(i == 3 and j == 0)))
            row += 1
            i += 1

    place(t3.tree, 0)


def _table4(ws: Any, report: Report, form: Form, top: int) -> None:
    """Group labels over their columns (parents above), no merged cells; figures one row below."""
    t4 = form.t4
    n = len(t4.columns)
    col = 2
    for g in t4.groups:
        if g.parent and ws.cell(top, col - n).value != g.parent:
            ws.cell(top, col, g.parent)
        ws.cell(top + (1 if g.parent else 0), col, variant(g.label, col))
        for j, c in enumerate(t4.columns):
            ws.cell(top + 2, col + j, spaced(c.label))
            ws.cell(top + 3, col + j, _value(report, f"t4.{g.key}.{c.key}", as_text=False))
        col += n
