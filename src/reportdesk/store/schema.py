"""The database layout and its migration ladder (``PRAGMA user_version``; on PostgreSQL the
``version`` row of ``reportdesk.meta``).

Step *n* turns a version *n - 1* database into version *n*; a new database climbs every step from
0, so a fresh file and an upgraded one have the same layout. Each step runs in one transaction
that also sets the version: a crash mid-step leaves the previous version intact. Never edit a
step that has shipped — add the next one. Steps are written once, in SQLite's SQL;
:func:`postgres_statements` turns them into PostgreSQL's (see :mod:`reportdesk.store.server`).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportdesk.store.engine import Connection

# "RPTD": marks the file as a reportdesk database, so a foreign SQLite file is never adopted.
APPLICATION_ID = 0x52505444

_V1 = """
PRAGMA application_id = 1380996164;
CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    region TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'department',
    website TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
-- One report per body and year. agency is the exchange "agency" object as printed that year;
-- extra holds unknown top-level keys of an imported file, kept as they came.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    year INTEGER NOT NULL,
    format TEXT NOT NULL,
    agency TEXT NOT NULL,
    extra TEXT NOT NULL DEFAULT '{}',
    rev INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE UNIQUE INDEX reports_body_year ON reports(body_id, year);
-- The current state of each report; pos keeps the order of keys the form does not know.
CREATE TABLE cells (
    report_id INTEGER NOT NULL REFERENCES reports(id),
    key TEXT NOT NULL,
    pos INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (report_id, key)
) WITHOUT ROWID;
CREATE TABLE texts (
    report_id INTEGER NOT NULL REFERENCES reports(id),
    key TEXT NOT NULL,
    pos INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (report_id, key)
) WITHOUT ROWID;
CREATE TABLE explanations (
    report_id INTEGER NOT NULL REFERENCES reports(id),
    code TEXT NOT NULL,
    pos INTEGER NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (report_id, code)
) WITHOUT ROWID;
-- Append-only history: one revision per edit, with every key it changed (old and new as stored;
-- NULL means the key was absent). Walking changes back from the current state rebuilds any revision.
CREATE TABLE revisions (
    report_id INTEGER NOT NULL REFERENCES reports(id),
    rev INTEGER NOT NULL,
    time TEXT NOT NULL,
    action TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (report_id, rev)
) WITHOUT ROWID;
CREATE TABLE changes (
    report_id INTEGER NOT NULL,
    rev INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    old TEXT,
    new TEXT,
    PRIMARY KEY (report_id, rev, seq),
    FOREIGN KEY (report_id, rev) REFERENCES revisions(report_id, rev)
) WITHOUT ROWID;
"""

# Version 2: the bin (a deleted report keeps its rows, and its year can be written again meanwhile),
# named 定稿 snapshots, and the text each part had when rolled over (to tell untouched text).
_V2 = """
ALTER TABLE reports ADD COLUMN deleted TEXT;
DROP INDEX reports_body_year;
CREATE UNIQUE INDEX reports_body_year ON reports(body_id, year) WHERE deleted IS NULL;
CREATE INDEX reports_body ON reports(body_id);
CREATE TABLE finals (
    report_id INTEGER NOT NULL REFERENCES reports(id),
    name TEXT NOT NULL,
    rev INTEGER NOT NULL,
    time TEXT NOT NULL,
    PRIMARY KEY (report_id, name)
) WITHOUT ROWID;
ALTER TABLE texts ADD COLUMN carried TEXT;
"""

# Version 3: who made each revision (the login on a shared database; empty on a single desk's file).
_V3 = """
ALTER TABLE revisions ADD COLUMN author TEXT NOT NULL DEFAULT '';
"""


def _v4(conn: Connection) -> None:
    """Version 4: the officer's reasons are kept per finding id (code@where[:about]), no longer per
    code; each bare-code reason becomes reasons for the findings of that code present now."""
    from reportdesk.store.reasons import migrate_to_ids

    migrate_to_ids(conn)


# Version 5: the extra column's keys and the marks of imported figures still to be checked
# (reportdesk.unsure, under extra's import.unsure) are edited like the rest of a report, recorded in
# its history as changes of kind 'extra' and 'unsure'. Nothing in the layout changes; the step is
# there so that an older program, which would read such changes as reasons, does not open the file.
_V5 = """
-- nothing to change: the version number alone is the step
"""

# A step is an SQL script (SQLite's SQL, translated for PostgreSQL), or a function for what SQL alone
# cannot do: it runs inside the step's transaction on either engine.
Step = str | Callable[["Connection"], None]
MIGRATIONS: tuple[Step, ...] = (_V1, _V2, _V3, _v4, _V5)
LATEST = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a new, empty database)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection) -> tuple[int, int]:
    """Climb the ladder from the file's version to :data:`LATEST`; returns (from, to).

    The connection must be in autocommit mode (``isolation_level=None``). Callers refuse a newer
    version before calling this.
    """
    start = user_version(conn)
    for version in range(start + 1, LATEST + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if user_version(conn) >= version:
                conn.execute("COMMIT")
                continue
            step = MIGRATIONS[version - 1]
            if callable(step):
                from reportdesk.store.engine import SqliteConnection

                step(SqliteConnection(conn, Path(conn.execute("PRAGMA database_list").fetchone()[2])))
            else:
                for statement in _statements(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start, LATEST


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (``execute`` runs one; ``executescript`` would COMMIT)."""
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    out: list[str] = []
    buffer = ""
    for line in lines:
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete statement in migration: {buffer.strip()[:60]}")
    return out


_PG_REWRITES = (
    (re.compile(r"\bid INTEGER PRIMARY KEY\b"), "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\)\s*WITHOUT ROWID\s*$"), ")"),
)


def to_postgres(statement: str) -> str | None:
    """One ladder statement in PostgreSQL's SQL; ``None`` for what only SQLite has (``PRAGMA``)."""
    if statement.lstrip().upper().startswith("PRAGMA"):
        return None
    statement = statement.rstrip().rstrip(";")
    for pattern, replacement in _PG_REWRITES:
        statement = pattern.sub(replacement, statement)
    return statement


def postgres_statements(version: int) -> list[str]:
    """The statements of ladder step ``version`` as PostgreSQL runs them (none for a step that is a
    function: the caller runs it)."""
    step = MIGRATIONS[version - 1]
    if callable(step):
        return []
    out = []
    for statement in _statements(step):
        translated = to_postgres(statement)
        if translated:
            out.append(translated)
    return out
