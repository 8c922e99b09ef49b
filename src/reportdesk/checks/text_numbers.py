"""TXT-NUM: figures in the narrative that disagree with tables 三 and 四.

:mod:`reportdesk.checks.text_claims` reads the figures; this module compares each with the table
and words the finding. A comparison is skipped when a cell it needs is blank or invalid (BLANK
and VALUE already point there). Counts about applications received may mean 一 alone or 一 + 二
(both usages occur in real reports), so either is accepted. A percentage is part ÷ （七）总计,
rounded to the printed decimals, with one unit of the last printed digit allowed.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache, partial

from reportdesk.checks.findings import Finding, make
from reportdesk.checks.text_claims import (
    CARRY_WORDS,
    CATEGORY_WORDS,
    DONE_WORDS,
    RECEIVE_WORDS,
    RESULTS,
    Claim,
    Reader,
    Text,
    carry_claims,
    category_claims,
    done_claims,
    receive_claims,
)
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
TRIGGERS = tuple(dict.fromkeys(w for words, _ in READERS for w in words))


@lru_cache(maxsize=256)
def claims(form: Form, text: str, key: str, year: int) -> tuple[tuple[Claim, ...], Text]:
    """Every figure read from one normalised text part, in text order.

    Cached: while an officer types figures into the tables the texts do not change, so the
    checks on every keystroke only compare, they do not read the text again.
    """
    t = Text(form, text, key, year, TRIGGERS)
    found: dict[int, Claim] = {}
    for words, reader in READERS:
        if t.has(words):
            for claim in reader(t):
                found.setdefault(claim.pos, claim)
    return tuple(found[pos] for pos in sorted(found)), t


def text_number_findings(form: Form, report: Report, key: str, text: str) -> list[Finding]:
    """TXT-NUM findings for one text part: ``key``, its ``text`` already normalised."""
    found, t = claims(form, text, key, report.year)
    sums: dict[tuple[str, ...], int | None] = {}  # the same cells are often compared repeatedly

    def table(keys: tuple[str, ...]) -> int | None:
        if keys not in sums:
            sums[keys] = count_sum(report, keys)
        return sums[keys]

    original = report.text(key)
    out = []
    for claim in found:
        compare = _compare_count if claim.percent_of is None else _compare_percent
        finding = compare(form, key, claim, table, partial(quote_claim, original, t, claim))
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


def _compare_percent(
    form: Form, key: str, claim: Claim, table: Table, said_in_text: Callable[[], str]
) -> Finding | None:
    """The finding when a percentage differs from part ÷ total."""
    part_keys = claim.target.choices[0]
    denominator = claim.percent_of or RESULTS
    part, total = table(part_keys), table((denominator,))
    if part is None or not total:
        return None
    unit = Decimal(1).scaleb(-claim.decimals)
    rounded = (Decimal(part) * 100 / Decimal(total)).quantize(unit, rounding=ROUND_HALF_UP)
    if abs(claim.value - rounded) <= unit:
        return None
    computed = f"{_describe(form, part_keys)} {part} ÷ {_describe(form, (denominator,))} {total} = {rounded}%"
    return make(
        form,
        CODE,
        f"{part_name(form, key)} 写“{said_in_text()}”，但按表格计算：{computed}。请改正文字或表格。",
        texts=(key,),
        cells=(*part_keys, denominator),
        expected=f"{rounded}%",
        actual=f"{claim.value}%",
        about=f"{claim.target.label}{claim.value}%",
    )
