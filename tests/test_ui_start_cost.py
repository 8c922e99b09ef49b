"""What the window's cold start loads before its first paint (bench/bench_gui.py measures the time;
this keeps the work that made it fast from creeping back, without a timing assertion)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reportdesk.form import load_form
from reportdesk.report import read_report
from reportdesk.store import Store

DATA = Path(__file__).parent / "data"
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

# The child: the window as ``reportdesk`` starts it, until its first paint; then what was loaded.
CHILD = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from reportdesk.ui.app import build, make_app
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
                self.seen = list(sys.modules)
                QTimer.singleShot(0, app.quit)  # whatever happens below
                built = window.pages.built()
                parts = [p for page in built if hasattr(page, "parts") for p in page.parts.values()]
                self.previous_editors = sum(1 for p in parts if getattr(p, "previous", None) is not None)
                self.start_page = getattr(window, "_start_page", True) is not None
            return False

    app = make_app()
    window, controller = build(sys.argv[1], Path(sys.argv[2]))
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(60000, app.quit)  # never painted: the test says so below
    app.exec()
    print(json.dumps({"modules": watcher.seen, "previous_editors": watcher.previous_editors,
                      "start_page": watcher.start_page, "page": controller.page}))
""")

# Needed only once the officer asks for them (or once the window has painted: the checks).
NOT_AT_START = (
    "reportdesk.checks",
    "reportdesk.importers",
    "reportdesk.render",
    "reportdesk.publish",
    "reportdesk.workbook",
    "reportdesk.aggregate",
    "reportdesk.ui.aggregate.page",
    "reportdesk.ui.window.findings_panel",
    "reportdesk.ui.dialogs.generate",
    "reportdesk.ui.pages.table",
    "reportdesk.store.journal",
    "docxtpl",
    "openpyxl",
    "jinja2",
    "psycopg",
)


def first_paint(db: Path, settings: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(settings)],
        capture_output=True,
        text=True,
        env=ENV,
        check=True,
        timeout=120,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def starts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    folder = tmp_path_factory.mktemp("start")
    new = first_paint(folder / "new.db", folder / "new.ini")
    with Store.open(folder / "full.db") as store:
        report_id = store.import_report(read_report(DATA / "seed-donghu-zwfw-2023.json", load_form()).report)
    settings = folder / "full.ini"
    # The window remembers the last report opened: open it once, as the officer did yesterday.
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from reportdesk.ui.app import build, make_app
        app = make_app()
        window, controller = build({str(folder / "full.db")!r}, Path({str(settings)!r}))
        controller.open_report({report_id})
        window.close()
        controller.store.close()
    """)
    subprocess.run([sys.executable, "-c", code], env=ENV, check=True, timeout=120, capture_output=True)
    return {"new": new, "reopened": first_paint(folder / "full.db", settings)}


@pytest.mark.parametrize("start", ["new", "reopened"])
@pytest.mark.parametrize("module", NOT_AT_START)
def test_the_first_paint_does_not_wait_for(
    starts: dict[str, dict[str, object]], start: str, module: str
) -> None:
    modules = starts[start]["modules"]
    assert isinstance(modules, list)
    loaded = [m for m in modules if m == module or m.startswith(module + ".")]
    assert not loaded, f"{start}: {loaded[:5]} loaded before the window's first paint"


@pytest.mark.parametrize("start", ["new", "reopened"])
def test_the_core_is_loaded_before_qt(starts: dict[str, dict[str, object]], start: str) -> None:
    # PySide6 reads the source of every module imported after it: the core comes first.
    modules = starts[start]["modules"]
    assert isinstance(modules, list)
    qt = modules.index("PySide6")
    late = [
        m
        for m in ("reportdesk.form", "reportdesk.store.store", "reportdesk.ui.control.controller")
        if modules.index(m) > qt
    ]
    assert not late, f"imported after PySide6: {late}"


def test_a_reopened_report_is_shown_without_the_start_page(starts: dict[str, dict[str, object]]) -> None:
    reopened = starts["reopened"]
    assert reopened["page"] == "s1"
    assert reopened["start_page"] is False
    assert "reportdesk.ui.pages.start" not in reopened["modules"]  # type: ignore[operator]
    # A first report has no last year's text: no editor is made for it.
    assert reopened["previous_editors"] == 0


def test_a_new_database_shows_the_start_page(starts: dict[str, dict[str, object]]) -> None:
    assert starts["new"]["start_page"] is True
    assert starts["new"]["page"] == "start"
