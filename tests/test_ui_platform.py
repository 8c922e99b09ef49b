"""The Qt binding itself: a broken build makes the window abort after a few thousand calls."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_calls_returning_nothing_keep_none_alive() -> None:
    # PySide6 6.12.0 returns None from void methods without taking a reference: on Python 3.11,
    # where None is not immortal, each call costs None one reference until the interpreter aborts
    # ("none_dealloc: deallocating None"). pyproject.toml keeps such builds out.
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        obj.setObjectName("x")
    assert sys.getrefcount(None) - before > -100


def test_qt_speaks_chinese() -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox

    from reportdesk.ui.app import make_app

    make_app()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    texts = {b.text() for b in box.buttons()}
    assert texts == {"确定", "取消"}
    # Qt's own file dialog: its catalog lacks these, reportdesk supplies them; others still come from Qt.
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "文件名称(&N)："
    assert QCoreApplication.translate("reportdesk", "not a Qt string") == "not a Qt string"


def test_the_window_has_the_program_icon(qtbot) -> None:  # type: ignore[no-untyped-def]
    from reportdesk.ui.app import make_app

    app = make_app()
    assert not app.windowIcon().isNull()
    assert app.desktopFileName() == "reportdesk"
