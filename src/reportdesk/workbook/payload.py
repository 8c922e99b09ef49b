"""What a reportdesk workbook keeps out of sight so that it reads back into the same report.

The visible sheets carry the year, the body, the narrative and every figure, and what they show
is what counts. The payload on the hidden sheet may only *add* what they cannot hold:
explanations, extra keys (an aggregate's sources), unknown agency fields and cells, and the exact
digits of each amount (a spreadsheet keeps only a binary float). Anything else found in it — a
figure, the year, a text, the body's name — is never used; where it disagrees with the sheets the
disagreement is reported (:data:`CONFLICT`) and the sheets win.

The payload is exact JSON (:mod:`reportdesk.jsontext`): decimals are JSON numbers with their own
digits, so no text can stand for a number. Payloads of earlier versions tagged decimals as
``{"$decimal": "…"}``; those are still read, and a tag that is not a number damages the payload.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from reportdesk import jsontext
from reportdesk.form import Form
from reportdesk.report import Report
from reportdesk.values import to_json

VERSION = 2
_DECIMAL = "$decimal"
_PARTS = ("agency", "explanations", "extra", "cells", "amounts")
_AGENCY_FIELDS = {"name": "机关名称", "region": "所属地区", "kind": "机关类型", "website": "政府网站"}
_TOP_KEYS = ("format", "year", "agency", "texts", "cells", "explanations")
# Starts every note about a payload that disagrees with the sheets (callers such as the total
# of many bodies pick these out).
CONFLICT = "隐藏数据与工作表不符："


def _untag(value: Any) -> Any:
    """A version-1 payload's values with its ``$decimal`` tags made Decimal again."""
    if isinstance(value, dict):
        if set(value) == {_DECIMAL}:
            text = value[_DECIMAL]
            try:
                number = Decimal(text) if isinstance(text, str) else None
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite():
                raise jsontext.JsonProblem(f"“{str(text)[:40]}”不是数字")
            return number
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
    return {
        "v": VERSION,
        "format": report.format,
        "agency": dict(report.agency.extra),
        "explanations": dict(report.explanations),
        "extra": dict(report.extra),
        "cells": other,
        "amounts": amounts,
    }


def payload_text(payload: dict[str, Any]) -> str:
    """The payload as the JSON text stored on the hidden sheet."""
    return jsontext.dump(payload)


def parse_payload(text: str) -> dict[str, Any]:
    """The payload read back; :class:`reportdesk.jsontext.JsonProblem` when it is damaged."""
    loaded = jsontext.parse(text)
    if not isinstance(loaded, dict):
        raise jsontext.JsonProblem("不是一个 JSON 对象")
    restored = loaded if loaded.get("v") == VERSION else _untag(loaded)
    out: dict[str, Any] = {"format": restored.get("format")}
    for part in _PARTS:
        value = restored.get(part)
        out[part] = value if isinstance(value, dict) else {}
    out["amounts"] = {k: _digits(v) for k, v in out["amounts"].items()}
    return out


def _digits(value: Any) -> str:
    """An amount's exact digits as kept in the payload; JsonProblem when they are no number."""
    try:
        number = Decimal(value) if isinstance(value, str | Decimal) and not isinstance(value, bool) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise jsontext.JsonProblem(f"金额“{str(value)[:40]}”不是数字")
    return str(value)


def empty_payload() -> dict[str, Any]:
    """The payload of a workbook that has none (made by hand)."""
    return {"format": None, **{part: {} for part in _PARTS}}


def _shown(value: Any) -> str:
    if value is None:
        return "空"
    if isinstance(value, dict | list):
        return "一组数据"
    text = str(value)
    return f"“{text[:30]}{'…' if len(text) > 30 else ''}”"


def _part(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def merge(visible: dict[str, Any], payload: dict[str, Any], form: Form) -> tuple[dict[str, Any], list[str]]:
    """The exchange JSON: what the sheets show, plus what only the payload can hold.

    Returns it with a note (starting :data:`CONFLICT`) for each thing the payload says
    differently from the sheets; those are never taken from the payload.
    """
    conflicts: list[str] = []

    def differs(what: str, kept: Any, hidden: Any) -> None:
        if hidden != kept:
            conflicts.append(
                f"{CONFLICT}{what}在工作表中为 {_shown(kept)}，隐藏数据中为 {_shown(hidden)}，按工作表读取"
            )

    extra = dict(payload["extra"])
    # What the sheets hold, wherever in the payload it is said again.
    hidden_agency = {**_part(extra.pop("agency", None)), **payload["agency"]}
    hidden_cells = {**_part(extra.pop("cells", None)), **payload["cells"]}
    hidden_texts = _part(extra.pop("texts", None))
    for key in ("format", "year"):
        if key in extra:
            differs("年度" if key == "year" else "格式", visible[key], extra.pop(key))
    if payload["format"] is not None:
        differs("格式", visible["format"], payload["format"])
    if "explanations" in extra:
        differs("说明", payload["explanations"], extra.pop("explanations"))

    out = {**visible, **extra}
    agency = dict(visible["agency"])
    for k, v in hidden_agency.items():
        if k in _AGENCY_FIELDS:
            differs(_AGENCY_FIELDS[k], agency.get(k), v)
        else:
            agency[k] = v
    out["agency"] = agency
    cells = dict(visible["cells"])
    for k, v in hidden_cells.items():
        if k in form.cells:
            differs(form.cells[k].label, cells.get(k), v)
        else:
            cells[k] = v
    out["cells"] = cells
    for k, v in hidden_texts.items():
        differs(f"文字 {k}", visible["texts"].get(k), v)
    out["explanations"] = payload["explanations"]
    return out, conflicts
