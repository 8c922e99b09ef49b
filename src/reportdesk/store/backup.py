"""Backups: plain SQLite copies made with the backup API, in ``backups/`` beside the database.

A daily copy is taken on the first open of each day (the last 14 are kept); a safety copy is taken
before a migration and before a restore. A restore never destroys anything: a sound database is
copied aside first, a damaged one is moved aside whole (with its ``-wal``/``-shm``).
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reportdesk.files import OutputError, explain_os_error, replace_file
from reportdesk.store.db import Damage, check_file, configure, connect, describe_write_error, inspect
from reportdesk.store.errors import ForeignDatabase, StoreDamaged, StoreError, StoreTooNew
from reportdesk.store.schema import migrate
from reportdesk.store.shares import refuse_network_share

BACKUP_DIR = "backups"
KEEP = 14
SIDE_FILES = ("-wal", "-shm")


def backup_dir(db: Path) -> Path:
    """The folder holding the backups of ``db``."""
    return db.parent / BACKUP_DIR


def daily_path(db: Path, day: date) -> Path:
    """Where the daily backup of ``db`` for ``day`` lives."""
    return backup_dir(db) / f"{db.stem}-{day.isoformat()}.db"


def _stamped_path(db: Path, when: datetime, why: str) -> Path:
    return backup_dir(db) / f"{db.stem}-{when.strftime('%Y-%m-%d-%H%M%S')}-{why}.db"


def _pattern(db: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(db.stem)}-(\d{{4}}-\d{{2}}-\d{{2}})(-\d{{6}}-[a-z0-9-]+)?\.db$")


def list_backups(db: Path) -> list[Path]:
    """Every backup of ``db``, newest first (damaged files moved aside are not backups)."""
    folder = backup_dir(db)
    if not folder.is_dir():
        return []
    pattern = _pattern(db)
    found = [p for p in folder.iterdir() if pattern.match(p.name) and not p.name.endswith("-damaged.db")]

    # By the day in the name, then by when the file was written (a day can hold a daily and a safety copy).
    def written(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:  # removed meanwhile by another reportdesk pruning its copies
            return 0.0

    return sorted(
        found, key=lambda p: (p.name[len(db.stem) + 1 : len(db.stem) + 11], written(p)), reverse=True
    )


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy an open database to ``target`` with the backup API, through a temporary file moved into
    place (:func:`reportdesk.files.replace_file`), as a self-contained file (rollback journal, no
    ``-wal`` beside it)."""

    def fill(tmp: Path) -> None:
        copy = sqlite3.connect(tmp, isolation_level=None)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_file(target, fill)
    except OutputError as e:
        raise StoreError(f"无法写入备份 {target}：{e.reason}") from e
    except sqlite3.Error as e:
        raise StoreError(f"无法写入备份 {target}：{describe_write_error(e)}") from e
    except OSError as e:
        raise StoreError(f"无法写入备份 {target}：{explain_os_error(e)}") from e


def _prune(db: Path) -> None:
    daily: list[Path] = []
    stamped: dict[str, list[Path]] = {}
    for p in list_backups(db):
        m = _pattern(db).match(p.name)
        if m and m.group(2):
            stamped.setdefault(m.group(2).split("-", 2)[2], []).append(p)
        else:
            daily.append(p)
    for group in (daily, *stamped.values()):
        for old in group[KEEP:]:
            old.unlink(missing_ok=True)


def daily_backup(conn: sqlite3.Connection, db: Path, today: date) -> Path | None:
    """Take today's backup unless it exists; keep the newest :data:`KEEP`. Returns the new file."""
    target = daily_path(db, today)
    if target.exists():
        return None
    copy_database(conn, target)
    _prune(db)
    return target


def safety_backup(conn: sqlite3.Connection, db: Path, now: datetime, why: str) -> Path:
    """A copy kept before something replaces or upgrades the database (``why``: e.g. before-restore)."""
    target = _stamped_path(db, now, why)
    copy_database(conn, target)
    _prune(db)
    return target


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file, not even its -wal or -shm."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None)


def validate(path: Path) -> int:
    """Check a backup file fully; returns its schema version, raises Damage/ForeignDatabase/StoreTooNew."""
    check_file(path)
    conn = open_read_only(path)
    try:
        return inspect(conn, path, full_check=True)
    finally:
        conn.close()


def newest_good_backup(db: Path) -> Path | None:
    """The newest backup of ``db`` that passes the integrity check."""
    for candidate in list_backups(db):
        try:
            validate(candidate)
        except (Damage, StoreError, OSError, sqlite3.Error):
            continue
        return candidate
    return None


def damaged(db: Path, damage: Damage) -> StoreDamaged:
    """The error to raise for a damaged ``db``, naming its newest good backup."""
    return StoreDamaged(db, damage.what, newest_good_backup(db))


@dataclass(frozen=True)
class Restored:
    """What :func:`restore_backup` did: ``kept`` is where the previous database now is (or None)."""

    source: Path
    kept: Path | None
    damaged: bool


def _usable_backup(file: Path) -> None:
    if not file.is_file():
        raise StoreError(f"备份文件 {file} 不存在")
    try:
        validate(file)
    except Damage as e:
        raise StoreError(f"备份文件 {file} 不能使用：{e.what}") from e
    except ForeignDatabase as e:
        raise StoreError(f"{file} 不是 reportdesk 的数据库备份，没有恢复") from e
    except StoreTooNew as e:
        raise StoreError(
            f"备份文件 {file} 来自更新版本的 reportdesk（数据库版本 {e.version}），请升级后再恢复"
        ) from e


def restore_backup(db: Path, file: Path, now: datetime) -> Restored:
    """Make ``db`` a copy of the backup ``file`` (validated first), keeping what was there.

    A sound database is backed up and then overwritten in place through the backup API, which is
    safe even while another reportdesk has it open; anything else at ``db`` (damaged, foreign,
    newer) is moved into the backups folder untouched.
    """
    _usable_backup(file)
    refuse_network_share(db)
    if db.exists() and file.resolve() == db.resolve():
        raise StoreError(f"{file} 就是当前数据库本身，不能用它恢复自己")
    if db.exists():
        conn = connect(db, busy_timeout=10.0)
        try:
            try:
                check_file(db)
                inspect(conn, db, full_check=True)
            except (Damage, ForeignDatabase, StoreTooNew):
                sound = False
            else:
                sound = True
            if sound:
                kept = safety_backup(conn, db, now, "before-restore")
                source = open_read_only(file)
                try:
                    source.backup(conn)
                finally:
                    source.close()
                configure(conn)
                migrate(conn)
                return Restored(file, kept, damaged=False)
        finally:
            conn.close()
        kept = _move_aside(db, now)
        _place_copy(file, db)
        return Restored(file, kept, damaged=True)
    _place_copy(file, db)
    return Restored(file, None, damaged=False)


def _move_aside(db: Path, now: datetime) -> Path:
    target = _stamped_path(db, now, "damaged")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for suffix in SIDE_FILES:
            side = db.with_name(db.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
        os.replace(db, target)
    except OSError as e:
        raise StoreError(
            f"无法把损坏的数据库 {db} 移到 {target.parent}：{explain_os_error(e)}，没有恢复"
        ) from e
    return target


def _place_copy(file: Path, db: Path) -> None:
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".reportdesk-", suffix=".new", dir=db.parent)
        os.close(fd)
    except OSError as e:
        raise StoreError(f"无法在 {db.parent} 写入数据库：{explain_os_error(e)}") from e
    try:
        source = open_read_only(file)
        target = sqlite3.connect(tmp_name, isolation_level=None)
        try:
            source.backup(target)
            configure(target)
            migrate(target)
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            target.close()
            source.close()
        for suffix in SIDE_FILES:
            Path(tmp_name + suffix).unlink(missing_ok=True)
        os.replace(tmp_name, db)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
