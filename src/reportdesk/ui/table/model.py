"""The one table model: any table of the form (2, 3 or 4), laid out as printed (see grid.py).

Headers, the corner note and row labels are cells of the model (the printed tables have headers
several rows deep, which a QHeaderView cannot show); numbers are editable unless computed. Edits
are handed to the controller through ``commit`` (never stored here); the controller then calls
:meth:`TableModel.refresh`, which emits ``dataChanged``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from reportdesk.form import Form
from reportdesk.ui import theme
from reportdesk.ui.control.session import INCOMPLETE_CODES
from reportdesk.ui.table.grid import Grid, GridCell
from reportdesk.values import CellValue, display

if TYPE_CHECKING:
    from reportdesk.checks import Finding

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
PREVIOUS_ROLE = Qt.ItemDataRole.UserRole + 3
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 4
COMPUTED_ROLE = Qt.ItemDataRole.UserRole + 5

Index = QModelIndex | QPersistentModelIndex
# commit(key, text) → None when accepted, else the reason it was refused (Chinese).
Committer = Callable[[str, str], str | None]

_ALIGN_VALUE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_LABEL = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGN_HEADER = Qt.AlignmentFlag.AlignCenter


class TableModel(QAbstractTableModel):
    """A printed table of the form, showing one report's figures."""

    def __init__(self, form: Form, grid: Grid, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._form = form
        self._grid = grid
        self._cells: Mapping[str, CellValue] = {}
        self._previous: Mapping[str, CellValue] | None = None
        self._findings: dict[str, list[Finding]] = {}
        self._commit: Committer | None = None
        self._unsure: dict[str, str] = {}
        self._header_font = QFont()
        self._header_font.setBold(True)
        self._computed_font = QFont()
        self._computed_font.setBold(True)

    # -- what the controller calls -----------------------------------------------------------

    @property
    def grid(self) -> Grid:
        return self._grid

    @property
    def form(self) -> Form:
        return self._form

    def set_committer(self, commit: Committer) -> None:
        self._commit = commit

    def load(
        self,
        cells: Mapping[str, CellValue],
        previous: Mapping[str, CellValue] | None,
        findings: list[Finding],
    ) -> None:
        """Show another report (everything may change)."""
        self.beginResetModel()
        self._cells, self._previous = cells, previous
        self._findings = self._index(findings)
        self.endResetModel()

    def refresh(self, cells: Mapping[str, CellValue], findings: list[Finding] | None = None) -> None:
        """The same report after an edit: new figures and, when given, new findings."""
        self._cells = cells
        if findings is not None:
            self._findings = self._index(findings)
        if self._grid.row_count:
            top = self.index(0, 0)
            bottom = self.index(self._grid.row_count - 1, self._grid.column_count - 1)
            self.dataChanged.emit(top, bottom)

    def key_at(self, index: Index) -> str | None:
        if not index.isValid():
            return None
        return self._grid.at(index.row(), index.column()).key

    def index_of(self, key: str) -> QModelIndex:
        row, column = self._grid.position(key)
        return self.index(row, column)

    def is_editable(self, index: Index) -> bool:
        key = self.key_at(index)
        return key is not None and not self._form.cells[key].computed

    def findings_at(self, key: str) -> list[Finding]:
        return self._findings.get(key, [])

    def _index(self, findings: list[Finding]) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for f in findings:
            if f.accepted:
                continue
            for key in f.cells:
                out.setdefault(key, []).append(f)
        for fs in out.values():
            fs.sort(key=lambda f: f.level != "error")
        return out

    # -- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._grid.row_count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._grid.column_count

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        cell = self._grid.at(index.row(), index.column())
        if cell.kind != "value" or cell.key is None:
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._form.cells[cell.key].computed:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self._grid.at(index.row(), index.column())
        if cell.kind == "covered":
            return None
        if cell.kind == "value" and cell.key:
            return self._value_data(cell.key, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and cell.kind == "label":
            # A label merged down over many rows is read at its top (it may be scrolled half away).
            span = self._grid.span_at(index.row(), index.column())
            if span is not None and span.rows > 2:
                return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        return self._label_data(cell, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        key = self.key_at(index)
        if (
            role != Qt.ItemDataRole.EditRole
            or key is None
            or not self.is_editable(index)
            or self._commit is None
        ):
            return False
        return self._commit(key, "" if value is None else str(value)) is None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # The printed headers are cells of the grid; the view hides Qt's own header.
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def set_unsure(self, marks: dict[str, str]) -> None:
        """Imported figures to be checked (key → how each was read): tinted until confirmed."""
        changed = set(marks) ^ set(self._unsure)
        self._unsure = dict(marks)
        if changed and self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # -- roles ---------------------------------------------------------------------------------

    def _label_data(self, cell: GridCell, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(theme.LABEL_BG if cell.kind == "label" else theme.HEADER_BG)
        if role == Qt.ItemDataRole.ForegroundRole and cell.kind == "corner":
            return QBrush(theme.MUTED_FG)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_LABEL if cell.kind == "label" else _ALIGN_HEADER
        if role == KIND_ROLE:
            return cell.kind
        return None

    def _value_data(self, key: str, role: int) -> Any:
        computed = self._form.cells[key].computed
        value = self._cells.get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return display(value)
        level = self._level(key)
        if role == Qt.ItemDataRole.BackgroundRole:
            if level == "error":
                return QBrush(theme.ERROR_BG)
            if level == "warning":
                return QBrush(theme.WARNING_BG)
            if key in self._unsure:
                return QBrush(theme.UNSURE_BG)
            return QBrush(theme.COMPUTED_BG) if computed else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if level == "error":
                return QBrush(theme.ERROR_FG)
            return QBrush(theme.COMPUTED_FG) if computed else None
        if role == Qt.ItemDataRole.FontRole:
            return self._computed_font if computed else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_VALUE
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key, computed)
        if role == KEY_ROLE:
            return key
        if role == KIND_ROLE:
            return "value"
        if role == PREVIOUS_ROLE:
            return None if self._previous is None else display(self._previous.get(key))
        if role == LEVEL_ROLE:
            return level
        if role == COMPUTED_ROLE:
            return computed
        return None

    def _level(self, key: str) -> str | None:
        # A blank cell is visibly blank: "not filled yet" is not painted red while typing.
        found = [f for f in self._findings.get(key, ()) if f.code not in INCOMPLETE_CODES]
        return found[0].level if found else None

    def _tooltip(self, key: str, computed: bool) -> str:
        lines = [self._form.cells[key].label]
        if computed:
            lines.append("总计由程序根据各项自动计算，不能直接填写。")
        if key in self._unsure:
            lines.append(
                f"【导入待核对】{self._unsure[key]}。请对照原件：重新输入即确认，或用“编辑 → 确认导入的数字”全部确认。"
            )
        for f in self._findings.get(key, []):
            lines.append(("【错误】" if f.level == "error" else "【提醒】") + f.message)
        if self._previous is not None:
            prev = display(self._previous.get(key))
            lines.append(f"上年：{prev if prev else '（空）'}")
        return "<p style='white-space:pre-wrap'>" + "<br>".join(html.escape(line) for line in lines) + "</p>"
