"""Backups and the bin from the window: 文件 → 备份到文件… / 从备份恢复… / 回收站…, driven by keys
and buttons (only the file choosers, which are the system's, are answered by the test)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from reportdesk.form import Form
from reportdesk.report import Report
from reportdesk.store import Store, list_backups
from reportdesk.ui.control.controller import Controller
from reportdesk.ui.dialogs.bin import BinDialog
from reportdesk.ui.window.main_window import MainWindow
from tests.test_ui_controller import DictSettings, FakeView
from tests.ui_support import close_window, open_window

Window = tuple[MainWindow, Controller]


@pytest.fixture
def two_reports(qtbot: QtBot, tmp_path: Path, hongze2023: Report, seed: Report) -> Iterator[Window]:
    win, c = open_window(qtbot, tmp_path)
    c.store.import_report(hongze2023)
    c.open_report(c.store.import_report(seed))
    yield win, c
    close_window(win, c)


def reports(store: Store) -> list[tuple[str, int]]:
    return sorted((b.body.name, r.year) for b in store.list_bodies() for r in b.reports)


def file_menu(qtbot: QtBot, win: MainWindow, key: Qt.Key) -> None:
    """Alt+F opens 文件; the item's letter chooses it."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)  # back from a question just asked
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.title() == "文件(&F)"
    qtbot.keyClick(menu, key)


def answer(qtbot: QtBot, button: str, seen: list[str]) -> None:
    """Click ``button`` of the question the window is about to ask (it waits in its own loop)."""

    def click(tries: int = 200) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):  # not asked yet: look again shortly
            assert tries > 0, "the window asked nothing"
            QTimer.singleShot(10, lambda: click(tries - 1))
            return
        seen.append(box.text() + "\n" + box.informativeText())
        chosen = next(b for b in box.buttons() if b.text().startswith(button))
        qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, lambda: click())


def test_backup_to_a_file_from_the_file_menu(
    qtbot: QtBot, two_reports: Window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, c = two_reports
    target = tmp_path / "拷贝" / "备份.db"
    offered: list[str] = []

    def choose(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    file_menu(qtbot, win, Qt.Key.Key_B)  # 备份到文件(&B)…
    qtbot.waitUntil(lambda: not win.tasks.busy())
    assert Path(offered[0]).name.startswith("reportdesk-备份-") and offered[0].endswith(".db")
    with Store.open(target) as copy:
        assert reports(copy) == reports(c.store)
    assert "已把整个数据库备份到" in win.statusBar().currentMessage()
    assert c.session is not None  # the open report stays open


def test_restore_says_what_happens_and_keeps_the_current_data(
    qtbot: QtBot, two_reports: Window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, huaian: Report
) -> None:
    win, c = two_reports
    backup = tmp_path / "before.db"
    c.store.backup(backup)
    c.store.import_report(huaian)  # made after the backup: gone once it is restored
    with_huaian = reports(c.store)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(backup), ""))
    asked: list[str] = []
    answer(qtbot, "取消", asked)
    file_menu(qtbot, win, Qt.Key.Key_R)  # 从备份恢复(&R)…
    qtbot.waitUntil(lambda: bool(asked))
    assert reports(c.store) == with_huaian and c.session is not None  # cancelled: nothing changed
    assert str(backup) in asked[0] and "先另存为一份备份" in asked[0]
    answer(qtbot, "恢复", asked)
    file_menu(qtbot, win, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: len(asked) == 2 and not win.tasks.busy())
    assert win.isEnabled()
    assert c.session is None and c.page == "start"  # the open report was closed first
    assert len(reports(c.store)) == 2 and reports(c.store) != with_huaian
    kept = [p for p in list_backups(Path(c.store.path)) if "before-restore" in p.name]
    assert len(kept) == 1
    with Store.open(kept[0]) as old:
        assert reports(old) == with_huaian
    assert "恢复前的数据已另存为" in win.statusBar().currentMessage()
    # The window works on the restored database: the start page lists it.
    assert win.start_page.bodies.count() == 2


def test_a_report_goes_to_the_bin_and_comes_back(qtbot: QtBot, two_reports: Window) -> None:
    win, c = two_reports
    report_id = c.report_id
    c.go("start")
    page = win.start_page
    asked: list[str] = []
    answer(qtbot, "是", asked)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked))
    assert "回收站" in asked[0]
    assert report_id not in {r.id for b in c.store.list_bodies() for r in b.reports}
    qtbot.mouseClick(page.bin_button, Qt.MouseButton.LeftButton)
    dialog = win.bin_dialog
    assert isinstance(dialog, BinDialog) and dialog.table.rowCount() == 1
    assert dialog.selected_id() == report_id
    qtbot.waitUntil(dialog.table.hasFocus)  # the dialog takes the keyboard, on its row
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter on the row restores it
    assert report_id in {r.id for b in c.store.list_bodies() for r in b.reports}
    assert not dialog.table.isVisibleTo(dialog) and dialog.empty.isVisibleTo(dialog)
    assert not dialog.restore_button.isEnabled()
    dialog.reject()


class View(FakeView):
    """Runs the background jobs at once, as the window does in a thread."""

    def run_task(
        self, message: str, job: Callable[[], Any], done: Callable[[Any], None], exclusive: bool
    ) -> None:
        done(job())


def test_a_report_cannot_come_back_over_another_of_its_year(tmp_path: Path, form: Form, seed: Report) -> None:
    view = View(form)
    with Store.open(tmp_path / "d.db", form=form) as store:
        c = Controller(view, store, form, DictSettings())
        first = store.import_report(seed)
        store.delete(first)
        store.import_report(seed)  # the same body and year again
        assert not c.undelete_report(first)
        assert "已有 2023 年的报告" in view.said("show_error")[-1][0]
        assert [i.id for _b, i in c.bin_entries()] == [first]


def test_a_backup_that_is_not_one_changes_nothing(tmp_path: Path, form: Form, seed: Report) -> None:
    view = View(form)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with Store.open(tmp_path / "d.db", form=form) as store:
        c = Controller(view, store, form, DictSettings())
        c.open_report(store.import_report(seed))
        c.restore_from(str(junk))
        assert "没有恢复" in view.said("show_error")[-1][0]
        assert [b.body.name for b in c.store.list_bodies()] == ["政务服务和大数据管理局"]
        c.backup_to(str(tmp_path))  # a folder, not a file
        assert view.said("show_error")[-1][0].startswith("没有备份")
    c.store.close()  # the store opened anew after the failed restore
