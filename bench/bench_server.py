"""Load benchmark of the shared database: prints its figures, asserts nothing.

A real PostgreSQL server (Debian's, in a temporary folder, fsync and synchronous_commit on as a real
server runs) on loopback; OFFICERS processes, each logged in as its own body's account (row-level
security on), type into their own report for SECONDS s the way the window saves: each edit with what
the officer saw, under the conflict rule, one transaction each. A person pauses between edits
(PACE s on average; --pace 0 types flat out). Then every acknowledged edit is looked for in the
server's history, and the 政务公开办's account surveys the government's 1,000 bodies as the 汇总 page
does (the same survey on an SQLite file for comparison).
Targets: p95 commit ≤ 20 ms, 0 acknowledged edits lost, the survey of 1,000 bodies ≤ 2 s.
Run: .venv/bin/python bench/bench_server.py [--officers 60] [--seconds 60] [--pace 1.0] [--bodies 1000]
"""

from __future__ import annotations

import argparse
import multiprocessing
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
from reportdesk.store import Edit, Store  # noqa: E402
from reportdesk.store.models import CELL  # noqa: E402
from reportdesk.store.server import open_server  # noqa: E402
from reportdesk.store.transfer import copy_all  # noqa: E402
from reportdesk.ui.aggregate.survey import Request, SurveyJob  # noqa: E402

GOVERNMENT = "某某市人民政府"
KEYS = [
    "t3.new.natural",
    "t3.new.commercial",
    "t3.disclosed.natural",
    "t4.review.upheld",
    "t2.normative.issued",
]


def officer(url: str, report_id: int, seconds: float, pace: float, seed: int) -> dict[str, Any]:
    """One officer typing: (key, value) of every acknowledged edit and each commit's latency."""
    rng = random.Random(seed)
    acked: list[tuple[str, int]] = []
    latencies: list[float] = []
    with Store.open(url) as store:
        report = store.load(report_id)
        shown = {k: report.cells.get(k) for k in KEYS}
        base = store.info(report_id).rev
        deadline = time.monotonic() + seconds
        n = 0
        while time.monotonic() < deadline and n < 100_000:
            key = KEYS[n % len(KEYS)]
            value = 1000 + n
            started = time.perf_counter()
            base = store.edit(report_id, Edit(CELL, {key: value}, {key: shown[key]}, base))
            latencies.append(time.perf_counter() - started)
            acked.append((key, value))
            shown[key] = value
            n += 1
            if pace:
                time.sleep(rng.uniform(0, 2 * pace))
    return {"acked": acked, "latencies": latencies}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _survey(address: Any, form: Any, gov_name: str) -> tuple[float, int]:
    with Store.open(address, form=form, daily_backup=False) as store:
        government = next(b.body for b in store.list_bodies() if b.body.name == gov_name)
    job = SurveyJob(address, form, government, Request(government.id, 2024))
    started = time.perf_counter()
    survey = job.run(lambda done, total: None, lambda: False)
    return time.perf_counter() - started, len(survey.rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--officers", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pace", type=float, default=1.0)
    parser.add_argument("--bodies", type=int, default=1000)
    args = parser.parse_args()
    form = load_form()
    rng = random.Random(17)
    server = PgServer(durable=True)
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
            listed = [Listed(f"第{i:04d}局") for i in range(args.bodies)]
            accounts = set_up_accounts(conn, GOVERNMENT, listed, "2025-01-01T00:00:00+08:00", region="某某市")
        print(
            f"set-up: {args.bodies} bodies' reports and {len(accounts)} accounts in {time.perf_counter() - t:.0f} s"
        )
        logins = {a.body: server.url("city", a.role, a.password) for a in accounts}
        with Store.open(admin_url, form=form) as store:
            ids = {b.body.name: b.reports[0].id for b in store.list_bodies() if b.reports}
        officers = [f"第{i:04d}局" for i in range(args.officers)]
        jobs = [(logins[name], ids[name], args.seconds, args.pace, i) for i, name in enumerate(officers)]
        started = time.perf_counter()
        with multiprocessing.get_context("spawn").Pool(len(jobs)) as pool:
            results = pool.starmap(officer, jobs)
        wall = time.perf_counter() - started
        latencies = sorted(x for r in results for x in r["latencies"])
        edits = len(latencies)
        lost = disordered = 0
        with Store.open(admin_url, form=form) as store:
            for name, result in zip(officers, results, strict=True):
                recorded = [
                    (c.key, c.value(c.new))
                    for r in store.history(ids[name])[1:]
                    for c in r.changes
                    if c.key in KEYS
                ]
                lost += len(set(result["acked"]) - set(recorded))
                disordered += recorded != result["acked"]
        q = statistics.quantiles(latencies, n=100)
        print(
            f"{args.officers} officers typing for {args.seconds:.0f} s (pause {args.pace} s on average): "
            f"{edits} edits, {edits / wall:.0f} edits/s; commit p50 {_ms(q[49])}, p95 {_ms(q[94])} "
            f"[target ≤ 20 ms], max {_ms(latencies[-1])}; acknowledged edits lost: {lost} [target 0], "
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
