"""Running every check on a report."""

from __future__ import annotations

from reportdesk.checks.findings import Finding, accept, position
from reportdesk.checks.imported import import_findings
from reportdesk.checks.narrative import narrative_findings
from reportdesk.checks.numbers import number_findings
from reportdesk.form import Form
from reportdesk.report import Report


def check(form: Form, report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding for ``report`` (``previous`` is last year's report, for cross-year rules).

    Deterministic, ordered by position in the report; warnings with a reason under their own id
    are marked accepted. What the import of a published report found that its figures cannot show
    (OLD-FORMAT of its tables) is raised again from the report's record of it.
    """
    found = number_findings(form, report, previous) + narrative_findings(form, report, previous)
    found += import_findings(form, report)
    found.sort(key=lambda f: position(form, f))
    return accept(found, report.explanations)


def has_errors(findings: list[Finding]) -> bool:
    """Whether any finding is an error (which blocks a final document)."""
    return any(f.level == "error" for f in findings)
