"""The small dialogs of the start page: a body's details, and a new report (empty or rolled over)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reportdesk.form import Form
from reportdesk.store import Body


class BodyFields(QWidget):
    """名称, 所属地区/上级, 类型, 网站 — the agency block printed in the report."""

    def __init__(self, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name = QLineEdit()
        self.name.setPlaceholderText("如：交通运输局")
        self.region = QLineEdit()
        self.region.setPlaceholderText("如：某某市某某县（标题中写在机关名称之前）")
        self.kind = QComboBox()
        for k in form.agency_kinds:
            self.kind.addItem(k.label, k.key)
        self.website = QLineEdit()
        self.website.setPlaceholderText("https://…（开头段落写明报告从这里下载）")
        layout.addRow("机关名称(&M)：", self.name)
        layout.addRow("所属地区/上级(&R)：", self.region)
        layout.addRow("机关类型(&K)：", self.kind)
        layout.addRow("政府网站(&W)：", self.website)

    def set_body(self, body: Body | None) -> None:
        self.name.setText(body.name if body else "")
        self.region.setText(body.region if body else "")
        self.website.setText(body.website if body else "")
        index = self.kind.findData(body.kind if body else "department")
        self.kind.setCurrentIndex(max(index, 0))

    def values(self) -> dict[str, str]:
        return {
            "name": self.name.text().strip(),
            "region": self.region.text().strip(),
            "kind": str(self.kind.currentData()),
            "website": self.website.text().strip(),
        }


class BodyDialog(QDialog):
    def __init__(self, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建机关")
        layout = QVBoxLayout(self)
        self.fields = BodyFields(form, self)
        layout.addWidget(self.fields)
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#a4262c")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def _ok(self) -> None:
        if not self.fields.values()["name"]:
            self.problem.setText("请填写机关名称。")
            self.fields.name.setFocus()
            return
        self.accept()


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
