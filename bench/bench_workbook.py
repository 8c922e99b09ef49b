"""Benchmark of Excel export and import (issue #6): prints its figures, asserts nothing.

Target: importing 100 .xlsx ≤ 15 s. Measured for workbooks made by reportdesk and for
hand-made ones in the official layout (found by labels, figures partly typed as text).
Run: .venv/bin/python bench/bench_workbook.py
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the report generator and hand-made layout of the tests

from tests.aggregate_support import generated  # noqa: E402
from tests.workbook_support import handmade  # noqa: E402

from reportdesk.form import load_form  # noqa: E402
from reportdesk.workbook import import_workbook, write_workbook  # noqa: E402

COUNT = 100


def main() -> None:
    form = load_form()
    rng = random.Random(8)
    reports = [generated(form, rng, 2024, f"第{i}局") for i in range(COUNT)]
    with tempfile.TemporaryDirectory() as tmp:
        ours, hand = [], []
        t = time.perf_counter()
        for i, report in enumerate(reports):
            path = Path(tmp) / f"ours{i:03}.xlsx"
            write_workbook(report, form, path)
            ours.append(path)
        print(f"export {COUNT} reports to .xlsx: {time.perf_counter() - t:.2f} s")
        for i, report in enumerate(reports):
            path = Path(tmp) / f"hand{i:03}.xlsx"
            handmade(report, form).save(path)
            hand.append(path)
        for name, paths in (("made by reportdesk", ours), ("hand-made", hand)):
            each = []
            for path, report in zip(paths, reports, strict=True):
                t = time.perf_counter()
                back, _ = import_workbook(path, form)
                each.append(time.perf_counter() - t)
                assert dict(back.cells) == dict(report.cells)  # a benchmark of wrong results is worthless
            print(
                f"import {COUNT} .xlsx ({name}): {sum(each):.2f} s total, "
                f"median {statistics.median(each) * 1000:.0f} ms, max {max(each) * 1000:.0f} ms"
            )


if __name__ == "__main__":
    main()
