"""Reading the results of table 三 out of the narrative: "予以公开12件", "12件不予公开", combined claims
"予以公开及部分公开42件，占51.85%" and "予以公开、部分公开共16件", and shares "予以公开率为28.6%".

A category names its row or its group of rows: 不予公开 is all eight rows of （三）, 无法提供 the three
of （四）, 不予处理 the five of （五）, 其他处理 the three of （六）. Categories joined by 及 / 和 / 与 /
、 before one figure claim their sum. A share is part ÷ （七）总计, 一 or 一 + 二 (whichever fits: see
:mod:`reportdesk.checks.text_numbers`); a rate that rose or fell against last year ("予以公开率较上年提高5%",
"同比提高5个百分点") is not a share and is not read here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from reportdesk.checks.text_claims import (
    CARRIED_IN,
    NEW,
    NUM,
    RESULTS,
    UNIT,
    B,
    Claim,
    Target,
    Text,
    claim_at,
    gap,
)
from reportdesk.form import Form

# Table-3 result categories: text pattern, row key (or prefix of the leaf rows summed), name.
_CATEGORIES = (
    (r"(?<![不分])予以公开", "disclosed", "予以公开"),
    (r"部分(?:予以)?公开", "partial", "部分公开"),
    (r"不予(?:以)?公开", "withheld", "不予公开"),
    (r"无法提供", "unavailable", "无法提供"),
    (r"不予(?:以)?处理", "not_processed", "不予处理"),
    (r"其他处理", "other", "其他处理"),
)
CATEGORY_WORDS = ("予以公开", "部分", "不予", "无法提供", "其他处理")

_ONE = "|".join(p for p, _, _ in _CATEGORIES)
_CAT_AT = re.compile("|".join(f"(?P<c{i}>{p})" for i, (p, _, _) in enumerate(_CATEGORIES)))
_JOIN = r"(?:以及|及|和|与|、)"
_RUN = re.compile(rf"(?:{_ONE})(?:{_JOIN}(?:{_ONE}))*")
_COUNT_AFTER = re.compile(rf"(?:的|类)?(?:申请)?{gap(6)}{NUM}{UNIT}")
_COUNT_BEFORE = re.compile(rf"{NUM}{UNIT}(?:申请)?(?:为|属于|被)?$")
_SHARE_AFTER = re.compile(
    rf"(?:的|类)?(?:申请)?(?:{gap(6)}\d+{UNIT})?[，,]?(?:约|共)?(?:占比?|比例|比重|率)"
    rf"(?P<between>[^\d{B}]{{0,10}}?)(?<![\d.])(?P<pct>\d+(?:\.\d+)?)\s*%"
)
# Between 率 and the figure: a change, not a share ("率较上年提高5%", "同比增长").
_CHANGE = re.compile(r"同比|环比|较|比上|上年|去年|增|减|降|提高|提升|上升|回落")
_SUITS = re.compile(r"复议|诉讼|起诉")
_JOINERS = ("、", "和", "及", "与", "或")
# A share may be of （七）总计 (handled), 一 (received this year) or 一 + 二 (to be handled): officers use all three.
SHARE_OF = ((RESULTS,), (NEW,), (NEW, CARRIED_IN))


@lru_cache(maxsize=4)
def _category_cells(form: Form) -> tuple[tuple[str, ...], ...]:
    """For each entry of ``_CATEGORIES``, the 总计 cells summed (one row, or a group's leaves)."""
    total = next(c.key for c in form.t3.columns if c.computed)
    out = []
    for _, row, _ in _CATEGORIES:
        rows = [r.key for r in form.t3.rows if r.key == row or r.key.startswith(row + ".")]
        out.append(tuple(f"t3.{r}.{total}" for r in rows))
    return tuple(out)


@lru_cache(maxsize=64)
def _target(form: Form, named: tuple[int, ...]) -> Target:
    """What categories named together claim: the sum of their rows."""
    cells = _category_cells(form)
    return Target((tuple(k for i in named for k in cells[i]),), "及".join(_CATEGORIES[i][2] for i in named))


def _categories(t: Text, start: int, end: int) -> list[int]:
    """The categories named in ``text[start:end]``, in order, each once."""
    found = []
    for m in _CAT_AT.finditer(t.text, start, end):
        i = next(i for i in range(len(_CATEGORIES)) if m.group(f"c{i}") is not None)
        if i not in found:
            found.append(i)
    return found


def category_claims(t: Text) -> list[Claim]:
    """Every result figure: a category (or categories joined) with a count after or before it, or
    with its share of the applications handled."""
    out: list[Claim] = []
    covered = -1
    for p in t.hits(CATEGORY_WORDS):
        run = _RUN.match(t.text, p) if p >= covered else None
        if run is None:
            continue
        covered = run.end()
        if not t.about_applications(p) or _SUITS.search(t.clause(p)):
            continue
        target = _target(t.form, tuple(_categories(t, p, run.end())))
        single = len(target.label.split("及")) == 1
        joined = t.text[p - 1 : p] in _JOINERS  # "X、予以公开12件": a sum with something not read
        count = _COUNT_AFTER.match(t.text, run.end())
        if count is not None and not (single and joined):
            between = t.text[run.end() : count.start("num")]
            if "、" not in between and _CAT_AT.search(between) is None:
                out.append(claim_at(count, target, p))
        before = _COUNT_BEFORE.search(t.text, max(0, p - 16), p) if single else None
        if before is not None:
            out.append(claim_at(before, target))
        share = _SHARE_AFTER.match(t.text, run.end())
        if share is not None and not _CHANGE.search(share.group("between")):
            raw = share.group("pct")
            decimals = len(raw.split(".")[1]) if "." in raw else 0
            out.append(Claim(share.start("pct"), p, share.end(), Decimal(raw), target, SHARE_OF, decimals))
    return out
