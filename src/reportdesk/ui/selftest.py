"""The window part of ``reportdesk --selftest``: open the main window on the sample report, then close it.

Everything it touches lives in ``folder`` (a temporary folder of the caller): the database and the window's
remembered layout; the officer's own drafts are never opened.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from reportdesk.report import Report
from reportdesk.store import Store
from reportdesk.ui.app import build, make_app


class WindowProblem(Exception):
    """The window could not be shown as it should; the message says what, in Chinese."""


# Qt's offscreen platform says this for every window it shows; it means nothing to an office.
OFFSCREEN_NOISE = "does not support propagateSizeHints"


def _quiet_offscreen(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if OFFSCREEN_NOISE not in message:
        print(message, file=sys.stderr)


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def open_and_close(report: Report, folder: Path) -> str:
    """Show the main window with ``report`` open on the page of table 三, close it; what was seen."""
    previous = qInstallMessageHandler(_quiet_offscreen)
    try:
        return _open_and_close(report, folder)
    finally:
        qInstallMessageHandler(previous)


def _open_and_close(report: Report, folder: Path) -> str:
    app = make_app()
    if app.property("reportdesk_translator") is None:
        raise WindowProblem("没有找到 Qt 的中文翻译 qtbase_zh_CN.qm，对话框的按钮会是英文：安装不完整")
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if not chinese:
        raise WindowProblem(
            "系统里没有中文字体，界面上的汉字会显示成方框。请安装中文字体（如 fonts-noto-cjk）后重试"
        )
    db = folder / "selftest.sqlite3"
    with Store.open(db, daily_backup=False) as store:
        report_id = store.import_report(report)
    built = build(str(db), folder / "window.ini")
    if built is None:
        raise WindowProblem(f"无法打开临时草稿数据库 {db}")
    window, controller = built
    try:
        window.show()
        controller.open_report(report_id)
        section = next(s for s in controller.form.sections if s.table == "t3")
        controller.go(section.key)
        _settle()
        if not window.isVisible():
            raise WindowProblem("主窗口没有显示出来")
        if window.title.text() != section.heading:
            raise WindowProblem(f"主窗口没有翻到“{section.heading}”页（显示的是“{window.title.text()}”）")
        title = window.windowTitle()
        window.close()
        _settle()
    finally:
        controller.store.close()
    return (
        f"显示平台 {QGuiApplication.platformName()}，窗口标题“{title}”，翻到了“{section.heading}”页；"
        f"中文翻译已载入，中文字体 {len(chinese)} 种（如 {chinese[0]}）"
    )
