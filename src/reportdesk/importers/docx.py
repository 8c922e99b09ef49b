"""Word documents (.docx, also as saved by WPS): paragraphs and tables from the main part.

The main document part is read straight from the zip (see :mod:`reportdesk.importers.safezip`),
so no style, image or other part of an untrusted file is touched. Paragraph text is the text of
its runs; a table becomes a grid where a horizontally merged cell appears once and the lower
parts of a vertically merged cell repeat its text, so every row carries its full label whatever
the styling.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reportdesk.importers.document import Block, Document, Grid, GridCell, Line
from reportdesk.importers.safezip import open_zip, parse_xml, read_member

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN = "word/document.xml"


def _main_part(archive: Any, source: str) -> str:
    """The main document part named by the package relationships (word/document.xml as a rule)."""
    if "_rels/.rels" not in archive.namelist():
        return _MAIN
    rels = parse_xml(read_member(archive, "_rels/.rels", source), source, "_rels/.rels")
    for rel in rels.iter(f"{_REL}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            return posixpath.normpath(str(rel.get("Target", _MAIN)).lstrip("/"))
    return _MAIN


def _text(element: Any) -> str:
    """The visible text of a paragraph or run container (no deleted text, no fallback duplicates)."""
    out = []
    for el in element.iter():
        if any(a.tag == f"{_MC}Fallback" for a in el.iterancestors()):
            continue
        tag = el.tag
        if tag == f"{W}t" and el.text:
            out.append(el.text)
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
    return "".join(out)


def _cell_text(tc: Any) -> str:
    return "\n".join(_text(p) for p in tc.iter(f"{W}p"))


def _grid(tbl: Any, where: str) -> Grid:
    rows: list[tuple[GridCell, ...]] = []
    above: dict[int, str] = {}
    for tr in tbl.findall(f"{W}tr"):
        col = 0
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            col = int(before.get(f"{W}val", "0") or 0)
        cells = []
        for tc in tr.findall(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = max(1, int(span_el.get(f"{W}val", "1") or 1)) if span_el is not None else 1
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            continued = merge is not None and merge.get(f"{W}val", "continue") == "continue"
            text = above.get(col, "") if continued else _cell_text(tc)
            above[col] = text
            cells.append(GridCell(col, span, text, continued))
            col += span
        rows.append(tuple(cells))
    return Grid(tuple(rows), where)


def _blocks(body: Any, counter: list[int]) -> Iterator[Block]:
    for child in body:
        tag = child.tag
        if tag == f"{W}p":
            counter[0] += 1
            for piece in _text(child).split("\n"):
                yield Line(piece, f"第{counter[0]}段", True)
        elif tag == f"{W}tbl":
            counter[1] += 1
            yield _grid(child, f"第{counter[1]}个表格")
        elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent"):
            content = child.find(f"{W}sdtContent")
            yield from _blocks(content if content is not None else child, counter)


def read_docx(path: Path) -> Document:
    """A .docx file's paragraphs and tables, in order."""
    source = str(path)
    with open_zip(path) as archive:
        name = _main_part(archive, source)
        root = parse_xml(read_member(archive, name, source), source, name)
    body = root.find(f"{W}body")
    if body is None:
        from reportdesk.report import ReportFileError

        raise ReportFileError(source, "Word 文档中没有正文")
    return Document(source, "docx", tuple(_blocks(body, [0, 0])), squeeze=False)
