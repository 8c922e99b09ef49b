"""The 汇总 page for a government's 政务公开办: its bodies × the state of their reports for a year,
and the button that sums tables 2–4 into the government's own report.

The page reads nothing itself: it asks the controller for a survey and runs the job it is given
in a worker thread (reading hundreds of reports takes seconds), with progress and a cancel button.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QThread, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reportdesk.form import Form
from reportdesk.store import Body
from reportdesk.ui import theme
from reportdesk.ui.aggregate.choices import AggregateChoices
from reportdesk.ui.aggregate.model import REPORT_ROLE, AggregateModel
from reportdesk.ui.aggregate.survey import ORDER, Survey, SurveyJob, headline

# How the summary line names each state (in the table's order).
STATE_WORDS = {
    "unreadable": "无法读取",
    "wrong_year": "年度不符",
    "errors": "有错误",
    "empty": "未开始",
    "missing": "缺少该年度报告",
    "duplicate": "重复",
    "own": "本级政府自己的报告",
    "warnings": "有提醒",
    "ready": "无错误",
    "final": "已定稿",
}
DEBOUNCE_MS = 300
SIZED_ROWS = 60


class SurveyWorker(QThread):
    """Runs a :class:`~reportdesk.ui.aggregate.survey.SurveyJob` off the window's thread."""

    progressed = Signal(int, int)
    done = Signal(object)  # Survey

    def __init__(self, job: SurveyJob, parent: QWidget) -> None:
        super().__init__(parent)
        self.job = job
        self._cancelled = False

    def cancel(self) -> None:
        """Ask the job to stop at the next input."""
        self._cancelled = True

    def run(self) -> None:
        """The thread's work: the survey, handed over through ``done``."""
        try:
            survey = self.job.run(self.progressed.emit, lambda: self._cancelled)
        except Exception as e:  # a bug must not leave the page waiting for ever
            survey = Survey(self.job.request, problem=f"汇总时出错：{e}")
        self.done.emit(survey)


def summary_text(survey: Survey) -> str:
    """How many bodies are in which state, and how many reports go into the sum."""
    counts = survey.counts()
    parts = [f"{STATE_WORDS[s]} {counts[s]}" for s in ORDER if counts.get(s)]
    listed = (
        f"共 {len(survey.rows)} 个机关：" + "，".join(parts) + "。"
        if survey.rows
        else "没有找到任何机关的报告。"
    )
    return f"{listed}{survey.summed} 份报告计入汇总。"


class AggregatePage(QScrollArea):
    """Scrolls rather than widen the window (like the start page): it must fit 960 × 540 at 200 %."""

    survey_requested = Signal(object)  # Request
    survey_finished = Signal(object)  # Survey
    save_requested = Signal()
    open_report = Signal(int)

    def __init__(self, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form = form
        self.worker: SurveyWorker | None = None
        self._pending: SurveyJob | None = None
        self._handed_over = True  # the last worker's survey has reached _finished
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.request)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.inner = QWidget()
        self.setWidget(self.inner)
        outer = QVBoxLayout(self.inner)
        outer.setContentsMargins(16, 8, 16, 8)
        # What the page is for is said by its title and the buttons' tooltips; every
        # line saved here is a row more of the table at 200 %.
        self.setAccessibleDescription(
            "把本级政府所属各机关报告的表二至表四相加，得出本级政府年度报告的表格；文字部分由本级政府撰写。"
        )
        self.choices = AggregateChoices(form, self)
        self.choices.changed.connect(self.schedule)
        outer.addWidget(self.choices)
        outer.addLayout(self._run_row())
        table_label = QLabel("各机关情况(&B)：")
        self.model = AggregateModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("各机关报告情况")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # Column widths from the first rows only: measuring a thousand would hold up the window.
        self.table.verticalHeader().setResizeContentsPrecision(SIZED_ROWS)
        self.table.horizontalHeader().setResizeContentsPrecision(SIZED_ROWS)
        self.table.activated.connect(self._activated)
        table_label.setBuddy(self.table)
        outer.addWidget(table_label)
        outer.addWidget(self.table, 1)
        self.total = QLabel()
        self.total.setWordWrap(True)
        bottom = QHBoxLayout()  # the sum and what to do with it on one line: a table row more at 200 %
        bottom.addWidget(self.total, 1)
        self.save_button = QPushButton("生成本级政府报告(&M)")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_requested)
        bottom.addWidget(self.save_button)
        outer.addLayout(bottom)

    def _run_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.check_button = QPushButton("重新检查(&R)")
        self.check_button.setToolTip("重新读取各机关的报告并检查（修改过报告或文件之后）")
        self.check_button.clicked.connect(self.request)
        self.progress = QProgressBar()
        self.progress.hide()
        self.cancel_button = QPushButton("取消(&X)")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        # While reading, the progress bar stands where the summary of the last survey was.
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        row.addWidget(self.summary, 1)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.check_button)
        return row

    # -- what the controller tells the page ------------------------------------------------------

    def show_choices(
        self, governments: list[Body], chosen: int | None, year: int, expected: dict[int, list[str]]
    ) -> None:
        """The government bodies to choose from (one chosen), a year unless one was chosen, the lists;
        then the survey is asked for."""
        has = self.choices.show_choices(governments, chosen, year, expected)
        self.check_button.setEnabled(has)
        if has:
            self.request()
            return
        self.model.load([])
        self.summary.setText(
            "数据库中还没有“各级人民政府”类的机关。请点“新建本级政府…”填写本级政府的名称，再汇总。"
        )
        self.total.clear()
        self.save_button.setEnabled(False)

    def run(self, job: SurveyJob) -> None:
        """Run a survey in the worker thread (after the one running now has stopped)."""
        if self.worker is not None and self.worker.isRunning():
            self._pending = job
            self.worker.cancel()
            return
        self._start(job)

    def _start(self, job: SurveyJob) -> None:
        if self.worker is not None:  # finished (it has handed over its survey): let it go
            self.worker.wait()
            self.worker.deleteLater()
        self.worker = SurveyWorker(job, self)
        self._handed_over = False
        self.worker.progressed.connect(self._progressed)
        self.worker.done.connect(self._finished)
        self.progress.setRange(0, 0)
        self.progress.setFormat("正在读取……")
        self.summary.hide()
        self.progress.show()
        self.cancel_button.show()
        self.save_button.setEnabled(False)
        self.worker.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"正在读取并检查 {done} / {total} 份报告")

    def _finished(self, survey: Survey) -> None:
        self._handed_over = True
        if self._pending is not None:
            job, self._pending = self._pending, None
            self._start(job)
            return
        self.progress.hide()
        self.cancel_button.hide()
        self.summary.show()
        if survey.cancelled:
            self.summary.setText("已取消。点“重新检查”再读一遍。")
            return
        self.survey_finished.emit(survey)

    def cancel(self) -> None:
        """Stop reading (what was read so far is not shown), and any survey about to be asked for."""
        self._timer.stop()
        self._pending = None
        if self.worker is not None:
            self.worker.cancel()

    def wait(self) -> None:
        """Until the survey running now and any queued one are done and handed over (closing the
        window, tests, screenshots): a survey must not arrive after the database is closed."""
        while not self._handed_over:
            if self.worker is not None:
                self.worker.wait()
            QApplication.processEvents()

    def show_survey(self, survey: Survey, exists: bool) -> None:
        """The rows, what they add up to, and what the button will do."""
        if survey.problem:
            self.model.load([])
            self.summary.setText(
                f"<span style='color:{theme.ERROR_FG.name()}'>{html.escape(survey.problem)}</span>"
            )
            self.total.clear()
            self.save_button.setEnabled(False)
            return
        self.model.load(list(survey.rows))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.summary.setText(html.escape(summary_text(survey)))
        year = survey.request.year
        if survey.total is not None and survey.summed:
            self.total.setText(
                f"<b>汇总结果</b>（{survey.summed} 份相加）：{html.escape(headline(self._form, survey.total.report))}"
            )
        else:
            self.total.setText("没有可以相加的报告。")
        self.save_button.setText(
            f"更新本级政府 {year} 年报告的表格(&M)" if exists else f"生成本级政府 {year} 年报告(&M)"
        )
        self.save_button.setToolTip(
            "把汇总结果写入表二至表四（文字部分不变），然后打开报告"
            if exists
            else "新建本级政府该年度的报告，表二至表四为汇总结果，然后打开它撰写文字部分"
        )
        self.save_button.setEnabled(survey.summed > 0)

    # -- the officer's choices -------------------------------------------------------------------

    def schedule(self) -> None:
        """Ask again shortly (spinning through years starts one survey, not one per year)."""
        self.save_button.setEnabled(False)  # the survey shown no longer matches the choices
        self._timer.start()

    def request(self) -> None:
        """Ask for a survey of what the choices name now."""
        self._timer.stop()
        req = self.choices.current_request()
        if req is not None:
            self.survey_requested.emit(req)

    def _activated(self, index: QModelIndex) -> None:
        report_id = index.data(REPORT_ROLE)
        if report_id is not None:
            self.open_report.emit(int(report_id))
