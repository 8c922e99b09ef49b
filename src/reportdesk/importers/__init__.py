"""Importing a published report (.docx, .html, .pdf, .txt) into the exchange format.

:func:`import_report` reads the file, finds the narrative by its headings and the tables by
their labels, runs the checks and returns an :class:`ImportResult` saying what was read from
where. An .xlsx goes to the workbook importer (:func:`reportdesk.workbook.import_workbook`).
A file that cannot be read raises :class:`reportdesk.report.ReportFileError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reportdesk.form import Form
from reportdesk.importers.result import ImportResult

__all__ = ["SUFFIXES", "ImportResult", "import_report"]

SUFFIXES = (".docx", ".html", ".htm", ".pdf", ".txt", ".xlsx")


def import_report(
    path: Path, form: Form, year: int | None = None, agency: Mapping[str, str] | None = None
) -> ImportResult:
    """Import the published report in ``path``.

    ``year`` overrides the year printed in its title; ``agency`` overrides what the title says
    about the agency (keys ``name``, ``region``, ``kind``).
    """
    from reportdesk.importers.build import build_report
    from reportdesk.importers.sniff import read_document

    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from reportdesk.importers.workbook import import_xlsx

        return import_xlsx(path, form, year, agency or {})
    return build_report(form, read_document(path), year, agency or {})
