"""Paragraphs from lines: a docx/html paragraph is one already; text from a PDF is wrapped.

A wrapped line ends its paragraph when the file says so (an indented PDF line starts one) or,
where it does not, when the line is clearly shorter than the wrapping width and ends with a
sentence's closing punctuation. A line starting with "（一）" always starts a paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from reportdesk.importers.document import Line
from reportdesk.importers.normalize import display_width, leading_ordinal, squeeze_spaces, strip_page_marker

_SPACED_DIGITS = re.compile(r"(?<![\d.,])\d(?: \d)+(?![\d.,])")  # single digits, one space apart
_CLOSING = "。！？!?；;”\u2019）)」』…"
_SHORT_BY = 2.0  # CJK characters short of the wrapping width that mark a paragraph's last line


@dataclass(frozen=True)
class Paragraph:
    """A paragraph's text and where its first line is."""

    text: str
    where: str


def line_text(line: Line, squeeze: bool) -> str:
    """A line's text without page markers and stray spaces (also those an OCR puts between the
    digits of a number: "2 0 2 4 年" is 2024年)."""
    text = strip_page_marker(line.text)
    if not squeeze:
        return text.replace("\u3000", " ").replace("\u00a0", " ").strip()
    return _SPACED_DIGITS.sub(lambda m: m.group(0).replace(" ", ""), squeeze_spaces(text))


def wrap_width(texts: Sequence[str]) -> float | None:
    """The width text was wrapped at, or None when lines are whole paragraphs.

    Wrapped text has most of its lines at (nearly) one width: the width that most lines reach
    within two characters. Lines of a docx or of a flattened table vary far more.
    """
    widths = sorted(w for w in map(display_width, texts) if w >= 8)
    if len(widths) < 6:
        return None
    best, best_count = 0.0, 0
    low = 0
    for high, w in enumerate(widths):  # a window sliding over the sorted widths: linear
        while widths[low] < w - _SHORT_BY:
            low += 1
        end = bisect_right(widths, w, high)
        if end - low >= best_count:
            best, best_count = w, end - low
    return best if best_count >= 0.5 * len(widths) else None


def build_paragraphs(lines: Sequence[Line], squeeze: bool, width: float | None) -> list[Paragraph]:
    """Join wrapped lines into paragraphs; a blank line always ends one."""
    out: list[Paragraph] = []
    text, where = "", ""
    previous_ended = True
    for line in lines:
        t = line_text(line, squeeze)
        if not t:
            # a page number is no paragraph break; a blank line is
            previous_ended = previous_ended or not line.text.strip()
            continue
        if line.start is True or (line.start is None and (previous_ended or leading_ordinal(t))) or not text:
            if text:
                out.append(Paragraph(text, where))
            text, where = t, line.where
        else:
            text += t
        if width is None:
            previous_ended = line.start is not False
        else:
            previous_ended = display_width(t) < width - _SHORT_BY and t[-1] in _CLOSING
    if text:
        out.append(Paragraph(text, where))
    return out
