"""The start page says each report's state in words: 填写中 / 有错误 N / 已定稿 — never “第 125 版”."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reportdesk.checks import Finding
from reportdesk.report import Report
from reportdesk.store import ReportInfo
from reportdesk.ui.control.start import report_state
from tests.ui_support import close_window, open_window


def info(finals: tuple[str, ...] = (), unrevised: tuple[str, ...] = ()) -> ReportInfo:
    return ReportInfo(
        id=1, body_id=1, year=2024, rev=125, updated="2025-01-10T09:00:00", finals=finals, unrevised=unrevised
    )


def finding(code: str, level: str, accepted: bool = False) -> Finding:
    return Finding(code=code, level=level, cells=(), message="", accepted=accepted)


@pytest.mark.parametrize(
    ("state", "findings", "words"),
    [
        (info(), [finding("BLANK", "error")], "填写中"),
        (
            info(),
            [finding("BLANK", "error"), finding("T3-BALANCE", "error"), finding("T4-TOTAL", "error")],
            "有错误 2",
        ),
        (info(), [finding("YOY-JUMP", "warning")], "有提醒 1"),
        (info(), [finding("YOY-JUMP", "warning", accepted=True)], "已填完，未定稿"),
        (info(finals=("报送稿",)), [finding("T3-BALANCE", "error")], "已定稿（报送稿）"),
        (info(unrevised=("s1.active", "s6")), [finding("BLANK", "error")], "填写中，2 段结转文字未修改"),
    ],
)
def test_a_reports_state_in_words(state: ReportInfo, findings: list[Finding], words: str) -> None:
    assert report_state(state, findings) == words
    assert "版" not in words


def test_the_start_page_lists_each_report_with_its_state(
    qtbot: QtBot, tmp_path: Path, hongze2023: Report, hongze2024: Report
) -> None:
    win, c = open_window(qtbot, tmp_path)
    try:
        c.store.import_report(hongze2023)
        hongze = c.store.info(c.store.import_report(hongze2024)).body_id
        empty = c.store.create_report(c.store.add_body("交通运输局", "某某县"), 2024)
        c.show_start()
        page = win.start_page
        page.select_body(hongze)
        rows = {
            page.reports.item(r, 0).text(): page.reports.item(r, 1).text()
            for r in range(page.reports.rowCount())
        }
        assert rows == {"2024 年": "填写中", "2023 年": "有错误 2"}  # 2024 leaves two rows blank
        page.select_body(c.store.info(empty).body_id)
        assert page.reports.item(0, 1).text() == "填写中"
    finally:
        close_window(win, c)
