"""Pasting a block copied from Excel or WPS into a table, all or nothing.

Pure Python (no Qt). The block is tab-separated rows; it fills the numbers of the grid from the
current cell rightwards and downwards, row by row of numbers (label and header rows are passed
over). Every value goes through :func:`reportdesk.values.parse_input`; if one is refused, or the
block runs off the table, nothing is pasted and the plan says why, naming the cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportdesk.form import Form
from reportdesk.ui.table.grid import Grid
from reportdesk.values import CellValue, display, parse_input

MAX_LISTED = 5


@dataclass(frozen=True)
class PastePlan:
    """What a paste would do: ``values`` for input cells, or ``error`` (Chinese) and nothing else.

    ``totals`` holds the figures the block gave for computed cells (总计): they are not pasted,
    because the program computes them, but they are compared after the paste.
    """

    values: dict[str, CellValue] = field(default_factory=dict)
    totals: dict[str, CellValue] = field(default_factory=dict)
    error: str | None = None
    rows: int = 0
    columns: int = 0


def split_block(text: str) -> list[list[str]]:
    """Rows of tab-separated cells; the line break Excel adds after the last row is dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.split("\t") for line in text.split("\n")]


def plan_paste(form: Form, grid: Grid, row: int, column: int, text: str) -> PastePlan:
    """Plan pasting ``text`` with its top-left value at grid cell (``row``, ``column``)."""
    block = split_block(text)
    if not block or block == [[""]]:
        return PastePlan(error="剪贴板里没有可粘贴的内容")
    value_rows = [r for r in grid.value_rows() if r >= row]
    if not value_rows or value_rows[0] != row or column not in dict(grid.row_values(row)):
        return PastePlan(error="请先选中要开始粘贴的数字单元格（粘贴内容从这个单元格向右、向下填入）")
    height, width = len(block), max(len(r) for r in block)
    if height > len(value_rows):
        return PastePlan(
            error=f"粘贴内容有 {height} 行，从当前单元格往下只有 {len(value_rows)} 行可填，没有粘贴任何内容。"
            "请检查是否多复制了行，或从更靠上的单元格开始粘贴。"
        )
    values: dict[str, CellValue] = {}
    totals: dict[str, CellValue] = {}
    problems: list[str] = []
    for i, cells in enumerate(block):
        targets = [key for c, key in grid.row_values(value_rows[i]) if c >= column]
        for j, raw in enumerate(cells):
            if j >= len(targets):
                if raw.strip():
                    problems.append(
                        f"第 {i + 1} 行第 {j + 1} 个值“{raw.strip()}”超出了表格右边界（这一行从当前单元格起只有 "
                        f"{len(targets)} 格）"
                    )
                continue
            cell = form.cells[targets[j]]
            parsed = parse_input(raw, cell.kind)
            if not parsed.ok:
                problems.append(f"{cell.label}：{parsed.error}")
            elif cell.computed:
                totals[cell.key] = parsed.value
            else:
                values[cell.key] = parsed.value
    if problems:
        listed = "\n".join(f"· {p}" for p in problems[:MAX_LISTED])
        more = f"\n· ……另有 {len(problems) - MAX_LISTED} 处" if len(problems) > MAX_LISTED else ""
        return PastePlan(error=f"有 {len(problems)} 处内容不能填入，没有粘贴任何内容：\n{listed}{more}")
    return PastePlan(values=values, totals=totals, rows=height, columns=width)


def copy_block(grid: Grid, cells: dict[str, CellValue], keys: list[str]) -> str:
    """The selected numbers as a tab-separated block (rows and columns in grid order)."""
    positions = sorted((grid.position(k), k) for k in keys)
    rows: dict[int, list[str]] = {}
    for (r, _c), k in positions:
        rows.setdefault(r, []).append(display(cells.get(k)))
    return "\n".join("\t".join(v) for v in rows.values()) + "\n"
