"""The start page: the bodies and their reports, recent reports, a new report, importing a file."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reportdesk.form import Form
from reportdesk.store import BodyReports
from reportdesk.ui import theme
from reportdesk.ui.dialogs.body import BodyDialog, BodyFields, body_label

ID_ROLE = Qt.ItemDataRole.UserRole + 30


def _no_sideways(view: QListWidget) -> None:
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.setWordWrap(True)


class StartPage(QWidget):
    open_report = Signal(int)
    body_created = Signal(dict)
    body_saved = Signal(int, dict)
    new_report = Signal(int, int, object)  # body id, year, report id to roll over from (or None)
    import_requested = Signal(str)
    delete_report = Signal(int)
    aggregate_requested = Signal()
    bin_requested = Signal()
    body_shown = Signal(int)  # its reports are listed: their states are asked for

    def __init__(self, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form = form
        self._bodies: list[BodyReports] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 24, 12)
        outer.setSpacing(8)
        title = QLabel(form.name)
        title.setFont(theme.scaled(self.font(), 1.6, bold=True))
        outer.addWidget(title)
        self.where = QLabel()
        theme.tint(self.where, theme.MUTED_FG)
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.where)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.addWidget(self._left(), 0, 0)
        grid.addWidget(self._right(), 0, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        outer.addLayout(grid, 1)

    def _left(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        recent_box = QGroupBox("最近打开")
        rv = QVBoxLayout(recent_box)
        self.recent = QListWidget()
        self.recent.setAccessibleName("最近打开的报告")
        self.recent.itemActivated.connect(lambda item: self.open_report.emit(int(item.data(ID_ROLE))))
        self.recent.setMaximumHeight(112)  # four reports; the page fits 1280 × 720
        _no_sideways(self.recent)
        rv.addWidget(self.recent)
        v.addWidget(recent_box)
        bodies_box = QGroupBox("机关")
        bv = QVBoxLayout(bodies_box)
        self.bodies = QListWidget()
        self.bodies.setAccessibleName("机关")
        self.bodies.currentRowChanged.connect(self._body_chosen)
        _no_sideways(self.bodies)
        bv.addWidget(self.bodies, 1)
        row = QHBoxLayout()
        add = self.add_body_button = QPushButton("新建机关(&B)…")
        add.clicked.connect(self._add_body)
        imp = QPushButton("导入报告(&I)…")
        imp.setToolTip(
            "导入已发布的报告（Word、WPS、网页、PDF、文本、Excel），先显示读到的内容再保存；"
            "也可导入 reportdesk 交换格式（.json）。整份报告复制在剪贴板上时用“文件 → 粘贴导入报告”（Ctrl+Shift+V）"
        )
        imp.clicked.connect(self._import)
        row.addWidget(add)
        row.addWidget(imp)
        bv.addLayout(row)
        v.addWidget(bodies_box, 1)
        total = self.aggregate_button = QPushButton("汇总本级政府报告(&A)…")
        total.setToolTip("政务公开办：查看各机关某年度报告的状态，把表二至表四相加成本级政府的报告（Ctrl+T）")
        total.clicked.connect(self.aggregate_requested)
        v.addWidget(total)
        return box

    def _right(self) -> QWidget:
        box = QGroupBox("机关信息与年度报告")
        v = QVBoxLayout(box)
        self.fields = BodyFields(self._form, box)
        v.addWidget(self.fields)
        save_row = QHBoxLayout()
        self.save_note = QLabel()
        theme.tint(self.save_note, theme.MUTED_FG)
        save_row.addWidget(self.save_note, 1)
        self.save_body = QPushButton("保存机关信息(&S)")
        self.save_body.clicked.connect(self._save_body)
        save_row.addWidget(self.save_body)
        v.addLayout(save_row)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        theme.tint(line, theme.GRID_LINE)
        v.addWidget(line)
        self.reports = QTableWidget(0, 3)
        self.reports.setHorizontalHeaderLabels(["年度", "状态", "最后修改"])
        self.reports.verticalHeader().hide()
        self.reports.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.reports.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.reports.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.reports.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.reports.setAccessibleName("年度报告")
        self.reports.itemActivated.connect(lambda _item: self._open_selected())
        v.addWidget(self.reports, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("打开报告(&O)")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open_selected)
        self.new_button = QPushButton("新建年度报告(&N)…")
        self.new_button.clicked.connect(self._new_report)
        self.delete_button = QPushButton("移到回收站")
        self.delete_button.clicked.connect(self._delete_selected)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        self.bin_button = QPushButton("回收站(&T)…")
        self.bin_button.setToolTip("移到回收站的报告，可以恢复")
        self.bin_button.clicked.connect(self.bin_requested)
        buttons.addWidget(self.bin_button)
        v.addLayout(buttons)
        return box

    # -- content -------------------------------------------------------------------------------

    def show_data(self, bodies: list[BodyReports], recent: list[tuple[int, str]], where: str) -> None:
        chosen = self.current_body_id()
        self._bodies = bodies
        self.where.setText(f"草稿数据库：{where}　（每次修改都会立即保存在这里）")
        self.recent.clear()
        for report_id, label in recent:
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, report_id)
            self.recent.addItem(item)
        if not recent:
            placeholder = QListWidgetItem("（还没有打开过报告）")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)
        self.bodies.blockSignals(True)
        self.bodies.clear()
        for b in bodies:
            item = QListWidgetItem(body_label(b.body))
            item.setData(ID_ROLE, b.body.id)
            item.setToolTip(f"{body_label(b.body)}（{self._form.kind_label(b.body.kind)}）")
            self.bodies.addItem(item)
        self.bodies.blockSignals(False)
        ids = [b.body.id for b in bodies]
        self.bodies.setCurrentRow(ids.index(chosen) if chosen in ids else (0 if ids else -1))
        self._body_chosen(self.bodies.currentRow())

    def select_body(self, body_id: int) -> None:
        ids = [b.body.id for b in self._bodies]
        if body_id in ids:
            self.bodies.setCurrentRow(ids.index(body_id))

    def current_body_id(self) -> int | None:
        item = self.bodies.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def _current(self) -> BodyReports | None:
        row = self.bodies.currentRow()
        return self._bodies[row] if 0 <= row < len(self._bodies) else None

    def _body_chosen(self, _row: int) -> None:
        current = self._current()
        for w in (
            self.fields,
            self.save_body,
            self.reports,
            self.new_button,
            self.open_button,
            self.delete_button,
        ):
            w.setEnabled(current is not None)
        self.fields.set_body(current.body if current else None)
        self.save_note.setText("" if current else "请先在左侧新建机关，或导入一份报告。")
        self.reports.setRowCount(0)
        if current is None:
            return
        for info in reversed(current.reports):
            r = self.reports.rowCount()
            self.reports.insertRow(r)
            year = QTableWidgetItem(f"{info.year} 年")
            year.setData(ID_ROLE, info.id)
            self.reports.setItem(r, 0, year)
            self.reports.setItem(r, 1, QTableWidgetItem(f"第 {info.rev} 版"))
            self.reports.setItem(r, 2, QTableWidgetItem(info.updated.replace("T", " ")[:16]))
        self.reports.resizeColumnToContents(0)
        self.reports.resizeColumnToContents(2)
        if self.reports.rowCount():
            self.reports.selectRow(0)
        self.open_button.setEnabled(self.reports.rowCount() > 0)
        self.delete_button.setEnabled(self.reports.rowCount() > 0)
        self.body_shown.emit(current.body.id)

    def show_states(self, states: dict[int, str]) -> None:
        """Each listed report's state in words (填写中 / 有错误 N / 已定稿 …)."""
        for r in range(self.reports.rowCount()):
            report_id = int(self.reports.item(r, 0).data(ID_ROLE))
            if report_id in states:
                item = QTableWidgetItem(states[report_id])
                item.setToolTip(states[report_id])
                self.reports.setItem(r, 1, item)

    # -- actions -------------------------------------------------------------------------------

    def _selected_report(self) -> int | None:
        row = self.reports.currentRow()
        item = self.reports.item(row, 0) if row >= 0 else None
        return int(item.data(ID_ROLE)) if item is not None else None

    def _open_selected(self) -> None:
        report_id = self._selected_report()
        if report_id is not None:
            self.open_report.emit(report_id)

    def _delete_selected(self) -> None:
        report_id = self._selected_report()
        if report_id is not None:
            self.delete_report.emit(report_id)

    def _add_body(self) -> None:
        dialog = BodyDialog(self._form, self)
        if dialog.exec():
            self.body_created.emit(dialog.fields.values())

    def _save_body(self) -> None:
        current = self._current()
        if current is not None:
            self.body_saved.emit(current.body.id, self.fields.values())

    def _new_report(self) -> None:
        current = self._current()
        if current is None:
            return
        from reportdesk.ui.dialogs.new_report import NewReportDialog

        dialog = NewReportDialog(current.body, {r.year: r.id for r in current.reports}, self)
        if dialog.exec():
            year, source = dialog.choice()
            self.new_report.emit(current.body.id, year, source)

    def _import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from reportdesk.ui.control.importing import file_filter

        path, _ = QFileDialog.getOpenFileName(self, "导入报告", "", file_filter())
        if path:
            self.import_requested.emit(path)

    def set_note(self, text: str) -> None:
        self.save_note.setText(html.escape(text))
