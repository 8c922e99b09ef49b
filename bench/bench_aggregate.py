"""Benchmark of the government-wide total (issue #6): prints its figures, asserts nothing.

Target: aggregating 1,000 JSON reports ≤ 2 s (reading the files, checking each, summing).
Run: .venv/bin/python bench/bench_aggregate.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the report generator of the tests

from tests.aggregate_support import generated  # noqa: E402

from reportdesk.aggregate import aggregate  # noqa: E402
from reportdesk.commands_aggregate import read_inputs  # noqa: E402
from reportdesk.form import load_form  # noqa: E402
from reportdesk.report import Agency, write_report  # noqa: E402

COUNT = 1000


def main() -> None:
    form = load_form()
    rng = random.Random(6)
    reports = [generated(form, rng, 2024, f"第{i}局") for i in range(COUNT)]
    agency = Agency(name="某某市人民政府")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, report in enumerate(reports):
            path = Path(tmp) / f"body{i:04}.json"
            write_report(report, form, path)
            paths.append(str(path))
        times = []
        for _ in range(3):
            t = time.perf_counter()
            inputs = read_inputs(paths, form, 2024, None)
            result = aggregate(inputs, form, year=2024, agency=agency)
            times.append(time.perf_counter() - t)
        print(
            f"aggregate {COUNT} JSON files (read + check + sum): best {min(times):.3f} s, "
            f"worst {max(times):.3f} s; {result.summed} summed, {len(result.refused)} refused"
        )
    t = time.perf_counter()
    from reportdesk.aggregate import Input

    aggregate([Input(str(i), r) for i, r in enumerate(reports)], form, year=2024, agency=agency)
    print(f"aggregate {COUNT} reports already in memory (check + sum): {time.perf_counter() - t:.3f} s")


if __name__ == "__main__":
    main()
