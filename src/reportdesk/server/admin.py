"""``reportdesk admin``: the accounts of a shared database, made from the 应报机关名单.

For the government and every body on the list: the body (found by name, or added), a login role,
and its grants — a body's officer reads and writes that body only; the 政务公开办 account reads every
body on the list and writes the government's own report. Row-level security on the server does the
enforcing (:mod:`reportdesk.store.access`). Run again with a longer list, it adds what is missing
and leaves existing accounts and their passwords alone (unless asked to reset them); with a shorter
one, a body no longer listed (or a login no longer listed for its body) loses its grants — its
reports, history and the login itself stay.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from reportdesk.aggregate.bodies import name_key
from reportdesk.files import explain_os_error
from reportdesk.store.access import USERS_ROLE, grant_statements, rules_statements
from reportdesk.store.errors import StoreError
from reportdesk.store.server import SCHEMA, ServerConnection, identifier

_SPLIT = re.compile(r"[\t,，]")


@dataclass(frozen=True)
class Listed:
    """A line of the list: a body, and the login of an existing intranet account if one is given."""

    name: str
    login: str | None = None


@dataclass(frozen=True)
class Revoked:
    """Grants taken away on a body: ``dropped`` when the body left the list (else some of its
    logins did); ``reports`` is how many of its reports stay in the database."""

    body: str
    roles: tuple[str, ...]
    dropped: bool
    reports: int


@dataclass(frozen=True)
class Account:
    """One login as made or found: ``password`` is set only when it was made (or reset) now."""

    body: str
    role: str
    writes: str
    password: str | None
    new: bool


def read_list(path: Path) -> list[Listed]:
    """The 应报机关名单: one body a line, optionally ``name<TAB or comma>login``; UTF-8 or GBK.

    Lines starting with ``#`` and blank lines are skipped; :class:`StoreError` says what is wrong.
    """
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise StoreError(f"无法读取机关名单 {path}：{explain_os_error(e)}") from e
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise StoreError(f"机关名单 {path} 不是文本文件（应为每行一个机关名称的 UTF-8 或 GBK 文本）")
    out: list[Listed] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in _SPLIT.split(line, maxsplit=1)]
        name, login = parts[0], (parts[1] if len(parts) > 1 and parts[1] else None)
        if not name:
            raise StoreError(f"机关名单 {path} 第 {number} 行没有机关名称")
        if login is not None:
            try:
                identifier(login)
            except StoreError as e:
                raise StoreError(f"机关名单 {path} 第 {number} 行：{e}") from None
        out.append(Listed(name, login))
    if not out:
        raise StoreError(f"机关名单 {path} 没有列出任何机关（每行写一个机关名称）")
    return out


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _password() -> str:
    return secrets.token_urlsafe(12)


def _find_or_add_body(conn: ServerConnection, name: str, kind: str, region: str, now: str) -> int:
    key = name_key(name)
    for body_id, existing in conn.execute("SELECT id, name FROM bodies ORDER BY id").fetchall():
        if name_key(existing) == key:
            return int(body_id)
    return conn.insert(
        "INSERT INTO bodies (name, region, kind, website, created) VALUES (?, ?, ?, '', ?)",
        (name.strip(), region.strip(), kind, now),
    )


def _ensure_role(
    conn: ServerConnection, role: str, with_password: bool, reset: bool
) -> tuple[str | None, bool]:
    """(password made now, role is new). The role joins the group every login of reportdesk is in."""
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)).fetchone() is not None
    password = _password() if with_password and (reset or not exists) else None
    if not exists:
        clause = f" PASSWORD {_literal(password)}" if password else ""
        conn.execute(f"CREATE ROLE {role} LOGIN{clause}")
    elif password:
        conn.execute(f"ALTER ROLE {role} PASSWORD {_literal(password)}")
    conn.execute(f"GRANT {USERS_ROLE} TO {role}")
    return password, not exists


def _grant(conn: ServerConnection, role: str, body_id: int, writes: bool, label: str) -> None:
    conn.execute(
        "INSERT INTO grants (role, body_id, writes) VALUES (?, ?, ?) "
        "ON CONFLICT (role, body_id) DO UPDATE SET writes = excluded.writes",
        (role, body_id, writes),
    )
    conn.execute(
        "INSERT INTO accounts (role, label) VALUES (?, ?) ON CONFLICT (role) DO UPDATE SET label = excluded.label",
        (role, label),
    )


def _revoke_unlisted(
    conn: ServerConnection, office: str, gov_id: int, wanted: dict[int, set[str]]
) -> list[Revoked]:
    """Take away the grants the list no longer gives: on a body this office reads that is no longer
    listed, the office's and its officers'; on a listed body, those of a login no longer listed for
    it. Read grants of other roles (another government's office in the same database) stay."""
    ours = {
        int(r[0]) for r in conn.execute("SELECT body_id FROM grants WHERE role = ?", (office,)).fetchall()
    }
    revoked: list[Revoked] = []
    for body_id in sorted((ours | set(wanted)) - {gov_id}):
        dropped = body_id not in wanted
        keep = set() if dropped else wanted[body_id] | {office}
        rows = conn.execute(
            "SELECT role FROM grants WHERE body_id = ? AND (writes OR role = ?) ORDER BY role",
            (body_id, office),
        ).fetchall()
        gone = tuple(str(r[0]) for r in rows if str(r[0]) not in keep)
        if not gone:
            continue
        for role in gone:
            conn.execute("DELETE FROM grants WHERE role = ? AND body_id = ?", (role, body_id))
        name = conn.execute("SELECT name FROM bodies WHERE id = ?", (body_id,)).fetchone()
        count = conn.execute("SELECT count(*) FROM reports WHERE body_id = ?", (body_id,)).fetchone()
        revoked.append(Revoked(str(name[0]) if name else str(body_id), gone, dropped, int(count[0])))
    return revoked


def default_prefix(database: str) -> str:
    """Role names start with the database's name where it is a plain identifier (roles are shared by
    every database of a server), else with ``rd``."""
    cleaned = re.sub(r"[^a-z0-9_]", "_", database.lower()).strip("_")
    return cleaned[:40] if cleaned and not cleaned[0].isdigit() else "rd"


def sync_accounts(
    conn: ServerConnection,
    government: str,
    listed: list[Listed],
    now: str,
    region: str = "",
    prefix: str | None = None,
    reset_passwords: bool = False,
) -> tuple[list[Account], list[Revoked]]:
    """Make (or complete) the government's and every listed body's accounts, and take away the
    grants the list no longer gives; returns the accounts (office first) and what was taken away."""
    prefix = identifier(prefix or default_prefix(str(conn.raw.info.dbname)))
    can = conn.execute(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    if not can or not can[0]:
        raise StoreError(
            f"账号 {conn.user} 没有建立数据库账号的权限；请用数据库管理员账号运行 reportdesk admin"
        )
    accounts: list[Account] = []
    wanted: dict[int, set[str]] = {}
    with conn.write():
        conn.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {_literal(USERS_ROLE)}) "
            f"THEN CREATE ROLE {USERS_ROLE} NOLOGIN; END IF; END $$"
        )
        for statement in (*rules_statements(), *grant_statements(SCHEMA)):
            conn.execute(statement)
        gov_id = _find_or_add_body(conn, government, "government", region, now)
        office = f"{prefix}_office"
        password, new = _ensure_role(conn, office, True, reset_passwords)
        _grant(conn, office, gov_id, True, f"{government} 政务公开办")
        accounts.append(Account(government, office, "本级政府报告；读全部机关", password, new))
        for item in listed:
            body_id = _find_or_add_body(conn, item.name, "department", region, now)
            if body_id == gov_id:
                continue
            _grant(conn, office, body_id, False, f"{government} 政务公开办")
            role = item.login or f"{prefix}_b{body_id}"
            password, new = _ensure_role(conn, role, item.login is None, reset_passwords)
            _grant(conn, role, body_id, True, item.name)  # history shows "名称（账号）"
            wanted.setdefault(body_id, set()).add(role)
            accounts.append(Account(item.name, role, "本机关报告", password, new))
        revoked = _revoke_unlisted(conn, office, gov_id, wanted)
        # Fresh statistics, so the access rules look grants up by index from the first query on.
        conn.execute("ANALYZE grants, bodies, reports")
    return accounts, revoked


def set_up_accounts(
    conn: ServerConnection,
    government: str,
    listed: list[Listed],
    now: str,
    region: str = "",
    prefix: str | None = None,
    reset_passwords: bool = False,
) -> list[Account]:
    """As :func:`sync_accounts`, the accounts only."""
    return sync_accounts(conn, government, listed, now, region, prefix, reset_passwords)[0]
