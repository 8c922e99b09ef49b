"""What the 生成 Word and 生成网页 dialogs share: the status line under the form, the row of buttons
(open what was written, its folder, 生成, 关闭) and the outcome said once a document is written."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QBoxLayout, QDialog, QHBoxLayout, QLabel, QPushButton

from reportdesk.ui.control import generation


def add_status(layout: QBoxLayout) -> QLabel:
    """The line that says what is going on and what was written (selectable: paths are copied)."""
    status = QLabel()
    status.setWordWrap(True)
    status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    layout.addWidget(status)
    return status


class OutcomeButtons:
    """打开 (hidden until something is written), 打开所在文件夹, 生成 (default) and 关闭, in one row."""

    def __init__(
        self, dialog: QDialog, open_label: str, written: Callable[[], Path], start: Callable[[], None]
    ) -> None:
        self.row = QHBoxLayout()
        self.open_file = QPushButton(open_label)
        self.open_folder = QPushButton("打开所在文件夹(&D)")
        self.open_file.clicked.connect(lambda: open_path(written()))
        self.open_folder.clicked.connect(lambda: open_path(written().parent))
        for b in (self.open_file, self.open_folder):
            b.hide()
            self.row.addWidget(b)
        self.row.addStretch(1)
        self.go = QPushButton("生成(&G)")
        self.go.setDefault(True)
        self.go.clicked.connect(start)
        close = QPushButton("关闭")
        close.clicked.connect(dialog.reject)
        self.row.addWidget(self.go)
        self.row.addWidget(close)

    def show_outcome(self, status: QLabel, result: generation.Result) -> None:
        """Say which files were written and any problem; offer to open them only if there are some."""
        lines = [f"已生成：{html.escape(str(p))}" for p in result.written]
        if result.problem:
            lines.append(f"<span style='color:#a4262c'>{html.escape(result.problem)}</span>")
        status.setText("<br>".join(lines))
        for b in (self.open_file, self.open_folder):
            b.setVisible(bool(result.written))


def open_path(path: Path) -> None:
    """Open a file or folder with the desktop's program for it."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
