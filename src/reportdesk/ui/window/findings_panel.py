"""Every finding, grouped by section, errors first; a click goes to the cell or text; a warning
can be accepted with a written reason, kept for that one occurrence (its finding id). After a warning
is accepted, the panel offers to give the same reason to the other warnings of its kind shown now
(one key each, never one for the whole kind). Reasons whose warning no longer occurs are listed last
as 已失效, kept, and can be deleted."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reportdesk.checks import describe_id, stale_reasons
from reportdesk.form import Form
from reportdesk.ui import theme
from reportdesk.ui.window.findings_dock import MIN_EMS
from reportdesk.ui.window.findings_text import (
    STALE_GROUP,
    code_tag,
    finding_html,
    grey,
    identity,
    ordered,
    others_open,
    shortened,
    stale_html,
)

if TYPE_CHECKING:
    from reportdesk.checks import Finding

FINDING_ROLE = Qt.ItemDataRole.UserRole + 20
STALE_ROLE = Qt.ItemDataRole.UserRole + 21  # the id of a kept reason whose warning went away
SPLIT_HANDLE = 7  # px: a handle a person can grab
REASON_LINES = 3
DETAIL_LINES = 5  # the detail pane is never shorter


class _WrappingTree(QTreeWidget):
    """A tree whose long Chinese lines wrap to the panel's width (heights follow on resize)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()


class _WrapDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        width = self._tree.viewport().width() - self._tree.indentation() * (depth + 1) - 30
        fm = QFontMetrics(option.font)
        rect = fm.boundingRect(
            QRect(0, 0, max(width, 80), 10000), Qt.TextFlag.TextWordWrap, str(index.data() or "")
        )
        return QSize(max(width, 80), rect.height() + 8)


class FindingsPanel(QWidget):
    finding_activated = Signal(object)  # Finding: go to its cell or text
    explanation_set = Signal(str, object)  # finding id, reason (None withdraws it)
    explanations_set = Signal(object)  # {finding id: reason}: one reason for several findings

    def __init__(self, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form = form
        self._findings: list[Finding] = []
        self._explanations: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("汉") * MIN_EMS - 2)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.setHandleWidth(SPLIT_HANDLE)
        self.tree = _WrappingTree()
        self._delegate = _WrapDelegate(self.tree)  # referenced: Python overrides die with the wrapper
        self.tree.setItemDelegate(self._delegate)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setIndentation(12)
        self.tree.setAccessibleName("检查结果")
        self.tree.currentItemChanged.connect(self._selected)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        split.addWidget(self.tree)
        # Only the detail scrolls: the reason and 接受提醒 below it stay in sight at any height.
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setContentsMargins(0, 4, 0, 4)
        self.detail_scroll.setWidget(self.detail)
        self.detail_scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * DETAIL_LINES)
        split.addWidget(self.detail_scroll)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([1100, 900])  # shares, scaled to the panel's height
        layout.addWidget(split, 1)
        layout.addWidget(self._action_box())
        self._show_detail(None)

    def _action_box(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 4, 0, 0)
        self.reason_label = QLabel("接受这条提醒的理由（会保存在报告中，并写进审核单）：")
        self.reason_label.setWordWrap(True)
        v.addWidget(self.reason_label)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(
            "例如：本年开展规范性文件清理，废止的文件在上年已失效，故现行有效件数不衔接。"
        )
        self.reason.setTabChangesFocus(True)
        lines = self.reason.fontMetrics().lineSpacing()
        self.reason.setFixedHeight(int(lines * REASON_LINES + 2 * self.reason.frameWidth() + 10))
        self.reason.textChanged.connect(self._reason_changed)
        self.reason_label.setBuddy(self.reason)
        v.addWidget(self.reason)
        row = QHBoxLayout()
        self.go = QPushButton("转到位置")
        self.go.clicked.connect(lambda: self._current() and self.finding_activated.emit(self._current()))
        self.accept_button = QPushButton("接受提醒")
        self.accept_button.clicked.connect(self._accept)
        self.withdraw_button = QPushButton("撤销说明")
        self.withdraw_button.clicked.connect(self._withdraw)
        row.addWidget(self.go)
        row.addStretch(1)
        row.addWidget(self.withdraw_button)
        row.addWidget(self.accept_button)
        v.addLayout(row)
        self.others_button = QPushButton()
        self.others_button.clicked.connect(self._apply_to_others)
        v.addWidget(self.others_button)
        return box

    # -- content -------------------------------------------------------------------------------

    def set_findings(self, findings: list[Finding], explanations: dict[str, str]) -> None:
        current = self._current()
        keep = identity(current) if current else self._current_stale()
        self._findings, self._explanations = findings, dict(explanations)
        errors = sum(1 for f in findings if f.level == "error")
        warnings = sum(1 for f in findings if f.level == "warning" and not f.accepted)
        accepted = sum(1 for f in findings if f.accepted)
        if not findings:
            self.summary.setText("<b style='color:#2e8b57'>没有发现问题。</b>")
        else:
            self.summary.setText(
                f"<b>{errors}</b> 个错误 · <b>{warnings}</b> 个提醒待处理 · {accepted} 个已说明"
            )
        self.tree.blockSignals(True)
        self.tree.clear()
        reselect = None
        for heading, group in ordered(self._form, findings):
            top = QTreeWidgetItem([f"{heading}（{len(group)}）"])
            top.setFont(0, theme.scaled(self.font(), 1.0, bold=True))
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for f in group:
                title = self._form.codes[f.code].title if f.code in self._form.codes else f.code
                item = QTreeWidgetItem([f"{title}：{shortened(f.message)}"])
                item.setIcon(0, theme.level_icon(f.level, f.accepted))
                item.setData(0, FINDING_ROLE, f)
                item.setToolTip(0, f.message)
                top.addChild(item)
                if keep is not None and identity(f) == keep:
                    reselect = item
        stale = stale_reasons(findings, self._explanations)
        if stale:
            top = QTreeWidgetItem([f"{STALE_GROUP}（{len(stale)}）"])
            top.setFont(0, theme.scaled(self.font(), 1.0, bold=True))
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for key, reason in stale:
                item = QTreeWidgetItem(
                    [f"【已失效】{shortened(describe_id(self._form, key) + '。' + reason)}"]
                )
                item.setIcon(0, theme.level_icon("warning", True))
                item.setData(0, STALE_ROLE, key)
                item.setToolTip(0, reason)
                top.addChild(item)
                if keep is not None and key == keep:
                    reselect = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if reselect is not None:
            self.tree.setCurrentItem(reselect)
        else:
            self._show_detail(None)

    def select(self, f: Finding) -> None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                item = top.child(j)
                if identity(item.data(0, FINDING_ROLE)) == identity(f):
                    self.tree.setCurrentItem(item)
                    self.tree.scrollToItem(item)
                    return

    def show_section(self, heading: str) -> None:
        """Bring the group of a section into view (the page the officer is on)."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.text(0).startswith(heading):
                self.tree.scrollToItem(top, QTreeWidget.ScrollHint.PositionAtTop)
                return

    def items(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out += [top.child(j) for j in range(top.childCount())]
        return out

    def _current(self) -> Finding | None:
        item = self.tree.currentItem()
        return item.data(0, FINDING_ROLE) if item is not None else None

    def _current_stale(self) -> str | None:
        """The id of the kept reason selected in the 已失效 group, if one is."""
        item = self.tree.currentItem()
        return item.data(0, STALE_ROLE) if item is not None else None

    # -- interaction ---------------------------------------------------------------------------

    def _selected(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        stale = item.data(0, STALE_ROLE) if item is not None else None
        if stale:
            self._show_stale(stale)
        else:
            self._show_detail(item.data(0, FINDING_ROLE) if item is not None else None)

    def _show_stale(self, key: str) -> None:
        for w in (self.reason_label, self.reason, self.accept_button, self.go, self.others_button):
            w.setVisible(False)
        self.withdraw_button.setVisible(True)
        self.withdraw_button.setEnabled(True)
        self.withdraw_button.setText("删除这条说明")
        self.detail.setText(stale_html(describe_id(self._form, key), self._explanations.get(key, "")))

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        f = item.data(0, FINDING_ROLE)
        if f is not None:
            self.finding_activated.emit(f)

    def _show_detail(self, f: Finding | None) -> None:
        warning = f is not None and f.level == "warning"
        for w in (self.reason_label, self.reason, self.accept_button, self.withdraw_button):
            w.setVisible(warning)
        self.withdraw_button.setText("撤销说明")
        self.go.setVisible(f is not None)
        others = others_open(self._findings, f) if warning and f is not None else []
        self.others_button.setVisible(bool(others) and f is not None and f.accepted)
        self.others_button.setText(f"把这条理由也用于其余 {len(others)} 条同类提醒")
        if f is None:
            self.detail.setText(
                "<span style='color:#5f6670'>选中一条检查结果，可查看详情、转到相应位置；提醒可填写理由后接受。</span>"
            )
            return
        info = self._form.codes.get(f.code)
        lines = [f"<b>{html.escape(info.title if info else f.code)}</b>{code_tag(f.code)}", finding_html(f)]
        if f.expected is not None and f.actual is not None:
            lines.append(f"应为 <b>{html.escape(f.expected)}</b>，实为 <b>{html.escape(f.actual)}</b>")
        if f.level == "error":
            lines.append(
                "<span style='color:#5f6670'>错误必须改正后才能生成正式文件（可先生成草稿）。</span>"
            )
        elif others:
            lines.append(
                grey(
                    f"同类提醒还有 {len(others)} 条未说明：理由只对这一条有效，以后再出现的同类提醒也要各自说明。"
                    + ("如理由相同，可用下方按钮一并使用。" if f.accepted else "")
                )
            )
        self.detail.setText("<br>".join(lines))
        if warning:
            self.reason.blockSignals(True)
            self.reason.setPlainText(self._explanations.get(f.id, ""))
            self.reason.blockSignals(False)
            self.withdraw_button.setEnabled(f.id in self._explanations)
            self._reason_changed()

    def _reason_changed(self) -> None:
        f = self._current()
        text = self.reason.toPlainText().strip()
        stored = self._explanations.get(f.id, "") if f else ""
        self.accept_button.setEnabled(bool(text) and text != stored.strip())
        self.accept_button.setText("更新理由" if stored else "接受提醒")

    def _accept(self) -> None:
        f = self._current()
        if f is not None and self.reason.toPlainText().strip():
            self.explanation_set.emit(f.id, self.reason.toPlainText().strip())

    def _withdraw(self) -> None:
        f = self._current()
        key = f.id if f is not None else self._current_stale()
        if key is not None:
            self.explanation_set.emit(key, None)

    def _apply_to_others(self) -> None:
        f = self._current()
        reason = self._explanations.get(f.id, "") if f is not None else ""
        if f is not None and reason.strip():
            self.explanations_set.emit({x.id: reason for x in others_open(self._findings, f)})
