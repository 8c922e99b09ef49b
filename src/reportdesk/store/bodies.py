"""Bodies as the store adds them: a name and a kind checked, one found by name and region or added."""

from __future__ import annotations

from reportdesk.report import AGENCY_KINDS, Agency
from reportdesk.store import drafts
from reportdesk.store.engine import Connection
from reportdesk.store.errors import StoreError


def check_body(name: str, kind: str, region: str = "", website: str = "") -> None:
    """:class:`StoreError` for an empty name, hidden characters in a field, or an unknown kind."""
    if not name.strip():
        raise StoreError("机关名称不能为空")
    for value, where in ((name, "机关名称"), (region, "所属地区"), (website, "网站地址")):
        drafts.refuse_hidden(value, where)
    if kind not in AGENCY_KINDS:
        raise StoreError(f"机关类型 {kind!r} 无效，应为 {' / '.join(AGENCY_KINDS)}")


def find_or_add_body(conn: Connection, agency: Agency, now: str) -> int:
    """The body a report's agency names (by name and region), added when there is none."""
    row = conn.execute(
        "SELECT id FROM bodies WHERE name = ? AND region = ? ORDER BY id LIMIT 1",
        (agency.name, agency.region),
    ).fetchone()
    if row is not None:
        return int(row[0])
    if not agency.name.strip():
        raise StoreError("报告中没有机关名称（agency.name），无法归入机关；请先填写机关名称")
    return conn.insert(
        "INSERT INTO bodies (name, region, kind, website, created) VALUES (?, ?, ?, ?, ?)",
        (agency.name, agency.region, agency.kind, agency.website, now),
    )
