"""The side list: the start page, then the sections 一 … 六, each with its state, updated live."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyledItemDelegate, QWidget

from reportdesk.form import Form
from reportdesk.ui import theme
from reportdesk.ui.control.session import SectionStatus

START = "start"
KEY_ROLE = Qt.ItemDataRole.UserRole + 10
STATE_ROLE = Qt.ItemDataRole.UserRole + 11  # empty, progress, …
STATE_LABEL_ROLE = Qt.ItemDataRole.UserRole + 12  # how the state reads


def state_text(status: SectionStatus) -> str:
    """How a section's state reads in the side list."""
    if status.state == "empty":
        return "未填写"
    if status.state == "progress":
        return "填写中" + (f" · {status.warnings} 个提醒" if status.warnings else "")
    if status.state == "errors":
        return f"{status.errors} 个错误" + (f" · {status.warnings} 个提醒" if status.warnings else "")
    if status.state == "warnings":
        return f"{status.warnings} 个提醒待处理"
    return "已完成"


class SectionNav(QListWidget):
    """The sections in report order; choosing one asks for its page."""

    page_chosen = Signal(str)  # START or a section key
    entered = Signal()  # Enter: go into the page

    def __init__(self, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The drawing of states (a Python delegate, slow to start) comes with the first report.
        self._delegate: QStyledItemDelegate | None = None
        self.setMouseTracking(True)
        self.setWordWrap(True)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("报告章节")
        self.setFrameShape(QListWidget.Shape.NoFrame)
        theme.tint(self, self.palette().color(QPalette.ColorRole.Text), QColor("#fbfcfd"))
        start = QListWidgetItem("开始：机关与报告")
        start.setData(KEY_ROLE, START)
        start.setData(STATE_ROLE, "start")
        self.addItem(start)
        for s in form.sections:
            item = QListWidgetItem(s.heading)
            item.setData(KEY_ROLE, s.key)
            item.setToolTip(s.heading)
            self.addItem(item)
        self.currentItemChanged.connect(self._changed)

    def keys(self) -> list[str]:
        return [self.item(i).data(KEY_ROLE) for i in range(self.count())]

    def select(self, key: str | None) -> None:
        """Mark ``key`` as the current page without asking for it again (None: a page not listed)."""
        self.blockSignals(True)
        if key is None:
            self.setCurrentRow(-1)
            self.clearSelection()
        else:
            self.setCurrentRow(self.keys().index(key))
        self.blockSignals(False)

    def set_status(self, status: dict[str, SectionStatus]) -> None:
        if self._delegate is None:
            from reportdesk.ui.window.side_states import StateDelegate

            # Referenced: Python overrides die with the wrapper.
            self._delegate = StateDelegate(self, STATE_ROLE, STATE_LABEL_ROLE)
            self.setItemDelegate(self._delegate)
        for i in range(1, self.count()):
            item = self.item(i)
            st = status.get(item.data(KEY_ROLE))
            if st is None:
                continue
            item.setData(STATE_ROLE, st.state)
            item.setData(STATE_LABEL_ROLE, state_text(st))

    def clear_status(self) -> None:
        for i in range(1, self.count()):
            self.item(i).setData(STATE_ROLE, None)
            self.item(i).setData(STATE_LABEL_ROLE, None)

    def state_of(self, key: str) -> str | None:
        return self.item(self.keys().index(key)).data(STATE_ROLE)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            return
        super().keyPressEvent(event)

    def _changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.page_chosen.emit(current.data(KEY_ROLE))
