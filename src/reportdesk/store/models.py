"""The plain values the store hands out: bodies, report summaries, revisions and their changes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportdesk.form import Form
from reportdesk.store.codec import Unreadable, decode_cell, parse_json
from reportdesk.values import to_json

# What a change touches: a table cell, a narrative text, an explanation of a warning, a field of
# the agency block, the mark of an imported figure still to be checked (reportdesk.unsure), or a
# top-level key beside the spec's (the rest of the import record, keys of a file kept as they came).
CELL, TEXT, EXPLANATION, AGENCY = "cell", "text", "explanation", "agency"
UNSURE, EXTRA = "unsure", "extra"
KIND_LABELS = {
    CELL: "单元格",
    TEXT: "文字",
    EXPLANATION: "说明",
    AGENCY: "机关信息",
    UNSURE: "导入待核对",
    EXTRA: "附加数据",
}
AGENCY_LABELS = {"name": "机关名称", "region": "所属地区", "kind": "机关类型", "website": "网站"}
ACTION_LABELS = {
    "import": "导入",
    "create": "新建",
    "rollover": "由上年结转",
    "edit": "修改",
    "restore": "恢复",
    "aggregate": "汇总",
    "migrate": "程序升级",
}


@dataclass(frozen=True)
class Body:
    """A 机关 that writes reports."""

    id: int
    name: str
    region: str
    kind: str
    website: str


@dataclass(frozen=True)
class ReportInfo:
    """One report as listed: where it stands, without its content.

    ``unrevised`` names the text parts still exactly as carried over from last year.
    """

    id: int
    body_id: int
    year: int
    rev: int
    updated: str
    finals: tuple[str, ...] = ()
    unrevised: tuple[str, ...] = ()
    deleted: str | None = None


@dataclass(frozen=True)
class BodyReports:
    """A body with its (live) reports, oldest year first."""

    body: Body
    reports: tuple[ReportInfo, ...]


@dataclass(frozen=True)
class Final:
    """A named 定稿 snapshot: the report as it was at revision ``rev``."""

    name: str
    rev: int
    time: str


@dataclass(frozen=True)
class Change:
    """One key changed by a revision; ``old``/``new`` are stored text (``None``: the key was absent)."""

    kind: str
    key: str
    old: str | None
    new: str | None

    def value(self, stored: str | None) -> Any:
        """A stored side decoded: a cell value, a text, or an agency field."""
        if stored is None:
            return None
        if self.kind == CELL:
            return decode_cell(stored)
        if self.kind in (AGENCY, EXTRA):
            return parse_json(stored)
        if self.kind == UNSURE:
            data = parse_json(stored)
            if not isinstance(data, dict) or not isinstance(data.get("note"), str):
                raise Unreadable("不是导入待核对标记")
            return data["note"]
        return stored

    def label(self, form: Form) -> str:
        """What the key is called in the report, in Chinese."""
        if self.kind == CELL:
            cell = form.cells.get(self.key)
            return cell.label if cell else f"单元格 {self.key}"
        if self.kind == TEXT:
            part = form.parts.get(self.key)
            if part:
                section = form.section_of(self.key)
                if not part.heading or part.heading == section.title:
                    return section.heading
                return f"{section.heading} {part.heading}"
            extra = form.text_extras.get(self.key)
            return extra.get("heading", self.key) if extra else f"文字 {self.key}"
        if self.kind == EXPLANATION:
            from reportdesk.checks import describe_id

            return f"提醒“{describe_id(form, self.key)}”的说明"
        if self.kind == UNSURE:
            cell = form.cells.get(self.key)
            return f"{cell.label if cell else self.key}的导入待核对标记"
        if self.kind == EXTRA:
            return "导入记录" if self.key == "import" else f"附加数据 {self.key}"
        return AGENCY_LABELS.get(self.key, f"机关信息 {self.key}")

    def to_json(self, form: Form) -> dict[str, Any]:
        """The change as JSON: values in the exchange format's notation."""
        return {
            "kind": self.kind,
            "key": self.key,
            "label": self.label(form),
            "old": _exchange(self, self.old, form),
            "new": _exchange(self, self.new, form),
        }


def _exchange(change: Change, stored: str | None, form: Form) -> Any:
    value = change.value(stored)
    if change.kind != CELL:
        return value
    cell = form.cells.get(change.key)
    raw = to_json(value, cell.kind if cell else "count")
    # An invalid fraction or a non-number kept as typed: shown as its text, never through float.
    return str(raw) if isinstance(raw, Decimal | float) else raw


@dataclass(frozen=True)
class Revision:
    """One step of a report's history: what was done, when, and every key it changed."""

    rev: int
    time: str
    action: str
    note: str
    changes: tuple[Change, ...]
    finals: tuple[str, ...] = ()
    # Who made it: the login on a shared database, shown by the name the admin gave it ("" on a file).
    author: str = ""

    def to_json(self, form: Form) -> dict[str, Any]:
        """The revision as a JSON object (``rev`` an integer, ``time`` ISO 8601)."""
        return {
            "rev": self.rev,
            "time": self.time,
            "action": self.action,
            "note": self.note,
            "author": self.author,
            "finals": list(self.finals),
            "changes": [c.to_json(form) for c in self.changes],
        }
