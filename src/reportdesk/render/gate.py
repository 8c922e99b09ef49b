"""Whether a report may be printed as a final document.

A report with error-level findings or blank cells is refused (with the list) unless a draft is
asked for; a draft is printed with every page marked 草稿. Warnings never block: they are
listed, and accepted ones appear with their reasons on the sign-off sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportdesk.checks import Finding, check
from reportdesk.form import Form
from reportdesk.report import Report


@dataclass(frozen=True)
class Verdict:
    """The checks' findings for a report and what they mean for printing it."""

    findings: tuple[Finding, ...]
    blank: tuple[str, ...]  # cell keys left blank, in form order
    previous_given: bool

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Error-level findings: each one blocks a final document."""
        return tuple(f for f in self.findings if f.level == "error")

    @property
    def open_warnings(self) -> tuple[Finding, ...]:
        """Warnings without an accepted explanation."""
        return tuple(f for f in self.findings if f.level == "warning" and not f.accepted)

    @property
    def accepted(self) -> tuple[Finding, ...]:
        """Warnings the officer explained (the reason is in ``report.explanations``)."""
        return tuple(f for f in self.findings if f.accepted)

    @property
    def printable(self) -> bool:
        """True when a final (non-draft) document may be produced."""
        return not self.errors and not self.blank


def assess(form: Form, report: Report, previous: Report | None = None) -> Verdict:
    """Run every check on ``report`` (``previous``: last year's report, for cross-year rules)."""
    blank = tuple(k for k in form.cells if report.cells.get(k) is None)
    return Verdict(tuple(check(form, report, previous)), blank, previous is not None)
