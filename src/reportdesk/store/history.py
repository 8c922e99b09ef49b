"""A report's history: listing it, rebuilding any earlier revision, and named 定稿 snapshots.

History is append-only. A revision is rebuilt by walking the recorded changes back from the
current state; restoring it records the difference as a new revision, so nothing is ever lost and
an undo can itself be undone.
"""

from __future__ import annotations

from reportdesk.form import Form
from reportdesk.store import reasons
from reportdesk.store.engine import Connection
from reportdesk.store.errors import StoreError
from reportdesk.store.models import Change, Final, Revision
from reportdesk.store.rows import Flat, diff, read_flat, read_meta, stored


def history(conn: Connection, report_id: int) -> list[Revision]:
    """Every revision of a report, oldest first, each with its changes and the 定稿 names it carries."""
    read_meta(conn, report_id)
    changes: dict[int, list[Change]] = {}
    rows = conn.execute(
        "SELECT rev, kind, key, old, new FROM changes WHERE report_id = ? ORDER BY rev, seq", (report_id,)
    )
    for rev, kind, key, old, new in rows:
        change = Change(kind, key, old, new)
        with stored(report_id, f"第 {rev} 版的修改记录"):  # shown later: each side must decode
            change.value(old)
            change.value(new)
        changes.setdefault(rev, []).append(change)
    finals: dict[int, list[str]] = {}
    for final in list_finals(conn, report_id):
        finals.setdefault(final.rev, []).append(final.name)
    names = conn.author_names()
    revisions = conn.execute(
        "SELECT rev, time, action, note, author FROM revisions WHERE report_id = ? ORDER BY rev", (report_id,)
    )
    return [
        Revision(
            rev,
            time,
            action,
            note,
            tuple(changes.get(rev, ())),
            tuple(finals.get(rev, ())),
            names.get(author, author),
        )
        for rev, time, action, note, author in revisions
    ]


def flat_at(conn: Connection, report_id: int, rev: int) -> Flat:
    """The content of a report as it was right after revision ``rev``."""
    meta = read_meta(conn, report_id)
    if not 1 <= rev <= meta.rev:
        raise StoreError(f"报告 {report_id} 没有第 {rev} 版（现有第 1 至第 {meta.rev} 版）")
    flat = read_flat(conn, report_id)
    rows = conn.execute(
        "SELECT kind, key, old FROM changes WHERE report_id = ? AND rev > ? ORDER BY rev DESC, seq DESC",
        (report_id, rev),
    )
    for kind, key, old in rows:
        if old is None:
            flat.pop((kind, key), None)
        else:
            flat[(kind, key)] = old
    return flat


def restore_changes(conn: Connection, report_id: int, rev: int, form: Form) -> list[Change]:
    """What must change now for the report to read as it did after revision ``rev``.

    A revision from before reasons were kept per finding brings its bare-code reasons back keyed by
    the findings present in the restored report, never as a reason for a whole code.
    """
    target = reasons.converted_flat(conn, form, read_meta(conn, report_id), flat_at(conn, report_id, rev))
    return diff(read_flat(conn, report_id), target)


def list_finals(conn: Connection, report_id: int) -> list[Final]:
    """The report's 定稿 snapshots, oldest first."""
    rows = conn.execute(
        "SELECT name, rev, time FROM finals WHERE report_id = ? ORDER BY rev, time", (report_id,)
    )
    return [Final(name, rev, time) for name, rev, time in rows]


def add_final(conn: Connection, report_id: int, name: str, now: str) -> Final:
    """Name the current revision as a 定稿 (inside a write transaction)."""
    name = name.strip()
    if not name:
        raise StoreError("定稿名称不能为空")
    meta = read_meta(conn, report_id)
    clash = conn.execute(
        "SELECT rev FROM finals WHERE report_id = ? AND name = ?", (report_id, name)
    ).fetchone()
    if clash is not None:
        raise StoreError(f"报告 {report_id} 已有名为“{name}”的定稿（第 {clash[0]} 版），请换一个名称")
    conn.execute(
        "INSERT INTO finals (report_id, name, rev, time) VALUES (?, ?, ?, ?)",
        (report_id, name, meta.rev, now),
    )
    return Final(name, meta.rev, now)
