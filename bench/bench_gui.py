"""Benchmark of the desktop window (issue #5): prints its figures, asserts nothing.

Targets: cold start to the first painted window ≤ 1.0 s median (offscreen, a fresh Python process
each time, interpreter start included); a keystroke in a table cell to updated findings and section
state ≤ 16 ms median.
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
RUNS = 7

# The child process: the application's own start-up, until the window has painted once.
CHILD = """
import sys
from PySide6.QtCore import QEvent, QObject
from reportdesk.ui.app import build, make_app

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            app.quit()
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


def cold_start(db: Path, settings: Path, report_id: int | None = None) -> float:
    start = time.perf_counter()
    extra = [] if report_id is None else [str(report_id)]
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(settings), *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - start
    if "painted" not in out.stdout:
        raise RuntimeError(f"the window never painted: {out.stderr[-500:]}")
    return elapsed


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
    for i in range(200):
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


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="reportdesk-bench-") as tmp:
        folder = Path(tmp)
        empty = [cold_start(folder / "empty.db", folder / "empty.ini") for _ in range(RUNS)]
        print(
            f"cold start to first painted window, new database: median {statistics.median(empty):.3f} s "
            f"(min {min(empty):.3f}, max {max(empty):.3f}, {RUNS} runs)"
        )
        # Reopening a report: the window opens straight on the report and page left last time.
        from reportdesk.form import load_form
        from reportdesk.report import read_report
        from reportdesk.store import Store

        with Store.open(folder / "full.db") as store:
            seed = read_report(DATA / "seed-donghu-zwfw-2023.json", load_form()).report
            report_id = store.import_report(seed)
        cold_start(folder / "full.db", folder / "full.ini", report_id)  # now remembered as last opened
        full = [cold_start(folder / "full.db", folder / "full.ini") for _ in range(RUNS)]
        print(
            f"cold start reopening a report (id {report_id}):        median {statistics.median(full):.3f} s "
            f"(min {min(full):.3f}, max {max(full):.3f}, {RUNS} runs)"
        )
        cells, texts = keystrokes(folder)
        print(
            f"keystroke in a table cell → findings and section states updated: median {statistics.median(cells):.2f} ms "
            f"(p95 {sorted(cells)[int(len(cells) * 0.95)]:.2f} ms, {len(cells)} keys)"
        )
        print(
            f"phrase typed in a narrative part → findings updated:           median {statistics.median(texts):.2f} ms "
            f"(p95 {sorted(texts)[int(len(texts) * 0.95)]:.2f} ms, {len(texts)} phrases)"
        )


if __name__ == "__main__":
    main()
