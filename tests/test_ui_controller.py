"""The controller with a fake view (Mu's pattern): what the officer's actions mean, without Qt."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reportdesk.form import Form
from reportdesk.report import Report
from reportdesk.store import Store
from reportdesk.ui.control.controller import Controller
from reportdesk.ui.table.grid import Grid, grid_for


class FakeView:
    """Records what the controller tells the window."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.answer = True

    def __getattr__(self, name: str) -> Any:
        def record(*args: Any) -> None:
            self.calls.append((name, args))

        return record

    def grid(self, table: str) -> Grid:
        return grid_for(self.form, table)

    def confirm(self, message: str, details: str = "", yes: str = "") -> bool:
        self.calls.append(("confirm", (message, details)))
        return self.answer

    def said(self, name: str) -> list[tuple[Any, ...]]:
        return [args for n, args in self.calls if n == name]


class DictSettings(dict[str, Any]):
    def value(self, key: str, default: Any = None) -> Any:
        return self.get(key, default)

    def setValue(self, key: str, value: Any) -> None:  # QSettings spells it so
        self[key] = value


@pytest.fixture
def ctl(tmp_path: Path, form: Form) -> Iterator[tuple[Controller, FakeView]]:
    view = FakeView(form)
    with Store.open(tmp_path / "drafts.db", form=form) as store:
        yield Controller(view, store, form, DictSettings()), view


def test_the_controller_imports_no_qt() -> None:
    code = "import sys, reportdesk.ui.control.controller; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_typed_value_is_saved_or_refused(ctl: tuple[Controller, FakeView], seed: Report) -> None:
    c, view = ctl
    c.open_report(c.store.import_report(seed))
    assert c.commit_cell("t3.new.natural", "４３") is None  # full-width digits, as an IME types them
    assert c.store.load(c.report_id).cells["t3.new.natural"] == 43
    assert c.store.load(c.report_id).cells["t3.new.total"] == 43
    assert view.said("show_saved")
    reason = c.commit_cell("t3.new.natural", "4.5")
    assert reason is not None and "小数" in reason
    assert c.store.load(c.report_id).cells["t3.new.natural"] == 43
    # The findings went to the view with the section states.
    _session, update, _everything = view.said("refresh")[-1]
    assert update.findings_changed or update.cells


def test_start_reopens_the_last_report_and_place(ctl: tuple[Controller, FakeView], seed: Report) -> None:
    c, view = ctl
    report_id = c.store.import_report(seed)
    c.open_report(report_id)
    c.go("s3", "t3.partial.natural")
    c.place_changed("t3.partial.legal")
    fresh = Controller(view, c.store, c.form, c.settings)
    view.calls.clear()
    fresh.start()
    assert fresh.report_id == report_id and fresh.page == "s3"
    assert ("s3", "t3.partial.legal") in view.said("focus_key")


def test_a_refused_paste_changes_nothing(ctl: tuple[Controller, FakeView], seed: Report) -> None:
    c, view = ctl
    c.open_report(c.store.import_report(seed))
    grid = grid_for(c.form, "t3")
    row = grid.value_rows()[0]
    col = grid.row_values(row)[0][0]
    before = c.store.load(c.report_id)
    plan = c.paste("t3", row, col, "1\t2\n3\tx\n")
    assert plan.error and view.said("show_paste_refused")
    assert c.store.load(c.report_id).cells == before.cells
    assert not c.session.can_undo


def test_deleting_asks_first(ctl: tuple[Controller, FakeView], seed: Report) -> None:
    c, view = ctl
    report_id = c.store.import_report(seed)
    c.open_report(report_id)
    view.answer = False
    c.delete_report(report_id)
    assert c.session is not None
    view.answer = True
    c.delete_report(report_id)
    assert c.session is None and view.said("close_report")
    assert all(r.id != report_id for b in c.store.list_bodies() for r in b.reports)
