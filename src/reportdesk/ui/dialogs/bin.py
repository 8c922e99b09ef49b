"""回收站: the reports moved to the bin, and bringing one back."""

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

from reportdesk.ui.dialogs.body import body_label
from reportdesk.ui.window.fit import fitted_size

ID_ROLE = Qt.ItemDataRole.UserRole


class BinDialog(QDialog):
    """Lists the bin through the controller; 恢复 brings the chosen report back."""

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("回收站")
        self._controller = controller
        layout = QVBoxLayout(self)
        note = QLabel("移到回收站的报告没有真正删除。选中一份后点“恢复”，它就回到开始页该机关的报告中。")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["机关", "年度", "移入回收站的时间", "版本"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName("回收站中的报告")
        self.table.itemActivated.connect(lambda _item: self.restore_selected())
        layout.addWidget(self.table, 1)
        self.empty = QLabel("回收站是空的。")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty, 1)  # the room the table would take, not spread around the note
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("恢复(&R)")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()
        self.resize(fitted_size(self, 720, 420))

    def reload(self) -> None:
        """Show what is in the bin now."""
        entries = self._controller.bin_entries()
        self.table.setRowCount(len(entries))
        for r, (body, info) in enumerate(entries):
            cells = [
                body_label(body),
                f"{info.year} 年",
                (info.deleted or "").replace("T", " ")[:16],
                f"第 {info.rev} 版" + ("，已定稿" if info.finals else ""),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 0:
                    item.setData(ID_ROLE, info.id)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        has = bool(entries)
        self.table.setVisible(has)
        self.empty.setVisible(not has)
        self.restore_button.setEnabled(has)
        if has:
            self.table.selectRow(0)
            self.table.setFocus()

    def selected_id(self) -> int | None:
        """The id of the report on the current row."""
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return int(item.data(ID_ROLE)) if item is not None else None

    def restore_selected(self) -> None:
        """Bring the chosen report back, then list what is left in the bin."""
        report_id = self.selected_id()
        if report_id is not None and self._controller.undelete_report(report_id):
            self.reload()
