"""The drafts database on a PostgreSQL server (psycopg 3): one database for a government's bodies.

Chosen by a ``postgresql://`` address wherever a database is named. The tables are those of the
SQLite file, in the schema ``reportdesk`` (the ladder of :mod:`reportdesk.store.schema`, translated,
its version kept in ``reportdesk.meta``); who may read and write what is the server's business
(row-level security, :mod:`reportdesk.store.access`). A lost connection is reopened on the next
call; until then every call says at once that the server cannot be reached.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from reportdesk.store.access import rules_statements
from reportdesk.store.engine import Connection, Params, Rows
from reportdesk.store.errors import (
    AccessDenied,
    ForeignDatabase,
    ServerUnreachable,
    StoreBusy,
    StoreError,
    StoreTooNew,
)
from reportdesk.store.schema import APPLICATION_ID, LATEST, MIGRATIONS, postgres_statements

SCHEMA = "reportdesk"
URL_SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT = 5  # seconds before an unreachable server is reported
# A dead link (cable pulled, port blocked) is noticed within seconds instead of the system's minutes.
_LINK = {"keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 2}
_TCP_USER_TIMEOUT_MS = 8000


def is_server(location: object) -> bool:
    """``location`` names a PostgreSQL database (``postgresql://…``) rather than a file."""
    return isinstance(location, str) and location.strip().lower().startswith(URL_SCHEMES)


def display_url(url: str) -> str:
    """The address as messages show it: without the password."""
    parts = urlsplit(url.strip())
    if parts.password is None:
        return url.strip()
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


@lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (and a literal ``%`` doubled), quoted text left alone."""
    out: list[str] = []
    quoted = False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
        if ch == "%":
            out.append("%%")
        elif ch == "?" and not quoted:
            out.append("%s")
        else:
            out.append(ch)
    return "".join(out)


def _driver() -> Any:
    try:
        import psycopg
    except ImportError as e:  # an installation without the server extra
        raise StoreError(
            "本程序缺少连接 PostgreSQL 共享数据库所需的组件 psycopg（pip install 'psycopg[binary]'），"
            "只能使用本机数据库文件"
        ) from e
    return psycopg


def _reason(e: Exception) -> str:
    diag = getattr(e, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    return str(primary or e).strip().splitlines()[0] if str(primary or e).strip() else type(e).__name__


class ServerConnection(Connection):
    """One connection to the shared database, reopened on the next call after the link was lost."""

    engine = "postgresql"

    def __init__(self, url: str, busy_timeout: float, connect_timeout: float = CONNECT_TIMEOUT) -> None:
        self.url = url.strip()
        self.location = display_url(self.url)
        self.busy_timeout = busy_timeout
        self.connect_timeout = connect_timeout
        self.raw: Any = None
        self.user = ""
        self._reconnect()

    # -- the link ----------------------------------------------------------------------------

    def _reconnect(self) -> None:
        psycopg = _driver()
        try:
            self.raw = psycopg.connect(
                self.url,
                autocommit=True,
                connect_timeout=max(1, round(self.connect_timeout)),
                application_name="reportdesk",
                # JIT compiling costs more than the short queries of the store ever take (row-level
                # security inflates their estimates past its threshold: 0.4 s for one survey query).
                options=f"-c search_path={SCHEMA} -c jit=off -c lock_timeout={round(self.busy_timeout * 1000)}",
                tcp_user_timeout=_TCP_USER_TIMEOUT_MS,
                **_LINK,
            )
        except psycopg.OperationalError as e:
            raise self._unreachable(e) from e
        except psycopg.Error as e:
            raise StoreError(f"无法连接共享数据库 {self.location}：{_reason(e)}") from e
        self.user = str(self.raw.info.user)
        self.author = self.user

    def _unreachable(self, e: Exception) -> StoreError:
        text = str(e)
        if "password" in text or "authentication" in text or ("role" in text and "does not exist" in text):
            return AccessDenied(
                f"共享数据库 {self.location} 拒绝登录：用户名或密码不对（{_reason(e)}）。请向政务公开办核对账号"
            )
        if "does not exist" in text and "database" in text:
            return StoreError(f"共享数据库服务器上没有这个数据库：{self.location}（{_reason(e)}）")
        return ServerUnreachable(self.location, _reason(e))

    def _live(self) -> Any:
        if self.raw is None or self.raw.closed or self.raw.broken:
            if self.raw is not None:
                self.raw.close()
            self._reconnect()
        return self.raw

    def _drop(self) -> None:
        if self.raw is not None:
            with suppress(Exception):
                self.raw.close()
        self.raw = None

    @property
    def alive(self) -> bool:
        """The link was sound after the last call (a call on a lost link tries to reopen it)."""
        return self.raw is not None and not self.raw.closed and not self.raw.broken

    # -- Connection --------------------------------------------------------------------------

    def execute(self, sql: str, params: Params = ()) -> Rows:
        cur: Rows = self._live().execute(to_pyformat(sql), tuple(params))
        return cur

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        with self._live().cursor() as cur:
            cur.executemany(to_pyformat(sql), [tuple(r) for r in rows])

    def insert(self, sql: str, params: Params) -> int:
        row = self.execute(sql.rstrip().rstrip(";") + " RETURNING id", params).fetchone()
        return int(row[0])

    def author_names(self) -> dict[str, str]:
        rows = self.execute("SELECT role, label FROM accounts").fetchall()
        return {role: f"{label}（{role}）" for role, label in rows}

    def lock_report(self, report_id: int) -> None:
        self.execute("SELECT 1 FROM reports WHERE id = ? FOR UPDATE", (report_id,))

    @contextmanager
    def guard(self) -> Iterator[ServerConnection]:
        """The server's failures as the store's errors, each in Chinese."""
        psycopg = _driver()
        errors = psycopg.errors
        try:
            yield self
        except StoreError:
            raise
        except errors.InsufficientPrivilege as e:
            raise AccessDenied(
                f"您的账号（{self.user}）无权查看或修改这项内容，共享数据库拒绝了操作（{_reason(e)}）"
            ) from e
        except (errors.LockNotAvailable, errors.QueryCanceled, errors.DeadlockDetected) as e:
            raise StoreBusy(self.location) from e
        except errors.SerializationFailure as e:
            raise StoreBusy(self.location) from e
        except psycopg.OperationalError as e:
            self._drop()  # whatever state the link is in, the next call starts a new one
            raise self._unreachable(e) from e
        except psycopg.IntegrityError as e:
            raise StoreError(f"共享数据库拒绝了这次修改（{_reason(e)}），没有保存") from e
        except psycopg.Error as e:
            raise StoreError(f"共享数据库 {self.location} 读写失败（{_reason(e)}），修改没有保存") from e

    @contextmanager
    def read(self) -> Iterator[ServerConnection]:
        with self.guard(), self._live().transaction():
            self.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield self

    @contextmanager
    def write(self) -> Iterator[ServerConnection]:
        with self.guard(), self._live().transaction():
            yield self

    def close(self) -> None:
        if self.raw is not None:
            self.raw.close()

    def __enter__(self) -> ServerConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the schema --------------------------------------------------------------------------

    def version(self) -> int | None:
        """The layout version of the database; ``None`` when it holds no reportdesk schema yet.

        :class:`ForeignDatabase` when a ``reportdesk`` schema is there that reportdesk did not make.
        """
        with self.read():
            has_schema = self.execute("SELECT 1 FROM pg_namespace WHERE nspname = ?", (SCHEMA,)).fetchone()
            if has_schema is None:
                return None
            has_meta = self.execute("SELECT to_regclass(?)", (f"{SCHEMA}.meta",)).fetchone()[0]
            if has_meta is None:
                raise ForeignDatabase(self.location, "其中的 reportdesk 模式不是本程序建立的")
            rows = dict(self.execute("SELECT key, value FROM meta").fetchall())
        if rows.get("application") != str(APPLICATION_ID):
            raise ForeignDatabase(self.location, "其中的 reportdesk 模式不是本程序建立的")
        return int(rows.get("version", "0"))

    def migrate(self) -> None:
        """Climb the ladder to :data:`LATEST` (each step one transaction, one migrator at a time)."""
        with self.write():
            self.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
            self.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self.execute(
                "INSERT INTO meta (key, value) VALUES ('application', ?), ('version', '0') ON CONFLICT DO NOTHING",
                (str(APPLICATION_ID),),
            )
        for step in range(1, LATEST + 1):
            with self.write():
                self.execute("SELECT pg_advisory_xact_lock(?)", (APPLICATION_ID,))
                (current,) = self.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
                if int(current) >= step:
                    continue
                ladder_step = MIGRATIONS[step - 1]
                if callable(ladder_step):
                    ladder_step(self)
                for statement in postgres_statements(step):
                    self.execute(statement)
                if step == LATEST:
                    # The access rules cover every table of the newest layout (see .access).
                    for statement in rules_statements():
                        self.execute(statement)
                self.execute("UPDATE meta SET value = ? WHERE key = 'version'", (str(step),))


def open_server(url: str, busy_timeout: float) -> ServerConnection:
    """A ready connection to the shared database at ``url``: created or migrated when the login may.

    Raises :class:`ServerUnreachable`, :class:`AccessDenied`, :class:`ForeignDatabase` or
    :class:`StoreTooNew` with a Chinese message.
    """
    conn = ServerConnection(url, busy_timeout)
    try:
        version = conn.version()
        if version is not None and version > LATEST:
            raise StoreTooNew(conn.location, version, LATEST)
        if version is None or version < LATEST:
            try:
                conn.migrate()
            except AccessDenied as e:
                what = "还没有建立报告数据表" if version is None else f"需要升级（版本 {version} → {LATEST}）"
                raise StoreError(
                    f"共享数据库 {conn.location} {what}，您的账号无权建立；"
                    "请管理员先运行“reportdesk admin”（见说明）"
                ) from e
    except BaseException:
        conn.close()
        raise
    return conn


_IDENT = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def identifier(name: str) -> str:
    """A role or schema name checked to be a plain lower-case SQL identifier (quoted by nothing)."""
    if not _IDENT.match(name):
        raise StoreError(f"名称“{name}”不能用作数据库账号名：只能用小写字母、数字和下划线，且不以数字开头")
    return name
