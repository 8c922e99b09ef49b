"""Matching the labels a person typed into a workbook against the form's labels.

Offices retype the statutory labels: full-width or half-width brackets and digits, spaces and
line breaks inside a cell, straight or curly quotes, ``1、`` for ``1.``. Every label is compared
after :func:`normalise`; :func:`core` also drops a parenthesised remark that is not the label's
own numbering (``（二）部分公开（区分处理的…）`` → ``(二)部分公开``), and :func:`similar` is the
last resort for a retyped label with a slip, reported to the person as such.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

_DROP = str.maketrans({c: None for c in "“”\u2018\u2019\"'「」『』"})
_REMARK = re.compile(r"(?<=.)\([^()]*\)")
SIMILARITY = 0.8


def normalise(text: str) -> str:
    """The text of a label cell in a comparable form (width, spaces, quotes, enumeration comma)."""
    folded = unicodedata.normalize("NFKC", text).translate(_DROP)
    return "".join(folded.split()).replace("、", ".").replace("．", ".")


def core(text: str) -> str:
    """:func:`normalise`, without parenthesised remarks after the start of the label."""
    return _REMARK.sub("", normalise(text))


def similar(a: str, b: str) -> bool:
    """Two normalised labels that differ only by a slip (a dropped or extra character or two)."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= SIMILARITY
