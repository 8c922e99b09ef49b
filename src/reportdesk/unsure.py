"""Imported figures still to be checked ("导入待核对"), kept with the report.

A figure the importer could not read with certainty — cut from a digit run by the sums, chosen by
the narrative, read by the form's column order, or under a near-matched row label — is imported
and *marked*: the mark travels with the report, under ``import.unsure`` of the exchange JSON
(beside the ``import.findings`` of :mod:`reportdesk.checks.imported`), so the file, the database
(either engine) and every program reading them see it::

    "import": {"unsure": {"t3.disclosed.natural": {"value": 26, "how": "split",
                                                   "note": "由连写的数字按合计关系拆出……（第12行）"}}}

``value`` is the figure as imported (exchange notation), ``how`` how it was read (``split``,
``chosen``, ``order``, ``similar``; a reader accepts any other word), ``note`` the same in Chinese.
A mark *holds* while its cell still holds ``value``: a figure typed over, pasted over or summed over
is no longer the imported one, whatever happened to its mark. The officer's confirmation removes it.

Marks are handled as their stored text (the compact JSON of one mark) wherever they are compared or
saved, so the window, the store and the journal agree byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from reportdesk import jsontext
from reportdesk.hidden import remove_hidden
from reportdesk.values import CellValue, Invalid, from_json, is_number, to_json

if TYPE_CHECKING:
    from reportdesk.form import Form
    from reportdesk.report import Report

IMPORT_KEY = "import"
UNSURE_KEY = "unsure"
_FIELDS = ("value", "how", "note")


@dataclass(frozen=True)
class Mark:
    """One imported figure still to be checked: the figure as imported, how it was read, in words."""

    value: CellValue
    how: str
    note: str


def mark_data(form: Form, key: str, value: CellValue, how: str, note: str) -> dict[str, Any]:
    """A mark as the exchange JSON holds it (for the importer)."""
    return {"value": to_json(value, form.cells[key].kind), "how": how, "note": remove_hidden(note)[0]}


def mark_problem(form: Form, key: object, data: object) -> str | None:
    """Why ``data`` under ``key`` is not a mark, in Chinese (None when it is one)."""
    cell = form.cells.get(key) if isinstance(key, str) else None
    if cell is None:
        return f"“{str(key)[:40]}”不是表格中的单元格"
    if not isinstance(data, dict) or set(data) != set(_FIELDS):
        return "应为含 value、how、note 三项的对象"
    if not isinstance(data["how"], str) or not isinstance(data["note"], str):
        return "how 和 note 应为文字"
    value = from_json(data["value"], cell.kind)
    if value is None or isinstance(value, Invalid):
        return "value 应为导入时读到的数字"
    if remove_hidden(data["note"])[1]:
        return "note 中有看不见的字符"
    return None


def block_problem(form: Form, block: object) -> str | None:
    """Why the ``import`` object's marks cannot be read (None when they can, or there are none)."""
    if not isinstance(block, dict) or UNSURE_KEY not in block:
        return None
    marks = block[UNSURE_KEY]
    if not isinstance(marks, dict):
        return f'"{IMPORT_KEY}.{UNSURE_KEY}" 应为“单元格: 标记”的对象'
    for key, data in marks.items():
        problem = mark_problem(form, key, data)
        if problem:
            return f'"{IMPORT_KEY}.{UNSURE_KEY}.{str(key)[:40]}" {problem}'
    return None


def parse_mark(form: Form, key: str, text: str) -> Mark:
    """A mark from its stored text; :class:`ValueError` (its message in Chinese) when it is not one."""
    try:
        data = jsontext.parse(text)
    except jsontext.JsonProblem as e:
        raise ValueError(str(e)) from e
    problem = mark_problem(form, key, data)
    if problem:
        raise ValueError(problem)
    return Mark(from_json(data["value"], form.cells[key].kind), data["how"], data["note"])


def mark_text(data: Mapping[str, Any]) -> str:
    """The stored text of a mark (compact JSON, decimals as written)."""
    return jsontext.dump(dict(data))


def split_extra(extra: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """A report's extra keys without the marks, and the marks' stored texts by cell key."""
    rest = dict(extra)
    block = rest.get(IMPORT_KEY)
    if not isinstance(block, dict) or UNSURE_KEY not in block:
        return rest, {}
    marks = block[UNSURE_KEY]
    others = {k: v for k, v in block.items() if k != UNSURE_KEY}
    if others:
        rest[IMPORT_KEY] = others
    else:
        del rest[IMPORT_KEY]
    if not isinstance(marks, dict):
        raise ValueError(f"{IMPORT_KEY}.{UNSURE_KEY} 不是一个对象")
    return rest, {str(k): mark_text(v) for k, v in marks.items()}


def join_extra(rest: Mapping[str, Any], marks: Mapping[str, str]) -> dict[str, Any]:
    """:func:`split_extra` undone: the marks (stored texts) back under ``import.unsure``."""
    extra = dict(rest)
    if not marks:
        return extra
    block = extra.get(IMPORT_KEY)
    block = dict(block) if isinstance(block, dict) else {}
    block[UNSURE_KEY] = {k: jsontext.parse(v) for k, v in marks.items()}
    extra[IMPORT_KEY] = block
    return extra


def stored_marks(report: Report) -> dict[str, str]:
    """Every mark the report carries (holding or not), as stored texts by cell key."""
    try:
        return split_extra(report.extra)[1]
    except ValueError:
        return {}


def with_marks(report: Report, changes: Mapping[str, str | None]) -> Report:
    """``report`` with marks set (a stored text) or removed (``None``)."""
    rest, marks = split_extra(report.extra)
    for key, text in changes.items():
        if text is None:
            marks.pop(key, None)
        else:
            marks[key] = text
    return replace(report, extra=MappingProxyType(join_extra(rest, marks)))


def _same(form: Form, key: str, a: CellValue, b: CellValue) -> bool:
    kind = form.cells[key].kind
    return is_number(a) and is_number(b) and to_json(a, kind) == to_json(b, kind) and type(a) is type(b)


def holding(form: Form, report: Report) -> dict[str, Mark]:
    """The marks that hold: their cell still holds the figure as imported (form order)."""
    out: dict[str, Mark] = {}
    stored = stored_marks(report)
    for key in form.cells:
        if key not in stored:
            continue
        try:
            mark = parse_mark(form, key, stored[key])
        except ValueError:
            continue
        if _same(form, key, mark.value, report.cells.get(key)):
            out[key] = mark
    return out
