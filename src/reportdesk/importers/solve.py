"""Choosing the cuts of several digit runs together, with the sums that run across rows.

A row's own sums (总计 of the row) often leave several cuts of its digit run; the column sums
(（七）总计 = the 21 results) and the balance (一 + 二 = （七）总计 + 四) tie the rows together and
usually leave one. Each run is a variable whose values are its cuts; a sum rule is used only
when every one of its cells is known — printed, or in a run — so a blank or unread cell never
decides anything. Candidates that cannot take part in any solution are struck out (bounds on
each rule, repeated until nothing changes), then the rest is searched for every solution within
a budget. A run is determined only when every solution gives it the same cut.

Nothing is guessed: when the printed figures break the sums whatever the cuts (a printing
error), the rules across rows are not used at all and each run keeps the cuts its own row allows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportdesk.form import Relation

NODE_BUDGET = 200_000


@dataclass(frozen=True)
class Outcome:
    """For each run, the indices of its cuts that remain possible; ``joint`` when rules across
    rows were used, ``consistent`` False when the printed figures break them whatever the cuts."""

    domains: tuple[tuple[int, ...], ...]
    joint: bool
    consistent: bool


Term = tuple[int, int, int]  # weight, run (-1 for a printed cell), position in the run or the value


def _terms(
    rel: Relation, fixed: Mapping[str, int], where: Mapping[str, tuple[int, int]]
) -> list[Term] | None:
    """The rule as weighted terms (lhs positive, rhs negative), or None when a cell is unknown."""
    out: list[Term] = []
    for sign, side in ((1, rel.lhs), (-1, rel.rhs)):
        for t in side:
            if t.previous:
                return None
            if t.key in where:
                run, pos = where[t.key]
                out.append((sign * t.weight, run, pos))
            elif t.key in fixed:
                out.append((sign * t.weight, -1, fixed[t.key]))
            else:
                return None
    return out


class _Search:
    """Bounds of every rule kept up to date: a cut is possible while each of its rules can still
    come to 0 with the other runs anywhere in their domains (or at their chosen cut)."""

    def __init__(self, cands: Sequence[Sequence[tuple[int, ...]]], rules: list[list[Term]]) -> None:
        self.domains = [list(range(len(c))) for c in cands]
        self.value: list[dict[int, list[int]]] = []  # rule -> run -> the run's contribution per cut
        self.const: list[int] = []
        self.by_run: dict[int, list[int]] = {}
        for r, terms in enumerate(rules):
            parts: dict[int, list[tuple[int, int]]] = {}
            const = 0
            for weight, run, pos in terms:
                if run == -1:
                    const += weight * pos
                else:
                    parts.setdefault(run, []).append((weight, pos))
            self.const.append(const)
            self.value.append(
                {run: [sum(w * cut[p] for w, p in ps) for cut in cands[run]] for run, ps in parts.items()}
            )
            for run in parts:
                self.by_run.setdefault(run, []).append(r)
        self.span: list[dict[int, tuple[int, int]]] = [{} for _ in rules]
        self.lo = list(self.const)
        self.hi = list(self.const)
        for run in range(len(cands)):
            self._set_span(run, self.domains[run])
        self.nodes = 0

    def _set_span(self, run: int, domain: Sequence[int]) -> None:
        for r in self.by_run.get(run, ()):
            vals = [self.value[r][run][c] for c in domain]
            new = (min(vals), max(vals)) if vals else (0, 0)
            old = self.span[r].get(run, (0, 0))
            self.lo[r] += new[0] - old[0]
            self.hi[r] += new[1] - old[1]
            self.span[r][run] = new

    def possible(self, run: int, cut: int) -> bool:
        """Whether every rule of ``run`` can still hold with ``run`` at ``cut``."""
        for r in self.by_run.get(run, ()):
            v = self.value[r][run][cut]
            mn, mx = self.span[r][run]
            if not self.lo[r] - mn + v <= 0 <= self.hi[r] - mx + v:
                return False
        return True

    def prune(self) -> bool:
        """Strike out cuts no rule can accept; False when a run has none left."""
        changed = True
        while changed:
            changed = False
            for run, domain in enumerate(self.domains):
                keep = [c for c in domain if self.possible(run, c)]
                if not keep:
                    return False
                if len(keep) < len(domain):
                    self.domains[run] = keep
                    self._set_span(run, keep)
                    changed = True
        return True

    def solutions(self) -> tuple[list[set[int]], bool, bool]:
        """(cuts used by some solution per run, any solution found, search finished)."""
        order = sorted(range(len(self.domains)), key=lambda r: len(self.domains[r]))
        used: list[set[int]] = [set() for _ in self.domains]
        chosen: dict[int, int] = {}
        found = False

        def walk(i: int) -> bool:
            nonlocal found
            self.nodes += 1
            if self.nodes > NODE_BUDGET:
                return False
            if i == len(order):
                found = True
                for run, c in chosen.items():
                    used[run].add(c)
                return True
            run = order[i]
            domain = self.domains[run]
            for c in domain:
                if not self.possible(run, c):
                    continue
                chosen[run] = c
                self._set_span(run, (c,))
                going = walk(i + 1)
                self._set_span(run, domain)
                del chosen[run]
                if not going:
                    return False
            return True

        finished = walk(0)
        return used, found, finished


def implicated(
    fixed: Mapping[str, int],
    runs: Sequence[tuple[Sequence[str], Sequence[tuple[int, ...]]]],
    relations: Sequence[Relation],
) -> set[int]:
    """The runs taking part in a rule that no cut of theirs can satisfy (a printing error near them).

    Every run of the rules in question is implicated, however its own row reads: a cut that keeps
    its row's total may still be the wrong one when a figure of the row was misprinted.
    """
    where = {key: (i, p) for i, (keys, _) in enumerate(runs) for p, key in enumerate(keys)}
    rules = [t for rel in relations if (t := _terms(rel, fixed, where)) is not None]
    search = _Search([c for _, c in runs], rules)
    out: set[int] = set()
    for r, terms in enumerate(rules):
        if not search.lo[r] <= 0 <= search.hi[r]:
            out.update(run for _, run, _ in terms if run >= 0)
    if not out:  # no single rule is to blame: every run of a rule that ties runs together
        out = {run for terms in rules for _, run, _ in terms if run >= 0}
    return out


def solve(
    fixed: Mapping[str, int],
    runs: Sequence[tuple[Sequence[str], Sequence[tuple[int, ...]]]],
    relations: Sequence[Relation],
) -> Outcome:
    """The cuts of ``runs`` (keys, candidate cuts) that the ``relations`` allow together."""
    where = {key: (i, p) for i, (keys, _) in enumerate(runs) for p, key in enumerate(keys)}
    rules = []
    for rel in relations:
        terms = _terms(rel, fixed, where)
        if terms is not None and any(run >= 0 for _, run, _ in terms):
            rules.append(terms)
    own = tuple(tuple(range(len(c))) for _, c in runs)
    if not rules:
        return Outcome(own, False, True)
    search = _Search([c for _, c in runs], rules)
    if not search.prune():
        return Outcome(own, False, False)
    used, found, finished = search.solutions()
    if not found:
        return Outcome(own, False, not finished)
    domains = [tuple(sorted(u)) if finished else tuple(d) for u, d in zip(used, search.domains, strict=True)]
    return Outcome(tuple(domains), True, True)
