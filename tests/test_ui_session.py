"""An officer's session through the widgets: the seed report typed in, an error found in the
findings panel and fixed, the Word document generated; reopening; rolling over."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reportdesk.form import Form
from reportdesk.render.docx import render_docx
from reportdesk.report import Report
from reportdesk.ui.control.session import same_value
from reportdesk.ui.pages.narrative import NarrativePage
from reportdesk.ui.window.findings_panel import FINDING_ROLE
from reportdesk.ui.window.main_window import MainWindow
from tests.ui_support import close_window, open_window, table_view, type_chinese, type_into_cell

WRONG = ("t3.disclosed.natural", "13")  # the seed says 12: 一 + 二 no longer equals 三（七）+ 四


def input_keys_in_tab_order(window: MainWindow, section: str) -> list[str]:
    view = table_view(window, section)
    grid, model = view.model().grid, view.model()
    return [
        k for r in grid.value_rows() for c, k in grid.row_values(r) if model.is_editable(model.index(r, c))
    ]


def tables_of(data: bytes) -> list[list[list[str]]]:
    doc = Document(io.BytesIO(data))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]


def test_an_officer_types_the_seed_fixes_an_error_and_gets_the_word_file(
    qtbot: QtBot, tmp_path: Path, form: Form, seed: Report
) -> None:
    win, c = open_window(qtbot, tmp_path)
    a = seed.agency
    body = c.create_body({"name": a.name, "region": a.region, "kind": a.kind, "website": a.website})
    assert body is not None
    c.new_report(body, seed.year, None)

    # The tables, cell by cell, as an officer types them: value, Tab, value, Tab …
    for section in ("s2", "s3", "s4"):
        qtbot.keyClick(win, Qt.Key(Qt.Key.Key_0 + int(section[1])), Qt.KeyboardModifier.ControlModifier)
        assert c.page == section
        view = table_view(win, section)
        keys = input_keys_in_tab_order(win, section)
        view.go_to(keys[0])
        for key in keys:
            assert view.current_key() == key
            value = WRONG[1] if key == WRONG[0] else str(seed.cells[key])
            type_into_cell(qtbot, view, value)

    # The narrative, part by part, typed through an input method.
    for section in ("s1", "s5", "s6"):
        c.go(section)
        page = win.pages[section]
        assert isinstance(page, NarrativePage)
        for key, part in page.parts.items():
            part.editor.setFocus()
            type_chinese(part.editor, seed.text(key))
        assert all(c.session.report.text(k) == seed.text(k) for k in page.parts)

    # The deliberate error is in the findings panel; a click goes to its cells.
    errors = [f for f in c.session.findings if f.level == "error"]
    assert [f.code for f in errors] == ["T3-BALANCE"]  # one slip: one finding, naming both columns
    assert win.nav.state_of("s3") == "errors"
    c.go("s1")
    item = next(i for i in win.findings.items() if i.data(0, FINDING_ROLE).code == "T3-BALANCE")
    tree = win.findings.tree
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert c.page == "s3"
    view = table_view(win, "s3")
    assert view.current_key() == "t3.new.natural"
    assert view.current_key() in item.data(0, FINDING_ROLE).cells
    # The officer walks down to the mistyped cell and types over it.
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current_key() == WRONG[0]
    type_into_cell(qtbot, view, str(seed.cells[WRONG[0]]), then=Qt.Key.Key_Return)
    assert not [f for f in c.session.findings if f.level == "error"]
    assert win.nav.state_of("s3") == "complete"
    for k, v in seed.cells.items():
        assert same_value(c.session.report.cells[k], v), k

    # 生成 Word: no error, so a final document; its tables are the seed's.
    win.actions_["generate"].trigger()
    dialog = win.generate_dialog
    assert dialog is not None and not dialog.draft.isChecked()
    out = tmp_path / "out" / "报告.docx"
    out.parent.mkdir()
    dialog.path.setText(str(out))
    dialog.pdf.setChecked(False)
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    assert dialog.result.problem is None
    assert out in dialog.result.written and dialog.open_folder.isVisible()
    assert tables_of(out.read_bytes()) == tables_of(render_docx(form, seed))
    dialog.close()
    close_window(win, c)


def test_reopening_puts_everything_back(qtbot: QtBot, tmp_path: Path, seed: Report) -> None:
    win, c = open_window(qtbot, tmp_path)
    report_id = c.store.import_report(seed)
    c.open_report(report_id)
    c.go("s3")
    view = table_view(win, "s3")
    view.setFocus()
    view.go_to("t3.partial.natural")
    type_into_cell(qtbot, view, "3", then=Qt.Key.Key_Return)
    c.go("s6")
    editor = win.pages["s6"].parts["s6"].editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_chinese(editor, "另：本年无其他需要报告的事项。")
    c.explain("TXT-NUM", "正文按受理口径统计。")
    edited = c.session.report
    close_window(win, c)

    again, c2 = open_window(qtbot, tmp_path)
    try:
        assert c2.report_id == report_id and c2.page == "s6"
        assert c2.session.report.cells == edited.cells
        assert c2.session.report.texts == edited.texts
        assert c2.session.report.explanations == edited.explanations
        assert again.pages["s6"].parts["s6"].editor.toPlainText().endswith("另：本年无其他需要报告的事项。")
        assert again.stack.currentWidget() is again.pages["s6"]
    finally:
        close_window(again, c2)


def test_a_rolled_over_report_shows_last_years_text(qtbot: QtBot, tmp_path: Path, hongze2023: Report) -> None:
    win, c = open_window(qtbot, tmp_path)
    try:
        last = c.store.import_report(hongze2023)
        body = c.store.info(last).body_id
        c.new_report(body, 2024, last)
        assert c.session.report.year == 2024
        c.go("s1")
        page = win.pages["s1"]
        assert isinstance(page, NarrativePage)
        part = page.parts["s1.platform"]
        assert part.previous_box.isVisibleTo(win)
        assert part.previous.toPlainText() == hongze2023.text("s1.platform")
        assert "2023" in part.previous_label.text()
        assert part.editor.toPlainText() == hongze2023.text("s1.platform")
        assert part.untouched.isVisibleTo(win)  # rolled over and not yet revised
        part.editor.setFocus()
        type_chinese(part.editor, "2024年新增政务新媒体一个。")
        assert not part.untouched.isVisibleTo(win)
        # 二 上年结转 came from last year's 四.
        assert c.session.report.cells["t3.carried_in.total"] == hongze2023.cells["t3.carried_out.total"]
    finally:
        close_window(win, c)
