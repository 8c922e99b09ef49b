"""Editing one number: typed values are saved as they are typed, refused in place with the reason.

Every keystroke that leaves a valid value in the editor goes to the controller at once (so totals
and findings follow the typing and a crash loses at most that keystroke). Text that is not a
valid value stays in the editor, marked, with the reason shown under the cell; it is never saved.
Enter/Tab/arrows/Escape behave as in a spreadsheet; the view decides where to go next.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reportdesk.ui import theme
from reportdesk.ui.table.model import KIND_ROLE, PREVIOUS_ROLE, TableModel

Index = QModelIndex | QPersistentModelIndex
REFUSED_STYLE = "QLineEdit { border: 2px solid #d13438; background: #fff5f5; }"
EDITOR_STYLE = "QLineEdit { border: 2px solid #2b7cd3; }"
HEADER_PADDING = 10  # what the style leaves around a cell's text, both sides together
CELL_PAD = 4
PREVIOUS_SCALE = 0.78  # last year's figure, in a smaller font


class CellEditor(QLineEdit):
    """The line editor of a cell; remembers the value it started from (Escape restores it)."""

    def __init__(self, parent: QWidget, index: Index, original: str) -> None:
        super().__init__(parent)
        self.index = QPersistentModelIndex(index)
        self.original = original
        self.refusal: str | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setStyleSheet(EDITOR_STYLE)
        self.setFrame(False)


def balanced(text: str, width: int, em: int, separator: str = "\u2028") -> str:
    """Headers wrapped into lines of equal length (商业/企业, not 商业企/业).

    The style draws item text ignoring "\n"; a LINE SEPARATOR (U+2028) does break the line.
    """
    per_line = max(1, width // max(em, 1))
    if len(text) <= per_line:
        return text
    lines = math.ceil(len(text) / per_line)
    size = math.ceil(len(text) / lines)
    return separator.join(text[i : i + size] for i in range(0, len(text), size))


class EditHost(Protocol):
    """What the delegate asks of its table view (the view decides what keys and values mean)."""

    notice: Any  # Signal(str): a message for above the table

    def commit_text(self, key: str, text: str) -> str | None: ...

    def show_refusal(self, editor: CellEditor, reason: str | None) -> None: ...

    def paste_block(self, text: str) -> None: ...

    def move_after_edit(self, direction: str) -> None: ...

    def edit_finished(self) -> None: ...


def previous_placement(
    cell: QRect, small: QFontMetrics, normal: QFontMetrics, previous: str, value: str
) -> tuple[QRect, str, QRect]:
    """Where last year's figure goes (its rect and its words) and where this year's value goes:
    "上年 1234" on the first line, shortened to "1234" or elided where the cell is narrow; the value
    on the line below it."""
    inner = cell.adjusted(CELL_PAD, 1, -CELL_PAD, -1)
    shown = f"上年 {previous or '空'}"
    if small.horizontalAdvance(shown) > inner.width():
        shown = previous or "空"
    shown = small.elidedText(shown, Qt.TextElideMode.ElideRight, max(inner.width(), 0))
    top = QRect(inner.left(), inner.top(), inner.width(), small.height())
    value_rect = QRect(inner.left(), top.bottom() + 1, inner.width(), max(inner.bottom() - top.bottom(), 0))
    return top, shown, value_rect


class CellDelegate(QStyledItemDelegate):
    def __init__(self, view: EditHost) -> None:
        super().__init__(view)
        self._view = view
        self.show_previous = False

    # -- editor lifecycle ----------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = CellEditor(parent, index, str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.textEdited.connect(lambda text, e=editor: self._typed(e, text))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        # Called again when the model changes under an open editor: keep what is being typed, and
        # its undo history (setText would wipe it, and Ctrl+Y after Ctrl+Z would find nothing).
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, CellEditor) and (editor.isModified() or editor.text() == text):
            return
        if isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        # Values were saved while typing; a refused text is never written. Leaving the cell (a
        # click elsewhere) with refused text puts back what the cell held before: never a prefix
        # of what was typed ("5" of "5x").
        if not isinstance(editor, CellEditor) or not editor.isModified():
            return
        if editor.refusal is None:
            self._commit(editor, editor.text())
            return
        typed, reason = editor.text(), editor.refusal
        editor.refusal = None
        self._commit(editor, editor.original)
        editor.setModified(False)
        self._view.notice.emit(f"没有填入“{typed}”：{reason}。这一格恢复为原来的值。")

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        editor.setGeometry(option.rect)

    def _typed(self, editor: CellEditor, text: str) -> None:
        self._commit(editor, text)

    def _commit(self, editor: CellEditor, text: str) -> None:
        model = editor.index.model()
        if not isinstance(model, TableModel) or not editor.index.isValid():
            return
        key = model.key_at(editor.index)
        reason = self._view.commit_text(key, text) if key else None
        editor.refusal = reason
        editor.setStyleSheet(REFUSED_STYLE if reason else EDITOR_STYLE)
        self._view.show_refusal(editor, reason)

    # -- keys inside the editor ----------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(obj, CellEditor) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._editor_key(obj, event):
                return True
        return super().eventFilter(obj, event)

    def _editor_key(self, editor: CellEditor, event: QKeyEvent) -> bool:
        key = event.key()
        moves = {
            Qt.Key.Key_Return: "enter",
            Qt.Key.Key_Enter: "enter",
            Qt.Key.Key_Tab: "right",
            Qt.Key.Key_Backtab: "left",
            Qt.Key.Key_Down: "down",
            Qt.Key.Key_Up: "up",
        }
        if event.matches(QKeySequence.StandardKey.Paste):
            text = QApplication.clipboard().text()
            if "\t" in text or "\n" in text.rstrip("\r\n"):
                self._finish(editor, revert=True)
                self._view.paste_block(text)
                return True
            return False
        if key == Qt.Key.Key_Escape:
            self._finish(editor, revert=True)
            return True
        if key == Qt.Key.Key_Return and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            moves[Qt.Key.Key_Return] = "up"
        if key in moves:
            if editor.refusal is not None:
                self._view.show_refusal(editor, editor.refusal)
                return True  # stays open until the value is corrected or Escape
            self._finish(editor, revert=False)
            self._view.move_after_edit(moves[key])
            return True
        return False

    def _finish(self, editor: CellEditor, revert: bool) -> None:
        if revert and editor.text() != editor.original:
            editor.refusal = None
            self._commit(editor, editor.original)
            editor.setModified(False)
        self._view.show_refusal(editor, None)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
        self._view.edit_finished()

    # -- painting ------------------------------------------------------------------------------

    def _paint_with_previous(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index, previous: str
    ) -> None:
        """Last year's figure small and grey on the cell's first line, this year's on its last: in a
        narrow cell the two never run into each other (the row is made taller for it)."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        small = theme.scaled(option.font, PREVIOUS_SCALE)
        where, shown, _value = previous_placement(
            opt.rect, QFontMetrics(small), opt.fontMetrics, previous, opt.text
        )
        opt.displayAlignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setFont(small)
        painter.setPen(theme.PREVIOUS_FG)
        painter.drawText(where, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, shown)
        painter.restore()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.data(KIND_ROLE) == "header":
            # PySide hands initStyleOption a copy, so headers are laid out here.
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = balanced(
                opt.text, opt.rect.width() - HEADER_PADDING, opt.fontMetrics.horizontalAdvance("汉")
            )
            style = opt.widget.style() if opt.widget is not None else QApplication.style()
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
            return
        previous = index.data(PREVIOUS_ROLE) if self.show_previous else None
        if previous is None:
            super().paint(painter, option, index)
        else:
            self._paint_with_previous(painter, option, index, str(previous))
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.save()
            painter.setPen(QPen(theme.STATE_COLORS["progress"], 2))
            painter.drawRect(QRect(option.rect).adjusted(1, 1, -1, -1))
            painter.restore()
