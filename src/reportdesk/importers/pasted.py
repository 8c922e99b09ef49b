"""A whole report pasted into the window (Ctrl+A, Ctrl+C in a browser, Word or WPS).

The clipboard usually holds the same content twice: as HTML (tables kept as tables) and as plain
text. Both are read when both are there, and the one that gives more figures is kept (HTML on a
tie: its tables say where each cell is); a copy that holds no report in one form may still hold
it in the other. Nothing is written anywhere: the caller shows what was read before saving.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from reportdesk.form import Form
from reportdesk.importers.build import build_report
from reportdesk.importers.html import html_document
from reportdesk.importers.limits import check_chars
from reportdesk.importers.result import ImportResult
from reportdesk.importers.txt import text_document
from reportdesk.report import ReportFileError

SOURCE = "剪贴板"


def import_pasted(
    form: Form,
    html: str | None,
    text: str | None,
    year: int | None = None,
    agency: Mapping[str, str] | None = None,
    choices: Mapping[str, int] | None = None,
) -> ImportResult:
    """The report in pasted ``html`` and/or ``text``; :class:`ReportFileError` when neither holds one."""
    results: list[ImportResult] = []
    refused: list[ReportFileError] = []
    for kind, content in (("clipboard-html", html), ("clipboard-text", text)):
        if not content or not content.strip():
            continue
        try:
            check_chars((content,), SOURCE)
            doc = (
                html_document(content, SOURCE) if kind == "clipboard-html" else text_document(content, SOURCE)
            )
            doc = replace(doc, kind=kind if doc.kind != "markdown" else "markdown")
            results.append(build_report(form, doc, year, agency, choices))
        except ReportFileError as e:
            refused.append(e)
    if not results:
        if refused:
            raise refused[0]
        raise ReportFileError(
            SOURCE, "剪贴板是空的：请先在浏览器、Word 或 WPS 中全选（Ctrl+A）并复制（Ctrl+C）整份报告"
        )
    return max(results, key=lambda r: (len(r.origins), -len(r.problems), r.kind == "clipboard-html"))
