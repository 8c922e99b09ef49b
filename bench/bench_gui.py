"""Benchmark of the desktop window (issues #5, #11): prints its figures, asserts nothing.

Targets (issue #11): cold start to the first painted window ≤ 2× the cold start of a bare PySide6
window with one table, both measured in this run, alternately (offscreen, a fresh Python process
each time, interpreter start included), printed as that ratio; a keystroke in a table cell to
updated findings and section states ≤ 5 ms at the 95th percentile.
The machine may be shared: the ratio compares runs made side by side, the absolute times do not
mean much on a busy machine.
Run: .venv/bin/python bench/bench_gui.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent.parent / "tests" / "data"
# As installed: Python's compiled modules (.pyc) are kept and reused. A shell that sets
# PYTHONDONTWRITEBYTECODE would make every start compile the program's sources again — a cost no
# office sees (an installed bundle ships them compiled) that falls on the program, not the yardstick.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
RUNS = 9
KEYS = 400

# The child process: the application's own start-up, until the window has painted once, then
# until a report it reopened has its findings shown (its checks run once the window has painted).
# The application's module is imported first, as ``reportdesk`` does (cli → reportdesk.ui.app):
# what the harness itself takes from Qt must not change the order in which the program loads.
CHILD = """
import resource, sys, time
from reportdesk.ui.app import build, make_app
from PySide6.QtCore import QEvent, QObject, QTimer

def stamp(what):
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(what, time.time(), usage.ru_utime + usage.ru_stime, flush=True)

def ready():
    if controller.session is not None and not controller.session.checked:
        QTimer.singleShot(0, ready)
        return
    stamp("ready")
    app.quit()

class FirstPaint(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            stamp("painted")
            QTimer.singleShot(0, ready)
        return False

app = make_app()
window, controller = build(sys.argv[1], __import__("pathlib").Path(sys.argv[2]))
if len(sys.argv) > 3:
    controller.open_report(int(sys.argv[3]))
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


# The yardstick: a bare PySide6 window with one table, until it has painted once.
BARE = """
import resource, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            usage = resource.getrusage(resource.RUSAGE_SELF)
            print("painted", time.time(), usage.ru_utime + usage.ru_stime, flush=True)
            app.quit()
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTableWidget(20, 8))
window.resize(1280, 820)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def cold_start(
    db: Path, settings: Path, report_id: int | None = None, code: str = CHILD, ready: bool = False
) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds) from starting the process to the window's first paint,
    as the process itself reports them when it paints (what it does while exiting is not counted);
    ``ready``: to the moment the reopened report's findings are shown.
    On a machine shared with others the CPU time is the steadier of the two."""
    start = time.time()
    extra = [] if report_id is None else [str(report_id)]
    out = subprocess.run(
        [sys.executable, "-c", code, str(db), str(settings), *extra],
        capture_output=True,
        text=True,
        check=True,
        env=CHILD_ENV,
    )
    stamps = {line.split()[0]: line.split()[1:] for line in out.stdout.splitlines() if line[:1].isalpha()}
    if "painted" not in stamps:
        raise RuntimeError(f"the window never painted: {out.stderr[-500:]}")
    painted = stamps["painted"]
    if ready:
        painted = stamps.get("ready", painted)
    return float(painted[0]) - start, float(painted[1])


def keystrokes(folder: Path) -> tuple[list[float], list[float]]:
    """Milliseconds from a key press (a digit in a table cell, a phrase in a text) to the findings
    panel, the side list and the status bar being up to date (all done before the key returns)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from reportdesk.report import read_report
    from reportdesk.ui.app import build, make_app
    from reportdesk.ui.pages.table import TablePage

    app = make_app()
    built = build(str(folder / "keys.db"), folder / "keys.ini")
    assert built is not None
    window, controller = built
    window.resize(1360, 860)
    window.show()
    app.processEvents()
    seed = read_report(DATA / "seed-donghu-zwfw-2023.json", controller.form).report
    controller.open_report(controller.store.import_report(seed))
    controller.go("s3")
    page = window.pages["s3"]
    assert isinstance(page, TablePage)
    view = page.view
    view.setFocus()
    view.go_to("t3.disclosed.natural")
    QTest.keyClick(view, "1")
    editor = QApplication.focusWidget()
    cells = []
    for i in range(KEYS):
        t = time.perf_counter()
        QTest.keyClick(editor, str(i % 10))
        cells.append((time.perf_counter() - t) * 1000)
        QTest.keyClick(editor, Qt.Key.Key_Backspace)
        app.processEvents()
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    controller.go("s1")
    text_editor = window.pages["s1"].parts["s1.request"].editor
    text_editor.setFocus()
    texts = []
    for _ in range(100):
        event = QInputMethodEvent("", [])
        event.setCommitString("依申请公开，")
        t = time.perf_counter()
        QApplication.sendEvent(text_editor, event)
        texts.append((time.perf_counter() - t) * 1000)
        app.processEvents()
    window.close()
    controller.store.close()
    return cells, texts


def p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95)]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="reportdesk-bench-") as tmp:
        folder = Path(tmp)
        from reportdesk.form import load_form
        from reportdesk.report import read_report
        from reportdesk.store import Store

        with Store.open(folder / "full.db") as store:
            seed = read_report(DATA / "seed-donghu-zwfw-2023.json", load_form()).report
            report_id = store.import_report(seed)
        cold_start(folder / "full.db", folder / "full.ini", report_id)  # now remembered as last opened
        cold_start(folder / "x.db", folder / "x.ini", code=BARE)  # both warmed up, .pyc written
        runs: dict[str, list[tuple[float, float]]] = {"bare": [], "empty": [], "full": [], "ready": []}
        for i in range(RUNS):  # side by side, so a busy moment weighs on all of them alike
            runs["bare"].append(cold_start(folder / "x.db", folder / "x.ini", code=BARE))
            runs["empty"].append(cold_start(folder / f"empty{i}.db", folder / f"empty{i}.ini"))
            runs["full"].append(cold_start(folder / "full.db", folder / "full.ini"))
            runs["ready"].append(cold_start(folder / "full.db", folder / "full.ini", ready=True))

        def median(name: str, which: int) -> float:
            return statistics.median(r[which] for r in runs[name])

        print(
            f"cold start of a bare PySide6 window with one table: median {median('bare', 0):.3f} s wall, "
            f"{median('bare', 1):.3f} s CPU ({RUNS} runs, alternating with the two below)"
        )
        # Issue #11's target is the painted window (≤ 2× the bare one); the findings of a reopened
        # report come after the paint and are printed for information, without a target.
        for name, what, target in (
            ("empty", "cold start to first painted window, new database", " (target ≤ 2×)"),
            ("full", f"cold start reopening a report (id {report_id}) on its page", " (target ≤ 2×)"),
            ("ready", "  … until that report's findings are shown (after the paint; no target)", ""),
        ):
            wall, cpu = median(name, 0), median(name, 1)
            print(
                f"{what}: median {wall:.3f} s wall = {wall / median('bare', 0):.2f}× the bare window, "
                f"{cpu:.3f} s CPU = {cpu / median('bare', 1):.2f}×{target}"
            )
        cells, texts = keystrokes(folder)
        print(
            f"keystroke in a table cell → findings and section states updated: p95 {p95(cells):.2f} ms "
            f"(target ≤ 5 ms; median {statistics.median(cells):.2f} ms, max {max(cells):.2f} ms, {len(cells)} keys)"
        )
        print(
            f"phrase typed in a narrative part → findings updated: p95 {p95(texts):.2f} ms "
            f"(median {statistics.median(texts):.2f} ms, {len(texts)} phrases)"
        )
        load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
        if load:
            print(f"load average while measuring: {' '.join(load)} (2 cores shared with others)")


if __name__ == "__main__":
    main()
