"""Opening the database file: where it is, whether it is ours and sound, and how it is set up.

Nothing here writes to a file before it has been found to be a sound reportdesk database of a
version this program knows (or a new file). Damage is reported as :class:`Damage`; the caller adds
the newest good backup to the message.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from reportdesk.files import explain_os_error
from reportdesk.store.errors import ForeignDatabase, StoreBusy, StoreError, StoreTooNew
from reportdesk.store.schema import APPLICATION_ID, LATEST, migrate, user_version

DB_NAME = "reportdesk.db"
ENV_VAR = "REPORTDESK_DB"
SQLITE_MAGIC = b"SQLite format 3\x00"


class Damage(Exception):
    """The file is damaged; ``what`` says how, in Chinese."""

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(what)


def default_path() -> Path:
    """The database in the user's data folder (platformdirs)."""
    return Path(platformdirs.user_data_dir("reportdesk", appauthor=False)) / DB_NAME


def resolve_path(given: str | os.PathLike[str] | None = None) -> Path:
    """The database file to use: ``given`` (``--db``), else ``$REPORTDESK_DB``, else :func:`default_path`."""
    if given:
        return Path(given)
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env)
    return default_path()


def resolve_location(given: str | os.PathLike[str] | None = None) -> Path | str:
    """As :func:`resolve_path`, but a ``postgresql://`` address (a shared database) is kept as text."""
    chosen = os.fspath(given) if given else os.environ.get(ENV_VAR, "").strip()
    if isinstance(chosen, str) and chosen.strip().lower().startswith(("postgresql://", "postgres://")):
        return chosen.strip()
    return resolve_path(given)


def wal_has_frames(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 32  # a WAL header alone holds no pages
    except OSError:
        return False


def check_file(path: Path) -> None:
    """Look at the raw bytes: raise :class:`Damage` for an empty, non-SQLite or truncated file."""
    size = path.stat().st_size
    if size == 0:
        raise Damage("文件是空的（0 字节），内容已丢失，可能被截断或被其他程序清空")
    with path.open("rb") as f:
        header = f.read(100)
    if not header.startswith(SQLITE_MAGIC[: min(len(header), 16)]) or len(header) < 16:
        raise Damage(
            "这不是 SQLite 数据库文件（文件开头不是 SQLite 的标识，可能被其他程序覆盖或写入了无关内容）"
        )
    if len(header) < 100:
        raise Damage(f"文件不完整（只有 {size} 字节，连文件头都不完整），可能被截断")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[92:96] == header[24:28]
    # With pages still in the WAL the main file may legitimately be shorter than its header says.
    if header_valid and pages and size < pages * page_size and not wal_has_frames(path):
        raise Damage(f"文件被截断（应有 {pages * page_size} 字节，实有 {size} 字节），后半部分的数据已丢失")


def connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) that waits ``busy_timeout`` s."""
    conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def integrity(conn: sqlite3.Connection, full: bool) -> str | None:
    """``None`` when the file is sound, else what SQLite's check found, in Chinese."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}(20)").fetchall()
    except sqlite3.DatabaseError as e:
        if is_access_problem(e):
            raise
        return sqlite_reason(e)
    messages = [str(r[0]) for r in rows]
    if messages == ["ok"]:
        return None
    more = "20 处以上" if len(messages) >= 20 else f"{len(messages)} 处"
    return f"SQLite 的检查发现 {more}页面或索引不一致"


_SQLITE_PHRASES = (
    ("not a database", "文件头或加密方式不对，不是有效的 SQLite 数据库文件"),
    ("malformed", "数据库文件的内部结构损坏"),
    ("database or disk is full", "磁盘空间不足"),
    ("disk i/o error", "读写磁盘时出错（磁盘、U 盘或网络盘可能有问题）"),
    ("readonly database", "数据库文件或其所在文件夹是只读的"),
    ("unable to open database file", "无法打开数据库文件（所在文件夹可能只读、不存在或不支持数据库文件）"),
    ("locked", "数据库正被另一个程序使用"),
    ("busy", "数据库正被另一个程序使用"),
    ("no such table", "数据库缺少应有的表"),
    ("no such column", "数据库缺少应有的列"),
    ("constraint failed", "数据不符合数据库的约束"),
    ("datatype mismatch", "数据类型与数据库的定义不符"),
    ("interrupted", "操作被中断"),
)


def sqlite_reason(e: sqlite3.Error) -> str:
    """A Chinese account of an SQLite error (SQLite's own English text never reaches the officer)."""
    text = str(e).lower()
    for english, chinese in _SQLITE_PHRASES:
        if english in text:
            return chinese
    name = getattr(e, "sqlite_errorname", None)
    return f"SQLite 错误 {name}" if name else "SQLite 报告了未知错误"


def describe_sqlite_error(e: sqlite3.DatabaseError) -> str:
    """A Chinese account of an SQLite error that means the file is damaged."""
    text = str(e)
    if "not a database" in text:
        return "这不是有效的 SQLite 数据库文件（文件头或加密方式不对）"
    return f"数据库内部结构损坏（{sqlite_reason(e)}）"


def describe_write_error(e: sqlite3.Error) -> str:
    """A Chinese account of an SQLite error met while writing a copy."""
    return sqlite_reason(e)


def inspect(conn: sqlite3.Connection, path: Path, full_check: bool) -> int:
    """Read-only look at an existing file; returns its schema version.

    Raises :class:`Damage`, :class:`ForeignDatabase` or :class:`StoreTooNew`; writes nothing.
    """
    try:
        version = user_version(conn)
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        tables = int(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
        problem = integrity(conn, full_check)
    except sqlite3.DatabaseError as e:
        if is_access_problem(e):
            raise  # the file may be sound: it cannot be opened as asked (read-only place, busy)
        raise Damage(describe_sqlite_error(e)) from e
    if problem is not None:
        raise Damage(f"数据库完整性检查未通过（{problem}）")
    if app_id != APPLICATION_ID and (app_id != 0 or tables or version):
        raise ForeignDatabase(path)
    if version > LATEST:
        raise StoreTooNew(path, version, LATEST)
    return version


def create(path: Path) -> None:
    """Make a new, empty database at ``path``: built beside it and moved into place in one step,
    so a crash never leaves a half-made file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".reportdesk-", suffix=".new", dir=path.parent)
    except OSError as e:
        raise StoreError(f"无法在 {path.parent} 创建数据库：{explain_os_error(e)}") from e
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            # Nobody sees the file until it is complete: one flush to disk at the end instead of
            # one per schema step (a first start waited ~30 ms for them).
            conn.execute("PRAGMA synchronous = OFF")
            migrate(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        for suffix in ("-wal", "-shm"):
            Path(tmp_name + suffix).unlink(missing_ok=True)
        _flush(tmp)
        _place_if_absent(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _flush(path: Path) -> None:
    """Make the file's content durable before it gets its real name."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _place_if_absent(tmp: Path, path: Path) -> None:
    """Give ``tmp`` the name ``path`` in one step unless a file is there already.

    Two reportdesks starting at once on a new database must not replace each other's file (the
    first may already be writing to it): a hard link (POSIX) or a rename (Windows) never overwrites.
    """
    try:
        if os.name == "nt":
            os.rename(tmp, path)
        else:
            os.link(tmp, path)
    except FileExistsError:
        return  # someone else created it meanwhile: theirs wins
    except OSError:
        # A file system without hard links: fall back to a check just before the move.
        if not path.exists():
            os.replace(tmp, path)


def configure(conn: sqlite3.Connection) -> None:
    """WAL and synchronous=NORMAL: a committed edit survives the process being killed at any moment
    (the WAL is written before COMMIT returns); a power cut can lose only the last moments, never
    the file's consistency. FULL would add an fsync to every edit."""
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"无法把数据库切换到 WAL 模式（当前为 {mode}），可能所在位置不支持（如网络盘）")
    conn.execute("PRAGMA synchronous = NORMAL")


_ACCESS_CODES = (
    "SQLITE_READONLY",
    "SQLITE_CANTOPEN",
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_PERM",
    "SQLITE_AUTH",
)


def is_access_problem(e: sqlite3.Error) -> bool:
    """An error that says the file could not be opened or written as asked — not that it is damaged."""
    name = getattr(e, "sqlite_errorname", "") or ""
    text = str(e).lower()
    return isinstance(e, sqlite3.OperationalError) and (
        name.startswith(_ACCESS_CODES) or "readonly" in text or "unable to open" in text or is_busy(e)
    )


def is_busy(e: sqlite3.OperationalError) -> bool:
    """SQLite gave up waiting for a lock held by another connection."""
    text = str(e)
    return "locked" in text or "busy" in text


@contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken with the write lock up front and committed before returning."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        if is_busy(e):
            raise StoreBusy(path) from e
        raise
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
