"""The steps of opening the database, in the order that keeps a bad file untouched.

A new file is made in one step; an existing one is looked at (raw bytes, then read-only queries)
before anything is written; an older layout is backed up, then migrated; on the first open of a
day that has something worth keeping, a backup copy is taken — if that copy fails, the database
still opens and the reason is handed back as a warning.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportdesk.files import explain_os_error
from reportdesk.store import backup as backups
from reportdesk.store.db import (
    Damage,
    check_file,
    configure,
    connect,
    create,
    default_path,
    inspect,
    is_access_problem,
    is_busy,
    sqlite_reason,
    wal_has_frames,
)
from reportdesk.store.errors import StoreBusy, StoreError
from reportdesk.store.schema import LATEST, migrate
from reportdesk.store.shares import ADVICE, NetworkShare, network_share, on_share


@dataclass(frozen=True)
class Opened:
    """An open database: the connection, warnings met on the way (Chinese), and why it is read-only
    (``None`` when it can be written)."""

    conn: sqlite3.Connection
    warnings: list[str]
    read_only: str | None = None
    advice: str | None = None  # what to do instead of writing here (Chinese), when read-only


def open_database(path: Path, busy_timeout: float, now: datetime, daily_backup: bool) -> Opened:
    """A ready connection to ``path`` and the warnings met on the way (in Chinese).

    A sound database that cannot be written here (a read-only folder or file) is opened read-only.
    Raises :class:`StoreDamaged`, :class:`ForeignDatabase`, :class:`StoreTooNew`, :class:`StoreBusy`
    or :class:`StoreError`; none of them after writing to a file that is not a sound database.
    A file on a network share is opened read-only, and none is made there (:mod:`.shares`).
    """
    share = network_share(path)
    try:
        exists = path.exists()
    except OSError as e:  # a name too long, a loop of links …
        raise StoreError(f"无法打开数据库 {path}：{explain_os_error(e)}") from e
    if share is not None and not exists:
        raise NetworkShare(path, share)
    if not exists:
        create(path)
    try:
        check_file(path)
    except Damage as e:
        raise backups.damaged(path, e) from None
    except OSError as e:
        raise StoreError(f"无法读取数据库 {path}：{explain_os_error(e, reading=True)}") from e
    if share is not None:
        return _open_read_only(path, busy_timeout, on_share(share), ADVICE, shared=True)
    reason = read_only_reason(path)
    if reason is not None:
        return _open_read_only(path, busy_timeout, reason)
    first_today = daily_backup and not backups.daily_path(path, now.date()).exists()
    if wal_has_frames(path):
        _look_through_read_only(path, busy_timeout, first_today)
    conn = connect(path, busy_timeout)
    version: int | None = None
    try:
        try:
            version = inspect(conn, path, full_check=first_today)
            if version < 0:
                raise _version_mismatch(path, version, "负数不是本程序写入的版本号")
            if 0 < version < LATEST:
                backups.safety_backup(conn, path, now, f"before-v{LATEST}")
            configure(conn)
            migrate(conn)
        except Damage as e:
            raise backups.damaged(path, e) from None
        except sqlite3.OperationalError as e:
            if is_busy(e):
                raise StoreBusy(path) from e
            if version is not None and version < LATEST:  # a step of the ladder failed: rolled back
                raise _version_mismatch(path, version, "按此版本号升级时，应新建的表或列已经存在") from e
            raise StoreError(f"无法打开数据库 {path}：{sqlite_reason(e)}") from e
        warnings = []
        if first_today and conn.execute("SELECT EXISTS (SELECT 1 FROM bodies)").fetchone()[0]:
            try:
                backups.daily_backup(conn, path, now.date())
            except StoreError as e:
                warnings.append(f"今天的自动备份没有做成：{e}")
    except BaseException:
        conn.close()
        raise
    return Opened(conn, warnings)


def _version_mismatch(path: Path, version: int, detail: str) -> StoreError:
    return StoreError(
        f"数据库 {path} 记录的版本号（{version}）与其中的表不符（{detail}），可能被其他程序改动过；"
        "程序没有改动这个文件。请从备份恢复（reportdesk db restore-backup 备份文件），或把它交给技术支持"
    )


def _look_through_read_only(path: Path, busy_timeout: float, full_check: bool) -> None:
    """With changes waiting in a -wal, look at the file through a read-only connection first:
    closing a read-write connection merges the -wal into the file, and a -wal that is damaged or
    was left there by another database must never be merged (the file would be lost with it)."""
    conn = _read_only_connection(path, busy_timeout, immutable=False)
    try:
        inspect(conn, path, full_check)
    except Damage as e:
        raise backups.damaged(path, e) from None
    except sqlite3.Error:
        return  # no verdict here (busy, access): the read-write open says what it is
    finally:
        conn.close()


def _may_write(path: Path) -> bool:
    """Whether this program may write ``path`` (a file, or a folder to make files in).

    Permission bits with no write bit for anyone count as read-only even for an administrator (as
    a file marked read-only in Windows). On Windows a folder's read-only mark means nothing, so
    there a folder is tried by making a file in it.
    """
    try:
        st = os.stat(path)
    except OSError:
        return True  # the steps after this one say what is wrong
    if os.name == "nt" and stat.S_ISDIR(st.st_mode):
        try:
            fd, name = tempfile.mkstemp(prefix=".reportdesk-", dir=path)
        except OSError:
            return False
        os.close(fd)
        os.unlink(name)
        return True
    return bool(st.st_mode & 0o222) and os.access(path, os.W_OK)


def read_only_reason(path: Path) -> str | None:
    """Why the database at ``path`` cannot be written here (Chinese), or None."""
    if not _may_write(path.parent if str(path.parent) else Path(".")):
        return "所在的文件夹是只读的"
    if not _may_write(path):
        return "文件是只读的"
    return None


def _open_read_only(
    path: Path, busy_timeout: float, reason: str, advice: str | None = None, shared: bool = False
) -> Opened:
    """A sound database in a place it cannot (or must not: ``shared``) be written to, opened so that
    nothing is written."""
    where = f"数据库 {path} {reason}"
    move = advice or f"如需修改，请把它复制到可写的位置（如 {default_path().parent}）后再打开"
    # With no changes waiting in a -wal, "immutable" reads the file and never makes a -shm or -wal
    # beside it; changes in a -wal need its index, which a read-only place may not let SQLite make
    # (and on a network share its shared memory is what does not work).
    pending = wal_has_frames(path)
    if pending and shared:
        raise StoreError(
            f"{where}，而且有尚未并入主文件的修改（{path.name}-wal），无法只读打开；"
            f"请把它连同 {path.name}-wal 一起复制到本机磁盘再打开。{ADVICE}"
        )
    conn = _read_only_connection(path, busy_timeout, immutable=not pending)
    try:
        try:
            version = inspect(conn, path, full_check=False)
        except sqlite3.OperationalError as e:
            if not (pending and is_access_problem(e)):
                raise
            raise StoreError(
                f"{where}，而且有尚未并入主文件的修改（{path.name}-wal），无法只读打开；{move}"
            ) from e
        if version < LATEST:
            raise StoreError(f"{where}，而它是旧版本的数据库，需要升级后才能打开；{move}")
    except Damage as e:
        conn.close()
        raise backups.damaged(path, e) from None
    except sqlite3.Error as e:
        conn.close()
        raise StoreError(f"{where}，无法只读打开（{sqlite_reason(e)}）；{move}") from e
    except BaseException:
        conn.close()
        raise
    notice = f"{where}，已以只读方式打开：可以浏览、检查、打印和导出，不能修改。{move}"
    return Opened(conn, [notice], reason, advice)


def _read_only_connection(path: Path, busy_timeout: float, immutable: bool) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    return sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None)
