"""The quiet line above the page: which report is open and how many days are left to the deadline."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from reportdesk.form import Form
from reportdesk.report import Report

SOON = 14
LONG_PAST = 60


def deadline(form: Form, report: Report) -> date:
    """The legal publication deadline (条例 art. 49): 31 January, or 31 March for a government report."""
    mmdd = next((k.deadline for k in form.agency_kinds if k.key == report.agency.kind), "01-31")
    month, day = (int(x) for x in mmdd.split("-"))
    return date(report.year + 1, month, day)


def deadline_text(form: Form, report: Report, today: date, finals: tuple[str, ...] = ()) -> tuple[str, str]:
    """The banner's words and its tone ("calm", "soon", "late")."""
    due = deadline(form, report)
    when = f"{due.year}年{due.month}月{due.day}日"
    days = (due - today).days
    if finals:
        return f"已定稿（{'、'.join(finals)}）；法定公开期限 {when}。", "calm"
    if days < -LONG_PAST:
        # An old report kept for reference (last year's, imported): no alarm.
        return f"法定公开期限为 {when}。", "calm"
    if days < 0:
        return f"法定公开期限 {when} 已过 {-days} 天，请尽快完成并公开。", "late"
    if days == 0:
        return f"今天（{when}）是法定公开期限。", "late"
    return f"距法定公开期限 {when} 还有 {days} 天。", "soon" if days <= SOON else "calm"


_TONES = {
    "calm": "background:#eef3f8; color:#3d4a5a;",
    "soon": "background:#fff4d6; color:#6b4f00;",
    "late": "background:#fde7e6; color:#8a1f24;",
}


class Banner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.tone = "calm"
        self.hide()

    def show_report(
        self, form: Form, report: Report, today: date | None = None, finals: tuple[str, ...] = ()
    ) -> None:
        name = html.escape(report.agency.full_name or report.agency.name)
        words, self.tone = deadline_text(form, report, today or date.today(), finals)
        self.setText(f"<b>{name}</b> · {report.year} 年度报告　　{words}")
        self.setStyleSheet(f"QLabel {{ {_TONES[self.tone]} padding: 7px 14px; }}")
        self.show()
