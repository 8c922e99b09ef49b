"""Cutting digit runs apart with the table's own sums.

PDF text often runs a row's numbers together: "726417837351134812612116 20" are table 四's
fifteen cells; a web page that lost its table runs a whole row together ("713000074"). Where a
space was printed, a cell ends; inside a run any cut is possible. A cut is kept when every sum
rule of the form that lies wholly inside the row holds (总计 = the sum of its parts), so the
rules come from the form description, not from here. Printed numbers have no leading zeros
("05" is not a cell).

An OCR'd copy also prints spaces inside numbers ("1 2 3"): a row with more tokens than cells is
read with every space a possible cut instead of a certain one (``joinable``).

Several cuts can survive; the caller chooses with the rest of the table (column sums, the
balance: :mod:`reportdesk.importers.solve`) or asks. When the search grows too large the result
says it is incomplete, and the caller must not take a lone survivor for the only one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportdesk.form import Relation

MAX_DIGITS = 9  # a count with ten digits is not a printed cell
MAX_CANDIDATES = 200
BUDGET = 300_000  # search steps; beyond that the result is incomplete


@dataclass(frozen=True)
class Cuts:
    """Every cut found; ``complete`` False when the search stopped before trying them all."""

    candidates: tuple[tuple[int, ...], ...]
    complete: bool


def row_relations(relations: Sequence[Relation], keys: Sequence[str]) -> list[Relation]:
    """The sum rules whose every cell is one of ``keys`` (this year's cells only)."""
    inside = set(keys)
    return [r for r in relations if all(not t.previous and t.key in inside for t in (*r.lhs, *r.rhs))]


def split_runs(
    tokens: Sequence[str],
    keys: Sequence[str],
    relations: Sequence[Relation],
    *,
    joinable: bool = False,
    most: int = MAX_CANDIDATES,
) -> Cuts:
    """Every cut of the digit ``tokens`` into ``len(keys)`` numbers that keeps the ``relations``.

    A space between tokens is a certain cut, or only a possible one when ``joinable``. At most
    ``most`` cuts are returned, within :data:`BUDGET` search steps.
    """
    if not tokens or not all(t.isdigit() for t in tokens):
        return Cuts((), True)
    digits = "".join(tokens)
    must: list[int] = []  # positions (a cut before digits[p]) where a space was printed
    for t in tokens[:-1]:
        must.append((must[-1] if must else 0) + len(t))
    must_set = set() if joinable else set(must)
    # how many certain cuts lie at or after each position
    must_from = [0] * (len(digits) + 2)
    for p in range(len(digits), -1, -1):
        must_from[p] = must_from[p + 1] + (1 if p in must_set else 0)
    index = {k: i for i, k in enumerate(keys)}
    due: dict[int, list[Relation]] = {}
    for rel in relations:
        last = max(index[t.key] for t in (*rel.lhs, *rel.rhs))
        due.setdefault(last, []).append(rel)
    found: list[tuple[int, ...]] = []
    values: list[int] = []
    steps = 0
    complete = True

    def holds(i: int) -> bool:
        for rel in due.get(i, ()):
            lhs = sum(t.weight * values[index[t.key]] for t in rel.lhs)
            rhs = sum(t.weight * values[index[t.key]] for t in rel.rhs)
            if lhs != rhs:
                return False
        return True

    def search(start: int) -> None:
        nonlocal steps, complete
        steps += 1
        if steps > BUDGET or len(found) >= most:
            complete = False
            return
        n = len(values)
        cells_after = len(keys) - n - 1  # cells still to fill after this one
        if cells_after == 0:
            ends = [len(digits)] if must_from[start + 1] == 0 else []
        else:
            ends = list(range(start + 1, min(start + MAX_DIGITS, len(digits) - cells_after) + 1))
        for end in ends:
            if end - start > MAX_DIGITS or (end - start > 1 and digits[start] == "0"):
                break
            if must_from[start + 1] - must_from[end] > 0:
                break  # a certain cut lies inside this piece
            if must_from[end + 1] > cells_after - 1 and cells_after:
                continue  # more certain cuts ahead than cells left
            values.append(int(digits[start:end]))
            if holds(n):
                if cells_after == 0:
                    found.append(tuple(values))
                else:
                    search(end)
            values.pop()
            if not complete:
                return

    if len(digits) >= len(keys):
        search(0)
    return Cuts(tuple(found), complete)
