"""The 检查结果 panel on the right of the window, beside the page with a handle between them that a
person can grab: shown when the officer wants it (F9, remembered), a report is open, the page is
one of its sections (not 开始 or 汇总, which need the width), and the window is wide enough for the
page and the panel side by side — narrower, the panel folds away rather than be squeezed
unreadable (the status bar's count still shows, and F9 brings it back)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from reportdesk.ui import theme

WANTED_KEY = "findings_visible"
# Narrower than this many characters the panel is not readable: it folds away rather than squeeze.
MIN_EMS = 17


class FindingsDock(QFrame):
    def __init__(self, settings: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findings")
        self.panel: QWidget | None = None  # made with the first report shown (see set_panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        head = QHBoxLayout()
        head.setContentsMargins(8, 4, 2, 0)
        title = QLabel("检查结果")
        title.setFont(theme.scaled(title.font(), 1.0, bold=True))
        head.addWidget(title, 1)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("隐藏检查结果（F9 再显示）")
        self.close_button.clicked.connect(self.close)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("汉") * MIN_EMS)
        self._settings = settings
        self.wanted = settings.value(WANTED_KEY, "true") != "false"
        self._report = False
        self._away = False  # on a page that is not one of the report's sections (开始, 汇总)
        self._narrow = False
        self._insisted = False  # asked for with F9 although the window is narrow

    def set_panel(self, panel: QWidget) -> None:
        """The findings panel itself, below the title."""
        self.panel = panel
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(panel, 1)

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

    def closeEvent(self, event: QCloseEvent) -> None:
        # Its × button: the officer does not want the panel (until F9).
        super().closeEvent(event)
        self.wanted = False
        self._settings.setValue(WANTED_KEY, "false")
