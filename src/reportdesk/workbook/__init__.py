"""Excel workbooks (.xlsx): export a report laid out like the official tables, import it back.

``write_workbook(report, form, path)`` exports; ``import_workbook(path, form)`` reads a workbook
made by reportdesk or by hand in the official layout and returns ``(report, notes)``; a note
starting with ``PAYLOAD_CONFLICT`` says the hidden data disagreed with a sheet (the sheet won). openpyxl
is imported only when a workbook is actually read or written.
"""

from __future__ import annotations

from reportdesk.workbook.payload import CONFLICT as PAYLOAD_CONFLICT
from reportdesk.workbook.reader import WorkbookError, import_workbook, read_workbook
from reportdesk.workbook.writer import workbook_bytes, write_workbook

__all__ = [
    "PAYLOAD_CONFLICT",
    "WorkbookError",
    "import_workbook",
    "read_workbook",
    "workbook_bytes",
    "write_workbook",
]
