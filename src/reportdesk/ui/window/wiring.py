"""Wiring the window to its controller: each widget's signal goes to one controller call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportdesk.ui.aggregate.actions import AGGREGATE
from reportdesk.ui.window.import_view import (
    ask_existing_report,
    ask_new_body,
    mark_page,
    open_import_dialog,
    show_unsure,
)
from reportdesk.ui.window.page_stack import is_table

if TYPE_CHECKING:
    from reportdesk.ui.aggregate.page import AggregatePage
    from reportdesk.ui.pages.start import StartPage
    from reportdesk.ui.window.findings_panel import FindingsPanel
    from reportdesk.ui.window.main_window import MainWindow
    from reportdesk.ui.window.page_stack import Page


def connect_widgets(window: MainWindow, c: Any) -> None:
    """Connect the window's pages, panels and dialogs to the controller ``c``."""
    window.nav.page_chosen.connect(c.go)
    window.nav.entered.connect(window.focus_page)
    window.wire_start = lambda page: wire_start(window, c, page)
    if window._start_page is not None:
        wire_start(window, c, window._start_page)
    window.wire_findings = lambda panel: wire_findings(c, panel)
    if window._findings is not None:
        wire_findings(c, window._findings)
    window.wire_page = lambda page: wire_page(window, c, page)
    window.show_unsure = lambda marks: show_unsure(window, marks)  # the controller's view calls
    window.open_import_dialog = lambda source: open_import_dialog(window, source)
    window.ask_existing_report = lambda message, details: ask_existing_report(window, message, details)
    window.ask_new_body = lambda agency: ask_new_body(window, agency)
    window.wire_aggregate = lambda page: wire_aggregate(c, page)
    for page in window.pages.built():
        wire_page(window, c, page)
    if window._aggregate is not None:
        wire_aggregate(c, window._aggregate)


def wire_start(window: MainWindow, c: Any, sp: StartPage) -> None:
    """The start page to the controller (when the page is made)."""
    sp.open_report.connect(c.open_asked)
    sp.body_created.connect(c.create_body)
    sp.body_saved.connect(c.save_body)
    sp.new_report.connect(c.new_report)
    sp.import_requested.connect(c.import_file)
    sp.delete_report.connect(c.delete_report)
    sp.aggregate_requested.connect(lambda: c.go(AGGREGATE))
    sp.bin_requested.connect(window.actions_["bin"].trigger)
    sp.body_shown.connect(c.report_states)


def wire_findings(c: Any, panel: FindingsPanel) -> None:
    """The findings panel to the controller (when the panel is made)."""
    panel.finding_activated.connect(c.go_to_finding)
    panel.explanation_set.connect(c.explain)
    panel.explanations_set.connect(c.explain_many)


def wire_aggregate(c: Any, ag: AggregatePage) -> None:
    """The 汇总 page to the controller (when the page is made)."""
    ag.choices.expected_reader = c.read_expected_file
    ag.survey_requested.connect(c.request_survey)
    ag.survey_finished.connect(c.survey_done)
    ag.save_requested.connect(c.save_total)
    ag.open_report.connect(c.open_asked)
    ag.choices.expected_changed.connect(c.remember_expected)
    ag.choices.government_created.connect(c.create_government)


def wire_page(window: MainWindow, c: Any, page: Page) -> None:
    """A section page to the controller (when the page is made)."""
    mark_page(window, page)  # the imported figures still to be checked, on a page made later
    if is_table(page):
        table = page.section.table or ""
        view = page.view
        view.committer = c.commit_cell
        view.paste_requested.connect(lambda r, col, text, t=table: c.paste(t, r, col, text))
        view.clear_requested.connect(c.clear_cells)
        view.copy_requested.connect(lambda keys, t=table: c.copy_cells(t, keys))
        view.editing_finished.connect(c.seal)
        view.selectionModel().currentChanged.connect(
            lambda cur, _prev, v=view: c.place_changed(v.model().key_at(cur))
        )
    else:
        page.text_edited.connect(c.edit_text)
        page.keep_requested.connect(c.keep_text)
        page.finding_clicked.connect(window.show_finding)
        page.undo_requested.connect(window.undo)
        page.redo_requested.connect(lambda: window.undo(redo=True))
        page.editing_paused.connect(c.seal)
        for key, part in page.parts.items():
            part.editor.cursorPositionChanged.connect(lambda k=key: c.place_changed(k))
