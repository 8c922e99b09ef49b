"""The table pages: one model for all three tables, spreadsheet keys, refusal in place, paste."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reportdesk.form import Form, RowNode
from reportdesk.report import Report
from reportdesk.ui.control.controller import Controller
from reportdesk.ui.table.delegate import CellEditor
from reportdesk.ui.table.grid import grid_for
from reportdesk.ui.table.model import COMPUTED_ROLE, LEVEL_ROLE, PREVIOUS_ROLE, TableModel
from reportdesk.ui.window.main_window import MainWindow
from tests.ui_support import close_window, open_window, table_view, type_into_cell

Window = tuple[MainWindow, Controller]


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, form: Form) -> Iterator[Window]:
    win, controller = open_window(qtbot, tmp_path)
    body = controller.store.add_body("交通运输局", "某某县")
    controller.new_report(body, 2024, None)
    yield win, controller
    close_window(win, controller)


@pytest.mark.parametrize("table", ["t2", "t3", "t4"])
def test_the_one_model_passes_the_model_tester(
    qtmodeltester: ModelTester, form: Form, seed: Report, table: str
) -> None:
    model = TableModel(form, grid_for(form, table))
    model.load(seed.cells, seed.cells, [])
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    model.refresh(seed.with_cell("t3.new.natural", 1).cells)


def test_labels_come_from_the_form_in_the_printed_hierarchy(form: Form) -> None:
    model = TableModel(form, grid_for(form, "t3"))
    shown = {
        model.data(model.index(r, c)) for r in range(model.rowCount()) for c in range(model.columnCount())
    }
    labels = {n.label for n in _walk(form.t3.tree)}
    assert labels <= shown
    assert form.t3.corner in shown and form.t3.column_header in shown


def _walk(nodes: tuple[RowNode, ...]) -> Iterator[RowNode]:
    for n in nodes:
        yield n
        yield from _walk(n.children)


def test_computed_cells_are_read_only_and_marked(form: Form, seed: Report) -> None:
    model = TableModel(form, grid_for(form, "t3"))
    model.load(seed.cells, None, [])
    total = model.index_of("t3.new.total")
    natural = model.index_of("t3.new.natural")
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(natural) & Qt.ItemFlag.ItemIsEditable
    assert model.data(total, COMPUTED_ROLE) is True
    assert model.data(total, Qt.ItemDataRole.BackgroundRole) != model.data(
        natural, Qt.ItemDataRole.BackgroundRole
    )
    assert "自动计算" in model.data(total, Qt.ItemDataRole.ToolTipRole)


def test_typing_enter_tab_delete_and_arrows_like_a_spreadsheet(qtbot: QtBot, window: Window) -> None:
    win, controller = window
    controller.go("s3")
    view = table_view(win, "s3")
    view.setFocus()
    view.go_to("t3.new.natural")
    type_into_cell(qtbot, view, "42", then=Qt.Key.Key_Return)
    report = controller.session.report
    assert report.cells["t3.new.natural"] == 42
    assert report.cells["t3.new.total"] == 42  # derived live
    assert view.current_key() == "t3.carried_in.natural"  # Enter moves down
    type_into_cell(qtbot, view, "0", then=Qt.Key.Key_Tab)
    assert view.current_key() == "t3.carried_in.commercial"  # Tab moves right
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.current_key() == "t3.new.commercial"
    type_into_cell(qtbot, view, "7", then=Qt.Key.Key_Tab)
    assert controller.session.report.cells["t3.new.total"] == 49
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert controller.session.report.cells["t3.new.commercial"] is None
    assert controller.session.report.cells["t3.new.total"] == 42
    # Type over: the old value is replaced, not appended to.
    view.go_to("t3.new.natural")
    type_into_cell(qtbot, view, "5", then=Qt.Key.Key_Return)
    assert controller.session.report.cells["t3.new.natural"] == 5
    # Tab passes over the computed 总计 to the next row.
    view.go_to("t3.new.other_org")
    type_into_cell(qtbot, view, "0", then=Qt.Key.Key_Tab)
    assert view.current_key() == "t3.carried_in.natural"
    # The section's state follows the typing.
    assert win.nav.state_of("s3") == "progress"


def test_an_invalid_value_is_refused_in_place_with_the_reason(qtbot: QtBot, window: Window) -> None:
    win, controller = window
    controller.go("s3")
    view = table_view(win, "s3")
    view.setFocus()
    view.go_to("t3.new.natural")
    type_into_cell(qtbot, view, "12", then=Qt.Key.Key_Return)
    view.go_to("t3.new.natural")
    qtbot.keyClick(view, "4")
    editor = QApplication.focusWidget()
    assert isinstance(editor, CellEditor)
    qtbot.keyClicks(editor, ".5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Still editing, the reason shown under the cell, the stored value the last valid one.
    assert QApplication.focusWidget() is editor
    assert "小数" in (view.refusal_text() or "")
    assert controller.session.report.cells["t3.new.natural"] == 4
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # back to what the cell held before
    assert controller.session.report.cells["t3.new.natural"] == 12
    assert view.refusal_text() is None


def test_paste_a_25_by_6_block_from_excel(qtbot: QtBot, window: Window, form: Form, seed: Report) -> None:
    win, controller = window
    controller.go("s3")
    view = table_view(win, "s3")
    grid = grid_for(form, "t3")
    rows = grid.value_rows()
    keys = [[k for _c, k in grid.row_values(r)][:6] for r in rows]
    text = "\r\n".join("\t".join(f"{seed.cells[k]:,}" for k in row) for row in keys) + "\r\n"
    QApplication.clipboard().setText(text)
    view.setFocus()
    view.go_to("t3.new.natural")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    report = controller.session.report
    for k, c in form.cells.items():
        if c.table == "t3":
            assert report.cells[k] == seed.cells[k], k
    assert win.nav.state_of("s3") == "complete"
    controller.undo()  # the whole paste is one step
    assert all(controller.session.report.cells[k] is None for row in keys for k in row)


@pytest.mark.parametrize(
    ("block", "says"),
    [("1\t2\t3\t4\t5\t6\r\n1\tl\t3\t4\t5\t6\r\n", "“l”不是数字"), ("1\t2\t3\t4\t5\t6\t7\t8\r\n", "右边界")],
)
def test_a_bad_block_is_refused_whole_with_a_message(
    qtbot: QtBot, window: Window, block: str, says: str
) -> None:
    win, controller = window
    controller.go("s3")
    view = table_view(win, "s3")
    QApplication.clipboard().setText(block)
    view.setFocus()
    view.go_to("t3.new.natural")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert all(v is None for v in controller.session.report.cells.values())
    page = win.pages["s3"]
    assert page.notice.isVisible() and says in page.notice.text()
    assert not controller.session.can_undo


def test_cells_in_a_finding_are_highlighted_with_the_message(
    qtbot: QtBot, tmp_path: Path, hongze2023: Report
) -> None:
    win, controller = open_window(qtbot, tmp_path)
    try:
        report_id = controller.store.import_report(hongze2023)
        controller.open_report(report_id)
        model = win.pages["s4"].model
        index = model.index_of("t4.review.total")  # printed 0, the four results sum to 11
        assert model.data(index, LEVEL_ROLE) == "error"
        assert "11" in model.data(index, Qt.ItemDataRole.ToolTipRole)
        ok = model.index_of("t4.suit_direct.total")
        assert model.data(ok, LEVEL_ROLE) is None
    finally:
        close_window(win, controller)


def test_last_years_value_on_demand(
    qtbot: QtBot, tmp_path: Path, hongze2023: Report, hongze2024: Report
) -> None:
    win, controller = open_window(qtbot, tmp_path)
    try:
        controller.store.import_report(hongze2023)
        report_id = controller.store.import_report(hongze2024)
        controller.open_report(report_id)
        controller.go("s2")
        page = win.pages["s2"]
        assert page.show_previous.isVisibleTo(win) and "2023" in page.show_previous.text()
        index = page.model.index_of("t2.licensing.decisions")
        assert page.model.data(index, PREVIOUS_ROLE) == str(hongze2023.cells["t2.licensing.decisions"])
        assert not page.view.delegate.show_previous
        page.show_previous.click()
        assert page.view.delegate.show_previous
    finally:
        close_window(win, controller)


def test_leaving_a_refused_cell_puts_back_what_it_held(qtbot: QtBot, window: Window) -> None:
    win, controller = window
    controller.go("s3")
    view = table_view(win, "s3")
    view.setFocus()
    view.go_to("t3.new.natural")
    type_into_cell(qtbot, view, "12", then=Qt.Key.Key_Return)
    view.go_to("t3.new.natural")
    qtbot.keyClick(view, "5")
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "x")
    assert controller.session.report.cells["t3.new.natural"] == 5  # the valid prefix, saved live
    other = view.visualRect(view.model().index_of("t3.new.legal")).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=other)
    assert controller.session.report.cells["t3.new.natural"] == 12
    notice = win.pages["s3"].notice
    assert notice.isVisible() and "5x" in notice.text()


def test_a_freshly_opened_table_has_its_cursor_on_the_first_cell(qtbot: QtBot, window: Window) -> None:
    win, controller = window
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = table_view(win, "s3")
    assert view.hasFocus() and view.current_key() == "t3.new.natural"
    qtbot.keyClick(view, "7")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert controller.session.report.cells["t3.new.natural"] == 7
