"""What an import found that the saved report cannot show by itself: OLD-FORMAT of the tables.

A published report whose table 三 prints （六）其他处理 as one row without its sub-items (the 2019
format), or whose tables hold a 2019 row or column, is imported with those figures blank or left
out: once saved, only BLANK cells remain and nothing says why. So the importer records such
findings in the report, under the top-level key ``import`` of the exchange JSON (kept in
:attr:`Report.extra`, so the JSON, the database and the workbook keep it as they keep any key)::

    "import": {"findings": [{"code": "OLD-FORMAT", "message": "表三「（六）其他处理」只印了一行…",
                             "cells": ["t3.other.1.natural", …]}]}

and :func:`import_findings` raises each again on every check while it still holds. One naming cells
holds while any of them is still blank: once the officer has filled in the rows the 2019 table did
not have, it is gone (a reason given for it is then kept as 已失效). One naming no cell (a 2019 row
or column found in a table; ``about`` says which) holds for good and is explained like any warning.
Its id is ``OLD-FORMAT@import:<about>``. Only OLD-FORMAT is recorded: every other finding of an
import is found again from the saved figures. An entry that is not of this shape is ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from reportdesk.checks.findings import Finding, make
from reportdesk.form import Form
from reportdesk.report import Report

IMPORT_KEY = "import"
RECORDED = ("OLD-FORMAT",)


def record_import_findings(report: Report, findings: Iterable[Finding]) -> Report:
    """``report`` with the import's findings that the saved figures cannot show recorded under
    ``import`` (unchanged when there are none, so an ordinary import adds no key)."""
    entries = []
    for f in findings:
        if f.code in RECORDED:
            entry: dict[str, Any] = {"code": f.code, "message": f.message, "cells": list(f.cells)}
            if f.about:
                entry["about"] = f.about
            entries.append(entry)
    if not entries:
        return report
    kept = report.extra.get(IMPORT_KEY)
    block = dict(kept) if isinstance(kept, Mapping) else {}
    block["findings"] = entries
    return replace(report, extra=MappingProxyType({**report.extra, IMPORT_KEY: block}))


def import_findings(form: Form, report: Report) -> list[Finding]:
    """The recorded findings of the import that still hold (see the module's description)."""
    block = report.extra.get(IMPORT_KEY)
    entries = block.get("findings") if isinstance(block, Mapping) else None
    if not isinstance(entries, list):
        return []
    out = []
    for entry in entries:
        finding = _finding(form, entry)
        if finding is not None and (
            not finding.cells or any(report.cells.get(k) is None for k in finding.cells)
        ):
            out.append(finding)
    return out


def _finding(form: Form, entry: object) -> Finding | None:
    """The finding an entry records, or None when the entry is not one."""
    if not isinstance(entry, Mapping):
        return None
    code, message, cells, about = (
        entry.get("code"),
        entry.get("message"),
        entry.get("cells", []),
        entry.get("about", ""),
    )
    if (
        code not in RECORDED
        or not isinstance(message, str)
        or not message.strip()
        or not isinstance(cells, list)
        or not all(isinstance(k, str) and k in form.cells for k in cells)
        or not isinstance(about, str)
        or not (cells or about)
    ):
        return None
    return make(form, code, message, cells=tuple(cells), place="" if cells else IMPORT_KEY, about=about)
