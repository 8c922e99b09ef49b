"""The printed layout of tables 2, 3 and 4 as a grid of cells with spans, built from the form.

Pure Python (no Qt): the one table model shows any :class:`Grid`, so the three tables differ only
in how their grid is laid out here, and every label comes from the form description. The layout
follows the official format: table 2's block headers as full-width rows, table 3's three header
rows with 申请人情况 / 法人或其他组织 spanning their columns and the 勾稽 note in the corner, its
label-only rows as merged label cells to the left of their children, table 4's two-level header.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from reportdesk.form import Column, Form, RowNode

CellKind = Literal["corner", "header", "label", "value", "covered"]


@dataclass(frozen=True)
class GridCell:
    """One cell of the printed table: a header, a row label, a number (``key``) or covered by a span."""

    kind: CellKind
    text: str = ""
    key: str | None = None


@dataclass(frozen=True)
class Span:
    row: int
    column: int
    rows: int
    columns: int


@dataclass(frozen=True)
class Grid:
    """A table as printed: ``cells[row][column]``; ``header_rows`` rows of headers come first."""

    table: str
    cells: tuple[tuple[GridCell, ...], ...]
    spans: tuple[Span, ...]
    header_rows: int
    label_columns: int
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)
    span_index: dict[tuple[int, int], Span] = field(default_factory=dict, compare=False)

    @property
    def row_count(self) -> int:
        return len(self.cells)

    @property
    def column_count(self) -> int:
        return len(self.cells[0]) if self.cells else 0

    def at(self, row: int, column: int) -> GridCell:
        return self.cells[row][column]

    def position(self, key: str) -> tuple[int, int]:
        """Where the number ``key`` sits (its top-left grid cell)."""
        return self.positions[key]

    def value_rows(self) -> list[int]:
        """The rows that hold numbers, top to bottom."""
        return [r for r, row in enumerate(self.cells) if any(c.kind == "value" for c in row)]

    def row_values(self, row: int) -> list[tuple[int, str]]:
        """The (column, key) of each number in ``row``, left to right."""
        return [(c, cell.key) for c, cell in enumerate(self.cells[row]) if cell.kind == "value" and cell.key]

    def span_at(self, row: int, column: int) -> Span | None:
        """The span that starts at (row, column), if any."""
        return self.span_index.get((row, column))


class _Builder:
    """Places cells and spans on a rectangular grid."""

    def __init__(self, rows: int, columns: int) -> None:
        self.cells: list[list[GridCell]] = [[GridCell("covered")] * columns for _ in range(rows)]
        self.spans: list[Span] = []

    def put(self, row: int, column: int, cell: GridCell, rows: int = 1, columns: int = 1) -> None:
        self.cells[row][column] = cell
        if rows > 1 or columns > 1:
            self.spans.append(Span(row, column, rows, columns))

    def grid(self, table: str, header_rows: int, label_columns: int) -> Grid:
        cells = tuple(tuple(r) for r in self.cells)
        positions = {
            cell.key: (r, c)
            for r, row in enumerate(cells)
            for c, cell in enumerate(row)
            if cell.kind == "value" and cell.key
        }
        spans = {(s.row, s.column): s for s in self.spans}
        return Grid(table, cells, tuple(self.spans), header_rows, label_columns, positions, spans)


def _column_runs(columns: Iterable[Column]) -> Iterator[tuple[str | None, list[int]]]:
    """Consecutive columns sharing a group: (group or None, their indexes)."""
    run: list[int] = []
    group: str | None = None
    for i, c in enumerate(columns):
        if run and c.group == group and group is not None:
            run.append(i)
            continue
        if run:
            yield group, run
        run, group = [i], c.group
    if run:
        yield group, run


def _leaves(node: RowNode) -> int:
    return 1 if node.key is not None else sum(_leaves(c) for c in node.children)


def _depth(nodes: Iterable[RowNode]) -> int:
    return max((1 + _depth(n.children) if n.children else 1 for n in nodes), default=0)


def table2_grid(form: Form) -> Grid:
    """Table 2: per block a full-width header, a column-header row, then its rows; a block with
    fewer columns than the widest spans its last number across the rest (as printed)."""
    t2 = form.t2
    width = max(len(b.columns) for b in t2.blocks)
    height = sum(2 + len(b.rows) for b in t2.blocks)
    g = _Builder(height, 1 + width)
    r = 0
    for block in t2.blocks:
        g.put(r, 0, GridCell("header", block.header), columns=1 + width)
        r += 1
        g.put(r, 0, GridCell("header", t2.label_header))
        for i, col in enumerate(block.columns):
            extra = width - len(block.columns) if i == len(block.columns) - 1 else 0
            g.put(r, 1 + i, GridCell("header", col.label), columns=1 + extra)
        r += 1
        for row in block.rows:
            g.put(r, 0, GridCell("label", row.label))
            for i, col in enumerate(block.columns):
                extra = width - len(block.columns) if i == len(block.columns) - 1 else 0
                g.put(r, 1 + i, GridCell("value", key=f"t2.{row.key}.{col.key}"), columns=1 + extra)
            r += 1
    # Table 2 has a header row per block: none of them is frozen above the others.
    return g.grid("t2", 0, 1)


def table3_grid(form: Form) -> Grid:
    """Table 3: the corner note, 申请人情况 over every column, groups over their columns, then one
    row per numeric row with label-only rows as cells merged down over their children."""
    t3 = form.t3
    depth = _depth(t3.tree)
    grouped = any(c.group for c in t3.columns)
    header_rows = 1 + (2 if grouped else 1)
    n_cols = len(t3.columns)
    g = _Builder(header_rows + len(t3.rows), depth + n_cols)
    g.put(0, 0, GridCell("corner", t3.corner), rows=header_rows, columns=depth)
    g.put(0, depth, GridCell("header", t3.column_header), columns=n_cols)
    for group, run in _column_runs(t3.columns):
        first = depth + run[0]
        if group is None:
            for i in run:
                g.put(1, depth + i, GridCell("header", t3.columns[i].label), rows=header_rows - 1)
        else:
            g.put(1, first, GridCell("header", group), columns=len(run))
            for i in run:
                g.put(2, depth + i, GridCell("header", t3.columns[i].label))

    def place(nodes: Iterable[RowNode], row: int, level: int) -> int:
        for node in nodes:
            if node.key is not None:
                g.put(row, level, GridCell("label", node.label), columns=depth - level)
                for i, col in enumerate(t3.columns):
                    g.put(row, depth + i, GridCell("value", key=f"t3.{node.key}.{col.key}"))
                row += 1
            else:
                g.put(row, level, GridCell("label", node.label), rows=_leaves(node))
                row = place(node.children, row, level + 1)
        return row

    place(t3.tree, header_rows, 0)
    return g.grid("t3", header_rows, depth)


def table4_grid(form: Form) -> Grid:
    """Table 4: parents (行政诉讼) over their groups, groups over their columns, one row of numbers."""
    t4 = form.t4
    n = len(t4.columns)
    nested = any(gr.parent for gr in t4.groups)
    header_rows = 2 + (1 if nested else 0)
    g = _Builder(header_rows + 1, n * len(t4.groups))
    col = 0
    i = 0
    groups = t4.groups
    while i < len(groups):
        group = groups[i]
        if group.parent is None:
            g.put(0, col, GridCell("header", group.label), rows=header_rows - 1, columns=n)
            members = [group]
        else:
            members = [x for x in groups[i:] if x.parent == group.parent]
            g.put(0, col, GridCell("header", group.parent), columns=n * len(members))
            for j, m in enumerate(members):
                g.put(1, col + j * n, GridCell("header", m.label), columns=n)
        for m in members:
            for c in t4.columns:
                g.put(header_rows - 1, col, GridCell("header", c.label))
                g.put(header_rows, col, GridCell("value", key=f"t4.{m.key}.{c.key}"))
                col += 1
        i += len(members)
    return g.grid("t4", header_rows, 0)


_BUILDERS = {"t2": table2_grid, "t3": table3_grid, "t4": table4_grid}


@lru_cache(maxsize=8)
def grid_for(form: Form, table: str) -> Grid:
    """The grid of ``table`` ("t2", "t3" or "t4")."""
    return _BUILDERS[table](form)
