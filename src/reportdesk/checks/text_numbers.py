"""TXT-NUM: figures in the narrative that disagree with tables 三 and 四.

The ``text_claims*`` modules read the figures; this module compares each with the table and words
the finding. A comparison is skipped when a cell it needs is blank or invalid (BLANK and VALUE
already point there). Counts about applications received may mean 一 alone or 一 + 二 (both
usages occur in real reports), so either is accepted. A share is part ÷ （七）总计,
rounded to the printed decimals, with one unit of the last printed digit allowed. A change
against last year is compared only when last year's report is given. The same figure claimed the
same way several times in one part is one finding (its id), which says how often.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from reportdesk.checks.findings import Finding, make
from reportdesk.checks.text_claims import (
    CARRY_WORDS,
    DONE_WORDS,
    RECEIVE_WORDS,
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
from reportdesk.checks.text_common import count_sum, part_name, quote
from reportdesk.form import Form
from reportdesk.report import Report

CODE = "TXT-NUM"
Table = Callable[[tuple[str, ...]], "int | None"]  # the sum of some count cells, None when blank
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

    def table(keys: tuple[str, ...]) -> int | None:
        if keys not in now:
            now[keys] = count_sum(report, keys)
        return now[keys]

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
            finding = _compare_share(form, key, claim, table, said_in_text)
        else:
            finding = _compare_count(form, key, claim, table, said_in_text)
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


def _compare_count(
    form: Form, key: str, claim: Claim, table: Table, said_in_text: Callable[[], str]
) -> Finding | None:
    """The finding when a count differs from every reading of the table."""
    values: list[tuple[tuple[str, ...], int]] = []
    for keys in claim.target.choices:
        v = table(keys)
        if v is None:
            break  # a later choice adds cells to an earlier one: blank means not comparable
        if all(v != seen for _, seen in values):
            values.append((keys, v))
    if not values or any(claim.value == v for _, v in values):
        return None
    first = values[0][0]
    said = f"{_describe(form, first)}为 {values[0][1]}"
    for keys, v in values[1:]:
        extra = keys[len(first) :] if keys[: len(first)] == first else ()
        said += f"，加上{_describe(form, extra)[2:]}为 {v}" if extra else f"，{_describe(form, keys)}为 {v}"
    return make(
        form,
        CODE,
        f"{part_name(form, key)} 写“{said_in_text()}”，但{said}。"
        f"请改正文字或表格；如文字与表格的统计口径不同，请在文字中写明。",
        texts=(key,),
        cells=tuple(dict.fromkeys(k for keys in claim.target.choices for k in keys)),
        expected=" 或 ".join(str(v) for _, v in values),
        actual=str(claim.value),
        about=f"{claim.target.label}{claim.value}",
    )


def _rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _compare_share(
    form: Form, key: str, claim: Claim, table: Table, said_in_text: Callable[[], str]
) -> Finding | None:
    """The finding when a share differs from part ÷ every total it may be a share of."""
    part_keys = claim.target.choices[0]
    part = table(part_keys)
    unit = Decimal(1).scaleb(-claim.decimals)
    shares = []
    for total_keys in claim.percent_of or ():
        total = table(total_keys)
        if part is None or not total:
            return None  # blank or 0: nothing to compare
        shares.append((total_keys, total, _rounded(Decimal(part) * 100 / Decimal(total), claim.decimals)))
    if not shares or any(abs(claim.value - share) <= unit for _, _, share in shares):
        return None
    total_keys, total, share = shares[0]
    computed = f"{_describe(form, part_keys)} {part} ÷ {_describe(form, total_keys)} {total} = {share}%"
    return make(
        form,
        CODE,
        f"{part_name(form, key)} 写“{said_in_text()}”，但按表格计算：{computed}。请改正文字或表格。",
        texts=(key,),
        cells=(*part_keys, *total_keys),
        expected=f"{share}%",
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
