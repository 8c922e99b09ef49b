"""导入已发布的报告: what was read from a file or the clipboard, shown before anything is saved.

The import report (figures per table, how sure, what was not read and why) is shown as text; a
digit run that several cuts fit is a choice (left blank unless the officer picks one); 导入 saves
the report as a new draft and opens it with the unsure figures marked until confirmed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reportdesk.form import Form
from reportdesk.importers import ImportResult
from reportdesk.importers.summary import format_import
from reportdesk.report import ReportFileError
from reportdesk.ui.window.fit import fitted_size

# a file path, or ("clipboard", html, text)
Source = str | tuple[str, str | None, str | None]


class ImportDialog(QDialog):
    """Reads the source through the controller; 导入 hands the result back to it to be saved."""

    def __init__(self, controller: Any, form: Form, source: Source, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入已发布的报告")
        self._controller = controller
        self._form = form
        self._source = source
        self.result: ImportResult | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setAccessibleName("读到的内容")
        self.summary.setFont(QFont(self.summary.font().family(), self.summary.font().pointSize()))
        layout.addWidget(self.summary, 1)
        self.questions = QGroupBox("连在一起的数字：请对照原件选择拆法（不选则这些格留空）")
        self.question_form = QFormLayout(self.questions)
        layout.addWidget(self.questions)
        self.choices: dict[str, QComboBox] = {}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.reread = QPushButton("按所选重新读取(&R)")
        self.reread.setAutoDefault(False)
        self.reread.clicked.connect(self.read)
        buttons.addButton(self.reread, QDialogButtonBox.ButtonRole.ActionRole)
        self.save = QPushButton("导入(&I)")
        self.save.setAutoDefault(False)  # saving is a click or Alt+I, never a stray Enter
        self.save.clicked.connect(self.accept)
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(fitted_size(self, 900, 640))
        self.read()

    def _chosen(self) -> dict[str, int]:
        return {qid: box.currentData() for qid, box in self.choices.items() if box.currentData()}

    def read(self) -> None:
        """Read the source (again, with the choices made), and show what was read."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.result = self._controller.read_published(self._source, self._chosen())
            error = None
        except ReportFileError as e:
            self.result, error = None, str(e)
        finally:
            QApplication.restoreOverrideCursor()
        if self.result is None:
            self.heading.setText("无法导入：" + (error or ""))
            self.summary.setPlainText(error or "")
            self.save.setEnabled(False)
            self.questions.hide()
            self.reread.hide()
            return
        r = self.result
        unsure = len(r.unsure)
        self.heading.setText(
            f"读到 {len(r.origins)} / {len(self._form.cells)} 个数字"
            + (f"，{unsure} 个需要核对（导入后在表格中标出）" if unsure else "")
            + (f"，{len(r.questions)} 处需要选择" if r.questions else "")
            + "。确认无误后点“导入”，报告将存为一份新的草稿；在此之前不会保存任何内容。"
        )
        self.summary.setPlainText(format_import(r, self._form))
        self._show_questions()
        self.save.setEnabled(True)

    def _show_questions(self) -> None:
        assert self.result is not None
        kept = self._chosen()
        while self.question_form.rowCount():
            self.question_form.removeRow(0)
        self.choices = {}
        for q in self.result.questions:
            box = QComboBox()
            box.addItem("不选：这些格留空", 0)
            for number, values in q.options:
                said = "（与正文中的数字相符）" if number == q.hint else ""
                box.addItem(f"{number}. {' '.join(map(str, values))}{said}", number)
            if q.id in kept:
                box.setCurrentIndex(max(0, box.findData(kept[q.id])))
            box.setAccessibleName(f"{q.what} 的拆法")
            self.question_form.addRow(QLabel(f"{q.what}（{q.where}）印作 {q.printed}："), box)
            self.choices[q.id] = box
        self.questions.setVisible(bool(self.result.questions))
        self.reread.setVisible(bool(self.result.questions))

    def accept(self) -> None:
        """Save what was read (the choices made are applied first) and open it."""
        if self._chosen() and (
            self.result is None or any(q.id in self._chosen() for q in self.result.questions)
        ):
            self.read()
        if self.result is not None and self._controller.save_import(self.result) is not None:
            super().accept()
