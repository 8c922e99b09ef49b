"""Explanations (the officer's reasons for warnings), keyed by finding id.

Before ids existed a reason was kept under a bare code ("TXT-YEAR") and silently accepted every
later finding of that code. :func:`convert_code_keys` turns each such key, once, into keys for the
findings of that code present at that moment — and nothing else, so no old reason is lost and none
covers a future occurrence. A bare key with no finding of its code present is kept under
``CODE@?`` (:data:`UNPLACED`): shown as 已失效 with its text, accepting nothing. It is used when a
file is read (with last year's report when the command was given one) and by the database
migration; both go through this one function.
"""

from __future__ import annotations

from reportdesk.checks.findings import ABOUT_MARK, ID_MARK, id_code, is_bare_code, make_id
from reportdesk.checks.text_common import part_name
from reportdesk.form import Form
from reportdesk.report import Report

UNPLACED = "?"


def convert_code_keys(form: Form, report: Report, previous: Report | None = None) -> tuple[Report, list[str]]:
    """The report with every bare-code explanation key replaced by finding ids, and notes (Chinese)
    of what was converted. A report without bare keys is returned as it is."""
    if not any(is_bare_code(k) for k in report.explanations):
        return report, []
    from reportdesk.checks.run import check

    kept = {k: v for k, v in report.explanations.items() if not is_bare_code(k)}
    findings = check(form, report.with_explanations(kept, replace_all=True), previous)
    out: dict[str, str] = {}
    notes = []
    for key, reason in report.explanations.items():
        if not is_bare_code(key):
            out.setdefault(key, reason)
            continue
        ids = [f.id for f in findings if f.code == key]
        title = form.codes[key].title if key in form.codes else key
        if ids:
            for i in ids:
                out.setdefault(i, reason)
            notes.append(f"旧版按类型保存的说明“{title}”已转为现有 {len(ids)} 条该类提醒各自的说明")
        else:
            out.setdefault(make_id(key, UNPLACED), reason)
            notes.append(f"旧版按类型保存的说明“{title}”：现在没有这类提醒，说明已保留并标为已失效")
    return report.with_explanations(out, replace_all=True), notes


def describe_id(form: Form, key: str) -> str:
    """A person's description of a finding id, for reasons shown as 已失效:
    “正文年份与报告年度不符：六、其他需要报告的事项，2022年”."""
    code = id_code(key)
    title = form.codes[code].title if code in form.codes else code
    rest = key.split(ID_MARK, 1)[1] if ID_MARK in key else ""
    where, _, about = rest.partition(ABOUT_MARK)
    parts = [p for p in (_where_name(form, where), about) if p]
    return f"{title}：{'，'.join(parts)}" if parts else title


def _where_name(form: Form, where: str) -> str:
    if not where or where == UNPLACED:
        return "旧版说明，未对应到具体位置" if where == UNPLACED else ""
    if where in form.parts or where in form.text_extras:
        return part_name(form, where)
    section = next((s for s in form.sections if s.key == where), None)
    if section is not None:
        return section.heading
    cells = [k for k in where.split(",") if k in form.cells]
    if not cells:
        return where
    first = form.cells[cells[0]].label
    return first if len(cells) == 1 else f"{first}等 {len(cells)} 格"
