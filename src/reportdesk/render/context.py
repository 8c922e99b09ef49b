"""What a report template can print: the report turned into placeholder values.

Every table cell is one placeholder named after its key (``t3.new.natural`` →
``t3_new_natural``), every narrative part a list of paragraphs (``s1.active`` → ``s1_active``),
plus a few fields about the body and the year (:data:`GENERAL_NAMES`). Text is cleaned of
characters XML cannot hold; newlines split paragraphs, so each becomes a real ``<w:p>``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from reportdesk.form import Form
from reportdesk.hidden import remove_hidden
from reportdesk.report import Report
from reportdesk.values import display

# Fields besides the cells and narrative parts.
AGENCY_NAME = "agency_name"  # the name as printed in the title (region + name)
AGENCY_NAME_LINES = "agency_name_lines"  # the same, split where the title should break
AGENCY_WEBSITE = "agency_website"
YEAR = "year"
INTRO = "intro"  # the opening paragraphs: texts.intro, or generated
GENERAL_NAMES = (AGENCY_NAME, AGENCY_NAME_LINES, AGENCY_WEBSITE, YEAR, INTRO)

# A title line of 2号 type holds 20 characters in the 156 mm type area.
TITLE_LINE_CHARS = 20

# XML 1.0 forbids C0 controls other than tab/newline/CR, lone surrogates and U+FFFE/U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile("\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")
# Leading blanks a person types to indent a paragraph; the style indents it already.
_EDGE_BLANKS = " \t\u3000\u00a0"


def clean(text: str) -> str:
    """``text`` without the characters an XML document cannot hold, nor hidden ones (a U+202E would
    reverse the printed text): the last guard behind every way in, which removes them saying so."""
    return remove_hidden(_ILLEGAL.sub("", text))[0]


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a narrative part: split at newlines, cleaned, blank ones dropped."""
    out = []
    for line in _NEWLINES.split(text):
        line = clean(line).strip(_EDGE_BLANKS)
        if line:
            out.append(line)
    return out


def cell_var(key: str) -> str:
    """The placeholder name of a cell key: ``t3.withheld.1.natural`` → ``t3_withheld_1_natural``."""
    return key.replace(".", "_")


def text_var(key: str) -> str:
    """The placeholder name of a narrative part key: ``s1.active`` → ``s1_active``."""
    return key.replace(".", "_")


@lru_cache(maxsize=4)
def cell_names(form: Form) -> Mapping[str, str]:
    """Placeholder name → cell key, for every cell of the form."""
    names = {cell_var(k): k for k in form.cells}
    if len(names) != len(form.cells):
        raise ValueError("two cell keys map to the same placeholder name")
    return names


@lru_cache(maxsize=4)
def text_names(form: Form) -> Mapping[str, str]:
    """Placeholder name → narrative part key."""
    return {text_var(k): k for k in form.text_keys}


@lru_cache(maxsize=4)
def provided_names(form: Form) -> frozenset[str]:
    """Every name a template may use."""
    names = set(cell_names(form)) | set(text_names(form)) | set(GENERAL_NAMES)
    if len(names) != len(cell_names(form)) + len(text_names(form)) + len(GENERAL_NAMES):
        raise ValueError("a placeholder name is used twice")
    return frozenset(names)


def name_lines(name: str, region: str) -> list[str]:
    """The title's first line(s): the body's name, broken after the region when too long."""
    name = clean(name).strip()
    if len(name) > TITLE_LINE_CHARS and region and name.startswith(region) and len(name) > len(region):
        return [region, name[len(region) :]]
    return [name]


def intro_paragraphs(form: Form, report: Report) -> list[str]:
    """The opening paragraph(s): ``texts.intro`` when given, else generated from the report."""
    given = paragraphs(report.texts.get("intro", ""))
    if given:
        return given
    year = report.year
    agency = report.agency
    website = clean(agency.website).strip()
    where = f"{clean(agency.full_name)}门户网站"
    if website:
        where += f"（{website}）"
    return [
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室"
        f"关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（{form.basis}）要求，编制本报告。"
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        f"本报告电子版可在{where}下载。"
    ]


def build_context(form: Form, report: Report) -> dict[str, object]:
    """The values of every placeholder for ``report``.

    A cell prints exactly as entered (收费金额 keeps its digits; blank prints nothing, which
    only a draft allows); an invalid value prints as it was typed.
    """
    context: dict[str, object] = {}
    for name, key in cell_names(form).items():
        context[name] = clean(display(report.cells.get(key)))
    for name, key in text_names(form).items():
        context[name] = paragraphs(report.texts.get(key, ""))
    full_name = clean(report.agency.full_name).strip()
    context[AGENCY_NAME] = full_name
    context[AGENCY_NAME_LINES] = name_lines(full_name, clean(report.agency.region).strip())
    context[AGENCY_WEBSITE] = clean(report.agency.website).strip()
    context[YEAR] = str(report.year)
    context[INTRO] = intro_paragraphs(form, report)
    return context
