"""Reasons keyed by finding id in the database: the version-3 migration, and the one rule that a
report entering the database (imported, restored from an older revision) never keeps a reason
under a bare code.

A bare-code key (written before findings had ids) is turned into keys for the findings of that
code present at that moment, with last year's report of the same body from the database for the
cross-year checks (:func:`reportdesk.checks.convert_code_keys`).
"""

from __future__ import annotations

from datetime import datetime

from reportdesk.form import Form, load_form
from reportdesk.report import Report
from reportdesk.store.engine import Connection
from reportdesk.store.models import EXPLANATION
from reportdesk.store.rows import (
    Flat,
    Meta,
    diff,
    flat_to_report,
    read_flat,
    read_meta,
    record,
    report_to_flat,
)

MIGRATE_ACTION = "migrate"
MIGRATE_NOTE = "旧版按类型保存的说明，转为每条提醒各自的说明"


def previous_report(conn: Connection, body_id: int, year: int) -> Report | None:
    """The body's live report of ``year`` (last year's, for the cross-year checks), if stored."""
    row = conn.execute(
        "SELECT id FROM reports WHERE body_id = ? AND year = ? AND deleted IS NULL", (body_id, year)
    ).fetchone()
    if row is None:
        return None
    return flat_to_report(read_meta(conn, int(row[0])), read_flat(conn, int(row[0])))


def converted(conn: Connection, form: Form, body_id: int, report: Report) -> Report:
    """``report`` with its bare-code reasons keyed by the findings present now."""
    from reportdesk.checks import convert_code_keys

    if not any("@" not in k for k in report.explanations):
        return report
    previous = previous_report(conn, body_id, report.year - 1)
    return convert_code_keys(form, report, previous)[0]


def converted_flat(conn: Connection, form: Form, meta: Meta, flat: Flat) -> Flat:
    """A report's flat content with its bare-code reasons converted (unchanged when there are none)."""
    if not any(kind == EXPLANATION and "@" not in key for kind, key in flat):
        return flat
    report = converted(conn, form, meta.body_id, flat_to_report(meta, flat))
    out = {k: v for k, v in flat.items() if k[0] != EXPLANATION}
    out.update({k: v for k, v in report_to_flat(report).items() if k[0] == EXPLANATION})
    return out


def migrate_to_ids(conn: Connection) -> None:
    """Schema step 4 (inside its transaction, on either engine): every report's bare-code reasons
    become reasons per finding id, each report's conversion recorded in its history as one revision."""
    form = load_form()
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    rows = conn.execute(
        "SELECT DISTINCT report_id FROM explanations WHERE code NOT LIKE ? ORDER BY report_id", ("%@%",)
    ).fetchall()
    for (report_id,) in rows:
        meta = read_meta(conn, int(report_id))
        current = read_flat(conn, meta.id)
        changes = diff(current, converted_flat(conn, form, meta, current))
        if changes:
            record(conn, meta, MIGRATE_ACTION, MIGRATE_NOTE, changes, now)
