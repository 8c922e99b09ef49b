"""The 检查结果 panel as a dock on the right of the window: shown when the officer wants it (F9,
remembered), a report is open, the page is not 汇总, and the window is wide enough for the page
and the panel side by side — narrower, the panel folds away rather than be squeezed unreadable
(the status bar's count still shows, and F9 brings it back)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QWidget

WANTED_KEY = "findings_visible"


class FindingsDock(QDockWidget):
    def __init__(self, panel: QWidget, settings: Any, parent: QWidget) -> None:
        super().__init__("检查结果", parent)
        self.setObjectName("findings")
        self.setWidget(panel)
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self._settings = settings
        self.wanted = settings.value(WANTED_KEY, "true") != "false"
        self._report = False
        self._away = False  # on a page without a report (汇总)
        self._narrow = False
        self._insisted = False  # asked for with F9 although the window is narrow

    def set_wanted(self, on: bool) -> None:
        """The officer shows (F9, the status bar's count) or hides (F9, ×) the panel."""
        self.wanted = on
        self._insisted = on and self._narrow
        self._settings.setValue(WANTED_KEY, "true" if on else "false")
        self.apply()

    def set_report_open(self, on: bool) -> None:
        self._report = on
        self.apply()

    def set_away(self, on: bool) -> None:
        self._away = on
        self.apply()

    def set_narrow(self, on: bool) -> None:
        """The window is too narrow for the page and the panel side by side."""
        if on != self._narrow:
            self._narrow = on
            self._insisted = False
            self.apply()

    @property
    def folded(self) -> bool:
        """Wanted, but folded away because the window is narrow."""
        return self.wanted and self._report and not self._away and self._narrow and not self._insisted

    def apply(self) -> None:
        show = self.wanted and self._report and not self._away and (not self._narrow or self._insisted)
        if show == self.isHidden():  # isHidden: also right while the window itself is not shown yet
            self.setVisible(show)
        if show:
            self.raise_()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Its × button: the officer does not want the panel (until F9).
        super().closeEvent(event)
        self.wanted = False
        self._settings.setValue(WANTED_KEY, "false")
