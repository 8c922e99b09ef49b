"""Tables 2, 3 and 4 of the template, laid out exactly as the official format prints them.

Everything — labels, merges, which cell holds which placeholder — comes from the form; one
placeholder per numeric cell and no loops, so a table cannot grow or lose a row.
"""

from __future__ import annotations

from typing import Any

from reportdesk.form import Column, Form, RowNode
from reportdesk.render import layout, table_layout
from reportdesk.render.context import cell_var

SHADE = "F2F2F2"  # block headers of table 2, as published reports shade them


def placeholder(key: str) -> str:
    """The template text that prints cell ``key``."""
    return "{{ " + cell_var(key) + " }}"


def _spans(total: int, parts: int) -> list[int]:
    """Split ``total`` grid columns among ``parts`` cells; the last takes the remainder."""
    base = total // parts
    return [base] * (parts - 1) + [total - base * (parts - 1)]


def _merge(table: Any, r0: int, c0: int, r1: int, c1: int) -> Any:
    cell = table.cell(r0, c0)
    return cell if (r0, c0) == (r1, c1) else cell.merge(table.cell(r1, c1))


def build_t2(doc: Any, form: Form) -> Any:
    """Table 2: per block a full-width header row, a column-header row and its rows."""
    t2 = form.t2
    ncols = max(len(b.columns) for b in t2.blocks)
    label_mm = 52.0
    value_mm = (layout.TEXT_WIDTH_MM - label_mm) / ncols
    nrows = sum(2 + len(b.rows) for b in t2.blocks)
    table = table_layout.new_table(doc, nrows, [label_mm] + [value_mm] * ncols)
    r = 0
    for block in t2.blocks:
        table_layout.fill_cell(_merge(table, r, 0, r, ncols), block.header, layout.TABLE_LABEL, shade=SHADE)
        r += 1
        table_layout.fill_cell(table.cell(r, 0), t2.label_header, layout.TABLE_TEXT)
        spans = _spans(ncols, len(block.columns))
        c = 1
        for col, span in zip(block.columns, spans, strict=True):
            table_layout.fill_cell(_merge(table, r, c, r, c + span - 1), col.label, layout.TABLE_TEXT)
            c += span
        r += 1
        for row in block.rows:
            _value_row(table, r, row.label, [f"t2.{row.key}.{col.key}" for col in block.columns], spans)
            r += 1
    for i, row in enumerate(table.rows):
        table_layout.format_row(row, min_height_mm=8.0, keep_next=i < nrows - 1)
    return table


def _value_row(table: Any, r: int, label: str, keys: list[str], spans: list[int]) -> None:
    table_layout.fill_cell(table.cell(r, 0), label, layout.TABLE_LABEL)
    c = 1
    for key, span in zip(keys, spans, strict=True):
        table_layout.fill_cell(_merge(table, r, c, r, c + span - 1), placeholder(key), layout.TABLE_TEXT)
        c += span


def _depth(nodes: tuple[RowNode, ...]) -> int:
    return max((1 + _depth(n.children) if n.children else 1) for n in nodes)


def _t3_labels(table: Any, nodes: tuple[RowNode, ...], depth: int, row: int, levels: int) -> int:
    """Fill the label cells of ``nodes`` from table row ``row``; returns the next free row.

    A row with numbers spans the label columns from its depth to the last; a label-only row
    (三、本年度办理结果, （三）不予公开 …) is one cell merged down over all its rows.
    """
    for node in nodes:
        if node.key is not None:
            cell = _merge(table, row, depth, row, levels - 1)
            table_layout.fill_cell(cell, node.label, layout.TABLE_LABEL)
            row += 1
        else:
            start = row
            row = _t3_labels(table, node.children, depth + 1, row, levels)
            table_layout.fill_cell(_merge(table, start, depth, row - 1, depth), node.label, layout.TABLE_TEXT)
    return row


def _column_headers(table: Any, columns: tuple[Column, ...], first_col: int, row: int) -> None:
    """Two header rows: a grouped column sits under its group's label, an ungrouped one spans both."""
    c = first_col
    i = 0
    while i < len(columns):
        col = columns[i]
        if col.group is None:
            table_layout.fill_cell(_merge(table, row, c, row + 1, c), col.label, layout.TABLE_TEXT)
            c += 1
            i += 1
            continue
        j = i
        while j < len(columns) and columns[j].group == col.group:
            j += 1
        members = list(columns[i:j])
        table_layout.fill_cell(_merge(table, row, c, row, c + len(members) - 1), col.group, layout.TABLE_TEXT)
        for k, member in enumerate(members):
            table_layout.fill_cell(table.cell(row + 1, c + k), member.label, layout.TABLE_TEXT)
        c += len(members)
        i = j


def one_line_mm(text: str, size_pt: float) -> float:
    """The width a cell needs to hold ``text`` (Chinese characters, one em each) on one line."""
    return len(text) * size_pt * 25.4 / 72 + 2 * table_layout.CELL_MARGIN_MM + HEADER_SLACK_MM


# Room for the cell borders and a font whose characters are a little wider than one em.
HEADER_SLACK_MM = 0.8


def _t3_value_widths(columns: tuple[Column, ...], share_mm: float) -> list[float]:
    """An even share each, but a column headed by a label of its own (自然人, 总计) is wide
    enough to print it on one line: "自然人" broken into "自然 / 人" reads as two words."""
    return [
        share_mm if col.group is not None else max(share_mm, one_line_mm(col.label, layout.SIZE_5))
        for col in columns
    ]


def build_t3(doc: Any, form: Form) -> Any:
    """Table 3: the 勾稽 note in the corner, 申请人情况 over the columns, merged row labels."""
    t3 = form.t3
    levels = _depth(t3.tree)
    label_mm = [7.0, 20.0, 52.0][-levels:] if levels <= 3 else [8.0] * (levels - 1) + [40.0]
    ncols = len(t3.columns)
    value_mm = _t3_value_widths(t3.columns, (layout.TEXT_WIDTH_MM - sum(label_mm)) / ncols)
    # What the columns need beyond an even share comes off the widest label column.
    label_mm[-1] -= sum(value_mm) - (layout.TEXT_WIDTH_MM - sum(label_mm))
    header_rows = 3
    table = table_layout.new_table(doc, header_rows + len(t3.rows), label_mm + value_mm)
    table_layout.fill_cell(_merge(table, 0, 0, header_rows - 1, levels - 1), t3.corner, layout.TABLE_NOTE)
    table_layout.fill_cell(
        _merge(table, 0, levels, 0, levels + ncols - 1), t3.column_header, layout.TABLE_TEXT
    )
    _column_headers(table, t3.columns, levels, 1)
    if _t3_labels(table, t3.tree, 0, header_rows, levels) != header_rows + len(t3.rows):
        raise ValueError("table 3: the row tree and the flat rows disagree")
    for i, row in enumerate(t3.rows):
        for j, col in enumerate(t3.columns):
            table_layout.fill_cell(
                table.cell(header_rows + i, levels + j),
                placeholder(f"t3.{row.key}.{col.key}"),
                layout.TABLE_TEXT,
            )
    # Kept on one page when it fits (it does on A4 with these sizes); should a page still break
    # it, no row splits and the header rows repeat.
    last = len(table.rows) - 1
    for i, tr in enumerate(table.rows):
        table_layout.format_row(tr, min_height_mm=6.0, header=i < header_rows, keep_next=i < last)
    return table


def build_t4(doc: Any, form: Form) -> Any:
    """Table 4: 行政复议 and 行政诉讼 (split into its groups) over the five result columns."""
    t4 = form.t4
    ncols = len(t4.columns)
    width = layout.TEXT_WIDTH_MM / (ncols * len(t4.groups))
    table = table_layout.new_table(doc, 4, [width] * (ncols * len(t4.groups)))
    c = 0
    done_parents: set[str] = set()
    for group in t4.groups:
        if group.parent is None:
            table_layout.fill_cell(_merge(table, 0, c, 0, c + ncols - 1), group.label, layout.TABLE_TEXT)
            for k, col in enumerate(t4.columns):
                table_layout.fill_cell(_merge(table, 1, c + k, 2, c + k), col.label, layout.TABLE_TEXT)
        else:
            if group.parent not in done_parents:
                siblings = [g for g in t4.groups if g.parent == group.parent]
                span = ncols * len(siblings)
                table_layout.fill_cell(_merge(table, 0, c, 0, c + span - 1), group.parent, layout.TABLE_TEXT)
                done_parents.add(group.parent)
            table_layout.fill_cell(_merge(table, 1, c, 1, c + ncols - 1), group.label, layout.TABLE_TEXT)
            for k, col in enumerate(t4.columns):
                table_layout.fill_cell(table.cell(2, c + k), col.label, layout.TABLE_TEXT)
        for k, col in enumerate(t4.columns):
            table_layout.fill_cell(
                table.cell(3, c + k), placeholder(f"t4.{group.key}.{col.key}"), layout.TABLE_TEXT
            )
        c += ncols
    for i, tr in enumerate(table.rows):
        table_layout.format_row(tr, min_height_mm=8.0 if i == 3 else 6.5, header=i < 3, keep_next=i < 3)
    return table
