"""Benchmark of the drafts store (issue #3): prints its figures, asserts nothing.

Targets: one edit committed ≤ 5 ms median; opening a database of 50 bodies × 10 years and listing
it ≤ 200 ms. Run: .venv/bin/python bench/bench_store.py [FOLDER]  (default: a temporary folder;
give a folder on the disk you care about — the figures depend on it).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from reportdesk.form import load_form
from reportdesk.report import Report, read_report
from reportdesk.store import Store

DATA = Path(__file__).parent.parent / "tests" / "data"
BODIES, YEARS = 50, 10


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def _edit_times(store: Store, report_id: int, n: int, rng: random.Random) -> list[float]:
    form = store.form
    keys = [k for k, c in form.cells.items() if not c.computed and c.kind == "count"]
    times = []
    for i in range(n):
        start = time.perf_counter()
        if i % 5 == 4:
            store.set_text(report_id, "s1.active", f"第 {i} 次修改的正文。" * 20)
        else:
            store.set_cell(report_id, rng.choice(keys), rng.randint(0, 500))
        times.append(time.perf_counter() - start)
    return times


def bench_edits(folder: Path, seed: Report) -> None:
    rng = random.Random(3)
    with Store.open(folder / "edits.db") as store:
        report_id = store.import_report(seed)
        times = _edit_times(store, report_id, 1000, rng)
        print(
            f"one edit committed (WAL, synchronous=NORMAL, the store's setting): median {_ms(statistics.median(times))}, "
            f"p95 {_ms(sorted(times)[int(len(times) * 0.95)])}  [target ≤ 5 ms median]"
        )
        # For comparison only: what an fsync on every commit would cost on this disk.
        store._conn.execute("PRAGMA synchronous = FULL")
        times = _edit_times(store, report_id, 300, rng)
        print(f"  for comparison, synchronous=FULL: median {_ms(statistics.median(times))}")


def bench_open_and_list(folder: Path, seed: Report) -> None:
    db = folder / "many.db"
    rng = random.Random(7)
    start = time.perf_counter()
    with Store.open(db, daily_backup=False) as store:
        for b in range(BODIES):
            agency = replace(seed.agency, name=f"第{b + 1}号机关")
            first = store.import_report(replace(seed, agency=agency, year=2015))
            report_id = first
            for _ in range(YEARS - 1):
                report_id = store.rollover(report_id, store.load(report_id).year + 1)
                for _ in range(20):  # a year's worth of edits in each report's history
                    store.set_cell(report_id, "t3.new.natural", rng.randint(0, 99))
    print(
        f"built {BODIES} bodies × {YEARS} years in {time.perf_counter() - start:.1f} s; "
        f"file {db.stat().st_size / 1e6:.1f} MB"
    )

    day = datetime.now().astimezone()
    first_open = []
    later_opens = []
    for n in range(7):
        when = day + timedelta(days=n + 1)
        start = time.perf_counter()
        with Store.open(
            db, clock=lambda when=when: when
        ) as store:  # first open of a day: full check + backup
            listing = store.list_bodies()
        first_open.append(time.perf_counter() - start)
        for _ in range(5):
            start = time.perf_counter()
            with Store.open(db, clock=lambda when=when: when) as store:
                listing = store.list_bodies()
            later_opens.append(time.perf_counter() - start)
    reports = sum(len(b.reports) for b in listing)
    print(
        f"open + list {len(listing)} bodies / {reports} reports: median {_ms(statistics.median(later_opens))}  "
        "[target ≤ 200 ms]"
    )
    print(
        f"  first open of a day (full integrity_check + daily backup): median {_ms(statistics.median(first_open))}"
    )


def main() -> None:
    form = load_form()
    seed = read_report(DATA / "seed-donghu-zwfw-2023.json", form).report
    if len(sys.argv) > 1:
        folder = Path(sys.argv[1])
        folder.mkdir(parents=True, exist_ok=True)
        bench_edits(folder, seed)
        bench_open_and_list(folder, seed)
        return
    with tempfile.TemporaryDirectory() as tmp:
        bench_edits(Path(tmp), seed)
        bench_open_and_list(Path(tmp), seed)


if __name__ == "__main__":
    main()
