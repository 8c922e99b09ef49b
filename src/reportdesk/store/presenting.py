"""How the ``db`` commands show what the store holds: readable Chinese text, or plain JSON."""

from __future__ import annotations

from typing import Any

from reportdesk.form import Form
from reportdesk.store.models import ACTION_LABELS, CELL, TEXT, Body, BodyReports, Change, ReportInfo, Revision
from reportdesk.values import display

_SHOWN_CHANGES = 6


def info_json(info: ReportInfo) -> dict[str, Any]:
    """A report's standing as a JSON object."""
    data: dict[str, Any] = {
        "id": info.id,
        "year": info.year,
        "rev": info.rev,
        "updated": info.updated,
        "finals": list(info.finals),
        "unrevised": list(info.unrevised),
    }
    if info.deleted is not None:
        data["deleted"] = info.deleted
    return data


def body_json(body: Body) -> dict[str, Any]:
    """A body as a JSON object."""
    return {
        "id": body.id,
        "name": body.name,
        "region": body.region,
        "kind": body.kind,
        "website": body.website,
    }


def bodies_json(bodies: list[BodyReports]) -> list[dict[str, Any]]:
    """``db list --json``: every body with its reports."""
    return [body_json(b.body) | {"reports": [info_json(r) for r in b.reports]} for b in bodies]


def _body_line(body: Body, form: Form) -> str:
    where = "，".join(x for x in (body.region, form.kind_label(body.kind)) if x)
    return f"机关 {body.id}  {body.name}（{where}）"


def _info_line(info: ReportInfo) -> str:
    parts = [
        f"报告 {info.id}",
        f"{info.year} 年",
        f"第 {info.rev} 版",
        f"更新于 {info.updated.replace('T', ' ')[:16]}",
    ]
    if info.finals:
        parts.append("定稿：" + "、".join(info.finals))
    if info.unrevised:
        parts.append(f"结转后未修改的文字 {len(info.unrevised)} 处")
    if info.deleted is not None:
        parts.append(f"删除于 {info.deleted.replace('T', ' ')[:16]}")
    return "  ".join(parts)


def bodies_text(bodies: list[BodyReports], form: Form) -> str:
    """``db list``: bodies and their reports, with the ids the other commands take."""
    if not bodies:
        return "数据库中还没有报告（可用“reportdesk db import 报告.json”导入）。"
    lines: list[str] = []
    for b in bodies:
        lines.append(_body_line(b.body, form))
        lines += [f"  {_info_line(r)}" for r in b.reports] or ["  （还没有报告）"]
    return "\n".join(lines)


def bin_text(entries: list[tuple[Body, ReportInfo]], form: Form) -> str:
    """``db bin``: what is in the bin."""
    if not entries:
        return "回收站是空的。"
    return "\n".join(f"{_info_line(info)}  {body.name}" for body, info in entries)


def _short(value: Any, limit: int = 24) -> str:
    if value is None:
        return "（空）"
    text = display(value) if not isinstance(value, str) else value
    text = text.replace("\n", "⏎")
    if text == "":
        return "（空）"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def change_text(change: Change, form: Form) -> str:
    """One change as ``what: old → new``."""
    old, new = change.value(change.old), change.value(change.new)
    if change.kind == TEXT and old is not None and new is not None:
        return f"{change.label(form)}：改写（{len(old)} 字 → {len(new)} 字）"
    if change.kind == CELL and change.old is None:
        return f"{change.label(form)}：{_short(new)}"
    return f"{change.label(form)}：{_short(old)} → {_short(new)}"


def history_text(revisions: list[Revision], form: Form) -> str:
    """``db history``: one line per revision, with what it changed."""
    lines: list[str] = []
    for r in revisions:
        action = ACTION_LABELS.get(r.action, r.action)
        head = f"第 {r.rev} 版  {r.time.replace('T', ' ')}  {action}"
        if r.author:
            head += f"  {r.author}"
        if r.note:
            head += f"（{r.note}）"
        if r.action in ("import", "create", "rollover") or len(r.changes) > _SHOWN_CHANGES:
            head += f"：{len(r.changes)} 项"
            if r.action not in ("import", "create", "rollover"):
                head += "，" + "；".join(change_text(c, form) for c in r.changes[:_SHOWN_CHANGES]) + "；……"
        elif r.changes:
            head += "：" + "；".join(change_text(c, form) for c in r.changes)
        else:
            head += "：无改动"
        lines.append(head)
        lines += [f"    定稿：{name}" for name in r.finals]
    return "\n".join(lines)
