"""Benchmark of the checks (issue #2): prints its figures, asserts nothing.

Targets: all checks on one full report ≤ 2 ms median; checks on 1,000 reports ≤ 2 s.
Run: .venv/bin/python bench/bench_checks.py
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from reportdesk.checks import check
from reportdesk.form import load_form
from reportdesk.report import Report, derive, read_report

DATA = Path(__file__).parent.parent / "tests" / "data"


def varied(report: Report, rng: random.Random) -> Report:
    """The report with random leaves and derived totals (a different report each time)."""
    form = load_form()
    cells = {k: rng.randint(0, 500) for k, c in form.cells.items() if not c.computed and c.kind == "count"}
    return derive(report.with_cells(cells), form)


def main() -> None:
    form = load_form()
    seed = read_report(DATA / "seed-donghu-zwfw-2023.json", form).report
    huaian = read_report(DATA / "huaian-city-gov-2024.json", form).report
    previous = seed.with_year(2022)

    for name, report, prev in (
        ("seed", seed, None),
        ("huaian", huaian, None),
        ("seed+previous", seed, previous),
    ):
        for _ in range(50):
            check(form, report, prev)
        times = []
        for _ in range(500):
            t = time.perf_counter()
            check(form, report, prev)
            times.append(time.perf_counter() - t)
        print(
            f"check() one full report [{name}]: median {statistics.median(times) * 1000:.3f} ms, "
            f"p95 {sorted(times)[int(len(times) * 0.95)] * 1000:.3f} ms"
        )

    rng = random.Random(1)
    reports = [varied(huaian, rng) for _ in range(1000)]
    t = time.perf_counter()
    findings = sum(len(check(form, r)) for r in reports)
    elapsed = time.perf_counter() - t
    print(f"check() on 1,000 reports: {elapsed:.3f} s ({findings} findings)")


if __name__ == "__main__":
    main()
