"""The checks: ``check(form, report, previous)`` returns every finding, in report order."""

from __future__ import annotations

from reportdesk.checks.findings import Finding, accept, position
from reportdesk.checks.narrative import narrative_findings
from reportdesk.checks.numbers import number_findings
from reportdesk.form import Form
from reportdesk.report import Report

__all__ = ["Finding", "check", "has_errors"]


def check(form: Form, report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding for ``report`` (``previous`` is last year's report, for cross-year rules).

    Deterministic, ordered by position in the report; warnings with an explanation are
    marked accepted.
    """
    found = number_findings(form, report, previous) + narrative_findings(form, report, previous)
    found.sort(key=lambda f: position(form, f))
    return accept(found, report.explanations)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level == "error" for f in findings)
