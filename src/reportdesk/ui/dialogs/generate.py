"""“生成 Word”: the checks' verdict, where to write, then the document made in a worker thread."""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reportdesk.checks import Finding
from reportdesk.form import Form
from reportdesk.ui.control import generation
from reportdesk.ui.control.session import Session
from reportdesk.ui.control.targets import replace_question
from reportdesk.ui.dialogs.outcome import OutcomeButtons, add_status
from reportdesk.ui.dialogs.questions import question_box
from reportdesk.ui.window.fit import fitted_size

LISTED = 6
WIDTH = 680


class Worker(QThread):
    progressed = Signal(str)
    done = Signal(object)  # generation.Result

    def __init__(self, session: Session, request: generation.Request, parent: QWidget) -> None:
        super().__init__(parent)
        self._form, self._report, self._previous = session.form, session.report, session.previous
        self._request = request

    def run(self) -> None:
        result = generation.generate(
            self._form, self._report, self._previous, self._request, self.progressed.emit
        )
        self.done.emit(result)


def _listing(findings: list[Finding], color: str, head: str) -> str:
    items = "".join(f"<li>{html.escape(f.message)}</li>" for f in findings[:LISTED])
    more = f"<li>……另有 {len(findings) - LISTED} 条（见“检查结果”）</li>" if len(findings) > LISTED else ""
    return f"<p style='color:{color}'><b>{head}</b></p><ul style='margin-top:0'>{items}{more}</ul>"


class GenerateDialog(QDialog):
    def __init__(self, controller: Any, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("生成 Word 文档")
        self._controller = controller
        session: Session = controller.session
        self._session = session
        self.worker: Worker | None = None
        self.result: generation.Result | None = None
        findings = session.findings
        errors = [f for f in findings if f.level == "error"]
        warnings = [f for f in findings if f.level == "warning" and not f.accepted]
        layout = QVBoxLayout(self)
        verdict = self.verdict = QLabel()
        verdict.setWordWrap(True)
        text = ""
        if errors:
            text += _listing(
                errors,
                "#a4262c",
                f"还有 {len(errors)} 个错误，不能生成正式文件。可以先生成草稿（每页页眉标明“草稿”）：",
            )
        else:
            text += "<p style='color:#2e8b57'><b>检查通过：没有错误。</b></p>"
        if warnings:
            text += _listing(
                warnings, "#7a5900", f"{len(warnings)} 个提醒尚未说明（不妨碍生成，建议先处理或写明理由）："
            )
        verdict.setText(text)
        verdict.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # The list scrolls: the choices and the 生成/关闭 buttons below stay on a small screen.
        self.verdict_scroll = QScrollArea()
        self.verdict_scroll.setWidgetResizable(True)
        self.verdict_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.verdict_scroll.setWidget(verdict)
        self.verdict_scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        layout.addWidget(self.verdict_scroll, 1)
        self.draft = QCheckBox("生成草稿（每页标明“草稿”）")
        self.draft.setChecked(bool(errors))
        self.draft.setEnabled(not errors)
        self.draft.toggled.connect(self._draft_toggled)
        layout.addWidget(self.draft)
        row = QHBoxLayout()
        where = QLabel("保存到(&S)：")
        row.addWidget(where)
        self.path = QLineEdit(
            str(generation.default_folder() / generation.document_name(session.report, bool(errors)))
        )
        where.setBuddy(self.path)
        self.path.setToolTip("Word 文档的位置和文件名；审核单和 PDF 存在它旁边")
        row.addWidget(self.path, 1)
        browse = QPushButton("浏览(&B)…")
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        layout.addLayout(row)
        self.signoff = QCheckBox("同时生成审核单（供领导签字，列出检查结果和已说明的提醒）")
        self.signoff.setChecked(True)
        layout.addWidget(self.signoff)
        self.pdf = QCheckBox("同时生成 PDF")
        has_soffice = generation.soffice_available()
        self.pdf.setEnabled(has_soffice)
        if not has_soffice:
            self.pdf.setText("同时生成 PDF（需要安装 LibreOffice，本机未找到）")
        layout.addWidget(self.pdf)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = add_status(layout)
        self.buttons = OutcomeButtons(self, "打开文件(&O)", lambda: self._written(0), self.start)
        self.open_file, self.open_folder, self.go = (
            self.buttons.open_file,
            self.buttons.open_folder,
            self.buttons.go,
        )
        layout.addLayout(self.buttons.row)
        wanted = (
            self.sizeHint().height() + verdict.sizeHint().height() - self.verdict_scroll.sizeHint().height()
        )
        self.resize(fitted_size(self, WIDTH, max(wanted, self.minimumSizeHint().height())))

    def _written(self, i: int) -> Path:
        assert self.result is not None
        return self.result.written[i]

    def _draft_toggled(self, on: bool) -> None:
        current = Path(self.path.text())
        self.path.setText(str(current.with_name(generation.document_name(self._session.report, on))))

    def ask(self, question: str, details: str) -> bool:
        """Ask before replacing files (tests answer it themselves)."""
        box = question_box(self, question, details, "替换(&R)")
        return box.exec() == QMessageBox.StandardButton.Yes

    def _browse(self) -> None:
        # start() asks about every file it will replace (the sheet and the PDF too): the file
        # dialog does not ask first.
        path, _ = QFileDialog.getSaveFileName(
            self,
            "保存 Word 文档",
            self.path.text(),
            "Word 文档 (*.docx)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.path.setText(path if path.lower().endswith(".docx") else path + ".docx")

    def start(self) -> None:
        """Generate in a worker thread; the window stays responsive and shows progress."""
        text = self.path.text().strip()
        if not text:
            self.status.setText("请选择保存位置。")
            return
        request = generation.Request(
            Path(text), self.draft.isChecked(), self.signoff.isChecked(), self.pdf.isChecked()
        )
        asked = replace_question(generation.targets(request))
        if asked is not None:
            if not self.ask(*asked):
                self.status.setText("没有生成：已有的文件保持不变。")
                return
            request = dataclasses.replace(request, replace_read_only=True)  # the officer agreed
        self.go.setEnabled(False)
        self.progress.show()
        self.status.setText("正在准备……")
        self.worker = Worker(self._session, request, self)
        self.worker.progressed.connect(self.status.setText)
        self.worker.done.connect(self._done)
        self.worker.start()

    def _done(self, result: generation.Result) -> None:
        self.result = result
        self.progress.hide()
        self.go.setEnabled(True)
        self.buttons.show_outcome(self.status, result)

    def wait(self) -> None:
        """For tests and screenshots: until the worker has finished."""
        if self.worker is not None:
            self.worker.wait()

    def reject(self) -> None:
        if self.worker is not None and self.worker.isRunning():
            self.status.setText("正在生成，请稍候……")
            return
        super().reject()
