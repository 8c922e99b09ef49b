"""Sections and narrative parts, found by their headings (the form's headings, not a list here).

A section heading is a line starting with the section's numeral ("二、") whose first clause is the
section's title or close to it; headings are taken in order, so a table row such as
"四、结转下年度继续办理" is never mistaken for section 四. In section 一 the parts start at their
ordinals ("（一）"); a printed heading running into the paragraph ("（一）主动公开情况。2024年，…")
is dropped up to its full stop. A paragraph before （一） goes to the start of the first part.
Section 五 is split where the improvements begin (a sentence opening with a word such as 针对 or
改进, or the section's second ordinal).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportdesk.form import Form, Part, Section
from reportdesk.importers.normalize import (
    CHINESE_NUMERALS,
    label_key,
    leading_ordinal,
    ordinal_of,
    similarity,
)
from reportdesk.importers.paragraphs import Paragraph


def title_pattern(title: str) -> str:
    """A regex for a printed heading title: any spacing between its characters, then 情况 and a mark."""
    chars = r"\s*".join(re.escape(ch) for ch in title if not ch.isspace())
    return chars + r"(?:情况)?[。：:，,]?"


_SECTION = re.compile(rf"^\s*([{CHINESE_NUMERALS}]+)\s*[、.．，,]\s*")
_CLAUSE_END = re.compile(r"[。：:；;]")
_SENTENCE = re.compile(r"(?<=[。！？!?])")
# How the improvements part of section 五 opens in published reports ("针对存在问题，下一步…",
# "改进措施：…"); the split is only made at the start of a sentence after the first.
IMPROVEMENT_CUES = ("针对", "改进", "整改", "下一步", "今后", "下步")
_HEADING_TITLE = 0.6
_RUN_ON = 8  # characters beyond a part's title: the clause is the paragraph's text, not a longer heading
_SHORT_HEADING = 20


@dataclass(frozen=True)
class Heading:
    """A section heading found, and any text printed after it on the same line."""

    section: Section
    rest: str


def match_heading(form: Form, text: str, after: int) -> tuple[int, Heading] | None:
    """The section (index into ``form.sections``, later than ``after``) that ``text`` is the heading of."""
    m = _SECTION.match(text)
    if not m:
        return None
    rest = text[m.end() :]
    clause = _CLAUSE_END.split(rest, 1)[0]
    for i, section in enumerate(form.sections):
        if i <= after or section.number != m.group(1):
            continue
        title, printed = label_key(section.title), label_key(clause)
        if (title in printed and len(printed) <= len(title) + 8) or similarity(
            title, printed
        ) >= _HEADING_TITLE:
            remainder = rest[len(clause) :].lstrip("。：:；; \u3000")
            return i, Heading(section, remainder)
    return None


@dataclass
class Narrative:
    """Text per part key, and where each part was found."""

    texts: dict[str, list[str]] = field(default_factory=dict)
    found: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _strip_heading(text: str, ordinal_len: int, part: Part) -> str:
    """The paragraph without its "（一）主动公开情况。" heading (or only the ordinal, if the heading differs)."""
    rest = text[ordinal_len:].lstrip()
    clause = _CLAUSE_END.split(rest, 1)[0]
    own = leading_ordinal(part.heading)
    title = label_key(part.heading[own[1] :] if own else part.heading)
    printed = label_key(clause)
    if title and printed.startswith(title) and len(printed) > len(title) + _RUN_ON:
        # the heading runs straight into the text ("（一）主动公开积极推进…", a flattened page)
        run_on = re.match(title_pattern(part.heading[own[1] :] if own else part.heading), rest)
        if run_on:
            return rest[run_on.end() :].lstrip("。：:；;，, \u3000")
    if clause == rest or (title and (title in printed or similarity(title, printed) >= _HEADING_TITLE)):
        return rest[len(clause) :].lstrip("。：:；; \u3000")
    return rest


def printed_parts(section: Section, paragraphs: Sequence[Paragraph], out: Narrative) -> None:
    """Section 一: paragraphs to parts by their ordinals; text before （一） opens the first part."""
    ordinals = [ordinal_of(p.heading) for p in section.parts]
    current = 0
    seen: set[int] = set()
    for para in paragraphs:
        found = leading_ordinal(para.text)
        later = [i for i, o in enumerate(ordinals) if found and o == found[0] and (i > current or not seen)]
        if found and later:
            current = later[0]
            seen.add(current)
            part = section.parts[current]
            out.found.append((part.heading, para.where))
            text = _strip_heading(para.text, found[1], part)
        else:
            text = para.text
        if text:
            out.texts.setdefault(section.parts[current].key, []).append(text)
    out.missing += [
        f"{section.heading} {p.heading}：没有找到" for i, p in enumerate(section.parts) if i not in seen
    ]


def _opens_improvements(sentence: str) -> bool:
    return sentence.lstrip().startswith(IMPROVEMENT_CUES)


def split_two(section: Section, paragraphs: Sequence[Paragraph], out: Narrative) -> None:
    """Section 五: the problems, then the improvements from the first sentence that opens them."""
    first, second = section.parts[0], section.parts[1]
    before: list[str] = []
    after: list[str] = []
    for pi, para in enumerate(paragraphs):
        text = para.text
        found = leading_ordinal(text)
        if found and len(text) <= _SHORT_HEADING:  # a sub-heading such as "（二）改进情况"
            if found[0] != CHINESE_NUMERALS[0] and not after:
                after.append("")
            continue
        if after:
            after.append(text)
            continue
        sentences = [s for s in _SENTENCE.split(text) if s]
        cut = next((i for i, s in enumerate(sentences) if (pi, i) != (0, 0) and _opens_improvements(s)), None)
        if found and found[0] != CHINESE_NUMERALS[0] and before:
            cut = 0
        if cut is None:
            before.append(text)
        else:
            if cut:
                before.append("".join(sentences[:cut]))
            after.append("".join(sentences[cut:]))
    after = [t for t in after if t]
    if before:
        out.texts[first.key] = before
    if after:
        out.texts[second.key] = after
    else:
        out.missing.append(f"{section.heading}：没有找到改进情况（未见“针对…”“改进…”等开头的段落）")


def section_text(section: Section, paragraphs: Sequence[Paragraph], out: Narrative) -> None:
    """Put a narrative section's paragraphs into its parts."""
    if not section.parts:
        return
    if any(p.printed for p in section.parts):
        printed_parts(section, paragraphs, out)
    elif len(section.parts) == 2:
        split_two(section, paragraphs, out)
    else:
        out.texts[section.parts[0].key] = [p.text for p in paragraphs]
