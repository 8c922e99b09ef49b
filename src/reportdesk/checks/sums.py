"""The sum rules of tables 三 and 四 (T3-ROW, T3-RESULTS, T3-BALANCE, T4-TOTAL), each finding
naming the one cell to fix with what it should hold — or saying that the sums cannot tell.

:mod:`reportdesk.checks.blame` finds the cells that alone explain the broken rules. One slip is
one finding: when a single cell explains them all, one finding names it (``expected``/``actual``
set, the cell first); when several cells could, one finding names the rule's sides without an
``expected``, says it cannot tell, and — for a column of table 三 out of balance — says which side
other evidence points to and why (the figures the narrative quotes, last year's 结转下年度). When no
single cell explains every broken rule there is more than one slip: each group of rules sharing
cells is judged on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from reportdesk.checks.blame import Culprit, culprits, defining, groups
from reportdesk.checks.findings import Finding, make
from reportdesk.checks.text_common import count_sum, normalize, scanned_keys
from reportdesk.form import Form, Relation, Term
from reportdesk.report import Report

Number = int | Decimal
Sides = dict[int, tuple[Number, Number]]  # relation index → (Σ lhs, Σ rhs) of each broken rule


def side_sum(values: Mapping[str, Number], terms: tuple[Term, ...]) -> Number | None:
    """Σ weight × value over this year's terms; None when a cell is blank or unusable."""
    total: Number = 0
    for t in terms:
        v = values.get(t.key)
        if v is None:
            return None
        total += t.weight * v
    return total


def broken_rules(form: Form, values: Mapping[str, Number]) -> tuple[Sides, frozenset[int]]:
    """The broken current-year rules with their sides, and the rules that were checked and hold."""
    broken: Sides = {}
    holding: set[int] = set()
    for i, rel in enumerate(form.relations):
        lhs, rhs = side_sum(values, rel.lhs), side_sum(values, rel.rhs)
        if lhs is None or rhs is None:
            continue
        if lhs == rhs:
            holding.add(i)
        else:
            broken[i] = (lhs, rhs)
    return broken, frozenset(holding)


def sum_findings(
    form: Form, report: Report, values: Mapping[str, Number], previous: Report | None
) -> list[Finding]:
    """The findings of the sum rules; ``values`` are the usable numbers of ``report``."""
    broken, holding = broken_rules(form, values)
    if not broken:
        return []
    residuals = {i: lhs - rhs for i, (lhs, rhs) in broken.items()}
    one_slip = culprits(form, values, residuals, holding)
    if one_slip:
        return [_judged(form, report, values, previous, broken, sorted(broken), one_slip)]
    out = []
    for group in groups(form, sorted(broken)):
        found = culprits(form, values, {i: residuals[i] for i in group}, holding)
        if len({c.key for c in found}) == 1:
            out.append(_judged(form, report, values, previous, broken, group, found))
        else:
            out += [_undecided(form, report, values, previous, broken, [i]) for i in group]
    return out


def _judged(
    form: Form,
    report: Report,
    values: Mapping[str, Number],
    previous: Report | None,
    broken: Sides,
    group: list[int],
    found: list[Culprit],
) -> Finding:
    keys = list(dict.fromkeys(c.key for c in found))
    if len(keys) > 1:
        return _undecided(form, report, values, previous, broken, group)
    return _blamed(form, broken, group, found[0])


def _blamed(form: Form, broken: Sides, group: list[int], culprit: Culprit) -> Finding:
    key = culprit.key
    primary = defining(form, key, group)
    if primary is None:
        primary = next((i for i in group if key in form.relations[i].keys), group[0])
    rel = form.relations[primary]
    order = [primary, *(i for i in group if i != primary)]
    said = "；".join(statement(form, form.relations[i], *broken[i]) for i in order)
    actual = culprit.value + culprit.error
    where = f"以下 {len(group)} 处都" if len(group) > 1 else "即"
    message = (
        f"应是{form.cells[key].label}填错：填的是 {actual}，改为 {culprit.value} 后{where}相符"
        f"（其他任何一格单独改动都做不到）：{said}。"
    )
    return make(
        form,
        rel.code,
        message,
        cells=_cells(form, key, order),
        expected=str(culprit.value),
        actual=str(actual),
        place=",".join(rel.keys),
    )


def _cells(form: Form, first: str | None, order: list[int]) -> tuple[str, ...]:
    """The cells of the rules in ``order``, ``first`` (the cell to fix) before them."""
    keys = [k for i in order for k in form.relations[i].keys]
    return tuple(dict.fromkeys([first, *keys] if first is not None else keys))


def _undecided(
    form: Form,
    report: Report,
    values: Mapping[str, Number],
    previous: Report | None,
    broken: Sides,
    group: list[int],
) -> Finding:
    rel = form.relations[group[0]]
    lhs, rhs = broken[group[0]]
    message = statement(form, rel, lhs, rhs)
    if rel.code == "T3-BALANCE":
        message += f"，相差 {abs(lhs - rhs)}"
    others = [_also(form, form.relations[i], *broken[i]) for i in group[1:]]
    if others:
        message += "（" + "，".join(others) + "）"
    message += "。" + _CANNOT_TELL[rel.code]
    balances = [form.relations[i] for i in group if form.relations[i].code == "T3-BALANCE"]
    hints = (_likely_side(form, report, values, previous, b) for b in balances)
    message += next((h for h in hints if h), "")
    message += _CHECK[rel.code]
    return make(form, rel.code, message, cells=_cells(form, None, group), place=",".join(rel.keys))


def _row(form: Form, key: str) -> str:
    return form.cells[key].label.split("」")[0] + "」"


def _column(form: Form, key: str) -> str:
    return form.cells[key].label.split("」", 1)[1]


def _also(form: Form, rel: Relation, lhs: Number, rhs: Number) -> str:
    """A rule broken by the same slip, in a few words."""
    key = rel.lhs[0].key
    if rel.code == "T3-BALANCE":
        return f"“{_column(form, key)}”一列也因此相差 {abs(lhs - rhs)}"
    if rel.code == "T3-RESULTS":
        return f"“{_column(form, key)}”一列的（七）总计也因此不符"
    return f"{_row(form, key)}总计也因此不符"


def statement(form: Form, rel: Relation, lhs: Number, rhs: Number) -> str:
    """What a broken rule says, in figures (no advice)."""
    key = rel.lhs[0].key
    if rel.code == "T3-ROW":
        return f"{_row(form, key)}总计为 {lhs}，但各类申请人相加为 {rhs}"
    if rel.code == "T3-RESULTS":
        return f"{form.cells[key].label}为 {lhs}，但 {len(rel.rhs)} 项办理结果相加为 {rhs}"
    if rel.code == "T3-BALANCE":
        return (
            f"表三“{_column(form, key)}”一列不平衡：第一项加第二项（本年新收加上年结转）为 {lhs}，"
            f"第三项（七）总计加第四项（结转下年度）为 {rhs}"
        )
    return f"{_row(form, key)}总计为 {lhs}，但结果维持、结果纠正、其他结果、尚未审结相加为 {rhs}"


_CANNOT_TELL = {
    "T3-ROW": "仅凭表内数字无法判断是总计还是某一类申请人的数字填错。",
    "T3-RESULTS": "仅凭表内数字无法判断是（七）总计还是某项办理结果填错。",
    "T3-BALANCE": "仅凭表内数字无法判断是哪一边填错：可能是本年新收或上年结转，也可能是某项办理结果或结转下年度。",
    "T4-TOTAL": "仅凭表内数字无法判断是总计还是某项结果填错。",
}
_CHECK = {
    "T3-ROW": "请逐格核对这一行。",
    "T3-RESULTS": "请逐格核对这一列的办理结果。",
    "T3-BALANCE": "请逐格核对这一列。",
    "T4-TOTAL": "请逐格核对这一组数字。",
}


def _likely_side(
    form: Form, report: Report, values: Mapping[str, Number], previous: Report | None, rel: Relation
) -> str:
    """Which side of a column's balance other evidence points to, and why ('' when none does)."""
    support = _support(form, report, values, previous)
    left = tuple(t.key for t in rel.lhs)  # 一, 二
    right = tuple(t.key for t in rel.rhs)  # （七）总计, 四
    left_why = _confirmed(left, support)
    right_why = _confirmed(right, support)
    column = _column(form, left[0])
    if left_why and not right_why:
        return f"不过“{column}”一列的第一、二项{left_why}，更可能是某项办理结果或第四项有误。"
    if right_why and not left_why:
        return f"不过“{column}”一列的（七）总计和第四项{right_why}，更可能是第一项或第二项有误。"
    return ""


def _confirmed(side: tuple[str, ...], support: Mapping[tuple[str, ...], str]) -> str:
    """Why every cell of a side is borne out by other evidence ('' when one is not)."""
    if side in support:
        return support[side]
    reasons = [support.get((k,)) for k in side]
    if not all(reasons):
        return ""
    return "、".join(dict.fromkeys(r for r in reasons if r))


def _support(
    form: Form, report: Report, values: Mapping[str, Number], previous: Report | None
) -> dict[tuple[str, ...], str]:
    """Cells (or sums of cells) borne out by evidence outside the table, with the reason:
    a figure the narrative quotes that agrees, last year's 结转下年度 for this year's 上年结转."""
    from reportdesk.checks.text_numbers import claims, quote_claim

    out: dict[tuple[str, ...], str] = {}
    if previous is not None:
        for col in form.t3.columns:
            now, then = (
                values.get(f"t3.carried_in.{col.key}"),
                previous.cells.get(f"t3.carried_out.{col.key}"),
            )
            if now is not None and now == then:
                out[(f"t3.carried_in.{col.key}",)] = "与上年报告的结转下年度一致"
    for key in scanned_keys(form, report):
        text = report.text(key)
        if not text.strip():
            continue
        found, t = claims(form, normalize(text), key, report.year, report.agency.kind == "government")
        for claim in found:
            if claim.percent_of is not None or claim.relative:
                continue
            # "收到 N 件" may mean 一 or 一 + 二: it bears a figure out only when both readings agree.
            sums = {count_sum(report, c) for c in claim.target.choices}
            if sums == {claim.value}:
                for choice in claim.target.choices:
                    out.setdefault(choice, f"与正文“{quote_claim(text, t, claim)}”一致")
    return out
