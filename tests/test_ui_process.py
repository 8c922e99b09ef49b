"""The window as a process: started by ``reportdesk``, screenshots, and killed while typing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reportdesk.form import load_form
from reportdesk.report import read_report
from reportdesk.store import Store

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data"
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def test_commands_do_not_load_qt() -> None:
    code = textwrap.dedent(f"""
        import sys
        from reportdesk.cli import main
        main(["check", {str(DATA / "seed-donghu-zwfw-2023.json")!r}])
        print("qt loaded" if any(m.startswith("PySide6") for m in sys.modules) else "qt not loaded")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, check=False)
    assert out.stdout.strip().endswith("qt not loaded"), out.stderr


def test_no_command_opens_the_window(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import reportdesk.ui.app as app
    from reportdesk.cli import main

    seen: dict[str, object] = {}
    monkeypatch.setattr(app, "main", lambda **kw: seen.update(kw) or 0)
    assert main(["--db", str(tmp_path / "x.db")]) == 0
    assert seen == {"db": str(tmp_path / "x.db"), "screenshots": None, "report": None}


def test_screenshots_of_every_page(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    with Store.open(db) as store:
        report_id = store.import_report(
            read_report(DATA / "hongze-district-gov-2024.json", load_form()).report
        )
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "reportdesk",
            "--db",
            str(db),
            "--screenshots",
            str(tmp_path / "shots"),
            "--report",
            str(report_id),
        ],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    names = sorted(p.name for p in (tmp_path / "shots").glob("*.png"))
    sections = [s.key for s in load_form().sections]
    assert names == sorted(
        [
            "01-start.png",
            *(f"{i:02d}-{k}.png" for i, k in enumerate(sections, 2)),
            "08-findings.png",
            "09-generate.png",
            "10-aggregate.png",
            "11-bin.png",
            "12-restore.png",
        ]
    )
    assert all((tmp_path / "shots" / n).stat().st_size > 10_000 for n in names)


# A child that types digits into table 3 through the widgets and says which keystroke is done.
TYPIST = """
import sys
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
from reportdesk.ui.app import build, make_app
app = make_app()
window, c = build(sys.argv[1], Path(sys.argv[2]))
window.show()
window.activateWindow()
while not window.isActiveWindow():
    app.processEvents()
c.open_report(int(sys.argv[3]))
c.go("s3")
view = window.pages["s3"].view
view.setFocus()
grid, model = view.model().grid, view.model()
keys = [k for r in grid.value_rows() for col, k in grid.row_values(r) if model.is_editable(model.index(r, col))]
for n, key in enumerate(keys):
    first, second = (n + int(sys.argv[4])) % 9 + 1, n % 10
    view.go_to(key)
    QTest.keyClick(view, str(first))
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, str(second))
    print(key, first * 10 + second, flush=True)  # both keystrokes done
    QTest.keyClick(editor, Qt.Key.Key_Return)
"""


def test_killed_while_typing_loses_at_most_the_last_keystroke(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    with Store.open(db) as store:
        body = store.add_body("交通运输局", "某某县")
        report_id = store.create_report(body, 2024)
    rng = random.Random(5)
    for round_ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", TYPIST, str(db), str(tmp_path / "w.ini"), str(report_id), str(round_ * 4)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=ENV,
        )
        assert child.stdout is not None
        typed: dict[str, int] = {}
        for _ in range(rng.randint(5, 40)):
            key, value = child.stdout.readline().split()
            typed[key] = int(value)
        child.send_signal(signal.SIGKILL)
        child.wait()
        with Store.open(db) as store:
            saved = store.load(report_id).cells
        # Every keystroke the child finished is in the database.
        assert {k: saved[k] for k in typed} == typed
