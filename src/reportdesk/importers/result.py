"""What an import produced: the report, what was read from where, how sure, and what was not."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reportdesk.checks import Finding
from reportdesk.importers.table_read import UNSURE, Origin
from reportdesk.report import Report


@dataclass(frozen=True)
class Question:
    """Digit runs that more than one cut fits: the officer chooses (``--choose ID=N``, or in the window).

    ``options`` are (number, figures in ``keys`` order); ``hint`` the number of the option the
    narrative's figures agree with, when exactly one does.
    """

    id: str
    what: str
    where: str
    printed: str
    keys: tuple[str, ...]
    options: tuple[tuple[int, tuple[int, ...]], ...]
    hint: int | None = None


@dataclass(frozen=True)
class ImportResult:
    """The imported report and the import report's content.

    ``found``: (what, where) for the title, each section, part and table row read; ``problems``:
    what could not be read, by label; ``notes``: what the importer decided (a digit run cut apart,
    a year assumed); ``findings``: the checks' findings on the imported report, plus OLD-FORMAT.
    ``origins``: where and how each imported figure was read; ``unread``: why each cell of the
    form holds no figure; ``questions``: digit runs waiting for the officer's choice.
    """

    report: Report
    source: str
    kind: str
    found: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    origins: Mapping[str, Origin] = field(default_factory=dict)
    unread: Mapping[str, str] = field(default_factory=dict)
    questions: tuple[Question, ...] = ()

    def cells_read(self) -> int:
        """How many cells hold a printed value."""
        return sum(1 for v in self.report.cells.values() if v is not None)

    @property
    def unsure(self) -> frozenset[str]:
        """Cells whose figure the officer should confirm (cut from a run, chosen, read by position)."""
        return frozenset(k for k, o in self.origins.items() if o.how in UNSURE)
