"""The top of the 汇总 page: which government and year, summing what (the store's reports, files),
checked against which list of bodies, and whether reports with errors count."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from reportdesk.form import Form
from reportdesk.inputs import SUFFIXES
from reportdesk.store import Body
from reportdesk.ui.aggregate.expected_dialog import ExpectedDialog
from reportdesk.ui.aggregate.survey import Request
from reportdesk.ui.dialogs.body import BodyDialog, body_label


class AggregateChoices(QWidget):
    changed = Signal()  # anything that changes what is summed
    expected_changed = Signal(int, list)  # government body id, names
    government_created = Signal(dict)

    def __init__(self, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form = form
        self.expected_reader: Callable[[str], list[str] | None] = lambda _path: None
        self._expected: dict[int, list[str]] = {}
        self._files: list[str] = []
        self._year_chosen = False
        self.dialog: Any = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        self.government = QComboBox()
        self.government.setAccessibleName("本级政府")
        self.government.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.government.setMinimumContentsLength(10)
        self.government.currentIndexChanged.connect(self._government_changed)
        label = QLabel("本级政府(&J)：")
        label.setBuddy(self.government)
        self.year = QSpinBox()
        self.year.setRange(2000, 2200)
        self.year.setSuffix(" 年")
        self.year.setAccessibleName("报告年度")
        self.year.valueChanged.connect(self._year_changed)
        year_label = QLabel("年度(&Y)：")
        year_label.setBuddy(self.year)
        self.new_government = QPushButton("新建本级政府(&N)…")
        self.new_government.clicked.connect(self._new_government)
        grid.addWidget(label, 0, 0)
        grid.addLayout(_row(self.government, year_label, self.year, self.new_government, stretch=0), 0, 1)
        self.use_store = QCheckBox("数据库中各机关的报告(&D)")
        self.use_store.setChecked(True)
        self.use_store.toggled.connect(self.changed)
        self.add_files = QPushButton("添加文件(&A)…")
        self.add_files.setToolTip("各机关报送的报告文件：" + " ".join(SUFFIXES))
        self.add_files.clicked.connect(self._add_files)
        self.clear_files = QPushButton("清除文件(&C)")
        self.clear_files.clicked.connect(self._clear_files)
        self.files_label = QLabel()
        grid.addWidget(QLabel("汇总范围："), 1, 0)
        grid.addLayout(
            _row(self.use_store, self.add_files, self.clear_files, self.files_label, stretch=3), 1, 1
        )
        self.expected_label = QLabel()
        self.edit_expected = QPushButton("应报机关名单(&L)…")
        self.edit_expected.clicked.connect(self._edit_expected)
        self.allow_errors = QCheckBox("有错误的报告也计入(&W)")
        self.allow_errors.setToolTip("勾稽不符或有空格的报告也相加，在表中标明“计入，需核实”")
        self.allow_errors.toggled.connect(self.changed)
        grid.addWidget(QLabel("核对："), 2, 0)
        grid.addLayout(_row(self.edit_expected, self.expected_label, self.allow_errors, stretch=1), 2, 1)
        grid.setColumnStretch(1, 1)
        self._show_files()

    def show_choices(
        self, governments: list[Body], chosen: int | None, year: int, expected: dict[int, list[str]]
    ) -> bool:
        """The government bodies (one chosen), a year unless the officer chose one, the lists; False
        when there is no government body to sum for."""
        self._expected = dict(expected)
        current = chosen if chosen is not None else self.government_id()
        self.government.blockSignals(True)
        self.government.clear()
        for body in governments:
            self.government.addItem(body_label(body), body.id)
        ids = [b.id for b in governments]
        self.government.setCurrentIndex(ids.index(current) if current in ids else (0 if ids else -1))
        self.government.blockSignals(False)
        if not self._year_chosen:
            self.year.blockSignals(True)
            self.year.setValue(year)
            self.year.blockSignals(False)
        for w in (self.government, self.year, self.edit_expected):
            w.setEnabled(bool(governments))
        self._show_expected()
        return bool(governments)

    def government_id(self) -> int | None:
        """The id of the government body chosen, if there is one."""
        data = self.government.currentData()
        return int(data) if data is not None else None

    def current_request(self) -> Request | None:
        """What the choices ask for, or None without a government body."""
        body_id = self.government_id()
        if body_id is None:
            return None
        return Request(
            body_id,
            self.year.value(),
            self.use_store.isChecked(),
            tuple(self._files),
            tuple(self._expected.get(body_id, [])),
            self.allow_errors.isChecked(),
        )

    def add_file_paths(self, paths: list[str]) -> None:
        """Add report files to the inputs (each once)."""
        self._files += [p for p in dict.fromkeys(paths) if p not in self._files]
        self._show_files()
        self.changed.emit()

    def set_expected(self, body_id: int, names: list[str]) -> None:
        """A new list of expected bodies for a government: kept, shown and checked against."""
        self._expected[body_id] = names
        self.expected_changed.emit(body_id, names)
        self._show_expected()
        self.changed.emit()

    # -- handlers --------------------------------------------------------------------------------

    def _government_changed(self, _index: int) -> None:
        self._show_expected()
        self.changed.emit()

    def _year_changed(self, _year: int) -> None:
        self._year_chosen = True
        self.changed.emit()

    def _show_expected(self) -> None:
        names = self._expected.get(self.government_id() or -1, [])
        self.expected_label.setText(f"名单共 {len(names)} 个机关" if names else "未设名单")

    def _show_files(self) -> None:
        self.files_label.setText(f"另加 {len(self._files)} 个文件" if self._files else "")
        self.files_label.setToolTip("\n".join(self._files))
        self.clear_files.setEnabled(bool(self._files))

    def _add_files(self) -> None:
        patterns = " ".join(f"*{s}" for s in SUFFIXES)
        paths, _ = QFileDialog.getOpenFileNames(
            self, "添加各机关的报告文件", "", f"报告文件 ({patterns});;所有文件 (*)"
        )
        if paths:
            self.add_file_paths(paths)

    def _clear_files(self) -> None:
        self._files.clear()
        self._show_files()
        self.add_files.setFocus()
        self.changed.emit()

    def _edit_expected(self) -> None:
        body_id = self.government_id()
        if body_id is None:
            return
        self.dialog = ExpectedDialog(self._expected.get(body_id, []), self.expected_reader, self)
        self.dialog.accepted.connect(lambda: self.set_expected(body_id, self.dialog.names()))
        self.dialog.open()

    def _new_government(self) -> None:
        self.dialog = BodyDialog(self._form, self)
        self.dialog.setWindowTitle("新建本级政府")
        fields = self.dialog.fields
        fields.kind.setCurrentIndex(max(fields.kind.findData("government"), 0))
        fields.kind.setEnabled(False)
        fields.name.setPlaceholderText("如：某某县人民政府")
        self.dialog.accepted.connect(lambda: self.government_created.emit(self.dialog.fields.values()))
        self.dialog.open()


def _row(*widgets: QWidget, stretch: int) -> QHBoxLayout:
    """Widgets side by side; the one at index ``stretch`` takes the room left."""
    row = QHBoxLayout()
    for i, w in enumerate(widgets):
        row.addWidget(w, 1 if i == stretch else 0)
    return row
