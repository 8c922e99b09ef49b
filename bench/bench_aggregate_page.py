"""Benchmark of the window's 汇总 page: prints its figures, asserts nothing.

Target: nothing holds up the window more than 100 ms while a government's bodies are surveyed and
summed (the reading runs in a worker thread). Measured on a database of COUNT bodies' reports:
the longest gap between ticks of a 10 ms timer on the window's thread during the survey, and
the time each step takes on that thread (showing the page, showing the survey, saving the total).
Run: .venv/bin/python bench/bench_aggregate_page.py [COUNT]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the report generator of the tests

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from tests.aggregate_support import generated  # noqa: E402

from reportdesk.form import load_form  # noqa: E402
from reportdesk.report import Agency  # noqa: E402
from reportdesk.store import Store  # noqa: E402
from reportdesk.ui.aggregate.actions import AGGREGATE  # noqa: E402
from reportdesk.ui.app import build, make_app  # noqa: E402


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    form = load_form()
    rng = random.Random(8)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "county.db"
        with Store.open(db, form=form) as store:
            store.add_body("某某市人民政府", "某某市", "government")
            for i in range(count):
                name = f"第{i}局"
                report = generated(form, rng, 2024, name)
                store.import_report(replace(report, agency=Agency(name=name, region="某某市")))
        app = make_app()
        built = build(str(db), Path(tmp) / "window.ini")
        assert built is not None
        window, c = built
        window.resize(1360, 860)
        window.show()
        app.processEvents()
        page = window.aggregate_page
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        t = time.perf_counter()
        c.go(AGGREGATE)
        shown = time.perf_counter() - t
        started = time.perf_counter()
        while c.survey is None:
            QApplication.processEvents()
            time.sleep(0.002)
        surveyed = time.perf_counter() - started
        timer.stop()
        gaps = [b - a for a, b in pairwise(ticks)]
        t = time.perf_counter()
        page.show_survey(c.survey, False)
        redraw = time.perf_counter() - t
        t = time.perf_counter()
        c.save_total()
        saved = time.perf_counter() - t
        print(
            f"汇总 page, {count} bodies: survey {surveyed:.2f} s in the worker; longest stall of the window "
            f"meanwhile {_ms(max(gaps, default=0.0))}  [target ≤ 100 ms]"
        )
        print(
            f"  on the window's thread: showing the page {_ms(shown)}, showing the survey {_ms(redraw)}, "
            f"saving the total and opening it {_ms(saved)}"
        )
        window.close()
        c.store.close()


if __name__ == "__main__":
    main()
