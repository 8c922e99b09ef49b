"""Helpers for the render tests: render a report and read the .docx back with python-docx."""

from __future__ import annotations

import io
from typing import Any

import docx

from reportdesk.form import Form
from reportdesk.render.docx import render_docx
from reportdesk.report import Report


def render(form: Form, report: Report, **kw: Any) -> Any:
    """Render and reopen: the python-docx Document of the output."""
    return docx.Document(io.BytesIO(render_docx(form, report, **kw)))


def grid(table: Any) -> list[list[str]]:
    """Every grid position's text; a merged cell repeats its text over the positions it covers."""
    cells = table._cells  # python-docx computes the whole grid on each table.cell() call
    width = len(table.columns)
    return [[cell.text for cell in cells[r * width : (r + 1) * width]] for r in range(len(table.rows))]


def body_paragraphs(doc: Any) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph outside tables, in order."""
    return [(p.style.name, p.text) for p in doc.paragraphs]
