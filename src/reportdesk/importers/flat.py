"""Lines cut where a flattened page runs its headings into the text.

Many web pages (and text copied from them) lose every line break: the title, the opening
paragraph, "一、总体情况（一）主动公开情况。…（二）依申请公开…二、主动公开政府信息情况第二十条…" run on
as one line. The form's own headings — each section's numeral and title, each printed part's
ordinal and title — are found wherever they stand and the line is cut before and after them, so
the rest of the import sees them as it sees a heading printed on its own line. The title line is
cut after "政府信息公开工作年度报告". Nothing else is cut: the text between keeps its sentences.

A heading quoted in a sentence (after "《", "“", "见") is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from reportdesk.form import Form, Section
from reportdesk.importers.document import Block, Line
from reportdesk.importers.normalize import leading_ordinal

_GAP = r"[\s\u3000、，,]*"  # what may stand between a title's characters (a space, a slipped comma)
_QUOTED = re.compile(r"[《“\"「『]|见$|详见$")
_LEAD = "。：:；;，, \u3000"
_SENTENCE = re.compile(r"[。，；：,;:]")
_MAX_BEFORE_TITLE = 80  # characters before the title on its line (the agency, a page's crumbs)


def _chars(text: str) -> str:
    return _GAP.join(re.escape(ch) for ch in text if not ch.isspace())


@lru_cache(maxsize=4)
def _patterns(form: Form) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Section headings and the form's name (compiled once per form)."""
    sections = "|".join(rf"{s.number}\s*[、.．，,]\s*{_chars(s.title)}" for s in form.sections)
    return re.compile(sections), re.compile(_chars(form.name))


@lru_cache(maxsize=16)
def _part_pattern(section: Section) -> re.Pattern[str] | None:
    """A section's printed part headings ("（一）主动公开", with 情况 and its full stop if printed)."""
    parts = []
    for part in section.parts:
        found = leading_ordinal(part.heading) if part.printed else None
        if found:
            title = part.heading[found[1] :].strip()
            parts.append(rf"[（(]\s*{found[0]}\s*[）)]\s*{_chars(title)}(?:情况)?[。：:，,]?")
    return re.compile("|".join(parts)) if parts else None


def _split(line: Line, cuts: Sequence[int]) -> list[Line]:
    """The line in pieces at ``cuts``; each piece after the first starts a paragraph."""
    edges = [0, *sorted(set(cuts)), len(line.text)]
    out: list[Line] = []
    for a, b in pairwise(edges):
        piece = line.text[a:b]
        if out:
            piece = piece.lstrip(_LEAD)
        if piece.strip():
            out.append(Line(piece, line.where, True if out else line.start))
    return out


def _not_quoted(text: str, at: int) -> bool:
    return at == 0 or not _QUOTED.search(text[max(0, at - 2) : at])


def cut_headings(form: Form, blocks: Sequence[Block]) -> list[Block]:
    """The blocks with every line cut around section headings printed in the middle of it, and the
    title's line cut after the form's name."""
    sections, name = _patterns(form)
    out: list[Block] = []
    titled = False
    for block in blocks:
        if not isinstance(block, Line):
            out.append(block)
            continue
        text = block.text
        cuts = []
        for m in sections.finditer(text):
            if _not_quoted(text, m.start()):
                cuts += [m.start(), m.end()]
        title = None if titled else name.search(text)
        if title is not None:
            titled = True
            before = text[: title.start()]
            if len(before) <= _MAX_BEFORE_TITLE and not _SENTENCE.search(before):
                cuts.append(title.end())
        cuts = [c for c in cuts if 0 < c < len(text)]
        out += _split(block, cuts) if cuts else [block]
    return out


def cut_parts(section: Section, lines: Sequence[Line]) -> list[Line]:
    """A section's lines cut before and after its part headings printed in the middle of a line."""
    pattern = _part_pattern(section)
    if pattern is None:
        return list(lines)
    out: list[Line] = []
    for line in lines:
        cuts = [
            c
            for m in pattern.finditer(line.text)
            if m.start() > 0 and _not_quoted(line.text, m.start())
            for c in (m.start(), m.end())
        ]
        cuts = [c for c in cuts if 0 < c < len(line.text)]
        out += _split(line, cuts) if cuts else [line]
    return out
