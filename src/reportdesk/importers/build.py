"""From a :class:`Document` to a report: sections, narrative, tables, the runs cut, checks.

The same for every file kind and for pasted text. Every import ends with the checks.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

from reportdesk.checks import check
from reportdesk.checks.findings import make
from reportdesk.checks.imported import record_import_findings
from reportdesk.form import Form
from reportdesk.importers.document import Document
from reportdesk.importers.flat import cut_headings
from reportdesk.importers.front import read_front
from reportdesk.importers.limits import check_chars
from reportdesk.importers.paragraphs import line_text, wrap_width
from reportdesk.importers.regions import (
    classify,
    missing_rows,
    narrative_texts,
    old_format,
    read_tables,
    split_regions,
)
from reportdesk.importers.resolve import resolve
from reportdesk.importers.result import ImportResult
from reportdesk.importers.summary import HOW
from reportdesk.importers.table_read import UNSURE, Origin
from reportdesk.report import Agency, Report, ReportFileError, without_hidden
from reportdesk.unsure import mark_data, mark_text, with_marks
from reportdesk.values import is_number

NO_REPORT = "文件中没有找到政府信息公开工作年度报告（既没有“一、总体情况”等章节标题，也没有年报表格）"


def _in_order(
    form: Form, narrative: list[tuple[str, str]], tables: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Headings with their parts and their table's rows, section by section."""
    by_section: dict[int, list[tuple[str, str]]] = {}
    current = -1
    for what, where in narrative:
        current = next((i for i, s in enumerate(form.sections) if s.heading == what), current)
        by_section.setdefault(current, []).append((what, where))
    for what, where in tables:
        i = next((i for i, s in enumerate(form.sections) if s.table and what.startswith(f"表{s.number}")), -1)
        by_section.setdefault(i, []).append((what, where))
    return [entry for i in sorted(by_section) for entry in by_section[i]]


def marked(form: Form, report: Report, origins: Mapping[str, Origin]) -> Report:
    """``report`` with its unsure figures marked, so that every reader of it knows (reportdesk.unsure)."""
    marks = {
        key: mark_text(mark_data(form, key, report.cells[key], o.how, f"{HOW[o.how]}（{o.where}）"))
        for key, o in origins.items()
        if o.how in UNSURE and is_number(report.cells.get(key))
    }
    return with_marks(report, marks) if marks else report


def _kind(name: str) -> str:
    if re.search(r"(乡|镇|街道)(人民政府|办事处)$", name):
        return "township"
    if name.endswith("人民政府"):
        return "government"
    if re.search(r"(管理委员会|管委会)$", name):
        return "other"
    return "department"


def build_report(
    form: Form,
    doc: Document,
    year: int | None = None,
    agency: Mapping[str, str] | None = None,
    choices: Mapping[str, int] | None = None,
) -> ImportResult:
    """The report in ``doc``; raises :class:`ReportFileError` when the file holds no report.

    ``choices`` answer the questions of an earlier import of the same file (question id → option).
    """
    check_chars(doc.texts(), doc.source)
    regions = split_regions(form, cut_headings(form, doc.blocks))
    if len(regions) == 1 and not any(classify(form, g) for g in doc.grids):
        raise ReportFileError(doc.source, NO_REPORT)
    narrative_lines = [
        line_text(x, doc.squeeze)
        for r in regions
        for x in r.lines
        if r.section is None or form.sections[r.section].parts
    ]
    width = wrap_width(narrative_lines)
    front = read_front(form, regions[0].lines, doc.squeeze, width)
    narrative = narrative_texts(form, regions, doc, width)
    tables = read_tables(form, regions, doc)
    notes = list(doc.notes) + narrative.notes + tables.notes
    report_year = year or front.year
    if report_year is None:
        report_year = datetime.date.today().year - 1
        notes.append(f"文件中没有印报告年度，按 {report_year} 年处理（可用 --year 指定）")
    elif year and front.year and year != front.year:
        notes.append(f"文件标题中的年度是 {front.year} 年，按指定的 {year} 年处理")
    texts = {k: "\n".join(narrative.texts.get(k, [])) for k in form.text_keys}
    if front.intro:
        texts["intro"] = front.intro
    given = dict(agency or {})
    name = given.get("name") or front.agency
    who = Agency(
        name=name,
        region=given.get("region") or front.region,
        kind=given.get("kind") or _kind(name),
        website=front.website,
    )
    report = Report.empty(form, report_year, who).with_cells(tables.cells)
    for key, text in texts.items():
        report = report.with_text(key, text)
    report, removed = without_hidden(report, form)
    notes += removed
    resolved = resolve(form, report, tables, choices or {})
    report = marked(form, resolved.report, tables.origins)
    notes += resolved.notes
    found = []
    if front.title_where:
        found.append(("标题", front.title_where))
    if front.intro_where:
        found.append(("开头段落", front.intro_where))
    found += _in_order(form, narrative.found, tables.found)
    problems = tables.problems + resolved.problems + narrative.missing + missing_rows(form, tables)
    # Recorded in the report, so that `check` on the saved file still says it (checks/imported.py).
    marks = old_format(form, regions, doc, tables)
    report = record_import_findings(
        report, [make(form, "OLD-FORMAT", message, cells=c, about=about) for message, c, about in marks]
    )
    findings = check(form, report)
    return ImportResult(
        report,
        doc.source,
        doc.kind,
        tuple(found),
        tuple(problems),
        tuple(notes),
        tuple(findings),
        origins=dict(tables.origins),
        unread={k: tables.unread[k] for k in form.cells if k in tables.unread and k not in tables.origins},
        questions=tuple(resolved.questions),
    )
