"""The main window's size and shape: its first size and where it was left (never larger than the
screen, never off it), the share of the width between the side list, the page and the findings
panel, the compact form of a short window, and the jobs done once it has first painted.

A mixin of :class:`~reportdesk.ui.window.main_window.MainWindow`, which owns the widgets it uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QToolBar

from reportdesk.ui.window.fit import clamp_to_screen, fitted_size, is_small_screen
from reportdesk.ui.window.page_stack import is_table

FIRST_SIZE = (1280, 820)
SEPARATOR = 7  # px between the page and the findings panel
PANEL_WIDTH = 340
NAV_WIDTH, NAV_MIN = 250, 180  # the side list; narrower windows give it a fifth of their width
PAGE_MIN_EMS = 34  # a page narrower than this many characters folds the findings panel away
COMPACT_HEIGHT = 600  # shorter windows drop the tool bar and the tables' help line (F1 has both)


class Sizing:
    """Mixed into the main window, before QMainWindow (whose paint and resize it extends)."""

    settings: Any
    split: Any
    dock: Any
    nav: Any
    pages: Any
    compact: bool
    _app_events: Any
    _app_events_on: bool
    _after_paint: list[Callable[[], None]]

    def restore_layout(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            # First start: maximized on an office screen (1366 × 768, or 1920 × 1080 at 200 %),
            # else a comfortable size that leaves room for other windows.
            self.resize(fitted_size(self, *FIRST_SIZE))
            if is_small_screen(self):
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        state = self.settings.value("window_state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        split = self.settings.value("findings_split")
        if isinstance(split, QByteArray):
            self.split.restoreState(split)
        # Saved on a larger screen (or another monitor): never larger than this one, never off it.
        clamp_to_screen(self)
        self.dock.apply()  # restoring the splitter sets the panel's visibility as it was saved

    def paintEvent(self, event: QPaintEvent) -> None:
        QMainWindow.paintEvent(self, event)  # type: ignore[arg-type]
        if not self._app_events_on:
            self._app_events_on = True
            QApplication.instance().installEventFilter(self._app_events)
            for job in self._after_paint:
                QTimer.singleShot(0, self, job)
            self._after_paint.clear()

    def after_first_paint(self, job: Callable[[], None]) -> None:
        """Do ``job`` once the window has painted (at once if it has)."""
        if self._app_events_on:
            QTimer.singleShot(0, self, job)
        else:
            self._after_paint.append(job)

    def resizeEvent(self, event: QResizeEvent) -> None:
        QMainWindow.resizeEvent(self, event)  # type: ignore[arg-type]
        self._adapt(event.size().width(), event.size().height())

    def _adapt(self, width: int, height: int) -> None:
        """The side list, the findings panel and the page share the width; a short window is compact."""
        nav = min(NAV_WIDTH, max(NAV_MIN, width // 5))
        if self.nav.width() != nav:
            self.nav.setFixedWidth(nav)
        page_min = PAGE_MIN_EMS * self.fontMetrics().horizontalAdvance("汉")
        panel_min = self.dock.minimumWidth()
        self.dock.set_narrow(width < nav + page_min + panel_min + SEPARATOR)
        room_for_panel = width - nav - page_min - SEPARATOR
        if self.dock.isVisible() and self.dock.width() > max(room_for_panel, panel_min):
            # The page keeps its readable width; the panel gives up what it has beyond its own.
            panel = max(room_for_panel, panel_min)
            self.split.setSizes([max(self.split.width() - panel - SEPARATOR, 0), panel])
        compact = height < COMPACT_HEIGHT
        if compact != self.compact:
            self.compact = compact
            tools = self.findChild(QToolBar, "tools")
            if tools is not None:
                tools.setVisible(not compact)
            for page in self.pages.built():
                if is_table(page):
                    page.set_compact(compact)
