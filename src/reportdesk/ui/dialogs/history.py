"""The history of the report: every saved revision, newest first; restore any of them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reportdesk.form import Form
from reportdesk.store.models import ACTION_LABELS, CELL, TEXT, Change, Revision
from reportdesk.ui.window.fit import fitted_size
from reportdesk.values import display

SHOWN = 3


def describe(changes: tuple[Change, ...], form: Form) -> str:
    """What a revision changed, in a few words: "表三「一、…」自然人：3 → 42" and the like."""
    parts = []
    for ch in changes[:SHOWN]:
        label = ch.label(form)
        if ch.kind == CELL:
            old, new = display(ch.value(ch.old)), display(ch.value(ch.new))
            parts.append(f"{label}：{old or '空'} → {new or '空'}")
        elif ch.kind == TEXT:
            parts.append(f"{label}（{len(ch.value(ch.new) or '')} 字）")
        else:
            parts.append(label)
    more = f" 等 {len(changes)} 处" if len(changes) > SHOWN else ""
    return "；".join(parts) + more


def _keys(rev: Revision) -> frozenset[tuple[str, str]]:
    return frozenset((c.kind, c.key) for c in rev.changes)


def _seconds(later: str, earlier: str) -> float | None:
    try:
        return (datetime.fromisoformat(later) - datetime.fromisoformat(earlier)).total_seconds()
    except ValueError:
        return None


def bursts(revisions: list[Revision], pause: float = 10.0, span: float = 120.0) -> list[Revision]:
    """Typing saves every keystroke: consecutive edits of the same cell or text read as one step
    (shown as its last revision, with the run's first "before" and last "after"). A run ends at a
    pause longer than ``pause`` seconds or when it would cover more than ``span`` seconds, so a
    long stretch of typing can still be stepped back through. Newest first, like the input."""
    out: list[Revision] = []
    oldest = ""  # time of the earliest revision folded into out[-1]
    for rev in revisions:  # newest first
        last = out[-1] if out else None
        if (
            last is not None
            and rev.action == last.action == "edit"
            and not rev.finals
            and not last.finals
            and _keys(rev) == _keys(last)
        ):
            gap, covered = _seconds(oldest, rev.time), _seconds(last.time, rev.time)
            if gap is not None and covered is not None and gap <= pause and covered <= span:
                merged = tuple(
                    Change(
                        c.kind,
                        c.key,
                        next((o.old for o in rev.changes if (o.kind, o.key) == (c.kind, c.key)), c.old),
                        c.new,
                    )
                    for c in last.changes
                )
                out[-1] = Revision(last.rev, last.time, last.action, last.note, merged, last.finals)
                oldest = rev.time
                continue
        out.append(rev)
        oldest = rev.time
    return out


class HistoryDialog(QDialog):
    def __init__(self, controller: Any, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("修改历史")
        self._controller = controller
        self._revisions: list[Revision] = bursts(controller.history())
        layout = QVBoxLayout(self)
        note = QLabel(
            "每一次修改都已保存。选中一个版本后点“恢复到此版本”，报告就回到那时的样子；"
            "恢复本身也记入历史，之后仍可恢复回来。连续输入同一处的多次保存合并为一行。"
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(len(self._revisions), 4)
        self.table.setHorizontalHeaderLabels(["版本", "时间", "操作", "改动"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        for r, rev in enumerate(self._revisions):
            action = ACTION_LABELS.get(rev.action, rev.action)
            if rev.finals:
                action += "（定稿：" + "、".join(rev.finals) + "）"
            what = rev.note or describe(rev.changes, form)
            cells = [f"第 {rev.rev} 版", rev.time.replace("T", " ")[:19], action, what]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(describe(rev.changes, form) if c == 3 else text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, rev.rev)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        if self._revisions:
            self.table.selectRow(min(1, len(self._revisions) - 1))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("恢复到此版本(&R)")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(fitted_size(self, 880, 520))

    def selected_rev(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _restore(self) -> None:
        rev = self.selected_rev()
        if rev is not None:
            self._controller.restore(rev)
            self.accept()
