"""A table section (二, 三, 四): the printed table, a legend of its colours, last year on demand."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from reportdesk.form import Form, Section
from reportdesk.ui import theme
from reportdesk.ui.table.grid import grid_for
from reportdesk.ui.table.model import TableModel
from reportdesk.ui.table.view import TableView

HELP = (
    "直接输入数字即覆盖原值；回车到下一行，Tab 到右边一格；Delete 清空；"
    "可从 Excel 或 WPS 复制整块数字后按 Ctrl+V 粘贴。总计由程序自动计算。"
)


def _swatch(color: str, text: str) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    mark = QFrame()
    size = QFontMetrics(box.font()).height() - 2
    mark.setFixedSize(size, size)
    mark.setFrameShape(QFrame.Shape.Box)
    theme.tint(mark, QColor("#b8c0ca"), QColor(color))
    row.addWidget(mark)
    row.addWidget(QLabel(text))
    return box


class TablePage(QWidget):
    def __init__(self, form: Form, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        assert section.table is not None
        self.model = TableModel(form, grid_for(form, section.table), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(8)
        top = QHBoxLayout()
        help_label = self.help = QLabel(HELP)
        help_label.setWordWrap(True)
        theme.tint(help_label, theme.MUTED_FG)
        top.addWidget(help_label, 1)
        self.show_previous = QCheckBox("显示上年数")
        self.show_previous.setToolTip("在每格左上角以灰色小字显示上年报告中的数字")
        self.show_previous.hide()
        top.addWidget(self.show_previous, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        legend = QHBoxLayout()
        legend.setSpacing(18)
        legend.addWidget(_swatch(theme.COMPUTED_BG.name(), "自动计算"))
        legend.addWidget(_swatch(theme.ERROR_BG.name(), "有错误"))
        legend.addWidget(_swatch(theme.WARNING_BG.name(), "有提醒（鼠标停留可看说明）"))
        legend.addWidget(_swatch(theme.UNSURE_BG.name(), "导入待核对"))
        legend.addStretch(1)
        layout.addLayout(legend)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        theme.tint(self.notice, theme.ERROR_FG, theme.ERROR_BG)
        self.notice.setContentsMargins(10, 6, 10, 6)
        self.notice.setAccessibleName("提示")
        self.notice.hide()
        layout.addWidget(self.notice)
        self.view = TableView(self.model, self)
        self.view.setAccessibleName(section.heading)
        layout.addWidget(self.view, 1)
        self.show_previous.toggled.connect(self.view.set_show_previous)
        # Any edit after a refused paste means the officer has moved on.
        self.model.dataChanged.connect(lambda *_: self.notice.hide())
        self.view.dismissed.connect(self.notice.hide)
        self.view.notice.connect(self.show_notice)

    def set_compact(self, on: bool) -> None:
        """A short window: the table gets the help line's room (F1 lists the same keys)."""
        self.help.setVisible(not on)

    def show_notice(self, text: str) -> None:
        """A refusal that concerns the whole table (a paste), shown above it until the next edit."""
        self.notice.setText(text + "\n（按 Esc 或修改任一格后此提示消失）")
        self.notice.show()

    def set_has_previous(self, year: int | None) -> None:
        self.show_previous.setVisible(year is not None)
        if year is None:
            self.show_previous.setChecked(False)
        else:
            self.show_previous.setText(f"显示上年（{year} 年）数")
