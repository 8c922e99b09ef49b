"""The window's import (issue #16): every format in the file dialog, the clipboard, the 导入 dialog
showing what was read before saving, the choice among cuts, and the unsure figures marked until
the officer confirms them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from reportdesk.form import Form
from reportdesk.importers import SUFFIXES
from reportdesk.ui.control.controller import Controller
from reportdesk.ui.control.importing import file_filter
from reportdesk.ui.dialogs.body import BodyDialog
from reportdesk.ui.dialogs.import_report import ImportDialog
from reportdesk.ui.table.model import KEY_ROLE
from reportdesk.ui.theme import UNSURE_BG
from reportdesk.ui.window.main_window import MainWindow
from tests.ui_support import close_window, open_window, table_view, type_into_cell

from .conftest import DATA, load_data
from .importer_fixtures import write_html
from .published_copies import flattened

Window = tuple[MainWindow, Controller]


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[Window]:
    win, c = open_window(qtbot, tmp_path)
    yield win, c
    close_window(win, c)


def test_the_file_dialog_offers_every_format() -> None:
    first = file_filter().split(";;")[0]
    assert all(f"*{s}" in first for s in (".json", *SUFFIXES))
    assert {".doc", ".wps", ".xls", ".et", ".md"} <= set(SUFFIXES)


def _index(win: MainWindow, key: str):  # type: ignore[no-untyped-def]
    view = table_view(win, "s3")
    model = view.model()
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            if model.index(r, c).data(KEY_ROLE) == key:
                return view, model.index(r, c)
    raise AssertionError(key)


def test_a_flattened_page_read_chosen_imported_and_checked(
    qtbot: QtBot, window: Window, tmp_path: Path, form: Form
) -> None:
    win, c = window
    path = tmp_path / "flat.txt"
    path.write_text(flattened(form, load_data("huaian-city-gov-2024")), encoding="utf-8")
    c.import_file(str(path))
    dialog = win.import_dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    assert c.store.list_bodies() == []  # nothing saved before 导入
    assert "表三：读到 175 / 175 个数字" in dialog.summary.toPlainText()
    box = dialog.choices["t2.normative"]
    wanted = next(i for i in range(box.count()) if box.itemText(i).endswith(". 8 26 66"))
    box.setCurrentIndex(wanted)
    dialog.save.click()
    assert not dialog.isVisible()
    report = c.session.report  # type: ignore[union-attr]
    assert [report.cells[f"t2.normative.{k}"] for k in ("issued", "repealed", "in_force")] == [8, 26, 66]
    assert report.cells["t2.regulations.issued"] is None  # not chosen: left blank
    marks = c.unsure_marks()
    assert "t3.new.total" in marks and "t2.normative.issued" not in marks
    c.go("s3")
    view, index = _index(win, "t3.new.natural")
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() == UNSURE_BG
    assert "导入待核对" in index.data(Qt.ItemDataRole.ToolTipRole)
    view.setCurrentIndex(index)
    type_into_cell(qtbot, view, "3001")  # typed again as printed: checked
    assert "t3.new.natural" not in c.unsure_marks()
    assert index.data(Qt.ItemDataRole.BackgroundRole) is None
    view, index = _index(win, "t3.new.commercial")
    imported = report.cells["t3.new.commercial"]
    view.setCurrentIndex(index)
    type_into_cell(qtbot, view, str(imported + 1))  # typed over with another figure: no longer imported
    assert "t3.new.commercial" not in c.unsure_marks()
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() != UNSURE_BG  # (red: the balance broken now)
    win.actions_["undo"].trigger()  # one step: the figure and its mark back
    assert c.session.report.cells["t3.new.commercial"] == imported  # type: ignore[union-attr]
    assert "t3.new.commercial" in c.unsure_marks()
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() == UNSURE_BG
    left = c.unsure_marks()
    win.actions_["confirm_import"].trigger()  # 确认导入的数字: all the rest
    assert c.unsure_marks() == {} and not win.actions_["confirm_import"].isEnabled()
    win.actions_["undo"].trigger()  # one step too
    assert c.unsure_marks() == left and win.actions_["confirm_import"].isEnabled()


def test_the_marks_are_kept_in_the_database_for_every_window(
    qtbot: QtBot, tmp_path: Path, form: Form
) -> None:
    path = tmp_path / "flat.txt"
    path.write_text(flattened(form, load_data("huaian-city-gov-2024")), encoding="utf-8")
    db = tmp_path / "drafts.db"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    win, c = open_window(qtbot, tmp_path / "a", db)
    c.import_file(str(path))
    win.import_dialog.save.click()
    marks = c.unsure_marks()
    assert marks and c.report_id is not None
    report_id = c.report_id
    close_window(win, c)
    win, c = open_window(qtbot, tmp_path / "b", db)  # another computer: other settings, same database
    c.open_report(report_id)
    assert c.unsure_marks() == marks
    c.go("s3")
    _view, index = _index(win, "t3.new.total")
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() == UNSURE_BG
    close_window(win, c)


def test_a_report_pasted_from_the_clipboard(window: Window, tmp_path: Path, form: Form) -> None:
    win, c = window
    want = load_data("seed-donghu-zwfw-2023")
    write_html(form, want, tmp_path / "page.html", encoding="utf-8")
    mime = QMimeData()
    mime.setHtml((tmp_path / "page.html").read_text(encoding="utf-8"))
    mime.setText((DATA / "seed-donghu-zwfw-2023.txt").read_text(encoding="utf-8"))
    QGuiApplication.clipboard().setMimeData(mime)
    try:
        win.actions_["paste_import"].trigger()
    finally:
        # The clipboard owns the data now; left there, Qt and Python both free it when the
        # interpreter exits (a segmentation fault after the tests have passed).
        QGuiApplication.clipboard().clear()
    dialog = win.import_dialog
    assert "粘贴的网页内容" in dialog.summary.toPlainText()
    assert not dialog.questions.isVisible()
    dialog.save.click()
    assert c.session is not None and c.session.report.cells == want.cells
    assert c.unsure_marks() == {}


def test_an_unreadable_file_is_said_and_nothing_saved(window: Window, tmp_path: Path) -> None:
    win, c = window
    path = tmp_path / "memo.txt"
    path.write_text("会议通知。", encoding="utf-8")
    c.import_file(str(path))
    dialog = win.import_dialog
    assert "无法导入" in dialog.heading.text() and not dialog.save.isEnabled()
    dialog.reject()
    assert c.store.list_bodies() == []


# ---------------------------------------------------------------------------------------------
# The body already has a report of the imported year


def _answer(qtbot: QtBot, button: str, seen: list[str]) -> None:
    """Click ``button`` of the question the window is about to ask (it waits in its own loop)."""

    def click(tries: int = 300) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            assert tries > 0, "the window asked nothing"
            QTimer.singleShot(10, lambda: click(tries - 1))
            return
        seen.append(box.windowTitle() + "\n" + box.text() + "\n" + box.informativeText())
        chosen = next(b for b in box.buttons() if b.text().startswith(button))
        qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, lambda: click())


@pytest.fixture
def imported_once(window: Window, tmp_path: Path, form: Form) -> tuple[MainWindow, Controller, Path, int]:
    """A flattened page imported, then typed into: the body has its 2024 report."""
    win, c = window
    path = tmp_path / "flat.txt"
    path.write_text(flattened(form, load_data("seed-donghu-zwfw-2023")), encoding="utf-8")
    c.import_file(str(path))
    win.import_dialog.save.click()
    assert c.report_id is not None
    c.edit_text("s6", "本机关本年度未收取信息处理费。")
    return win, c, path, c.report_id


def _import_again(qtbot: QtBot, win: MainWindow, c: Controller, path: Path, *answers: str) -> list[str]:
    seen: list[str] = []
    c.import_file(str(path))
    dialog = win.import_dialog
    for answer in answers:
        _answer(qtbot, answer, seen)
    dialog.save.click()
    return seen


def test_an_import_of_a_year_the_body_has_opens_the_existing_report(
    qtbot: QtBot, imported_once: tuple[MainWindow, Controller, Path, int]
) -> None:
    win, c, path, first = imported_once
    c.show_start()
    seen = _import_again(qtbot, win, c, path, "打开已有的报告")
    assert "该年度的报告已存在" in seen[0] and f"编号 {first}" in seen[0] and "reportdesk" not in seen[0]
    assert c.report_id == first and not win.import_dialog.isVisible()
    assert len(c.store.list_bodies()[0].reports) == 1
    assert c.session.report.text("s6") == "本机关本年度未收取信息处理费。"  # type: ignore[union-attr]


def test_replacing_the_existing_report_keeps_its_history(
    qtbot: QtBot, imported_once: tuple[MainWindow, Controller, Path, int]
) -> None:
    win, c, path, first = imported_once
    before = c.store.info(first).rev
    seen = _import_again(qtbot, win, c, path, "替换", "取消")  # asked to confirm: not this time
    assert "原内容保留在修改历史中" in seen[0] and len(seen) == 2 and "恢复到第" in seen[1]
    assert c.store.info(first).rev == before and win.import_dialog.isVisible()
    win.import_dialog.reject()
    seen = _import_again(qtbot, win, c, path, "替换", "替换")
    assert c.report_id == first and c.store.info(first).rev == before + 1
    assert c.session.report.text("s6") != "本机关本年度未收取信息处理费。"  # type: ignore[union-attr]
    assert c.store.history(first)[-1].action == "import"
    c.restore(before)  # 修改历史: the replaced content back
    assert c.session.report.text("s6") == "本机关本年度未收取信息处理费。"  # type: ignore[union-attr]


def test_an_import_under_another_body(
    qtbot: QtBot, imported_once: tuple[MainWindow, Controller, Path, int]
) -> None:
    win, c, path, first = imported_once

    def fill_body(tries: int = 300) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, BodyDialog):
            QTimer.singleShot(10, lambda: fill_body(tries - 1))
            return
        assert dialog.fields.name.text() == c.store.body(1).name  # filled in from the import
        dialog.fields.region.setText("某某市")
        dialog.accept()

    seen: list[str] = []
    c.import_file(str(path))
    dialog = win.import_dialog
    _answer(qtbot, "作为另一个机关导入", seen)
    QTimer.singleShot(0, lambda: fill_body())
    dialog.save.click()
    bodies = c.store.list_bodies()
    assert len(bodies) == 2 and c.report_id != first
    assert c.session.report.agency.region == "某某市"  # type: ignore[union-attr]
    assert not dialog.isVisible()


def test_an_exchange_file_of_a_year_the_body_has_asks_too(
    qtbot: QtBot, window: Window, tmp_path: Path
) -> None:
    _win, c = window
    path = tmp_path / "report.json"
    path.write_text((DATA / "seed-donghu-zwfw-2023.json").read_text(encoding="utf-8"), encoding="utf-8")
    first = c.import_json(str(path))
    seen: list[str] = []
    _answer(qtbot, "取消", seen)
    assert c.import_json(str(path)) is None
    assert seen and len(c.store.list_bodies()[0].reports) == 1 and c.report_id == first
