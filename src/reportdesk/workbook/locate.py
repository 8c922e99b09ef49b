"""Finding the three tables in a workbook by their labels, wherever they were put.

A number sits where the row of its row label meets the column of its column label. Row labels
are taken top to bottom in the form's order; a column label is the nearest one above the
rows it heads. Table 4 has no row labels: each group's columns are the column labels under
the group's label, and the numbers are the row below them. Everything is driven by the form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportdesk.form import Form
from reportdesk.workbook.formulas import Position
from reportdesk.workbook.grid import Grid, Match
from reportdesk.workbook.layout import sheet_name

HEADER_BAND = 8  # how far above its first row a table's column labels may sit
GROUP_BAND = 3  # how far below a table-4 group label its column labels may sit


@dataclass
class Found:
    """Where one table's cells are: ``cells`` maps cell keys to positions on ``grid``."""

    table: str
    grid: Grid | None = None
    cells: dict[str, Position] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _anchors(form: Form, table: str) -> list[str]:
    if table == "t2":
        return [r.label for b in form.t2.blocks for r in b.rows] + [
            c.label for b in form.t2.blocks for c in b.columns
        ]
    if table == "t3":
        return [r.label for r in form.t3.rows]
    return [g.label for g in form.t4.groups]  # its column labels (总计…) also head table 3


def locate(grids: Sequence[Grid], form: Form) -> dict[str, Found]:
    """Find tables 2–4; each on the sheet where most of its labels are."""
    out: dict[str, Found] = {}
    for table, finder in (("t2", _table2), ("t3", _table3), ("t4", _table4)):
        name = sheet_name(form, table)
        anchors = _anchors(form, table)
        scored = [(g.index.count(anchors), -i, g) for i, g in enumerate(grids) if not g.hidden]
        best = max(scored, default=None, key=lambda s: s[:2])
        if best is None or best[0] == 0:
            out[table] = Found(table, problems=[f"{name}：工作簿中找不到这张表（没有“{anchors[0]}”等标签）"])
            continue
        found = Found(table, best[2])
        finder(form, best[2], found)
        out[table] = found
    return out


def _note_near_miss(grid: Grid, match: Match, label: str, what: str, found: Found) -> None:
    if match.text is not None:
        found.notes.append(
            f"{grid.where(match.pos)}：{what}“{match.text}”与规定的“{label}”不完全一致，按后者读取"
        )


def _header_above(grid: Grid, label: str, top: int, bottom: int, left: int) -> Match | None:
    """The nearest cell holding ``label`` in rows top..bottom, right of column ``left``."""
    candidates = [m for m in grid.index.find(label) if top <= m.pos[0] <= bottom and m.pos[1] > left]
    return max(candidates, key=lambda m: (m.pos[0], -m.pos[1]), default=None)


def _table2(form: Form, grid: Grid, found: Found) -> None:
    name = sheet_name(form, "t2")
    for block in form.t2.blocks:
        for row in block.rows:
            placed: dict[str, Position] | None = None
            heads: list[tuple[Match, str]] = []
            candidates = grid.index.find(row.label)
            for m in candidates:
                r = m.pos[0]
                heads = []
                for col in block.columns:
                    h = _header_above(grid, col.label, r - HEADER_BAND, r - 1, grid.right_edge(m.pos))
                    if h is None:
                        break
                    heads.append((h, col.label))
                else:
                    placed = {
                        f"t2.{row.key}.{col.key}": (r, h.pos[1])
                        for col, (h, _) in zip(block.columns, heads, strict=True)
                    }
                    _note_near_miss(grid, m, row.label, "行标签", found)
                    for h, label in heads:
                        _note_near_miss(grid, h, label, "列标签", found)
                    break
            if placed is None:
                what = "行标签" if not candidates else "其上方的列标签"
                found.problems.append(f"{name}（{block.header}）：找不到“{row.label}”的{what}")
                continue
            found.cells.update(placed)


def _table3(form: Form, grid: Grid, found: Found) -> None:
    name = sheet_name(form, "t3")
    rows: dict[str, Position] = {}
    right = 0
    last = 0
    for row in form.t3.rows:
        matches = [m for m in grid.index.find(row.label) if m.pos[0] > last]
        if not matches:
            found.problems.append(f"{name}：找不到行“{row.label}”")
            continue
        m = matches[0]
        _note_near_miss(grid, m, row.label, "行标签", found)
        rows[row.key] = m.pos
        last = grid.bottom_edge(m.pos)
        right = max(right, grid.right_edge(m.pos))
    if not rows:
        return
    first = min(p[0] for p in rows.values())
    columns: dict[str, int] = {}
    for col in form.t3.columns:
        h = _header_above(grid, col.label, first - HEADER_BAND, first - 1, right)
        if h is None:
            found.problems.append(f"{name}：在第 {first} 行以上找不到列标签“{col.label}”")
            continue
        _note_near_miss(grid, h, col.label, "列标签", found)
        columns[col.key] = h.pos[1]
    labels = {c.key: c.label for c in form.t3.columns}
    seen: dict[int, str] = {}
    for key, c in columns.items():
        if c in seen:
            found.problems.append(f"{name}：列标签“{labels[key]}”与“{labels[seen[c]]}”在同一列，无法区分")
        seen[c] = key
    for rkey, (r, _) in rows.items():
        for ckey, c in columns.items():
            found.cells[f"t3.{rkey}.{ckey}"] = (r, c)


def _table4(form: Form, grid: Grid, found: Found) -> None:
    name = sheet_name(form, "t4")
    starts: dict[str, Match] = {}
    for g in form.t4.groups:
        matches = grid.index.find(g.label)
        if not matches:
            found.problems.append(f"{name}：找不到“{g.label}”")
            continue
        starts[g.key] = matches[0]
        _note_near_miss(grid, matches[0], g.label, "标签", found)
    for g in form.t4.groups:
        if g.key not in starts:
            continue
        top, left = starts[g.key].pos
        bound = min((m.pos[1] for m in starts.values() if m.pos[1] > left), default=None)
        columns: dict[str, Position] = {}
        for col in form.t4.columns:
            after = max((p[1] for p in columns.values()), default=left - 1)
            hits = [m for m in grid.index.find(col.label) if top < m.pos[0] <= top + GROUP_BAND]
            h = min(
                (m for m in hits if m.pos[1] > after and (bound is None or m.pos[1] < bound)),
                key=lambda m: (m.pos[1], m.pos[0]),
                default=None,
            )
            if h is None:
                found.problems.append(f"{name}：在“{g.label}”下方找不到列标签“{col.label}”")
                continue
            _note_near_miss(grid, h, col.label, "列标签", found)
            columns[col.key] = h.pos
        if not columns:
            continue
        value_row = max(grid.bottom_edge(p) for p in columns.values()) + 1
        for ckey, (_, c) in columns.items():
            found.cells[f"t4.{g.key}.{ckey}"] = (value_row, c)
