"""Windows that fit the screen they are on: 1366 × 768 and 1280 × 720 at 100 %, 1920 × 1080 at
150 % and 200 % (then 960 × 540). A window is never larger than the screen's available area less a
title bar, and never placed partly off it; what does not fit scrolls inside the window."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What a window manager adds around a window when the real frame is not known yet (before the
# window is shown, or on a platform without one): a title bar and thin borders.
ASSUMED_FRAME = QMargins(4, 32, 4, 4)
# A measured frame with a thinner top is no title bar (Qt's offscreen platform draws one pixel).
TITLE_BAR_MIN = 8
# Smaller than this (logical pixels) the window opens maximized: an office laptop, or 200 %.
SMALL_SCREEN = QSize(1600, 900)


def available(widget: QWidget) -> QRect:
    """The available area (without task bars) of the screen ``widget`` is on."""
    screen = widget.screen() if widget.screen() is not None else QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(widget: QWidget) -> QMargins:
    """The window frame around ``widget`` as drawn, or an assumed one where none is known."""
    outer, inner = widget.frameGeometry(), widget.geometry()
    measured = QMargins(
        inner.left() - outer.left(),
        inner.top() - outer.top(),
        outer.right() - inner.right(),
        outer.bottom() - inner.bottom(),
    )
    if widget.isVisible() and measured.top() >= TITLE_BAR_MIN:
        return measured
    return ASSUMED_FRAME


def room(widget: QWidget) -> QRect:
    """Where the inside of a top-level window may lie: the available area less its frame."""
    return available(widget).marginsRemoved(frame_margins(widget))


def fitted_size(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` × ``height``, made smaller where the screen is smaller."""
    r = room(widget)
    return QSize(min(width, r.width()), min(height, r.height()))


def clamp_to_screen(widget: QWidget) -> bool:
    """Shrink a top-level window to its screen and move it fully onto it; True if it changed.

    A maximized or full-screen window is left alone (the window manager fits it)."""
    if widget.isMaximized() or widget.isFullScreen():
        return False
    r = room(widget)
    g = widget.geometry()
    size = QSize(min(g.width(), r.width()), min(g.height(), r.height()))
    x = min(max(g.x(), r.left()), r.right() + 1 - size.width())
    y = min(max(g.y(), r.top()), r.bottom() + 1 - size.height())
    target = QRect(x, y, size.width(), size.height())
    if target == g:
        return False
    widget.setGeometry(target)
    return True


def is_small_screen(widget: QWidget) -> bool:
    """The screen is too small for a window beside others: open it maximized."""
    a = available(widget)
    return a.width() < SMALL_SCREEN.width() or a.height() < SMALL_SCREEN.height()
