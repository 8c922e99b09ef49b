"""Findings: what the checks report. Frozen values, never exceptions.

Every finding has a stable :attr:`Finding.id` (spec, "The exchange file"): its code, ``@``, where it
is — its cells joined by ``,`` or its text part — and, where one place can hold several findings of
one code, ``:`` and what it is about (the year or the figure quoted). An officer's reason for a
warning is kept under that id, so it covers that one occurrence and nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from reportdesk.form import Form, Level

ID_MARK = "@"
ABOUT_MARK = ":"


@dataclass(frozen=True)
class Finding:
    """One problem found in a report.

    ``cells`` are the table cells involved, ``texts`` the narrative parts involved (text keys
    of the exchange format); the first cell is the one to look at first. ``expected``/``actual``
    are the figure a cell should hold and the one it holds, set only when the check can tell which
    cell is wrong. ``place`` and ``about`` make the id where the cells or text part alone would not
    (see :attr:`id`). ``accepted`` is set when the report's ``explanations`` holds a reason under
    this warning's id.
    """

    code: str
    level: Level
    message: str
    cells: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    expected: str | None = None
    actual: str | None = None
    accepted: bool = False
    place: str = ""
    about: str = ""

    @property
    def id(self) -> str:
        """``code@where[:about]``: the same for the same occurrence however its figures change."""
        where = self.place or (self.texts[0] if self.texts else ",".join(self.cells))
        return make_id(self.code, where, self.about)

    @property
    def blocking(self) -> bool:
        """An error blocks a final document; an accepted warning does not need attention."""
        return self.level == "error"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "level": self.level,
            "cells": list(self.cells),
            "texts": list(self.texts),
            "message": self.message,
            "expected": self.expected,
            "actual": self.actual,
            "accepted": self.accepted,
        }


def make_id(code: str, where: str, about: str = "") -> str:
    """A finding id from its parts (see :attr:`Finding.id`)."""
    return f"{code}{ID_MARK}{where}" + (f"{ABOUT_MARK}{about}" if about else "")


def id_code(key: str) -> str:
    """The code an explanation key belongs to: ``TXT-YEAR@s6:2022年`` → ``TXT-YEAR``; a bare
    code (a key written before ids existed) is its own code."""
    return key.split(ID_MARK, 1)[0]


def is_bare_code(key: str) -> bool:
    """Whether an explanation key is a bare code, as written before findings had ids."""
    return ID_MARK not in key


def make(form: Form, code: str, message: str, **kw: Any) -> Finding:
    """A finding with its level taken from the form's code table."""
    return Finding(code=code, level=form.level(code), message=message, **kw)


def position(form: Form, f: Finding) -> tuple[int, int, tuple[str, ...], tuple[str, ...]]:
    """Sort key: where in the report the finding points, then the code's order in the spec."""
    codes = list(form.codes)
    return (first_position(form, f), codes.index(f.code) if f.code in codes else len(codes), f.cells, f.texts)


def first_position(form: Form, f: Finding) -> int:
    """The position in the report of the earliest cell or text the finding points at."""
    return min((form.position(k) for k in (*f.cells, *f.texts)), default=10_000_000)


def first_key(form: Form, f: Finding) -> str | None:
    """The earliest cell or text key of the finding in report order (its section is where it is
    listed), or None for a finding about the whole report."""
    keys = (*f.cells, *f.texts)
    return min(keys, key=form.position) if keys else None


def accept(findings: list[Finding], explanations: Mapping[str, str]) -> list[Finding]:
    """Mark the warnings the officer has explained (a reason under the finding's own id) as accepted."""
    return [
        replace(f, accepted=True) if f.level == "warning" and explanations.get(f.id, "").strip() else f
        for f in findings
    ]


def stale_reasons(findings: list[Finding], explanations: Mapping[str, str]) -> list[tuple[str, str]]:
    """(id, reason) of every reason whose finding no longer occurs (已失效), in the order kept.

    They are kept with the report, so nothing is lost when a figure is corrected; they accept nothing.
    """
    present = {f.id for f in findings}
    return [(key, reason) for key, reason in explanations.items() if key not in present and reason.strip()]
