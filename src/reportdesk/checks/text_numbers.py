"""TXT-NUM: figures in the narrative that disagree with tables 三 and 四.

The ``text_claims*`` modules read the figures; this module compares each with the table and words
the finding. A comparison is skipped when a cell it needs is blank or invalid (BLANK and VALUE
already point there). Counts about applications received may mean 一 alone or 一 + 二 (both
usages occur in real reports), so either is accepted. A share may be of （七）总计 (the applications
handled), of 一 (received this year) or of 一 + 二 (all to be handled): it is flagged only when it
fits none of them, i.e. when it is a whole unit of its last printed digit or more away from every
exact share (rounding, truncation and shares nudged to add up to 100% all stay within one unit).
When a total of the table does not add up (T3-ROW, T3-RESULTS or T4-TOTAL already name it), a
figure equal to the sum of its parts is not flagged: one slip, one finding. A change against last
year is compared only when last year's report is given. The same figure claimed the same way
several times in one part is one finding (its id), which says how often.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from reportdesk.checks.findings import Finding, make
from reportdesk.checks.text_claims import (
    CARRIED_IN,
    CARRY_WORDS,
    DONE_WORDS,
    NEW,
    RECEIVE_WORDS,
    RESULTS,
    Claim,
    Reader,
    Text,
    carry_claims,
    done_claims,
    receive_claims,
)
from reportdesk.checks.text_claims_relative import RATE, RELATIVE_WORDS, relative_claims
from reportdesk.checks.text_claims_results import CATEGORY_WORDS, category_claims
from reportdesk.checks.text_claims_t4 import T4_WORDS, t4_claims
from reportdesk.checks.text_common import count_sum, count_value, part_name, quote
from reportdesk.form import Form, Term
from reportdesk.report import Report

CODE = "TXT-NUM"
Table = Callable[[tuple[str, ...]], "int | None"]  # the sum of some count cells, None when blank
# Every value the sum of some cells may be read as (see readings()), None when one is blank.
Readings = Callable[[tuple[str, ...]], "frozenset[int] | None"]
# Most specific first: a number already claimed by an earlier reader is not read again
# (so "上年度结转申请34件" is a carry-over, not a receipt, and "不予公开3件" not a reply count).
# Each reader runs only when one of its keywords occurs in the text.
READERS: tuple[tuple[tuple[str, ...], Reader], ...] = (
    (T4_WORDS, t4_claims),
    (CARRY_WORDS, carry_claims),
    (CATEGORY_WORDS, category_claims),
    (DONE_WORDS, done_claims),
    (RECEIVE_WORDS, receive_claims),
)
TRIGGERS = tuple(dict.fromkeys([*(w for words, _ in READERS for w in words), *RELATIVE_WORDS]))


@lru_cache(maxsize=256)
def claims(
    form: Form, text: str, key: str, year: int, summed: bool = False
) -> tuple[tuple[Claim, ...], Text]:
    """Every figure read from one normalised text part, in text order (``summed``: the report's
    tables sum many bodies, a government's report).

    Cached: while an officer types figures into the tables the texts do not change, so the
    checks on every keystroke only compare, they do not read the text again.
    """
    t = Text(form, text, key, year, TRIGGERS, summed)
    found: dict[int, Claim] = {}
    for words, reader in READERS:
        if t.has(words):
            for claim in reader(t):
                found.setdefault(claim.pos, claim)
    read = [found[pos] for pos in sorted(found)]
    if t.has(RELATIVE_WORDS):
        for claim in relative_claims(t, read):
            found.setdefault(claim.pos, claim)
    return tuple(found[pos] for pos in sorted(found)), t


def text_number_findings(
    form: Form, report: Report, key: str, text: str, previous: Report | None = None
) -> list[Finding]:
    """TXT-NUM findings for one text part: ``key``, its ``text`` already normalised."""
    found, t = claims(form, text, key, report.year, report.agency.kind == "government")
    now: dict[tuple[str, ...], int | None] = {}  # the same cells are often compared repeatedly
    then: dict[tuple[str, ...], int | None] = {}
    read_as: dict[tuple[str, ...], frozenset[int] | None] = {}

    def table(keys: tuple[str, ...]) -> int | None:
        if keys not in now:
            now[keys] = count_sum(report, keys)
        return now[keys]

    def sums(keys: tuple[str, ...]) -> frozenset[int] | None:
        if keys not in read_as:
            read_as[keys] = readings(form, report, keys)
        return read_as[keys]

    def last_year(keys: tuple[str, ...]) -> int | None:
        if previous is None:
            return None
        if keys not in then:
            then[keys] = count_sum(previous, keys)
        return then[keys]

    original = report.text(key)
    groups: dict[tuple[object, ...], list[Claim]] = {}
    for claim in found:
        same = (claim.target, claim.value, claim.percent_of, claim.relative, claim.sign)
        groups.setdefault(same, []).append(claim)
    out = []
    for group in groups.values():
        claim = group[0]

        def said_in_text(claim: Claim = claim) -> str:
            return quote_claim(original, t, claim)

        if claim.relative:
            finding = _compare_change(form, key, claim, table, last_year, said_in_text)
        elif claim.percent_of is not None:
            finding = _compare_share(form, key, claim, table, sums, said_in_text)
        else:
            finding = _compare_count(form, key, claim, table, sums, said_in_text)
        if finding is not None and len(group) > 1:
            said = f"写“{said_in_text()}”"
            finding = replace(
                finding, message=finding.message.replace(said, f"{said}（共 {len(group)} 处）", 1)
            )
        if finding is not None:
            out.append(finding)
    return out


def quote_claim(original: str, t: Text, claim: Claim) -> str:
    """The officer's phrase: the clause holding the figure, or the phrase itself when that is long."""
    start = min(t.spans.clause(claim.start)[0], claim.start)
    end = max(t.spans.clause(claim.pos)[1], claim.end)
    return quote(original, start, end) if end - start <= 40 else quote(original, claim.start, claim.end)


@lru_cache(maxsize=256)
def _describe(form: Form, keys: tuple[str, ...]) -> str:
    """A person's name for the sum of ``keys``: a cell label, a group of leaves, or a sum."""
    labels = [form.cells[k].label for k in keys]
    if len(keys) == 1:
        return labels[0]
    first = form.cells[keys[0]]
    rows = [r for r in form.t3.rows if f"t3.{r.key}.{first.column}" in keys]
    if first.table == "t3" and len(rows) == len(keys) and rows[0].path:
        group = rows[0].path[-1]
        siblings = [r for r in form.t3.rows if r.path and r.path[-1] == group]
        if siblings == rows:
            column = labels[0].split("」", 1)[1]
            return f"{labels[0][:2]}「{group}」各项{column}之和"
    return labels[0] + "".join(f"加{label[2:]}" for label in labels[1:]) + "之和"


@lru_cache(maxsize=4)
def _parts(form: Form) -> Mapping[str, tuple[tuple[Term, ...], ...]]:
    """For each computed cell (a 总计), the terms of every rule it is the sum of."""
    out: dict[str, list[tuple[Term, ...]]] = {}
    for rel in form.relations:
        if rel.derives:
            out.setdefault(rel.derives, []).append(rel.rhs)
    return {k: tuple(v) for k, v in out.items()}


_MAX_READINGS = 64
# What a share may be of, as the officer calls it (keys of the exchange format, see text_claims).
_BASES = {
    (RESULTS,): "办理总数（（七）总计）",
    (NEW,): "本年新收（第一项）",
    (NEW, CARRIED_IN): "新收加上年结转（第一、二项）",
}


def readings(form: Form, report: Report, keys: tuple[str, ...]) -> frozenset[int] | None:
    """Every value the sum of ``keys`` may be read as: as printed, and with any 总计 among them
    replaced by the sum of its parts where those do not add up to it (the officer may have quoted the
    right figure while the table's total is the slip). None when a cell is blank or invalid."""
    printed = count_sum(report, keys)
    if printed is None:
        return None
    found = {0}
    for key in keys:
        values = {count_value(report, key) or 0}
        for terms in _parts(form).get(key, ()):
            parts = [count_value(report, t.key) for t in terms]
            if all(v is not None for v in parts):
                values.add(sum(t.weight * (v or 0) for t, v in zip(terms, parts, strict=True)))
        found = {f + v for f in found for v in values}
        if len(found) > _MAX_READINGS:  # many totals broken at once: read as printed only
            return frozenset({printed})
    return frozenset(found)


def _compare_count(
    form: Form,
    key: str,
    claim: Claim,
    table: Table,
    sums: Readings,
    said_in_text: Callable[[], str],
) -> Finding | None:
    """The finding when a count differs from every reading of the table."""
    values: list[tuple[tuple[str, ...], int]] = []
    for keys in claim.target.choices:
        v = table(keys)
        if v is None:
            break  # a later choice adds cells to an earlier one: blank means not comparable
        if all(v != seen for _, seen in values):
            values.append((keys, v))
    if not values or any(claim.value in (sums(keys) or ()) for keys, _ in values):
        return None
    first = values[0][0]
    said = f"{_describe(form, first)}为 {values[0][1]}{_summed(sums, first, values[0][1])}"
    for keys, v in values[1:]:
        extra = keys[len(first) :] if keys[: len(first)] == first else ()
        said += f"，加上{_describe(form, extra)[2:]}为 {v}" if extra else f"，{_describe(form, keys)}为 {v}"
        said += _summed(sums, keys, v)
    readings_said = [str(x) for keys, v in values for x in (v, *sorted((sums(keys) or set()) - {v}))]
    return make(
        form,
        CODE,
        f"{part_name(form, key)} 写“{said_in_text()}”，但{said}。"
        f"请改正文字或表格；如文字与表格的统计口径不同，请在文字中写明。",
        texts=(key,),
        cells=tuple(dict.fromkeys(k for keys in claim.target.choices for k in keys)),
        expected=" 或 ".join(dict.fromkeys(readings_said)),
        actual=str(claim.value),
        about=f"{claim.target.label}{claim.value}",
    )


def _summed(sums: Readings, keys: tuple[str, ...], printed: int) -> str:
    """What the parts of a total that does not add up come to, said after the printed figure."""
    other = sorted((sums(keys) or set()) - {printed})
    return f"（表内各项相加为 {'、'.join(map(str, other))}）" if other else ""


def _rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _compare_share(
    form: Form,
    key: str,
    claim: Claim,
    table: Table,
    sums: Readings,
    said_in_text: Callable[[], str],
) -> Finding | None:
    """The finding when a share fits no denominator it may be of (any reading of the table)."""
    part_keys = claim.target.choices[0]
    denominators = claim.percent_of or ()
    parts = sums(part_keys)
    totals = [sums(keys) for keys in denominators]
    if parts is None or not denominators or any(t is None for t in totals):
        return None  # a blank: nothing to compare (BLANK names it)
    unit = Decimal(1).scaleb(-claim.decimals)
    exact = [Decimal(p) * 100 / Decimal(t) for p in parts for ts in totals for t in ts or () if t > 0]
    if not exact or any(abs(claim.value - share) < unit for share in exact):
        return None
    part = table(part_keys)
    computed: list[tuple[tuple[str, ...], int, Decimal]] = []
    for keys in denominators:
        total = table(keys)
        if part is not None and total and all(total != seen for _, seen, _ in computed):
            computed.append((keys, total, _rounded(Decimal(part) * 100 / Decimal(total), claim.decimals)))
    if not computed:
        return None  # only a corrected reading of the table has a base: say nothing
    said = f"{_describe(form, part_keys)}为 {part}，" + "，".join(
        f"占{_BASES.get(keys) or _describe(form, keys)}{total} 件的 {share}%"
        for keys, total, share in computed
    )
    if len(computed) > 1:
        said += "，都与文字不符"
    return make(
        form,
        CODE,
        f"{part_name(form, key)} 写“{said_in_text()}”，但按表格计算：{said}。请改正文字或表格。",
        texts=(key,),
        cells=tuple(dict.fromkeys((*part_keys, *(k for keys, _, _ in computed for k in keys)))),
        expected=" 或 ".join(dict.fromkeys(f"{share}%" for _, _, share in computed)),
        actual=f"{claim.value}%",
        about=f"{claim.target.label}{claim.value}%",
    )


def _compare_change(
    form: Form, key: str, claim: Claim, table: Table, last_year: Table, said_in_text: Callable[[], str]
) -> Finding | None:
    """The finding when a change against last year differs from the two reports' tables."""
    changes = []
    for keys in claim.target.choices:
        now, then = table(keys), last_year(keys)
        if now is None or then is None or (claim.relative == RATE and then == 0):
            return None  # no last year's report, a blank, or no base to grow from
        change = Decimal(now - then)
        if claim.relative == RATE:
            change = _rounded(change * 100 / then, claim.decimals)
        changes.append((keys, now, then, change))
    unit = Decimal(1).scaleb(-claim.decimals) if claim.relative == RATE else Decimal(0)
    said = claim.sign * claim.value
    if not changes or any(abs(said - change) <= unit for *_, change in changes):
        return None
    keys, now, then, change = changes[0]
    mark = "%" if claim.relative == RATE else "件"
    direction = ("增长" if mark == "%" else "增加") if change >= 0 else ("下降" if mark == "%" else "减少")
    return make(
        form,
        CODE,
        f"{part_name(form, key)} 写“{said_in_text()}”，但{_describe(form, keys)}本年为 {now}，上年报告为 {then}，"
        f"应为{direction} {abs(change)}{mark}。请改正文字或表格。",
        texts=(key,),
        cells=keys,
        expected=f"{direction}{abs(change)}{mark}",
        actual=f"{'下降' if claim.sign < 0 else '增长'}{claim.value}{mark}",
        about=f"{claim.target.label}同比{'-' if claim.sign < 0 else '+'}{claim.value}{mark}",
    )
