"""An .xlsx through the workbook importer, ending like every import: with the checks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from reportdesk.checks import check, convert_code_keys
from reportdesk.form import Form
from reportdesk.importers.result import ImportResult
from reportdesk.report import Agency


def import_xlsx(path: Path, form: Form, year: int | None, agency: Mapping[str, str]) -> ImportResult:
    """Import a workbook; ``year`` and ``agency`` override what it says, as for the other files."""
    from reportdesk.workbook import PAYLOAD_CONFLICT, import_workbook

    given = None
    if agency:
        given = Agency(
            name=agency.get("name", ""),
            region=agency.get("region", ""),
            kind=agency.get("kind", "department"),
        )
    report, read = import_workbook(path, form, year=year, agency=given)
    # Reasons an older workbook keeps per code become reasons for the findings present now.
    report, notes = convert_code_keys(form, report)
    conflicts = [n for n in read if n.startswith(PAYLOAD_CONFLICT)]
    read = [n for n in read if not n.startswith(PAYLOAD_CONFLICT)]
    notes = conflicts + notes
    if year is not None and report.year != year:
        notes.append(f"工作簿中的年度是 {report.year} 年，按指定的 {year} 年处理")
        report = report.with_year(year)
    if agency:
        a = report.agency
        report = report.with_agency(
            replace(
                a,
                name=agency.get("name", a.name),
                region=agency.get("region", a.region),
                kind=agency.get("kind", a.kind),
            )
        )
    return ImportResult(
        report,
        str(path),
        "xlsx",
        found=tuple((note, "") for note in read),
        notes=tuple(notes),
        findings=tuple(check(form, report)),
    )
