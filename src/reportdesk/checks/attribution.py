"""Pointing at the one wrong total.

A single mistyped total breaks several sum rules at once: a wrong 一·总计 breaks its row
and the 总计 column's balance; a wrong （七）总计 of a column breaks that column's result
total, the （七） row and the column's balance. When every broken rule of a connected group
is explained by one computed cell — setting that cell to what its own rule says makes every
rule of the group hold — only the rule that defines that cell is reported, and it says so.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from reportdesk.checks.findings import Finding
from reportdesk.form import Form, Relation, Term
from reportdesk.report import Report
from reportdesk.values import CellValue

Broken = tuple[Relation, Finding]


def _clusters(broken: list[Broken]) -> list[list[Broken]]:
    """Broken relations grouped by shared cells (connected components), in input order."""
    groups: list[tuple[set[str], list[Broken]]] = []
    for item in broken:
        keys = set(item[0].keys)
        touching = [g for g in groups if g[0] & keys]
        merged_keys, merged = set(keys), []
        for g in touching:
            merged_keys |= g[0]
            merged += g[1]
            groups.remove(g)
        groups.append((merged_keys, [*merged, item]))
    order = {id(b[1]): i for i, b in enumerate(broken)}
    return [sorted(g[1], key=lambda b: order[id(b[1])]) for g in groups]


def _total(terms: tuple[Term, ...], cells: dict[str, CellValue]) -> int | Decimal | None:
    s: int | Decimal = 0
    for t in terms:
        v = cells.get(t.key)
        if not isinstance(v, int | Decimal):
            return None
        s += t.weight * v
    return s


def _holds(rel: Relation, cells: dict[str, CellValue]) -> bool:
    return _total(rel.lhs, cells) == _total(rel.rhs, cells)


def attribute(form: Form, report: Report, broken: list[Broken]) -> list[Finding]:
    """The findings to report for the broken (relation, finding) pairs of one report."""
    out: list[Finding] = []
    for cluster in _clusters(broken):
        out += _explain(form, report, cluster) or [f for _, f in cluster]
    return out


def _explain(form: Form, report: Report, cluster: list[Broken]) -> list[Finding] | None:
    if len(cluster) < 2:
        return None
    common = set(cluster[0][0].keys)
    for rel, _ in cluster[1:]:
        common &= set(rel.keys)
    for key in sorted(common, key=form.position):
        if not form.cells[key].computed:
            continue
        definers = [(r, f) for r, f in cluster if r.derives == key]
        if not definers or definers[0][1].expected is None:
            continue
        cells = dict(report.cells)
        cells[key] = _total(definers[0][0].rhs, cells)
        if all(_holds(r, cells) for r, _ in cluster):
            note = f"（只需改正这一个数字：改为 {definers[0][1].expected} 后，相关的其他合计也都一致。）"
            return [replace(f, message=f.message + note) for _, f in definers]
    return None
