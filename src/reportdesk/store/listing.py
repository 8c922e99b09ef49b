"""Listing what the database holds: bodies with their reports, one report's standing, the bin.

A few grouped queries whatever the number of reports, so opening a database of many bodies and
years stays quick.
"""

from __future__ import annotations

from reportdesk.store.codec import Unreadable
from reportdesk.store.engine import Connection
from reportdesk.store.models import Body, BodyReports, ReportInfo
from reportdesk.store.rows import read_meta

_REPORT_COLUMNS = "id, body_id, year, rev, updated, deleted"


def _finals(conn: Connection, where: str, args: tuple[object, ...]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    rows = conn.execute(
        f"SELECT f.report_id, f.name FROM finals f JOIN reports r ON r.id = f.report_id WHERE {where} ORDER BY f.rev, f.time",
        args,
    )
    for report_id, name in rows:
        found.setdefault(report_id, []).append(name)
    return {k: tuple(v) for k, v in found.items()}


def _unrevised(conn: Connection, where: str, args: tuple[object, ...]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    rows = conn.execute(
        "SELECT t.report_id, t.key FROM texts t JOIN reports r ON r.id = t.report_id "
        f"WHERE t.carried IS NOT NULL AND t.text = t.carried AND {where} ORDER BY t.report_id, t.pos",
        args,
    )
    for report_id, key in rows:
        found.setdefault(report_id, []).append(key)
    return {k: tuple(v) for k, v in found.items()}


def _infos(conn: Connection, where: str, args: tuple[object, ...], order: str) -> list[ReportInfo]:
    finals = _finals(conn, where, args)
    unrevised = _unrevised(conn, where, args)
    rows = conn.execute(f"SELECT {_REPORT_COLUMNS} FROM reports r WHERE {where} ORDER BY {order}", args)
    return [
        ReportInfo(rid, body_id, year, rev, updated, finals.get(rid, ()), unrevised.get(rid, ()), deleted)
        for rid, body_id, year, rev, updated, deleted in rows
    ]


def list_bodies(conn: Connection) -> list[BodyReports]:
    """Every body with its live reports, bodies by name, reports by year."""
    reports: dict[int, list[ReportInfo]] = {}
    for info in _infos(conn, "r.deleted IS NULL", (), "r.year, r.id"):
        reports.setdefault(info.body_id, []).append(info)
    bodies = conn.execute("SELECT id, name, region, kind, website FROM bodies ORDER BY name, region, id")
    return [BodyReports(_body(row), tuple(reports.get(row[0], ()))) for row in bodies]


def _body(row: tuple[object, ...]) -> Body:
    """A row of ``bodies``; :class:`Unreadable` when a field holds what this program never writes."""
    if not all(isinstance(v, str) for v in row[1:]):
        raise Unreadable("应为文字", f"机关 {row[0]} 的名称、地区、类型或网站")
    return Body(*row)  # type: ignore[arg-type]


def report_info(conn: Connection, report_id: int) -> ReportInfo:
    """One report's standing (:class:`NotFound` when there is none)."""
    read_meta(conn, report_id)
    return _infos(conn, "r.id = ?", (report_id,), "r.id")[0]


def list_bin(conn: Connection) -> list[tuple[Body, ReportInfo]]:
    """Reports in the bin with their body, most recently deleted first."""
    infos = _infos(conn, "r.deleted IS NOT NULL", (), "r.deleted DESC, r.id DESC")
    bodies = {
        row[0]: _body(row) for row in conn.execute("SELECT id, name, region, kind, website FROM bodies")
    }
    return [(bodies[i.body_id], i) for i in infos]
