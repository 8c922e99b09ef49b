"""What an import produced: the report, and what was read from where."""

from __future__ import annotations

from dataclasses import dataclass

from reportdesk.checks import Finding
from reportdesk.report import Report


@dataclass(frozen=True)
class ImportResult:
    """The imported report and the import report's content.

    ``found``: (what, where) for the title, each section, part and table row read; ``problems``:
    what could not be read, by label; ``notes``: what the importer decided (a digit run cut apart,
    a year assumed); ``findings``: the checks' findings on the imported report, plus OLD-FORMAT.
    """

    report: Report
    source: str
    kind: str
    found: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    def cells_read(self) -> int:
        """How many cells hold a printed value."""
        return sum(1 for v in self.report.cells.values() if v is not None)
