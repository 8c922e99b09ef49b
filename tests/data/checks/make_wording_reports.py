"""Write ``tests/data/checks/wording-reports.json``: the figures of the reference reports as the project's
own importer reads them, for ``tests/test_checks_real_wording.py``.

The real sentences of that test are checked against the tables of the report they come from. A
clone must pass its tests with nothing beside it, so the figures are kept here, made by importing
each published file of ``../shared/reference`` (or the directory given) with
:func:`reportdesk.importers.import_report` — the same import an officer runs. Cells that are 0 are
left out (the test fills them back in), blank ones are listed under ``blank``. The test marked
``reference`` imports the files again and checks this file still says exactly that.

    .venv/bin/python tests/data/checks/make_wording_reports.py [REFERENCE_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from reportdesk.form import Form, load_form
from reportdesk.importers import ImportResult, import_report
from reportdesk.values import to_json

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "wording-reports.json"
# The report a sentence belongs to → its published files (the 淮安 .txt is the text of its PDF).
SOURCES = {
    "东湖2023": ("seed-donghu-zwfw-2023.txt",),
    "淮安2024": ("huaian-city-gov-2024.txt", "real/huaian-city-gov-2024.pdf"),
    "洪泽2023": ("real/hongze-district-gov-2023.pdf",),
    "洪泽2024": ("real/hongze-district-gov-2024.pdf",),
}


def imports(reference: Path, form: Form) -> dict[str, list[ImportResult]]:
    """Every published file of every report, imported; a digit run the importer asks about is cut as
    the officer would choose it, the way the narrative's figures agree with (the question's hint)."""
    return {name: [_answered(reference / s, form) for s in files] for name, files in SOURCES.items()}


def _answered(path: Path, form: Form) -> ImportResult:
    result = import_report(path, form)
    hinted = {q.id: q.hint for q in result.questions if q.hint is not None}
    return import_report(path, form, choices=hinted) if hinted else result


def figures(results: list[ImportResult], form: Form) -> dict[str, Any]:
    """What the test needs of one report: its year, kind and every figure (0s left out)."""
    first = results[0].report
    for other in results[1:]:
        if dict(other.report.cells) != dict(first.cells):
            raise SystemExit(f"{other.source} 与 {results[0].source} 读出的表格数字不同")
    cells = {k: to_json(first.cells.get(k), cell.kind) for k, cell in form.cells.items()}
    return {
        "year": first.year,
        "agency": first.agency.name,
        "kind": first.agency.kind,
        "cells": {k: v for k, v in cells.items() if v is not None and v not in (0, "0")},
        "blank": [k for k, v in cells.items() if v is None],
    }


def build(reference: Path) -> dict[str, Any]:
    """The fixture's content, made from the reference corpus in ``reference``."""
    form = load_form()
    return {
        name: {"sources": list(SOURCES[name]), **figures(results, form)}
        for name, results in imports(reference, form).items()
    }


def dump(data: dict[str, Any]) -> str:
    """The fixture as written: one cell a line, keys in the form's order."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    given = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[3] / "shared" / "reference"
    OUTPUT.write_text(dump(build(given.resolve())), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
