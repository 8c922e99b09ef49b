"""Menus, the tool bar and the keyboard shortcuts of the main window (everything works by keyboard)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QToolBar

from reportdesk.form import Form
from reportdesk.ui.aggregate.actions import AGGREGATE
from reportdesk.ui.window.app_events import redo_shortcuts
from reportdesk.ui.window.side_list import START

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from reportdesk.ui.window.main_window import MainWindow

SHORTCUTS = [
    ("Ctrl+0", "开始页（机关与报告）"),
    ("Ctrl+1 … Ctrl+6", "转到第一至第六部分"),
    ("Ctrl+PgDown / Ctrl+PgUp", "下一节 / 上一节"),
    ("F8", "转到下一个待处理的问题"),
    ("F9", "显示或隐藏检查结果"),
    ("F6", "在章节列表、页面和检查结果之间切换焦点"),
    ("Ctrl+Z / Ctrl+Y", "撤销 / 重做（整份报告）"),
    ("Ctrl+H", "修改历史（可恢复到任一版本）"),
    ("Ctrl+G", "生成 Word 文档"),
    ("Ctrl+Shift+G", "生成网页（在政府网站发布）"),
    ("Ctrl+T", "汇总本级政府报告（各机关报告的状态与表格合计）"),
    (
        "表格中",
        "直接输入数字覆盖；Tab 向右，回车向下（连按 Tab 后回到开始的那一列）；Home / End 到本行第一 / 最后一个可填的格；Delete 清空；F2 修改；Ctrl+V 粘贴整块",
    ),
]


def build_actions(window: MainWindow, form: Form) -> dict[str, QAction]:
    """Create the menus and the tool bar; returns the actions by name."""
    acts: dict[str, QAction] = {}

    def act(name: str, text: str, shortcut: str | QKeySequence.StandardKey | None, slot: object) -> QAction:
        a = QAction(text, window)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        window.addAction(a)
        acts[name] = a
        return a

    c = lambda: window.controller  # noqa: E731 - the controller is connected after the actions exist

    act("start", "开始页(&S)", "Ctrl+0", lambda: c().go(START))
    act("import", "导入报告(&I)…", "Ctrl+I", lambda: _import(window))
    act("paste_import", "粘贴导入报告(&V)…", "Ctrl+Shift+V", lambda: _paste_import(window))
    act("confirm_import", "确认导入的数字(&K)", None, lambda: c().confirm_unsure()).setEnabled(False)
    act("export", "导出报告交换文件(&E)…", "Ctrl+E", lambda: _export(window))
    act("generate", "生成 Word(&G)…", "Ctrl+G", lambda: _generate(window))
    act("publish", "生成网页(&W)…", "Ctrl+Shift+G", lambda: _publish(window))
    act("aggregate", "汇总本级政府报告(&A)…", "Ctrl+T", lambda: c().go(AGGREGATE))
    act("backup", "备份到文件(&B)…", None, lambda: _backup(window))
    act("restore_backup", "从备份恢复(&R)…", None, lambda: _restore_backup(window))
    act("bin", "回收站(&T)…", None, lambda: _bin(window))
    act("connect", "连接共享数据库(&D)…", None, lambda: _connect(window))
    act("quit", "退出(&Q)", QKeySequence.StandardKey.Quit, window.close)
    act("undo", "撤销(&U)", QKeySequence.StandardKey.Undo, lambda: window.undo())
    act("redo", "重做(&R)", None, lambda: window.undo(redo=True)).setShortcuts(redo_shortcuts())
    act("history", "修改历史(&H)…", "Ctrl+H", lambda: _history(window))
    act("finalize", "记为定稿(&F)…", None, lambda: _finalize(window))
    act("next", "下一节(&N)", "Ctrl+PgDown", lambda: c().step(1))
    act("previous", "上一节(&P)", "Ctrl+PgUp", lambda: c().step(-1))
    act("next_finding", "下一个问题(&X)", "F8", lambda: c().next_finding())
    act("findings", "检查结果(&C)", "F9", lambda: _toggle_findings(window))
    act("focus", "切换焦点：章节 / 页面 / 检查结果", "F6", window.cycle_focus)
    act("shortcuts", "快捷键(&K)", "F1", lambda: _shortcuts(window))
    for i, section in enumerate(form.sections, start=1):
        act(f"section{i}", section.heading, f"Ctrl+{i}", lambda _=False, k=section.key: c().go(k))

    bar = window.menuBar()
    file_menu = bar.addMenu("文件(&F)")
    for name in (
        "start",
        "import",
        "paste_import",
        "export",
        None,
        "generate",
        "publish",
        "aggregate",
        None,
        "backup",
        "restore_backup",
        "bin",
        None,
        "connect",
        None,
        "quit",
    ):
        file_menu.addSeparator() if name is None else file_menu.addAction(acts[name])
    edit_menu = bar.addMenu("编辑(&E)")
    for name in ("undo", "redo", None, "history", "finalize", "confirm_import"):
        edit_menu.addSeparator() if name is None else edit_menu.addAction(acts[name])
    go_menu = bar.addMenu("转到(&G)")
    for name in (
        "previous",
        "next",
        "next_finding",
        None,
        *(f"section{i}" for i in range(1, len(form.sections) + 1)),
    ):
        go_menu.addSeparator() if name is None else go_menu.addAction(acts[name])
    view_menu = bar.addMenu("查看(&V)")
    view_menu.addAction(acts["findings"])
    view_menu.addAction(acts["focus"])
    help_menu = bar.addMenu("帮助(&H)")
    help_menu.addAction(acts["shortcuts"])

    tools = QToolBar("工具栏", window)
    tools.setObjectName("tools")
    tools.setMovable(False)
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name in (
        "start",
        None,
        "undo",
        "redo",
        "history",
        None,
        "next_finding",
        "findings",
        None,
        "generate",
        "publish",
    ):
        tools.addSeparator() if name is None else tools.addAction(acts[name])
    window.addToolBar(tools)
    return acts


def _connect(window: MainWindow) -> None:
    from reportdesk.store.server import display_url
    from reportdesk.ui.dialogs.connect import ConnectDialog, offer_copy

    dialog = ConnectDialog(window, str(window.settings.value("shared/url") or ""))
    window.connect_dialog = dialog
    if dialog.exec() != ConnectDialog.DialogCode.Accepted:
        return
    url = dialog.url()
    if window.controller.connect_shared(url, lambda desk, shared: offer_copy(window, desk, shared)):
        window.settings.setValue("shared/url", display_url(url))  # never the password


def _toggle_findings(window: MainWindow) -> None:
    window.dock.set_wanted(not window.dock.isVisible())


def _import(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog  # dialogs' classes are loaded when first used

    from reportdesk.ui.control.importing import file_filter

    path, _ = QFileDialog.getOpenFileName(window, "导入报告", "", file_filter())
    if path:
        window.controller.import_file(path)


def _paste_import(window: MainWindow) -> None:
    """A whole report copied from a browser, Word or WPS: its HTML and its text, as the clipboard holds them."""
    mime = QGuiApplication.clipboard().mimeData()
    html = mime.html() if mime is not None and mime.hasHtml() else None
    text = mime.text() if mime is not None and mime.hasText() else None
    window.open_import_dialog(("clipboard", html, text))


def _export(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog

    s = window.session
    if s is None:
        return
    name = f"{s.report.agency.full_name}{s.report.year}年政府信息公开工作年度报告.json"
    path, _ = QFileDialog.getSaveFileName(window, "导出报告交换文件", name, "报告交换文件 (*.json)")
    if path:
        window.controller.export_json(path)


def _history(window: MainWindow) -> None:
    from reportdesk.ui.dialogs.history import HistoryDialog

    if window.session is not None:
        # open(), not exec(): window-modal without a nested event loop (the window keeps painting).
        window.history_dialog = HistoryDialog(window.controller, window.form, window)
        window.history_dialog.open()


def _generate(window: MainWindow) -> None:
    from reportdesk.ui.dialogs.generate import GenerateDialog

    if window.session is not None:
        window.generate_dialog = GenerateDialog(window.controller, window.form, window)
        window.generate_dialog.open()


def _publish(window: MainWindow) -> None:
    from reportdesk.ui.dialogs.publish import PublishDialog

    if window.session is not None:
        window.publish_dialog = PublishDialog(window.controller, window.form, window)
        window.publish_dialog.open()


def _finalize(window: MainWindow) -> None:
    from PySide6.QtWidgets import QInputDialog

    name, ok = QInputDialog.getText(window, "记为定稿", "定稿名称（如“报送稿”“公开稿”）：", text="报送稿")
    if ok and name.strip():
        window.controller.finalize(name)


def _backup(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog

    from reportdesk.ui.control.database import backup_name
    from reportdesk.ui.control.generation import default_folder

    path, _ = QFileDialog.getSaveFileName(
        window, "备份整个数据库", str(default_folder() / backup_name()), "数据库备份 (*.db);;所有文件 (*)"
    )
    if path:
        window.controller.backup_to(path)


def _restore_backup(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(
        window, "选择要恢复的备份", str(window.controller.backups_folder()), "数据库备份 (*.db);;所有文件 (*)"
    )
    if path:
        window.controller.restore_from(path)


def _bin(window: MainWindow) -> None:
    from reportdesk.ui.dialogs.bin import BinDialog

    window.bin_dialog = BinDialog(window.controller, window)
    window.bin_dialog.open()


def shortcuts_box(window: MainWindow) -> QMessageBox:
    """F1: the keys, as a table."""
    from PySide6.QtWidgets import QMessageBox

    rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in SHORTCUTS)
    return QMessageBox(
        QMessageBox.Icon.Information,
        "快捷键",
        f"<table>{rows}</table>",
        QMessageBox.StandardButton.Ok,
        window,
    )


def _shortcuts(window: MainWindow) -> None:
    shortcuts_box(window).exec()
