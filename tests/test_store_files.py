"""The database file: damaged, foreign and newer files are refused untouched; backups; migration."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from reportdesk.store import (
    ForeignDatabase,
    Store,
    StoreDamaged,
    StoreError,
    StoreTooNew,
    default_path,
    list_backups,
    resolve_path,
    restore_backup,
)
from reportdesk.store.backup import daily_path, validate
from reportdesk.store.schema import LATEST

from .conftest import DATA, load_data

TZ = timezone(timedelta(hours=8))
DAY1 = datetime(2024, 1, 20, 9, 0, tzinfo=TZ)


def _clock(when: datetime) -> Callable[[], datetime]:
    return lambda: when


def _make(db: Path, when: datetime = DAY1) -> int:
    """A database holding one report, made and opened again on ``when`` (which takes that day's backup:
    a database with nothing in it is not backed up); returns the report id."""
    with Store.open(db, clock=_clock(when)) as store:
        report_id = store.import_report(load_data("hongze-district-gov-2023"))
    assert not daily_path(db, when.date()).exists()
    Store.open(db, clock=_clock(when)).close()
    return report_id


def _truncate(db: Path) -> None:
    os.truncate(db, db.stat().st_size // 2)


def _garbage_header(db: Path) -> None:
    with db.open("r+b") as f:
        f.write(b"PK\x03\x04 this is a zip now" * 8)


def _garbage_pages(db: Path) -> None:
    with db.open("r+b") as f:
        f.seek(4096 * 3)
        f.write(bytes(range(256)) * 48)


def _emptied(db: Path) -> None:
    db.write_bytes(b"")


DAMAGES = {
    "truncated": (_truncate, "文件被截断"),
    "not sqlite": (_garbage_header, "不是 SQLite 数据库文件"),
    "garbage pages": (_garbage_pages, "完整性检查未通过"),
    "emptied": (_emptied, "文件是空的"),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_database_is_never_overwritten_and_the_backup_is_named(tmp_path: Path, damage: str) -> None:
    db = tmp_path / "drafts.db"
    _make(db)
    backup = daily_path(db, DAY1.date())
    assert backup.exists()
    with Store.open(db, clock=_clock(DAY1 + timedelta(days=1))) as store:
        store.set_cell(1, "t3.new.natural", 5)
    spoil, what = DAMAGES[damage]
    spoil(db)
    before = db.read_bytes()
    for day in (1, 2):  # the first open of a day (full check) and a later one
        with pytest.raises(StoreDamaged) as caught:
            Store.open(db, clock=_clock(DAY1 + timedelta(days=day)))
        assert what in str(caught.value)
        assert "程序没有改动这个文件" in str(caught.value)
        assert caught.value.backup == daily_path(db, (DAY1 + timedelta(days=1)).date())
        assert f"reportdesk db restore-backup {caught.value.backup}" in str(caught.value)
        assert "\n" not in str(caught.value)
        assert db.read_bytes() == before


def test_damage_without_backups_says_so(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    db.write_bytes(b"hello, not a database\n" * 10)
    with pytest.raises(StoreDamaged, match="没有找到可用的备份") as caught:
        Store.open(db)
    assert caught.value.backup is None
    assert db.read_bytes() == b"hello, not a database\n" * 10


def test_a_damaged_backup_is_not_offered(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    _make(db, DAY1)
    _make(tmp_path / "other.db")
    Store.open(db, clock=_clock(DAY1 + timedelta(days=1))).close()
    newest = daily_path(db, (DAY1 + timedelta(days=1)).date())
    _garbage_pages(newest)
    _truncate(db)
    with pytest.raises(StoreDamaged) as caught:
        Store.open(db, clock=_clock(DAY1 + timedelta(days=1)))
    assert caught.value.backup == daily_path(db, DAY1.date())


def test_a_foreign_sqlite_file_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "contacts.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(ForeignDatabase, match="不是 reportdesk 的报告数据库"):
        Store.open(db)
    assert db.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_a_database_from_a_newer_reportdesk_is_refused_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    _make(db)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreTooNew, match=f"数据库版本 {LATEST + 1}，本程序只支持到 {LATEST}"):
        Store.open(db, clock=_clock(DAY1 + timedelta(days=3)))
    assert db.read_bytes() == before
    assert not daily_path(db, (DAY1 + timedelta(days=3)).date()).exists()


def test_an_sqlite_file_with_nothing_in_it_becomes_a_database(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    conn = sqlite3.connect(db)
    conn.executescript("CREATE TABLE t (x); DROP TABLE t;")
    conn.close()
    assert db.stat().st_size > 0
    with Store.open(db) as store:
        assert store.list_bodies() == []
    assert validate(db) == LATEST


def test_a_new_database_is_made_in_one_step(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "dir" / "drafts.db"
    with Store.open(db) as store:
        assert store.list_bodies() == []
    assert sorted(p.name for p in db.parent.iterdir()) == ["drafts.db"]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_daily_backups_keep_the_last_fourteen(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    Store.open(db, clock=_clock(DAY1)).close()
    assert list_backups(db) == []  # nothing worth keeping yet
    _make(db)
    days = [DAY1 + timedelta(days=n) for n in range(17)]
    for when in days:
        with Store.open(db, clock=_clock(when)) as store:
            store.set_cell(1, "t3.new.natural", when.day)
        Store.open(db, clock=_clock(when + timedelta(hours=3))).close()  # a second open that day: no new copy
    kept = list_backups(db)
    assert kept == [daily_path(db, d.date()) for d in reversed(days[-14:])]
    for backup in kept:
        assert validate(backup) == LATEST
    # Each day's copy holds the database as it was at that day's first open.
    with Store.open(kept[0], daily_backup=False) as copy:
        assert copy.load(1).cells["t3.new.natural"] == days[-2].day


def test_backup_and_restore_keep_the_replaced_database(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    report_id = _make(db)
    saved = tmp_path / "elsewhere" / "before-edits.db"
    with Store.open(db) as store:
        store.backup(saved)
        store.set_cell(report_id, "t3.new.natural", 99)
        with pytest.raises(StoreError, match="就是当前数据库本身"):
            store.backup(db)
        # Another window keeps the database open while it is restored.
        done = restore_backup(db, saved, DAY1 + timedelta(days=1))
        assert store.load(report_id).cells["t3.new.natural"] == 21
    assert not done.damaged and done.kept is not None
    with Store.open(done.kept, daily_backup=False) as kept:
        assert kept.load(report_id).cells["t3.new.natural"] == 99
    with Store.open(db) as store:
        assert store.load(report_id) == load_data("hongze-district-gov-2023")
        store.set_cell(report_id, "t3.new.natural", 3)  # still a working, writable database
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_restoring_over_a_damaged_database_moves_it_aside_whole(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    report_id = _make(db)
    _truncate(db)
    damaged_bytes = db.read_bytes()
    with pytest.raises(StoreDamaged) as caught:
        Store.open(db)
    assert caught.value.backup is not None
    done = restore_backup(db, caught.value.backup, DAY1 + timedelta(days=1))
    assert done.damaged and done.kept is not None
    assert done.kept.read_bytes() == damaged_bytes
    with Store.open(db) as store:
        assert store.load(report_id) == load_data("hongze-district-gov-2023")
    assert done.kept not in list_backups(db)  # a damaged file is never offered as a backup


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "不存在"),
        (b"not a database", "不能使用：这不是 SQLite"),
        ("foreign", "不是 reportdesk 的数据库备份"),
    ],
)
def test_an_unusable_backup_is_refused_before_anything_changes(
    tmp_path: Path, content: object, message: str
) -> None:
    db = tmp_path / "drafts.db"
    _make(db)
    before = db.read_bytes()
    file = tmp_path / "chosen.db"
    if isinstance(content, bytes):
        file.write_bytes(content)
    elif content == "foreign":
        sqlite3.connect(file).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match=message):
        restore_backup(db, file, DAY1)
    assert db.read_bytes() == before


def test_where_the_database_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORTDESK_DB", raising=False)
    assert resolve_path(None) == default_path()
    assert default_path().name == "reportdesk.db"
    monkeypatch.setenv("REPORTDESK_DB", str(tmp_path / "env.db"))
    assert resolve_path(None) == tmp_path / "env.db"
    assert resolve_path(tmp_path / "given.db") == tmp_path / "given.db"


def test_a_first_version_database_is_migrated_and_kept(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    conn = sqlite3.connect(db)
    conn.executescript((DATA / "store-v1.sql").read_text(encoding="utf-8"))
    conn.close()
    with Store.open(db, clock=_clock(DAY1)) as store:
        hongze = load_data("hongze-district-gov-2023")
        assert store.load(1, 1) == hongze
        assert store.load(2) == load_data("seed-donghu-zwfw-2023")
        current = store.load(1)
        assert (current.cells["t4.review.upheld"], current.cells["t4.review.total"]) == (9, 10)
        assert current.texts["s6"] == "2023年未收取信息处理费。"
        assert [r.rev for r in store.history(1)] == [1, 2, 3]
        # What version 2 added works on the old data.
        store.finalize(1, "迁移后定稿")
        new_id = store.rollover(1, 2024)
        assert "s6" in store.unrevised_texts(new_id)
        store.delete(2)
        assert [info.id for _, info in store.list_bin()] == [2]
        store.restore(1, 1)
        assert store.load(1) == hongze
    [before] = [p for p in list_backups(db) if p.name.endswith(f"-before-v{LATEST}.db")]
    assert validate(before) == 1  # the untouched first-version database, kept before upgrading
    # The upgraded file has exactly the layout of a new one.
    fresh = tmp_path / "fresh.db"
    Store.open(fresh).close()
    assert _layout(db) == _layout(fresh)


def _layout(db: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
        columns = {
            (table, str(conn.execute(f"PRAGMA table_info({table})").fetchall()))
            for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        indexes = {
            (name, " ".join(sql.split()))
            for name, sql in rows
            if sql.upper().startswith("CREATE INDEX") or "UNIQUE INDEX" in sql.upper()
        }
        return columns | indexes | {("user_version", str(conn.execute("PRAGMA user_version").fetchone()[0]))}
    finally:
        conn.close()


def test_a_failed_daily_backup_does_not_stop_the_work(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    with Store.open(db, clock=_clock(DAY1)) as store:
        store.import_report(load_data("seed-donghu-zwfw-2023"))
    (tmp_path / "backups").write_text("a file where the backups folder should be", encoding="utf-8")
    with Store.open(db, clock=_clock(DAY1)) as store:
        assert len(store.warnings) == 1 and "今天的自动备份没有做成" in store.warnings[0]
        store.set_cell(1, "t3.new.natural", 3)
        assert store.load(1).cells["t3.new.natural"] == 3


class _Malformed:
    """Stands in for a connection whose file went bad while it was open."""

    in_transaction = False

    def execute(self, *args: object) -> object:
        raise sqlite3.DatabaseError("database disk image is malformed")

    def close(self) -> None:
        pass


def test_damage_found_while_working_names_the_backup(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    _make(db)
    store = Store.open(db, clock=_clock(DAY1))
    real = store._db.raw  # type: ignore[attr-defined]
    store._db.raw = _Malformed()  # type: ignore[attr-defined]
    try:
        with pytest.raises(StoreDamaged, match="数据库内部结构损坏") as caught:
            store.load(1)
        assert caught.value.backup == daily_path(db, DAY1.date())
        with pytest.raises(StoreDamaged):
            store.set_cell(1, "t3.new.natural", 1)
    finally:
        real.close()


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="无法读取数据库"):
        Store.open(tmp_path)


def test_a_new_database_never_replaces_one_made_meanwhile(tmp_path: Path) -> None:
    from reportdesk.store.db import _place_if_absent

    theirs, mine = tmp_path / "drafts.db", tmp_path / ".drafts.db.new"
    theirs.write_bytes(b"made first")
    mine.write_bytes(b"made second")
    _place_if_absent(mine, theirs)
    assert theirs.read_bytes() == b"made first"
    _place_if_absent(mine, tmp_path / "free.db")
    assert (tmp_path / "free.db").read_bytes() == b"made second"
