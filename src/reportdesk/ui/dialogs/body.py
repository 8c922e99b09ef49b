"""A body's details (名称, 地区, 类型, 网站): the fields, the 新建机关 dialog, and how a body is named."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reportdesk.form import Form
from reportdesk.report import Agency
from reportdesk.store import Body
from reportdesk.ui import theme


def body_label(body: Body) -> str:
    """A body as its report's title names it (region and name, without saying the region twice)."""
    return Agency(name=body.name, region=body.region, kind=body.kind).full_name


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
        theme.tint(self.problem, theme.ERROR_FG)
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
