"""The government-wide total: tables 2–4 of many bodies' reports summed into one report.

Each input is checked first with the table checks (the narrative does not enter the sum). An
input is refused when it is of another year, unreadable, a second report of a body already
summed, or holds a value that cannot be added (text, a negative figure); one with other errors
(a total that does not add up, a blank cell) is refused unless errors are allowed, and is then
summed and flagged. Every input is recorded, with its status and reasons, in the result's
``extra["aggregate"]``, so the total says where its figures come from.

Leaves are summed exactly (amounts as Decimal); every total is then derived from the summed
leaves, so the result is consistent even when an allowed input printed a wrong total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from reportdesk import __version__
from reportdesk.aggregate.bodies import agency_keys, name_key
from reportdesk.checks.numbers import number_findings
from reportdesk.form import Form
from reportdesk.report import Agency, Report, derive
from reportdesk.values import CellValue, Invalid, is_number

INCLUDED, FLAGGED, REFUSED = "included", "flagged", "refused"
EXTRA_KEY = "aggregate"


@dataclass(frozen=True)
class Input:
    """One body's report as given (``report`` None when it could not be read: ``problem`` says why;
    ``warnings`` are things noticed in reading that the officer must check — the input is flagged)."""

    source: str
    report: Report | None
    problem: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """What became of one input."""

    source: str
    status: str
    reasons: tuple[str, ...] = ()
    agency: str = ""
    kind: str = ""
    year: int | None = None
    errors: int = 0
    warnings: int = 0

    def to_json(self) -> dict[str, Any]:
        """The record kept in the result's ``extra``."""
        return {
            "source": self.source,
            "agency": self.agency,
            "kind": self.kind,
            "year": self.year,
            "status": self.status,
            "errors": self.errors,
            "warnings": self.warnings,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class Aggregate:
    """The summed report, what became of each input, and the expected bodies that are missing."""

    report: Report
    sources: tuple[Source, ...]
    missing: tuple[str, ...] = ()
    summed: int = field(default=0)

    @property
    def refused(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.status == REFUSED)

    @property
    def flagged(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.status == FLAGGED)


def _judge(
    form: Form, item: Input, year: int, seen: dict[str, str], allow_errors: bool
) -> tuple[Source, Report | None]:
    """The input's record, and the report when it goes into the sum."""
    report = item.report
    if report is None:
        return Source(item.source, REFUSED, (item.problem or "无法读取",)), None
    base = Source(
        item.source, INCLUDED, agency=report.agency.full_name, kind=report.agency.kind, year=report.year
    )
    if report.year != year:
        return replace(base, status=REFUSED, reasons=(f"年度为 {report.year}，不是 {year}",)), None
    for key in agency_keys(report.agency):
        if key in seen:
            return replace(base, status=REFUSED, reasons=(f"与 {seen[key]} 是同一机关，不重复相加",)), None
    findings = number_findings(form, report, None)
    errors = [f for f in findings if f.level == "error"]
    base = replace(base, errors=len(errors), warnings=len(findings) - len(errors))
    invalid = [k for k, v in report.cells.items() if k in form.cells and isinstance(v, Invalid)]
    if invalid:
        what = "、".join(form.cells[k].label for k in invalid[:3]) + ("等" if len(invalid) > 3 else "")
        return replace(base, status=REFUSED, reasons=(f"有无法相加的值：{what}",)), None
    reasons = tuple(f"{f.code}：{f.message}" for f in errors)
    if errors and not allow_errors:
        return replace(base, status=REFUSED, reasons=reasons), None
    for key in agency_keys(report.agency):
        seen[key] = item.source
    reasons += item.warnings
    return replace(base, status=FLAGGED if reasons else INCLUDED, reasons=reasons), report


def sum_cells(form: Form, reports: Sequence[Report]) -> dict[str, CellValue]:
    """Every input cell summed exactly (blank where no report has a number); totals derived later."""
    out: dict[str, CellValue] = {}
    for key, cell in form.cells.items():
        if cell.computed:
            out[key] = None
            continue
        numbers = [v for r in reports if is_number(v := r.cells.get(key))]
        if not numbers:
            out[key] = None
        elif cell.kind == "amount":
            out[key] = sum((Decimal(v) for v in numbers), Decimal(0))  # type: ignore[arg-type]
        else:
            out[key] = sum(numbers)  # type: ignore[arg-type]
    return out


def aggregate(
    inputs: Sequence[Input],
    form: Form,
    *,
    year: int,
    agency: Agency,
    expected: Sequence[str] | None = None,
    allow_errors: bool = False,
) -> Aggregate:
    """Sum the inputs' tables 2–4 into a ``government`` report of ``year`` for ``agency``."""
    seen: dict[str, str] = {}
    sources: list[Source] = []
    summed: list[Report] = []
    for item in inputs:
        record, report = _judge(form, item, year, seen, allow_errors)
        sources.append(record)
        if report is not None:
            summed.append(report)
    missing: tuple[str, ...] = ()
    if expected is not None:
        wanted = {name_key(n) for n in expected}
        missing = tuple(n for n in expected if name_key(n) not in seen)
        sources = [_unexpected(s, seen, wanted) for s in sources]
    total = Report.empty(form, year, Agency(agency.name, agency.region, "government", agency.website))
    total = derive(total.with_cells(sum_cells(form, summed)), form)
    kept = {
        "program": f"reportdesk {__version__}",
        "summed": len(summed),
        "sources": [s.to_json() for s in sources],
        "missing": list(missing),
    }
    total = replace(total, extra=MappingProxyType({EXTRA_KEY: kept}))
    return Aggregate(total, tuple(sources), missing, len(summed))


def _unexpected(s: Source, seen: dict[str, str], wanted: set[str]) -> Source:
    """An input summed for a body that is not on the expected list is flagged, not dropped."""
    if s.status == REFUSED or {k for k, src in seen.items() if src == s.source} & wanted:
        return s
    return replace(s, status=FLAGGED, reasons=(*s.reasons, "不在应报机关名单中"))
