"""“生成网页”: the report as the page the government website publishes (or the body for its CMS).

Like 生成 Word: the checks' verdict first (with errors only a draft), where to write, and a question
before an existing file is replaced.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reportdesk.form import Form
from reportdesk.ui.control import generation, publishing
from reportdesk.ui.control.session import Session
from reportdesk.ui.dialogs.outcome import OutcomeButtons, add_status
from reportdesk.ui.dialogs.questions import question_box


class PublishDialog(QDialog):
    def __init__(self, controller: Any, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("生成网页")
        self._form = form
        session: Session = controller.session
        self._session = session
        self.result: generation.Result | None = None
        self.question: QMessageBox | None = None
        errors = [f for f in session.findings if f.level == "error"]
        layout = QVBoxLayout(self)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        if errors:
            self.verdict.setText(
                f"<p style='color:#a4262c'><b>还有 {len(errors)} 个错误（见“检查结果”），不能生成正式网页。"
                "可以先生成草稿（页首标明“草稿”）。</b></p>"
            )
        else:
            self.verdict.setText(
                "<p>生成在政府网站发布的网页：表二至表四保留合并表头，读屏软件可以逐格朗读，"
                "网页不引用任何外部文件。</p>"
            )
        layout.addWidget(self.verdict)
        self.draft = QCheckBox("生成草稿（页首标明“草稿”）")
        self.draft.setChecked(bool(errors))
        self.draft.setEnabled(not errors)
        self.draft.toggled.connect(self._rename)
        layout.addWidget(self.draft)
        self.fragment = QCheckBox("只生成正文片段（粘贴到网站内容管理系统的编辑器）")
        self.fragment.toggled.connect(self._rename)
        layout.addWidget(self.fragment)
        row = QHBoxLayout()
        row.addWidget(QLabel("保存到："))
        self.path = QLineEdit(
            str(generation.default_folder() / publishing.page_name(session.report, bool(errors), False))
        )
        row.addWidget(self.path, 1)
        browse = QPushButton("浏览(&B)…")
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        layout.addLayout(row)
        self.status = add_status(layout)
        self.buttons = OutcomeButtons(self, "用浏览器打开(&O)", self._written, self.start)
        self.open_file, self.open_folder, self.go = (
            self.buttons.open_file,
            self.buttons.open_folder,
            self.buttons.go,
        )
        layout.addLayout(self.buttons.row)
        self.resize(640, self.sizeHint().height())

    def _written(self) -> Path:
        assert self.result is not None
        return self.result.written[0]

    def _rename(self) -> None:
        name = publishing.page_name(self._session.report, self.draft.isChecked(), self.fragment.isChecked())
        self.path.setText(str(Path(self.path.text()).with_name(name)))

    def _browse(self) -> None:
        # The file dialog asks itself before choosing an existing file; start() asks once more only
        # for a path typed by hand.
        path, _ = QFileDialog.getSaveFileName(self, "保存网页", self.path.text(), "网页 (*.html *.htm)")
        if path:
            self.path.setText(path if path.lower().endswith((".html", ".htm")) else path + ".html")

    def start(self) -> None:
        """Write the page, asking first when a file of that name is already there."""
        text = self.path.text().strip()
        if not text:
            self.status.setText("请选择保存位置。")
            return
        path = Path(text)
        if path.exists():
            self.question = question_box(
                self, f"“{path.name}”已经存在，要替换它吗？", f"位置：{path.parent}", "替换(&R)"
            )
            answer = self.question.exec()
            self.question = None
            if answer != QMessageBox.StandardButton.Yes:
                self.status.setText("没有生成：已有的文件保持不变。")
                return
        request = publishing.PageRequest(path, self.draft.isChecked(), self.fragment.isChecked())
        s = self._session
        result = self.result = publishing.publish(self._form, s.report, s.previous, request)
        self.buttons.show_outcome(self.status, result)
