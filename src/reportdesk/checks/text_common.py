"""Helpers shared by the narrative checks: which texts to read, how to name them, cell values.

Every pattern in the narrative checks runs on :func:`normalize`'d text. Normalising maps one
character to one character, so a match's positions are valid in the original text too and a
message can quote exactly what the officer wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache

from reportdesk.form import Form
from reportdesk.report import Report

INTRO = "intro"

# Full-width digits, percent sign, decimal point and brackets as typed by a Chinese IME.
_NORMAL = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "％": "%",
        "．": ".",
        "(": "（",
        ")": "）",
        "［": "[",
        "］": "]",
        "\u3000": " ",
        "\u00a0": " ",
    }
)

# Where a sentence ends; a clause also ends at a comma or semicolon.
SENTENCE_END = "。！？!?\n"
CLAUSE_END = SENTENCE_END + "，,；;"
_SENTENCE_BREAK = re.compile(f"[{SENTENCE_END}]")
_CLAUSE_BREAK = re.compile(f"[{CLAUSE_END}]")


_NEEDS_NORMAL = re.compile("[" + "".join(re.escape(chr(c)) for c in _NORMAL) + "]")


def normalize(text: str) -> str:
    """The text with full-width digits and signs made ASCII; same length as ``text``."""
    # str.translate with a dict looks up every character in Python: skip it when nothing changes.
    return text.translate(_NORMAL) if _NEEDS_NORMAL.search(text) else text


def scanned_keys(form: Form, report: Report) -> tuple[str, ...]:
    """Text keys the content checks read: every part, plus the optional opening paragraph."""
    keys = form.text_keys
    if INTRO in form.text_extras and report.text(INTRO).strip():
        keys = (*keys, INTRO)
    return keys


@lru_cache(maxsize=64)
def part_name(form: Form, key: str) -> str:
    """How a person finds a text part in the report, e.g. “（二）依申请公开” or “第五部分“改进情况””."""
    part = form.parts.get(key)
    if part is None:
        heading = form.text_extras.get(key, {}).get("heading", key)
        return f"“{heading}”"
    if part.printed:
        return part.heading
    section = form.section_of(key)
    return f"第{section.number}部分“{part.heading}”"


def count_value(report: Report, key: str) -> int | None:
    """A count cell's value, or None when it is blank or invalid (then nothing is compared)."""
    v = report.cells.get(key)
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        return None
    return v


def count_sum(report: Report, keys: Iterable[str]) -> int | None:
    """The sum of count cells, or None when any of them is blank or invalid."""
    total = 0
    for key in keys:
        v = count_value(report, key)
        if v is None:
            return None
        total += v
    return total


# A clause or sentence is looked at only this far on each side of a position: real ones are far
# shorter, and a text with no punctuation at all must not make every look read the whole text.
REACH = 200


class Spans:
    """Sentence and clause boundaries of one text, found once (fast on long texts).

    Bounds are cut at :data:`REACH` characters on each side of the position asked about, so what
    the checks read around one figure is bounded whatever the text: the checks stay linear.
    """

    def __init__(self, text: str) -> None:
        self.size = len(text)
        self._sentence = [m.start() for m in _SENTENCE_BREAK.finditer(text)]
        self._clause = [m.start() for m in _CLAUSE_BREAK.finditer(text)]

    def sentence(self, pos: int) -> tuple[int, int]:
        """Start and end of the sentence holding position ``pos``."""
        return self._around(self._sentence, pos)

    def clause(self, pos: int) -> tuple[int, int]:
        """Start and end of the clause (between commas, semicolons, sentence ends) at ``pos``."""
        return self._around(self._clause, pos)

    def _around(self, breaks: list[int], pos: int) -> tuple[int, int]:
        i = bisect_left(breaks, pos)
        start = breaks[i - 1] + 1 if i > 0 else 0
        end = breaks[i] if i < len(breaks) else self.size
        return max(start, pos - REACH), min(end, pos + REACH)


def quote(text: str, start: int, end: int, limit: int = 40) -> str:
    """A piece of the officer's text to quote in a message, shortened when long."""
    piece = text[start:end].strip()
    return piece if len(piece) <= limit else piece[: limit - 1] + "…"
