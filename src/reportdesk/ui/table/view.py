"""The table view: the printed layout (spans, wrapped labels, frozen header rows) and spreadsheet keys.

Keys (where they lead: table/moves.py): typing overwrites the cell, F2 or a double click edits it;
Enter moves down — back to the column where a run of Tabs began —, Tab right, Shift+Tab left (to
the next cell that can be typed into); arrows move between numbers; Home/End to the first/last
figure of the row (Ctrl: of the table); Delete clears the selected cells; Ctrl+C copies, Ctrl+V
pastes a tab-separated block from Excel or WPS. A figure typed where none can go (a total, a
label) is not lost silently: a note under the cell says why.
The view only reports what the officer did (signals); the controller decides what it means.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QTableView,
    QWidget,
)

from reportdesk.ui import theme
from reportdesk.ui.table import moves
from reportdesk.ui.table.delegate import PREVIOUS_SCALE, CellDelegate, CellEditor
from reportdesk.ui.table.grid import Grid
from reportdesk.ui.table.model import TableModel
from reportdesk.ui.table.sizes import Spans, column_widths, row_heights

_Action = QAbstractItemView.CursorAction
_MOVES = {
    _Action.MoveUp: (-1, 0, False),
    _Action.MoveDown: (1, 0, False),
    _Action.MoveLeft: (0, -1, False),
    _Action.MoveRight: (0, 1, False),
    _Action.MoveNext: (0, 1, True),
    _Action.MovePrevious: (0, -1, True),
}
_TABS = (_Action.MoveNext, _Action.MovePrevious)
_DIRECTIONS = {"down": (1, 0), "up": (-1, 0), "right": (0, 1), "left": (0, -1)}
TOTAL_NOTE = "“{label}”是总计，由程序根据各项自动计算，不能直接填写。请改它上面或左边的各项数字。"
LABEL_NOTE = "这里是表格的标题，不能填写。请用方向键或鼠标选中数字格再输入。"


def _setup(view: QTableView, model: TableModel) -> None:
    """What the main view and its frozen header share: the printed look."""
    view.setModel(model)
    view.horizontalHeader().hide()
    view.verticalHeader().hide()
    view.setWordWrap(True)
    view.setShowGrid(True)
    view.setCornerButtonEnabled(False)
    view.setStyleSheet(
        "QTableView { gridline-color: #c8ced6; selection-background-color: #cfe3fa; selection-color: black; }"
    )
    for s in model.grid.spans:
        view.setSpan(s.row, s.column, s.rows, s.columns)


class FrozenHeader(QTableView):
    """The header rows of the table drawn again on top, so they stay in sight while scrolling."""

    def __init__(self, main: TableView, model: TableModel) -> None:
        super().__init__(main)
        _setup(self, model)
        # Headers wrapped the same way as below; the Python reference keeps its overrides alive.
        self._delegate = CellDelegate(main)
        self.setItemDelegate(self._delegate)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for r in range(model.grid.header_rows, model.grid.row_count):
            self.setRowHidden(r, True)
        main.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)


class TableView(QTableView):
    """A printed table of the form, edited like a spreadsheet."""

    paste_requested = Signal(int, int, str)  # row, column, clipboard text
    clear_requested = Signal(list)  # keys
    copy_requested = Signal(list)  # keys
    editing_finished = Signal()
    dismissed = Signal()  # Esc outside an editor
    notice = Signal(str)  # something the officer should read above the table

    def __init__(self, model: TableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._grid: Grid = model.grid
        self._frozen: FrozenHeader | None = None
        self.committer = None  # set by the page: commit(key, text) -> reason | None
        self._anchor: int | None = None  # the column where a run of Tabs began
        self._moving = ""  # "tab" while the cursor moves by Tab (the run goes on)
        self._refusal = QLabel(self.viewport())
        self._refusal.setWordWrap(True)
        self._refusal.setStyleSheet(
            "QLabel { background: #fff4f4; color: #a4262c; border: 1px solid #d13438; border-radius: 3px;"
            " padding: 4px 6px; }"
        )
        self._refusal.hide()
        _setup(self, model)
        self._delegate = CellDelegate(self)
        self.setItemDelegate(self._delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(True)
        self._frozen = FrozenHeader(self, model) if self._grid.header_rows else None
        self._fit()
        self._select_first()
        # Another report loaded: the cursor starts again on the first cell (typing needs one).
        model.modelReset.connect(self._select_first)

    # -- what the page and the controller use ---------------------------------------------------

    @property
    def delegate(self) -> CellDelegate:
        return self._delegate

    def set_show_previous(self, on: bool) -> None:
        self._delegate.show_previous = on
        self._fit()  # rows of figures grow a line for last year's
        self.viewport().update()

    def commit_text(self, key: str, text: str) -> str | None:
        """Hand a typed value to the controller; returns the reason when it is refused."""
        return self.committer(key, text) if self.committer else None

    def go_to(self, key: str) -> None:
        index = self._model.index_of(key)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus()

    def current_key(self) -> str | None:
        return self._model.key_at(self.currentIndex())

    def selected_keys(self) -> list[str]:
        keys = [self._model.key_at(i) for i in self.selectionModel().selectedIndexes()]
        out = [k for k in keys if k]
        if not out and self.current_key():
            out = [self.current_key() or ""]
        return out

    def paste_block(self, text: str) -> None:
        index = self.currentIndex()
        self.paste_requested.emit(index.row(), index.column(), text)

    def show_refusal(self, editor: CellEditor, reason: str | None) -> None:
        """The reason a typed value is refused, in a box just under the cell."""
        self._note(editor.geometry(), reason)

    def _note(self, cell: QRect, reason: str | None) -> None:
        if not reason:
            self._refusal.hide()
            return
        self._refusal.setText(reason)
        width = max(cell.width(), 260)
        self._refusal.setFixedWidth(width)
        self._refusal.adjustSize()
        pos = cell.bottomLeft() + QPoint(0, 2)
        if pos.y() + self._refusal.height() > self.viewport().height():
            pos = cell.topLeft() - QPoint(0, self._refusal.height() + 2)
        pos.setX(min(pos.x(), max(0, self.viewport().width() - width)))
        self._refusal.move(pos)
        self._refusal.show()
        self._refusal.raise_()

    def refusal_text(self) -> str | None:
        return self._refusal.text() if self._refusal.isVisible() else None

    def edit_finished(self) -> None:
        self.editing_finished.emit()

    def move_after_edit(self, direction: str) -> None:
        """Where the cursor goes when a key closes the cell editor ("enter", "down", "right", …)."""
        if direction == "enter":
            self._enter()
            return
        drow, dcol = _DIRECTIONS[direction]
        self._moving = "tab" if direction in ("right", "left") else ""
        self._move(drow, dcol, editable_only=direction in ("down", "right", "left"))

    # -- navigation ----------------------------------------------------------------------------

    def _select_first(self) -> None:
        for r in self._grid.value_rows():
            for c, _key in self._grid.row_values(r):
                index = self._model.index(r, c)
                if self._model.is_editable(index):
                    self.selectionModel().setCurrentIndex(
                        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    )
                    return

    def _editable(self, row: int, column: int) -> bool:
        return self._model.is_editable(self._model.index(row, column))

    def _here(self) -> tuple[int, int]:
        index = self.currentIndex()
        return (index.row(), index.column())

    def _go(self, cell: tuple[int, int] | None) -> None:
        if cell is not None:
            target = self._model.index(*cell)
            self.setCurrentIndex(target)
            self.scrollTo(target)

    def _move(self, drow: int, dcol: int, editable_only: bool) -> None:
        if self.currentIndex().isValid():
            self._go(moves.neighbour(self._grid, self._here(), drow, dcol, editable_only, self._editable))

    def _enter(self, up: bool = False) -> None:
        """Enter: down, to the column a run of Tabs began in; Shift+Enter: up."""
        if not self.currentIndex().isValid():
            return
        if up:
            self._go(moves.neighbour(self._grid, self._here(), -1, 0, True, self._editable))
        else:
            self._go(moves.enter_down(self._grid, self._here(), self._anchor, self._editable))

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        here = self.currentIndex()
        cell: tuple[int, int] | None = None
        if action in (_Action.MoveHome, _Action.MoveEnd):
            last = action == _Action.MoveEnd
            if modifiers & Qt.KeyboardModifier.ControlModifier or not here.isValid():
                cell = moves.table_end(self._grid, last, self._editable)
            else:
                cell = moves.row_end(self._grid, here.row(), last, self._editable)
        elif action in _MOVES and here.isValid():
            drow, dcol, editable = _MOVES[action]
            cell = moves.neighbour(self._grid, self._here(), drow, dcol, editable, self._editable)
            self._moving = "tab" if action in _TABS else ""
        else:
            target = super().moveCursor(action, modifiers)  # page up/down: then onto a figure
            if target.isValid() and self._grid.at(target.row(), target.column()).kind != "value":
                cell = moves.at_column(self._grid, target.row(), here.column())
                target = self._model.index(*cell) if cell is not None else here
            return target
        if cell is None or cell == (here.row(), here.column()):
            self._moving = ""  # nowhere to go: the next move is not part of a run of Tabs
        return self._model.index(*cell) if cell is not None else here

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        if self._moving == "tab":
            if self._anchor is None and previous.isValid():
                self._anchor = previous.column()
        else:
            self._anchor = None  # any other move ends a run of Tabs
        self._moving = ""
        self._refusal.hide()

    def scrollTo(
        self,
        index: QModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        super().scrollTo(index, hint)
        if self._frozen is None or not index.isValid() or index.row() < self._grid.header_rows:
            return
        covered = self._frozen.height()
        top = self.visualRect(index).top()
        if top < covered:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - (covered - top))

    # -- keys ----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_block(QApplication.clipboard().text())
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit(self.selected_keys())
            return
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != self.State.EditingState
        ):
            self.clear_requested.emit(self.selected_keys())
            return
        if event.key() == Qt.Key.Key_Escape and self.state() != self.State.EditingState:
            self.dismissed.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self._enter(up=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return
        if self._typed_where_none_goes(event):
            return
        super().keyPressEvent(event)

    def _typed_where_none_goes(self, event: QKeyEvent) -> bool:
        """A figure typed onto a total or a label: say why nothing was entered (never lose it silently)."""
        text = event.text()
        if self.state() == self.State.EditingState or not text or not text.isprintable() or text.isspace():
            return False
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        index = self.currentIndex()
        if self._model.is_editable(index):
            return False
        key = self._model.key_at(index)
        cell = self._model.form.cells.get(key) if key else None
        note = TOTAL_NOTE.format(label=cell.label) if cell is not None else LABEL_NOTE
        self._note(self.visualRect(index), note)
        return True

    # -- layout --------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Column widths from the available width, row heights from the wrapped labels."""
        spans = Spans(self.rowSpan, self.columnSpan)
        fm = QFontMetrics(self.font())
        widths = column_widths(self._grid, fm, self.viewport().width(), spans)
        for c, w in enumerate(widths):
            self.setColumnWidth(c, w)
        extra = 0
        if self._delegate.show_previous:
            extra = QFontMetrics(theme.scaled(self.font(), PREVIOUS_SCALE)).height()
        heights = row_heights(self._grid, widths, fm, spans, extra)
        for r, h in enumerate(heights):
            self.setRowHeight(r, h)
        if self._frozen is not None:
            g = self._grid
            for c, w in enumerate(widths):
                self._frozen.setColumnWidth(c, w)
            for r in range(g.header_rows):
                self._frozen.setRowHeight(r, heights[r])
            frame = self.frameWidth()
            self._frozen.setGeometry(frame, frame, self.viewport().width(), sum(heights[: g.header_rows]) + 1)
            self._frozen.horizontalScrollBar().setValue(self.horizontalScrollBar().value())
