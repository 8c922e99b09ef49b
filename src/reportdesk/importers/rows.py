"""Table rows as label text and value cells, from a grid or from flattened text.

A :class:`RawRow` is what every table reader consumes: the label texts before the values (in a
grid the label cells; in text the fragments since the previous numbers — a header, a merged
group label, a label broken over lines) and the value cells as printed.

Flattened text (a .txt or a PDF's text layer) has no cells: a row is the text up to a run of
numbers, whether the numbers stand one per line (a table flattened cell by cell) or on the
label's line ("一、本年新收政府信息公开申请数量3001 53 0 0 61 4 3119"). A number is a run of
digits followed by a space or the end of the line, so "1.属于国家秘密" and "1、其他" stay labels.
Such values are marked ``runs``: where fewer numbers than cells were printed, some of them are
digit runs that :mod:`reportdesk.importers.splitting` may cut apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportdesk.importers.document import Grid, Line, grid_row_where
from reportdesk.importers.normalize import ascii_digits, clean_cell, strip_page_marker


@dataclass(frozen=True)
class RawRow:
    """Label texts, then value cells as printed ('' for a blank cell)."""

    parts: tuple[str, ...]
    values: tuple[str, ...]
    where: str
    runs: bool = False


# A value cell holds digits (and separators) or nothing; anything with a letter is a label.
_VALUE_CELL = re.compile(r"^[\d０-９,，.．\s\u3000\u00a0\-－—–/\uff0f]*$")
_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?=\s|$)")


def grid_rows(grids: Iterable[Grid]) -> list[RawRow]:
    """Every row of the grids: leading label cells, then the trailing run of value-like cells."""
    rows = []
    for grid in grids:
        for i, row in enumerate(grid.rows):
            texts = [("" if c.continued and _VALUE_CELL.match(c.text) else c.text) for c in row]
            n = len(texts)
            while n > 0 and _VALUE_CELL.match(texts[n - 1]):
                n -= 1
            parts = tuple(clean_cell(t) for t in texts[:n] if clean_cell(t))
            values = tuple(clean_cell(t) for t in texts[n:])
            rows.append(RawRow(parts, values, grid_row_where(grid, i)))
    return rows


def text_rows(lines: Sequence[Line]) -> list[RawRow]:
    """Rows from flattened text: the label fragments since the last numbers, then the numbers."""
    rows: list[RawRow] = []
    parts: list[str] = []
    values: list[str] = []
    where = ""

    def flush() -> None:
        nonlocal parts, values
        if values:
            rows.append(RawRow(tuple(parts), tuple(values), where, runs=True))
            parts, values = [], []

    for line in lines:
        text = ascii_digits(strip_page_marker(line.text))
        pos = 0
        for m in _NUMBER.finditer(text):
            before = text[pos : m.start()]
            if before.strip():
                flush()
                parts.extend(before.split())
            if not values:
                where = line.where
            values.append(m.group(0))
            pos = m.end()
        if text[pos:].strip():
            flush()
            parts.extend(text[pos:].split())
    flush()
    if parts:
        rows.append(RawRow(tuple(parts), (), lines[-1].where if lines else ""))
    return rows
