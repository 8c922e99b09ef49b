"""A narrative section: one editor per part, with its official heading, a hint of what it should
cover, the findings about its text, a character count, and last year's text beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QKeySequence, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reportdesk.form import Form, Section
from reportdesk.ui import theme
from reportdesk.ui.control.session import INCOMPLETE_CODES
from reportdesk.ui.window.app_events import is_ctrl_y
from reportdesk.ui.window.findings_text import finding_html

if TYPE_CHECKING:
    from reportdesk.checks import Finding

MIN_LINES, MAX_LINES = 5, 22
PREVIOUS_NOTE = "这是上年报告的文字，仅供参考，不能修改。本年的文字请写在左边的框里。"


class TextEditor(QTextEdit):
    """Plain text only; its undo is the report's (Ctrl+Z goes to the window), grows with its text."""

    undo_requested = Signal()
    redo_requested = Signal()
    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None, read_only: bool = False) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setReadOnly(read_only)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self.fit())
        self.fit()

    def fit(self) -> None:
        line = self.fontMetrics().lineSpacing()
        doc = self.document().size().height() + 2 * self.frameWidth() + 8
        self.setFixedHeight(int(min(max(doc, MIN_LINES * line + 12), MAX_LINES * line + 12)))

    def event(self, e: QEvent) -> bool:
        # Ctrl+Z/Ctrl+Y undo the report, not just this editor: take the keys before the shortcut does.
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and (e.matches(QKeySequence.StandardKey.Undo) or _is_redo(e))
        ):
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if self.isReadOnly() and _typing(e):
            # Last year's text: say why the keys do nothing (the officer may think it is the editor).
            where = self.mapToGlobal(self.cursorRect().bottomLeft())
            QToolTip.showText(where, PREVIOUS_NOTE, self)
            return
        if e.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
        elif _is_redo(e):
            self.redo_requested.emit()
        else:
            super().keyPressEvent(e)

    def focusOutEvent(self, e: QFocusEvent) -> None:
        super().focusOutEvent(e)
        self.focus_left.emit()

    def replace_text(self, text: str) -> None:
        """Show ``text`` (after undo, redo or a restore), the cursor at the end of what changed."""
        before = self.toPlainText()
        if before == text:
            return
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        cursor = self.textCursor()
        cursor.setPosition(changed_end(before, text))
        self.setTextCursor(cursor)


def changed_end(before: str, after: str) -> int:
    """Where the cursor goes after undo or redo: at the end of what changed (as in Word and WPS)."""
    tail = 0
    while tail < min(len(before), len(after)) and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return len(after) - tail


def _typing(e: QKeyEvent) -> bool:
    """A key that would put a character into a text."""
    text = e.text()
    mods = e.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    return bool(text) and text.isprintable() and not mods


def _is_redo(e: QKeyEvent) -> bool:
    return e.matches(QKeySequence.StandardKey.Redo) or is_ctrl_y(e)


def count_characters(text: str) -> int:
    """What an officer calls 字数: characters that are not spaces or line breaks."""
    return sum(1 for ch in text if not ch.isspace())


class PartEditor(QFrame):
    """One narrative part."""

    text_edited = Signal(str, str)  # key, text
    keep_requested = Signal(str)  # keep last year's text as it is
    finding_clicked = Signal(object)

    def __init__(
        self, key: str, heading: str, hint: str, optional: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.has_previous = False
        self._shown: list[Finding] = []
        self.setObjectName("part")
        # A white card on the page's grey (palettes: style sheets on every part slowed the window).
        theme.tint(self, self.palette().color(QPalette.ColorRole.WindowText), QColor("white"))
        theme.tint_frame(self, theme.GRID_LINE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 12, 14, 12)
        outer.setSpacing(6)
        title = QLabel(heading + ("（可不填）" if optional else ""))
        title.setFont(theme.scaled(self.font(), 1.1, bold=True))
        outer.addWidget(title)
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        theme.tint(self.hint, theme.MUTED_FG)
        outer.addWidget(self.hint)
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.findings.setOpenExternalLinks(False)
        self.findings.linkActivated.connect(self._link)
        self.findings.hide()
        outer.addWidget(self.findings)
        self.untouched = QFrame()
        row = QHBoxLayout(self.untouched)
        row.setContentsMargins(8, 4, 8, 4)
        theme.tint(self.untouched, self.palette().color(QPalette.ColorRole.WindowText), theme.WARNING_BG)
        note = QLabel(
            "这段文字是从上年报告结转来的，还没有修改。请按本年情况改写；如确实不需要改，可点右侧按钮。"
        )
        note.setWordWrap(True)
        row.addWidget(note, 1)
        keep = QPushButton("保留上年文字")
        keep.clicked.connect(lambda: self.keep_requested.emit(self.key))
        row.addWidget(keep)
        self.untouched.hide()
        outer.addWidget(self.untouched)
        columns = QHBoxLayout()
        columns.setSpacing(12)
        left = QVBoxLayout()
        self.editor = TextEditor(self)
        self.editor.setPlaceholderText("在此填写……")
        self.editor.setAccessibleName(heading)
        self.editor.textChanged.connect(self._changed)
        left.addWidget(self.editor)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        theme.tint(self.count, theme.MUTED_FG)
        left.addWidget(self.count)
        columns.addLayout(left, 3)
        # Last year's text: its label and editor are made when there is a text to show (a first
        # report has none, and every part's pair would cost the window's start).
        self.previous_box = QWidget()
        self.previous_box.setAccessibleName(heading + "（上年）")
        self.previous_label: QLabel | None = None
        self.previous: TextEditor | None = None
        columns.addWidget(self.previous_box, 2)
        self.previous_box.hide()
        outer.addLayout(columns)
        self._update_count()

    def _make_previous(self) -> TextEditor:
        if self.previous is None:
            right = QVBoxLayout(self.previous_box)
            right.setContentsMargins(0, 0, 0, 0)
            self.previous_label = QLabel()
            theme.tint(self.previous_label, theme.MUTED_FG)
            right.addWidget(self.previous_label)
            self.previous = TextEditor(self, read_only=True)
            theme.tint(self.previous, QColor("#4a5058"), QColor("#f4f6f8"))
            self.previous.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            self.previous.setAccessibleName(self.previous_box.accessibleName())
            right.addWidget(self.previous)
            right.addStretch(1)
        return self.previous

    def _changed(self) -> None:
        self._update_count()
        self.text_edited.emit(self.key, self.editor.toPlainText())

    def _update_count(self) -> None:
        self.count.setText(f"{count_characters(self.editor.toPlainText())} 字")

    def _link(self, href: str) -> None:
        index = int(href.split(":", 1)[1])
        self.finding_clicked.emit(self._shown[index])

    def set_text(self, text: str) -> None:
        self.editor.replace_text(text)
        self._update_count()

    def set_previous(self, year: int | None, text: str | None) -> None:
        self.has_previous = year is not None and text is not None
        if year is None or text is None:
            self.previous_box.hide()
            return
        editor = self._make_previous()
        assert self.previous_label is not None
        self.previous_label.setText(f"上年（{year} 年）的文字，仅供参考")
        editor.setPlainText(text or "（上年报告这一部分为空）")
        self.previous_box.show()

    def set_findings(self, findings: list[Finding], untouched: bool) -> None:
        # An empty part needs no red message: its placeholder and hint say what to write.
        self._shown = [f for f in findings if f.code not in INCOMPLETE_CODES]
        self.untouched.setVisible(untouched)
        if not self._shown:
            self.findings.hide()
            return
        self.findings.setText(
            "<br>".join(finding_html(f, link=f"finding:{i}") for i, f in enumerate(self._shown))
        )
        self.findings.show()


class NarrativePage(QScrollArea):
    """The editors of one section, top to bottom."""

    text_edited = Signal(str, str)
    keep_requested = Signal(str)
    finding_clicked = Signal(object)
    undo_requested = Signal()
    redo_requested = Signal()
    editing_paused = Signal()

    def __init__(self, form: Form, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("narrative")
        theme.tint(body, body.palette().color(QPalette.ColorRole.WindowText), QColor("#f3f5f8"))
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 16, 20, 20)
        layout.setSpacing(14)
        self.show_previous = QCheckBox("显示上年文字")
        self.show_previous.setChecked(True)
        self.show_previous.toggled.connect(self._toggle_previous)
        self.show_previous.hide()
        layout.addWidget(self.show_previous, 0, Qt.AlignmentFlag.AlignRight)
        self.parts: dict[str, PartEditor] = {}
        entries = [(p.key, p.heading, p.hint, False) for p in section.parts]
        if section.key == form.sections[0].key:
            # The optional opening paragraph is written with section 一.
            entries = [
                (k, extra.get("heading", k), extra.get("hint", ""), True)
                for k, extra in form.text_extras.items()
            ] + entries
        for key, heading, hint, optional in entries:
            shown = heading if heading != section.title else "正文"
            part = PartEditor(key, shown, hint, optional, body)
            part.text_edited.connect(self.text_edited)
            part.keep_requested.connect(self.keep_requested)
            part.finding_clicked.connect(self.finding_clicked)
            part.editor.undo_requested.connect(self.undo_requested)
            part.editor.redo_requested.connect(self.redo_requested)
            part.editor.focus_left.connect(self.editing_paused)
            self.parts[key] = part
            layout.addWidget(part)
        layout.addStretch(1)
        self.setWidget(body)

    def _toggle_previous(self, on: bool) -> None:
        for part in self.parts.values():
            part.previous_box.setVisible(on and part.has_previous)

    def load(self, texts: dict[str, str], previous_year: int | None, previous: dict[str, str] | None) -> None:
        for key, part in self.parts.items():
            part.editor.blockSignals(True)
            part.editor.setPlainText(texts.get(key, ""))
            part.editor.blockSignals(False)
            part.set_text(texts.get(key, ""))
            part.set_previous(previous_year, None if previous is None else previous.get(key, ""))
        self.show_previous.setVisible(previous is not None)
        self._toggle_previous(self.show_previous.isChecked() and previous is not None)

    def set_findings(self, by_text: dict[str, list[Finding]], untouched: set[str]) -> None:
        for key, part in self.parts.items():
            part.set_findings(by_text.get(key, []), key in untouched)

    def go_to(self, key: str) -> None:
        part = self.parts.get(key)
        if part is None:
            return
        self.ensureWidgetVisible(part, 0, 40)
        part.editor.setFocus()
        part.editor.moveCursor(QTextCursor.MoveOperation.End)

    def focused_key(self) -> str | None:
        for key, part in self.parts.items():
            if part.editor.hasFocus():
                return key
        return None
