"""The history of the report: every saved revision, newest first, in words; restore any of them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reportdesk.form import Form
from reportdesk.store.models import Revision
from reportdesk.ui.control.history_words import bursts, details, in_words
from reportdesk.ui.window.fit import fitted_size


class HistoryDialog(QDialog):
    def __init__(self, controller: Any, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("修改历史")
        self._controller = controller
        self._revisions: list[Revision] = bursts(controller.history(), form)
        layout = QVBoxLayout(self)
        note = QLabel(
            "每一次修改都已保存。选中一个版本后点“恢复到此版本”，报告就回到那时的样子；"
            "恢复本身也记入历史，之后仍可恢复回来。连续输入同一处的多次保存合并为一行。"
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        authors = any(rev.author for rev in self._revisions)
        headers = ["版本", "时间", "改动", *(["修改人"] if authors else [])]
        self.table = QTableWidget(len(self._revisions), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        for r, rev in enumerate(self._revisions):
            cells = [f"第 {rev.rev} 版", rev.time.replace("T", " ")[:19], in_words(rev, form)]
            if authors:
                cells.append(rev.author)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{text}\n\n{details(rev.changes, form)}" if c == 2 else text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, rev.rev)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if self._revisions:
            self.table.selectRow(min(1, len(self._revisions) - 1))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("恢复到此版本(&R)")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(fitted_size(self, 880, 520))

    def words(self, row: int) -> str:
        """What the revision on ``row`` did, as the table shows it."""
        return self.table.item(row, 2).text()

    def selected_rev(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _restore(self) -> None:
        rev = self.selected_rev()
        if rev is not None:
            self._controller.restore(rev)
            self.accept()
