"""Importing a published report (.docx, .doc, .wps, .html, .pdf, .txt, .md) into the exchange format.

:func:`import_report` reads the file, finds the narrative by its headings and the tables by
their labels, runs the checks and returns an :class:`ImportResult` saying what was read from
where. An .xlsx (.xls, .et) goes to the workbook importer (:func:`reportdesk.workbook.import_workbook`);
pasted text or HTML to :func:`reportdesk.importers.pasted.import_pasted`.
A file that cannot be read raises :class:`reportdesk.report.ReportFileError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reportdesk.form import Form
from reportdesk.importers.result import ImportResult

__all__ = ["SUFFIXES", "ImportResult", "import_report"]

SUFFIXES = (".docx", ".doc", ".wps", ".html", ".htm", ".pdf", ".txt", ".md", ".xlsx", ".xls", ".et")


def import_report(
    path: Path,
    form: Form,
    year: int | None = None,
    agency: Mapping[str, str] | None = None,
    choices: Mapping[str, int] | None = None,
) -> ImportResult:
    """Import the published report in ``path``.

    ``year`` overrides the year printed in its title; ``agency`` overrides what the title says
    about the agency (keys ``name``, ``region``, ``kind``); ``choices`` answer the questions of
    an earlier import of the file (question id → option number).
    """
    from reportdesk.importers.build import build_report
    from reportdesk.importers.sniff import read_document

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xls", ".et"):
        from reportdesk.importers.workbook import import_sheets

        return import_sheets(path, form, year, agency or {})
    return build_report(form, read_document(path), year, agency or {}, choices)
