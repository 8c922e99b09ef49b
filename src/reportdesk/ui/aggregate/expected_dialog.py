"""The list of bodies that must report to a government (应报机关名单), typed or read from a file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reportdesk.ui.window.fit import fitted_size

Reader = Callable[[str], "list[str] | None"]


def names_of(text: str) -> list[str]:
    """The names typed, one a line, blank lines and repeats dropped."""
    out: list[str] = []
    for line in text.splitlines():
        name = line.strip()
        if name and not name.startswith("#") and name not in out:
            out.append(name)
    return out


class ExpectedDialog(QDialog):
    """Edit the list; ``names()`` is what was accepted."""

    def __init__(self, names: list[str], reader: Reader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("应报机关名单")
        self._reader = reader
        layout = QVBoxLayout(self)
        note = QLabel(
            "每行写一个应当报送年度报告的机关名称（可带所属地区）。汇总时列出名单中缺报的机关，"
            "名单之外的报告照样计入，但标明“需核实”。清空名单则不做这项核对。"
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        label = QLabel("机关名称(&N)：")
        self.text = QPlainTextEdit("\n".join(names))
        self.text.setAccessibleName("应报机关名单")
        self.text.setTabChangesFocus(True)
        label.setBuddy(self.text)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        buttons = self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.from_file = QPushButton("从文件读入(&F)…")
        self.from_file.setToolTip("读入每行一个机关名称的文本文件（UTF-8 或 GBK）")
        self.from_file.clicked.connect(self._read_file)
        buttons.addButton(self.from_file, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(fitted_size(self, 520, 420))

    def names(self) -> list[str]:
        """The names in the editor, one a line."""
        return names_of(self.text.toPlainText())

    def load_file(self, path: str) -> bool:
        """Put the names of a list file in the editor; False (the reason shown) when unreadable."""
        names = self._reader(path)
        if names is None:
            return False
        self.text.setPlainText("\n".join(names))
        return True

    def _read_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "读入应报机关名单", "", "文本文件 (*.txt);;所有文件 (*)")
        if path:
            self.load_file(path)
