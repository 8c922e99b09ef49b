"""A worksheet as plain data: its non-empty cells, merged ranges and an index of its labels.

The table finders work on this, not on openpyxl objects, so they see the same thing whether a
workbook was made by reportdesk or by hand.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reportdesk.workbook.cellvalues import unescape_text
from reportdesk.workbook.formulas import Position, cell_position, ref
from reportdesk.workbook.labels import core, normalise, similar


@dataclass(frozen=True)
class Raw:
    """What a cell holds: a constant, or a formula's text (``formula`` set)."""

    value: object
    formula: bool = False


@dataclass
class Grid:
    """One worksheet: ``cells`` by (row, col), merged ranges by their top-left cell."""

    title: str
    cells: dict[Position, Raw]
    merged: dict[Position, tuple[int, int]] = field(default_factory=dict)
    hidden: bool = False
    _index: LabelIndex | None = None

    @classmethod
    def of(cls, ws: Any, archive: zipfile.ZipFile | None = None) -> Grid:
        """Read an openpyxl read-only worksheet (formulas as text); merged ranges from ``archive``.

        Read-only mode is several times faster, but it trusts the sheet's stated dimension (some
        generators write a wrong one) and skips merged ranges: the first is reset, the second
        read here from the sheet's XML.
        """
        ws.reset_dimensions()
        cells: dict[Position, Raw] = {}
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if v is None or v == "":
                    continue
                cells[(c.row, c.column)] = Raw(v, c.data_type == "f")
        part = getattr(ws, "_worksheet_path", None)  # openpyxl keeps no public name for it
        merged = read_merged(archive, part) if archive is not None and part else {}
        return cls(ws.title, cells, merged, ws.sheet_state != "visible")

    def where(self, pos: Position) -> str:
        """A cell named for a person: 表三!D7."""
        return f"{self.title}!{ref(pos)}"

    def right_edge(self, pos: Position) -> int:
        """The last column a (possibly merged) cell covers."""
        return self.merged.get(pos, pos)[1]

    def bottom_edge(self, pos: Position) -> int:
        """The last row a (possibly merged) cell covers."""
        return self.merged.get(pos, pos)[0]

    def text(self, pos: Position) -> str | None:
        """The text of a constant text cell, escapes decoded; None for numbers, formulas, blanks."""
        raw = self.cells.get(pos)
        if raw is None or raw.formula or not isinstance(raw.value, str):
            return None
        return unescape_text(raw.value)

    def texts(self) -> Iterator[tuple[Position, str]]:
        """Every constant text cell."""
        for pos in self.cells:
            text = self.text(pos)
            if text is not None:
                yield pos, text

    @property
    def index(self) -> LabelIndex:
        if self._index is None:
            self._index = LabelIndex(self)
        return self._index


_MERGE_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"


def read_merged(archive: zipfile.ZipFile, part: str) -> dict[Position, tuple[int, int]]:
    """The merged ranges of one sheet part, by top-left cell (XML parsed with defusedxml)."""
    from defusedxml.ElementTree import iterparse

    merged: dict[Position, tuple[int, int]] = {}
    with archive.open(part.lstrip("/")) as f:
        for _, el in iterparse(f):
            if el.tag == _MERGE_TAG:
                first, _, last = (el.get("ref") or "").partition(":")
                top, bottom = cell_position(first), cell_position(last or first)
                if top and bottom:
                    merged[top] = bottom
            el.clear()
    return merged


@dataclass(frozen=True)
class Match:
    """Where a label was found; ``text`` is what the cell says when it is not the label itself."""

    pos: Position
    text: str | None = None


class LabelIndex:
    """Find a form label among a sheet's text cells: exactly, without remarks, or nearly."""

    def __init__(self, grid: Grid) -> None:
        self._exact: dict[str, list[Position]] = defaultdict(list)
        self._core: dict[str, list[Position]] = defaultdict(list)
        self._texts: list[tuple[Position, str, str]] = []
        for pos, text in sorted(grid.texts()):
            n = normalise(text)
            if not n:
                continue
            self._exact[n].append(pos)
            self._core[core(text)].append(pos)
            self._texts.append((pos, n, text))

    def find(self, label: str) -> list[Match]:
        """Cells holding ``label``, top to bottom; near misses only when nothing matches better."""
        n = normalise(label)
        if n in self._exact:
            return [Match(p) for p in self._exact[n]]
        c = core(label)
        if c in self._core:
            return [Match(p) for p in self._core[c]]
        return [
            Match(p, text)
            for p, norm, text in self._texts
            if abs(len(norm) - len(n)) <= 3 and len(n) >= 4 and similar(norm, n)
        ]

    def count(self, labels: list[str]) -> int:
        """How many of ``labels`` occur exactly or without remarks (to pick the sheet of a table)."""
        return sum(1 for label in labels if normalise(label) in self._exact or core(label) in self._core)
