"""The report's history as an officer reads it (no Qt): each revision in words — 修改表三「（一）予以公开」
自然人：26 → 62, 改动表三 25 行共 150 个数字, 接受提醒…, 恢复到第 3 版 — and a run of keystrokes in
one cell or text as one step."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from reportdesk.form import Form
from reportdesk.store.models import AGENCY, CELL, EXPLANATION, TEXT, UNSURE, Change, Revision
from reportdesk.values import display

SHOWN = 3
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
# Revisions that are not the officer's own edits, in words (their note says the rest).
ACTION_WORDS = {
    "import": "导入报告",
    "create": "新建报告",
    "rollover": "由上年报告结转",
    "restore": "恢复",
    "aggregate": "汇总各机关报告的表二至表四",
    "migrate": "程序升级时更新",
}


def in_words(rev: Revision, form: Form) -> str:
    """What a revision did, in a line of Chinese."""
    if rev.action != "edit":
        words = rev.note or ACTION_WORDS.get(rev.action, "修改")
        if rev.action == "import" and rev.note:
            words = f"导入报告（{rev.note}）"
    else:
        words = edit_words(rev.changes, form) or "修改"
    if rev.finals:
        words += "（记为定稿：" + "、".join(rev.finals) + "）"
    return words


def edit_words(changes: tuple[Change, ...], form: Form) -> str:
    """An edit's changes: the figures typed (never the totals that followed), texts, reasons, the body."""
    parts: list[str] = []
    typed = [c for c in changes if c.kind == CELL and not _computed(form, c.key)]
    if len(typed) == 1:
        c = typed[0]
        parts.append(f"修改{c.label(form)}：{_shown(c.old, c)} → {_shown(c.new, c)}")
    elif typed:
        tables = "、".join(dict.fromkeys(TABLE_NAMES.get(c.key.split(".", 1)[0], "表格") for c in typed))
        rows = len({c.key.rsplit(".", 1)[0] for c in typed})
        verb = "清空" if all(c.new is None or c.value(c.new) is None for c in typed) else "改动"
        parts.append(f"{verb}{tables} {rows} 行共 {len(typed)} 个数字")
    elif any(c.kind == CELL for c in changes):
        parts.append("重新计算总计")
    for c in changes:
        if c.kind == TEXT:
            text = c.value(c.new) or ""
            parts.append(f"修改“{c.label(form)}”（共 {len(text)} 字）" if text else f"清空“{c.label(form)}”")
        elif c.kind == EXPLANATION:
            parts.append(_reason_words(c, form))
        elif c.kind == AGENCY:
            parts.append(f"修改{c.label(form)}：{_shown(c.old, c) or '空'} → {_shown(c.new, c) or '空'}")
    parts += _mark_words([c for c in changes if c.kind == UNSURE])
    if len(parts) > SHOWN:
        parts = [*parts[:SHOWN], f"等 {len(parts)} 处"]
    return "；".join(parts)


def _mark_words(marks: list[Change]) -> list[str]:
    """Marks of imported figures removed (the officer checked them) or put back (an undo)."""
    gone = sum(1 for c in marks if c.new is None)
    back = len(marks) - gone
    return [w for n, w in ((gone, f"确认导入的数字 {gone} 个"), (back, f"恢复导入待核对标记 {back} 个")) if n]


def _reason_words(c: Change, form: Form) -> str:
    from reportdesk.checks import describe_id

    what = describe_id(form, c.key)
    if c.new is None:
        return f"撤销对提醒“{what}”的说明"
    if c.old is None:
        return f"接受提醒“{what}”，理由：{c.value(c.new)}"
    return f"修改提醒“{what}”的理由：{c.value(c.new)}"


def _computed(form: Form, key: str) -> bool:
    cell = form.cells.get(key)
    return cell is not None and cell.computed


def _shown(stored: str | None, c: Change) -> str:
    if c.kind == CELL:
        return display(c.value(stored)) or "空"
    value = c.value(stored)
    return "" if value is None else str(value)


def details(changes: tuple[Change, ...], form: Form) -> str:
    """Every change of a revision, one a line (the tooltip of its row)."""
    lines = []
    for c in changes:
        if c.kind == TEXT:
            lines.append(f"{c.label(form)}：{len(c.value(c.new) or '')} 字")
        else:
            lines.append(f"{c.label(form)}：{_shown(c.old, c) or '空'} → {_shown(c.new, c) or '空'}")
    return "\n".join(lines)


def _typed(rev: Revision, form: Form | None) -> frozenset[tuple[str, str]]:
    """The keys a revision's typing changed: a total that followed on one keystroke and not the
    next (it stayed the same) does not split a run."""
    return frozenset(
        (c.kind, c.key)
        for c in rev.changes
        if not (c.kind == CELL and form is not None and _computed(form, c.key))
    )


def _merge(later: Revision, earlier: Revision) -> Revision:
    """One step: each key from its earliest "before" to its latest "after"."""
    before = {(c.kind, c.key): c.old for c in earlier.changes}
    seen = {(c.kind, c.key) for c in later.changes}
    changes = [*later.changes, *(c for c in earlier.changes if (c.kind, c.key) not in seen)]
    return replace(
        later,
        changes=tuple(Change(c.kind, c.key, before.get((c.kind, c.key), c.old), c.new) for c in changes),
    )


def _seconds(later: str, earlier: str) -> float | None:
    try:
        return (datetime.fromisoformat(later) - datetime.fromisoformat(earlier)).total_seconds()
    except ValueError:
        return None


def bursts(
    revisions: list[Revision], form: Form | None = None, pause: float = 10.0, span: float = 120.0
) -> list[Revision]:
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
            and rev.author == last.author
            and _typed(rev, form) == _typed(last, form)
        ):
            gap, covered = _seconds(oldest, rev.time), _seconds(last.time, rev.time)
            if gap is not None and covered is not None and gap <= pause and covered <= span:
                out[-1] = _merge(last, rev)
                oldest = rev.time
                continue
        out.append(rev)
        oldest = rev.time
    return out
