"""JSON → .docx rendered by reportdesk → JSON: the same figures, text and agency.

The region comes back only where the rendered title prints it: a department's title is region +
name, broken onto two lines when long; a government's title is its name alone, so its region
is not in the document.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reportdesk.form import Form
from reportdesk.importers import import_report
from reportdesk.render.docx import render_docx
from reportdesk.report import dumps

from .conftest import load_data
from .test_import_docx import same_report

ALL = [
    "seed-donghu-zwfw-2023",
    "huaian-city-gov-2024",
    "hongze-district-gov-2023",
    "hongze-district-gov-2024",
]


@pytest.mark.parametrize("name", ALL)
def test_rendered_docx_imports_back_identical(form: Form, tmp_path: Path, name: str) -> None:
    want = load_data(name)
    path = tmp_path / f"{name}.docx"
    path.write_bytes(render_docx(form, want))
    result = import_report(path, form)
    got = result.report
    same_report(got, want, form)
    assert got.agency.kind == want.agency.kind
    assert got.agency.region == (want.agency.region if want.agency.kind == "department" else "")
    restored = got.with_agency(replace(got.agency, region=want.agency.region))
    assert dumps(restored, form) == dumps(want, form)
