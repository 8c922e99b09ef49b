"""The drafts database: the one object the GUI and the ``db`` commands talk to.

Every edit is committed in its own transaction before the method returns and is recorded in the
report's history. The store takes its path from the caller (tests pass ``tmp_path``); it never
imports Qt and never renders anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType

from reportdesk.form import Form, load_form
from reportdesk.report import Agency, Report
from reportdesk.store import backup as backups
from reportdesk.store import conflicts, drafts, history
from reportdesk.store import reasons as reason_keys
from reportdesk.store.bodies import check_body, find_or_add_body
from reportdesk.store.codec import Unreadable
from reportdesk.store.conflicts import Edit
from reportdesk.store.engine import Connection, SqliteConnection
from reportdesk.store.errors import NotFound, StoreError, Tampered
from reportdesk.store.imported import ImportedReports
from reportdesk.store.listing import list_bin, list_bodies, report_info
from reportdesk.store.models import Body, BodyReports, Change, Final, ReportInfo, Revision
from reportdesk.store.opening import open_database
from reportdesk.store.quick import QuickEdits
from reportdesk.store.rollover import rolled_over
from reportdesk.store.rows import (
    check_form_version,
    flat_to_report,
    insert_report,
    live_meta,
    read_flat,
    read_many,
    read_meta,
    record,
)
from reportdesk.store.server import is_server, open_server
from reportdesk.values import CellValue

Clock = Callable[[], datetime]


def _local_now() -> datetime:
    return datetime.now().astimezone()


class Store(ImportedReports):
    """An open drafts database. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, db: Connection, path: Path | None, form: Form, clock: Clock = _local_now) -> None:
        self._db = db
        # The file (SQLite), or None for a shared database on a server; ``location`` names either.
        self.path = path
        self.location = db.location
        self.engine = db.engine
        self.form = form
        self._clock = clock
        # Things the officer should know that did not stop the store from opening (Chinese).
        self.warnings: tuple[str, ...] = ()
        self._quick: QuickEdits | None = None  # a shared database's edits in one round trip

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        form: Form | None = None,
        busy_timeout: float = 5.0,
        clock: Clock = _local_now,
        daily_backup: bool = True,
    ) -> Store:
        """Open (or create) the database at ``path``: a file, or a ``postgresql://`` address.

        Raises :class:`StoreDamaged` (naming the newest good backup), :class:`StoreTooNew` or
        :class:`ForeignDatabase` without changing the file. On the first open of a day the file is
        fully integrity-checked and copied to ``backups/`` (if that fails, :attr:`warnings` says why);
        an older schema is backed up, then migrated.
        """
        if is_server(path):
            server = open_server(str(path), busy_timeout)
            store = cls(server, None, form or load_form(), clock)
            store._quick = QuickEdits(server, store.form)
            return store
        path = Path(path)
        opened = open_database(path, busy_timeout, clock(), daily_backup)
        db = SqliteConnection(opened.conn, path, opened.read_only, opened.advice)
        store = cls(db, path, form or load_form(), clock)
        store.warnings = tuple(opened.warnings)
        return store

    @property
    def read_only(self) -> bool:
        """Opened read-only (a database in a read-only place): browse, check, print, export only."""
        return bool(getattr(self._db, "read_only", None))

    @property
    def address(self) -> Path | str:
        """How to open this database again from another thread: the file, or the server's address
        with the login's password (never shown: messages use :attr:`location`)."""
        return self.path if self.path is not None else str(getattr(self._db, "url", self.location))

    @property
    def connection(self) -> Connection:
        """The engine's connection (for moving whole databases: :mod:`reportdesk.store.transfer`)."""
        return self._db

    def close(self) -> None:
        """Close the connection (every edit is already committed)."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- plumbing -----------------------------------------------------------------------------

    def _now(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A read transaction: several queries see one consistent state, whatever other writers do."""
        with self._readable(), self._db.read() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction, committed before the block is left."""
        with self._readable(), self._db.write() as conn:
            yield conn

    @contextmanager
    def _readable(self) -> Iterator[None]:
        """Rows another program changed into what this one never writes: a Chinese error naming them."""
        try:
            yield
        except Unreadable as e:
            raise Tampered(self.location, e.what, e.report_id) from e
        except UnicodeEncodeError as e:  # a lone surrogate (text from a broken file name or clipboard)
            raise StoreError("文字中有无效的字符（孤立的 UTF-16 代理项），无法保存，这项修改没有保存") from e

    def _edit(
        self,
        report_id: int,
        make: Callable[[Connection], list[Change]],
        action: str = "edit",
        note: str = "",
    ) -> int:
        if self._quick is not None:
            self._quick.forget(report_id)
        with self._write() as conn:
            conn.lock_report(report_id)
            meta = live_meta(conn, report_id)
            changes = make(conn)
            if not changes:
                return meta.rev
            return record(conn, meta, action, note, changes, self._now())

    # -- bodies -------------------------------------------------------------------------------

    def list_bodies(self) -> list[BodyReports]:
        """Every body with its reports (not those in the bin), by name, years ascending."""
        with self._read() as conn:
            return list_bodies(conn)

    def body(self, body_id: int) -> Body:
        """One body; :class:`NotFound` when there is none with that id."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT id, name, region, kind, website FROM bodies WHERE id = ?", (body_id,)
            ).fetchone()
        if row is None:
            raise NotFound(f"没有编号为 {body_id} 的机关")
        return Body(*row)

    def add_body(self, name: str, region: str = "", kind: str = "department", website: str = "") -> int:
        """Add a body (机关); returns its id."""
        check_body(name, kind, region, website)
        with self._write() as conn:
            return conn.insert(
                "INSERT INTO bodies (name, region, kind, website, created) VALUES (?, ?, ?, ?, ?)",
                (name.strip(), region.strip(), kind, website.strip(), self._now()),
            )

    def update_body(
        self,
        body_id: int,
        *,
        name: str | None = None,
        region: str | None = None,
        kind: str | None = None,
        website: str | None = None,
    ) -> None:
        """Change a body's details (its reports keep the agency block printed in their year)."""
        old = self.body(body_id)
        new = Body(
            body_id,
            (name if name is not None else old.name).strip(),
            (region if region is not None else old.region).strip(),
            kind or old.kind,
            (website if website is not None else old.website).strip(),
        )
        check_body(new.name, new.kind, new.region, new.website)
        with self._write() as conn:
            conn.execute(
                "UPDATE bodies SET name = ?, region = ?, kind = ?, website = ? WHERE id = ?",
                (new.name, new.region, new.kind, new.website, body_id),
            )

    # -- reports ------------------------------------------------------------------------------

    def create_report(self, body_id: int, year: int) -> int:
        """A new, empty report of a body for a year; returns its id."""
        body = self.body(body_id)
        agency = Agency(name=body.name, region=body.region, kind=body.kind, website=body.website)
        with self._write() as conn:
            return insert_report(
                conn, body_id, Report.empty(self.form, year, agency), "create", "", self._now()
            )

    def import_report(self, report: Report, body_id: int | None = None) -> int:
        """Store a report read from a file; returns its id. Without ``body_id`` the body is found by
        the agency's name and region, or added."""
        check_form_version(self.form, report)
        with self._write() as conn:
            if body_id is None:
                body_id = find_or_add_body(conn, report.agency, self._now())
            elif conn.execute("SELECT 1 FROM bodies WHERE id = ?", (body_id,)).fetchone() is None:
                raise NotFound(f"没有编号为 {body_id} 的机关")
            report = reason_keys.converted(conn, self.form, body_id, report)
            return insert_report(conn, body_id, report, "import", "", self._now())

    def load_many(self, report_ids: Sequence[int]) -> dict[int, Report]:
        """Several reports as they are now, read together (the 汇总 survey): ``id → report``."""
        with self._read() as conn:
            return {i: flat_to_report(m, f) for i, (m, f) in read_many(conn, report_ids).items()}

    def load(self, report_id: int, rev: int | None = None) -> Report:
        """The report as it is now, or as it was right after revision ``rev``."""
        with self._read() as conn:
            meta = read_meta(conn, report_id)
            flat = read_flat(conn, report_id) if rev is None else history.flat_at(conn, report_id, rev)
            return flat_to_report(meta, flat)

    def info(self, report_id: int) -> ReportInfo:
        """Where a report stands: year, current revision, 定稿 names, untouched carried texts."""
        with self._read() as conn:
            return report_info(conn, report_id)

    def previous_of(self, report_id: int) -> Report | None:
        """Last year's report of the same body (for the cross-year checks), if the store has it."""
        with self._read() as conn:
            meta = read_meta(conn, report_id)
            row = conn.execute(
                "SELECT id FROM reports WHERE body_id = ? AND year = ? AND deleted IS NULL",
                (meta.body_id, meta.year - 1),
            ).fetchone()
        return None if row is None else self.load(int(row[0]))

    # -- edits (each committed before returning; each returns the report's revision) --------------

    def set_cell(self, report_id: int, key: str, value: CellValue) -> int:
        """Set one cell; the totals that follow from it are re-derived in the same revision."""
        return self.set_cells(report_id, {key: value})

    def set_cells(self, report_id: int, values: Mapping[str, CellValue]) -> int:
        """Set several cells as one revision (a paste), re-deriving the totals that follow."""
        return self._edit(report_id, lambda conn: drafts.cell_changes(conn, self.form, report_id, values))

    def set_summed_cells(self, report_id: int, values: Mapping[str, CellValue], note: str) -> int:
        """Set tables 2–4 from the government-wide total as one revision recorded as 汇总 (``note``
        says from what); the totals are re-derived, the narrative is not touched."""
        return self._edit(
            report_id,
            lambda conn: drafts.cell_changes(conn, self.form, report_id, values),
            "aggregate",
            note,
        )

    def set_text(self, report_id: int, key: str, text: str) -> int:
        """Set one narrative part."""
        return self._edit(report_id, lambda conn: drafts.text_changes(conn, self.form, report_id, key, text))

    def set_explanation(self, report_id: int, key: str, reason: str | None) -> int:
        """Accept the warning whose finding id is ``key`` with a reason, or withdraw it (``None``)."""
        return self.set_explanations(report_id, {key: reason})

    def set_explanations(self, report_id: int, reasons: Mapping[str, str | None]) -> int:
        """Set several reasons as one revision (one reason given to several findings shown now)."""
        return self._edit(
            report_id, lambda conn: drafts.explanation_changes(conn, self.form, report_id, reasons)
        )

    def edit(self, report_id: int, edit: Edit) -> int:
        """Make an edit of the window with the conflict rule (:mod:`reportdesk.store.conflicts`):
        :class:`EditConflict` when someone changed one of its keys since the officer saw it."""
        if self._quick is not None:
            with self._readable():
                rev = self._quick.edit(report_id, edit, self._now())
            if rev is not None:
                return rev
        return self._edit(report_id, lambda conn: conflicts.changes(conn, self.form, report_id, edit))

    def set_agency(self, report_id: int, agency: Agency) -> int:
        """Set the agency block printed in this report."""
        return self._edit(report_id, lambda conn: drafts.agency_changes(conn, report_id, agency))

    def mark_revised(self, report_id: int, key: str) -> None:
        """The officer has read a carried text and keeps it as it is: stop pointing at it."""
        with self._write() as conn:
            conn.lock_report(report_id)
            live_meta(conn, report_id)
            conn.execute("UPDATE texts SET carried = NULL WHERE report_id = ? AND key = ?", (report_id, key))

    def unrevised_texts(self, report_id: int) -> tuple[str, ...]:
        """Text parts still exactly as carried over from last year, in report order."""
        return self.info(report_id).unrevised

    # -- history ------------------------------------------------------------------------------

    def history(self, report_id: int) -> list[Revision]:
        """Every revision, oldest first (the GUI builds undo/redo on this and :meth:`restore`)."""
        with self._read() as conn:
            return history.history(conn, report_id)

    def restore(self, report_id: int, rev: int) -> int:
        """Make the report read as it did after revision ``rev``, as a new revision; returns it."""
        return self._edit(
            report_id,
            lambda conn: history.restore_changes(conn, report_id, rev, self.form),
            "restore",
            f"恢复到第 {rev} 版",
        )

    def finalize(self, report_id: int, name: str) -> Final:
        """Record the current revision as a named 定稿 snapshot."""
        with self._write() as conn:
            conn.lock_report(report_id)
            live_meta(conn, report_id)
            return history.add_final(conn, report_id, name, self._now())

    def finals(self, report_id: int) -> list[Final]:
        """The report's 定稿 snapshots, oldest first."""
        with self._read() as conn:
            return history.list_finals(conn, report_id)

    # -- bin ----------------------------------------------------------------------------------

    def delete(self, report_id: int) -> None:
        """Move a report to the bin (nothing is erased; :meth:`undelete` brings it back)."""
        with self._write() as conn:
            conn.lock_report(report_id)
            live_meta(conn, report_id)
            conn.execute("UPDATE reports SET deleted = ? WHERE id = ?", (self._now(), report_id))

    def list_bin(self) -> list[tuple[Body, ReportInfo]]:
        """The reports in the bin, most recently deleted first."""
        with self._read() as conn:
            return list_bin(conn)

    def undelete(self, report_id: int) -> None:
        """Bring a report back from the bin, unless its body has meanwhile another one for that year."""
        with self._write() as conn:
            conn.lock_report(report_id)
            meta = read_meta(conn, report_id)
            if meta.deleted is None:
                raise StoreError(f"报告 {report_id} 不在回收站中")
            clash = conn.execute(
                "SELECT id FROM reports WHERE body_id = ? AND year = ? AND deleted IS NULL",
                (meta.body_id, meta.year),
            ).fetchone()
            if clash is not None:
                raise StoreError(
                    f"该机关已有 {meta.year} 年的报告（编号 {clash[0]}），不能同时恢复报告 {report_id}；请先删除报告 {clash[0]}"
                )
            conn.execute("UPDATE reports SET deleted = NULL WHERE id = ?", (report_id,))

    # -- rollover and backups -------------------------------------------------------------------

    def rollover(self, report_id: int, to_year: int) -> int:
        """Next year's draft made from this report (see :mod:`reportdesk.store.rollover`); returns its id."""
        with self._write() as conn:
            meta = live_meta(conn, report_id)
            source = flat_to_report(meta, read_flat(conn, report_id))
            new, carried = rolled_over(self.form, source, to_year)
            note = f"由 {source.year} 年报告（编号 {report_id}）结转"
            return insert_report(conn, meta.body_id, new, "rollover", note, self._now(), carried)

    def backup(self, file: str | Path) -> Path:
        """Copy the whole database to ``file`` (SQLite backup API; a consistent copy even mid-use)."""
        target = Path(file)
        if self.path is not None and target.exists() and target.resolve() == self.path.resolve():
            raise StoreError(f"{target} 就是当前数据库本身，请换一个备份文件名")
        db = self._db
        if not isinstance(db, SqliteConnection):
            # A shared database is copied, as far as this login sees it, into a new file.
            from reportdesk.store.transfer import copy_to_file

            return copy_to_file(db, target, self.form)
        with db.guard():
            backups.copy_database(db.raw, target)
        return target
