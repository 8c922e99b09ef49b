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

from reportdesk.values import Parsed, ValueKind, parse_input

EXCEL_DIGITS = 15
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def escape_text(text: str) -> str:
    """Text as stored in a cell: XML-illegal characters and literal ``_xHHHH_`` escaped."""
    return _NEEDS_ESCAPE.sub(lambda m: f"_x{ord(m[0]):04X}_", text)


def unescape_text(text: str) -> str:
    """The text a cell shows: OOXML ``_xHHHH_`` escapes decoded."""
    return _ESCAPED.sub(lambda m: chr(int(m[1], 16)), text) if "_x" in text else text


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
        return Parsed(decimal_of_float(raw) if isinstance(raw, float) else Decimal(raw))
    if isinstance(raw, int):
        return Parsed(raw)
    whole = Decimal(raw) if isinstance(raw, Decimal) else decimal_of_float(raw)
    if whole != whole.to_integral_value():
        return Parsed(error=f"“{whole}”带有小数，件数必须是整数")
    return Parsed(int(whole))
