"""The local journal: edits kept on this computer while the shared database cannot be reached.

A small SQLite file beside the user's settings holds each edit the officer made while the server
was away — what was typed, what was seen there, on which revision — committed before the window
shows it as kept (``synchronous=FULL``: it survives a power cut too). :func:`send` hands the edits
to the server in the order they were made, with the conflict rule of
:mod:`reportdesk.store.conflicts`; each one leaves the journal only once the server has it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportdesk.store.codec import decode_cell, encode_cell
from reportdesk.store.conflicts import Edit, EditConflict
from reportdesk.store.errors import ServerUnreachable, StoreError
from reportdesk.store.models import CELL

JOURNAL_NAME = "journal.db"

_LAYOUT = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    location TEXT NOT NULL,
    report_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    vals TEXT NOT NULL,
    seen TEXT NOT NULL,
    base INTEGER NOT NULL,
    time TEXT NOT NULL
)
"""


def _encode(kind: str, values: Any) -> str:
    if kind == CELL:
        return json.dumps({k: encode_cell(v) for k, v in values.items()}, ensure_ascii=False)
    return json.dumps(dict(values), ensure_ascii=False)


def _decode(kind: str, text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    if kind == CELL:
        return {k: decode_cell(v) for k, v in data.items()}
    return data


@dataclass(frozen=True)
class Entry:
    """One kept edit of one report."""

    id: int
    report_id: int
    edit: Edit
    time: str


@dataclass(frozen=True)
class Sent:
    """What :func:`send` did: how many edits reached the server, and why it stopped, if it did."""

    sent: int
    left: int
    conflict: EditConflict | None = None
    entry: Entry | None = None  # the edit the conflict is about
    unreachable: ServerUnreachable | None = None


class Journal:
    """The journal file; every method commits before it returns."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._conn.execute(_LAYOUT)
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"无法在 {path} 建立本机暂存文件（{e}），断网时的修改将无处保存") from e

    def close(self) -> None:
        """Close the file (everything is already committed)."""
        self._conn.close()

    def add(self, location: str, report_id: int, edit: Edit, time: str) -> None:
        """Keep one edit (committed, durably, before returning)."""
        self._conn.execute(
            "INSERT INTO entries (location, report_id, kind, vals, seen, base, time) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                location,
                report_id,
                edit.kind,
                _encode(edit.kind, edit.values),
                _encode(edit.kind, edit.seen),
                edit.base,
                time,
            ),
        )

    def pending(self, location: str) -> list[Entry]:
        """The kept edits for a database, oldest first."""
        rows = self._conn.execute(
            "SELECT id, report_id, kind, vals, seen, base, time FROM entries WHERE location = ? ORDER BY id",
            (location,),
        ).fetchall()
        return [
            Entry(i, report_id, Edit(kind, _decode(kind, vals), _decode(kind, seen), base), time)
            for i, report_id, kind, vals, seen, base, time in rows
        ]

    def count(self, location: str) -> int:
        """How many edits wait for the server."""
        return int(
            self._conn.execute("SELECT count(*) FROM entries WHERE location = ?", (location,)).fetchone()[0]
        )

    def drop(self, entry_id: int) -> None:
        """The edit has reached the server (or the officer kept the other's value): forget it."""
        self._conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))

    def drop_key(self, location: str, report_id: int, kind: str, key: str) -> None:
        """Forget every kept edit of one key (the officer kept what someone else wrote there)."""
        for entry in self.pending(location):
            if entry.report_id == report_id and entry.edit.kind == kind and key in entry.edit.values:
                values = {k: v for k, v in entry.edit.values.items() if k != key}
                seen = {k: v for k, v in entry.edit.seen.items() if k != key}
                if values:
                    self._rewrite(entry.id, kind, values, seen)
                else:
                    self.drop(entry.id)

    def overrule(self, entry_id: int, key: str, theirs: Any) -> None:
        """The officer keeps their own value: send it over the other's (``theirs`` becomes what was seen)."""
        row = self._conn.execute("SELECT kind, vals, seen FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            return
        kind, vals, seen = row
        values, was = _decode(kind, vals), _decode(kind, seen)
        was[key] = theirs
        self._rewrite(entry_id, kind, values, was)

    def _rewrite(self, entry_id: int, kind: str, values: dict[str, Any], seen: dict[str, Any]) -> None:
        self._conn.execute(
            "UPDATE entries SET vals = ?, seen = ? WHERE id = ?",
            (_encode(kind, values), _encode(kind, seen), entry_id),
        )


def send(store: Any, journal: Journal) -> Sent:
    """Hand the journal's edits for ``store``'s database to it, oldest first.

    Stops at the first edit the server cannot take yet (unreachable) or that meets someone else's
    change of the same key (the officer must choose); the rest stay in the journal, in order.
    An edit the server already has (sent, then the link broke before the journal knew) is
    recognised by the conflict rule — the stored value is already what was typed — and not recorded
    twice.
    """
    sent = 0
    for entry in journal.pending(store.location):
        try:
            store.edit(entry.report_id, entry.edit)
        except EditConflict as e:
            return Sent(sent, journal.count(store.location), conflict=e, entry=entry)
        except ServerUnreachable as e:
            return Sent(sent, journal.count(store.location), unreachable=e)
        journal.drop(entry.id)
        sent += 1
    return Sent(sent, 0)
