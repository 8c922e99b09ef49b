"""The 文字 sheet: one row per narrative part — key, section, heading and the text itself.

Paragraphs stay in one cell, separated by line breaks. A text longer than a cell can hold
continues on the next rows under the same key; reading joins them again.
"""

from __future__ import annotations

from typing import Any

from reportdesk.form import Form
from reportdesk.report import Report
from reportdesk.workbook.cellvalues import append_texts, escaped_pieces, put_escaped
from reportdesk.workbook.grid import Grid
from reportdesk.workbook.labels import normalise
from reportdesk.workbook.marker import CHUNK

TEXT_SHEET = "文字"
HEADERS = ("键", "章节", "部分", "内容")
CONTINUED = "（续）"


def _heading(form: Form, key: str) -> tuple[str, str]:
    if key in form.parts:
        part = form.parts[key]
        section = form.section_of(key)
        return section.heading, part.heading
    return "", form.text_extras.get(key, {}).get("heading", "")


def write_texts(ws: Any, form: Form, report: Report) -> int:
    """Fill the 文字 sheet; returns the number of rows written below the header. Every piece of
    text is written as text: a continuation starting with "=" is no formula."""
    append_texts(ws, list(HEADERS))
    keys = [k for k in ("intro", *form.text_keys) if k in report.texts]
    keys += [k for k in report.texts if k not in keys]
    rows = 0
    for key in keys:
        section, heading = _heading(form, key)
        text = report.texts[key]
        for i, piece in enumerate(escaped_pieces(text, CHUNK)):
            append_texts(ws, [key, section, heading if i == 0 else heading + CONTINUED])
            put_escaped(ws.cell(ws.max_row, 4), piece, piece)
            rows += 1
    return rows


def read_texts(grids: list[Grid], form: Form) -> tuple[dict[str, str], str | None, list[str]]:
    """Texts by key, where they were read (a sheet name or None) and problems by cell."""
    wanted = [normalise(h) for h in HEADERS]
    by_heading = {normalise(p.heading): k for k, p in form.parts.items()}
    by_heading.update({normalise(v.get("heading", "")): k for k, v in form.text_extras.items()})
    for grid in grids:
        if grid.hidden:
            continue
        header = _header_row(grid, wanted)
        if header is None:
            continue
        row0, cols = header
        texts: dict[str, str] = {}
        problems: list[str] = []
        last_row = max((p[0] for p in grid.cells), default=row0)
        for r in range(row0 + 1, last_row + 1):
            key = grid.text((r, cols[0])) if cols[0] else None
            if not key:
                heading = grid.text((r, cols[2])) or ""
                key = by_heading.get(normalise(heading.removesuffix(CONTINUED)))
            raw = grid.cells.get((r, cols[3]))
            if raw is None:
                if key:
                    texts.setdefault(key.strip(), "")
                continue
            text = grid.text((r, cols[3]))
            if text is None:
                text = str(raw.value)
            if not key:
                problems.append(
                    f"{grid.where((r, cols[3]))}：不知道这段文字属于报告的哪一部分（“键”和“部分”都是空的）"
                )
                continue
            key = key.strip()
            texts[key] = texts.get(key, "") + text
        return texts, grid.title, problems
    return {}, None, []


def _header_row(grid: Grid, wanted: list[str]) -> tuple[int, list[int]] | None:
    """The row with the 键/内容 headers (章节/部分 optional) and the columns of all four."""
    found: dict[int, dict[str, int]] = {}
    for (r, c), text in grid.texts():
        n = normalise(text)
        if n in wanted:
            found.setdefault(r, {}).setdefault(n, c)
    for r in sorted(found):
        cols = found[r]
        if wanted[3] in cols and (wanted[0] in cols or wanted[2] in cols):
            return r, [cols.get(w, 0) for w in wanted]
    return None
