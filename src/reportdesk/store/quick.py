"""An officer's edit on a shared database in one round trip, with the same outcome as the careful way.

The careful way (:meth:`Store._edit`) takes a dozen statements, each a round trip to the server:
begin, lock the report, read it, check, write the history and every cell, commit. With sixty
officers on one server each round trip waits for a turn on the processors, so the waits add up.

Here a connection remembers what it last read or wrote of a report — the stored text of its cells,
texts or reasons, as of a revision. The conflict check and the changes (totals re-derived) are
worked out from that, and sent as one statement that writes them only if the report is still at
that revision: it bumps the revision, records the history (signed by the login) and sets the rows
in one transaction (:data:`_APPLY`). If anyone wrote the report meanwhile nothing is written; the
report is read again (one statement) and the edit tried once more, and after that the careful way
decides (it also names whose value a conflict is about). Every change to a report's content goes
through a new revision, so a report still at the remembered revision holds what is remembered.
Row-level security applies to every part of the statement as to any other.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reportdesk.form import Form
from reportdesk.store.conflicts import Edit, check_kind, clashing, edit_changes
from reportdesk.store.models import CELL, EXPLANATION, TEXT, Change
from reportdesk.store.server import ServerConnection

_TABLES = {
    CELL: ("cells", "key", "value"),
    TEXT: ("texts", "key", "text"),
    EXPLANATION: ("explanations", "code", "reason"),
}

_READ = (
    "SELECT r.rev, r.deleted IS NULL, t.{key}, t.{value} FROM reports r "
    "LEFT JOIN {table} t ON t.report_id = r.id WHERE r.id = ?"
)

# One statement, one transaction: the revision is bumped only if the report is still at the expected
# one (the row stays locked until the end), and everything else joins on that row, so a report
# written meanwhile gets nothing. ``x`` is the list of changes (seq, key, old, new); a key whose
# ``old`` is null is new to the report and goes after the others, as the careful way puts it.
_APPLY = """
WITH bump AS (
    UPDATE reports SET rev = rev + 1, updated = ?
    WHERE id = ? AND rev = ? AND deleted IS NULL
    RETURNING id, rev
), x AS (
    SELECT * FROM jsonb_to_recordset(CAST(? AS jsonb)) AS x(seq BIGINT, key TEXT, old TEXT, new TEXT)
), revision AS (
    INSERT INTO revisions (report_id, rev, time, action, note, author)
    SELECT id, rev, ?, 'edit', '', ? FROM bump
), changed AS (
    INSERT INTO changes (report_id, rev, seq, kind, key, old, new)
    SELECT bump.id, bump.rev, x.seq, ?, x.key, x.old, x.new FROM bump, x
), gone AS (
    DELETE FROM {table} t USING bump, x
    WHERE t.report_id = bump.id AND t.{key} = x.key AND x.new IS NULL
), kept AS (
    UPDATE {table} t SET {value} = x.new FROM bump, x
    WHERE t.report_id = bump.id AND t.{key} = x.key AND x.old IS NOT NULL AND x.new IS NOT NULL
), added AS (
    INSERT INTO {table} (report_id, {key}, pos, {value})
    SELECT bump.id, x.key,
           (SELECT coalesce(max(pos), 0) FROM {table} WHERE report_id = bump.id)
           + row_number() OVER (ORDER BY x.seq),
           x.new
    FROM bump, x WHERE x.old IS NULL AND x.new IS NOT NULL
)
SELECT rev FROM bump
"""


def _statements(template: str) -> dict[str, str]:
    return {
        kind: template.format(table=table, key=key, value=value)
        for kind, (table, key, value) in _TABLES.items()
    }


_READS = _statements(_READ)
_APPLIES = _statements(_APPLY)


@dataclass
class Known:
    """What a connection knows of a report as of revision ``rev``: the stored text by key, of the
    kinds of rows it has read (cells, texts, reasons)."""

    rev: int
    kinds: dict[str, dict[str, str]] = field(default_factory=dict)

    def lookup(self, kind: str) -> Callable[[Iterable[str]], dict[str, str]]:
        """The stored text of some keys of ``kind`` (absent keys left out), as ``drafts.Lookup``."""
        values = self.kinds[kind]
        return lambda keys: {k: values[k] for k in keys if k in values}


class QuickEdits:
    """The reports a connection has edited this way, and the edits themselves."""

    def __init__(self, conn: ServerConnection, form: Form) -> None:
        self._conn = conn
        self._form = form
        self._known: dict[int, Known] = {}

    def forget(self, report_id: int | None = None) -> None:
        """Read the report (every report: ``None``) afresh before the next edit."""
        if report_id is None:
            self._known.clear()
        else:
            self._known.pop(report_id, None)

    def _read(self, report_id: int, kind: str) -> Known | None:
        rows = self._conn.execute(_READS[kind], (report_id,)).fetchall()
        if not rows or not rows[0][1]:
            self.forget(report_id)
            return None  # no such report (or not this login's), or in the bin: the careful way says so
        rev = int(rows[0][0])
        known = self._known.get(report_id)
        if known is None or known.rev != rev:
            known = self._known[report_id] = Known(rev)
        known.kinds[kind] = {key: value for _, _, key, value in rows if key is not None}
        return known

    def edit(self, report_id: int, edit: Edit, now: str) -> int | None:
        """Make ``edit``; returns the report's revision, or ``None`` when the careful way must decide
        (a conflict to describe, a report written twice meanwhile, no such report, a kind of edit
        this way does not write). Nothing is
        written unless the report was at the revision the changes were worked out on."""
        check_kind(edit)
        if edit.kind not in _TABLES:
            return None  # the marks of imported figures live in the report's row: the careful way
        try:
            with self._conn.guard():
                return self._try(report_id, edit, now)
        except BaseException:
            self.forget(report_id)
            raise

    def _try(self, report_id: int, edit: Edit, now: str) -> int | None:
        kind = edit.kind
        for _attempt in range(2):
            known = self._known.get(report_id)
            fresh = known is None or kind not in known.kinds
            if known is None or kind not in known.kinds:
                known = self._read(report_id, kind)
                if known is None:
                    return None
            values = known.kinds[kind]
            if clashing(edit, values):
                if fresh:
                    return None
                self.forget(report_id)
                continue
            changes = edit_changes(self._form, edit, known.lookup(kind))
            if not changes:
                if fresh:
                    return known.rev
                self.forget(report_id)  # what is remembered may be old: look again
                continue
            rev = self._apply(report_id, kind, known.rev, changes, now)
            if rev is None:
                self.forget(report_id)
                continue
            known.rev = rev
            for change in changes:
                if change.new is None:
                    values.pop(change.key, None)
                else:
                    values[change.key] = change.new
            return rev
        return None

    def _apply(self, report_id: int, kind: str, rev: int, changes: list[Change], now: str) -> int | None:
        rows = json.dumps(
            [{"seq": seq, "key": c.key, "old": c.old, "new": c.new} for seq, c in enumerate(changes, 1)],
            ensure_ascii=False,
        )
        row = self._conn.execute(
            _APPLIES[kind], (now, report_id, rev, rows, now, self._conn.author, kind)
        ).fetchone()
        return None if row is None else int(row[0])
