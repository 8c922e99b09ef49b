"""How values are written into the database, exactly and reversibly.

A cell is stored as JSON text: ``null`` for blank, an integer, ``{"decimal": "4068.208"}`` for an
amount (so ``"5"`` stays a ``Decimal`` and never turns into an ``int``), and
``{"invalid": raw, "reason": "…"}`` for a value the officer typed that is not acceptable — a draft
keeps it, with the reason it was refused. Free-form JSON (unknown keys of a file, kept as they came)
is written with decimals as their literal digits, so nothing passes through ``float``.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

from reportdesk.values import CellValue, Invalid


def json_text(value: Any) -> str:
    """Compact JSON of parsed exchange data, decimals written with their exact digits."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            return json.dumps(float(value))
        text = str(value)
        # An integral Decimal would read back as int: give it an exponent, which reads back as Decimal.
        return text if any(c in text for c in ".eE") else text + "E0"
    if isinstance(value, dict):
        return (
            "{"
            + ",".join(f"{json.dumps(str(k), ensure_ascii=False)}:{json_text(v)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, list | tuple):
        return "[" + ",".join(json_text(v) for v in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False)


def parse_json(text: str) -> Any:
    """Read what :func:`json_text` wrote (fractions as ``Decimal``)."""
    return json.loads(text, parse_float=Decimal)


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
        return (
            '{"invalid":'
            + _raw_text(value.raw)
            + ',"reason":'
            + json.dumps(value.reason, ensure_ascii=False)
            + "}"
        )
    return _raw_text(value)


def _raw_value(data: Any) -> Any:
    if isinstance(data, dict):
        if "decimal" in data:
            return Decimal(data["decimal"])
        return data.get("text", "")
    return data


def decode_cell(text: str) -> CellValue:
    """The cell value that :func:`encode_cell` wrote."""
    data = parse_json(text)
    if isinstance(data, dict) and "invalid" in data:
        return Invalid(_raw_value(data["invalid"]), str(data.get("reason", "")))
    value = _raw_value(data)
    if value is None or isinstance(value, int | Decimal):
        return value
    # A bare string or float is only ever stored inside "invalid"; keep it readable anyway.
    return Invalid(value, "")
