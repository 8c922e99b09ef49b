"""What a reportdesk workbook keeps out of sight so that it reads back into the same report.

The visible sheets carry the year, the body, the narrative and every figure. The payload on
the hidden sheet carries the rest of the exchange JSON — explanations, extra keys (an
aggregate's sources), unknown agency fields and cells — and the exact digits of each amount,
which a spreadsheet keeps only as a binary float.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportdesk.form import Form
from reportdesk.report import Report
from reportdesk.values import to_json

_DECIMAL = "$decimal"


def _tag(value: Any) -> Any:
    """JSON values with every Decimal (from ``parse_float=Decimal``) tagged to survive as text."""
    if isinstance(value, Decimal):
        return {_DECIMAL: str(value)}
    if isinstance(value, dict):
        return {k: _tag(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_tag(v) for v in value]
    return value


def _untag(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_DECIMAL} and isinstance(value[_DECIMAL], str):
            return Decimal(value[_DECIMAL])
        return {k: _untag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_untag(v) for v in value]
    return value


def encode_payload(report: Report, form: Form) -> dict[str, Any]:
    """The payload of the hidden sheet for ``report``."""
    amounts = {
        k: str(v)
        for k, v in report.cells.items()
        if k in form.cells and form.cells[k].kind == "amount" and isinstance(v, Decimal)
    }
    other = {k: to_json(v, "count") for k, v in report.cells.items() if k not in form.cells}
    tagged: dict[str, Any] = _tag(
        {
            "format": report.format,
            "agency": dict(report.agency.extra),
            "explanations": dict(report.explanations),
            "extra": dict(report.extra),
            "cells": other,
            "amounts": amounts,
        }
    )
    return tagged


def decode_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload with its Decimals restored; missing parts are empty."""
    restored = _untag(payload)
    out: dict[str, Any] = {"format": restored.get("format")}
    for part in ("agency", "explanations", "extra", "cells", "amounts"):
        value = restored.get(part)
        out[part] = value if isinstance(value, dict) else {}
    return out
