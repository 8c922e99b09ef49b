"""Benchmark of rendering one report to .docx (issue #4) and publishing it as a web page (issue #15):
prints its figures, asserts nothing.

Target: ≤ 300 ms median for one report, without the PDF conversion.
Run: .venv/bin/python bench/bench_render.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from reportdesk.form import load_form
from reportdesk.publish.page import render_page
from reportdesk.render.docx import render_docx
from reportdesk.render.gate import assess
from reportdesk.render.signoff import render_signoff
from reportdesk.report import read_report

DATA = Path(__file__).parent.parent / "tests" / "data"
RUNS = 21


def median_ms(action: object) -> float:
    """Median wall time of ``action()`` over RUNS runs, after one warm-up run."""
    assert callable(action)
    action()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    form = load_form()
    for name in ("seed-donghu-zwfw-2023", "huaian-city-gov-2024"):
        report = read_report(DATA / f"{name}.json", form).report
        print(f"render_docx {name}: {median_ms(lambda r=report: render_docx(form, r)):.0f} ms median")
        verdict = assess(form, report)
        ms = median_ms(lambda r=report, v=verdict: render_signoff(form, r, v))
        print(f"render_signoff {name}: {ms:.0f} ms median")
        ms = median_ms(lambda r=report: render_page(form, r))
        print(f"render_page (web page) {name}: {ms:.1f} ms median")


if __name__ == "__main__":
    main()
