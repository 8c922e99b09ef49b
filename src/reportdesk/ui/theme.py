"""Colours, fonts and the small drawn icons of the window (no image files to ship)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QWidget

# Table cells
HEADER_BG = QColor("#e9edf3")
LABEL_BG = QColor("#f7f8fa")
COMPUTED_BG = QColor("#e3ecf7")
COMPUTED_FG = QColor("#1d4f86")
ERROR_BG = QColor("#fbe0de")
ERROR_FG = QColor("#a4262c")
WARNING_BG = QColor("#fff1c7")
WARNING_FG = QColor("#7a5900")
UNSURE_BG = QColor("#e8ddf7")  # an imported figure to be checked (cut from a digit run …)
PREVIOUS_FG = QColor("#8a8f98")
MUTED_FG = QColor("#5f6670")
GRID_LINE = QColor("#c8ced6")

# Section states, as shown in the side list
STATE_COLORS = {
    "empty": QColor("#a0a6ae"),
    "progress": QColor("#2b7cd3"),
    "warnings": QColor("#c98a00"),
    "errors": QColor("#d13438"),
    "complete": QColor("#2e8b57"),
    "start": QColor("#5f6670"),
}
LEVEL_COLORS = {
    "error": STATE_COLORS["errors"],
    "warning": STATE_COLORS["warnings"],
    "accepted": QColor("#7d8590"),
}

# Chinese UI faces, best first: Windows, macOS, Linux (Noto CJK SC, so Han glyphs are the
# simplified-Chinese forms and never the Japanese ones), then the domestic Linux systems.
UI_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)


def ui_font(base: QFont) -> QFont:
    """The application font: the platform's size, the first Chinese face of the list that is
    installed (Qt passes over the others; asking the font database which are there would cost
    the window's start a full scan of the system's fonts)."""
    font = QFont(base)
    font.setFamilies([*UI_FAMILIES, *base.families()])
    return font


def tint(widget: QWidget, color: QColor, background: QColor | None = None) -> None:
    """A widget's text colour (and background): through its palette, which costs the window's
    start nothing, where a style sheet would restyle the widget and everything inside it."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    palette.setColor(QPalette.ColorRole.Text, color)
    if background is not None:
        palette.setColor(QPalette.ColorRole.Window, background)
        palette.setColor(QPalette.ColorRole.Base, background)
        widget.setAutoFillBackground(True)
    widget.setPalette(palette)


def tint_frame(frame: QFrame, color: QColor) -> None:
    """A box of one flat line of ``color`` around a frame, its text colour left to its children
    (a plain box would take the text colour: every label inside would turn grey)."""
    frame.setFrameShape(QFrame.Shape.Box)
    frame.setFrameShadow(QFrame.Shadow.Sunken)  # drawn in Dark and Light, both this colour
    frame.setLineWidth(1)
    frame.setMidLineWidth(0)
    palette = frame.palette()
    palette.setColor(QPalette.ColorRole.Light, color)
    palette.setColor(QPalette.ColorRole.Dark, color)
    frame.setPalette(palette)


def scaled(font: QFont, factor: float, bold: bool = False) -> QFont:
    out = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        out.setPointSizeF(size * factor)
    out.setBold(bold)
    return out


@cache
def dot_icon(color: str, kind: str = "dot") -> QIcon:
    """A round state mark: a filled dot, a ring (empty), a tick (complete) or an exclamation."""
    icon = QIcon()
    for size in (16, 32):
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = QColor(color)
        r = QRectF(size * 0.12, size * 0.12, size * 0.76, size * 0.76)
        if kind == "ring":
            p.setPen(QPen(c, size / 9))
            p.drawEllipse(r)
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(c)
            p.drawEllipse(r)
            pen = QPen(QColor("white"), size / 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            s = size
            if kind == "tick":
                p.drawPolyline(
                    [QPointF(s * 0.3, s * 0.52), QPointF(s * 0.45, s * 0.66), QPointF(s * 0.7, s * 0.36)]
                )
            elif kind == "bang":
                p.drawLine(QPointF(s * 0.5, s * 0.3), QPointF(s * 0.5, s * 0.55))
                p.drawPoint(QPointF(s * 0.5, s * 0.72))
        p.end()
        icon.addPixmap(pm)
    return icon


STATE_ICON_KIND = {
    "empty": "ring",
    "progress": "dot",
    "warnings": "bang",
    "errors": "bang",
    "complete": "tick",
}


def state_icon(state: str) -> QIcon:
    return dot_icon(STATE_COLORS[state].name(), STATE_ICON_KIND.get(state, "dot"))


def level_icon(level: str, accepted: bool = False) -> QIcon:
    if accepted:
        return dot_icon(LEVEL_COLORS["accepted"].name(), "tick")
    return dot_icon(LEVEL_COLORS[level].name(), "bang")
