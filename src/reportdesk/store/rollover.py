"""Rolling a report over: next year's draft made from this year's.

The agency is carried; every narrative part is carried and remembered as carried, so untouched
text can be pointed at; each cell that the form's cross-year rules equate with a cell of last year
(二 上年结转 = last year's 四 结转下年度, per column) is filled from it; every other figure is blank.
"""

from __future__ import annotations

from types import MappingProxyType

from reportdesk.form import Form
from reportdesk.report import Report
from reportdesk.store.errors import StoreError
from reportdesk.values import CellValue


def carried_cells(form: Form) -> dict[str, str]:
    """``this year's cell → last year's cell`` for every cross-year rule of the form "A = last year's B"."""
    pairs: dict[str, str] = {}
    for rel in form.cross_year:
        if len(rel.lhs) == len(rel.rhs) == 1:
            (this,), (last,) = rel.lhs, rel.rhs
            if not this.previous and last.previous and this.weight == last.weight == 1:
                pairs[this.key] = last.key
    return pairs


def rolled_over(form: Form, source: Report, to_year: int) -> tuple[Report, dict[str, str]]:
    """The new report for ``to_year`` and the texts it carries (``key → text``, non-empty ones)."""
    if to_year != source.year + 1:
        raise StoreError(
            f"只能从 {source.year} 年的报告结转到下一年度（{source.year + 1} 年），不能结转到 {to_year} 年"
        )
    keys = (*form.text_keys, *(k for k in form.text_extras if k in source.texts))
    texts = {k: source.texts.get(k, "") for k in keys}
    cells: dict[str, CellValue] = dict.fromkeys(form.cells)
    for this, last in carried_cells(form).items():
        cells[this] = source.cells.get(last)
    report = Report(
        year=to_year,
        agency=source.agency,
        texts=MappingProxyType(texts),
        cells=MappingProxyType(cells),
        format=form.format,
    )
    return report, {k: t for k, t in texts.items() if t.strip()}
