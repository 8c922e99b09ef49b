"""Load benchmark of the shared database: prints its figures, asserts nothing.

A real PostgreSQL server (Debian's, in a temporary folder; its default settings — fsync and
synchronous_commit on, as a real server runs — plus pg_stat_statements to measure) on loopback; OFFICERS
processes, each logged in as its own body's account (row-level security on), type into their own
report for SECONDS s through the window's own code: the Session of the open report (totals
derived, checks run after each edit) and its SharedSaver (conflict rule, local journal when the
server is away). A person pauses between edits (PACE s on average; --pace 0 types flat out).
RUNS such minutes are measured one after the other. Then every acknowledged edit is looked for in
the server's history, and the 政务公开办's account surveys the government's 1,000 bodies as the 汇总
page does (the same survey on an SQLite file for comparison).

Each run prints where an edit's time goes: the officer process's own CPU inside the save, the wait
for the server, what the server spent executing (pg_stat_statements) and flushing the WAL
(pg_stat_wal), and how busy the machine was — by the officers, by the server, and by everything
else (other people's work on a shared machine), with the load average.

Targets: p95 commit ≤ 20 ms, 0 acknowledged edits lost, the survey of 1,000 bodies ≤ 2 s.
Run: .venv/bin/python bench/bench_server.py [--officers 60] [--seconds 60] [--runs 3] [--pace 1.0]
     [--bodies 1000]
Note: the officers run on the server's machine here; in an office each has a PC of their own.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the test server and the report generator of the tests

from tests.aggregate_support import generated  # noqa: E402
from tests.pg_server import PgServer  # noqa: E402

from reportdesk.form import load_form  # noqa: E402
from reportdesk.report import Agency  # noqa: E402
from reportdesk.server.admin import Listed, set_up_accounts  # noqa: E402
from reportdesk.store import Store  # noqa: E402
from reportdesk.store.journal import Journal  # noqa: E402
from reportdesk.store.server import open_server  # noqa: E402
from reportdesk.store.transfer import copy_all  # noqa: E402
from reportdesk.ui.aggregate.survey import Request, SurveyJob  # noqa: E402
from reportdesk.ui.control.session import Session  # noqa: E402
from reportdesk.ui.control.shared import OFFLINE_MARK, SharedSaver  # noqa: E402

GOVERNMENT = "某某市人民政府"
KEYS = [
    "t3.new.natural",
    "t3.new.commercial",
    "t3.disclosed.natural",
    "t4.review.upheld",
    "t2.normative.issued",
]
# Measuring only: what the server executed and how long its WAL flushes took.
MEASURING = ("shared_preload_libraries = 'pg_stat_statements'", "track_wal_io_timing = on")
TICK = os.sysconf("SC_CLK_TCK")


class TimedSaver:
    """The window's saver, with the wall and CPU time of each save noted."""

    def __init__(self, saver: SharedSaver) -> None:
        self.saver = saver
        self.walls: list[float] = []
        self.cpus: list[float] = []
        self.journaled = 0

    def _timed(self, call: Any, *args: Any) -> str:
        wall, cpu = time.perf_counter(), time.process_time()
        saved: str = call(*args)
        self.walls.append(time.perf_counter() - wall)
        self.cpus.append(time.process_time() - cpu)
        self.journaled += saved.endswith(OFFLINE_MARK)
        return saved

    def save_cells(self, values: Any, seen: Any = None) -> str:
        return self._timed(self.saver.save_cells, values, seen)

    def save_text(self, key: str, text: str, seen: Any = None) -> str:
        return self._timed(self.saver.save_text, key, text, seen)

    def save_explanations(self, reasons: Any, seen: Any = None) -> str:
        return self._timed(self.saver.save_explanations, reasons, seen)


def officer(url: str, report_id: int, job: tuple[float, float, int, str], gate: Any, out: Any) -> None:
    """One officer typing for ``seconds`` once every officer is ready (``gate``, a barrier), then
    waiting at ``gate`` again, still connected, while the server's counters are read; the figures
    go to ``out`` (a queue)."""
    seconds, pace, seed, journal = job
    rng = random.Random(seed)
    form = load_form()
    acked: list[tuple[str, int]] = []
    edit_cpu: list[float] = []
    with Store.open(url, form=form) as store:
        saver = TimedSaver(SharedSaver(store, report_id, Journal(Path(journal))))
        session = Session(form, store.load(report_id), saver)
        gate.wait()
        started_cpu = time.process_time()
        deadline = time.monotonic() + seconds
        n = 0
        while time.monotonic() < deadline and n < 100_000:
            key = KEYS[n % len(KEYS)]
            value = 1000 + seed * 100_000 + int(time.time()) % 100_000 * 10 + n
            cpu = time.process_time()
            session.edit_cell(key, value)
            edit_cpu.append(time.process_time() - cpu)
            acked.append((key, value))
            n += 1
            if pace:
                time.sleep(rng.uniform(0, 2 * pace))
        typing_cpu = time.process_time() - started_cpu
        gate.wait()
        out.put(
            (
                seed,
                {
                    "acked": acked,
                    "walls": saver.walls,
                    "cpus": saver.cpus,
                    "edit_cpu": edit_cpu,
                    "journaled": saver.journaled,
                    "cpu": typing_cpu,
                },
            )
        )
        gate.wait()  # the main process has the figures: now disconnect


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _survey(address: Any, form: Any, gov_name: str) -> tuple[float, int]:
    with Store.open(address, form=form, daily_backup=False) as store:
        government = next(b.body for b in store.list_bodies() if b.body.name == gov_name)
    job = SurveyJob(address, form, government, Request(government.id, 2024))
    started = time.perf_counter()
    survey = job.run(lambda done, total: None, lambda: False)
    return time.perf_counter() - started, len(survey.rows)


def _busy_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of the whole machine since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def _server_ticks(server: PgServer) -> int:
    """CPU ticks used so far by the server's processes (the postmaster's children)."""
    postmaster = int((server.data / "postmaster.pid").read_text().split()[0])
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == postmaster or stat.parent.name == str(postmaster):
            total += int(fields[11]) + int(fields[12])
    return total


def _server_counters(conn: Any) -> dict[str, float]:
    statements = conn.execute(
        "SELECT coalesce(sum(s.calls), 0), "
        "coalesce(sum(s.calls) FILTER (WHERE s.query LIKE '%WITH bump AS%'), 0), "
        "coalesce(sum(s.total_exec_time) FILTER (WHERE s.query LIKE '%WITH bump AS%'), 0) "
        "FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname LIKE 'city_b%'"
    ).fetchone()
    wal = conn.execute(
        "SELECT wal_write, wal_sync, wal_write_time, wal_sync_time FROM pg_stat_wal"
    ).fetchone()
    return {
        "calls": float(statements[0]),
        "edits": float(statements[1]),
        "edit_ms": float(statements[2]),
        "wal_writes": float(wal[0]),
        "wal_syncs": float(wal[1]),
        "wal_ms": float(wal[2]) + float(wal[3]),
    }


def _typing_run(
    args: Any, number: int, server: PgServer, admin_url: str, jobs: list[Any], tmp: str
) -> list[Any]:
    load_idle = os.getloadavg()  # before this run's officers start (their start-up raises it)
    ctx = multiprocessing.get_context("spawn")
    gate, out = ctx.Barrier(len(jobs) + 1, timeout=600), ctx.Queue()
    processes = [
        ctx.Process(
            target=officer, args=(url, rid, (args.seconds, args.pace, i, f"{tmp}/journal-{i}.db"), gate, out)
        )
        for i, (url, rid) in enumerate(jobs)
    ]
    for process in processes:
        process.start()
    counting = open_server(admin_url, 30.0)
    gate.wait()  # every officer connected, its report open
    load_before = os.getloadavg()
    before = (_busy_ticks(), _server_ticks(server), _server_counters(counting))
    started = time.perf_counter()
    gate.wait()  # every officer has stopped typing
    wall = time.perf_counter() - started
    after = (_busy_ticks(), _server_ticks(server), _server_counters(counting))
    counting.close()
    load_after = os.getloadavg()
    got = dict(out.get(timeout=600) for _ in processes)
    gate.wait()
    for process in processes:
        process.join()
    results = [got[i] for i in range(len(jobs))]
    walls = sorted(x for r in results for x in r["walls"])
    cpus = [x for r in results for x in r["cpus"]]
    waits = sorted(w - c for r in results for w, c in zip(r["walls"], r["cpus"], strict=True))
    edits = len(walls)
    q = statistics.quantiles(walls, n=100)
    qw = statistics.quantiles(waits, n=100)
    cores = os.cpu_count() or 1
    span = (after[0][1] - before[0][1]) / cores  # ticks of one processor
    machine = (after[0][0] - before[0][0]) / span
    serving = (after[1] - before[1]) / span
    typing = sum(r["cpu"] for r in results) / wall
    counters = {k: after[2][k] - before[2][k] for k in after[2]}
    print(
        f"run {number}: {edits} edits, {edits / wall:.0f} edits/s; commit p50 {_ms(q[49])}, "
        f"p95 {_ms(q[94])} [target ≤ 20 ms], p99 {_ms(q[98])}, max {_ms(walls[-1])}; "
        f"edits kept in the journal instead: {sum(r['journaled'] for r in results)}\n"
        f"  per edit: officer CPU in the save {_ms(statistics.mean(cpus))} (whole edit incl. totals and "
        f"checks {_ms(statistics.mean(x for r in results for x in r['edit_cpu']))}); waiting for the server "
        f"mean {_ms(statistics.mean(waits))}, p95 {_ms(qw[94])}; server: {counters['edits']:.0f} one-statement "
        f"edits executing {counters['edit_ms'] / max(1, counters['edits']):.2f} ms each, "
        f"{counters['calls'] - counters['edits']:.0f} other statements; "
        f"server CPU {serving * wall / edits * 1000:.2f} ms per edit; "
        f"WAL {counters['wal_syncs'] / edits:.2f} flushes per edit taking {counters['wal_ms'] / max(1, counters['wal_syncs']):.2f} ms each\n"
        f"  machine ({cores} cores): busy {machine:.2f} cores — server {serving:.2f}, officers "
        f"{typing:.2f}, everything else {max(0.0, machine - serving - typing):.2f}; "
        f"load average {load_idle[0]:.1f} before the officers started, {load_before[0]:.1f} once they "
        f"were ready, {load_after[0]:.1f} at the end"
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--officers", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pace", type=float, default=1.0)
    parser.add_argument("--bodies", type=int, default=1000)
    args = parser.parse_args()
    form = load_form()
    rng = random.Random(17)
    server = PgServer(durable=True, settings=MEASURING)
    server.start()
    try:
        admin_url = server.create_database("city")
        t = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            desk = Path(tmp) / "city.sqlite"
            with Store.open(desk, form=form, daily_backup=False) as store:
                store.add_body(GOVERNMENT, "某某市", "government")
                for i in range(args.bodies):
                    name = f"第{i:04d}局"
                    report = generated(form, rng, 2024, name)
                    store.import_report(replace(report, agency=Agency(name=name, region="某某市")))
            sqlite_survey, rows = _survey(desk, form, GOVERNMENT)
            with (
                Store.open(desk, form=form, daily_backup=False) as src,
                Store.open(admin_url, form=form) as dst,
            ):
                copy_all(src.connection, dst.connection)
        with open_server(admin_url, 30.0) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            listed = [Listed(f"第{i:04d}局") for i in range(args.bodies)]
            accounts = set_up_accounts(conn, GOVERNMENT, listed, "2025-01-01T00:00:00+08:00", region="某某市")
        print(
            f"set-up: {args.bodies} bodies' reports and {len(accounts)} accounts in {time.perf_counter() - t:.0f} s"
        )
        logins = {a.body: server.url("city", a.role, a.password) for a in accounts}
        with Store.open(admin_url, form=form) as store:
            ids = {b.body.name: b.reports[0].id for b in store.list_bodies() if b.reports}
        officers = [f"第{i:04d}局" for i in range(args.officers)]
        jobs = [(logins[name], ids[name]) for name in officers]
        print(
            f"{args.officers} officers typing for {args.seconds:.0f} s each run (pause {args.pace} s on average), "
            f"{args.runs} runs; {os.cpu_count()} cores shared with whatever else runs on this machine"
        )
        acked: dict[str, list[tuple[str, int]]] = {name: [] for name in officers}
        with tempfile.TemporaryDirectory() as tmp:
            for number in range(1, args.runs + 1):
                results = _typing_run(args, number, server, admin_url, jobs, tmp)
                for name, result in zip(officers, results, strict=True):
                    acked[name] += result["acked"]
        lost = disordered = 0
        with Store.open(admin_url, form=form) as store:
            for name in officers:
                recorded = [
                    (c.key, c.value(c.new))
                    for r in store.history(ids[name])[1:]
                    for c in r.changes
                    if c.key in KEYS
                ]
                lost += len(set(acked[name]) - set(recorded))
                disordered += recorded != acked[name]
        print(
            f"acknowledged edits lost: {lost} [target 0] of {sum(len(a) for a in acked.values())}; "
            f"officers whose history differs from what they typed: {disordered}"
        )
        pg_survey, pg_rows = _survey(logins[GOVERNMENT], form, GOVERNMENT)
        print(
            f"汇总 survey of {pg_rows} bodies as the 政务公开办's account: {pg_survey:.2f} s [target ≤ 2 s] "
            f"(the same survey on an SQLite file: {sqlite_survey:.2f} s, {rows} bodies)"
        )
    finally:
        server.remove()


if __name__ == "__main__":
    main()
