"""How the 检查结果 panel words findings and kept reasons (no widgets: also used by the pages)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from reportdesk.form import Form
from reportdesk.ui import theme
from reportdesk.ui.control.session import finding_section

if TYPE_CHECKING:
    from reportdesk.checks import Finding

WHOLE = "全文"
STALE_GROUP = "已失效的说明"
LISTED_CHARS = 48  # about two lines of the list; more items in sight


def finding_html(f: Finding, link: str | None = None) -> str:
    """One finding as a line of rich text: a coloured tag, the message, and a link to act on it."""
    if f.accepted:
        tag, color = "已说明", theme.LEVEL_COLORS["accepted"]
    elif f.level == "error":
        tag, color = "错误", theme.LEVEL_COLORS["error"]
    else:
        tag, color = "提醒", theme.LEVEL_COLORS["warning"]
    out = f"<span style='color:{color.name()}; font-weight:bold'>【{tag}】</span>{html.escape(f.message)}"
    if link:
        out += f" <a href='{link}'>处理…</a>"
    return out


def shortened(message: str) -> str:
    """A finding's message as the list shows it (the detail below shows it whole)."""
    return message if len(message) <= LISTED_CHARS else message[: LISTED_CHARS - 1] + "…"


def code_tag(code: str) -> str:
    """The finding's code as a small grey tag after its title (for whoever looks it up in the spec)."""
    return f"&nbsp;&nbsp;<span style='color:#8a8f98; font-size:small'>{html.escape(code)}</span>"


def grey(text: str) -> str:
    return f"<span style='color:#5f6670'>{html.escape(text)}</span>"


def identity(f: Finding) -> str:
    """What stays the same about a finding while the figures in its message change: its id."""
    return f.id


def ordered(form: Form, findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """(section heading, its findings) in report order; errors, then open warnings, then accepted."""
    groups: dict[str, list[Finding]] = {s.key: [] for s in form.sections}
    groups[WHOLE] = []
    for f in findings:
        groups[finding_section(form, f) or WHOLE].append(f)
    headings = {s.key: s.heading for s in form.sections} | {WHOLE: WHOLE}
    rank = {"error": 0, "warning": 1}
    return [
        (headings[k], sorted(fs, key=lambda f: (f.accepted, rank[f.level]))) for k, fs in groups.items() if fs
    ]


def others_open(findings: list[Finding], f: Finding) -> list[Finding]:
    """The other warnings of ``f``'s kind shown now that have no reason of their own."""
    return [
        x for x in findings if x.code == f.code and x.id != f.id and x.level == "warning" and not x.accepted
    ]


def stale_html(description: str, reason: str) -> str:
    """A kept reason whose warning no longer occurs, as the detail shows it."""
    color, tag = theme.LEVEL_COLORS["accepted"].name(), "【已失效】"
    return "<br>".join(
        [
            f"<span style='color:{color}; font-weight:bold'>{tag}</span>{html.escape(description)}",
            f"说明：{html.escape(reason)}",
            grey(
                "这条说明所对应的提醒已不再出现（例如数字已改正）。说明仍保留在报告中，并列入审核单；"
                "不再需要时可删除。"
            ),
        ]
    )
