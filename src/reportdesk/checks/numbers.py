"""Checks on the tables: value types, blanks, the sum rules (in :mod:`reportdesk.checks.sums`),
and the cross-year rules.

Every sum rule is a weighted relation from the form description (Σ lhs = Σ rhs), checked
the same way whatever table it belongs to. A relation touching a blank or invalid cell is
not checked: BLANK and VALUE already point at that cell, and one defect should raise one
kind of finding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache

from reportdesk.checks.findings import Finding, make
from reportdesk.checks.sums import broken_rules, sum_findings
from reportdesk.form import Cell, Form, Relation, Term
from reportdesk.report import Agency, Report
from reportdesk.values import CellValue, Invalid, is_number, range_problem

Number = int | Decimal


def number_findings(form: Form, report: Report, previous: Report | None) -> list[Finding]:
    """Findings on the numeric cells; cross-year rules run when ``previous`` is given."""
    found = value_findings(form, report)
    found += blank_findings(form, report)
    now = usable(form, report)
    found += sum_findings(form, report, now, previous)
    found += regulation_findings(form, report)
    if previous is not None:
        then = usable(form, previous)
        found += [f for rel in form.cross_year if (f := relation_finding(form, rel, now, then))]
        found += jump_findings(form, report, previous)
    return found


def usable(form: Form, report: Report) -> dict[str, Number]:
    """The cells holding an acceptable number: the only ones the sum rules look at."""
    out: dict[str, Number] = {}
    for key, cell in form.cells.items():
        v = report.cells.get(key)
        if v is not None and not _invalid_reason(cell, v):
            out[key] = v  # type: ignore[assignment]
    return out


def value_findings(form: Form, report: Report) -> list[Finding]:
    """VALUE: a cell holding what is not a count or an amount."""
    out = []
    for key, cell in form.cells.items():
        v = report.cells.get(key)
        if v is None:
            continue
        reason = _invalid_reason(cell, v)
        if reason:
            raw = v.raw if isinstance(v, Invalid) else v
            out.append(
                make(
                    form,
                    "VALUE",
                    f"{cell.label}：{reason}。请改为{_what(cell)}。",
                    cells=(key,),
                    actual=str(raw),
                )
            )
    return out


def _invalid_reason(cell: Cell, v: CellValue) -> str | None:
    """Why a value cannot stand in its cell; values made in code are held to the same rules."""
    if isinstance(v, Invalid):
        return v.reason
    if isinstance(v, bool) or not isinstance(v, int | Decimal):
        return f"“{v}”不是数字"
    if v < 0:
        return f"{v} 是负数，不能为负"
    if cell.kind == "count" and not isinstance(v, int):
        return f"{v} 不是整数，件数必须是整数"
    return range_problem(v, cell.kind)


def _what(cell: Cell) -> str:
    return "不小于 0 的整数" if cell.kind == "count" else "以万元为单位、不小于 0 的金额"


@lru_cache(maxsize=4)
def _rows(form: Form) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each printed row of the three tables with its cell keys, in report order."""
    rows: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for key, cell in form.cells.items():
        rid = f"{cell.table}.{cell.row}"
        rows.setdefault(rid, []).append(key)
        names.setdefault(rid, cell.label.split("」")[0] + "」")
    return tuple((names[rid], tuple(keys)) for rid, keys in rows.items())


def blank_findings(form: Form, report: Report) -> list[Finding]:
    """BLANK: one finding per printed row that has blank cells (a final report prints 0)."""
    out = []
    for row_name, keys in _rows(form):
        blank = [k for k in keys if report.cells.get(k) is None]
        if not blank:
            continue
        columns = "、".join(form.cells[k].label.split("」", 1)[1] for k in blank)
        whole = "整行" if len(blank) == len(keys) else f"有 {len(blank)} 格"
        out.append(
            make(
                form,
                "BLANK",
                f"{row_name}{whole}未填（{columns}）。正式报告不留空格：没有发生的请填 0。",
                cells=tuple(blank),
            )
        )
    return out


Numbers = Mapping[str, Number]


def _sum(now: Numbers, then: Numbers | None, terms: tuple[Term, ...]) -> Number | None:
    total: Number = 0
    for t in terms:
        v = (then or {}).get(t.key) if t.previous else now.get(t.key)
        if v is None:
            return None
        total += t.weight * v
    return total


def disagreements(form: Form, report: Report) -> int:
    """How many sum rules of tables 三 and 四 are broken (a measure of how well cells agree, as an
    importer choosing among ways to read a row needs; findings group several into one)."""
    return len(broken_rules(form, usable(form, report))[0])


def relation_finding(form: Form, rel: Relation, now: Numbers, then: Numbers | None) -> Finding | None:
    """The finding for one broken cross-year relation, or None when it holds or cannot be checked.

    ``now`` and ``then`` are this year's and last year's usable numbers (see :func:`usable`).
    """
    lhs = _sum(now, then, rel.lhs)
    rhs = _sum(now, then, rel.rhs)
    if lhs is None or rhs is None or lhs == rhs:
        return None
    cells = rel.keys
    message = _MESSAGES[rel.code](form, rel, lhs, rhs)
    return make(
        form, rel.code, message, cells=cells, expected=str(rhs), actual=str(lhs), place=",".join(rel.keys)
    )


def _label(form: Form, key: str) -> str:
    return form.cells[key].label


def _row_part(form: Form, key: str) -> str:
    return form.cells[key].label.split("」")[0] + "」"


def _msg_carry(form: Form, rel: Relation, lhs: Number, rhs: Number) -> str:
    return (
        f"{_label(form, rel.lhs[0].key)} 为 {lhs}，但上年报告“四、结转下年度继续办理”为 {rhs}。"
        f"上年结转的申请一般应与上年报告衔接；如有原因请核对或说明。"
    )


def _msg_stock(form: Form, rel: Relation, lhs: Number, rhs: Number) -> str:
    row = _row_part(form, rel.lhs[0].key)
    return (
        f"{row}现行有效件数为 {lhs}，但按上年现行有效件数加本年制发、减本年废止应为 {rhs}。"
        f"如因文件到期失效、清理等原因不一致，请核对或说明。"
    )


_MESSAGES = {
    "X-CARRY": _msg_carry,
    "X-STOCK": _msg_stock,
}


def jump_findings(form: Form, report: Report, previous: Report) -> list[Finding]:
    """YOY-JUMP: a watched table-2 figure grew tenfold or fell to 0 against last year."""
    out = []
    factor = form.jump_factor
    for key in form.jump_cells:
        now, then = report.cells.get(key), previous.cells.get(key)
        if not (is_number(now) and is_number(then)) or then == 0:
            continue
        assert isinstance(now, int | Decimal) and isinstance(then, int | Decimal)
        if now == 0:
            what = f"从上年的 {then} 降为 0"
        elif now >= then * factor:
            what = f"从上年的 {then} 增至 {now}（{factor} 倍以上）"
        else:
            continue
        unit = "（注意单位是万元，不是元）" if form.cells[key].kind == "amount" else ""
        out.append(
            make(
                form,
                form.jump_code,
                f"{_label(form, key)}{what}。请确认不是录入错误{unit}；如属实请说明原因。",
                cells=(key,),
                expected=str(then),
                actual=str(now),
            )
        )
    return out


def can_make_regulations(form: Form, agency: Agency) -> bool:
    """Whether the body may make 规章 (国务院部门; 省级 and 设区的市/自治州 governments)."""
    patterns = form.regulation_makers.get(agency.kind, ())
    names = {agency.name.strip(), (agency.region + agency.name).strip()}
    return any(re.search(p, n) for p in patterns for n in names if n)


def regulation_findings(form: Form, report: Report) -> list[Finding]:
    """REG-KIND: 规章 figures for a body that cannot make 规章."""
    nonzero = [k for k in form.regulation_cells if is_number(v := report.cells.get(k)) and v != 0]
    if not nonzero or can_make_regulations(form, report.agency):
        return []
    kind = form.kind_label(report.agency.kind)
    return [
        make(
            form,
            "REG-KIND",
            f"表二“规章”一行有数字，但“{report.agency.name or '本机关'}”（{kind}）无权制定规章"
            f"（只有国务院部门和省级、设区的市级人民政府可以）。本机关制发的文件应填在“行政规范性文件”一行；"
            f"如确有规章，请说明。",
            cells=tuple(nonzero),
            place=",".join(form.regulation_cells),
        )
    ]
