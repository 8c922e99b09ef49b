"""Which page the window shows: the side list, the page stack, the title and the step bar below
the page (← 上一节 / 下一节 →), and where the keyboard focus goes (F6 cycles).

A mixin of :class:`~reportdesk.ui.window.main_window.MainWindow`, which owns the widgets it uses.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from reportdesk.ui import theme
from reportdesk.ui.aggregate.actions import AGGREGATE
from reportdesk.ui.window.page_stack import is_narrative, is_table
from reportdesk.ui.window.side_list import START


class PageSwitching:
    """Showing a page and moving the focus; mixed into the main window."""

    controller: Any
    form: Any
    session: Any
    nav: Any
    stack: Any
    title: Any
    findings: Any
    _findings: Any
    dock: Any
    banner: Any
    pages: Any
    start_page: Any
    start_scroll: Any
    aggregate_page: Any
    _aggregate: Any
    actions_: Any

    def _step_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("stepbar")
        bar.setFrameShape(QFrame.Shape.NoFrame)
        v = QVBoxLayout(bar)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(0)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        theme.tint(line, theme.GRID_LINE)
        v.addWidget(line)
        h = QHBoxLayout()
        h.setContentsMargins(16, 6, 16, 6)
        v.addLayout(h)
        self.prev_button = QPushButton()
        self.next_button = QPushButton()
        self.prev_button.clicked.connect(lambda: self.controller.step(-1))
        self.next_button.clicked.connect(self._next_clicked)
        h.addWidget(self.prev_button)
        h.addStretch(1)
        h.addWidget(self.next_button)
        return bar

    def _next_clicked(self) -> None:
        if self.controller.page == self.form.sections[-1].key:
            self.actions_["generate"].trigger()
        else:
            self.controller.step(1)

    def show_page(self, page: str) -> None:
        on_total = page == AGGREGATE
        # The start and 汇总 pages are not steps of the report: no banner, no step bar (their
        # lists need the height on a 1366 × 768 screen).
        in_report = not on_total and page != START
        self.step_bar.setVisible(in_report)
        self.banner.setVisible(self.session is not None and in_report)
        # The findings panel belongs to the report's sections: put away on the start and 汇总
        # pages, which need the width.
        self.dock.set_away(on_total or page == START)
        if on_total:
            # The page leaving may hand the focus to the side list, which would then choose its
            # first entry (the start page): it must not ask for that page now.
            nav_focused = self.nav.hasFocus()
            self.nav.blockSignals(True)
            self.stack.setCurrentWidget(self.aggregate_page)
            if not nav_focused:
                self.aggregate_page.choices.government.setFocus()
            self.nav.blockSignals(False)
            self.nav.select(None)
            self.title.setText("汇总本级政府报告")
            self.title.show()
            return
        self.nav.select(page)
        widget = self.start_scroll if page == START else self.pages[page]
        self.stack.setCurrentWidget(widget)
        self.title.setVisible(page != START)
        pages = [START, *(s.key for s in self.form.sections)]
        i = pages.index(page)
        name = {s.key: s.heading for s in self.form.sections} | {START: "开始"}
        self.title.setText(name[page])
        if page != START and self._findings is not None:
            self._findings.show_section(name[page])
        # Short words keep the window narrow at 200 %; the section's name is in the tooltip.
        self.prev_button.setVisible(i > 0)
        self.prev_button.setText("← 上一节")
        self.prev_button.setToolTip(name[pages[i - 1]] if i > 0 else "")
        last = i == len(pages) - 1
        self.next_button.setVisible(self.session is not None)
        self.next_button.setText("生成 Word 文档… →" if last else "下一节 →")
        self.next_button.setToolTip("" if last else name[pages[i + 1]])
        # Arrowing through the side list keeps the focus there; Enter goes into the page.
        if not self.nav.hasFocus():
            self.focus_page()

    def focus_page(self) -> None:
        widget = self.stack.currentWidget()
        if is_table(widget):
            widget.view.setFocus()
        elif is_narrative(widget):
            next(iter(widget.parts.values())).editor.setFocus()
        elif widget is not None and widget is self._aggregate:
            self.aggregate_page.choices.government.setFocus()
        else:
            self.start_page.setFocus()

    def focus_key(self, page: str, key: str) -> None:
        widget = self.pages.get(page)
        if is_table(widget) and key in self.form.cells:
            widget.view.go_to(key)
        elif is_narrative(widget):
            widget.go_to(key)

    def cycle_focus(self) -> None:
        """F6: side list → page → findings panel → side list."""
        page = self.stack.currentWidget()
        stops: list[QWidget] = [self.nav, page]
        if self.dock.isVisible():
            stops.append(self.findings.tree)  # shown: made already
        focus = QApplication.focusWidget()
        here = next((i for i, w in enumerate(stops) if focus is w or (focus and w.isAncestorOf(focus))), -1)
        target = stops[(here + 1) % len(stops)]
        if target is page and is_table(page):
            target = page.view
        elif target is page and is_narrative(page):
            target = next(iter(page.parts.values())).editor
        elif target is page and page is self._aggregate:
            target = self.aggregate_page.table
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
