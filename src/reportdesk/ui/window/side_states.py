"""How the side list draws a section with its state (a mark, the title, the state in its colour
below): made with the first report shown — before that the list only names the sections."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reportdesk.ui import theme

Index = QModelIndex | QPersistentModelIndex


class StateDelegate(QStyledItemDelegate):
    """Title on the first line(s), the state below it in its colour, a state mark on the left."""

    PAD = 8

    def __init__(self, parent: QWidget, state_role: int, label_role: int) -> None:
        super().__init__(parent)
        self._state, self._label = state_role, label_role

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        width = max(option.rect.width(), 160) - 3 * self.PAD - 16
        title = fm.boundingRect(QRect(0, 0, width, 1000), Qt.TextFlag.TextWordWrap, index.data()).height()
        state = QFontMetrics(theme.scaled(option.font, 0.9)).height() if index.data(self._label) else 0
        return QSize(width, title + state + 2 * self.PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, theme.COMPUTED_BG)
            painter.fillRect(
                QRect(option.rect.left(), option.rect.top(), 3, option.rect.height()),
                theme.STATE_COLORS["progress"],
            )
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(option.rect, theme.LABEL_BG)
        state, label = index.data(self._state), index.data(self._label)
        r = option.rect.adjusted(self.PAD + 2, self.PAD, -self.PAD, -self.PAD)
        icon = theme.state_icon(state) if state else None
        if icon is not None:
            icon.paint(painter, QRect(r.left(), r.top() + 2, 16, 16))
        text_rect = r.adjusted(16 + self.PAD, 0, 0, 0)
        font = theme.scaled(option.font, 1.0, bold=selected)
        painter.setFont(font)
        painter.setPen(option.palette.text().color())
        fm = QFontMetrics(font)
        title_h = fm.boundingRect(
            QRect(0, 0, text_rect.width(), 1000), Qt.TextFlag.TextWordWrap, index.data()
        ).height()
        painter.drawText(
            QRect(text_rect.left(), text_rect.top(), text_rect.width(), title_h),
            Qt.TextFlag.TextWordWrap,
            index.data(),
        )
        if label:
            small = theme.scaled(option.font, 0.9)
            painter.setFont(small)
            painter.setPen(theme.STATE_COLORS.get(state or "empty", theme.MUTED_FG))
            painter.drawText(
                QRect(
                    text_rect.left(),
                    text_rect.top() + title_h,
                    text_rect.width(),
                    QFontMetrics(small).height(),
                ),
                0,
                label,
            )
        painter.restore()
