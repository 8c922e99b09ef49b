"""新建年度报告: choose the year, and whether to start empty or from last year's report."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reportdesk.store import Body


def suggested_year(existing: list[int], today: date | None = None) -> int:
    """The year an officer most likely writes now: last year's report, unless it exists already."""
    year = (today or date.today()).year - 1
    while year in existing:
        year += 1
    return year


class NewReportDialog(QDialog):
    """Choose the year, and whether to start empty or from last year's report."""

    def __init__(self, body: Body, years: dict[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._years = years  # year → report id of this body
        self.setWindowTitle("新建年度报告")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"机关：<b>{body.region}{body.name}</b>"))
        form = QFormLayout()
        self.year = QSpinBox()
        self.year.setRange(2000, 2200)
        self.year.setValue(suggested_year(list(years)))
        self.year.setSuffix(" 年")
        form.addRow("报告年度(&Y)：", self.year)
        layout.addLayout(form)
        self.rolled = QRadioButton()
        self.empty = QRadioButton("空白报告（所有文字和数字都从空白开始）")
        group = QButtonGroup(self)
        group.addButton(self.rolled)
        group.addButton(self.empty)
        layout.addWidget(self.rolled)
        layout.addWidget(self.empty)
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#a4262c")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.year.valueChanged.connect(self._year_changed)
        self._year_changed(self.year.value())
        self.resize(520, self.sizeHint().height())

    def _year_changed(self, year: int) -> None:
        has_last = year - 1 in self._years
        self.rolled.setText(
            f"由 {year - 1} 年报告结转（带入机关信息和各部分文字，上年结转数自动填好，其余数字为空）"
            if has_last
            else f"由 {year - 1} 年报告结转（没有 {year - 1} 年的报告，不能结转）"
        )
        self.rolled.setEnabled(has_last)
        (self.rolled if has_last else self.empty).setChecked(True)
        exists = year in self._years
        self.problem.setText(f"{year} 年的报告已经存在，请直接打开它。" if exists else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not exists)

    def choice(self) -> tuple[int, int | None]:
        """(year, id of the report to roll over from, or None for an empty report)."""
        year = self.year.value()
        return year, self._years.get(year - 1) if self.rolled.isChecked() else None
