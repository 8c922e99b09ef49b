"""How values are written into the database, exactly and reversibly.

A cell is stored as JSON text: ``null`` for blank, an integer, ``{"decimal": "4068.208"}`` for an
amount (so ``"5"`` stays a ``Decimal`` and never turns into an ``int``), and
``{"invalid": raw, "reason": "…"}`` for a value the officer typed that is not acceptable — a draft
keeps it, with the reason it was refused. Free-form JSON (unknown keys of a file, kept as they came)
is written with decimals as their literal digits, so nothing passes through ``float``.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from reportdesk import jsontext
from reportdesk.values import CellValue, Invalid


class Unreadable(ValueError):
    """Stored data that this program never writes (changed by another program): ``reason`` says
    what is wrong with it, ``what`` which part it is, ``report_id`` whose."""

    def __init__(self, reason: str, what: str = "一项数据", report_id: int | None = None) -> None:
        self.reason = reason
        self.what = what
        self.report_id = report_id
        super().__init__(reason)


def json_text(value: Any) -> str:
    """Compact JSON of parsed exchange data, decimals written with their exact digits
    (an integral Decimal gets an exponent, so that it reads back as a Decimal)."""
    return jsontext.dump(value)


def parse_json(text: str) -> Any:
    """Read what :func:`json_text` wrote (fractions as ``Decimal``); :class:`Unreadable` otherwise."""
    if not isinstance(text, str):
        raise Unreadable("不是文字")
    try:
        return jsontext.parse(text)
    except jsontext.JsonProblem as e:
        raise Unreadable(str(e)) from e


def _raw_text(raw: object) -> str:
    if isinstance(raw, Decimal):
        return json.dumps({"decimal": str(raw)})
    if isinstance(raw, Invalid | dict):
        # Never produced by the parsers; kept as text rather than lost.
        return json.dumps({"text": str(raw)}, ensure_ascii=False)
    return json_text(raw)


def encode_cell(value: CellValue) -> str:
    """A cell value as the JSON text stored in the database."""
    if isinstance(value, Invalid):
        return '{"invalid":' + _raw_text(value.raw) + ',"reason":' + json_text(value.reason) + "}"
    return _raw_text(value)


def _raw_value(data: Any) -> Any:
    if isinstance(data, dict):
        if set(data) == {"decimal"} and isinstance(data["decimal"], str):
            try:
                number = Decimal(data["decimal"])
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite():
                raise Unreadable(f"“{data['decimal'][:40]}”不是数字")
            return number
        if set(data) == {"text"} and isinstance(data["text"], str):
            return data["text"]
        raise Unreadable("不是本程序写入的值")
    if isinstance(data, list):
        raise Unreadable("不是本程序写入的值")
    return data


# What nearly every stored cell is — a blank, a count, an amount as encode_cell writes it — read
# without the JSON parser (the 汇总 survey decodes 200,000 cells); anything else takes the parser.
_PLAIN = re.compile(r'null|(-?(?:0|[1-9][0-9]{0,17}))|\{"decimal": "(-?[0-9]{1,30}(?:\.[0-9]{1,30})?)"\}')


def decode_cell(text: str) -> CellValue:
    """The cell value that :func:`encode_cell` wrote; :class:`Unreadable` for anything else."""
    plain = _PLAIN.fullmatch(text) if isinstance(text, str) else None
    if plain is None:
        return parse_cell(text)
    count, amount = plain.groups()
    return int(count) if count else Decimal(amount) if amount else None


def parse_cell(text: str) -> CellValue:
    """:func:`decode_cell` the long way, through the JSON parser (which it skips for plain values)."""
    data = parse_json(text)
    if isinstance(data, dict) and "invalid" in data:
        if set(data) - {"invalid", "reason"} or not isinstance(data.get("reason", ""), str):
            raise Unreadable("不是本程序写入的值")
        return Invalid(_raw_value(data["invalid"]), str(data.get("reason", "")))
    value = _raw_value(data)
    if value is None or (isinstance(value, int | Decimal) and not isinstance(value, bool)):
        return value
    # A bare string or float is only ever stored inside "invalid"; keep it readable anyway.
    return Invalid(value, "")
