"""Keys as officers know them from Excel and WPS: Ctrl+Y redoes everywhere, Home/End stay among the
figures, Enter after a run of Tabs goes back to where the run began, and a figure typed where none
can go says why."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from reportdesk.form import Form
from reportdesk.report import Report
from reportdesk.ui.control.controller import Controller
from reportdesk.ui.table import moves
from reportdesk.ui.table.delegate import CellEditor
from reportdesk.ui.table.grid import grid_for
from reportdesk.ui.table.view import LABEL_NOTE
from reportdesk.ui.window.app_events import CTRL_Y, redo_shortcuts
from reportdesk.ui.window.findings_panel import FINDING_ROLE
from reportdesk.ui.window.main_window import MainWindow
from tests.ui_support import close_window, open_window, table_view, type_chinese, type_into_cell

Window = tuple[MainWindow, Controller]
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[Window]:
    win, controller = open_window(qtbot, tmp_path)
    controller.new_report(controller.store.add_body("交通运输局", "某某县"), 2024, None)
    yield win, controller
    close_window(win, controller)


# -- Ctrl+Y ---------------------------------------------------------------------------------------


def test_redo_has_ctrl_y_where_the_platform_binds_only_ctrl_shift_z() -> None:
    linux = [QKeySequence("Ctrl+Shift+Z")]
    assert redo_shortcuts(linux)[0] == CTRL_Y  # the one the menu shows
    assert QKeySequence("Ctrl+Shift+Z") in redo_shortcuts(linux)
    assert redo_shortcuts([QKeySequence("Ctrl+Shift+Z"), CTRL_Y]).count(CTRL_Y) == 1


def test_ctrl_y_redoes_the_report_from_the_table(qtbot: QtBot, window: Window) -> None:
    win, c = window
    assert CTRL_Y in win.actions_["redo"].shortcuts()
    c.go("s3")
    view = table_view(win, "s3")
    view.setFocus()
    type_into_cell(qtbot, view, "42", then=Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert c.session.report.cells["t3.new.natural"] is None
    qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    assert c.session.report.cells["t3.new.natural"] == 42


def test_ctrl_y_in_a_cell_being_typed_redoes_the_typing(
    qtbot: QtBot, window: Window, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, c = window
    redone: list[str] = []
    original = CellEditor.redo
    monkeypatch.setattr(CellEditor, "redo", lambda self: (redone.append(self.text()), original(self)))
    c.go("s3")
    view = table_view(win, "s3")
    view.setFocus()
    qtbot.keyClick(view, "1")
    editor = QApplication.focusWidget()
    assert isinstance(editor, CellEditor)
    qtbot.keyClicks(editor, "23")
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.text() != "123"
    qtbot.keyClick(editor, Qt.Key.Key_Y, CTRL)
    assert redone, "Ctrl+Y did not reach the editor's redo"  # on Linux Qt binds it to nothing
    assert editor.text() == "123"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert c.session.report.cells["t3.new.natural"] == 123


def test_ctrl_y_in_a_narrative_part_redoes_the_report(qtbot: QtBot, window: Window) -> None:
    win, c = window
    c.go("s6")
    editor = next(iter(win.pages["s6"].parts.values())).editor
    editor.setFocus()
    type_chinese(editor, "本年度没有收取信息处理费。")
    key = next(iter(win.pages["s6"].parts))
    c.seal()
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert c.session.report.text(key) == ""
    qtbot.keyClick(editor, Qt.Key.Key_Y, CTRL)
    assert c.session.report.text(key) == "本年度没有收取信息处理费。"
    assert editor.toPlainText() == "本年度没有收取信息处理费。"


def test_ctrl_y_in_the_reason_box_redoes_the_reason_not_the_report(
    qtbot: QtBot, tmp_path: Path, hongze2023: Report, hongze2024: Report
) -> None:
    win, c = open_window(qtbot, tmp_path)
    try:
        c.store.import_report(hongze2023)
        c.open_report(c.store.import_report(hongze2024))
        c.session.edit_cell("t2.licensing.decisions", 1)  # something the report could redo
        c.undo()
        assert c.session.can_redo
        panel = win.findings
        item = next(i for i in panel.items() if i.data(0, FINDING_ROLE).level == "warning")
        panel.tree.setCurrentItem(item)
        panel.reason.setFocus()
        qtbot.keyClicks(panel.reason, "abc")
        qtbot.keyClick(panel.reason, Qt.Key.Key_Z, CTRL)
        assert panel.reason.toPlainText() != "abc"
        qtbot.keyClick(panel.reason, Qt.Key.Key_Y, CTRL)
        assert panel.reason.toPlainText() == "abc"
        assert c.session.can_redo  # the report's redo was left alone
    finally:
        close_window(win, c)


# -- Home / End -----------------------------------------------------------------------------------


def test_home_and_end_stay_among_the_figures(qtbot: QtBot, window: Window) -> None:
    win, c = window
    c.go("s3")
    view = table_view(win, "s3")
    view.setFocus()
    view.go_to("t3.new.research")
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.current_key() == "t3.new.natural"
    type_into_cell(qtbot, view, "7", then=Qt.Key.Key_Tab)
    assert c.session.report.cells["t3.new.natural"] == 7  # not lost in the label column
    assert view.current_key() == "t3.new.commercial" and view.hasFocus()  # Tab stays in the table
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.current_key() == "t3.new.other_org"  # the last figure one can type (总计 is computed)
    qtbot.keyClick(view, Qt.Key.Key_End, CTRL)
    assert view.current_key() == "t3.carried_out.other_org"
    qtbot.keyClick(view, Qt.Key.Key_Home, CTRL)
    assert view.current_key() == "t3.new.natural"


@pytest.mark.parametrize(
    ("table", "row_key", "first", "last"),
    [
        ("t3", "t3.withheld.3.legal", "t3.withheld.3.natural", "t3.withheld.3.other_org"),
        ("t2", "t2.fees.amount", "t2.fees.amount", "t2.fees.amount"),
        ("t4", "t4.review.other", "t4.review.upheld", "t4.suit_after_review.pending"),
    ],
)
def test_home_and_end_of_each_table(form: Form, table: str, row_key: str, first: str, last: str) -> None:
    grid = grid_for(form, table)

    def editable(r: int, col: int) -> bool:
        key = grid.at(r, col).key
        return key is not None and not form.cells[key].computed

    row, _ = grid.position(row_key)
    assert grid.at(*moves.row_end(grid, row, False, editable)).key == first  # type: ignore[misc]
    assert grid.at(*moves.row_end(grid, row, True, editable)).key == last  # type: ignore[misc]


# -- Enter after Tabs -----------------------------------------------------------------------------


def test_enter_after_a_run_of_tabs_goes_back_to_where_it_began(qtbot: QtBot, window: Window) -> None:
    win, c = window
    c.go("s3")
    view = table_view(win, "s3")
    view.setFocus()
    view.go_to("t3.new.commercial")
    for value in ("1", "2", "3"):
        type_into_cell(qtbot, view, value, then=Qt.Key.Key_Tab)
    type_into_cell(qtbot, view, "4", then=Qt.Key.Key_Return)
    assert view.current_key() == "t3.carried_in.commercial"
    assert [
        c.session.report.cells[f"t3.new.{k}"] for k in ("commercial", "research", "nonprofit", "legal")
    ] == [
        1,
        2,
        3,
        4,
    ]
    # Without typing, Tab Tab Enter does the same; an arrow in between ends the run.
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.current_key() == "t3.disclosed.commercial"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.current_key() == "t3.partial.nonprofit"


# -- typing where no figure can go ----------------------------------------------------------------


def test_a_figure_typed_on_a_total_says_why(qtbot: QtBot, window: Window) -> None:
    win, c = window
    c.go("s3")
    view = table_view(win, "s3")
    view.setFocus()
    view.go_to("t3.new.total")
    qtbot.keyClick(view, "5")
    note = view.refusal_text() or ""
    assert "总计" in note and "自动计算" in note
    assert c.session.report.cells["t3.new.total"] is None
    assert QApplication.focusWidget() is view  # no editor opened on the total
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.refusal_text() is None  # gone once the cursor moves on


def test_a_figure_typed_on_a_label_says_why(qtbot: QtBot, window: Window) -> None:
    win, c = window
    c.go("s3")
    view = table_view(win, "s3")
    view.setFocus()
    label = view.model().index_of("t3.new.natural").siblingAtColumn(0)
    view.setCurrentIndex(label)
    qtbot.keyClick(view, "5")
    assert view.refusal_text() == LABEL_NOTE
    assert all(v is None for v in c.session.report.cells.values())


def test_typing_into_last_years_text_says_why(
    qtbot: QtBot, tmp_path: Path, hongze2023: Report, hongze2024: Report
) -> None:
    win, c = open_window(qtbot, tmp_path)
    try:
        c.store.import_report(hongze2023)
        c.open_report(c.store.import_report(hongze2024))
        c.go("s6")
        part = next(iter(win.pages["s6"].parts.values()))
        before = part.previous.toPlainText()
        qtbot.mouseClick(part.previous.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        qtbot.keyClick(part.previous, "a")
        assert "上年" in QToolTip.text() and "不能修改" in QToolTip.text()
        assert part.previous.toPlainText() == before
    finally:
        close_window(win, c)
