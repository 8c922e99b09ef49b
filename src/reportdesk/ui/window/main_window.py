"""The main window: side list of sections, the page, the findings panel, the status bar.

It is the controller's view: it shows what it is told and reports what the officer does. It never
reads the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reportdesk.form import Form
from reportdesk.report import Report
from reportdesk.ui import theme
from reportdesk.ui.control.session import Session, Update
from reportdesk.ui.window.app_events import AppEvents
from reportdesk.ui.window.banner import Banner
from reportdesk.ui.window.findings_dock import FindingsDock
from reportdesk.ui.window.link_banner import LinkBanner, SharedView
from reportdesk.ui.window.page_stack import Page, Pages, is_table, load_page, refresh_pages
from reportdesk.ui.window.page_switching import PageSwitching
from reportdesk.ui.window.side_list import SectionNav
from reportdesk.ui.window.sizing import FIRST_SIZE, NAV_WIDTH, PANEL_WIDTH, SEPARATOR, Sizing
from reportdesk.ui.window.tasks import TaskRunner

if TYPE_CHECKING:
    from reportdesk.checks import Finding
    from reportdesk.ui.aggregate.page import AggregatePage
    from reportdesk.ui.pages.start import StartPage
    from reportdesk.ui.table.grid import Grid
    from reportdesk.ui.window.findings_panel import FindingsPanel

# Builds the menus, tool bar and shortcuts of a window; returns its actions by name (window.actions).
Menus = Callable[[Any, Form], dict[str, QAction]]


class MainWindow(Sizing, PageSwitching, SharedView, QMainWindow):  # the mixins first: their overrides win
    def __init__(self, form: Form, settings: QSettings, menus: Menus) -> None:
        super().__init__()
        self.form = form
        self.settings = settings
        self.controller: Any = None
        self.setWindowTitle(form.name)
        self.nav = SectionNav(form)
        self.nav.setFixedWidth(NAV_WIDTH)
        self.compact = False
        self.banner = Banner()
        self.save_error = QLabel()
        self.save_error.setWordWrap(True)
        theme.tint(self.save_error, QColor("white"), QColor("#d13438"))
        self.save_error.setContentsMargins(14, 8, 14, 8)
        self.save_error.hide()
        # A shared database out of reach: edits are kept on this computer and sent when it is back.
        self.link = LinkBanner(lambda: self.controller.resend())
        self.title = QLabel()
        self.title.setFont(theme.scaled(self.font(), 1.35, bold=True))
        self.title.setContentsMargins(16, 10, 16, 0)
        self.stack = QStackedWidget()
        # The start page is made when first shown (a report reopened at start shows a section).
        self._start_page: StartPage | None = None
        self._start_scroll: QScrollArea | None = None
        # Pages are made when first shown (see page_stack); wiring hands over how to connect them.
        self.wire_start: Callable[[StartPage], None] | None = None
        self.wire_page: Callable[[Page], None] | None = None
        self.wire_aggregate: Callable[[AggregatePage], None] | None = None
        self._aggregate: AggregatePage | None = None
        self.session: Session | None = None
        self.pages = Pages(form, self.stack, self._page_made)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        for w in (self.banner, self.link, self.save_error, self.title):
            right.addWidget(w)
        right.addWidget(self.stack, 1)
        self.step_bar = self._step_bar()
        right.addWidget(self.step_bar)
        page_column = QWidget()
        page_column.setLayout(right)
        self._findings: FindingsPanel | None = None  # made with the first report shown
        self.wire_findings: Callable[[FindingsPanel], None] | None = None
        self.dock = FindingsDock(settings)
        # The page and the findings panel side by side, with a handle a person can grab.
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setHandleWidth(SEPARATOR)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(page_column)
        self.split.addWidget(self.dock)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 0)
        self.split.setSizes([FIRST_SIZE[0] - NAV_WIDTH - PANEL_WIDTH, PANEL_WIDTH])
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.split, 1)
        self.setCentralWidget(central)
        self.saved = QLabel("每次修改都会自动保存")
        theme.tint(self.saved, theme.MUTED_FG)
        self.counts = QToolButton()
        self.counts.setAutoRaise(True)
        self.counts.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.counts.setToolTip("显示检查结果（F9）")
        self.counts.clicked.connect(self.show_findings_panel)
        self.statusBar().addPermanentWidget(self.saved)
        self.statusBar().addPermanentWidget(self.counts)
        self.actions_ = menus(self, form)
        # Installed once the window has painted (paintEvent): every event of the application
        # passes through it, which is not worth slowing the window's first appearance for.
        self._app_events = AppEvents(self)
        self._app_events_on = False
        self._after_paint: list[Callable[[], None]] = []
        self.tasks = TaskRunner(self)
        self.generate_dialog: QDialog | None = None
        self.publish_dialog: QDialog | None = None
        self.history_dialog: QDialog | None = None
        self.bin_dialog: QDialog | None = None
        self.connect_dialog: QDialog | None = None
        self._report_open(False)

    # -- wiring --------------------------------------------------------------------------------

    def connect_controller(self, c: Any) -> None:
        """The controller this window reports to (its signals are wired by ``window.wiring``)."""
        self.controller = c

    def show_finding(self, f: Finding) -> None:
        self.show_findings_panel()
        self.findings.select(f)

    @property
    def start_page(self) -> StartPage:
        """The start page (bodies, their reports, import), made the first time it is wanted."""
        if self._start_page is None:
            from reportdesk.ui.pages.start import StartPage

            page = StartPage(self.form)
            # Scrolls rather than widen the window: it must fit 1920 × 1080 at 200 % (960 × 540).
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.stack.insertWidget(0, scroll)
            self._start_page, self._start_scroll = page, scroll
            if self.wire_start is not None:
                self.wire_start(page)
        return self._start_page

    @property
    def start_scroll(self) -> QScrollArea:
        """The start page's scroll area (the widget of the page stack)."""
        self.start_page  # noqa: B018 - made on first use
        assert self._start_scroll is not None
        return self._start_scroll

    @property
    def aggregate_page(self) -> AggregatePage:
        """The 汇总 page, made the first time it is wanted."""
        if self._aggregate is None:
            from reportdesk.ui.aggregate.page import AggregatePage  # its imports only when wanted

            self._aggregate = AggregatePage(self.form)
            self.stack.addWidget(self._aggregate)
            if self.wire_aggregate is not None:
                self.wire_aggregate(self._aggregate)
        return self._aggregate

    @property
    def findings(self) -> FindingsPanel:
        """The 检查结果 panel, made the first time it is wanted (a report shown, a test)."""
        if self._findings is None:
            from reportdesk.ui.window.findings_panel import FindingsPanel

            self._findings = FindingsPanel(self.form)
            self.dock.set_panel(self._findings)
            if self.wire_findings is not None:
                self.wire_findings(self._findings)
        return self._findings

    def _page_made(self, _key: str, page: Page) -> None:
        if self.wire_page is not None:
            self.wire_page(page)
        if is_table(page):
            page.set_compact(self.compact)
        if self.session is not None:
            load_page(page, self.session)
            refresh_pages([page], self.session, Update(), everything=True)

    # -- what the controller tells the view ------------------------------------------------------

    def grid(self, table: str) -> Grid:
        from reportdesk.ui.table.grid import grid_for

        return grid_for(self.form, table)

    def show_start(self, bodies: list[Any], recent: list[tuple[int, str]], where: str) -> None:
        self.start_page.show_data(bodies, recent, where)
        if self.controller is not None and self.controller.report_id is not None:
            for b in bodies:
                if any(r.id == self.controller.report_id for r in b.reports):
                    self.start_page.select_body(b.body.id)

    def show_aggregate(
        self, governments: list[Any], chosen: int | None, year: int, expected: dict[int, list[str]]
    ) -> None:
        self.aggregate_page.show_choices(governments, chosen, year, expected)

    def run_survey(self, job: Any) -> None:
        self.aggregate_page.run(job)

    def show_survey(self, survey: Any, exists: bool) -> None:
        self.aggregate_page.show_survey(survey, exists)

    def stop_surveys(self) -> None:
        if self._aggregate is not None:
            self._aggregate.cancel()
            self._aggregate.wait()

    def run_task(self, message: str, job: Any, done: Any, exclusive: bool) -> None:
        self.tasks.run(message, job, done, exclusive)

    def undo(self, redo: bool = False) -> None:
        """Ctrl+Z / Ctrl+Y: a message about the step undone (已粘贴 …) no longer holds."""
        self.statusBar().clearMessage()
        self.controller.redo() if redo else self.controller.undo()

    def show_report_states(self, states: dict[int, str]) -> None:
        self.start_page.show_states(states)

    def select_body(self, body_id: int) -> None:
        self.start_page.select_body(body_id)

    def show_report(self, session: Session) -> None:
        self.session = session
        report = session.report
        for page in self.pages.built():
            load_page(page, session)
        self.show_report_agency(report)
        self.save_error.hide()
        self._report_open(True)

    def show_report_agency(self, report: Report) -> None:
        self.banner.show_report(self.form, report, finals=self.controller.finals())
        self.setWindowTitle(f"{report.agency.full_name} {report.year} 年 — {self.form.name}")

    def close_report(self) -> None:
        self.session = None
        self.banner.hide()
        self.nav.clear_status()
        self.setWindowTitle(self.form.name)
        self._report_open(False)

    def _report_open(self, on: bool) -> None:
        for i in range(1, self.nav.count()):
            item = self.nav.item(i)
            flags = item.flags()
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if on else flags & ~Qt.ItemFlag.ItemIsEnabled)
        for name in (
            "undo",
            "redo",
            "history",
            "generate",
            "publish",
            "export",
            "next_finding",
            "findings",
            "finalize",
        ):
            self.actions_[name].setEnabled(on)
        self.counts.setVisible(on)
        self.dock.set_report_open(on)

    def refresh(self, session: Session, update: Update, everything: bool) -> None:
        refresh_pages(self.pages.built(), session, update, everything)
        findings = session.findings if (update.findings_changed or everything) else None
        report = session.report
        if findings is not None:
            self.findings.set_findings(findings, dict(report.explanations))
            self.nav.set_status(session.section_status())
            self._show_counts(findings)

    def _show_counts(self, findings: list[Finding]) -> None:
        errors = sum(1 for f in findings if f.level == "error")
        warnings = sum(1 for f in findings if f.level == "warning" and not f.accepted)
        if not errors and not warnings:
            self.counts.setText("没有待处理的问题")
        else:
            self.counts.setText(f"{errors} 个错误 · {warnings} 个提醒")
        self.counts.setIcon(
            theme.level_icon("error" if errors else "warning", accepted=not errors and not warnings)
        )

    def show_saved(self, at: str) -> None:
        self.save_error.hide()
        self.saved.setText(f"已自动保存 {at}")

    def show_save_error(self, message: str, retry: bool = True) -> None:
        self.save_error.setText(
            message + ("　请不要关闭窗口，稍后再试；已输入的内容仍在窗口中。" if retry else "")
        )
        self.save_error.show()

    def set_undo_state(self, can_undo: bool, can_redo: bool) -> None:
        self.actions_["undo"].setEnabled(can_undo)
        self.actions_["redo"].setEnabled(can_redo)

    def show_error(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        from reportdesk.ui.dialogs.questions import message_box

        message_box(self, "无法完成", message, QMessageBox.Icon.Warning).exec()

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message.replace("\n", " "), 8000)

    def confirm(self, message: str, details: str = "", yes: str = "") -> bool:
        """Ask a yes/no question; ``details`` in smaller print below it, ``yes`` names the yes button."""
        from PySide6.QtWidgets import QMessageBox

        from reportdesk.ui.dialogs.questions import question_box

        self.question = question_box(self, message, details, yes)
        return self.question.exec() == QMessageBox.StandardButton.Yes

    def show_paste_refused(self, table: str, message: str) -> None:
        self.pages.table_page(table).show_notice(message)
        self.statusBar().showMessage("没有粘贴：内容有误，见表格上方的说明。", 8000)

    def set_clipboard(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)

    def select_finding(self, f: Finding) -> None:
        self.findings.select(f)

    def show_findings_panel(self) -> None:
        self.dock.set_wanted(True)

    # -- window state --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        self.settings.setValue("findings_split", self.split.saveState())
        self.settings.sync()
        self.stop_surveys()
        self.tasks.wait()
        super().closeEvent(event)
