"""Smaller things of issue 11: last year's figure never runs into this year's in a narrow cell; a
status message about a step that was undone goes away."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reportdesk.report import Report
from reportdesk.ui import theme
from reportdesk.ui.pages.narrative import changed_end
from reportdesk.ui.table.delegate import PREVIOUS_SCALE, previous_placement
from tests.ui_support import close_window, open_window, table_view


@pytest.mark.parametrize("width", [34, 48, 64, 120])
def test_last_years_figure_and_this_years_value_do_not_overlap(qtbot: QtBot, width: int) -> None:
    font = QApplication.font()
    normal, small = QFontMetrics(font), QFontMetrics(theme.scaled(QFont(font), PREVIOUS_SCALE))
    cell = QRect(100, 50, width, normal.height() + small.height() + 14)
    where, shown, value = previous_placement(cell, small, normal, "12345", "67890")
    assert not where.intersects(value)
    assert cell.contains(where) and cell.contains(value)
    assert small.horizontalAdvance(shown) <= where.width()
    assert value.height() >= normal.height()
    if width >= 120:
        assert shown == "上年 12345"


def test_showing_last_year_makes_rows_of_figures_taller(
    qtbot: QtBot, tmp_path: Path, hongze2023: Report, hongze2024: Report
) -> None:
    win, c = open_window(qtbot, tmp_path)
    try:
        c.store.import_report(hongze2023)
        c.open_report(c.store.import_report(hongze2024))
        c.go("s3")
        page = win.pages["s3"]
        row = page.model.index_of("t3.new.natural").row()
        before = page.view.rowHeight(row)
        page.show_previous.click()
        small = QFontMetrics(theme.scaled(page.view.font(), PREVIOUS_SCALE)).height()
        assert page.view.rowHeight(row) == before + small
        page.show_previous.click()
        assert page.view.rowHeight(row) == before
    finally:
        close_window(win, c)


def test_undo_clears_the_message_about_what_it_undid(qtbot: QtBot, tmp_path: Path) -> None:
    win, c = open_window(qtbot, tmp_path)
    try:
        c.new_report(c.store.add_body("交通运输局", "某某县"), 2024, None)
        c.go("s3")
        view = table_view(win, "s3")
        view.setFocus()
        QApplication.clipboard().setText("1\t2\r\n3\t4\r\n")
        qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert "已粘贴 2 行" in win.statusBar().currentMessage()
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert c.session.report.cells["t3.new.natural"] is None
        assert win.statusBar().currentMessage() == ""
    finally:
        close_window(win, c)


@pytest.mark.parametrize(
    ("before", "after", "cursor"),
    [
        ("", "本年度没有收费。", 8),
        ("本年度没有收费。", "", 0),
        ("甲乙丙", "甲乙X丙", 3),
        ("甲乙X丙", "甲乙丙", 2),
    ],
)
def test_after_undo_or_redo_the_cursor_stands_where_the_text_changed(
    before: str, after: str, cursor: int
) -> None:
    assert changed_end(before, after) == cursor
