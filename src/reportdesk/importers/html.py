"""Saved web pages (.html/.htm), parsed with the standard library's html.parser.

Nothing is fetched and no script runs: the page is only read. A small tree is built (tolerant of
the unclosed <p>, <td> and <tr> that real pages have), then walked: block elements and <br> make
lines, a <table> of data becomes a grid (rowspan/colspan as merged cells), and a table used for
page layout — one that holds another table — is read as ordinary content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from reportdesk.importers.document import Block, Document, Grid, GridCell, Line
from reportdesk.importers.limits import check_tags
from reportdesk.importers.txt import decode_text, read_bytes

_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr", "param"}
_SKIP = {
    "script",
    "style",
    "head",
    "title",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "select",
    "button",
}
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "blockquote",
    "pre", "center", "header", "footer", "main", "nav", "aside", "dl", "dt", "dd", "form", "caption", "body", "html",
}  # fmt: skip
# An open element that a new start tag implicitly closes (the HTML rules that matter for reports).
_CLOSES = {"p": {"p"}, "li": {"li"}, "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr", "td", "th"}}
# Page furniture around the article: navigation, footers, share buttons.
_CHROME_TAGS = {"nav", "footer", "header", "aside"}
_CHROME = re.compile(r"footer|bottom|copyright|\bnav|menu|breadcrumb|share|sidebar|crumb", re.IGNORECASE)
_CHROME_MAX = 300  # characters: a footer or a menu, never a report
MAX_DEPTH = 200  # nested elements kept as such; real pages nest a few dozen
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")


@dataclass
class Node:
    """An element of the page: tag, attributes, children (elements and text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element, first closing what HTML closes implicitly (<p>, <td>, <tr>, <li>)."""
        closes = _CLOSES.get(tag, set())
        while len(self.stack) > 1 and self.stack[-1].tag in closes:
            self.stack.pop()
        if tag == "tr":  # a <tr> also closes the previous row's open cells
            while len(self.stack) > 1 and self.stack[-1].tag in ("td", "th"):
                self.stack.pop()
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        # Deeper than any page: what is inside stays as the deepest element's content (read, never
        # nested further, so walking the tree cannot overflow Python's stack).
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closed element (<br/>)."""
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        """Close the nearest open element of that name; a stray end tag is ignored."""
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
            if self.stack[i].tag == "table" and tag != "table":
                return  # a stray end tag inside a table does not close the table

    def handle_data(self, data: str) -> None:
        """Text (character references already resolved, &nbsp; as U+00A0)."""
        self.stack[-1].children.append(data)


def _text_length(node: Node) -> int:
    return sum(len(c.strip()) if isinstance(c, str) else _text_length(c) for c in node.children)


def _chrome(node: Node) -> bool:
    """Whether an element is page furniture (by tag, class or id, and being short), not the article."""
    named = node.tag in _CHROME_TAGS or _CHROME.search(
        f"{node.attrs.get('class', '')} {node.attrs.get('id', '')}"
    )
    return bool(named) and not _has_table(node) and _text_length(node) <= _CHROME_MAX


def _has_table(node: Node) -> bool:
    return any(isinstance(c, Node) and (c.tag == "table" or _has_table(c)) for c in node.children)


def _looks_like_data(table: Node) -> bool:
    """Three rows or more of two cells or more: a table of figures, not a page's layout."""
    cells = (sum(isinstance(c, Node) and c.tag in ("td", "th") for c in tr.children) for tr in _rows(table))
    return sum(n >= 2 for n in cells) >= 3


def _rows(table: Node) -> list[Node]:
    out: list[Node] = []
    for child in table.children:
        if isinstance(child, Node):
            if child.tag == "tr":
                out.append(child)
            elif child.tag in ("thead", "tbody", "tfoot"):
                out.extend(_rows(child))
    return out


def _span(node: Node, name: str) -> int:
    try:
        return max(1, min(int(node.attrs.get(name, "1").strip() or 1), 1000))
    except ValueError:
        return 1


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.line: list[str] = []
        self.paragraphs = 0
        self.tables = 0

    def flush(self) -> None:
        """End the current line (a paragraph) if it has text."""
        text = _WHITESPACE.sub(" ", "".join(self.line)).strip(" ")
        self.line = []
        if text.strip():
            self.paragraphs += 1
            self.blocks.append(Line(text, f"第{self.paragraphs}段", True))

    def inline_text(self, node: Node) -> str:
        """A cell's text: <br> and block elements become line breaks (a table inside is not its text)."""
        out: list[str] = []
        for child in node.children:
            if isinstance(child, str):
                out.append(_WHITESPACE.sub(" ", child))
            elif child.tag in _SKIP or child.tag == "table":
                continue
            elif child.tag == "br":
                out.append("\n")
            elif child.tag in _BLOCK:
                out.append("\n" + self.inline_text(child) + "\n")
            else:
                out.append(self.inline_text(child))
        return "\n".join(p.strip(" ") for p in "".join(out).split("\n") if p.strip(" "))

    def grid(self, table: Node) -> Grid:
        """A data table as a grid; a cell under a rowspan repeats its text, marked continued."""
        self.tables += 1
        taken: dict[tuple[int, int], str] = {}
        rows = []
        for r, tr in enumerate(_rows(table)):
            cells, col = [], 0
            for td in (c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")):
                while (r, col) in taken:
                    cells.append(GridCell(col, 1, taken[(r, col)], True))
                    col += 1
                text, span, down = self.inline_text(td), _span(td, "colspan"), _span(td, "rowspan")
                cells.append(GridCell(col, span, text))
                for below in range(r + 1, r + down):
                    for c in range(col, col + span):
                        taken[(below, c)] = text
                col += span
            while (r, col) in taken:
                cells.append(GridCell(col, 1, taken[(r, col)], True))
                col += 1
            rows.append(tuple(cells))
        return Grid(tuple(rows), f"第{self.tables}个表格")

    def walk(self, node: Node) -> None:
        """Lines and grids of ``node``'s content, in order."""
        for child in node.children:
            if isinstance(child, str):
                self.line.append(child)
            elif child.tag in _SKIP or _chrome(child):
                continue
            elif child.tag == "br":
                self.flush()
            elif child.tag == "table" and not _has_table(child):
                self.flush()
                self.blocks.append(self.grid(child))
            elif child.tag in _BLOCK or child.tag in ("table", "tr", "td", "th", "tbody", "thead", "tfoot"):
                self.flush()
                if child.tag == "table" and _looks_like_data(child):
                    # Figures in rows around a table inside a cell: read as a table as well, so a
                    # copy inside that says otherwise is named, never taken instead of them.
                    self.blocks.append(self.grid(child))
                self.walk(child)
                self.flush()
            else:
                self.walk(child)


def _decode(data: bytes, source: str) -> str:
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "gb18030"):
            name = "gb18030"
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, source)


def html_document(text: str, source: str) -> Document:
    """The lines and tables of an HTML page."""
    check_tags(text, source)
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    walker = _Walker()
    walker.walk(builder.root)
    walker.flush()
    return Document(source, "html", tuple(walker.blocks), squeeze=True)


def read_html(path: Path) -> Document:
    """A saved web page as a :class:`Document`."""
    source = str(path)
    return html_document(_decode(read_bytes(path), source), source)
