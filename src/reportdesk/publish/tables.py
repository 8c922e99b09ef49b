"""Tables 2, 3 and 4 as HTML tables with the printed merged headers.

The layout is the Word document's, cell for cell: the same merges become ``rowspan`` /
``colspan``, header cells are ``<th>`` with a ``scope``, and — these being tables with headers
on several levels — every data cell names its headers with ``headers`` (WCAG technique H43), so a
screen reader says "三、本年度办理结果 （三）不予公开 1.属于国家秘密 自然人" before a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportdesk.form import Column, Form, RowNode
from reportdesk.report import Report
from reportdesk.values import display


@dataclass
class HtmlCell:
    """One ``<th>`` or ``<td>``: its text and where it sits in the table's grid."""

    text: str
    header: bool = False
    scope: str | None = None  # col, colgroup, row, rowgroup
    rowspan: int = 1
    colspan: int = 1
    css: str | None = None
    id: str | None = None
    headers: list[str] = field(default_factory=list)
    row: int = 0  # grid position, set by HtmlTable.place
    col: int = 0


@dataclass
class RowGroup:
    """``<thead>`` or ``<tbody>`` and its rows."""

    tag: str
    rows: list[list[HtmlCell]]


@dataclass
class HtmlTable:
    """A table: its id, caption, column count and row groups."""

    id: str
    caption: str
    columns: int
    groups: list[RowGroup]
    css: str = ""

    def place(self) -> None:
        """Give every cell its grid position and every header an id; then name each data cell's
        headers: the header cells above it in its row group (and in the ``<thead>``), and the
        header cells to its left in its rows."""
        taken: set[tuple[int, int]] = set()
        r = 0
        cells: list[tuple[int, HtmlCell]] = []
        for g, group in enumerate(self.groups):
            for row in group.rows:
                c = 0
                for cell in row:
                    while (r, c) in taken:
                        c += 1
                    cell.row, cell.col = r, c
                    taken |= {(r + i, c + j) for i in range(cell.rowspan) for j in range(cell.colspan)}
                    cells.append((g, cell))
                    c += cell.colspan
                r += 1
        n = 0
        for _, cell in cells:
            if cell.header:
                n += 1
                cell.id = f"{self.id}-h{n}"
        head = {g for g, group in enumerate(self.groups) if group.tag == "thead"}
        for g, cell in cells:
            if cell.header:
                continue
            for hg, h in cells:
                if not h.header:
                    continue
                above = (hg == g or hg in head) and h.row < cell.row and _overlap(h.col, h.colspan, cell)
                left = h.col < cell.col and h.row <= cell.row < h.row + h.rowspan
                if (above or left) and h.id is not None:
                    cell.headers.append(h.id)


def _overlap(col: int, span: int, cell: HtmlCell) -> bool:
    return col < cell.col + cell.colspan and cell.col < col + span


def _value(report: Report, key: str, colspan: int = 1) -> HtmlCell:
    return HtmlCell(display(report.cells.get(key)), colspan=colspan, css="n")


def table2(form: Form, report: Report) -> HtmlTable:
    """Table 2: a row group per block — its header across the table, its column headers, its rows."""
    t2 = form.t2
    ncols = max(len(b.columns) for b in t2.blocks)
    groups = []
    for block in t2.blocks:
        spans = [ncols // len(block.columns)] * len(block.columns)
        spans[-1] = ncols - sum(spans[:-1])
        rows = [
            [HtmlCell(block.header, True, "colgroup", colspan=1 + ncols, css="block")],
            [HtmlCell(t2.label_header, True, "col")]
            + [HtmlCell(c.label, True, "col", colspan=s) for c, s in zip(block.columns, spans, strict=True)],
        ]
        for row in block.rows:
            rows.append(
                [HtmlCell(row.label, True, "row", css="label")]
                + [
                    _value(report, f"t2.{row.key}.{c.key}", s)
                    for c, s in zip(block.columns, spans, strict=True)
                ]
            )
        groups.append(RowGroup("tbody", rows))
    return HtmlTable("t2", t2.title, 1 + ncols, groups, "t2")


def _depth(nodes: tuple[RowNode, ...]) -> int:
    return max((1 + _depth(n.children) if n.children else 1) for n in nodes)


def _count(node: RowNode) -> int:
    return 1 if node.key is not None else sum(_count(c) for c in node.children)


def _t3_rows(
    form: Form, report: Report, nodes: tuple[RowNode, ...], depth: int, levels: int, out: list[list[HtmlCell]]
) -> None:
    """Body rows: a label-only node (三、本年度办理结果 …) is one header cell down its rows; a row
    with numbers spans the label columns from its depth to the last."""
    for node in nodes:
        if node.key is None:
            start = len(out)
            _t3_rows(form, report, node.children, depth + 1, levels, out)
            group = HtmlCell(node.label, True, "rowgroup", rowspan=_count(node), css=f"group d{depth}")
            out[start].insert(0, group)
            continue
        label = HtmlCell(node.label, True, "row", colspan=levels - depth, css="label")
        out.append([label, *(_value(report, f"t3.{node.key}.{c.key}") for c in form.t3.columns)])


def _t3_head(form: Form, levels: int) -> list[list[HtmlCell]]:
    t3 = form.t3
    top: list[HtmlCell] = [
        HtmlCell(t3.corner, rowspan=3, colspan=levels, css="note"),
        HtmlCell(t3.column_header, True, "colgroup", colspan=len(t3.columns)),
    ]
    second: list[HtmlCell] = []
    third: list[HtmlCell] = []
    i = 0
    columns: tuple[Column, ...] = t3.columns
    while i < len(columns):
        col = columns[i]
        if col.group is None:
            second.append(HtmlCell(col.label, True, "col", rowspan=2))
            i += 1
            continue
        members = [c for c in columns[i:] if c.group == col.group]
        second.append(HtmlCell(col.group, True, "colgroup", colspan=len(members)))
        third += [HtmlCell(m.label, True, "col") for m in members]
        i += len(members)
    return [top, second, third]


def table3(form: Form, report: Report) -> HtmlTable:
    """Table 3: the 勾稽 note in the corner, 申请人情况 over the columns, merged row labels."""
    levels = _depth(form.t3.tree)
    body: list[list[HtmlCell]] = []
    _t3_rows(form, report, form.t3.tree, 0, levels, body)
    groups = [RowGroup("thead", _t3_head(form, levels)), RowGroup("tbody", body)]
    return HtmlTable("t3", form.t3.title, levels + len(form.t3.columns), groups, "t3")


def table4(form: Form, report: Report) -> HtmlTable:
    """Table 4: 行政复议 and 行政诉讼 (split into its groups) over the five result columns."""
    t4 = form.t4
    ncols = len(t4.columns)
    rows: list[list[HtmlCell]] = [[], [], []]
    parents_done: set[str] = set()
    for group in t4.groups:
        if group.parent is None:
            rows[0].append(HtmlCell(group.label, True, "colgroup", colspan=ncols))
            rows[1] += [HtmlCell(c.label, True, "col", rowspan=2) for c in t4.columns]
            continue
        if group.parent not in parents_done:
            siblings = [g for g in t4.groups if g.parent == group.parent]
            rows[0].append(HtmlCell(group.parent, True, "colgroup", colspan=ncols * len(siblings)))
            parents_done.add(group.parent)
        rows[1].append(HtmlCell(group.label, True, "colgroup", colspan=ncols))
        rows[2] += [HtmlCell(c.label, True, "col") for c in t4.columns]
    values = [_value(report, f"t4.{g.key}.{c.key}") for g in t4.groups for c in t4.columns]
    groups = [RowGroup("thead", rows), RowGroup("tbody", [values])]
    return HtmlTable("t4", t4.title, ncols * len(t4.groups), groups, "t4")


def tables(form: Form, report: Report) -> dict[str, HtmlTable]:
    """The three tables by key (t2, t3, t4), laid out and with their headers named."""
    out = {"t2": table2(form, report), "t3": table3(form, report), "t4": table4(form, report)}
    for table in out.values():
        table.place()
    return out
