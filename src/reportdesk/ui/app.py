"""Starting the desktop application: QApplication in Chinese, the store, the window, the controller."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from importlib.resources import as_file
from pathlib import Path

import platformdirs

# What never uses Qt comes first: once PySide6 is loaded it reads the source of every module
# imported after it (to see whether it asks for a PySide "__feature__"), a few milliseconds of the
# window's start for the core's modules and the controller's.
from reportdesk.form import load_form, resource_path
from reportdesk.store import (
    ServerUnreachable,
    Store,
    StoreDamaged,
    StoreError,
    default_path,
    resolve_location,
    restore_backup,
)
from reportdesk.ui.control.controller import Controller

# isort: split
from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QLabel

from reportdesk.ui import theme
from reportdesk.ui.window.actions import build_actions
from reportdesk.ui.window.main_window import MainWindow
from reportdesk.ui.window.wiring import connect_widgets

SETTINGS_ENV = "REPORTDESK_SETTINGS"
MIN_POINT_SIZE = 10.0


def settings_path() -> Path:
    """Where the window remembers its layout and the last place in each report."""
    given = os.environ.get(SETTINGS_ENV, "").strip()
    if given:
        return Path(given)
    return Path(platformdirs.user_config_dir("reportdesk", appauthor=False)) / "window.ini"


# Strings of Qt's own file dialog that Qt's zh_CN catalog lacks (it has them without the "&").
MISSING_CHINESE = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Computer"): "计算机",
    ("QFileIconProvider", "Folder"): "文件夹",
    ("QFileIconProvider", "File"): "文件",
}


class MissingChinese(QTranslator):
    """Answers only the few strings above; everything else falls through to Qt's catalog."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None becomes a null string, which tells Qt to ask the next translator ("" would not).
        return MISSING_CHINESE.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_chinese(app: QApplication) -> QTranslator | None:
    """Qt's own buttons and dialogs (OK/Cancel, file dialogs, context menus) in Chinese.

    ``qtbase_zh_CN.qm`` ships with PySide6-Essentials in ``PySide6/Qt/translations``; the
    translator is kept referenced by the application so Python does not collect it.
    """
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_zh_CN", folder):
        return None
    app.installTranslator(translator)
    missing = MissingChinese(app)
    app.installTranslator(missing)
    # Python must keep both alive: the second one's override lives in its Python object.
    app.setProperty("reportdesk_translator", translator)
    app.reportdesk_translators = (translator, missing)  # type: ignore[attr-defined]
    return translator


def make_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("reportdesk")
    app.setApplicationDisplayName("政府信息公开工作年度报告")
    app.setDesktopFileName("reportdesk")  # matches the .deb's desktop entry, for the dock icon
    if app.windowIcon().isNull():
        with as_file(resource_path("reportdesk.png")) as icon:
            app.setWindowIcon(QIcon(QPixmap(str(icon))))  # read now: the path may be temporary
    if app.property("reportdesk_translator") is None:
        install_chinese(app)
    font = theme.ui_font(app.font())
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
    app.setFont(font)
    return app


def open_store(db: str | None, journal_folder: Path | None = None) -> Store | None:
    """Open the drafts database (a file, or a shared database's postgresql:// address); a damaged
    file is offered its newest good backup; a shared database that cannot be reached is said so, with
    what the officer can do (try again, or work in this computer's own file)."""
    path = resolve_location(db)
    while True:
        try:
            return Store.open(path)
        except ServerUnreachable as e:
            answer = _unreachable_at_start(e, journal_folder)
            if answer == "local":
                path = default_path()
            elif answer != "retry":
                return None
        except StoreError as e:
            return _open_failed(path, e)


def _unreachable_at_start(e: ServerUnreachable, journal_folder: Path | None) -> str:
    """Ask what to do when the shared database cannot be reached at start: "retry", "local" or "quit"."""
    from PySide6.QtWidgets import QMessageBox  # loaded only when something is wrong

    from reportdesk.ui.control.sharing import kept_edits, unreachable_said

    what, todo = unreachable_said(e, kept_edits(journal_folder, e.location))
    box = QMessageBox(QMessageBox.Icon.Warning, "连接不上共享数据库", what)
    box.setInformativeText(f"{todo}\n\n也可以先打开本机的草稿文件填写：{default_path()}")
    retry = box.addButton("重试(&R)", QMessageBox.ButtonRole.AcceptRole)
    local = box.addButton("打开本机草稿(&L)", QMessageBox.ButtonRole.ActionRole)
    box.addButton("退出(&Q)", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    return "retry" if clicked is retry else "local" if clicked is local else "quit"


def _open_failed(path: Path | str, e: StoreError) -> Store | None:
    from PySide6.QtWidgets import QMessageBox  # loaded only when something is wrong

    if not isinstance(e, StoreDamaged):
        QMessageBox.critical(None, "无法打开数据库", str(e))
        return None
    if e.backup is None:
        QMessageBox.critical(None, "数据库已损坏", str(e))
        return None
    answer = QMessageBox.question(
        None,
        "数据库已损坏",
        f"{e}\n\n要用最近的完好备份恢复吗？（损坏的文件会被移到备份文件夹，不会删除）",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        assert isinstance(path, Path)  # only a file is ever found damaged
        restore_backup(path, e.backup, datetime.now().astimezone())
        return Store.open(path)
    except StoreError as again:
        QMessageBox.critical(None, "无法恢复", str(again))
        return None


def build(db: str | None, settings_file: Path) -> tuple[MainWindow, Controller] | None:
    """The window and its controller, wired, with the layout remembered last time."""
    store = open_store(db, settings_file.parent)  # the journal lives beside the settings
    if store is None:
        return None
    form = load_form()
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(form, settings, build_actions)
    controller = Controller(window, store, form, settings)
    controller.journal_folder = settings_file.parent  # edits kept while a shared database is away
    window.connect_controller(controller)
    connect_widgets(window, controller)
    window.restore_layout()
    controller.start()
    if store.read_only:  # a database in a read-only place: browse, print, export — say so all along
        window.statusBar().addPermanentWidget(QLabel("数据库只读，不能修改"))
    for warning in store.warnings:
        window.show_message(warning)
    controller.resend()  # edits kept from last time, if any
    return window, controller


def main(db: str | None = None, screenshots: str | None = None, report: int | None = None) -> int:
    """``reportdesk`` with no command: the main window (or, with ``screenshots``, one PNG per page)."""
    app = make_app()
    if screenshots:
        from reportdesk.ui.screenshots import take_screenshots

        with tempfile.TemporaryDirectory(prefix="reportdesk-shots-") as tmp:
            built = build(db, Path(tmp) / "window.ini")
            if built is None:
                return 2
            window, controller = built
            written = take_screenshots(window, controller, Path(screenshots), report)
        for path in written:
            print(path)
        return 0
    built = build(db, settings_path())
    if built is None:
        return 2
    window, controller = built
    if report is not None:
        try:
            controller.open_report(report)
        except StoreError as e:
            window.show_error(str(e))
    window.show()
    window.raise_()
    window.activateWindow()  # without a window manager (a bare X server) nothing else gives it the keyboard
    code = app.exec()
    controller.store.close()
    return int(code)
