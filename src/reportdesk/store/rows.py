"""A report's rows in the database, and the one way they change: a recorded revision.

The current state of a report is kept in ``cells``/``texts``/``explanations`` and the ``agency``
and ``extra`` columns (``extra``: the top-level keys beside the spec's — the import record with the
marks of figures still to be checked, keys of a file kept as they came); every change to it goes
through :func:`record`, which appends the revision and its changes
to the history in the same transaction. Internally a report's content is a flat mapping
``(kind, key) → stored text``, which makes diffing, rebuilding and restoring one simple operation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from reportdesk.form import Form
from reportdesk.report import AGENCY_KINDS, Agency, Report
from reportdesk.store.codec import Unreadable, decode_cell, encode_cell, json_text, parse_json
from reportdesk.store.engine import Connection
from reportdesk.store.errors import NotFound, StoreError
from reportdesk.store.models import AGENCY, CELL, EXPLANATION, EXTRA, TEXT, UNSURE, Change
from reportdesk.unsure import join_extra, split_extra

Flat = dict[tuple[str, str], str]
_BLANK = {CELL: "null", TEXT: "", EXPLANATION: "", AGENCY: '""', UNSURE: "", EXTRA: ""}
AGENCY_FIELDS = ("name", "region", "kind", "website")
_TABLES = {
    CELL: ("cells", "key", "value"),
    TEXT: ("texts", "key", "text"),
    EXPLANATION: ("explanations", "code", "reason"),
}


@dataclass(frozen=True)
class Meta:
    """The parts of a report that edits never change (and its current revision)."""

    id: int
    body_id: int
    year: int
    format: str
    extra: Mapping[str, Any]
    rev: int
    deleted: str | None


@contextmanager
def stored(report_id: int, what: str) -> Iterator[None]:
    """Decoding one part of a report's rows: anything unexpected is :class:`Unreadable`, naming it."""
    try:
        yield
    except Unreadable as e:
        raise Unreadable(e.reason, what, report_id) from e
    except (ValueError, TypeError, ArithmeticError, AttributeError, KeyError) as e:
        raise Unreadable("类型或内容不对", what, report_id) from e


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def read_meta(conn: Connection, report_id: int) -> Meta:
    """The report's fixed fields; :class:`NotFound` when there is no such report, :class:`Unreadable`
    when a field holds what this program never writes."""
    row = conn.execute(
        "SELECT id, body_id, year, format, extra, rev, deleted FROM reports WHERE id = ?", (report_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"没有编号为 {report_id} 的报告（可用“reportdesk db list”查看编号）")
    _id, body_id, year, fmt, extra_json, rev, deleted = row
    for ok, what in (
        (_is_int(year) and 2000 <= year <= 2200, "年度"),
        (_is_int(body_id) and _is_int(rev) and rev >= 0, "编号或修订号"),
        (isinstance(fmt, str), "格式"),
        (deleted is None or isinstance(deleted, str), "回收站标记"),
    ):
        if not ok:
            raise Unreadable("类型或内容不对", what, report_id)
    with stored(report_id, "附加数据（extra）"):
        extra = parse_json(extra_json)
        if not isinstance(extra, dict):
            raise Unreadable("不是一个对象")
    return Meta(_id, body_id, year, fmt, extra, rev, deleted)


def live_meta(conn: Connection, report_id: int) -> Meta:
    """Like :func:`read_meta`, refusing a report that is in the bin."""
    meta = read_meta(conn, report_id)
    if meta.deleted is not None:
        raise StoreError(f"报告 {report_id} 在回收站中，请先恢复（reportdesk db undelete {report_id}）")
    return meta


def extra_flat(extra: Any, report_id: int | None = None) -> Flat:
    """The ``extra`` column's content as flat entries: one per top-level key, one per mark."""
    with stored(report_id or 0, "附加数据（extra）"):
        if not isinstance(extra, dict):
            raise Unreadable("不是一个对象")
        rest, marks = split_extra(extra)
    flat: Flat = {(EXTRA, k): json_text(v) for k, v in rest.items()}
    flat.update({(UNSURE, k): v for k, v in marks.items()})
    return flat


def report_to_flat(report: Report) -> Flat:
    """A report's content as ``(kind, key) → stored text``, in the report's own order."""
    flat: Flat = {}
    agency = {f: getattr(report.agency, f) for f in AGENCY_FIELDS} | dict(report.agency.extra)
    for k, v in agency.items():
        flat[(AGENCY, k)] = json_text(v)
    flat.update(extra_flat(dict(report.extra)))
    for k, cell in report.cells.items():
        flat[(CELL, k)] = encode_cell(cell)
    for k, text in report.texts.items():
        flat[(TEXT, k)] = text
    for k, reason in report.explanations.items():
        flat[(EXPLANATION, k)] = reason
    return flat


def flat_to_report(meta: Meta, flat: Flat) -> Report:
    """The :class:`Report` a flat content describes; :class:`Unreadable` names a part that holds
    what this program never writes."""
    agency: dict[str, Any] = {}
    cells: dict[str, Any] = {}
    texts: dict[str, str] = {}
    explanations: dict[str, str] = {}
    rest: dict[str, Any] = {}
    marks: dict[str, str] = {}
    kind = key = ""
    try:  # one handler for the whole loop: the 汇总 survey reads 200,000 values
        for (kind, key), value in flat.items():
            if kind == CELL:
                cells[key] = decode_cell(value)
            elif kind == AGENCY:
                agency[key] = parse_json(value)
                if key in AGENCY_FIELDS and not isinstance(agency[key], str):
                    raise Unreadable("应为文字")
            elif kind == EXTRA:
                rest[key] = parse_json(value)
            elif kind == UNSURE:
                if not isinstance(parse_json(value), dict):
                    raise Unreadable("不是导入待核对标记")
                marks[key] = value
            elif not isinstance(value, str):
                raise Unreadable("应为文字")
            elif kind == TEXT:
                texts[key] = value
            else:
                explanations[key] = value
    except (Unreadable, ValueError, TypeError, ArithmeticError, AttributeError, KeyError):
        with stored(meta.id, _part_name(kind, key)):
            raise
    if agency.get("kind", "department") not in AGENCY_KINDS:
        raise Unreadable("不是有效的机关类型", "机关类型", meta.id)
    extra = {k: v for k, v in agency.items() if k not in AGENCY_FIELDS}
    return Report(
        year=meta.year,
        agency=Agency(
            name=agency.get("name", ""),
            region=agency.get("region", ""),
            kind=agency.get("kind", "department"),
            website=agency.get("website", ""),
            extra=MappingProxyType(extra),
        ),
        texts=MappingProxyType(texts),
        cells=MappingProxyType(cells),
        explanations=MappingProxyType(explanations),
        extra=MappingProxyType(join_extra(rest, marks)),
        format=meta.format,
    )


def _part_name(kind: str, key: str) -> str:
    what = {
        AGENCY: "机关信息",
        CELL: "单元格",
        TEXT: "文字部分",
        EXPLANATION: "说明",
        UNSURE: "导入待核对标记",
        EXTRA: "附加数据",
    }.get(kind, kind)
    return f"{what} {key}"


def read_flat(conn: Connection, report_id: int) -> Flat:
    """The current content of a report."""
    flat: Flat = {(AGENCY, k): v for k, v in read_agency(conn, report_id).items()}
    flat.update(read_extra(conn, report_id))
    for kind, (table, key_col, value_col) in _TABLES.items():
        rows = conn.execute(
            f"SELECT {key_col}, {value_col} FROM {table} WHERE report_id = ? ORDER BY pos", (report_id,)
        )
        for key, stored in rows:
            flat[(kind, key)] = stored
    return flat


def read_many(conn: Connection, report_ids: Sequence[int]) -> dict[int, tuple[Meta, Flat]]:
    """Several reports' fixed fields and current content in one query per table (missing ids left out)."""
    ids = list(dict.fromkeys(report_ids))
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    out: dict[int, tuple[Meta, Flat]] = {}
    rows = conn.execute(
        f"SELECT id, body_id, year, format, extra, rev, deleted, agency FROM reports WHERE id IN ({marks})",
        ids,
    )
    for *fields, agency_json in rows.fetchall():
        meta = Meta(fields[0], fields[1], fields[2], fields[3], parse_json(fields[4]), fields[5], fields[6])
        flat: Flat = {(AGENCY, k): json_text(v) for k, v in parse_json(agency_json).items()}
        flat.update(extra_flat(meta.extra, meta.id))
        out[int(meta.id)] = (meta, flat)
    for kind, (table, key_col, value_col) in _TABLES.items():
        found = conn.execute(
            f"SELECT report_id, {key_col}, {value_col} FROM {table} WHERE report_id IN ({marks}) "
            "ORDER BY report_id, pos",
            ids,
        )
        for report_id, key, stored in found.fetchall():
            if report_id in out:
                out[report_id][1][(kind, key)] = stored
    return out


def read_agency(conn: Connection, report_id: int) -> dict[str, str]:
    """The agency block as ``field → stored JSON text``."""
    (agency_json,) = conn.execute("SELECT agency FROM reports WHERE id = ?", (report_id,)).fetchone()
    with stored(report_id, "机关信息"):
        agency = parse_json(agency_json)
        if not isinstance(agency, dict):
            raise Unreadable("不是一个对象")
    return {str(k): json_text(v) for k, v in agency.items()}


def read_extra(conn: Connection, report_id: int) -> Flat:
    """The ``extra`` column as flat entries (:func:`extra_flat`)."""
    (extra_json,) = conn.execute("SELECT extra FROM reports WHERE id = ?", (report_id,)).fetchone()
    with stored(report_id, "附加数据（extra）"):
        extra = parse_json(extra_json)
    return extra_flat(extra, report_id)


def read_values(conn: Connection, report_id: int, kind: str, keys: Iterable[str]) -> dict[str, str]:
    """The stored text of some keys of one kind (absent keys are left out)."""
    if kind == AGENCY:
        agency = read_agency(conn, report_id)
        return {k: agency[k] for k in keys if k in agency}
    if kind in (UNSURE, EXTRA):
        extra = {key: v for (k, key), v in read_extra(conn, report_id).items() if k == kind}
        return {k: extra[k] for k in keys if k in extra}
    table, key_col, value_col = _TABLES[kind]
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    rows = conn.execute(
        f"SELECT {key_col}, {value_col} FROM {table} WHERE report_id = ? AND {key_col} IN ({marks})",
        (report_id, *wanted),
    )
    return dict(rows.fetchall())


def diff(before: Flat, after: Flat) -> list[Change]:
    """The changes that turn ``before`` into ``after``, in ``after``'s order, removals last."""
    changes = [
        Change(kind, key, before.get((kind, key)), v)
        for (kind, key), v in after.items()
        if before.get((kind, key)) != v
    ]
    changes += [Change(kind, key, v, None) for (kind, key), v in before.items() if (kind, key) not in after]
    return changes


def _apply(conn: Connection, report_id: int, change: Change) -> None:
    if change.kind == AGENCY:
        agency = {k: parse_json(v) for k, v in read_agency(conn, report_id).items()}
        if change.new is None:
            agency.pop(change.key, None)
        else:
            agency[change.key] = parse_json(change.new)
        conn.execute("UPDATE reports SET agency = ? WHERE id = ?", (json_text(agency), report_id))
        return
    if change.kind in (UNSURE, EXTRA):
        flat = read_extra(conn, report_id)
        if change.new is None:
            flat.pop((change.kind, change.key), None)
        else:
            flat[(change.kind, change.key)] = change.new
        rest = {key: parse_json(v) for (k, key), v in flat.items() if k == EXTRA}
        marks = {key: v for (k, key), v in flat.items() if k == UNSURE}
        conn.execute(
            "UPDATE reports SET extra = ? WHERE id = ?", (json_text(join_extra(rest, marks)), report_id)
        )
        return
    table, key_col, value_col = _TABLES[change.kind]
    if change.new is None:
        conn.execute(f"DELETE FROM {table} WHERE report_id = ? AND {key_col} = ?", (report_id, change.key))
        return
    # Most edits change a key the report has: one indexed UPDATE; a new key goes after the others.
    updated = conn.execute(
        f"UPDATE {table} SET {value_col} = ? WHERE report_id = ? AND {key_col} = ?",
        (change.new, report_id, change.key),
    ).rowcount
    if updated:
        return
    conn.execute(
        f"INSERT INTO {table} (report_id, {key_col}, pos, {value_col}) "
        f"VALUES (?, ?, (SELECT coalesce(max(pos), 0) + 1 FROM {table} WHERE report_id = ?), ?)",
        (report_id, change.key, report_id, change.new),
    )


def record(conn: Connection, meta: Meta, action: str, note: str, changes: list[Change], now: str) -> int:
    """Append a revision with its changes and apply them to the current state; returns its number.

    Must run inside a write transaction. ``meta.rev`` is re-read so two writers never share a number.
    """
    (rev,) = conn.execute("SELECT rev + 1 FROM reports WHERE id = ?", (meta.id,)).fetchone()
    conn.execute(
        "INSERT INTO revisions (report_id, rev, time, action, note, author) VALUES (?, ?, ?, ?, ?, ?)",
        (meta.id, rev, now, action, note, conn.author),
    )
    conn.executemany(
        "INSERT INTO changes (report_id, rev, seq, kind, key, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(meta.id, rev, seq, c.kind, c.key, c.old, c.new) for seq, c in enumerate(changes, 1)],
    )
    for change in changes:
        _apply(conn, meta.id, change)
    conn.execute("UPDATE reports SET rev = ?, updated = ? WHERE id = ?", (rev, now, meta.id))
    return int(rev)


def insert_report(
    conn: Connection,
    body_id: int,
    report: Report,
    action: str,
    note: str,
    now: str,
    carried: Mapping[str, str] = MappingProxyType({}),
) -> int:
    """Add a report (its rows and revision 1); ``carried`` marks texts taken over by a rollover.

    Must run inside a write transaction; :class:`StoreError` when the body already has that year.
    """
    existing = conn.execute(
        "SELECT id FROM reports WHERE body_id = ? AND year = ? AND deleted IS NULL", (body_id, report.year)
    ).fetchone()
    if existing is not None:
        raise StoreError(
            f"该机关 {report.year} 年的报告已在数据库中（编号 {existing[0]}）；"
            f"如要替换，请先把它删除到回收站（reportdesk db delete {existing[0]}）"
        )
    flat = report_to_flat(report)
    agency = {key: parse_json(v) for (kind, key), v in flat.items() if kind == AGENCY}
    report_id = conn.insert(
        "INSERT INTO reports (body_id, year, format, agency, extra, rev, created, updated) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
        (body_id, report.year, report.format, json_text(agency), json_text(dict(report.extra)), now, now),
    )
    for kind, (table, key_col, value_col) in _TABLES.items():
        entries = [(key, v) for (k, key), v in flat.items() if k == kind]  # (agency, extra: columns)
        conn.executemany(
            f"INSERT INTO {table} (report_id, {key_col}, pos, {value_col}) VALUES (?, ?, ?, ?)",
            [(report_id, key, pos, v) for pos, (key, v) in enumerate(entries, 1)],
        )
    conn.executemany(
        "UPDATE texts SET carried = ? WHERE report_id = ? AND key = ?",
        [(text, report_id, key) for key, text in carried.items()],
    )
    # The history starts from nothing: revision 1 lists what the report was given (blank cells and
    # empty texts left out, so the list reads as what was filled in).
    given = [Change(kind, key, None, v) for (kind, key), v in flat.items() if v != _BLANK[kind]]
    conn.execute(
        "INSERT INTO revisions (report_id, rev, time, action, note, author) VALUES (?, 1, ?, ?, ?, ?)",
        (report_id, now, action, note, conn.author),
    )
    conn.executemany(
        "INSERT INTO changes (report_id, rev, seq, kind, key, old, new) VALUES (?, 1, ?, ?, ?, ?, ?)",
        [(report_id, seq, c.kind, c.key, c.old, c.new) for seq, c in enumerate(given, 1)],
    )
    conn.execute("UPDATE reports SET rev = 1 WHERE id = ?", (report_id,))
    return report_id


def check_form_version(form: Form, report: Report) -> None:
    """Only reports in the form's format can be stored."""
    if report.format != form.format:
        raise StoreError(f"报告格式为 {report.format}，数据库只保存 {form.format} 格式的报告")
