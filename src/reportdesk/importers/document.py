"""What a reader makes of a file: lines of text and table grids, in document order.

Every reader (docx, html, pdf, txt) produces a :class:`Document`; everything after that —
finding the headings, the narrative, the tables — is the same for all of them. ``where`` says
in Chinese where a block came from (page and line, paragraph, table and row), for the import
report.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One line of text. ``start``: True when it begins a paragraph (a docx/html paragraph, an
    indented PDF line), False when it continues one, None when the file does not say."""

    text: str
    where: str
    start: bool | None = None


@dataclass(frozen=True)
class GridCell:
    """One cell of a table row. ``continued`` marks the lower part of a vertically merged cell,
    whose text is repeated from the cell above (so a merged row label names every row)."""

    col: int
    span: int
    text: str
    continued: bool = False


@dataclass(frozen=True)
class Grid:
    """A table as rows of cells; a horizontally merged cell appears once, with its span."""

    rows: tuple[tuple[GridCell, ...], ...]
    where: str


Block = Line | Grid


@dataclass(frozen=True)
class Document:
    """A file's content. ``kind`` names the reader ("docx", "html", "pdf", "txt").

    ``squeeze``: spaces next to Chinese text are artefacts (PDF extraction, HTML source wrapping)
    and are removed from the narrative. ``notes`` are things the reader did that the import
    report should mention.
    """

    source: str
    kind: str
    blocks: tuple[Block, ...]
    squeeze: bool
    notes: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[Line, ...]:
        """Every line of text, in order."""
        return tuple(b for b in self.blocks if isinstance(b, Line))

    @property
    def grids(self) -> tuple[Grid, ...]:
        """Every table, in order."""
        return tuple(b for b in self.blocks if isinstance(b, Grid))

    def texts(self) -> Iterator[str]:
        """The text of every line and every table cell, in order."""
        for block in self.blocks:
            if isinstance(block, Line):
                yield block.text
            else:
                yield from (cell.text for row in block.rows for cell in row)


def grid_row_where(grid: Grid, index: int) -> str:
    """Where a grid row is, for the import report ("第2个表格第5行")."""
    return f"{grid.where}第{index + 1}行"
