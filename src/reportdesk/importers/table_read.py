"""What the table readers collect: each figure with where it came from and how sure it is, and
each cell not read with the reason.

``how`` of an imported figure:

- ``printed``: read from its own cell or number, as printed;
- ``forced``: cut from a digit run with one digit per cell (no other cut exists);
- ``split``: cut from a digit run, the only cut the form's sums allow (the officer confirms it);
- ``chosen``: cut from a digit run, several cuts fitting the sums, the one the narrative's figures
  agree with (the officer confirms it);
- ``picked``: cut from a digit run as the officer chose among the cuts that fit;
- ``order``: the printed column headers could not be read; taken in the form's column order;
- ``similar``: the printed row label is a near match (a typo) of the form's label.

Everything but ``printed``, ``forced`` and ``picked`` is *unsure*: the window marks it until confirmed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportdesk.form import Form
from reportdesk.importers.rows import RawRow
from reportdesk.importers.splitting import row_relations, split_runs
from reportdesk.values import CellValue, Invalid, ValueKind, parse_input

UNSURE = frozenset({"split", "chosen", "order", "similar"})


@dataclass(frozen=True)
class Origin:
    """Where an imported figure was printed and how it was read (see the module's list)."""

    where: str
    how: str


@dataclass(frozen=True)
class Split:
    """A digit run and the cuts that keep its row's sums; resolved with the whole table."""

    keys: tuple[str, ...]
    candidates: tuple[tuple[int, ...], ...]
    complete: bool
    what: str
    where: str
    printed: str
    joined: bool  # an OCR'd row: the spaces may lie inside numbers
    ruled: bool  # a sum rule of the form involves the row (table 二 has none)
    free: bool = False  # the digits allow one cut whatever the sums say (no rule had to strike any)


@dataclass
class TableRead:
    """What was read from the tables, and what the import report should say about it."""

    cells: dict[str, CellValue] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    unread: dict[str, str] = field(default_factory=dict)
    found: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    old_format: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    splits: list[Split] = field(default_factory=list)
    clashes: set[str] = field(default_factory=set)  # printed twice with different figures: not read

    def put(self, key: str, text: str, kind: ValueKind, what: str, where: str, how: str = "printed") -> None:
        """Store one printed cell (blank stays blank; what is not a number is kept as invalid).

        A cell printed again (a table given twice) keeps the first reading when both agree; when
        they differ, neither is guessed: the cell is left blank, both figures named."""
        if key in self.cells:
            first, again = self.cells[key], parse_input(text, kind)
            if key in self.clashes or isinstance(first, Invalid) or not again.ok or again.value == first:
                self.problems.append(f"{what}（{where}）：该格已在前面读到，重复的一行未导入")
                return
            origin = self.origins.pop(key, None)
            said = (
                f"两处印的数字不同（{origin.where if origin else '前面'}印作「{'' if first is None else first}」，"
                f"{where}印作「{text}」），未猜测，未导入"
            )
            self.cells[key] = None
            self.clashes.add(key)
            self.unread[key] = said
            self.problems.append(f"{what}：{said}")
            return
        parsed = parse_input(text, kind)
        if parsed.ok:
            self.cells[key] = parsed.value
            if parsed.value is None:
                self.unread.setdefault(key, f"原文此格为空白（{where}）")
            else:
                self.origins[key] = Origin(where, how)
        else:
            self.cells[key] = Invalid(text, parsed.error or "")
            self.unread[key] = f"印作「{text}」，不是数字（{where}）"
            self.problems.append(f"{what}（{where}）：{parsed.error}")

    def put_cut(self, keys: Sequence[str], values: Sequence[int], where: str, how: str) -> None:
        """Store the cells of a digit run cut apart."""
        for key, value in zip(keys, values, strict=True):
            self.cells[key] = value
            self.origins[key] = Origin(where, how)
            self.unread.pop(key, None)

    def decline(self, keys: Sequence[str], reason: str) -> None:
        """Cells of a row that are not imported, and why (the same reason for each)."""
        for key in keys:
            if key not in self.cells:
                self.unread[key] = reason


def printed_row(row: RawRow) -> str:
    """The row as printed, shortened, for messages."""
    label = "".join(row.parts)
    return (label[-30:] + " " if label else "") + " ".join(v or "（空）" for v in row.values)


_RESEMBLES = {"O": "0", "o": "0", "\u3007": "0", "I": "1", "l": "1"}


def _resembling(text: str) -> str:
    return "、".join(f"「{ch}」像 {_RESEMBLES[ch]}" for ch in dict.fromkeys(text) if ch in _RESEMBLES)


def _lookalike_reason(text: str) -> str:
    return f"印作「{text}」，其中{_resembling(text)}，是字母还是数字无法确定，未猜测，未导入"


def store_row(out: TableRead, form: Form, keys: Sequence[str], row: RawRow, what: str) -> None:
    """Put a row's values into ``keys``; digit runs that hide several cells are cut apart."""
    values = row.values
    if len(values) > len(keys) and not row.runs and not any(values[: len(values) - len(keys)]):
        values = values[len(values) - len(keys) :]  # blank label cells before the figures (a pipe table)
    suspect = {i - (len(row.values) - len(values)) for i in row.suspect}
    if len(values) == len(keys):
        for i, (key, text) in enumerate(zip(keys, values, strict=True)):
            if i in suspect:
                reason = _lookalike_reason(text)
                out.unread[key] = f"{reason}（{row.where}）"
                out.problems.append(f"{form.cells[key].label}（{row.where}）：{reason}")
            else:
                out.put(key, text, form.cells[key].kind, form.cells[key].label, row.where)
        out.found.append((what, row.where))
        return
    printed = printed_row(row)
    if suspect:
        odd = _resembling("".join(row.values[i] for i in row.suspect))
        reason = f"这一行的数字中有形似数字的字母（{printed}，其中{odd}），无法确定各格，未导入"
        out.decline(keys, f"{reason}（{row.where}）")
        out.problems.append(f"{what}（{row.where}）：{reason}")
        return
    tokens = values
    if not row.runs and len(values) < len(keys) and all(_spaced_digits(v) for v in values):
        tokens = tuple(t for v in values for t in v.split())  # a cell holding a whole row's figures
    if tokens is not values and len(tokens) == len(keys):
        for key, text in zip(keys, tokens, strict=True):
            out.put(key, text, form.cells[key].kind, form.cells[key].label, row.where)
        out.found.append((what, row.where))
        return
    runs = row.runs or tokens is not values
    if not runs or not all(t.isdigit() for t in tokens) or len(tokens) == len(keys):
        reason = f"应有 {len(keys)} 个数字，印的是 {len(values)} 个（{printed}），未导入"
        out.decline(keys, f"{reason}（{row.where}）")
        out.problems.append(f"{what}（{row.where}）：{reason}")
        return
    joined = len(tokens) > len(keys)
    rules = row_relations(form.relations, keys)
    cuts = split_runs(tokens, keys, rules, joinable=joined)
    shown = " ".join(tokens)
    if not cuts.candidates:
        reason = (
            f"数字连在一起（{shown}），{'数字中有空格，' if joined else ''}"
            f"{'没有一种拆法能满足合计关系' if cuts.complete else '可能的拆法太多'}，未导入"
        )
        out.decline(keys, f"{reason}（{row.where}）")
        out.problems.append(f"{what}（{row.where}）：{reason}")
        return
    if not joined and sum(len(t) for t in tokens) == len(keys):  # a digit a cell: nothing to choose
        out.put_cut(keys, cuts.candidates[0], row.where, "forced")
        out.found.append((what, row.where))
        return
    inside = set(keys)
    ruled = any(t.key in inside for r in form.relations for t in (*r.lhs, *r.rhs) if not t.previous)
    # One cut, and no rule had to strike another: the digits alone allow it (nothing to confirm).
    raw = split_runs(tokens, keys, [], joinable=joined, most=2) if len(cuts.candidates) == 1 else cuts
    free = raw.complete and len(raw.candidates) == 1
    out.splits.append(
        Split(tuple(keys), cuts.candidates, cuts.complete, what, row.where, shown, joined, ruled, free)
    )


def _spaced_digits(text: str) -> bool:
    return bool(text.strip()) and all(part.isdigit() for part in text.split())
