"""The table view: the printed layout (spans, wrapped labels, frozen header rows) and spreadsheet keys.

Keys: typing overwrites the cell, F2 or a double click edits it; Enter moves down, Tab right,
Shift+Tab left (to the next cell that can be typed into); arrows move between numbers; Delete
clears the selected cells; Ctrl+C copies, Ctrl+V pastes a tab-separated block from Excel or WPS.
The view only reports what the officer did (signals); the controller decides what it means.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QTableView,
    QWidget,
)

from reportdesk.ui.table.delegate import CellDelegate, CellEditor
from reportdesk.ui.table.grid import Grid
from reportdesk.ui.table.model import TableModel
from reportdesk.ui.table.sizes import Spans, column_widths, row_heights

_MOVES = {
    QAbstractItemView.CursorAction.MoveUp: (-1, 0, False),
    QAbstractItemView.CursorAction.MoveDown: (1, 0, False),
    QAbstractItemView.CursorAction.MoveLeft: (0, -1, False),
    QAbstractItemView.CursorAction.MoveRight: (0, 1, False),
    QAbstractItemView.CursorAction.MoveNext: (0, 1, True),
    QAbstractItemView.CursorAction.MovePrevious: (0, -1, True),
}
_DIRECTIONS = {"down": (1, 0), "up": (-1, 0), "right": (0, 1), "left": (0, -1)}


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
        self._refusal = QLabel(self.viewport())
        self._refusal.setWordWrap(True)
        self._refusal.setStyleSheet(
            "QLabel { background: #fff4f4; color: #a4262c; border: 1px solid #d13438; border-radius: 3px;"
            " padding: 4px 6px; }"
        )
        self._refusal.hide()
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
        if not reason:
            self._refusal.hide()
            return
        self._refusal.setText(reason)
        width = max(editor.width(), 260)
        self._refusal.setFixedWidth(width)
        self._refusal.adjustSize()
        pos = editor.geometry().bottomLeft() + QPoint(0, 2)
        if pos.y() + self._refusal.height() > self.viewport().height():
            pos = editor.geometry().topLeft() - QPoint(0, self._refusal.height() + 2)
        pos.setX(min(pos.x(), max(0, self.viewport().width() - width)))
        self._refusal.move(pos)
        self._refusal.show()
        self._refusal.raise_()

    def refusal_text(self) -> str | None:
        return self._refusal.text() if self._refusal.isVisible() else None

    def edit_finished(self) -> None:
        self.editing_finished.emit()

    def move_after_edit(self, direction: str) -> None:
        drow, dcol = _DIRECTIONS[direction]
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

    def _move(self, drow: int, dcol: int, editable_only: bool) -> None:
        target = self._neighbour(self.currentIndex(), drow, dcol, editable_only)
        if target.isValid():
            self.setCurrentIndex(target)
            self.scrollTo(target)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        if action in _MOVES:
            drow, dcol, editable = _MOVES[action]
            target = self._neighbour(self.currentIndex(), drow, dcol, editable)
            return target if target.isValid() else self.currentIndex()
        return super().moveCursor(action, modifiers)

    def _neighbour(self, current: QModelIndex, drow: int, dcol: int, editable_only: bool) -> QModelIndex:
        """The next number from ``current`` in a direction (Tab wraps to the next row)."""
        g, m = self._grid, self._model
        rows = g.value_rows()
        if not current.isValid() or not rows:
            return QModelIndex()
        row, col = current.row(), current.column()

        def ok(r: int, c: int) -> bool:
            return not editable_only or m.is_editable(m.index(r, c))

        if dcol:
            order = [(r, c) for r in rows for c, _ in g.row_values(r)]
            here = next((i for i, (r, c) in enumerate(order) if (r, c) == (row, col)), None)
            if here is None:
                return QModelIndex()
            i = here + dcol
            while 0 <= i < len(order):
                r, c = order[i]
                if r != row and not editable_only:
                    return QModelIndex()  # arrows stop at the end of the row; Tab wraps
                if ok(r, c):
                    return m.index(r, c)
                i += dcol
            return QModelIndex()
        candidates = [r for r in rows if (r > row if drow > 0 else r < row)]
        if drow < 0:
            candidates.reverse()
        for r in candidates:
            cells = g.row_values(r)
            covering = [c for c, _ in cells if c <= col < c + self.columnSpan(r, c)]
            c = covering[0] if covering else min((c for c, _ in cells), key=lambda x: abs(x - col))
            if ok(r, c):
                return m.index(r, c)
        return QModelIndex()

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
            self._move(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1, 0, True)
            return
        super().keyPressEvent(event)

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
        heights = row_heights(self._grid, widths, fm, spans)
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
