"""Asking before a document is written over another, and saying when it looks open in Word/WPS."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reportdesk.report import Report
from reportdesk.ui.control.generation import Request, signoff_path, targets
from reportdesk.ui.control.targets import lock_files, replace_question
from tests.ui_support import close_window, open_window

NAME = "某某县交通运输局2024年政府信息公开工作年度报告.docx"


@pytest.mark.parametrize(
    "lock",
    [f"~${NAME}", f"~${NAME[2:]}", f"~${NAME[1:]}", f".~lock.{NAME}#"],
    ids=["wps", "word-long-name", "word-seven", "libreoffice"],
)
def test_a_lock_file_beside_the_document_says_it_is_open(tmp_path: Path, lock: str) -> None:
    doc = tmp_path / NAME
    doc.write_bytes(b"old")
    assert lock_files(doc) == []
    (tmp_path / lock).write_bytes(b"owner")
    assert lock_files(doc) == [tmp_path / lock]
    question = replace_question([doc])
    assert question is not None and "Word 或 WPS 中打开" in question[1]


def test_nothing_is_asked_when_nothing_is_there(tmp_path: Path) -> None:
    assert replace_question([tmp_path / NAME, tmp_path / "x.pdf"]) is None


def test_every_file_of_a_request_is_named(tmp_path: Path) -> None:
    doc = tmp_path / NAME
    request = Request(doc, draft=False, signoff=True, pdf=True)
    assert targets(request) == [doc, signoff_path(doc), doc.with_suffix(".pdf")]
    doc.write_bytes(b"old")
    doc.with_suffix(".pdf").write_bytes(b"old")
    question, details = replace_question(targets(request)) or ("", "")
    assert "2 个文件已经存在" in question and doc.name in details and doc.with_suffix(".pdf").name in details


def test_generate_asks_before_replacing_and_keeps_the_file_when_told_no(
    qtbot: QtBot, tmp_path: Path, seed: Report
) -> None:
    win, c = open_window(qtbot, tmp_path)
    try:
        c.open_report(c.store.import_report(seed))
        win.actions_["generate"].trigger()
        dialog = win.generate_dialog
        assert dialog is not None
        out = tmp_path / NAME
        out.write_bytes(b"the officer's edited copy")
        (tmp_path / f"~${NAME[2:]}").write_bytes(b"owner")
        dialog.path.setText(str(out))
        dialog.signoff.setChecked(False)
        dialog.pdf.setChecked(False)
        asked: list[tuple[str, str]] = []
        dialog.ask = lambda q, d: asked.append((q, d)) or False  # type: ignore[method-assign]
        qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
        assert asked and NAME in asked[0][0] and "Word 或 WPS" in asked[0][1]
        assert dialog.worker is None and out.read_bytes() == b"the officer's edited copy"
        assert "保持不变" in dialog.status.text()
        dialog.ask = lambda q, d: True  # type: ignore[method-assign]
        qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
        assert out in dialog.result.written and out.read_bytes()[:2] == b"PK"
        dialog.close()
    finally:
        close_window(win, c)
