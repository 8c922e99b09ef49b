"""Text normalisation shared by the importers.

Printed labels are matched against the form's labels after :func:`label_key`: NFKC folding
(full-width → half-width), then only letters and digits are kept, so spaces, line breaks
inside cells and every kind of punctuation ("1、" for "1.", "（一）" for "(一)") stop mattering.
A printed typo is tolerated by :func:`similarity`, which the callers apply with a threshold.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Characters that make text "wide" (CJK and full-width punctuation): a space next to one of them is
# an artefact of PDF extraction or HTML source wrapping, never something the author typed on purpose.
_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2014\u2026\u00b7\uf900-\ufaff"
_SPACE_NEAR_WIDE = re.compile(rf"(?<=[{_WIDE}])[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?=[{_WIDE}])")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u202f\u3000]+")
_PAGE_MARK = r"[-－—–]\s*\d{1,3}\s*[-－—–]"
_PAGE_PREFIX = re.compile(rf"^\s*{_PAGE_MARK}\s*")
_PAGE_LINE = re.compile(rf"^\s*(?:{_PAGE_MARK}|第\s*\d{{1,3}}\s*页(?:\s*[，,/]?\s*共\s*\d{{1,3}}\s*页)?)\s*$")
# A page number inside a line, after a CJK character and before another, a figure or the line's
# end: a page whose line breaks were lost ("行政许可-2-本年处理决定数量9487", "行政许可-2-112341"). No figure is
# printed that way: figures are never negative.
_PAGE_INSIDE = re.compile(rf"(?<=[\u2e80-\u9fff])\s*{_PAGE_MARK}\s*(?=[\u2e80-\u9fff0-9]|$)")
_DIGITS = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "\u3000": " ", "\u00a0": " "})
CHINESE_NUMERALS = "一二三四五六七八九十"
_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() plus "_"


def label_key(text: str) -> str:
    """What a label says: NFKC-folded, only letters and digits (CJK characters count as letters)."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text))


def similarity(a: str, b: str) -> float:
    """Similarity of two label keys, 0 … 1 (difflib's ratio)."""
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def squeeze_spaces(text: str) -> str:
    """Drop spaces next to CJK characters or full-width punctuation; collapse other runs to one space."""
    return _SPACES.sub(" ", _SPACE_NEAR_WIDE.sub("", text)).strip()


def strip_page_marker(line: str) -> str:
    """A line without the page number a PDF prints into the text ("-2-", "- 3 -", "第 2 页"), also
    one left between two CJK characters of a line whose breaks were lost."""
    if _PAGE_LINE.match(line):
        return ""
    return _PAGE_INSIDE.sub("", _PAGE_PREFIX.sub("", line))


def ascii_digits(text: str) -> str:
    """Full-width digits and spaces made ASCII (the text keeps its length)."""
    return text.translate(_DIGITS)


def clean_cell(text: str) -> str:
    """A table cell's text with every kind of space (full-width, no-break) trimmed."""
    return text.replace("\u00a0", " ").replace("\u3000", " ").strip()


def display_width(text: str) -> float:
    """Printed width in CJK characters: ASCII counts half (proportional digits and letters)."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


_ORDINAL = re.compile(rf"^\s*[（(]\s*([{CHINESE_NUMERALS}]+)\s*[）)]")


def leading_ordinal(text: str) -> tuple[str, int] | None:
    """The "（一）" a paragraph starts with, as (numeral, length of the ordinal in ``text``)."""
    m = _ORDINAL.match(text)
    return (m.group(1), m.end()) if m else None


def ordinal_of(heading: str) -> str | None:
    """The numeral of a form heading like "（一）主动公开" ("一"), or None."""
    found = leading_ordinal(heading)
    return found[0] if found else None
