"""Generated reports whose every sum rule holds, for summing tests (the expected total is summed here)."""

from __future__ import annotations

import random
from decimal import Decimal

from reportdesk.form import Form
from reportdesk.report import Agency, Report, derive
from reportdesk.values import CellValue


def generated(form: Form, rng: random.Random, year: int, name: str, kind: str = "department") -> Report:
    """A body's report with random leaves, amounts with up to three decimals, and balanced columns.

    Each balance rule (Σ lhs = Σ rhs over input cells of one column) is made to hold by setting its
    first left term; when that would go negative, the last right term takes the difference.
    """
    cells: dict[str, CellValue] = {}
    for key, cell in form.cells.items():
        if cell.computed:
            continue
        if cell.kind == "amount":
            # Small enough that a dozen summed stay within the spec's ceiling.
            cells[key] = Decimal(rng.randint(0, 10**6)).scaleb(-rng.randint(0, 3))
        else:
            cells[key] = rng.choice((0, 0, rng.randint(0, 9), rng.randint(0, 400)))
    report = derive(Report.empty(form, year, Agency(name=name, kind=kind)).with_cells(cells), form)
    for rel in form.relations:
        if rel.derives or form.cells[rel.lhs[0].key].computed:
            continue
        values = dict(report.cells)
        need = (
            sum(t.weight * values[t.key] for t in rel.rhs)
            - sum(  # type: ignore[misc]
                t.weight * values[t.key]  # type: ignore[operator]
                for t in rel.lhs[1:]
            )
        )
        if need < 0:
            last = rel.rhs[-1].key
            report = report.with_cell(last, values[last] - need)  # type: ignore[operator]
            need = 0
        report = derive(report.with_cell(rel.lhs[0].key, need), form)
    return report
