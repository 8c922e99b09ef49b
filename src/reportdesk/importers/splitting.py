"""Cutting digit runs apart with the table's own sums.

PDF text often runs a row's numbers together: "726417837351134812612116 20" are table 四's
fifteen cells. Where a space was printed, a cell ends; inside a run any cut is possible. A cut
is kept when every sum rule of the form that lies wholly inside the row holds (总计 = the sum of
its parts), so the rules come from the form description, not from here. Printed numbers have
no leading zeros ("05" is not a cell). Several cuts can survive; the caller chooses with the
rest of the report (other sums, the narrative) or gives up and says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportdesk.form import Relation

MAX_DIGITS = 9  # a count with ten digits is not a printed cell
MAX_CANDIDATES = 20
BUDGET = 300_000  # search steps; beyond that the run is called ambiguous


class TooAmbiguous(Exception):
    """The run has too many possible cuts to search."""


def row_relations(relations: Sequence[Relation], keys: Sequence[str]) -> list[Relation]:
    """The sum rules whose every cell is one of ``keys`` (this year's cells only)."""
    inside = set(keys)
    return [r for r in relations if all(not t.previous and t.key in inside for t in (*r.lhs, *r.rhs))]


def split_runs(
    tokens: Sequence[str], keys: Sequence[str], relations: Sequence[Relation]
) -> list[tuple[int, ...]]:
    """Every cut of the digit ``tokens`` into ``len(keys)`` numbers that keeps the ``relations``.

    Raises :class:`TooAmbiguous` when the search exceeds its budget. At most
    :data:`MAX_CANDIDATES` cuts are returned.
    """
    index = {k: i for i, k in enumerate(keys)}
    due: dict[int, list[Relation]] = {}
    for rel in relations:
        last = max(index[t.key] for t in (*rel.lhs, *rel.rhs))
        due.setdefault(last, []).append(rel)
    digits_left = [sum(len(t) for t in tokens[i:]) for i in range(len(tokens) + 1)]
    found: list[tuple[int, ...]] = []
    steps = 0
    values: list[int] = []

    def holds(i: int) -> bool:
        for rel in due.get(i, ()):
            lhs = sum(t.weight * values[index[t.key]] for t in rel.lhs)
            rhs = sum(t.weight * values[index[t.key]] for t in rel.rhs)
            if lhs != rhs:
                return False
        return True

    def search(ti: int, pos: int) -> None:
        nonlocal steps
        steps += 1
        if steps > BUDGET:
            raise TooAmbiguous
        if len(found) >= MAX_CANDIDATES:
            return
        n = len(values)
        if n == len(keys):
            if ti == len(tokens):
                found.append(tuple(values))
            return
        if ti == len(tokens):
            return
        left = digits_left[ti] - pos
        # every remaining cell needs a digit, and every remaining token must still be used
        if left < len(keys) - n or len(tokens) - ti > len(keys) - n:
            return
        token = tokens[ti]
        for length in range(1, min(MAX_DIGITS, len(token) - pos) + 1):
            piece = token[pos : pos + length]
            if length > 1 and piece[0] == "0":
                break
            values.append(int(piece))
            if holds(n):
                if pos + length == len(token):
                    search(ti + 1, 0)
                else:
                    search(ti, pos + length)
            values.pop()

    if all(t.isdigit() for t in tokens):
        search(0, 0)
    return found
