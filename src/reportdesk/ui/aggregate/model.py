"""The 汇总 page's table: one row per body, its state, whether it is counted, from where, and why."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from reportdesk.ui import theme
from reportdesk.ui.aggregate.survey import (
    DUPLICATE,
    EMPTY,
    ERRORS,
    FINAL,
    MISSING,
    OWN,
    READY,
    UNREADABLE,
    WARNINGS,
    WRONG_YEAR,
    Row,
)

Index = QModelIndex | QPersistentModelIndex
REPORT_ROLE = Qt.ItemDataRole.UserRole + 40  # the store's report id of the row, or None
STATE_ROLE = Qt.ItemDataRole.UserRole + 41
HEADERS = ("机关", "状态", "是否计入", "来源", "说明")
STATE_COLUMN = 1

STATE_COLORS: dict[str, QColor] = {
    UNREADABLE: theme.ERROR_FG,
    WRONG_YEAR: theme.ERROR_FG,
    ERRORS: theme.ERROR_FG,
    EMPTY: theme.MUTED_FG,
    MISSING: theme.ERROR_FG,
    DUPLICATE: theme.WARNING_FG,
    OWN: theme.MUTED_FG,
    WARNINGS: theme.WARNING_FG,
    READY: theme.COMPUTED_FG,
    FINAL: theme.STATE_COLORS["complete"],
}
STATE_MARKS = {
    FINAL: "complete",
    READY: "progress",
    WARNINGS: "warnings",
    DUPLICATE: "warnings",
    EMPTY: "empty",
    OWN: "empty",
}


class AggregateModel(QAbstractTableModel):
    """Read-only rows of a :class:`~reportdesk.ui.aggregate.survey.Survey`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def load(self, rows: list[Row]) -> None:
        """Show these rows instead of the ones before."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        """The body shown in ``row``, or None outside the table."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.body, row.label, row.counted, row.source, row.detail)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = (row.body, row.label, row.counted, row.source, row.detail)[column]
            if row.report_id is not None and column == 0:
                return f"{text}（回车或双击打开这份报告）"
            return text or None
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE_COLUMN:
            return STATE_COLORS.get(row.state)
        if role == Qt.ItemDataRole.DecorationRole and column == STATE_COLUMN:
            return theme.state_icon(STATE_MARKS.get(row.state, "errors"))
        if role == REPORT_ROLE:
            return row.report_id
        if role == STATE_ROLE:
            return row.state
        return None
