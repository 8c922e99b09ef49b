"""生成网页 in the window: the page written where the officer chooses, a draft only while the
report has errors, the fragment for a CMS, and a question before an existing file is replaced."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reportdesk.report import Report
from reportdesk.ui.control.controller import Controller
from reportdesk.ui.dialogs import publish as publish_dialog
from reportdesk.ui.window.main_window import MainWindow

from .ui_support import close_window, open_window

Window = tuple[MainWindow, Controller]


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[Window]:
    win, c = open_window(qtbot, tmp_path)
    yield win, c
    close_window(win, c)


class Answer:
    """Stands in for the question box: remembers the question, answers as told."""

    def __init__(self, yes: bool) -> None:
        self.yes = yes
        self.asked: list[str] = []

    def __call__(self, parent: Any, message: str, details: str = "", yes: str = "") -> Answer:
        self.asked.append(message)
        return self

    def exec(self) -> QMessageBox.StandardButton:
        return QMessageBox.StandardButton.Yes if self.yes else QMessageBox.StandardButton.No


def test_the_page_is_written_and_an_existing_file_is_replaced_only_when_the_officer_agrees(
    qtbot: QtBot, window: Window, seed: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, c = window
    c.open_report(c.store.import_report(seed))
    assert win.actions_["publish"].isEnabled()
    win.actions_["publish"].trigger()
    dialog = win.publish_dialog
    assert dialog is not None and not dialog.draft.isChecked()
    assert (
        Path(dialog.path.text()).name
        == "武汉市东湖新技术开发区政务服务和大数据管理局2023年政府信息公开工作年度报告.html"
    )
    out = tmp_path / "年报.html"
    dialog.path.setText(str(out))
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    assert dialog.result is not None and dialog.result.problem is None
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "草稿" not in page
    assert dialog.open_file.isVisible() and dialog.open_folder.isVisible()

    out.write_text("旧文件", encoding="utf-8")
    no = Answer(yes=False)
    monkeypatch.setattr(publish_dialog, "question_box", no)
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    assert no.asked == ["“年报.html”已经存在，要替换它吗？"]
    assert out.read_text(encoding="utf-8") == "旧文件"
    assert "保持不变" in dialog.status.text()

    yes = Answer(yes=True)
    monkeypatch.setattr(publish_dialog, "question_box", yes)
    dialog.fragment.setChecked(True)
    assert Path(dialog.path.text()).name.endswith("（正文片段）.html")
    dialog.path.setText(str(out))
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    assert yes.asked and out.read_text(encoding="utf-8").startswith(
        '<article class="gov-report" lang="zh-CN">'
    )
    dialog.close()


def test_with_errors_only_a_draft_page(
    qtbot: QtBot, window: Window, hongze2024: Report, tmp_path: Path
) -> None:
    win, c = window
    c.open_report(c.store.import_report(hongze2024))
    win.actions_["publish"].trigger()
    dialog = win.publish_dialog
    assert dialog is not None and dialog.draft.isChecked() and not dialog.draft.isEnabled()
    assert "个错误" in dialog.verdict.text()
    assert Path(dialog.path.text()).name.endswith("（草稿）.html")
    out = tmp_path / "草稿.html"
    dialog.path.setText(str(out))
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    assert "草稿　仅供内部审阅" in out.read_text(encoding="utf-8")
    dialog.close()


def test_no_report_no_page(window: Window) -> None:
    win, _ = window
    assert not win.actions_["publish"].isEnabled()
