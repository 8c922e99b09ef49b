"""Where every label and number goes in an exported workbook, computed from the form.

The three tables are laid out like the printed ones: table 2 in its four blocks, table 3 with
the 勾稽 note in the corner, 申请人情况 over the columns, 法人或其他组织 over its five, and every
label-only row merged down over its sub-items; table 4 with 行政诉讼 over its two groups.
Nothing here names a row or column: it all comes from :class:`~reportdesk.form.Form`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from types import MappingProxyType
from typing import Literal

from reportdesk.form import Column, Form, RowNode, Section

Style = Literal["title", "header", "label", "corner"]


@dataclass(frozen=True)
class Label:
    """A text written at (row, col), merged down to (last_row, last_col) when larger."""

    row: int
    col: int
    text: str
    style: Style
    last_row: int = 0
    last_col: int = 0

    @property
    def bottom(self) -> int:
        return max(self.row, self.last_row)

    @property
    def right(self) -> int:
        return max(self.col, self.last_col)


@dataclass(frozen=True)
class TableSheet:
    """One table's sheet: its labels, the position of every cell key and the column widths."""

    name: str
    table: str
    labels: tuple[Label, ...]
    cells: Mapping[str, tuple[int, int]]
    value_right: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    widths: Mapping[int, float] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def last_col(self) -> int:
        return max(label.right for label in self.labels)


VALUE_WIDTH = 10.0


def _section(form: Form, table: str) -> Section:
    return next(s for s in form.sections if s.table == table)


def sheet_name(form: Form, table: str) -> str:
    """The sheet of a table, named like the printed caption: 表二, 表三, 表四."""
    return "表" + _section(form, table).number


def table2(form: Form) -> TableSheet:
    """Table 2: one header row per block, its column labels, then its rows."""
    width = 1 + max(len(b.columns) for b in form.t2.blocks)
    labels = [Label(1, 1, _section(form, "t2").heading, "title", last_col=width)]
    cells: dict[str, tuple[int, int]] = {}
    right: dict[str, int] = {}
    row = 2
    for block in form.t2.blocks:
        labels.append(Label(row, 1, block.header, "header", last_col=width))
        labels.append(Label(row + 1, 1, form.t2.label_header, "header"))
        for i, col in enumerate(block.columns):
            last = width if i == len(block.columns) - 1 else 0
            labels.append(Label(row + 1, 2 + i, col.label, "header", last_col=last))
        row += 2
        for r in block.rows:
            labels.append(Label(row, 1, r.label, "label"))
            for i, col in enumerate(block.columns):
                key = f"t2.{r.key}.{col.key}"
                cells[key] = (row, 2 + i)
                if i == len(block.columns) - 1 and 2 + i < width:
                    right[key] = width
            row += 1
    widths = {1: 24.0, **{c: 16.0 for c in range(2, width + 1)}}
    return TableSheet(
        sheet_name(form, "t2"),
        "t2",
        tuple(labels),
        MappingProxyType(cells),
        MappingProxyType(right),
        MappingProxyType(widths),
    )


def _depth(nodes: Iterable[RowNode]) -> int:
    return max((1 + _depth(n.children) for n in nodes), default=0)


def _count(node: RowNode) -> int:
    return 1 if node.key is not None else sum(_count(c) for c in node.children)


def _column_headers(columns: tuple[Column, ...], top: int, first_col: int, two_rows: bool) -> Iterator[Label]:
    """Column labels; consecutive columns of one group sit under the group's merged label."""
    col = first_col
    for group, members in groupby(columns, key=lambda c: c.group):
        cols = list(members)
        if group is None:
            for c in cols:
                yield Label(top, col, c.label, "header", last_row=top + 1 if two_rows else 0)
                col += 1
        else:
            yield Label(top, col, group, "header", last_col=col + len(cols) - 1)
            for c in cols:
                yield Label(top + 1, col, c.label, "header")
                col += 1


def table3(form: Form) -> TableSheet:
    """Table 3: the corner note, 申请人情况 over the columns, label rows merged over their items."""
    t3 = form.t3
    depth = _depth(t3.tree)
    first = depth + 1
    last = depth + len(t3.columns)
    grouped = any(c.group for c in t3.columns)
    header_rows = 2 + int(grouped)
    labels = [
        Label(1, 1, _section(form, "t3").heading, "title", last_col=last),
        Label(2, 1, t3.corner, "corner", last_row=1 + header_rows, last_col=depth),
        Label(2, first, t3.column_header, "header", last_col=last),
        *_column_headers(t3.columns, 3, first, grouped),
    ]
    cells: dict[str, tuple[int, int]] = {}

    def place(nodes: tuple[RowNode, ...], level: int, row: int) -> int:
        for node in nodes:
            if node.key is not None:
                labels.append(Label(row, level, node.label, "label", last_col=depth))
                for i, c in enumerate(t3.columns):
                    cells[f"t3.{node.key}.{c.key}"] = (row, first + i)
                row += 1
            else:
                labels.append(Label(row, level, node.label, "label", last_row=row + _count(node) - 1))
                row = place(node.children, level + 1, row)
        return row

    place(t3.tree, 1, 2 + header_rows)
    label_widths = {1: 12.0, **{c: 14.0 for c in range(2, depth)}, depth: 44.0}
    widths = {**label_widths, **{c: VALUE_WIDTH for c in range(first, last + 1)}}
    return TableSheet(
        sheet_name(form, "t3"),
        "t3",
        tuple(labels),
        MappingProxyType(cells),
        MappingProxyType({}),
        MappingProxyType(widths),
    )


def table4(form: Form) -> TableSheet:
    """Table 4: each group over its columns, a parent (行政诉讼) over its groups, one row of numbers."""
    t4 = form.t4
    n = len(t4.columns)
    nested = any(g.parent for g in t4.groups)
    header_rows = 2 + int(nested)
    last = n * len(t4.groups)
    labels = [Label(1, 1, _section(form, "t4").heading, "title", last_col=last)]
    cells: dict[str, tuple[int, int]] = {}
    col = 1
    for parent, members in groupby(t4.groups, key=lambda g: g.parent):
        groups = list(members)
        if parent is not None:
            labels.append(Label(2, col, parent, "header", last_col=col + n * len(groups) - 1))
        for g in groups:
            top = 3 if parent is not None else 2
            bottom = 1 + header_rows - 1
            labels.append(Label(top, col, g.label, "header", last_row=bottom, last_col=col + n - 1))
            for i, c in enumerate(t4.columns):
                labels.append(Label(1 + header_rows, col + i, c.label, "header"))
                cells[f"t4.{g.key}.{c.key}"] = (2 + header_rows, col + i)
            col += n
    widths = {c: VALUE_WIDTH for c in range(1, last + 1)}
    return TableSheet(
        sheet_name(form, "t4"),
        "t4",
        tuple(labels),
        MappingProxyType(cells),
        MappingProxyType({}),
        MappingProxyType(widths),
    )


def table_sheets(form: Form) -> tuple[TableSheet, ...]:
    """The three table sheets, in report order."""
    return (table2(form), table3(form), table4(form))
