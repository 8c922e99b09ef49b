"""The 汇总 page in the real window, driven by keys and buttons; results asserted in the store."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from reportdesk.form import Form
from reportdesk.report import Agency, Report, write_report
from reportdesk.store import Store
from reportdesk.ui.aggregate.expected_dialog import ExpectedDialog
from reportdesk.ui.aggregate.model import AggregateModel
from reportdesk.ui.aggregate.survey import Row, Survey
from reportdesk.ui.control.controller import Controller
from reportdesk.ui.dialogs.body import BodyDialog
from reportdesk.ui.window.main_window import MainWindow
from tests.aggregate_support import generated
from tests.ui_support import close_window, open_window, type_chinese

REGION = "某某市某某区"
Window = tuple[MainWindow, Controller]


def body_report(form: Form, rng: random.Random, name: str, year: int = 2024) -> Report:
    return replace(generated(form, rng, year, name), agency=Agency(name=name, region=REGION))


@pytest.fixture
def county(qtbot: QtBot, tmp_path: Path, form: Form) -> Iterator[Window]:
    """The window on a store with a government and three bodies (one with errors, one not begun)."""
    rng = random.Random(2)
    db = tmp_path / "county.db"
    with Store.open(db, form=form) as store:
        store.add_body("某某区人民政府", REGION, "government")
        store.import_report(body_report(form, rng, "财政局"))
        broken = store.import_report(body_report(form, rng, "公安分局"))
        store.set_cell(broken, "t3.disclosed.natural", 99999)
        store.create_report(store.add_body("教育局", REGION, "department"), 2024)
    win, c = open_window(qtbot, tmp_path, db)
    yield win, c
    close_window(win, c)


def shown(model: AggregateModel) -> dict[str, str]:
    return {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}


def wait_for_survey(qtbot: QtBot, win: MainWindow) -> None:
    page = win.aggregate_page
    qtbot.waitUntil(
        lambda: page.worker is not None and not page.worker.isRunning() and page.model.rowCount() > 0
    )
    qtbot.waitUntil(lambda: page.progress.isHidden())


def test_ctrl_t_lists_the_bodies_and_the_button_makes_the_governments_report(
    qtbot: QtBot, county: Window, form: Form
) -> None:
    win, c = county
    qtbot.keyClick(win, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    page = win.aggregate_page
    assert win.stack.currentWidget() is page and win.title.text() == "汇总本级政府报告"
    assert page.choices.government.hasFocus()  # the keyboard starts on the first choice
    wait_for_survey(qtbot, win)
    assert shown(page.model) == {
        f"{REGION}公安分局": "有错误 1",
        f"{REGION}教育局": "未开始",
        f"{REGION}财政局": "有提醒",
    }
    assert "1 份报告计入汇总" in page.summary.text() and "汇总结果" in page.total.text()
    assert page.save_button.isEnabled() and "生成本级政府 2024 年报告" in page.save_button.text()
    qtbot.keyClick(win, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # 生成本级政府报告(&M)
    qtbot.waitUntil(lambda: c.report_id is not None)  # a button's mnemonic clicks it a moment later
    assert c.page == "s1" and win.stack.currentWidget() is win.pages["s1"]
    report = c.store.load(c.report_id)
    assert report.agency.name == "某某区人民政府" and report.agency.kind == "government"
    fin = next(
        c.store.load(r.id) for b in c.store.list_bodies() if b.body.name == "财政局" for r in b.reports
    )
    assert all(report.cells.get(k) == fin.cells.get(k) for k in form.cells)  # one body counted: its figures


def test_the_table_is_reached_by_keyboard_and_enter_opens_a_bodys_report(
    qtbot: QtBot, county: Window
) -> None:
    win, c = county
    qtbot.keyClick(win, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    wait_for_survey(qtbot, win)
    page = win.aggregate_page
    qtbot.keyClick(win, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # 各机关情况(&B)
    assert page.table.hasFocus()
    assert page.model.row_at(page.table.currentIndex().row()).body.endswith("公安分局")  # worst first
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert c.report_id is not None and c.store.load(c.report_id).agency.name == "公安分局"
    assert win.stack.currentWidget() is win.pages["s1"] and win.nav.currentRow() == 1


def test_changing_the_year_surveys_again(qtbot: QtBot, county: Window) -> None:
    win, c = county
    qtbot.keyClick(win, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    wait_for_survey(qtbot, win)
    page = win.aggregate_page
    page.choices.year.setFocus()
    assert page.save_button.isEnabled()
    qtbot.keyClick(page.choices.year, Qt.Key.Key_Up)  # 2025: nobody has reported yet
    assert not page.save_button.isEnabled()  # not with 2024's sum while 2025 is shown
    qtbot.waitUntil(lambda: c.survey is not None and c.survey.request.year == 2025)
    qtbot.waitUntil(lambda: page.progress.isHidden())
    assert set(shown(page.model).values()) == {"缺少该年度报告"}
    assert not page.save_button.isEnabled() and "没有可以相加" in page.total.text()


def test_the_expected_list_is_typed_in_its_dialog_and_remembered(qtbot: QtBot, county: Window) -> None:
    win, c = county
    qtbot.keyClick(win, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    wait_for_survey(qtbot, win)
    page = win.aggregate_page
    qtbot.mouseClick(page.choices.edit_expected, Qt.MouseButton.LeftButton)
    dialog = page.choices.dialog
    assert isinstance(dialog, ExpectedDialog)
    dialog.text.setFocus()
    type_chinese(dialog.text, "财政局\n统计局")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for _ in range(4):  # Tab from the names to the OK button
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if ok.hasFocus():
            break
    qtbot.keyClick(ok, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    gov = c.governments()[0].id
    assert c.expected_for(gov) == ["财政局", "统计局"]
    assert page.choices.expected_label.text() == "名单共 2 个机关"
    qtbot.waitUntil(lambda: c.survey is not None and c.survey.request.expected == ("财政局", "统计局"))
    qtbot.waitUntil(lambda: page.progress.isHidden())
    assert shown(page.model)["统计局"] == "缺少该年度报告"


def test_files_are_added_by_the_button(
    qtbot: QtBot, county: Window, form: Form, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, c = county
    old = tmp_path / "sifa.json"
    write_report(body_report(form, random.Random(9), "司法局", 2023), form, old)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(old)], ""))
    qtbot.keyClick(win, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    wait_for_survey(qtbot, win)
    page = win.aggregate_page
    qtbot.mouseClick(page.choices.add_files, Qt.MouseButton.LeftButton)
    assert page.choices.files_label.text() == "另加 1 个文件"
    qtbot.waitUntil(lambda: c.survey is not None and c.survey.request.files == (str(old),))
    qtbot.waitUntil(lambda: page.progress.isHidden())
    assert shown(page.model)[f"{REGION}司法局"] == "年度不符"


def test_a_government_body_is_made_from_the_page(qtbot: QtBot, tmp_path: Path) -> None:
    win, c = open_window(qtbot, tmp_path)
    try:
        qtbot.mouseClick(win.start_page.aggregate_button, Qt.MouseButton.LeftButton)
        page = win.aggregate_page
        assert win.stack.currentWidget() is page and "还没有" in page.summary.text()
        assert not page.choices.government.isEnabled() and not page.check_button.isEnabled()
        qtbot.mouseClick(page.choices.new_government, Qt.MouseButton.LeftButton)
        dialog = page.choices.dialog
        assert isinstance(dialog, BodyDialog) and not dialog.fields.kind.isEnabled()
        dialog.fields.name.setFocus()
        type_chinese(dialog.fields.name, "某某县人民政府")
        qtbot.keyClick(dialog.fields.name, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        bodies = [b.body for b in c.store.list_bodies()]
        assert [(b.name, b.kind) for b in bodies] == [("某某县人民政府", "government")]
        assert page.choices.government.currentData() == bodies[0].id and page.choices.government.isEnabled()
    finally:
        close_window(win, c)


def test_the_table_model(qtmodeltester: Any) -> None:
    model = AggregateModel()
    model.load(
        [
            Row("甲局", "errors", "有错误 2", "不计入", "数据库", "T3-BALANCE：…", 3),
            Row("乙局", "missing", "缺少该年度报告", "", "应报机关名单", "没有 2024 年的报告"),
            Row("丙局", "final", "已定稿", "计入", "丙局.xlsx"),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole + 40) == 3
    assert model.index(1, 0).data(Qt.ItemDataRole.UserRole + 40) is None
    assert model.headerData(1, Qt.Orientation.Horizontal) == "状态"


class EndlessJob:
    """A survey that reads until it is told to stop (reports progress as it goes)."""

    def __init__(self, request: Any) -> None:
        self.request = request

    def run(self, progress: Any, cancelled: Any) -> Survey:
        done = 0
        while not cancelled():
            done += 1
            progress(done, done + 1)
            time.sleep(0.005)
        return Survey(self.request, cancelled=True)


def test_a_long_survey_shows_progress_and_can_be_cancelled(qtbot: QtBot, county: Window) -> None:
    win, c = county
    qtbot.keyClick(win, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    wait_for_survey(qtbot, win)
    page = win.aggregate_page
    before = c.survey
    page.run(EndlessJob(before.request if before else None))
    qtbot.waitUntil(lambda: page.progress.value() > 2)
    assert (
        page.cancel_button.isVisible() and not page.summary.isVisible() and not page.save_button.isEnabled()
    )
    assert "正在读取并检查" in page.progress.format()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.progress.isHidden())
    assert "已取消" in page.summary.text() and c.survey is before  # the last finished survey stands
