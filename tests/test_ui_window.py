"""The rest of the window: findings panel, undo/redo, history, keyboard, banner, layout, failures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reportdesk.form import Form
from reportdesk.report import Agency, Report
from reportdesk.store import StoreBusy
from reportdesk.ui.control.controller import Controller
from reportdesk.ui.control.session import finding_section
from reportdesk.ui.pages.narrative import NarrativePage
from reportdesk.ui.window.banner import deadline, deadline_text
from reportdesk.ui.window.findings_panel import FINDING_ROLE
from reportdesk.ui.window.main_window import MainWindow
from tests.ui_support import close_window, open_window, table_view, type_chinese, type_into_cell

Window = tuple[MainWindow, Controller]


@pytest.fixture
def hongze(qtbot: QtBot, tmp_path: Path, hongze2023: Report, hongze2024: Report) -> Iterator[Window]:
    """The 2024 report of 洪泽 with its 2023 report in the store (real warnings to handle)."""
    win, c = open_window(qtbot, tmp_path)
    c.store.import_report(hongze2023)
    c.open_report(c.store.import_report(hongze2024))
    yield win, c
    close_window(win, c)


def test_a_warning_is_accepted_with_a_written_reason(qtbot: QtBot, hongze: Window) -> None:
    win, c = hongze
    item = next(i for i in win.findings.items() if i.data(0, FINDING_ROLE).id == "COPY@s1.management")
    win.findings.tree.setCurrentItem(item)
    panel = win.findings
    assert panel.reason.isVisibleTo(win) and not panel.accept_button.isEnabled()  # a reason is required
    panel.reason.setFocus()
    type_chinese(panel.reason, "管理制度未变，沿用上年表述。")
    assert panel.accept_button.isEnabled()
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    assert c.store.load(c.report_id).explanations == {"COPY@s1.management": "管理制度未变，沿用上年表述。"}
    assert [f.accepted for f in c.session.findings if f.code == "COPY"] == [True, False]
    assert "0 个已说明" not in panel.summary.text()
    # Withdrawn again from the same place.
    item = next(i for i in panel.items() if i.data(0, FINDING_ROLE).id == "COPY@s1.management")
    panel.tree.setCurrentItem(item)
    qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    assert c.store.load(c.report_id).explanations == {}


def test_an_error_cannot_be_accepted(hongze: Window) -> None:
    win, _c = hongze
    item = next(i for i in win.findings.items() if i.data(0, FINDING_ROLE).level == "error")
    win.findings.tree.setCurrentItem(item)
    assert not win.findings.accept_button.isVisibleTo(win)
    assert "必须改正" in win.findings.detail.text()


def test_the_others_of_a_kind_get_the_reason_only_when_asked(qtbot: QtBot, hongze: Window) -> None:
    """Accepting one COPY leaves the other open; the offer writes one key for it, never one for COPY."""
    win, c = hongze
    panel = win.findings
    item = next(i for i in panel.items() if i.data(0, FINDING_ROLE).id == "COPY@s1.management")
    panel.tree.setCurrentItem(item)
    assert "同类提醒还有 1 条未说明" in panel.detail.text()
    assert not panel.others_button.isVisibleTo(win)  # nothing to give before a reason is given
    panel.reason.setFocus()
    type_chinese(panel.reason, "管理制度未变，沿用上年表述。")
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    assert [f.accepted for f in c.session.findings if f.code == "COPY"] == [True, False]
    assert panel.others_button.isVisibleTo(win)
    assert panel.others_button.text() == "把这条理由也用于其余 1 条同类提醒"
    qtbot.mouseClick(panel.others_button, Qt.MouseButton.LeftButton)
    assert c.store.load(c.report_id).explanations == {
        "COPY@s1.management": "管理制度未变，沿用上年表述。",
        "COPY@s1.platform": "管理制度未变，沿用上年表述。",
    }
    assert not panel.others_button.isVisibleTo(win)


def test_a_reason_whose_warning_went_away_is_listed_and_can_be_deleted(qtbot: QtBot, hongze: Window) -> None:
    win, c = hongze
    c.explain("COPY@s1.platform", "平台建设内容与上年相同。")
    c.edit_text("s1.platform", "本年新建政务公开专区，上线依申请公开网上办理系统。")  # no longer a copy
    panel = win.findings
    stale = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())][-1]
    assert stale.text(0) == "已失效的说明（1）"
    panel.tree.setCurrentItem(stale.child(0))
    assert "【已失效】" in panel.detail.text() and "平台建设内容与上年相同。" in panel.detail.text()
    assert panel.withdraw_button.text() == "删除这条说明" and not panel.reason.isVisibleTo(win)
    assert c.store.load(c.report_id).explanations == {"COPY@s1.platform": "平台建设内容与上年相同。"}
    qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    assert c.store.load(c.report_id).explanations == {}


def test_ctrl_z_and_ctrl_y_undo_and_redo_across_the_report(
    qtbot: QtBot, hongze: Window, hongze2024: Report
) -> None:
    win, c = hongze
    c.go("s6")
    editor = win.pages["s6"].parts["s6"].editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_chinese(editor, "新增内容。")
    c.seal()
    c.go("s4")
    view = table_view(win, "s4")
    view.setFocus()
    view.go_to("t4.review.upheld")
    type_into_cell(qtbot, view, "9", then=Qt.Key.Key_Return)
    assert c.session.report.cells["t4.review.total"] == 9 + 1 + 0 + 0
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert c.session.report.cells["t4.review.upheld"] == hongze2024.cells["t4.review.upheld"]
    assert c.session.report.cells["t4.review.total"] == hongze2024.cells["t4.review.total"]
    # Undo reaches the text typed on another page, from a text editor too.
    c.go("s6")
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == hongze2024.text("s6")
    assert c.store.load(c.report_id).text("s6") == hongze2024.text("s6")
    qtbot.keyClick(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText().endswith("新增内容。")
    assert win.actions_["undo"].isEnabled()


def test_history_restores_an_earlier_state(qtbot: QtBot, hongze: Window, hongze2024: Report) -> None:
    win, c = hongze
    c.go("s2")
    view = table_view(win, "s2")
    view.setFocus()
    view.go_to("t2.penalty.decisions")
    type_into_cell(qtbot, view, "77", then=Qt.Key.Key_Return)
    assert c.session.report.cells["t2.penalty.decisions"] == 77
    win.actions_["history"].trigger()
    dialog = win.history_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 2  # the import, and the typing of "77" as one step
    assert (
        dialog.words(0)
        == f"修改表二「行政处罚」本年处理决定数量：{hongze2024.cells['t2.penalty.decisions']} → 77"
    )
    dialog.table.selectRow(1)
    assert dialog.selected_rev() == 1
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert c.session.report.cells["t2.penalty.decisions"] == hongze2024.cells["t2.penalty.decisions"]
    assert c.store.load(c.report_id).cells["t2.penalty.decisions"] == hongze2024.cells["t2.penalty.decisions"]
    assert win.pages["s2"].model.data(win.pages["s2"].model.index_of("t2.penalty.decisions")) == str(
        hongze2024.cells["t2.penalty.decisions"]
    )


def test_keyboard_walks_the_report(qtbot: QtBot, hongze: Window) -> None:
    win, c = hongze
    c.go("s1")
    qtbot.keyClick(win, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert c.page == "s2"
    qtbot.keyClick(win, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert c.page == "s1"
    qtbot.keyClick(win, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert c.page == "start"
    qtbot.keyClick(win, Qt.Key.Key_F8)  # the next open finding: its page, selected in the panel
    selected = win.findings.tree.currentItem().data(0, FINDING_ROLE)
    assert not selected.accepted
    assert c.page == finding_section(c.form, selected)
    # F6 cycles the focus: side list, page, findings.
    win.nav.setFocus()
    qtbot.keyClick(win, Qt.Key.Key_F6)
    assert win.stack.currentWidget().isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is win.findings.tree
    # In the side list, arrows change the page and keep the focus; Enter goes into the page.
    win.nav.setFocus()
    win.nav.select("s3")
    qtbot.keyClick(win.nav, Qt.Key.Key_Down)
    assert c.page == "s4" and win.nav.hasFocus()
    qtbot.keyClick(win.nav, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is table_view(win, "s4")


def test_section_states_in_the_side_list(hongze: Window) -> None:
    win, c = hongze
    status = c.session.section_status()
    for key, st in status.items():
        assert win.nav.state_of(key) == st.state
    assert win.nav.state_of("s3") == "progress"  # 14 cells of （六） left blank as printed
    assert win.nav.state_of("s4") == "complete"


@pytest.mark.parametrize(
    ("kind", "due"), [("department", date(2025, 1, 31)), ("government", date(2025, 3, 31))]
)
def test_the_deadline(form: Form, kind: str, due: date) -> None:
    report = Report.empty(form, 2024, Agency(name="x", kind=kind))
    assert deadline(form, report) == due
    assert deadline_text(form, report, date(due.year, due.month, due.day - 10))[1] == "soon"
    assert deadline_text(form, report, date(2024, 12, 1))[1] == "calm"
    text, tone = deadline_text(form, report, due + timedelta(days=5))
    assert tone == "late" and "已过" in text


def test_the_window_remembers_its_layout(qtbot: QtBot, tmp_path: Path, seed: Report) -> None:
    win, c = open_window(qtbot, tmp_path)
    c.open_report(c.store.import_report(seed))
    win.dock.close()  # its × button
    qtbot.waitUntil(lambda: win.minimumSize().width() < 790)  # the panel no longer takes room
    win.resize(790, 700)  # within the offscreen screen (800 × 800): restoring clamps to the screen
    qtbot.waitUntil(lambda: win.size().width() != 1360)
    left = win.geometry()
    close_window(win, c)
    again, c2 = open_window(qtbot, tmp_path)
    try:
        assert again.size() == left.size()  # where it sits is the window manager's business
        assert not again.dock.isVisible()
    finally:
        close_window(again, c2)


def test_a_failed_save_is_shown_and_nothing_typed_is_lost(
    qtbot: QtBot, hongze: Window, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, c = hongze
    c.go("s6")
    editor = win.pages["s6"].parts["s6"].editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)

    def busy(*_args: object) -> int:
        raise StoreBusy(c.store.path)

    monkeypatch.setattr(c.store, "set_text", busy)
    type_chinese(editor, "甲")
    assert win.save_error.isVisibleTo(win) and "没有保存" in win.save_error.text()
    assert editor.toPlainText().endswith("甲")
    monkeypatch.undo()
    type_chinese(editor, "乙")
    assert not win.save_error.isVisibleTo(win)
    assert c.store.load(c.report_id).text("s6").endswith("甲乙")


def test_start_page_creates_a_body_and_offers_to_roll_over(
    qtbot: QtBot, tmp_path: Path, hongze2023: Report
) -> None:
    from PySide6.QtCore import QTimer

    from reportdesk.ui.dialogs.body import BodyDialog
    from reportdesk.ui.dialogs.new_report import NewReportDialog

    win, c = open_window(qtbot, tmp_path)
    try:
        start = win.start_page
        assert start.isVisible() and not start.new_button.isEnabled()

        def fill_body() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, BodyDialog)
            dialog.fields.name.setText("交通运输局")
            dialog.fields.region.setText("某某县")
            dialog.accept()

        QTimer.singleShot(0, fill_body)
        qtbot.mouseClick(start.add_body_button, Qt.MouseButton.LeftButton)
        bodies = c.store.list_bodies()
        assert [b.body.name for b in bodies] == ["交通运输局"]
        assert start.fields.name.text() == "交通运输局"
        # A body with last year's report: the new report is offered as a roll-over.
        last = c.store.import_report(hongze2023)
        c.show_start()
        start.select_body(c.store.info(last).body_id)
        seen: dict[str, object] = {}

        def choose_rollover() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, NewReportDialog)
            dialog.year.setValue(2024)
            seen["rolled"] = dialog.rolled.isEnabled() and dialog.rolled.isChecked()
            dialog.accept()

        QTimer.singleShot(0, choose_rollover)
        qtbot.mouseClick(start.new_button, Qt.MouseButton.LeftButton)
        assert seen["rolled"] is True
        assert c.session is not None and c.session.report.year == 2024
        assert c.session.previous is not None and c.session.previous.year == 2023
        page = win.pages["s1"]
        assert isinstance(page, NarrativePage) and page.parts["s1.active"].previous_box.isVisibleTo(win)
    finally:
        close_window(win, c)


def test_body_details_reach_the_open_draft(qtbot: QtBot, hongze: Window) -> None:
    win, c = hongze
    c.show_start()
    start = win.start_page
    start.fields.name.setText("淮安市洪泽区人民政府办公室")
    qtbot.mouseClick(start.save_body, Qt.MouseButton.LeftButton)
    assert c.session.report.agency.name == "淮安市洪泽区人民政府办公室"
    assert c.store.load(c.report_id).agency.name == "淮安市洪泽区人民政府办公室"
    assert (
        "淮安市洪泽区人民政府办公室" in win.banner.text()
        and "淮安市洪泽区人民政府办公室" in win.windowTitle()
    )


def test_a_report_in_the_bin_is_not_reopened(qtbot: QtBot, tmp_path: Path, seed: Report) -> None:
    win, c = open_window(qtbot, tmp_path)
    report_id = c.store.import_report(seed)
    c.open_report(report_id)
    close_window(win, c)
    from reportdesk.store import Store

    with Store.open(tmp_path / "drafts.db") as store:
        store.delete(report_id)
    again, c2 = open_window(qtbot, tmp_path)
    try:
        assert c2.session is None and c2.page == "start"
    finally:
        close_window(again, c2)


def test_the_banner_stays_quiet_for_old_and_finalised_reports(form: Form) -> None:
    report = Report.empty(form, 2022, Agency(name="x"))
    assert deadline_text(form, report, date(2025, 6, 1))[1] == "calm"
    assert deadline_text(form, report, date(2023, 2, 10))[1] == "late"
    text, tone = deadline_text(form, report, date(2023, 2, 10), finals=("送审稿",))
    assert tone == "calm" and "送审稿" in text


def test_with_errors_only_a_draft_is_generated(qtbot: QtBot, hongze: Window, tmp_path: Path) -> None:
    import zipfile

    win, _c = hongze
    win.actions_["generate"].trigger()
    dialog = win.generate_dialog
    assert dialog is not None and dialog.draft.isChecked() and not dialog.draft.isEnabled()
    assert "草稿" in Path(dialog.path.text()).name
    assert "个错误" in dialog.verdict.text()  # the errors are listed
    out = tmp_path / "洪泽2024（草稿）.docx"
    dialog.path.setText(str(out))
    dialog.pdf.setChecked(False)
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    assert dialog.result.problem is None
    assert out.exists() and out.with_name(out.stem + "（审核单）.docx").exists()
    with zipfile.ZipFile(out) as docx:
        headers = "".join(
            docx.read(n).decode("utf-8") for n in docx.namelist() if n.startswith("word/header")
        )
    assert "草稿" in headers
    dialog.close()
