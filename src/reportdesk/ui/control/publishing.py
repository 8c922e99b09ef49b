"""Producing the web page for the window (生成网页). No Qt: the dialog calls :func:`publish`; a page
takes milliseconds, so no worker thread is needed. The page renderer is imported only here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportdesk.form import Form
from reportdesk.report import Report
from reportdesk.ui.control.generation import Result, document_name


def page_name(report: Report, draft: bool, fragment: bool) -> str:
    """The file name of the Word document, as .html: 某某县交通运输局2024年政府信息公开工作年度报告.html
    (（草稿） and （正文片段） added when they are)."""
    return Path(document_name(report, draft)).stem + ("（正文片段）" if fragment else "") + ".html"


@dataclass(frozen=True)
class PageRequest:
    path: Path
    draft: bool
    fragment: bool


def publish(form: Form, report: Report, previous: Report | None, request: PageRequest) -> Result:
    """Write the page (or the fragment for a CMS); a failure is returned as a Chinese reason."""
    from reportdesk.files import OutputError, write_atomically
    from reportdesk.publish.page import render_page
    from reportdesk.render.gate import assess

    verdict = assess(form, report, previous)
    if not request.draft and not verdict.printable:
        return Result((), f"报告还有 {len(verdict.errors)} 个错误，不能生成正式网页；请改正，或生成草稿。")
    html = render_page(form, report, fragment=request.fragment, draft=request.draft)
    try:
        write_atomically(request.path, html.encode("utf-8"))
    except OutputError as e:
        return Result((), str(e))
    return Result((request.path,))
