"""Two people, one report: an edit carries what the officer saw and the revision it was made on, and
an edit of a cell (or text, or reason) that someone else changed meanwhile is never written over it.

The test is per key: the value stored now must still be the value the officer saw when typing
(or already be what they typed). Otherwise nothing is written and :class:`EditConflict` names, for
each key, whose value is there, since which revision and when, so the officer chooses: keep theirs,
or send theirs as the new "seen" value to write their own over it knowingly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reportdesk.form import Form
from reportdesk.store import drafts
from reportdesk.store.codec import decode_cell, encode_cell
from reportdesk.store.engine import Connection
from reportdesk.store.errors import StoreError
from reportdesk.store.models import CELL, EXPLANATION, TEXT, UNSURE, Change
from reportdesk.store.rows import read_values
from reportdesk.values import display


@dataclass(frozen=True)
class Edit:
    """One edit as the window made it: new values by key (one kind), the values it showed there
    before (``seen``), and the revision of the report it showed (``base``)."""

    kind: str
    values: Mapping[str, Any]
    seen: Mapping[str, Any]
    base: int = 0
    note: str = field(default="", compare=False)


@dataclass(frozen=True)
class Conflict:
    """A key someone else changed after the officer saw it: their value, who, when, in which revision."""

    kind: str
    key: str
    label: str
    seen: Any
    mine: Any
    theirs: Any
    author: str
    time: str
    rev: int

    def describe(self, base: int) -> str:
        """One Chinese sentence: whose figure is there and what the officer typed."""
        who = self.author or "另一位填报人"
        when = self.time.replace("T", " ")[:19]
        return (
            f"“{self.label}”已由 {who} 于 {when} 改为 {shown(self.theirs)}（第 {self.rev} 版），"
            f"您是在第 {base} 版上把 {shown(self.seen)} 改为 {shown(self.mine)}"
        )


class EditConflict(StoreError):
    """An edit refused because someone else changed the same key meanwhile; nothing was written."""

    def __init__(self, conflicts: tuple[Conflict, ...], base: int) -> None:
        self.conflicts = conflicts
        self.base = base
        lines = "；".join(c.describe(base) for c in conflicts)
        super().__init__(f"{lines}。为免覆盖别人的修改，您的这次修改没有保存，请选择保留哪一个")


def shown(value: Any) -> str:
    """A value as the officer reads it in a message."""
    if value is None or value == "":
        return "（空）"
    if isinstance(value, str):
        text = value.replace("\n", "⏎")
        return f"“{text if len(text) <= 20 else text[:19] + '…'}”"
    return display(value)


def stored(kind: str, value: Any) -> str | None:
    """A value as the store keeps it, blanks made alike (a blank cell, an empty text, no reason)."""
    if kind == CELL:
        return encode_cell(value)
    if kind == TEXT:
        return "" if value is None else str(value)
    return str(value) if value is not None and str(value).strip() else None


def _kept(kind: str, raw: str | None) -> str | None:
    if kind == CELL:
        return "null" if raw is None else raw
    if kind == TEXT:
        return raw or ""
    return raw if raw and raw.strip() else None


def _decoded(kind: str, raw: str | None) -> Any:
    return decode_cell(raw) if kind == CELL and raw is not None else raw


def check_kind(edit: Edit) -> None:
    """Only cells, texts, reasons and the marks of imported figures are edited under the conflict rule."""
    if edit.kind not in (CELL, TEXT, EXPLANATION, UNSURE):
        raise StoreError(f"无法按修改冲突规则保存 {edit.kind} 类修改")


def clashing(edit: Edit, now: Mapping[str, str]) -> list[str]:
    """The keys of ``edit`` whose stored text (``now``; an absent key left out) is neither what the
    officer saw there nor what they typed."""
    return [
        key
        for key, seen in edit.seen.items()
        if _kept(edit.kind, now.get(key))
        not in (stored(edit.kind, seen), stored(edit.kind, edit.values.get(key)))
    ]


def check(conn: Connection, form: Form, report_id: int, edit: Edit) -> None:
    """Inside the edit's write transaction (report locked): raise :class:`EditConflict` when a key's
    stored value is neither what the officer saw nor what they typed."""
    check_kind(edit)
    now = read_values(conn, report_id, edit.kind, edit.seen)
    names = None
    clashes: list[Conflict] = []
    for key in clashing(edit, now):
        seen, there = edit.seen[key], _kept(edit.kind, now.get(key))
        row = conn.execute(
            "SELECT c.new, r.author, r.time, r.rev FROM changes c JOIN revisions r "
            "ON r.report_id = c.report_id AND r.rev = c.rev "
            "WHERE c.report_id = ? AND c.kind = ? AND c.key = ? ORDER BY c.rev DESC LIMIT 1",
            (report_id, edit.kind, key),
        ).fetchone()
        if names is None:
            names = conn.author_names()
        author, time, rev = (names.get(row[1], row[1]), row[2], int(row[3])) if row else ("", "", 0)
        clashes.append(
            Conflict(
                edit.kind,
                key,
                Change(edit.kind, key, None, None).label(form),
                seen,
                edit.values.get(key),
                _decoded(edit.kind, there),
                author,
                time,
                rev,
            )
        )
    if clashes:
        raise EditConflict(tuple(clashes), edit.base)


def changes(conn: Connection, form: Form, report_id: int, edit: Edit) -> list[Change]:
    """The changes an edit makes, after :func:`check` found no conflict (inside its transaction)."""
    check(conn, form, report_id, edit)
    return edit_changes(form, edit, drafts.reading(conn, report_id, edit.kind))


def edit_changes(form: Form, edit: Edit, lookup: drafts.Lookup) -> list[Change]:
    """The changes an edit makes to what ``lookup`` says is stored (no conflict check)."""
    if edit.kind == CELL:
        return drafts.cells_changed(form, edit.values, lookup)
    if edit.kind == EXPLANATION:
        return drafts.explanations_changed(form, edit.values, lookup)
    if edit.kind == UNSURE:
        return drafts.unsure_changed(form, edit.values, lookup)
    found: list[Change] = []
    for key, text in edit.values.items():
        found += drafts.text_changed(form, key, str(text), lookup)
    return found
