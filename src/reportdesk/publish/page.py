"""Render a report into the web page (or the fragment for a CMS editor).

The page comes from ``resources/report-page.html.j2`` through jinja2 with autoescape on, so
every text of the report is escaped; tables 2–4 are real tables with the printed merged headers
(:mod:`reportdesk.publish.tables`). The page is self-contained: its only style is inside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment, StrictUndefined, Template

from reportdesk.form import Form, resource_path
from reportdesk.publish.tables import HtmlTable, tables
from reportdesk.render.context import clean, intro_paragraphs, name_lines, paragraphs
from reportdesk.render.layout import DRAFT_MARK
from reportdesk.report import Report

PAGE_TEMPLATE = "report-page.html.j2"


@dataclass(frozen=True)
class PagePart:
    """A narrative part: its heading (None when the format prints none) and paragraphs."""

    heading: str | None
    paragraphs: list[str]


@dataclass(frozen=True)
class PageSection:
    """A section: heading, parts and its table (sections 二–四)."""

    heading: str
    parts: list[PagePart]
    table: HtmlTable | None


@lru_cache(maxsize=1)
def _template() -> Template:
    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    return env.from_string(resource_path(PAGE_TEMPLATE).read_text(encoding="utf-8"))


def page_context(form: Form, report: Report, *, draft: bool = False) -> dict[str, object]:
    """What the page template prints for ``report``."""
    full_name = clean(report.agency.full_name).strip()
    title = f"{report.year}年{form.name}"
    by_table = tables(form, report)
    sections = []
    for section in form.sections:
        parts = []
        for part in section.parts:
            texts = paragraphs(report.texts.get(part.key, ""))
            if texts:  # no bare heading over an empty part
                parts.append(PagePart(part.heading if part.printed else None, texts))
        sections.append(PageSection(section.heading, parts, by_table.get(section.table or "")))
    return {
        "page_title": f"{full_name}{title}",
        "title_lines": [*name_lines(full_name, clean(report.agency.region).strip()), title],
        "intro": intro_paragraphs(form, report),
        "sections": sections,
        "draft": DRAFT_MARK if draft else "",
    }


def render_page(form: Form, report: Report, *, fragment: bool = False, draft: bool = False) -> str:
    """The report as a self-contained HTML page, or (``fragment``) just its ``<article>``."""
    return _template().render(page_context(form, report, draft=draft), fragment=fragment)
