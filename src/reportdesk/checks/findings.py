"""Findings: what the checks report. Frozen values, never exceptions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from reportdesk.form import Form, Level


@dataclass(frozen=True)
class Finding:
    """One problem found in a report.

    ``cells`` are the table cells involved, ``texts`` the narrative parts involved (text keys
    of the exchange format). ``expected``/``actual`` are the computed and the reported figure
    where the rule compares numbers. ``accepted`` is set when the report's ``explanations``
    holds a reason for this warning's code.
    """

    code: str
    level: Level
    message: str
    cells: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    expected: str | None = None
    actual: str | None = None
    accepted: bool = False

    @property
    def blocking(self) -> bool:
        """An error blocks a final document; an accepted warning does not need attention."""
        return self.level == "error"

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "level": self.level,
            "cells": list(self.cells),
            "texts": list(self.texts),
            "message": self.message,
            "expected": self.expected,
            "actual": self.actual,
            "accepted": self.accepted,
        }


def make(form: Form, code: str, message: str, **kw: Any) -> Finding:
    """A finding with its level taken from the form's code table."""
    return Finding(code=code, level=form.level(code), message=message, **kw)


def position(form: Form, f: Finding) -> tuple[int, int, tuple[str, ...], tuple[str, ...]]:
    """Sort key: where in the report the finding points, then the code's order in the spec."""
    keys = (*f.cells, *f.texts)
    first = min((form.position(k) for k in keys), default=10_000_000)
    codes = list(form.codes)
    return (first, codes.index(f.code) if f.code in codes else len(codes), f.cells, f.texts)


def accept(findings: list[Finding], explanations: dict[str, str] | Any) -> list[Finding]:
    """Mark warnings whose code the officer has explained as accepted."""
    return [
        replace(f, accepted=True) if f.level == "warning" and explanations.get(f.code) else f
        for f in findings
    ]
