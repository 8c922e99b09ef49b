"""One report being edited: every edit saved at once, totals derived, checks re-run, undo/redo.

Pure Python (no Qt), so it is tested without a screen. Saving goes through a :class:`Saver` (the
store adapter); the session never reads the database itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from reportdesk.form import Form
from reportdesk.report import Report, derivation_order, derive
from reportdesk.unsure import stored_marks, with_marks
from reportdesk.values import CellValue

if TYPE_CHECKING:
    from reportdesk.checks import Finding

SectionState = Literal["empty", "progress", "warnings", "errors", "complete"]
# Findings that only say "not finished yet": they make a section "in progress", not "wrong".
# An unexplained PART-EMPTY too: one of 一's parts not written yet, or folded and not yet said so.
INCOMPLETE_CODES = frozenset({"BLANK", "SECTION-EMPTY", "PART-EMPTY"})
# Typing pauses longer than this start a new undo step in the same text.
TEXT_UNDO_PAUSE = 1.5


class Saver(Protocol):
    """Where edits go, each committed before the call returns; returns when it was saved.

    ``seen`` is what the window showed before the edit (a shared database refuses to write over a
    value someone else changed meanwhile: :class:`~reportdesk.store.EditConflict`).
    """

    def save_cells(
        self, values: Mapping[str, CellValue], seen: Mapping[str, CellValue] | None = None
    ) -> str: ...

    def save_text(self, key: str, text: str, seen: str | None = None) -> str: ...

    def save_explanations(
        self, reasons: Mapping[str, str | None], seen: Mapping[str, str | None] | None = None
    ) -> str: ...

    def save_unsure(
        self, marks: Mapping[str, str | None], seen: Mapping[str, str | None] | None = None
    ) -> str:
        """Set (a stored text) or remove (``None``) marks of imported figures still to be checked."""
        ...


@dataclass
class Step:
    """One undoable edit: for each key, the value before and after."""

    cells: dict[str, tuple[CellValue, CellValue]] = field(default_factory=dict)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    explanations: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    unsure: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # imported figures' marks
    key: str | None = None  # the one key typed into, when further typing may fold into this step
    at: float = 0.0
    open: bool = True


@dataclass(frozen=True)
class Update:
    """What an edit changed, for the views to refresh."""

    cells: frozenset[str] = frozenset()
    texts: frozenset[str] = frozenset()
    explanations: frozenset[str] = frozenset()
    unsure: frozenset[str] = frozenset()
    findings_changed: bool = False
    saved_at: str = ""


@dataclass(frozen=True)
class SectionStatus:
    state: SectionState
    errors: int = 0
    warnings: int = 0


def _check(form: Form, report: Report, previous: Report | None) -> list[Finding]:
    # The checks are imported with the first report opened, not with the window.
    from reportdesk.checks import check

    return check(form, report, previous)


def finding_section(form: Form, f: Finding) -> str | None:
    """The section a finding is shown under: its text if it names one, else its first cell."""
    keys = (*f.texts, *f.cells)
    for key in keys:
        if key in form.parts or key.split(".", 1)[0] in ("t2", "t3", "t4"):
            return form.section_of(key).key
    return None


def same_value(a: CellValue, b: CellValue) -> bool:
    """Equal as the officer sees them: 5 and 5.0 (an amount typed differently) are not the same."""
    return type(a) is type(b) and str(a) == str(b)


def affected_totals(form: Form, changed: Iterable[str]) -> list[str]:
    """The computed cells that depend, directly or through other totals, on ``changed``."""
    dirty = set(changed)
    out: list[str] = []
    for rel in derivation_order(form):
        if rel.derives and any(t.key in dirty for t in rel.rhs):
            dirty.add(rel.derives)
            out.append(rel.derives)
    return out


class Session:
    """The report open in the window and everything derived from it."""

    def __init__(
        self,
        form: Form,
        report: Report,
        saver: Saver,
        previous: Report | None = None,
        carried: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        checked: bool = True,
    ) -> None:
        self.form = form
        self.report = report
        self.previous = previous
        # The text each part had when it was rolled over from last year (to tell untouched text).
        self.carried = dict(carried or {})
        self._saver = saver
        self._clock = clock
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        # checked=False: the checks run later (rerun), the window shows the report first.
        self.findings: list[Finding] = _check(form, report, previous) if checked else []
        self.checked = checked

    # -- queries -------------------------------------------------------------------------------

    def untouched(self, key: str) -> bool:
        """The part still holds exactly the text rolled over from last year."""
        return (
            key in self.carried
            and bool(self.carried[key].strip())
            and self.report.text(key) == self.carried[key]
        )

    def open_findings(self) -> list[Finding]:
        """Findings that need attention: errors and warnings not yet explained."""
        return [f for f in self.findings if not f.accepted]

    def section_status(self) -> dict[str, SectionStatus]:
        """Each section's state: empty, in progress, with errors, with warnings, or complete."""
        by_section: dict[str, list[Finding]] = {s.key: [] for s in self.form.sections}
        for f in self.open_findings():
            s = finding_section(self.form, f)
            if s in by_section:
                by_section[s].append(f)
        out: dict[str, SectionStatus] = {}
        for section in self.form.sections:
            found = by_section[section.key]
            errors = [f for f in found if f.level == "error"]
            warnings = len(found) - len(errors)
            out[section.key] = SectionStatus(self._state(section.key, found), len(errors), warnings)
        return out

    def _state(self, section_key: str, found: list[Finding]) -> SectionState:
        section = next(s for s in self.form.sections if s.key == section_key)
        if section.table:
            entered = any(
                self.report.cells.get(k) is not None
                for k, c in self.form.cells.items()
                if c.table == section.table and not c.computed
            )
        else:
            entered = any(self.report.text(p.key).strip() for p in section.parts)
        if not entered:
            return "empty"
        if any(f.level == "error" and f.code not in INCOMPLETE_CODES for f in found):
            return "errors"
        if any(f.code in INCOMPLETE_CODES for f in found):
            return "progress"
        if found:
            return "warnings"
        return "complete"

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # -- edits ---------------------------------------------------------------------------------

    def edit_cells(self, values: Mapping[str, CellValue]) -> Update:
        """Set input cells (one undo step) and the totals that depend on them."""
        values = {k: v for k, v in values.items() if not same_value(self.report.cells.get(k), v)}
        if not values:
            return Update()
        edited = self.report.with_cells(values)
        totals = affected_totals(self.form, values)
        if totals:
            full = derive(edited, self.form)
            edited = edited.with_cells({k: full.cells.get(k) for k in totals})
        changed = {
            k: (self.report.cells.get(k), edited.cells.get(k))
            for k in (*values, *totals)
            if k in values or not same_value(self.report.cells.get(k), edited.cells.get(k))
        }
        saved = self._saver.save_cells(
            {k: after for k, (_, after) in changed.items()}, {k: before for k, (before, _) in changed.items()}
        )
        self.report = edited
        # An imported figure the officer types, pastes or clears over is no longer to be checked: its
        # mark goes in the same undo step (the figure alone would already stop it from holding).
        marks = stored_marks(self.report)
        gone = {k: (marks[k], None) for k in values if k in marks}
        if gone:
            saved = self._save_marks(gone, 1)
        self._record(
            Step(cells=changed, unsure=gone), merge_key=next(iter(values)) if len(values) == 1 else None
        )
        return self._after(saved, cells=changed, unsure=gone)

    def edit_cell(self, key: str, value: CellValue) -> Update:
        return self.edit_cells({key: value})

    def edit_text(self, key: str, text: str) -> Update:
        before = self.report.text(key)
        if before == text:
            return Update()
        saved = self._saver.save_text(key, text, before)
        self.report = self.report.with_text(key, text)
        self._record(Step(texts={key: (before, text)}), merge_key=key, pause=TEXT_UNDO_PAUSE)
        return self._after(saved, texts={key: None})

    def explain(self, key: str, reason: str | None) -> Update:
        """Accept the warning whose finding id is ``key`` with a reason (``None`` withdraws it)."""
        return self.explain_many({key: reason})

    def explain_many(self, reasons: Mapping[str, str | None]) -> Update:
        """Give reasons to several findings at once (one per finding id, ``None`` withdraws): one
        saved revision, one undo step."""
        pairs: dict[str, tuple[str | None, str | None]] = {}
        for key, reason in reasons.items():
            after = reason.strip() if reason and reason.strip() else None
            before = self.report.explanations.get(key)
            if before != after:
                pairs[key] = (before, after)
        if not pairs:
            return Update()
        saved = self._saver.save_explanations(
            {k: after for k, (_, after) in pairs.items()}, {k: before for k, (before, _) in pairs.items()}
        )
        self.report = self.report.with_explanations({k: after for k, (_, after) in pairs.items()})
        self.seal()
        self._record(Step(explanations=pairs), merge_key=None)
        self.seal()
        return self._after(saved, explanations=dict.fromkeys(pairs))

    def confirm_unsure(self, keys: Iterable[str] | None = None) -> Update:
        """The officer has checked these imported figures (every marked one, when ``keys`` is None):
        their marks go, one saved revision, one undo step."""
        marks = stored_marks(self.report)
        wanted = marks if keys is None else {k: marks[k] for k in keys if k in marks}
        if not wanted:
            return Update()
        pairs: dict[str, tuple[str | None, str | None]] = {k: (v, None) for k, v in wanted.items()}
        saved = self._save_marks(pairs, 1)
        self.seal()
        self._record(Step(unsure=pairs), merge_key=None)
        self.seal()
        return self._after(saved, unsure=pairs)

    def _save_marks(self, pairs: Mapping[str, tuple[str | None, str | None]], side: int) -> str:
        saved = self._saver.save_unsure(
            {k: pair[side] for k, pair in pairs.items()}, {k: pair[1 - side] for k, pair in pairs.items()}
        )
        self.report = with_marks(self.report, {k: pair[side] for k, pair in pairs.items()})
        return saved

    def seal(self) -> None:
        """End the current undo step: the next edit starts a new one (editor closed, focus moved)."""
        if self._undo:
            self._undo[-1].open = False

    def undo(self) -> Update:
        if not self._undo:
            return Update()
        step = self._undo.pop()
        step.open = False
        self._redo.append(step)
        return self._apply(step, 0)

    def redo(self) -> Update:
        if not self._redo:
            return Update()
        step = self._redo.pop()
        self._undo.append(step)
        return self._apply(step, 1)

    def rerun(self) -> Update:
        """Check again after a change made outside the edits (the agency block, say)."""
        return self._after("")

    def replace_report(self, report: Report) -> Update:
        """A report restored from history or reloaded: undo starts afresh."""
        self.report = report
        self._undo.clear()
        self._redo.clear()
        return self._after("", cells={k: None for k in report.cells}, texts={k: None for k in report.texts})

    # -- internals -----------------------------------------------------------------------------

    def _record(self, step: Step, merge_key: str | None, pause: float | None = None) -> None:
        """Push ``step``, or fold it into the open step of the same key (typing in one cell or text)."""
        now = self._clock()
        step.key, step.at = merge_key, now
        self._redo.clear()
        last = self._undo[-1] if self._undo else None
        if (
            last is not None
            and last.open
            and merge_key is not None
            and last.key == merge_key
            and (pause is None or now - last.at <= pause)
        ):
            for k, (before, after) in step.cells.items():
                last.cells[k] = (last.cells[k][0] if k in last.cells else before, after)
            for k, (before, after) in step.texts.items():
                last.texts[k] = (last.texts[k][0] if k in last.texts else before, after)
            for k, (before, after) in step.unsure.items():
                last.unsure[k] = (last.unsure[k][0] if k in last.unsure else before, after)
            last.at = now
            return
        if last is not None:
            last.open = False
        self._undo.append(step)

    def _apply(self, step: Step, side: int) -> Update:
        cells = {k: pair[side] for k, pair in step.cells.items()}
        saved = ""
        if cells:
            saved = self._saver.save_cells(cells, {k: pair[1 - side] for k, pair in step.cells.items()})
            self.report = self.report.with_cells(cells)
        for k, pair in step.texts.items():
            saved = self._saver.save_text(k, pair[side], pair[1 - side])
            self.report = self.report.with_text(k, pair[side])
        if step.explanations:
            reasons = {k: pair[side] for k, pair in step.explanations.items()}
            saved = self._saver.save_explanations(
                reasons, {k: pair[1 - side] for k, pair in step.explanations.items()}
            )
            self.report = self.report.with_explanations(reasons)
        if step.unsure:
            saved = self._save_marks(step.unsure, side)
        return self._after(
            saved, cells=step.cells, texts=step.texts, explanations=step.explanations, unsure=step.unsure
        )

    def _after(
        self,
        saved: str,
        cells: Mapping[str, object] | None = None,
        texts: Mapping[str, object] | None = None,
        explanations: Mapping[str, object] | None = None,
        unsure: Mapping[str, object] | None = None,
    ) -> Update:
        findings = _check(self.form, self.report, self.previous)
        changed = findings != self.findings or not self.checked
        self.findings = findings
        self.checked = True
        return Update(
            cells=frozenset(cells or ()),
            texts=frozenset(texts or ()),
            explanations=frozenset(explanations or ()),
            unsure=frozenset(unsure or ()),
            findings_changed=changed,
            saved_at=saved,
        )
