"""Cell values and the one parser for what a person types or pastes.

Blank is ``None`` and never the same as 0. Counts are ``int``; 收费金额 is ``Decimal`` and is
kept exactly as entered. A value that is not acceptable is kept as :class:`Invalid`, so a
draft can hold it and the checks can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal, TypeAlias

from reportdesk.hidden import remove_hidden

ValueKind = Literal["count", "amount"]


@dataclass(frozen=True)
class Invalid:
    """A value that is not acceptable in its cell; ``raw`` is kept as given, ``reason`` says why."""

    raw: object
    reason: str

    def __str__(self) -> str:
        return str(self.raw)


CellValue: TypeAlias = int | Decimal | Invalid | None

# The spec's ceilings ("Rules"): no body reaches them, and a spreadsheet keeps only 15 significant
# digits, so a figure beyond them could not pass through Excel unchanged. Beyond is a VALUE error.
MAX_COUNT = 999_999_999
MAX_AMOUNT = Decimal("99999999.999999")
MAX_AMOUNT_PLACES = 6


def range_problem(value: int | Decimal, kind: ValueKind) -> str | None:
    """Why a non-negative number is beyond its cell's ceiling (Chinese), or None when it is within."""
    if kind == "count":
        if value > MAX_COUNT:
            return f"{_digits(value)} 超过了件数的上限 999999999，不是合理的件数"
        return None
    if value > MAX_AMOUNT:
        return f"{_digits(value)} 超过了金额的上限 99999999.999999 万元"
    exponent = Decimal(value).as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_AMOUNT_PLACES:
        return f"{_digits(value)} 的小数超过 {MAX_AMOUNT_PLACES} 位（金额以万元为单位，最多到分的百分之一）"
    return None


def _digits(value: int | Decimal) -> str:
    text = str(value) if isinstance(value, int) or value.adjusted() < 40 else f"{value:.3E}"
    return text if len(text) <= 40 else f"一个 {len(text)} 位的数"


@dataclass(frozen=True)
class Parsed:
    """Result of :func:`parse_input`: ``value`` when accepted, else ``error`` (Chinese)."""

    value: int | Decimal | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


# Full-width digits and punctuation a Chinese IME produces, mapped to ASCII.
_FULLWIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "．": ".",
        "，": ",",
        "－": "-",
        "＋": "+",
        "　": " ",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
    }
)
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_UNIT = {"count": ("件", "条", "个", "次", "项"), "amount": ("万元", "万")}


def parse_input(text: str, kind: ValueKind = "count") -> Parsed:
    """Parse what a person typed or pasted into a cell.

    Accepts full-width digits, thousands separators, surrounding and inner spaces and a unit
    (件 for counts, 万元 for amounts). Returns a blank value for empty text.
    """
    _, hidden = remove_hidden(text)
    if hidden:
        shown = remove_hidden(text)[0].strip()
        return Parsed(error=f"“{shown}”中夹有看不见的字符（{'、'.join(hidden)}），请删除后重新输入这个数字")
    s = text.translate(_FULLWIDTH).strip()
    if not s:
        return Parsed(None)
    for unit in _UNIT[kind]:
        if s.endswith(unit):
            s = s[: -len(unit)].strip()
            break
    else:
        if kind == "amount" and s.endswith("元"):
            return Parsed(
                error=f"“{text.strip()}”：收费金额以万元为单位，请换算成万元后填写（1万元 = 10000元）"
            )
    s = s.replace(" ", "")
    if _GROUPED.match(s):
        s = s.replace(",", "")
    elif "," in s:
        return Parsed(error=f"“{text.strip()}”：千位分隔符位置不对，请只填写数字")
    if not _PLAIN.match(s):
        return Parsed(error=f"“{text.strip()}”不是数字，请只填写阿拉伯数字")
    try:
        number = Decimal(s)
    except InvalidOperation:
        return Parsed(error=f"“{text.strip()}”不是数字，请只填写阿拉伯数字")
    if number < 0:
        return Parsed(error=f"“{text.strip()}”是负数，{'件数' if kind == 'count' else '金额'}不能为负")
    if kind == "amount":
        # Keep the digits as entered (“4068.208”, “0.50”), but drop a leading '+'.
        amount = Decimal(s.lstrip("+"))
        beyond = range_problem(amount, kind)
        return Parsed(error=f"“{text.strip()}”：{beyond}") if beyond else Parsed(amount)
    if number != number.to_integral_value():
        return Parsed(error=f"“{text.strip()}”带有小数，件数必须是整数")
    beyond = range_problem(number, kind)
    if beyond:
        return Parsed(error=f"“{text.strip()}”：{beyond}")
    return Parsed(int(number))


def from_json(raw: object, kind: ValueKind) -> CellValue:
    """A cell's value from the exchange JSON (parsed with ``parse_float=Decimal``).

    Counts must be JSON integers and amounts decimal strings (numbers are accepted). Anything
    else is kept as :class:`Invalid`, so the file round-trips and the checks report it.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        return Invalid(raw, "应为数字，而不是真/假值")
    if kind == "count":
        if isinstance(raw, int):
            if raw < 0:
                return Invalid(raw, f"{raw} 是负数，件数不能为负")
            beyond = range_problem(raw, kind)
            return Invalid(raw, beyond) if beyond else raw
        if isinstance(raw, Decimal):
            return Invalid(raw, f"{raw} 不是整数，件数必须是整数")
        return Invalid(raw, f"“{raw}”不是整数，件数必须是整数")
    if isinstance(raw, int | Decimal):
        raw_text = str(raw)
    elif isinstance(raw, str):
        raw_text = raw
    else:
        return Invalid(raw, "应为以万元为单位的金额")
    _, hidden = remove_hidden(raw_text)
    if hidden:
        return Invalid(raw, f"金额中夹有看不见的字符（{'、'.join(hidden)}），请删除后重新填写")
    if not _PLAIN.match(raw_text.strip()):
        return Invalid(raw, f"“{raw_text}”不是金额，请填写以万元为单位的数字")
    amount = Decimal(raw_text.strip())
    if amount < 0:
        return Invalid(raw, f"{raw_text} 是负数，金额不能为负")
    beyond = range_problem(amount, kind)
    return Invalid(raw, beyond) if beyond else amount


def to_json(value: CellValue, kind: ValueKind) -> object:
    """The exchange JSON form of a cell value (an amount is a decimal string)."""
    if isinstance(value, Invalid):
        return value.raw
    if value is None:
        return None
    if kind == "amount":
        return str(value)
    return value


def display(value: CellValue) -> str:
    """How a value is shown to a person: blank as empty text, amounts exactly as entered."""
    if value is None:
        return ""
    return str(value)


def is_number(value: CellValue) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)
