"""Edits survive the process being killed at any moment; two writers at once are safe."""

from __future__ import annotations

import itertools
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

from reportdesk.store import Store, StoreBusy

from .conftest import load_data, new_pg_database
from .pg_server import PgServer

WRITER = Path(__file__).parent / "store_writer.py"
KILLS = 60


def _spawn(db: Path | str, report_id: int, first: int, count: int, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), str(report_id), str(first), str(count), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _committed_numbers(db: Path | str, report_id: int) -> set[int]:
    """Every number an edit wrote, read back from the history."""
    with Store.open(db, daily_backup=False) as store:
        found = set()
        for revision in store.history(report_id)[1:]:
            for change in revision.changes:
                if change.key == "t3.new.natural":
                    found.add(int(change.value(change.new)))
                elif change.key == "s1.active":
                    found.add(int(str(change.value(change.new)).split()[1]))
        return found


def _integrity(db: Path | str) -> str:
    if not isinstance(db, Path):
        return "ok"  # the server keeps its own files sound; what matters is read back below
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_every_edit_reported_committed_survives_sigkill(location: Path | str) -> None:
    db = location
    kills = KILLS if isinstance(db, Path) else KILLS // 3  # a server's client starts slower
    with Store.open(db) as store:
        report_id = store.import_report(load_data("hongze-district-gov-2023"))
    rng = random.Random(20240131)
    promised: set[int] = set()
    next_number = 1
    killed_mid_edits = 0
    for round_ in range(kills):
        child = _spawn(db, report_id, next_number, 100_000, "mixed")
        lines: list[str] = []
        editing = threading.Event()

        def read(stream=child.stdout, out=lines, editing=editing) -> None:  # type: ignore[no-untyped-def]
            for line in stream:
                out.append(line.strip())
                # A few edits reported committed: the kill lands while edits are being made, however
                # slowly a loaded machine starts the child.
                if sum(x.isdigit() for x in out) >= 3:
                    editing.set()

        reader = threading.Thread(target=read)
        reader.start()
        # Half the kills land anywhere (start-up, opening, the daily backup), half while editing.
        if round_ % 2 and editing.wait(30):
            time.sleep(rng.uniform(0.0, 0.03))
        else:
            time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait()
        reader.join()
        stderr = child.stderr.read() if child.stderr else ""
        assert child.returncode == -signal.SIGKILL, stderr
        assert "Traceback" not in stderr, stderr
        numbers = [int(x) for x in lines if x.isdigit()]
        promised.update(numbers)
        killed_mid_edits += bool(numbers)

        assert _integrity(db) == "ok", f"round {round_}"
        committed = _committed_numbers(db, report_id)
        missing = promised - committed
        assert not missing, f"round {round_}: edits reported as committed but lost: {sorted(missing)[:10]}"
        next_number = max(committed | {0}) + 1
    assert killed_mid_edits >= kills // 3, "too few kills landed while edits were being made"
    assert len(promised) > kills
    # The current state is the last committed edit of each key.
    with Store.open(db, daily_backup=False) as store:
        report = store.load(report_id)
        last = max(committed)
        last_odd = last if last % 2 else last - 1
        last_even = last if last % 2 == 0 else last - 1
        assert report.cells["t3.new.natural"] == last_odd
        assert report.cells["t3.new.total"] == last_odd
        assert report.texts["s1.active"] == f"第 {last_even} 次修改"


def test_two_writers_at_once_lose_nothing(location: Path | str) -> None:
    db = location
    with Store.open(db) as store:
        report_id = store.import_report(load_data("seed-donghu-zwfw-2023"))
        before = store.info(report_id).rev
    count = 400
    writers = [_spawn(db, report_id, 1, count, "natural"), _spawn(db, report_id, 1001, count, "commercial")]
    for w in writers:
        assert w.stdout is not None and w.stdout.readline().strip() == "ready"
    for w in writers:
        assert w.stdin is not None
        w.stdin.write("go\n")
        w.stdin.flush()
    outputs = [w.communicate(timeout=120) for w in writers]
    for w, (out, err) in zip(writers, outputs, strict=True):
        assert w.returncode == 0, err
        assert out.split()[-1] in (str(count), str(1000 + count))
    assert _integrity(db) == "ok"
    with Store.open(db) as store:
        history = store.history(report_id)
        report = store.load(report_id)
    assert [r.rev for r in history] == list(range(1, before + 2 * count + 1))
    natural = [c.value(c.new) for r in history[1:] for c in r.changes if c.key == "t3.new.natural"]
    commercial = [c.value(c.new) for r in history[1:] for c in r.changes if c.key == "t3.new.commercial"]
    # They really wrote at the same time: the history interleaves them.
    writers_in_order = [
        c.key for r in history[1:] for c in r.changes if c.key in ("t3.new.natural", "t3.new.commercial")
    ]
    switches = sum(a != b for a, b in itertools.pairwise(writers_in_order))
    assert switches > 2, switches
    assert natural == list(range(1, count + 1))
    assert commercial == list(range(1001, 1001 + count))
    assert report.cells["t3.new.natural"] == count
    assert report.cells["t3.new.commercial"] == 1000 + count
    others = sum(report.cells[f"t3.new.{c}"] for c in ("research", "nonprofit", "legal", "other_org"))  # type: ignore[misc]
    assert report.cells["t3.new.total"] == count + 1000 + count + others


def test_a_writer_kept_waiting_too_long_is_told_plainly(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    with Store.open(db) as store:
        report_id = store.import_report(load_data("seed-donghu-zwfw-2023"))
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store.open(db, busy_timeout=0.2) as store:
            with pytest.raises(StoreBusy) as caught:
                store.set_cell(report_id, "t3.new.natural", 7)
            assert "另一个 reportdesk" in str(caught.value)
            assert "没有保存" in str(caught.value)
            holder.execute("ROLLBACK")
            store.set_cell(report_id, "t3.new.natural", 7)
            assert store.load(report_id).cells["t3.new.natural"] == 7
    finally:
        holder.close()


def test_a_writer_kept_waiting_by_the_server_is_told_plainly(pg_server: PgServer) -> None:
    url = new_pg_database(pg_server)
    with Store.open(url) as store:
        report_id = store.import_report(load_data("seed-donghu-zwfw-2023"))
    holder = psycopg.connect(url, autocommit=True, options="-c search_path=reportdesk")
    try:
        with Store.open(url, busy_timeout=0.2) as store, holder.transaction():
            holder.execute("SELECT 1 FROM reports WHERE id = %s FOR UPDATE", (report_id,))
            with pytest.raises(StoreBusy) as caught:
                store.set_cell(report_id, "t3.new.natural", 7)
            assert "没有保存" in str(caught.value)
        with Store.open(url) as store:
            assert store.load(report_id).cells["t3.new.natural"] != 7
            store.set_cell(report_id, "t3.new.natural", 7)
            assert store.load(report_id).cells["t3.new.natural"] == 7
    finally:
        holder.close()
