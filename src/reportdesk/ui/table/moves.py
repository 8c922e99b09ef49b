"""Where the cursor goes in a printed table, as in Excel and WPS — pure Python (no Qt).

The cursor only ever stands on a figure: arrows move between figures (stopping at the end of a
row), Tab and Enter to the next figure that can be typed into (Tab wraps to the next row), Home
and End to the first and last such figure of the row (Ctrl: of the table), never into the label
column. Enter after a run of Tabs goes back to the column where the run began, one row down.
"""

from __future__ import annotations

from collections.abc import Callable

from reportdesk.ui.table.grid import Grid

Cell = tuple[int, int]
Editable = Callable[[int, int], bool]


def column_span(grid: Grid, row: int, column: int) -> int:
    span = grid.span_at(row, column)
    return span.columns if span is not None else 1


def figures(grid: Grid) -> list[Cell]:
    """Every figure of the table, row by row, left to right."""
    return [(r, c) for r in grid.value_rows() for c, _ in grid.row_values(r)]


def neighbour(
    grid: Grid, here: Cell, drow: int, dcol: int, editable_only: bool, editable: Editable
) -> Cell | None:
    """The next figure from ``here`` in a direction; sideways, Tab (``editable_only``) wraps to the
    next row while arrows stop at the end of the row."""
    row, col = here
    rows = grid.value_rows()
    if not rows:
        return None

    def ok(r: int, c: int) -> bool:
        return not editable_only or editable(r, c)

    if dcol:
        order = figures(grid)
        if here not in order:
            return None
        i = order.index(here) + dcol
        while 0 <= i < len(order):
            r, c = order[i]
            if r != row and not editable_only:
                return None
            if ok(r, c):
                return (r, c)
            i += dcol
        return None
    candidates = [r for r in rows if (r > row if drow > 0 else r < row)]
    if drow < 0:
        candidates.reverse()
    for r in candidates:
        cell = at_column(grid, r, col)
        if cell is not None and ok(*cell):
            return cell
    return None


def at_column(grid: Grid, row: int, column: int) -> Cell | None:
    """The figure of ``row`` that covers ``column``, else the nearest one."""
    cells = grid.row_values(row)
    if not cells:
        return None
    covering = [c for c, _ in cells if c <= column < c + column_span(grid, row, c)]
    c = covering[0] if covering else min((c for c, _ in cells), key=lambda x: abs(x - column))
    return (row, c)


def row_end(grid: Grid, row: int, last: bool, editable: Editable) -> Cell | None:
    """Home/End: the first (last) figure of the row that can be typed into, else of the row."""
    cells = [(row, c) for c, _ in grid.row_values(row)]
    typed = [cell for cell in cells if editable(*cell)] or cells
    if not typed:
        return None
    return typed[-1] if last else typed[0]


def table_end(grid: Grid, last: bool, editable: Editable) -> Cell | None:
    """Ctrl+Home/Ctrl+End: the first (last) figure of the table that can be typed into."""
    typed = [cell for cell in figures(grid) if editable(*cell)]
    if not typed:
        return None
    return typed[-1] if last else typed[0]


def enter_down(grid: Grid, here: Cell, anchor: int | None, editable: Editable) -> Cell | None:
    """Enter: one row down, in the column where a run of Tabs began (``anchor``), else straight
    down; the next figure that can be typed into."""
    if anchor is None:
        return neighbour(grid, here, 1, 0, True, editable)
    for r in (r for r in grid.value_rows() if r > here[0]):
        cell = at_column(grid, r, anchor)
        if cell is not None and editable(*cell):
            return cell
        typed = [(r, c) for c, _ in grid.row_values(r) if c >= anchor and editable(r, c)]
        if typed:
            return typed[0]
    return None
