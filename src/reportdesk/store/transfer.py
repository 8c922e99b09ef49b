"""Moving reports between two drafts databases (a file and a server, either way), losing nothing.

Every row of every data table is copied as it is — bodies, reports (those in the bin too), cells,
texts with what they carried over, reasons, every revision with its changes, author and time, the
定稿 names — with new ids on the target. A body already in the target (same name) is used, not
duplicated. All or nothing: one transaction on the target; a report whose body already has a
report of that year in the target stops the copy before anything is written, and says which.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportdesk.aggregate.bodies import name_key
from reportdesk.form import Form
from reportdesk.store.engine import Connection
from reportdesk.store.errors import StoreError

# The tables that hold the officers' work, parents first. tests/test_store_transfer.py fails when
# the layout has a data table missing here.
BODY_TABLE = "bodies"
REPORT_TABLE = "reports"
CHILD_TABLES = ("cells", "texts", "explanations", "revisions", "changes", "finals")


@dataclass(frozen=True)
class Copied:
    """What a copy did: how many of each, and the bodies that were already in the target."""

    bodies: int
    reused: tuple[str, ...]
    reports: int
    revisions: int


def _rows(conn: Connection, table: str, order: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    cur: Any = conn.execute(f"SELECT * FROM {table} ORDER BY {order}")
    rows = [tuple(r) for r in cur.fetchall()]
    return [d[0] for d in cur.description], rows


def _insert_sql(table: str, columns: list[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def copy_all(source: Connection, target: Connection) -> Copied:
    """Copy everything of ``source`` into ``target`` (both open, same layout version)."""
    with source.read():
        body_cols, bodies = _rows(source, BODY_TABLE, "id")
        report_cols, reports = _rows(source, REPORT_TABLE, "id")
        children = {t: _rows(source, t, "report_id") for t in CHILD_TABLES}
    body_name = {row[body_cols.index("id")]: row[body_cols.index("name")] for row in bodies}
    with target.write():
        existing = {name_key(n): int(i) for i, n in target.execute("SELECT id, name FROM bodies").fetchall()}
        body_ids: dict[Any, int] = {}
        reused: list[str] = []
        cols = [c for c in body_cols if c != "id"]
        for row in bodies:
            name = row[body_cols.index("name")]
            if name_key(name) in existing:
                body_ids[row[body_cols.index("id")]] = existing[name_key(name)]
                reused.append(name)
                continue
            values = [row[body_cols.index(c)] for c in cols]
            new_id = target.insert(_insert_sql(BODY_TABLE, cols), values)
            body_ids[row[body_cols.index("id")]] = new_id
            existing[name_key(name)] = new_id
        _refuse_clashes(target, report_cols, reports, body_ids, body_name)
        report_ids: dict[Any, int] = {}
        cols = [c for c in report_cols if c != "id"]
        for row in reports:
            values = [
                body_ids[row[report_cols.index(c)]] if c == "body_id" else row[report_cols.index(c)]
                for c in cols
            ]
            report_ids[row[report_cols.index("id")]] = target.insert(_insert_sql(REPORT_TABLE, cols), values)
        for table, (columns, rows) in children.items():
            at = columns.index("report_id")
            target.executemany(
                _insert_sql(table, columns),
                [tuple(report_ids[v] if i == at else v for i, v in enumerate(row)) for row in rows],
            )
    return Copied(len(bodies) - len(reused), tuple(reused), len(reports), len(children["revisions"][1]))


def _refuse_clashes(
    target: Connection,
    cols: list[str],
    reports: list[tuple[Any, ...]],
    body_ids: dict[Any, int],
    body_name: dict[Any, str],
) -> None:
    clashes = []
    for row in reports:
        if row[cols.index("deleted")] is not None:
            continue  # the bin may hold a year twice
        body, year = row[cols.index("body_id")], row[cols.index("year")]
        there = target.execute(
            "SELECT id FROM reports WHERE body_id = ? AND year = ? AND deleted IS NULL",
            (body_ids[body], year),
        ).fetchone()
        if there is not None:
            clashes.append(f"{body_name[body]} {year} 年（目标中为报告 {there[0]}）")
    if clashes:
        raise StoreError(
            "目标数据库中已有同一机关同一年度的报告，为免重复，什么也没有复制："
            + "；".join(clashes[:5])
            + ("等" if len(clashes) > 5 else "")
            + "。如确需替换，请先在目标中把它们移到回收站"
        )


def copy_to_file(source: Connection, target: Path, form: Form) -> Path:
    """Everything ``source`` shows, as a new database file at ``target`` (made aside, then moved in)."""
    from reportdesk.store.store import Store

    temporary = target.with_name(f".{target.name}.copy")
    temporary.unlink(missing_ok=True)
    try:
        with Store.open(temporary, form=form, daily_backup=False) as copy:
            copy_all(source, copy.connection)
        for suffix in ("-wal", "-shm"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)
        os.replace(temporary, target)
    except OSError as e:
        raise StoreError(f"无法写入 {target}：{e.strerror or e}") from e
    finally:
        temporary.unlink(missing_ok=True)
    return target
