"""The title and opening paragraph: agency, year, website, intro.

The title is the line holding the form's name ("政府信息公开工作年度报告"); the year is the one
printed in it, and the agency is what stands before the year (or the line(s) above, for a title
printed on several lines: region, then name). The opening paragraph is everything between the title and section 一.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportdesk.form import Form
from reportdesk.importers.document import Line
from reportdesk.importers.normalize import label_key
from reportdesk.importers.paragraphs import build_paragraphs, line_text

_YEAR = re.compile(r"(20\d{2})\s*年")
_PERIOD = re.compile(r"(20\d{2})\s*年\s*1\s*月\s*1\s*日")
_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+")
_SENTENCE_PUNCT = re.compile(r"[。，；：,;:]")
_MAX_NAME = 40


@dataclass(frozen=True)
class Front:
    """What the title and opening paragraph say; ``*_where`` locate them for the import report."""

    agency: str
    region: str
    year: int | None
    intro: str
    website: str
    title_where: str | None
    intro_where: str | None


def _trim(text: str) -> str:
    return text.strip(" \u3000:：,，")


def _name_above(texts: Sequence[str]) -> tuple[str, str]:
    """(region, agency) printed on the line(s) above a title that starts with the year.

    A name printed on two lines has the region on the first ("武汉市东湖新技术开发区" /
    "政务服务和大数据管理局"), as the title is broken in print.
    """
    name: list[str] = []
    for text in reversed(texts):
        candidate = text.replace(" ", "")
        if not candidate:
            if name:
                break
            continue
        if (
            _SENTENCE_PUNCT.search(candidate)
            or len(candidate) + sum(map(len, name)) > _MAX_NAME
            or len(name) == 2
        ):
            break
        name.insert(0, candidate)
    return ("", "".join(name)) if len(name) < 2 else (name[0], name[1])


def read_front(form: Form, lines: Sequence[Line], squeeze: bool, width: float | None) -> Front:
    """Agency, year, opening paragraph and website from the lines before section 一."""
    texts = [line_text(line, squeeze) for line in lines]
    name = label_key(form.name)
    at = next((i for i, t in enumerate(texts) if name in label_key(t)), None)
    agency, region, year, title_where = "", "", None, None
    body = list(lines)
    if at is not None:
        title = texts[at]
        title_where = lines[at].where
        m = _YEAR.search(title)
        if m:
            year = int(m.group(1))
            agency = _trim(title[: m.start()])
        else:
            cut = title.replace(" ", "").find(form.name)
            agency = _trim(title.replace(" ", "")[: max(cut, 0)])
        if not agency:
            region, agency = _name_above(texts[:at])
        body = list(lines[at + 1 :])
    paragraphs = build_paragraphs(body, squeeze, width)
    if at is None:  # no title: keep only what reads like sentences
        paragraphs = [p for p in paragraphs if _SENTENCE_PUNCT.search(p.text)]
    intro = "\n".join(p.text for p in paragraphs)
    if year is None and (period := _PERIOD.search(intro)):
        year = int(period.group(1))  # "统计期限自2023年1月1日起至2023年12月31日止"
    url = _URL.search(intro)
    return Front(
        agency=agency.replace(" ", ""),
        region=region,
        year=year,
        intro=intro,
        website=url.group(0).rstrip(".,;") if url else "",
        title_where=title_where,
        intro_where=paragraphs[0].where if paragraphs else None,
    )
