"""The government-wide total (本级政府汇总): many bodies' reports summed into one ``government`` report."""

from __future__ import annotations

from reportdesk.aggregate.bodies import read_expected
from reportdesk.aggregate.total import (
    EXTRA_KEY,
    FLAGGED,
    INCLUDED,
    REFUSED,
    Aggregate,
    Input,
    Source,
    aggregate,
    sum_cells,
)

__all__ = [
    "EXTRA_KEY",
    "FLAGGED",
    "INCLUDED",
    "REFUSED",
    "Aggregate",
    "Input",
    "Source",
    "aggregate",
    "read_expected",
    "sum_cells",
]
