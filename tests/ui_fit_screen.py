"""Run by tests/test_ui_fit.py in a child process on one fake screen (Qt's offscreen platform with a
screen of a given size, and QT_SCALE_FACTOR): the window and every dialog fit that screen, and
every button a person must reach lies inside it. Not collected on its own (no test_ prefix): the
screen is chosen before Qt starts, so each size needs its own process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reportdesk.form import Form
from reportdesk.ui.aggregate.expected_dialog import ExpectedDialog
from reportdesk.ui.app import build, make_app
from reportdesk.ui.control.controller import Controller
from reportdesk.ui.control.database import backup_name, restore_question
from reportdesk.ui.dialogs.bin import BinDialog
from reportdesk.ui.dialogs.body import BodyDialog
from reportdesk.ui.dialogs.generate import GenerateDialog
from reportdesk.ui.dialogs.history import HistoryDialog
from reportdesk.ui.dialogs.new_report import NewReportDialog
from reportdesk.ui.dialogs.publish import PublishDialog
from reportdesk.ui.dialogs.questions import message_box, question_box
from reportdesk.ui.window.actions import shortcuts_box
from reportdesk.ui.window.findings_panel import FINDING_ROLE
from reportdesk.ui.window.fit import ASSUMED_FRAME
from reportdesk.ui.window.main_window import MainWindow
from tests.conftest import load_data

Window = tuple[MainWindow, Controller]


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def start(folder: Path, qtbot: QtBot) -> Window:
    """The window as ``reportdesk`` opens it: its first start, or with what it remembered."""
    make_app()
    built = build(str(folder / "drafts.db"), folder / "window.ini")
    assert built is not None
    window, controller = built
    qtbot.addWidget(window)
    window.show()
    settle()
    return window, controller


def stop(window: MainWindow, controller: Controller) -> None:
    window.close()
    controller.store.close()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[MainWindow, Controller, int]]:
    """One window for the module (each costs a second on a busy machine): the 2024 report of 洪泽
    (warnings to accept) with its 2023 report."""
    make_app()
    folder = tmp_path_factory.mktemp("shared")
    built = build(str(folder / "drafts.db"), folder / "window.ini")
    assert built is not None
    window, c = built
    window.show()
    c.store.import_report(load_data("hongze-district-gov-2023"))
    report = c.store.import_report(load_data("hongze-district-gov-2024"))
    yield window, c, report
    stop(window, c)


@pytest.fixture
def opened(shared: tuple[MainWindow, Controller, int]) -> Window:
    window, c, report = shared
    window.showMaximized()  # as it first opens on every screen here (all smaller than 1600 × 900)
    c.open_report(report)
    settle()
    return window, c


def screen_of(widget: QWidget) -> QRect:
    return widget.screen().availableGeometry()


def outer(window: QWidget) -> QRect:
    """The window with its frame (offscreen draws none: a title bar and borders are assumed)."""
    frame, inner = window.frameGeometry(), window.geometry()
    if window.isMaximized():  # the window manager fits its frame to the screen
        return inner
    if inner.top() - frame.top() < 8:  # no title bar drawn (offscreen's frame is a pixel wide)
        frame = inner.marginsAdded(ASSUMED_FRAME)
    return frame


def problems(window: QWidget) -> list[str]:
    """What does not fit: the window off or larger than the screen, a button outside it or cut off."""
    screen = screen_of(window)
    out = []
    if not screen.contains(outer(window)):
        out.append(f"{window.windowTitle()}: {outer(window)} is not inside the screen {screen}")
    layout = window.layout()
    if layout is not None and layout.hasHeightForWidth():
        need = layout.totalHeightForWidth(window.width())
        if need > window.height():
            out.append(
                f"{window.windowTitle()}: {window.height()} px tall, its content needs {need}: cut off"
            )
    inside = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or _scrolls(button, window):
            continue
        rect = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        if not (screen.contains(rect) and inside.contains(rect)):
            out.append(f"button {button.text()!r} at {rect} is outside {inside} / screen {screen}")
    return out


def _scrolls(widget: QWidget, top: QWidget) -> bool:
    """Inside a scrolling area (reached by scrolling, whatever the screen)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def test_the_first_window_fits(qtbot: QtBot, tmp_path: Path) -> None:
    window, c = start(tmp_path, qtbot)
    try:
        assert problems(window) == []
        assert window.statusBar().isVisible()
    finally:
        stop(window, c)


def test_a_window_saved_on_a_larger_screen_reopens_inside_this_one(qtbot: QtBot, tmp_path: Path) -> None:
    make_app()
    big = QWidget()
    big.setGeometry(40, 30, 2500, 1500)
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    settings.setValue("geometry", QByteArray(big.saveGeometry()))
    settings.sync()
    window, c = start(tmp_path, qtbot)
    try:
        assert problems(window) == []
    finally:
        stop(window, c)


@pytest.mark.parametrize("page", ["start", "s1", "s2", "s3", "s4", "s5", "s6", "aggregate"])
def test_every_page_fits(opened: Window, page: str) -> None:
    window, c = opened
    c.go(page)
    settle()
    assert problems(window) == []
    assert window.statusBar().isVisible()


def test_accepting_a_warning_is_in_sight(opened: Window) -> None:
    window, _c = opened
    panel = window.findings
    item = next(i for i in panel.items() if i.data(0, FINDING_ROLE).level == "warning")
    window.show_findings_panel()
    panel.tree.setCurrentItem(item)
    settle()
    assert window.dock.isVisible()
    assert panel.width() >= panel.minimumWidth()
    assert problems(window) == []
    assert panel.accept_button.isVisible() and panel.reason.isVisible()
    button = QRect(panel.accept_button.mapTo(panel, QPoint(0, 0)), panel.accept_button.size())
    assert panel.rect().contains(button)


def test_the_panel_is_readable_or_folded(opened: Window) -> None:
    window, _c = opened
    for width in (window.width(), 700, 560):
        window.showNormal()
        window.resize(width, window.height())
        settle()
        panel = window.findings
        assert not window.dock.isVisible() or panel.width() >= panel.minimumWidth(), width


def _long_error() -> str:
    return "文件无法读取：\n" + "\n".join(f"第 {i} 行：数字“1O”中有字母，不是数字" for i in range(1, 41))


DIALOGS: dict[str, Callable[[MainWindow, Controller, Form], QWidget]] = {
    "body": lambda w, c, f: BodyDialog(f, w),
    "new_report": lambda w, c, f: NewReportDialog(c.store.body(1), {2023: 1, 2024: 2}, w),
    "generate": lambda w, c, f: GenerateDialog(c, f, w),
    "history": lambda w, c, f: HistoryDialog(c, f, w),
    "bin": lambda w, c, f: BinDialog(c, w),
    "expected": lambda w, c, f: ExpectedDialog([f"第{i}街道办事处" for i in range(60)], lambda p: None, w),
    "restore": lambda w, c, f: question_box(
        w,
        *restore_question(Path("/home/officer/文档/备份/很长的文件夹名称") / backup_name(), c.store.path),
        "恢复(&R)",
    ),
    "error": lambda w, c, f: message_box(w, "无法完成", _long_error(), QMessageBox.Icon.Warning),
    "shortcuts": lambda w, c, f: shortcuts_box(w),
    "finalize": lambda w, c, f: _input(w),
    "open_file": lambda w, c, f: QFileDialog(
        w, "导入报告交换文件", "", "报告交换文件 (*.json);;所有文件 (*)"
    ),
    "publish": lambda w, c, f: PublishDialog(c, f, w),
}


def _input(window: QWidget) -> QInputDialog:
    box = QInputDialog(window)
    box.setWindowTitle("记为定稿")
    box.setLabelText("定稿名称（如“报送稿”“公开稿”）：")
    box.setTextValue("报送稿")
    return box


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_every_dialog_fits_with_its_buttons(opened: Window, name: str, form: Form) -> None:
    window, c = opened
    if name == "generate":  # an empty report: 42 errors listed
        c.open_report(c.store.create_report(c.store.add_body("交通运输局", "某某县"), 2024))
    if name == "bin":
        c.store.delete(c.store.create_report(1, 2022))
    dialog = DIALOGS[name](window, c, form)
    dialog.show()
    settle()
    try:
        assert problems(dialog) == []
        buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
        assert buttons, "a dialog without a button to close it"
    finally:
        dialog.close()
