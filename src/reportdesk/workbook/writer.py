"""Export a report to .xlsx laid out like the official tables.

Sheets: 报告信息 (format, program, year, body), 表二, 表三, 表四 (labels and merged headers as
printed, counts formatted ``0``, the amount with exactly its own decimals), 文字 (the
narrative) and a hidden ``reportdesk`` sheet (see :mod:`reportdesk.workbook.marker`).

A total is written as a live formula when the report's figure is what the formula computes.
A figure kept as printed that does not add up (a wrong printed total) is written as the
number itself, shaded, with a comment giving the sum — so the workbook shows exactly the
report, and reads back into it.
"""

from __future__ import annotations

import io
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportdesk import __version__
from reportdesk.form import Form, Relation
from reportdesk.report import Report, derivation_order
from reportdesk.values import Invalid, to_json
from reportdesk.workbook.cellvalues import EXCEL_DIGITS, put_text
from reportdesk.workbook.formulas import FormulaError, Number, ref, relation_total, total_formula
from reportdesk.workbook.layout import Label, TableSheet, table_sheets
from reportdesk.workbook.marker import DATA_SHEET, INFO_SHEET, PROGRAM, write_data, write_info
from reportdesk.workbook.narrative import TEXT_SHEET, write_texts
from reportdesk.workbook.payload import encode_payload

FONT = "宋体"
LINE_HEIGHT = 15.0
MAX_ROW_HEIGHT = 409.0
PRINTED_FILL = "FFF2CC"
HEADER_FILL = "F2F2F2"


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _lines(text: str, width: float) -> int:
    usable = max(width - 1.0, 4.0)
    return sum(max(1, math.ceil(_display_width(line) / usable)) for line in text.split("\n"))


def amount_format(value: Decimal) -> str:
    """A number format that shows exactly the amount's own decimals (4068.208 → ``0.000``)."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


class _Styles:
    """openpyxl style objects, made once per export (imported lazily: CLI start-up time)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT, size=11)
        self.bold = Font(name=FONT, size=11, bold=True)
        self.title = Font(name=FONT, size=14, bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="center")
        self.centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self.top = Alignment(wrap_text=True, vertical="top", horizontal="left")
        self.number = Alignment(vertical="center", horizontal="right")
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.printed_fill = PatternFill("solid", fgColor=PRINTED_FILL)


def workbook_bytes(report: Report, form: Form) -> tuple[bytes, list[str]]:
    """The .xlsx file's bytes, and notes on values that will not read back as numbers."""
    from openpyxl import Workbook

    styles = _Styles()
    wb = Workbook()
    info = wb.active
    info.title = INFO_SHEET
    notes: list[str] = []
    write_info(
        info,
        form,
        {
            "format": form.format,
            "program": f"{PROGRAM} {__version__}",
            "year": report.year,
            "name": report.agency.name,
            "region": report.agency.region,
            "kind": report.agency.kind,
            "website": report.agency.website,
        },
    )
    _plain_sheet(info, styles, {1: 12.0, 2: 48.0, 3: 40.0})
    derives = {rel.derives: rel for rel in derivation_order(form) if rel.derives}
    for layout in table_sheets(form):
        ws = wb.create_sheet(layout.name)
        _labels(ws, layout, styles)
        _values(ws, layout, report, form, derives, styles, notes)
        _finish_table(ws, layout)
    texts = wb.create_sheet(TEXT_SHEET)
    write_texts(texts, form, report)
    _plain_sheet(texts, styles, {1: 16.0, 2: 24.0, 3: 20.0, 4: 100.0})
    write_data(wb.create_sheet(DATA_SHEET), form, encode_payload(report, form))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue(), notes


def write_workbook(report: Report, form: Form, path: Path) -> list[str]:
    """Export to ``path`` atomically; returns the notes of :func:`workbook_bytes`."""
    from reportdesk.files import write_atomically

    data, notes = workbook_bytes(report, form)
    write_atomically(path, data)
    return notes


def _labels(ws: Any, layout: TableSheet, styles: _Styles) -> None:
    for label in layout.labels:
        cell = ws.cell(label.row, label.col)
        put_text(cell, label.text)
        if label.style == "title":
            cell.font, cell.alignment = styles.title, styles.centre
            ws.row_dimensions[label.row].height = 2 * LINE_HEIGHT
        else:
            cell.font = styles.bold if label.style == "header" else styles.font
            cell.alignment = styles.wrap if label.style in ("label", "corner") else styles.centre
            if label.style == "header":
                cell.fill = styles.header_fill
            _box(ws, label, styles)
        if label.bottom > label.row or label.right > label.col:
            ws.merge_cells(
                start_row=label.row, start_column=label.col, end_row=label.bottom, end_column=label.right
            )


def _box(ws: Any, label: Label, styles: _Styles) -> None:
    for r in range(label.row, label.bottom + 1):
        for c in range(label.col, label.right + 1):
            ws.cell(r, c).border = styles.border


def _values(
    ws: Any,
    layout: TableSheet,
    report: Report,
    form: Form,
    derives: dict[str, Relation],
    styles: _Styles,
    notes: list[str],
) -> None:
    for key, (r, c) in layout.cells.items():
        cell = ws.cell(r, c)
        value = report.cells.get(key)
        kind = form.cells[key].kind
        rel = derives.get(key)
        if rel is not None and not isinstance(value, Invalid):
            _total(cell, rel, value, report, layout, styles, notes)
        elif isinstance(value, Invalid):
            raw = to_json(value, kind)
            if isinstance(raw, str) or (isinstance(raw, int | Decimal) and _too_long(raw)):
                put_text(cell, str(raw))  # as text: never a formula, and every digit kept
            else:
                cell.value = raw
            notes.append(
                f"{layout.name}!{ref((r, c))}：{form.cells[key].label}的值“{value.raw}”不是有效数字，原样写出"
            )
        else:
            cell.value = value
        if kind == "amount":
            cell.number_format = amount_format(value) if isinstance(value, Decimal) else "General"
        else:
            cell.number_format = "0"
        cell.font, cell.alignment, cell.border = styles.font, styles.number, styles.border
        right = layout.value_right.get(key)
        if right:
            for col in range(c, right + 1):
                ws.cell(r, col).border = styles.border
            ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=right)


def _too_long(number: int | Decimal) -> bool:
    """More significant digits than a spreadsheet keeps (it would show another number)."""
    return len(str(number).lstrip("-").replace(".", "").lstrip("0")) > EXCEL_DIGITS


def _total(
    cell: Any,
    rel: Relation,
    value: Number | None,
    report: Report,
    layout: TableSheet,
    styles: _Styles,
    notes: list[str],
) -> None:
    from openpyxl.comments import Comment

    try:
        computed = relation_total(rel, report.cells.get)
    except FormulaError:
        computed = None  # a term is not a number: keep the figure, no formula over text
    if value == computed:  # both blank too: the formula shows blank until a figure is entered
        cell.value = total_formula(rel, layout.cells)
        return
    cell.value = value
    if value is not None and computed is not None:
        cell.fill = styles.printed_fill
        cell.comment = Comment(f"原报告印刷的合计为 {value}，各项相加为 {computed}；按印刷值保留。", PROGRAM)


def _finish_table(ws: Any, layout: TableSheet) -> None:
    """Column widths, row heights for wrapped labels, landscape page fitted to the width."""
    from openpyxl.utils import get_column_letter

    for col, width in layout.widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    heights: dict[int, float] = {}
    for label in layout.labels:
        if label.style == "title" or label.bottom > label.row:
            continue
        width = sum(layout.widths.get(c, 10.0) for c in range(label.col, label.right + 1))
        heights[label.row] = max(heights.get(label.row, LINE_HEIGHT), LINE_HEIGHT * _lines(label.text, width))
    for row, height in heights.items():
        ws.row_dimensions[row].height = min(height + 3, MAX_ROW_HEIGHT)
    _fit_width(ws)


def _fit_width(ws: Any) -> None:
    """Print landscape, as wide as the page and as many pages long as needed."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _plain_sheet(ws: Any, styles: _Styles, widths: dict[int, float]) -> None:
    """A list sheet: bold header row, wrapped cells, row heights for the longest cell."""
    from openpyxl.utils import get_column_letter

    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    for row in ws.iter_rows():
        lines = 1
        for cell in row:
            cell.font = styles.bold if cell.row == 1 else styles.font
            cell.alignment = styles.top
            if isinstance(cell.value, str):
                lines = max(lines, _lines(cell.value, widths.get(cell.column, 10.0)))
        ws.row_dimensions[row[0].row].height = min(LINE_HEIGHT * lines + 3, MAX_ROW_HEIGHT)
    ws.freeze_panes = "A2"
    _fit_width(ws)
