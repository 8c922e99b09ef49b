"""The session's :class:`~reportdesk.ui.control.session.Saver` for one report in the store: each edit is
committed by the store before the call returns, and the time it was saved is returned for the
status bar."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from reportdesk.store import Store
from reportdesk.values import CellValue


class StoreSaver:
    """The session's :class:`~reportdesk.ui.control.session.Saver`: one report in a database file
    (one desk; ``seen`` is not needed there — see :mod:`.shared` for a shared database)."""

    def __init__(self, store: Store, report_id: int, clock: Callable[[], datetime] = datetime.now) -> None:
        self._store, self._id, self._clock = store, report_id, clock

    def _at(self) -> str:
        return self._clock().strftime("%H:%M:%S")

    def save_cells(self, values: Mapping[str, CellValue], seen: Mapping[str, CellValue] | None = None) -> str:
        self._store.set_cells(self._id, values)
        return self._at()

    def save_text(self, key: str, text: str, seen: str | None = None) -> str:
        self._store.set_text(self._id, key, text)
        return self._at()

    def save_explanations(
        self, reasons: Mapping[str, str | None], seen: Mapping[str, str | None] | None = None
    ) -> str:
        self._store.set_explanations(self._id, reasons)
        return self._at()

    def save_unsure(
        self, marks: Mapping[str, str | None], seen: Mapping[str, str | None] | None = None
    ) -> str:
        self._store.set_unsure(self._id, marks)
        return self._at()
