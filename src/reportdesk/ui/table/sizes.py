"""How wide each column and how tall each row of a printed table is, from the width available and
the font: numbers get at least four digits, headers wrap in balanced lines, labels take what they need."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from reportdesk.ui.table.delegate import HEADER_PADDING, balanced
from reportdesk.ui.table.grid import Grid

LABEL_SHARE = 0.4  # of a narrow view's width, at most, for the row labels


@dataclass(frozen=True)
class Spans:
    """The view's spans: how many rows and columns the cell at (row, column) covers."""

    rows: Callable[[int, int], int]
    columns: Callable[[int, int], int]


def column_widths(g: Grid, fm: QFontMetrics, viewport_width: int, spans: Spans) -> list[int]:
    """Numbers get at least four digits and headers on two lines; what is left widens the
    columns in turn: the longest labels, headers on one line, then the numbers."""
    em = fm.horizontalAdvance("汉")
    available = max(viewport_width, 300)
    n = g.column_count - g.label_columns
    # Four digits, and a four-character header broken 2 + 2 (never 3 + 1).
    narrow = min(max(fm.horizontalAdvance("8888") + 14, 2 * em + 12), 3 * em + 4)
    widest_header = max(
        (
            fm.horizontalAdvance(g.at(r, c).text) + 16
            for r in range(g.row_count)
            for c in range(g.label_columns, g.column_count)
            if g.at(r, c).kind == "header" and spans.columns(r, c) == 1
        ),
        default=narrow,
    )
    natural = [label_width(g, c, fm, spans) for c in range(g.label_columns)]
    labels = list(natural)
    if labels:
        labels[-1] = min(labels[-1], int(em * 9))
    value_w = narrow
    # A narrow view (200 %, or a window beside others): the labels wrap onto more lines rather
    # than push every figure out of sight.
    budget = max(int(available * LABEL_SHARE), 8 * em)
    if labels and sum(labels) > budget and sum(labels) + n * value_w > available:
        scale = budget / sum(labels)
        labels = [max(int(w * scale), 3 * em) for w in labels]
    spare = available - sum(labels) - n * value_w
    if spare > 0 and labels:
        grow = min(spare, natural[-1] - labels[-1])
        labels[-1] += grow
        spare -= grow
    if spare > 0 and n:
        grow = min(spare // n, max(0, widest_header - value_w))
        value_w += grow
        spare -= grow * n
    if spare > 0 and n:
        value_w += min(spare // n, max(0, int(em * 10) - value_w))
    return [*labels, *([value_w] * n)]


def label_width(g: Grid, column: int, fm: QFontMetrics, spans: Spans) -> int:
    """Wide enough for the labels that sit in this column alone (tall merged labels may wrap)."""
    em = fm.horizontalAdvance("汉")
    widest = int(em * 3)
    for r in range(g.row_count):
        cell = g.at(r, column)
        if cell.kind not in ("label", "header") or spans.columns(r, column) > 1:
            continue
        w = fm.horizontalAdvance(cell.text) + 14
        if spans.rows(r, column) > 1 and len(cell.text) > 8:
            w = math.ceil(w / 2)
        widest = max(widest, w)
    return min(widest, int(em * 20))


def row_heights(
    g: Grid, widths: list[int], fm: QFontMetrics, spans: Spans, value_extra: int = 0
) -> list[int]:
    """Each row tall enough for its wrapped labels and headers (merged ones share the extra);
    rows of figures ``value_extra`` taller (last year's figure shown above this year's)."""
    em = fm.horizontalAdvance("汉")
    base = fm.height() + 12
    heights = [base] * g.row_count
    for r in g.value_rows():
        heights[r] += value_extra
    tall: list[tuple[int, int, int]] = []
    for r in range(g.row_count):
        for c in range(g.column_count):
            cell = g.at(r, c)
            if cell.kind in ("covered", "value", "corner"):
                continue  # the corner note may be cut short in a narrow view (its tooltip has it)
            rows, cols = spans.rows(r, c), spans.columns(r, c)
            width = sum(widths[c : c + cols]) - HEADER_PADDING
            text = balanced(cell.text, width, em, "\n") if cell.kind == "header" else cell.text
            h = fm.boundingRect(QRect(0, 0, max(width, 10), 100000), Qt.TextFlag.TextWordWrap, text).height()
            h += 12
            if rows == 1:
                heights[r] = max(heights[r], h)
            else:
                tall.append((r, rows, h))
    for r, rows, h in tall:
        have = sum(heights[r : r + rows])
        if have < h:
            extra = math.ceil((h - have) / rows)
            for i in range(r, r + rows):
                heights[i] += extra
    return heights
