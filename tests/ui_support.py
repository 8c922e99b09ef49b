"""Driving the real window in tests: open it on a database in tmp_path, type like an officer.

Digits and Latin text are typed as key clicks. Chinese is typed as an input method delivers it:
committed phrases (QTest cannot synthesise key events for non-Latin characters).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reportdesk.ui.app import build, make_app
from reportdesk.ui.control.controller import Controller
from reportdesk.ui.pages.table import TablePage
from reportdesk.ui.table.view import TableView
from reportdesk.ui.window.main_window import MainWindow

_PHRASE = re.compile(r"[^，。；、：！？,.;:\n]*[，。；、：！？,.;:]?")


def open_window(qtbot: QtBot, folder: Path, db: Path | None = None) -> tuple[MainWindow, Controller]:
    """The application's own window and controller, on ``db`` (default: a new one in ``folder``)."""
    make_app()
    settings = folder / "window.ini"
    fresh = not settings.exists()
    built = build(str(db or folder / "drafts.db"), settings)
    assert built is not None
    window, controller = built
    qtbot.addWidget(window)
    if fresh:  # else the size the window remembered
        # Offscreen's screen is 800 × 800, where a first start opens maximized: the tests' window
        # is larger than that screen, as on a desktop.
        window.setWindowState(Qt.WindowState.WindowNoState)
        window.resize(1360, 860)
    # Keyboard shortcuts only reach the active window.
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window, controller


def close_window(window: MainWindow, controller: Controller) -> None:
    window.close()
    controller.store.close()


def table_view(window: MainWindow, section: str) -> TableView:
    page = window.pages[section]
    assert isinstance(page, TablePage)
    return page.view


def type_into_cell(qtbot: QtBot, view: TableView, text: str, then: Qt.Key = Qt.Key.Key_Tab) -> None:
    """Type over the current cell as in a spreadsheet: the first key opens the editor."""
    if text:
        qtbot.keyClick(view, text[0])
        editor = QApplication.focusWidget()
        assert editor is not None and editor is not view, "typing did not open the cell editor"
        if len(text) > 1:
            qtbot.keyClicks(editor, text[1:])
        qtbot.keyClick(editor, then)
    else:
        qtbot.keyClick(view, Qt.Key.Key_Delete)
        qtbot.keyClick(view, then)


def type_chinese(widget: QWidget, text: str) -> None:
    """Type text the way a Chinese input method does: phrase by phrase, Enter between paragraphs."""
    for i, paragraph in enumerate(text.split("\n")):
        if i:
            enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
            QApplication.sendEvent(widget, enter)
        for phrase in _PHRASE.findall(paragraph):
            if phrase:
                event = QInputMethodEvent("", [])
                event.setCommitString(phrase)
                QApplication.sendEvent(widget, event)


def click_item(qtbot: QtBot, tree: QWidget, rect_center: QPoint) -> None:
    viewport = tree.viewport() if hasattr(tree, "viewport") else tree
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect_center)
