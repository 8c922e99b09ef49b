"""Finding the form's labels in printed text.

The candidates always come from the form description; nothing here knows a label. A printed
row label is looked for at the end of the text before its numbers (a merged group label or a
table header may come before it): an exact match (after :func:`label_key`) ending there wins,
then a near match of the text's tail (printed typos), then an exact match further in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from reportdesk.importers.normalize import label_key, similarity

T = TypeVar("T")

# A printed label at least this similar to a form label is taken for it (the typo
# "2.其他法律行政止公开" scores 0.87 against "2.其他法律行政法规禁止公开"); labels this short are
# only matched exactly, as a near match of a few characters means little.
SIMILAR = 0.75
MIN_FUZZY = 6
_MARGIN = 0.05


@dataclass(frozen=True)
class Match(Generic[T]):
    """The candidate found and how: "exact" (at the end), "similar" (a near match), "inside"."""

    item: T
    label: str
    how: str


def match_label(parts: Sequence[str], candidates: Sequence[tuple[T, str]]) -> Match[T] | None:
    """The candidate whose label the text ``parts`` (label cells or fragments, in order) ends with."""
    joined = label_key("".join(parts))
    if not joined:
        return None
    keyed = [(item, label, label_key(label)) for item, label in candidates]
    at_end = [(len(k), i) for i, (_, _, k) in enumerate(keyed) if k and joined.endswith(k)]
    if at_end:
        item, label, _ = keyed[max(at_end)[1]]
        return Match(item, label, "exact")
    tails = [label_key(p) for p in parts if label_key(p)]
    scored = []
    for i, (_, _, k) in enumerate(keyed):
        if len(k) < MIN_FUZZY:
            continue
        windows = {joined[-n:] for n in range(max(1, len(k) - 3), len(k) + 4)} | set(tails[-1:])
        scored.append((max(similarity(k, w) for w in windows), i))
    scored.sort(reverse=True)
    if scored and scored[0][0] >= SIMILAR and (len(scored) == 1 or scored[0][0] - scored[1][0] >= _MARGIN):
        item, label, _ = keyed[scored[0][1]]
        return Match(item, label, "similar")
    inside = [(joined.rfind(k) + len(k), len(k), i) for i, (_, _, k) in enumerate(keyed) if k and k in joined]
    if inside:
        item, label, _ = keyed[max(inside)[2]]
        return Match(item, label, "inside")
    return None


def same_label(printed: str, label: str) -> bool:
    """Whether a printed column header names the form's column ``label``."""
    a, b = label_key(printed), label_key(label)
    if not a or not b:
        return False
    if b in a or (len(a) >= 4 and a in b):
        return True
    return similarity(a, b) >= SIMILAR


def map_columns(header: Sequence[str], count: int, labels: Sequence[str]) -> list[int | None] | None:
    """Which form column (index into ``labels``) each of ``count`` printed value columns is.

    ``header`` are the printed column headers. With one header per value column each is matched
    on its own; otherwise the headers must name every form column, in order. None when the
    headers do not say (then the caller decides by position).
    """
    if len(header) == count:
        found: list[int | None] = []
        for printed in header:
            hits = [i for i, label in enumerate(labels) if same_label(printed, label)]
            found.append(hits[0] if len(hits) == 1 else None)
        return found
    joined = label_key("".join(header))
    pos = 0
    for label in labels:
        at = joined.find(label_key(label), pos)
        if at < 0:
            return None
        pos = at + len(label_key(label))
    return list(range(len(labels))) if count == len(labels) else None
