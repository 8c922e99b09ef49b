"""The seam between the store and the database engine that holds it.

The store's queries are written once, with ``?`` placeholders, against :class:`Connection`; an
engine turns them into its own calls and its own failures into :class:`StoreError` with a Chinese
message. :class:`SqliteConnection` is the engine of a single desk (one file).
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol

from reportdesk.store import backup as backups
from reportdesk.store.db import Damage, describe_sqlite_error, is_busy, sqlite_reason, transaction
from reportdesk.store.errors import StoreBusy, StoreError

Params = Sequence[Any]


class Rows(Protocol):
    """What a query returns: rows as tuples, read one at a time, all at once, or by iterating;
    ``rowcount`` is how many rows a change touched."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(ABC):
    """One open connection to the drafts database, whatever the engine.

    ``engine`` names it (``sqlite``, ``postgresql``); ``location`` is what messages call the
    database (a file path, or a server address without its password).
    """

    engine: str
    location: str
    # The name recorded with each revision this connection makes ("" on a single desk's file; the
    # login on a server, which the server checks).
    author: str = ""

    @abstractmethod
    def execute(self, sql: str, params: Params = ()) -> Rows:
        """Run one statement written with ``?`` placeholders."""

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement for each row of parameters."""

    @abstractmethod
    def insert(self, sql: str, params: Params) -> int:
        """Run an ``INSERT`` into a table with an ``id`` column; returns the new row's id."""

    def lock_report(self, report_id: int) -> None:  # noqa: B027 - a no-op where writers are serialized
        """Inside a write transaction: keep other writers off this report until it ends (SQLite's
        ``BEGIN IMMEDIATE`` already keeps every other writer out)."""

    def author_names(self) -> dict[str, str]:
        """How history shows each author: ``login → name`` where the database knows a name."""
        return {}

    @abstractmethod
    def read(self) -> AbstractContextManager[Connection]:
        """A context manager: a read transaction (several queries see one state)."""

    @abstractmethod
    def write(self) -> AbstractContextManager[Connection]:
        """A context manager: one write transaction, committed when the block ends without error."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection (every edit is already committed)."""


class SqliteConnection(Connection):
    """The drafts database as one SQLite file (WAL); ``raw`` is the sqlite3 connection."""

    engine = "sqlite"

    def __init__(
        self, raw: sqlite3.Connection, path: Path, read_only: str | None = None, advice: str | None = None
    ) -> None:
        self.raw = raw
        self.path = path
        self.location = str(path)
        # Why the file is open read-only (Chinese), or None: then every write is refused, saying
        # what to do instead (``advice``).
        self.read_only = read_only
        self.advice = advice or "如需修改，请把它复制到可写的位置后再打开"

    def execute(self, sql: str, params: Params = ()) -> Rows:
        return self.raw.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        self.raw.executemany(sql, rows)

    def insert(self, sql: str, params: Params) -> int:
        return int(self.raw.execute(sql, params).lastrowid or 0)

    @contextmanager
    def guard(self) -> Iterator[SqliteConnection]:
        """SQLite's failures as the store's errors: busy, disk full, damaged (naming the backup)."""
        try:
            yield self
        except (StoreError, sqlite3.IntegrityError, sqlite3.ProgrammingError):
            raise
        except sqlite3.OperationalError as e:
            if is_busy(e):
                raise StoreBusy(self.path) from e
            if "full" in str(e):
                raise StoreError(f"磁盘空间不足，修改没有保存（数据库 {self.path}）") from e
            raise StoreError(f"数据库 {self.path} 读写失败（{sqlite_reason(e)}），修改没有保存") from e
        except sqlite3.DatabaseError as e:
            raise backups.damaged(self.path, Damage(describe_sqlite_error(e))) from e

    @contextmanager
    def read(self) -> Iterator[SqliteConnection]:
        with self.guard():
            self.raw.execute("BEGIN")
            try:
                yield self
            finally:
                if self.raw.in_transaction:
                    self.raw.execute("COMMIT")

    @contextmanager
    def write(self) -> Iterator[SqliteConnection]:
        if self.read_only is not None:
            raise StoreError(
                f"数据库 {self.path} {self.read_only}，是以只读方式打开的，这项修改没有保存；{self.advice}"
            )
        with self.guard(), transaction(self.raw, self.path):
            yield self

    def close(self) -> None:
        self.raw.close()
