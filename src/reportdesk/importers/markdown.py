"""Markdown as converters and AI tools write a report: pipe tables, ``#`` headings, ``**bold**``.

A pipe table (``| （一）予以公开 | 26 | | | | | | 26 |``) becomes a grid, one cell per column, a
blank cell blank (never 0); the ``|---|`` line under its header is skipped. Heading marks, bold
and italic marks, list bullets and quote marks are taken off the text; lines not separated by a
blank line are one paragraph, as Markdown has it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from reportdesk.importers.document import Block, Grid, GridCell, Line

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MARKS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_BULLET = re.compile(r"^\s{0,3}(?:[-*+]\s+|>\s?)")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MIN_PIPE_ROWS = 2
_HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_CLOSING = "。！？；：”）)」!?;:"
_NEW_PARAGRAPH = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+\s*[、.．])")


def looks_like_markdown(lines: Sequence[str]) -> bool:
    """Whether text is Markdown: two pipe-table rows and more, or ``#`` headings."""
    pipes = sum(1 for t in lines if _PIPE_ROW.match(t))
    headings = sum(1 for t in lines if _HEADING.match(t))
    return pipes >= _MIN_PIPE_ROWS or headings >= _MIN_PIPE_ROWS


def plain(text: str) -> str:
    """A line's text without heading, bold, italic, bullet and quote marks."""
    text = _HEADING.sub("", text)
    text = _BULLET.sub("", text)
    return _MARKS.sub("", text)


def _cells(row: str) -> list[str]:
    body = row.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    parts = re.split(r"(?<!\\)\|", body)
    return [_BREAK.sub("\n", plain(p.replace("\\|", "|")).replace("&nbsp;", " ")).strip() for p in parts]


def markdown_blocks(lines: Sequence[str], first: int = 0, tables: int = 0) -> list[Block]:
    """Paragraphs and grids of Markdown text (``lines`` without their line breaks); ``first`` is
    the number of lines and ``tables`` the number of tables before these in the file."""
    out: list[Block] = []
    table: list[tuple[GridCell, ...]] = []
    paragraph: list[str] = []
    start = 0

    def end_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            out.append(Line("".join(paragraph), f"第{first + start + 1}行", True))
            paragraph = []

    def end_table() -> None:
        nonlocal table, tables
        if table:
            tables += 1
            out.append(Grid(tuple(table), f"第{tables}个表格"))
            table = []

    for i, raw in enumerate(lines):
        if _PIPE_ROW.match(raw):
            end_paragraph()
            if not _SEPARATOR.match(raw):
                table.append(tuple(GridCell(c, 1, text) for c, text in enumerate(_cells(raw))))
            continue
        end_table()
        text = plain(raw).strip()
        if not text or _HEADING.match(raw):
            end_paragraph()
        if text and paragraph and (paragraph[-1][-1] in _CLOSING or _NEW_PARAGRAPH.match(text)):
            end_paragraph()  # a line per paragraph without blank lines between, as often pasted
        if text:
            if not paragraph:
                start = i
            paragraph.append(text)
            if _HEADING.match(raw):
                end_paragraph()
    end_paragraph()
    end_table()
    return out


def has_html_tables(text: str) -> bool:
    """Whether Markdown text holds its tables as HTML (pandoc does so for merged cells)."""
    return _HTML_TABLE.search(text) is not None


def mixed_blocks(text: str) -> list[Block]:
    """Markdown whose tables are HTML ``<table>`` elements: the tables read as a web page's, the
    text between them as Markdown with its inline tags (``<span lang="zh-CN">``) taken off."""
    from reportdesk.importers.html import html_document

    out: list[Block] = []
    at = 0
    tables = 0
    for m in [*_HTML_TABLE.finditer(text), None]:
        end = m.start() if m else len(text)
        first = text.count("\n", 0, at)
        lines = [html.unescape(_TAG.sub("", t)).rstrip("\\") for t in _LINE_BREAK.split(text[at:end])]
        out += markdown_blocks(lines, first, tables)
        tables = sum(1 for b in out if isinstance(b, Grid))
        if m is None:
            break
        for block in html_document(m.group(0), "").blocks:
            if isinstance(block, Grid):
                tables += 1
                out.append(Grid(block.rows, f"第{tables}个表格"))
            else:
                out.append(Line(block.text, f"第{text.count(chr(10), 0, m.start()) + 1}行", True))
        at = m.end()
    return out
