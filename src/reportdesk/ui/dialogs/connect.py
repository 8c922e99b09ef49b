"""文件 → 连接共享数据库…: the address of a shared database, typed as an officer knows it, and the
question of moving the desk's own reports in (the conflict question is in :mod:`.conflict`)."""

from __future__ import annotations

from urllib.parse import quote

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reportdesk.store import Store, StoreError
from reportdesk.store.transfer import copy_all

DEFAULT_PORT = 5432


def shared_url(host: str, port: int, database: str, user: str, password: str) -> str:
    """The ``postgresql://`` address of the fields (user and password quoted)."""
    auth = quote(user, safe="")
    if password:
        auth += ":" + quote(password, safe="")
    return f"postgresql://{auth}@{host.strip()}:{port}/{quote(database.strip(), safe='')}"


class ConnectDialog(QDialog):
    """服务器, 端口, 数据库, 账号, 密码 — as the 政务公开办 handed them out (``reportdesk admin``)."""

    def __init__(self, parent: QWidget | None = None, remembered: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("连接共享数据库")
        intro = QLabel(
            "全县（市）各机关共用内网服务器上的一个数据库：每人只能看到和修改本机关的报告，"
            "政务公开办可以查看各机关的报告并汇总。账号和密码由政务公开办发放。"
        )
        intro.setWordWrap(True)
        self.host = QLineEdit()
        self.host.setPlaceholderText("如：10.1.2.3 或 db.zwgk.example")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit()
        self.database.setPlaceholderText("由政务公开办告知")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("服务器(&S)：", self.host)
        form.addRow("端口(&P)：", self.port)
        form.addRow("数据库(&D)：", self.database)
        form.addRow("账号(&U)：", self.user)
        form.addRow("密码(&W)：", self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("连接(&C)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())
        self._fill(remembered)

    def _fill(self, remembered: str) -> None:
        from urllib.parse import unquote, urlsplit

        if not remembered:
            return
        parts = urlsplit(remembered)
        self.host.setText(parts.hostname or "")
        self.port.setValue(parts.port or DEFAULT_PORT)
        self.database.setText(unquote(parts.path.lstrip("/")))
        self.user.setText(unquote(parts.username or ""))
        self.password.setFocus()

    def url(self) -> str:
        return shared_url(
            self.host.text(), self.port.value(), self.database.text(), self.user.text(), self.password.text()
        )

    def accept(self) -> None:
        missing = [
            n
            for n, w in (("服务器", self.host), ("数据库", self.database), ("账号", self.user))
            if not w.text().strip()
        ]
        if missing:
            QMessageBox.warning(self, "连接共享数据库", "请填写" + "、".join(missing))
            return
        super().accept()


def offer_copy(parent: QWidget, desk: Store, shared: Store) -> bool:
    """Ask whether to move the desk's own reports (with their history) into the shared database."""
    bodies = desk.list_bodies()
    reports = sum(len(b.reports) for b in bodies)
    box = QMessageBox(parent)
    box.setWindowTitle("搬入共享数据库")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(
        f"本机数据库中有 {len(bodies)} 个机关的 {reports} 份报告。要把它们连同修改历史复制到共享数据库吗？"
    )
    box.setInformativeText(
        f"本机文件：{desk.location}\n共享数据库：{shared.location}\n\n本机文件保持不变。"
        "共享数据库中已有同一机关同一年度的报告时，什么也不复制，并告诉您是哪一份。"
    )
    copy = box.addButton("复制过去(&Y)", QMessageBox.ButtonRole.YesRole)
    box.addButton("不复制(&N)", QMessageBox.ButtonRole.NoRole)
    box.exec()
    if box.clickedButton() is not copy:
        return False
    try:
        done = copy_all(desk.connection, shared.connection)
    except StoreError as e:
        QMessageBox.warning(parent, "没有复制", str(e))
        return False
    QMessageBox.information(
        parent, "已复制", f"已复制 {done.reports} 份报告和 {done.revisions} 版修改历史到共享数据库。"
    )
    return True
