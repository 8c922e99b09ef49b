"""The session's saver for a report in a shared database: edits carry what the officer saw and the
revision they were made on; while the server cannot be reached they go into the local journal and
are sent, in order, when it is back (no Qt; the window polls :meth:`SharedSaver.resend`).

:class:`~reportdesk.store.EditConflict` is passed on to the controller, which asks the officer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reportdesk.store import Edit, ServerUnreachable, Store
from reportdesk.store.models import CELL, EXPLANATION, TEXT, UNSURE
from reportdesk.values import CellValue

if TYPE_CHECKING:  # the journal is loaded with the first shared report, not with the window
    from reportdesk.store.journal import Journal, Sent

OFFLINE_MARK = "（暂存本机）"


class SharedSaver:
    """Saves one report's edits to a shared database, or into ``journal`` while it is away.

    ``on_link(online, waiting)`` is told whenever the link changes or the journal's count does.
    """

    def __init__(
        self,
        store: Store,
        report_id: int,
        journal: Journal,
        on_link: Callable[[bool, int], None] = lambda online, waiting: None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._store, self._id, self._journal = store, report_id, journal
        self._on_link, self._clock = on_link, clock
        self.base = store.info(report_id).rev
        self.online = True

    @property
    def waiting(self) -> int:
        """Edits kept in the journal for this database."""
        return self._journal.count(self._store.location)

    def _at(self) -> str:
        return self._clock().strftime("%H:%M:%S")

    def _typed(
        self, values: Mapping[str, Any], seen: Mapping[str, Any] | None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        # Totals are derived by the store from the figures: only what the officer typed is sent.
        cells = self._store.form.cells
        typed = {k: v for k, v in values.items() if not (k in cells and cells[k].computed)}
        known = dict(seen or {})
        return typed, {k: known[k] for k in typed if k in known}

    def save_cells(self, values: Mapping[str, CellValue], seen: Mapping[str, CellValue] | None = None) -> str:
        typed, was = self._typed(values, seen)
        return self._save(Edit(CELL, typed, was, self.base))

    def save_text(self, key: str, text: str, seen: str | None = None) -> str:
        return self._save(Edit(TEXT, {key: text}, {key: seen} if seen is not None else {}, self.base))

    def save_explanations(
        self, reasons: Mapping[str, str | None], seen: Mapping[str, str | None] | None = None
    ) -> str:
        known = dict(seen or {})
        return self._save(Edit(EXPLANATION, dict(reasons), {k: known.get(k) for k in reasons}, self.base))

    def save_unsure(
        self, marks: Mapping[str, str | None], seen: Mapping[str, str | None] | None = None
    ) -> str:
        known = dict(seen or {})
        return self._save(Edit(UNSURE, dict(marks), {k: known.get(k) for k in marks}, self.base))

    def _save(self, edit: Edit) -> str:
        if not edit.values:
            return self._at()
        if self.waiting:
            self.resend()  # earlier edits first, or this one waits behind them
        if not self.waiting:
            try:
                self.base = self._store.edit(self._id, edit)
                self._link(True)
                return self._at()
            except ServerUnreachable:
                pass
        self._journal.add(self._store.location, self._id, edit, self._clock().isoformat(timespec="seconds"))
        self._link(False)
        return self._at() + OFFLINE_MARK

    def resend(self) -> Sent:
        """Send what the journal holds (the window calls this every few seconds while offline)."""
        from reportdesk.store.journal import send

        result = send(self._store, self._journal)
        if result.unreachable is None and result.conflict is None:
            try:
                self.base = self._store.info(self._id).rev
            except ServerUnreachable:
                self._link(False)
                return result
        self._link(result.unreachable is None)
        return result

    def _link(self, online: bool) -> None:
        changed = online != self.online
        self.online = online
        if changed or not online:
            self._on_link(online, self.waiting)
