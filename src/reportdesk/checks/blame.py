"""Which cell is wrong when sum rules break — or the honest answer that the sums cannot tell.

One mistyped figure leaves a pattern: every rule's residual (Σ lhs - Σ rhs) is the error times the
weight of that cell in the rule. A figure enters the tables in one of two ways:

- as printed (an imported report): every cell, totals included, stands on its own;
- as typed in the window: the officer types the leaves and every 总计 follows from them.

For each cell and each way, the residuals say whether that one cell being off by some amount
explains every broken rule while every rule that holds still holds (and leaves a figure ≥ 0). A
cell is named as the one to fix only when it is the only such cell. When several cells would do
(a column of table 三 out of balance while every 总计 is derived: 一, 二, any result or 四 may be
the slip), the finding names both sides and says it cannot tell. When no single cell explains the
broken rules, each group of rules sharing cells is looked at alone in the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from reportdesk.form import Form, Relation
from reportdesk.report import derivation_order

Number = int | Decimal
Weights = Mapping[str, Mapping[int, int]]  # cell → {relation index: weight in Σ lhs - Σ rhs}
PRINTED, TYPED = "printed", "typed"


@dataclass(frozen=True)
class Culprit:
    """One cell that, alone, explains the broken rules: off by ``error``, it should hold ``value``."""

    key: str
    error: Number
    value: Number
    way: str  # PRINTED or TYPED


@lru_cache(maxsize=4)
def printed_weights(form: Form) -> Weights:
    """Each cell's weight in each current-year rule, every cell standing on its own."""
    out: dict[str, dict[int, int]] = {}
    for i, rel in enumerate(form.relations):
        for sign, terms in ((1, rel.lhs), (-1, rel.rhs)):
            for t in terms:
                row = out.setdefault(t.key, {})
                row[i] = row.get(i, 0) + sign * t.weight
    return {k: {i: w for i, w in v.items() if w} for k, v in out.items()}


@lru_cache(maxsize=4)
def typed_weights(form: Form) -> Weights:
    """Each typed cell's weight in each rule when every total follows from what was typed (the
    rules that define totals then always hold: their weights are 0)."""
    inputs: dict[str, dict[str, int]] = {}  # total → {typed cell: how often it counts in the total}
    for rel in derivation_order(form):
        made: dict[str, int] = {}
        for t in rel.rhs:
            for cell, w in inputs.get(t.key, {t.key: 1}).items():
                made[cell] = made.get(cell, 0) + t.weight * w
        inputs[rel.derives or ""] = made
    out: dict[str, dict[int, int]] = {}
    for i, rel in enumerate(form.relations):
        for sign, terms in ((1, rel.lhs), (-1, rel.rhs)):
            for t in terms:
                for cell, w in inputs.get(t.key, {t.key: 1}).items():
                    row = out.setdefault(cell, {})
                    row[i] = row.get(i, 0) + sign * t.weight * w
    return {k: {i: w for i, w in v.items() if w} for k, v in out.items() if not form.cells[k].computed}


def culprits(
    form: Form,
    values: Mapping[str, Number],
    residuals: Mapping[int, Number],
    must_hold: frozenset[int],
) -> list[Culprit]:
    """Every (cell, way) whose error alone gives ``residuals`` (the broken rules to explain, by
    relation index) while the rules in ``must_hold`` keep holding."""
    if not residuals:
        return []
    first = min(residuals)
    found: list[Culprit] = []
    for way, weights in ((PRINTED, printed_weights(form)), (TYPED, typed_weights(form))):
        for key, row in weights.items():
            w = row.get(first)
            v = values.get(key)
            if not w or v is None:
                continue
            error = _quotient(residuals[first], w)
            if error is None or v - error < 0:
                continue
            explains = all(row.get(i, 0) * error == r for i, r in residuals.items())
            if explains and not any(row.get(i, 0) for i in must_hold):
                found.append(Culprit(key, error, v - error, way))
    return found


def _quotient(residual: Number, weight: int) -> Number | None:
    """``residual / weight`` when it divides exactly (a count is off by a whole number)."""
    if isinstance(residual, Decimal):
        return residual / weight
    q, r = divmod(residual, weight)
    return None if r else q


def groups(form: Form, broken: list[int]) -> list[list[int]]:
    """The broken rules (relation indexes) grouped by shared cells, each group in form order."""
    out: list[tuple[set[str], list[int]]] = []
    for i in broken:
        keys = set(form.relations[i].keys)
        touching = [g for g in out if g[0] & keys]
        merged_keys, merged = set(keys), [i]
        for g in touching:
            merged_keys |= g[0]
            merged += g[1]
            out.remove(g)
        out.append((merged_keys, sorted(merged)))
    return sorted((g[1] for g in out), key=lambda g: g[0])


def defining(form: Form, key: str, among: list[int]) -> int | None:
    """The broken rule (index) that defines the total ``key``, if any."""
    return next((i for i in among if form.relations[i].derives == key), None)


def rule_of(form: Form, i: int) -> Relation:
    return form.relations[i]
