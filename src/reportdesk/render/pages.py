"""How many pages a rendered document fills, for its properties (``docProps/app.xml``).

Word recounts pages when it saves; until then Explorer, WPS and document managers show the
count written in the file. It is laid out here the way the 公文 layout sets the text: lines of
a fixed height, a Chinese character one em wide and a Latin one half an em, paragraphs and
table rows that never split, headings kept with what follows, tables 2–4 kept on one page.
Line breaking is simplified (no hanging punctuation), so a document that ends on the last
line or two of a page may come out one page off.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

from reportdesk.render import layout

PT_PER_MM = 72 / 25.4
PAGE_HEIGHT_PT = (layout.PAGE_MM[1] - layout.MARGINS_MM["top"] - layout.MARGINS_MM["bottom"]) * PT_PER_MM
TEXT_WIDTH_PT = layout.TEXT_WIDTH_MM * PT_PER_MM
_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014\u2018\u2019\u201c\u201d\u2026]"
)
_THIN = re.compile(r"[.,:;!|ilI ]")
_SPECS = {spec.style_id: spec for spec in layout.STYLES}


@dataclass
class _Block:
    height: float  # points
    keep_next: bool  # stays on the page of the next block
    lines: list[float]  # line heights, for a paragraph that may break between lines


def ems(text: str) -> float:
    """The width of ``text`` in ems: a Chinese character or full-width sign 1, a point or comma
    ¼, anything else (digits, letters in Times New Roman) ½."""
    wide = len(_WIDE.findall(text))
    thin = len(_THIN.findall(text))
    return wide + thin / 4 + (len(text) - wide - thin) / 2


def _text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _spec(p: Any) -> layout.StyleSpec:
    ppr = p.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return _SPECS.get(style.get(qn("w:val")) if style is not None else "", layout.BODY)


def _line_count(text: str, spec: layout.StyleSpec, width_pt: float) -> int:
    advance = spec.size - spec.condense
    return max(1, math.ceil((ems(text) + spec.indent_chars) * advance / width_pt - 1e-6))


def _line_height(spec: layout.StyleSpec) -> float:
    return spec.line if spec.line is not None else spec.size * 1.3


def _paragraph(p: Any) -> _Block:
    spec = _spec(p)
    ppr = p.find(qn("w:pPr"))
    keep = spec.keep_next or (ppr is not None and ppr.find(qn("w:keepNext")) is not None)
    lines = [_line_height(spec)] * _line_count(_text(p), spec, TEXT_WIDTH_PT)
    return _Block(sum(lines), keep, lines)


def _twips(el: Any, attr: str = "w:w") -> float:
    value = el.get(qn(attr)) if el is not None else None
    return int(value) / 20 if value and value.lstrip("-").isdigit() else 0.0


def _cell_height(tc: Any, width_pt: float) -> float:
    height = 0.0
    for p in tc.findall(qn("w:p")):
        spec = _spec(p)
        height += _line_count(_text(p), spec, width_pt) * _line_height(spec)
    return height


def _row_height(tr: Any, columns: list[float], margin_pt: float) -> float:
    trpr = tr.find(qn("w:trPr"))
    least = _twips(trpr.find(qn("w:trHeight")) if trpr is not None else None, "w:val")
    height, col = least, 0
    for tc in tr.findall(qn("w:tc")):
        tcpr = tc.find(qn("w:tcPr"))
        span_el = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
        span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
        vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
        width = sum(columns[col : col + span]) - 2 * margin_pt
        col += span
        if vmerge is not None:
            continue  # a label merged down shares the height of its rows
        height = max(height, _cell_height(tc, max(width, 1.0)) + 1.0)
    return height


def _table(tbl: Any) -> _Block:
    columns = [_twips(c) for c in tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
    mar = tbl.find(qn("w:tblPr")).find(qn("w:tblCellMar"))
    margin = _twips(mar.find(qn("w:left")) if mar is not None else None) or 5.4
    rows = [_row_height(tr, columns, margin) for tr in tbl.findall(qn("w:tr"))]
    first = tbl.find(qn("w:tr"))
    # A table whose first row keeps with the next is kept whole (as Word and LibreOffice do).
    whole = first is not None and all(
        p.find(qn("w:pPr")) is not None and p.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
        for p in first.iter(qn("w:p"))
    )
    return _Block(sum(rows), False, [sum(rows)] if whole else rows)


def _blocks(body: Any) -> Iterator[_Block]:
    for child in body:
        if child.tag == qn("w:p"):
            yield _paragraph(child)
        elif child.tag == qn("w:tbl"):
            yield _table(child)


def estimate_pages(doc: Any) -> int:
    """The number of pages ``doc`` (a python-docx Document in the 公文 layout) fills."""
    blocks = list(_blocks(doc.element.body))
    pages, used, i = 1, 0.0, 0
    while i < len(blocks):
        # A run of keep-with-next blocks travels with the first piece of the block after it.
        j = i
        while j < len(blocks) - 1 and blocks[j].keep_next:
            j += 1
        need = sum(b.height for b in blocks[i:j]) + blocks[j].lines[0]
        if used > 0 and used + need > PAGE_HEIGHT_PT + 0.5:
            pages, used = pages + 1, 0.0
        for block in blocks[i : j + 1]:
            for piece in block.lines:
                if used > 0 and used + piece > PAGE_HEIGHT_PT + 0.5:
                    pages, used = pages + 1, 0.0
                used += piece
        i = j + 1
    return pages
