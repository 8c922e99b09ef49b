"""Published-report fixtures made in the tests: .docx with the official merged cells, .html as
government websites publish it, flattened text. Every figure and paragraph comes from a Report,
and the table layout from the form description, so the importers meet what a real file holds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportdesk.form import Form, RowNode
from reportdesk.report import Report
from reportdesk.values import display

# ---------------------------------------------------------------------------------------------
# Table layouts as grids of (text, rowspan, colspan) placed at (row, col)

Placed = tuple[int, int, str, int, int]  # row, col, text, rowspan, colspan


def _value(report: Report, key: str) -> str:
    return display(report.cells.get(key))


def t2_layout(form: Form, report: Report) -> tuple[int, list[Placed]]:
    """Table 二 as one 4-column table, each block under a merged full-width header."""
    out: list[Placed] = []
    r = 0
    for block in form.t2.blocks:
        out.append((r, 0, block.header, 1, 4))
        r += 1
        span = 3 // len(block.columns)
        out.append((r, 0, form.t2.label_header, 1, 1))
        for i, c in enumerate(block.columns):
            out.append((r, 1 + i * span, c.label, 1, span))
        r += 1
        for row in block.rows:
            out.append((r, 0, row.label, 1, 1))
            for i, c in enumerate(block.columns):
                out.append((r, 1 + i * span, _value(report, f"t2.{row.key}.{c.key}"), 1, span))
            r += 1
    return 4, out


def _t3_rows(nodes: Sequence[RowNode], depth: int) -> list[tuple[int, RowNode]]:
    out = []
    for n in nodes:
        out.append((depth, n))
        out += _t3_rows(n.children, depth + 1)
    return out


def t3_layout(
    form: Form, report: Report, label: Callable[[str], str] = lambda s: s
) -> tuple[int, list[Placed]]:
    """Table 三 with three merged label columns and the two header rows of the official form."""
    t3 = form.t3
    out: list[Placed] = [(0, 0, t3.corner, 3, 3), (0, 3, t3.column_header, 1, 7)]
    col = 3
    groups_done: set[str] = set()
    for c in t3.columns:
        if c.group is None:
            out.append((1, col, c.label, 2, 1))
        else:
            if c.group not in groups_done:
                width = sum(1 for x in t3.columns if x.group == c.group)
                out.append((1, col, c.group, 1, width))
                groups_done.add(c.group)
            out.append((2, col, c.label.replace("企业", "\n企业"), 1, 1))
        col += 1
    r = 3
    spans: dict[int, int] = {}

    def leaves(n: RowNode) -> int:
        return 1 if n.key else sum(leaves(c) for c in n.children)

    for depth, node in _t3_rows(t3.tree, 0):
        if node.key is None:
            out.append((r, depth, label(node.label), leaves(node), 1))
            spans[depth] = r
            continue
        out.append((r, depth, label(node.label), 1, 3 - depth))
        for i, c in enumerate(t3.columns):
            out.append((r, 3 + i, _value(report, f"t3.{node.key}.{c.key}"), 1, 1))
        r += 1
    return 10, out


def t4_layout(form: Form, report: Report) -> tuple[int, list[Placed]]:
    """Table 四: 行政复议 | 行政诉讼 (two sub-groups), the five columns under each, one data row."""
    t4 = form.t4
    n = len(t4.columns)
    out: list[Placed] = []
    col = 0
    parents_done: set[str] = set()
    for g in t4.groups:
        if g.parent is None:
            out.append((0, col, g.label, 2, n))
        else:
            if g.parent not in parents_done:
                width = n * sum(1 for x in t4.groups if x.parent == g.parent)
                out.append((0, col, g.parent, 1, width))
                parents_done.add(g.parent)
            out.append((1, col, g.label, 1, n))
        for i, c in enumerate(t4.columns):
            out.append((2, col + i, c.label, 1, 1))
            out.append((3, col + i, _value(report, f"t4.{g.key}.{c.key}"), 1, 1))
        col += n
    return n * len(t4.groups), out


# ---------------------------------------------------------------------------------------------
# The narrative in print order


def paragraphs(form: Form, report: Report, run_in: bool) -> list[tuple[str, str]]:
    """(kind, text) in print order: "title", "intro", "heading", "body", "table:t2" …"""
    out: list[tuple[str, str]] = [("title", report.agency.name), ("title", f"{report.year}年{form.name}")]
    out += [("intro", p) for p in report.text("intro").split("\n") if p]
    for s in form.sections:
        out.append(("heading", s.heading))
        if s.table:
            out.append(("table", s.table))
        for part in s.parts:
            texts = [p for p in report.text(part.key).split("\n") if p]
            if not part.printed:
                out += [("body", p) for p in texts]
            elif run_in and texts:
                out.append(("body", f"{part.heading}情况。{texts[0]}"))
                out += [("body", p) for p in texts[1:]]
            else:
                out.append(("heading", part.heading))
                out += [("body", p) for p in texts]
    return out


LAYOUTS = {"t2": t2_layout, "t3": t3_layout, "t4": t4_layout}
Label = Callable[[str], str]


def _layout(form: Form, report: Report, table: str, label: Label) -> tuple[int, list[Placed]]:
    if table == "t3":
        return t3_layout(form, report, label)
    return LAYOUTS[table](form, report)


# ---------------------------------------------------------------------------------------------
# .docx with python-docx


def _docx_table(doc: Any, width: int, placed: list[Placed]) -> None:
    rows = max(r + rs for r, _, _, rs, _ in placed)
    table = doc.add_table(rows=rows, cols=width)
    table.style = "Table Grid"
    grid = [row.cells for row in table.rows]  # before merging: table.cell() is quadratic
    for r, c, text, rs, cs in placed:
        cell = grid[r][c]
        if rs > 1 or cs > 1:
            cell = cell.merge(grid[r + rs - 1][c + cs - 1])
        lines = text.split("\n")
        para = cell.paragraphs[0]
        run = para.add_run(lines[0])
        for extra in lines[1:]:
            run.add_break()
            run = para.add_run(extra)


def write_docx(
    form: Form,
    report: Report,
    path: Path,
    *,
    run_in: bool = False,
    label: Label = lambda s: s,
    tables_last: bool = False,
) -> None:
    """A .docx of ``report``: centred bold title, headings in runs, official merged tables.

    ``label`` rewrites table 三's printed row labels; ``tables_last`` moves the tables, in
    reverse order, to the end of the document (tables are found by their labels, not their place).
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = docx.Document()
    moved = []
    for kind, text in paragraphs(form, report, run_in):
        if kind == "table" and tables_last:
            moved.insert(0, text)
        if kind == "table" and not tables_last:
            _docx_table(doc, *_layout(form, report, text, label))
        if kind == "table":
            continue
        para = doc.add_paragraph()
        if kind == "title":
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.add_run(text).bold = True
        elif kind == "heading":
            half = len(text) // 2  # a heading split over two runs, as Word often stores it
            for piece in (text[:half], text[half:]):
                run = para.add_run(piece)
                run.bold = True
                run.font.size = Pt(16)
        else:
            para.paragraph_format.first_line_indent = Pt(32)
            para.add_run(text)
    for table in moved:
        _docx_table(doc, *_layout(form, report, table, label))
    doc.save(str(path))


# ---------------------------------------------------------------------------------------------
# .html as a government website publishes it


def _html_table(width: int, placed: list[Placed]) -> str:
    rows: dict[int, list[str]] = {}
    for r, _c, text, rs, cs in sorted(placed, key=lambda p: (p[0], p[1])):
        cell = "<br>".join(html.escape(t) for t in text.split("\n")) or "&nbsp;"
        span = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
        rows.setdefault(r, []).append(
            f'<td{span} style="border:1px solid #000"><p align="center">{cell}</p></td>'
        )
    body = "\n".join(f"<tr>{''.join(cells)}</tr>" for _, cells in sorted(rows.items()))
    return f'<table border="1" cellspacing="0" width="100%">\n<tbody>\n{body}\n</tbody>\n</table>'


def _wrap_between_chinese(text: str, every: int) -> str:
    out, since = [], 0
    for i, ch in enumerate(text):
        out.append(ch)
        since += 1
        if since >= every and i + 1 < len(text) and _CJK.match(ch) and _CJK.match(text[i + 1]):
            out.append("\n")
            since = 0
    return "".join(out)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def write_html(
    form: Form,
    report: Report,
    path: Path,
    *,
    encoding: str = "gbk",
    run_in: bool = True,
    label: Label = lambda s: s,
) -> None:
    """A saved web page: layout table around the article, &nbsp; indents, data tables with spans."""
    parts = []
    for kind, text in paragraphs(form, report, run_in):
        if kind == "table":
            parts.append(_html_table(*_layout(form, report, text, label)))
        elif kind == "title":
            parts.append(
                f'<p align="center"><strong><span style="font-size:22px">{html.escape(text)}</span></strong></p>'
            )
        else:
            # source lines wrapped between Chinese characters, as CMS editors save them
            escaped = html.escape(text)
            wrapped = _wrap_between_chinese(escaped, 40)
            parts.append(f'<p style="text-indent:2em">&nbsp;&nbsp;{wrapped}</p>')
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>{html.escape(report.agency.name)}</title>
<script>document.write("<p>一、总体情况 不应出现</p>"); var n = 1 < 2;</script>
<style>p {{ margin: 0 }}</style></head>
<body><div class="nav">首页 &gt; 政府信息公开 &gt; 年度报告</div>
<table width="1000" align="center"><tr><td class="content">
{chr(10).join(parts)}
</td></tr><tr><td><div class="footer">主办单位：某某人民政府办公室</div></td></tr></table>
</body></html>
"""
    path.write_bytes(page.encode(encoding))


# ---------------------------------------------------------------------------------------------
# Flattened text: one cell per line, blank lines between rows (as the seed .txt)


def write_flat_text(form: Form, report: Report, path: Path) -> None:
    """Text as copied out of a .docx: paragraphs one per line, table cells one per line."""
    lines: list[str] = []
    for kind, text in paragraphs(form, report, run_in=False):
        if kind != "table":
            lines.append(text)
            continue
        _width, placed = LAYOUTS[text](form, report)
        rows: dict[int, list[str]] = {}
        for r, _c, cell, _rs, _cs in sorted(placed, key=lambda p: (p[0], p[1])):
            rows.setdefault(r, []).append("\t" + cell)
        for _, cells in sorted(rows.items()):
            lines += [*cells, ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
