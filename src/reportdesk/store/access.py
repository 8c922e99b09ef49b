"""Who may see and change what in a shared database — enforced by the server, not by the window.

Each login role is granted bodies in ``grants`` (``writes`` or read only): a body's officer gets
their own body, writing; the 政务公开办 gets every body of its government, reading, and the
government's own body, writing. Row-level security on every table lets a role see only the rows of
its bodies' reports and change only those it writes; the history records the role that made each
revision, and a role can record no other name. The owner of the tables (who ran ``reportdesk
admin``) is not bound by the rules.
"""

from __future__ import annotations

# Every table of the schema and how its rows are tied to a body: ``body`` (its own id), ``report``
# (a report of the body), ``none`` (shared and read-only: meta). A table missing here fails
# tests/test_store_access.py, so no table is ever left unprotected.
TABLES: dict[str, str] = {
    "meta": "none",
    "grants": "grants",
    "accounts": "none",
    "bodies": "body",
    "reports": "report-row",
    "cells": "report",
    "texts": "report",
    "explanations": "report",
    "revisions": "report",
    "changes": "report",
    "finals": "report",
}
USERS_ROLE = "reportdesk_users"

# Each rule is a correlated EXISTS on primary keys (grants (role, body_id), reports (id)): one
# index lookup per row checked, so a survey of a thousand reports costs no scan of them all.
# The login's name compares in the database's own collation: ``current_user`` is of type ``name``,
# whose collation is "C", and a comparison in "C" cannot use the index on grants (made in the
# database's collation) — every rule would then read all the grants, a dozen times per edit.
ME = 'CAST(current_user AS text) COLLATE "default"'


def _body_ok(column: str, writes: bool = False) -> str:
    extra = " AND g.writes" if writes else ""
    return f"EXISTS (SELECT 1 FROM grants g WHERE g.role = {ME} AND g.body_id = {column}{extra})"


def _report_ok(table: str, writes: bool = False) -> str:
    extra = " AND g.writes" if writes else ""
    return (
        "EXISTS (SELECT 1 FROM reports r JOIN grants g ON g.body_id = r.body_id "
        f"WHERE r.id = {table}.report_id AND g.role = {ME}{extra})"
    )


_TABLES_DDL = (
    "CREATE TABLE IF NOT EXISTS grants (role TEXT NOT NULL, body_id BIGINT NOT NULL REFERENCES bodies(id), "
    "writes BOOLEAN NOT NULL, PRIMARY KEY (role, body_id))",
    # The name history shows for a login (a person, or a body's officer as the admin named them).
    "CREATE TABLE IF NOT EXISTS accounts (role TEXT PRIMARY KEY, label TEXT NOT NULL)",
)


def _policies(table: str, tie: str) -> list[tuple[str, str]]:
    """(policy name, CREATE POLICY body) for one table."""
    if tie == "none":
        return [("read", "FOR SELECT USING (true)")]
    if tie == "grants":
        return [("read", f"FOR SELECT USING (role = {ME})")]
    if tie == "body":
        mine, writes = _body_ok("bodies.id"), _body_ok("bodies.id", True)
        return [
            ("read", f"FOR SELECT USING ({mine})"),
            ("change", f"FOR UPDATE USING ({writes}) WITH CHECK ({writes})"),
        ]
    if tie == "report-row":
        mine, writes = _body_ok("reports.body_id"), _body_ok("reports.body_id", True)
        return [
            ("read", f"FOR SELECT USING ({mine})"),
            ("add", f"FOR INSERT WITH CHECK ({writes})"),
            ("change", f"FOR UPDATE USING ({writes}) WITH CHECK ({writes})"),
        ]
    writable = _report_ok(table, True)
    rules = [
        ("read", f"FOR SELECT USING ({_report_ok(table)})"),
        ("change", f"FOR UPDATE USING ({writable})"),
        ("remove", f"FOR DELETE USING ({writable})"),
    ]
    if table == "revisions":
        # A revision is signed by whoever makes it: no role can record another's name. Unsigned ('')
        # is allowed for history copied in from a single desk's file, where nobody signed.
        rules.append(
            (
                "add",
                f"FOR INSERT WITH CHECK ({writable} AND author IN ({ME}, ''))",
            )
        )
    else:
        rules.append(("add", f"FOR INSERT WITH CHECK ({writable})"))
    return rules


def _privileges(table: str, tie: str) -> str:
    if tie in ("none", "grants"):
        return "SELECT"
    if tie == "body":
        return "SELECT, UPDATE"
    if table in ("revisions", "changes", "finals"):
        return "SELECT, INSERT"  # history is append-only
    if table == "reports":
        return "SELECT, INSERT, UPDATE"
    return "SELECT, INSERT, UPDATE, DELETE"


def rules_statements() -> list[str]:
    """The statements that (re)make every rule: idempotent, run by each migration and by ``admin``."""
    out = list(_TABLES_DDL)
    for table, tie in TABLES.items():
        out.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for name, body in _policies(table, tie):
            out.append(f"DROP POLICY IF EXISTS rd_{name} ON {table}")
            out.append(f"CREATE POLICY rd_{name} ON {table} {body}")
    return out


def grant_statements(schema: str) -> list[str]:
    """Table privileges for the group role every login of this database belongs to."""
    out = [f"GRANT USAGE ON SCHEMA {schema} TO {USERS_ROLE}"]
    out += [f"GRANT {_privileges(t, tie)} ON {t} TO {USERS_ROLE}" for t, tie in TABLES.items()]
    out.append(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {USERS_ROLE}")
    return out
