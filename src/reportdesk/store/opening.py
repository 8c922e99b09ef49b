"""The steps of opening the database, in the order that keeps a bad file untouched.

A new file is made in one step; an existing one is looked at (raw bytes, then read-only queries)
before anything is written; an older layout is backed up, then migrated; on the first open of a
day that has something worth keeping, a backup copy is taken — if that copy fails, the database
still opens and the reason is handed back as a warning.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from reportdesk.files import explain_os_error
from reportdesk.store import backup as backups
from reportdesk.store.db import Damage, check_file, configure, connect, create, inspect, is_busy
from reportdesk.store.errors import StoreBusy, StoreError
from reportdesk.store.schema import LATEST, migrate


def open_database(
    path: Path, busy_timeout: float, now: datetime, daily_backup: bool
) -> tuple[sqlite3.Connection, list[str]]:
    """A ready connection to ``path`` and the warnings met on the way (in Chinese).

    Raises :class:`StoreDamaged`, :class:`ForeignDatabase`, :class:`StoreTooNew`, :class:`StoreBusy`
    or :class:`StoreError`; none of them after writing to a file that is not a sound database.
    """
    if not path.exists():
        create(path)
    try:
        check_file(path)
    except Damage as e:
        raise backups.damaged(path, e) from None
    except OSError as e:
        raise StoreError(f"无法读取数据库 {path}：{explain_os_error(e)}") from e
    conn = connect(path, busy_timeout)
    try:
        first_today = daily_backup and not backups.daily_path(path, now.date()).exists()
        try:
            version = inspect(conn, path, full_check=first_today)
            if 0 < version < LATEST:
                backups.safety_backup(conn, path, now, f"before-v{LATEST}")
            configure(conn)
            migrate(conn)
        except Damage as e:
            raise backups.damaged(path, e) from None
        except sqlite3.OperationalError as e:
            if is_busy(e):
                raise StoreBusy(path) from e
            raise StoreError(f"无法打开数据库 {path}：{e}（所在位置可能只读或不支持数据库文件）") from e
        warnings = []
        if first_today and conn.execute("SELECT EXISTS (SELECT 1 FROM bodies)").fetchone()[0]:
            try:
                backups.daily_backup(conn, path, now.date())
            except StoreError as e:
                warnings.append(f"今天的自动备份没有做成：{e}")
    except BaseException:
        conn.close()
        raise
    return conn, warnings
