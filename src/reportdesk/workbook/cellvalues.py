"""What a workbook cell holds, turned into a report value, and text made safe for a cell.

openpyxl gives numbers as ``int`` or ``float``. Counts must be whole; an amount read as a
float becomes the Decimal of its shortest 15-digit form (what Excel itself shows), so 4068.208
stays 4068.208. Text in a number cell goes through :func:`reportdesk.values.parse_input`, the
one parser for what people type.

Text written to a cell uses the OOXML escape ``_xHHHH_`` for characters XML cannot carry
(control characters, a carriage return the XML parser would turn into a line feed) and for a
literal ``_xHHHH_`` in the text, as Excel does; reading undoes it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from reportdesk.values import Parsed, ValueKind, parse_input, range_problem

EXCEL_DIGITS = 15
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def escape_text(text: str) -> str:
    """Text as stored in a cell: XML-illegal characters and literal ``_xHHHH_`` escaped."""
    return _NEEDS_ESCAPE.sub(lambda m: f"_x{ord(m[0]):04X}_", text)


def unescape_text(text: str) -> str:
    """The text a cell shows: OOXML ``_xHHHH_`` escapes decoded (a surrogate's code is left as
    written: no file could hold the lone surrogate it would make)."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: m[0] if 0xD800 <= int(m[1], 16) <= 0xDFFF else chr(int(m[1], 16)), text)


# What makes a spreadsheet take typed text for a formula; text starting so is marked as text.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n")


def put_text(cell: Any, text: str) -> None:
    """Write ``text`` into an openpyxl cell as text, never as a formula.

    openpyxl turns any string starting with ``=`` into a live formula; here the cell's type is
    set back to a string, and text that would be read as a formula when the cell is edited in
    Excel/WPS gets the quote prefix (as a typed leading apostrophe does).
    """
    cell.value = escape_text(text)
    cell.data_type = "s"
    if text.startswith(FORMULA_LEADS):
        cell.quotePrefix = True


def escaped_pieces(text: str, size: int) -> list[str]:
    """``text`` escaped (:func:`escape_text`) and cut into pieces of at most ``size`` characters,
    never inside an escape, so each piece unescapes on its own and fits a cell."""
    escaped = escape_text(text)
    spans = [m.span() for m in _ESCAPED.finditer(escaped)]
    pieces: list[str] = []
    start, i = 0, 0
    while len(escaped) - start > size:
        cut = start + size
        while i < len(spans) and spans[i][1] <= cut:
            i += 1
        if i < len(spans) and spans[i][0] < cut:
            cut = spans[i][0]  # the escape starting before the cut goes whole into the next piece
        pieces.append(escaped[start:cut])
        start = cut
    pieces.append(escaped[start:])
    return pieces


def put_escaped(cell: Any, piece: str, text_start: str) -> None:
    """Write an already escaped piece as text; ``text_start`` is how the unescaped text begins."""
    cell.value = piece
    cell.data_type = "s"
    if text_start.startswith(FORMULA_LEADS) or piece.startswith(FORMULA_LEADS):
        cell.quotePrefix = True


def append_texts(ws: Any, values: list[object]) -> None:
    """``ws.append(values)`` with every string put in as text (:func:`put_text`)."""
    ws.append(values)
    row = ws.max_row
    for col, value in enumerate(values, start=1):
        if isinstance(value, str):
            put_text(ws.cell(row, col), value)


def decimal_of_float(number: float) -> Decimal:
    """The amount a float cell shows in Excel (15 significant digits), exactly, never in E-notation."""
    d = Decimal(format(number, f".{EXCEL_DIGITS}g"))
    return Decimal(format(d, "f")) if "E" in str(d) else d


def read_value(raw: object, kind: ValueKind) -> Parsed:
    """A cell's content as a count or amount, or the reason it is not one (Chinese)."""
    if raw is None:
        return Parsed(None)
    if isinstance(raw, bool):
        return Parsed(error=f"“{'TRUE' if raw else 'FALSE'}”是逻辑值，不是数字")
    if isinstance(raw, dt.datetime | dt.date | dt.time | dt.timedelta):
        return Parsed(
            error=f"“{raw}”是日期或时间（单元格格式被设成了日期），请把单元格格式改为“常规”或“数值”"
        )
    if isinstance(raw, str):
        text = unescape_text(raw)
        if text.startswith("#"):
            return Parsed(error=f"“{text}”是 Excel 的错误值，不是数字")
        return parse_input(text, kind)
    if isinstance(raw, int | float | Decimal):
        return _number(raw, kind)
    return Parsed(error=f"“{raw}”不是数字")


def _number(raw: int | float | Decimal, kind: ValueKind) -> Parsed:
    if isinstance(raw, float) and (raw != raw or raw in (float("inf"), float("-inf"))):
        return Parsed(error=f"“{raw}”不是数字")
    if raw < 0:
        return Parsed(error=f"“{raw}”是负数，{'件数' if kind == 'count' else '金额'}不能为负")
    if kind == "amount":
        parsed = Parsed(decimal_of_float(raw) if isinstance(raw, float) else Decimal(raw))
    elif isinstance(raw, int):
        parsed = Parsed(raw)
    else:
        whole = Decimal(raw) if isinstance(raw, Decimal) else decimal_of_float(raw)
        if whole != whole.to_integral_value():
            return Parsed(error=f"“{whole}”带有小数，件数必须是整数")
        parsed = Parsed(int(whole))
    beyond = range_problem(parsed.value, kind) if parsed.value is not None else None
    return Parsed(error=beyond) if beyond else parsed
