"""Helpers for the render tests: render a report, audit it, read the .docx back with python-docx."""

from __future__ import annotations

import io
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import docx

from reportdesk.form import Form
from reportdesk.render.docx import render_docx
from reportdesk.report import Report


@lru_cache(maxsize=1)
def _validator() -> Any:
    from openxml_audit import OpenXmlValidator

    return OpenXmlValidator()


def audit_findings(data: bytes) -> list[str]:
    """Every finding of openxml-audit (Open XML schema, semantic and Word app-compat rules) on a
    .docx, warnings included: Word may repair a file with any of them."""
    with tempfile.TemporaryDirectory(prefix="reportdesk-audit-") as tmp:
        path = Path(tmp) / "document.docx"
        path.write_bytes(data)
        result = _validator().validate(path)
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors]


def audited(data: bytes) -> bytes:
    """``data``, after asserting that openxml-audit finds nothing in it."""
    findings = audit_findings(data)
    assert findings == [], "openxml-audit:\n" + "\n".join(findings)
    return data


def render(form: Form, report: Report, **kw: Any) -> Any:
    """Render, audit and reopen: the python-docx Document of the output."""
    return docx.Document(io.BytesIO(audited(render_docx(form, report, **kw))))


def grid(table: Any) -> list[list[str]]:
    """Every grid position's text; a merged cell repeats its text over the positions it covers."""
    cells = table._cells  # python-docx computes the whole grid on each table.cell() call
    width = len(table.columns)
    return [[cell.text for cell in cells[r * width : (r + 1) * width]] for r in range(len(table.rows))]


def body_paragraphs(doc: Any) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph outside tables, in order."""
    return [(p.style.name, p.text) for p in doc.paragraphs]
