"""Tables in the report's layout: bordered, centred, fixed column widths, rows that never split.

LibreOffice reads column widths from the table grid only and Word mostly from the cells, so
both are set; widths are whole twips rounded down so a table never exceeds the type area.
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Twips

from reportdesk.render.layout import StyleSpec, add_run, apply_style
from reportdesk.render.ooxml import TBL_PR_ORDER, TC_PR_ORDER, put_in_order

CELL_MARGIN_MM = 0.8  # left/right: keeps two characters a line in the 11 mm columns


def _borders(tag: str, sides: tuple[str, ...], size: int = 4) -> Any:
    borders = OxmlElement(tag)
    for side in sides:
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    return borders


def new_table(container: Any, rows: int, widths_mm: list[float]) -> Any:
    """A bordered, centred table with fixed column widths (set on the grid *and* on each cell,
    since LibreOffice reads only the grid and Word mostly the cells)."""
    # Whole twips, rounded down, so the columns never add up to more than the type area.
    widths = [Twips(int(w * 1440 / 25.4)) for w in widths_mm]
    table = container.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(sum(w.twips for w in widths)))
    width.set(qn("w:type"), "dxa")
    put_in_order(tbl_pr, width, TBL_PR_ORDER)
    put_in_order(
        tbl_pr,
        _borders("w:tblBorders", ("top", "left", "bottom", "right", "insideH", "insideV")),
        TBL_PR_ORDER,
    )
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(int(Mm(CELL_MARGIN_MM).twips)))
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    put_in_order(tbl_pr, margins, TBL_PR_ORDER)
    for i, w in enumerate(widths):
        table.columns[i].width = w
    # One walk over the fresh (unmerged) grid; table.columns[i].cells walks it once per column.
    for i, cell in enumerate(table._cells):
        cell.width = widths[i % len(widths)]
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    return table


def format_row(row: Any, *, min_height_mm: float, header: bool = False, keep_next: bool = False) -> None:
    """A row never breaks across pages; header rows repeat on every page the table spans;
    ``keep_next`` keeps the row on the page of the next one (small tables stay whole)."""
    row.height = Mm(min_height_mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))
    if keep_next:
        keep_with_next(row._tr)


def keep_with_next(tr: Any) -> None:
    """Keep-with-next on every paragraph of every cell of a row (``w:tr``).

    The XML cells are walked, not ``row.cells``: that maps grid positions to cells and so never
    reaches the continuation cells of a vertical merge, whose empty paragraphs would then let
    Word and LibreOffice break the table there (LibreOffice keeps a table whole only when every
    paragraph of its rows but the last keeps with the next).
    """
    for tc in tr.iter(qn("w:tc")):
        for p in tc.iter(qn("w:p")):
            p.get_or_add_pPr().keepNext_val = True


def fill_cell(cell: Any, text: str, spec: StyleSpec, *, bold: bool = False, shade: str | None = None) -> None:
    """Write ``text`` into a cell's first paragraph (merge cells before filling them)."""
    paragraph = cell.paragraphs[0]
    apply_style(paragraph, spec)
    if text:
        run = add_run(paragraph, text, spec)
        if bold:
            run.bold = True
    if shade:
        tc_pr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), shade)
        put_in_order(tc_pr, shd, TC_PR_ORDER)
