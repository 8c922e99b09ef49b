"""Reading one report from wherever it is: an exchange JSON file, a workbook, a published report
(.docx, .html, .pdf, .txt, through :mod:`reportdesk.importers`), or the store.

A store input is ``db:ID`` (one report) or ``db:all`` (every live report of a year), read from
the database given by ``--db`` (else ``$REPORTDESK_DB``, else the user's data folder). Failures
to read become an :class:`~reportdesk.aggregate.Input` without a report, with the reason, so a
batch such as the government-wide total lists them instead of stopping.
"""

from __future__ import annotations

from pathlib import Path

from reportdesk.aggregate import Input
from reportdesk.checks import convert_code_keys
from reportdesk.form import Form
from reportdesk.report import ReportFileError, read_report

DB_PREFIX = "db:"
DB_ALL = "all"
# through the importers of published reports
PUBLISHED = (".docx", ".doc", ".wps", ".html", ".htm", ".pdf", ".txt", ".md", ".xls", ".et")
SUFFIXES = (".json", ".xlsx", *PUBLISHED)


def read_file(path: Path, form: Form) -> tuple[Input, list[str]]:
    """One report file, and notes of what was noticed while reading it."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            from reportdesk.workbook import PAYLOAD_CONFLICT, import_workbook

            report, notes = import_workbook(path, form)
            report, converted = convert_code_keys(form, report)
            # What the workbook showed was read; that its hidden data said otherwise must be seen.
            conflicts = tuple(n for n in notes if n.startswith(PAYLOAD_CONFLICT))
            return Input(str(path), report, warnings=conflicts), [*notes, *converted]
        if suffix == ".json":
            loaded = read_report(path, form)
            report, converted = convert_code_keys(form, loaded.report)
            return Input(str(path), report), [*loaded.notices, *converted]
        if suffix in PUBLISHED:
            from reportdesk.importers import import_report

            result = import_report(path, form)
            return Input(str(path), result.report), [*result.problems, *result.notes]
    except ReportFileError as e:
        return Input(str(path), None, e.reason), []
    return Input(
        str(path), None, f"不支持的文件类型 {suffix or '（无扩展名）'}，可用 {' / '.join(SUFFIXES)} 或 db:ID"
    ), []


def read_store(specs: list[str], db: str | None, form: Form, year: int) -> list[tuple[str, Input]]:
    """(spec, input) for the reports named ``db:ID`` / ``db:all`` (every live report of ``year``)."""
    from reportdesk.store import Store, StoreError, resolve_location

    try:
        store = Store.open(resolve_location(db), form=form)
    except StoreError as e:
        return [(spec, Input(spec, None, str(e))) for spec in specs]
    out: list[tuple[str, Input]] = []
    with store:
        for spec in specs:
            ident = spec[len(DB_PREFIX) :]
            if ident == DB_ALL:
                try:
                    ids = [i.id for e in store.list_bodies() for i in e.reports if i.year == year]
                except StoreError as e:
                    out.append((spec, Input(spec, None, str(e))))
                    continue
            elif ident.isdigit():
                ids = [int(ident)]
            else:
                out.append(
                    (spec, Input(spec, None, f"“{spec}”不是数据库中的报告编号（应为 db:编号 或 db:all）"))
                )
                continue
            for report_id in ids:
                source = f"{DB_PREFIX}{report_id}"
                try:
                    out.append((spec, Input(source, store.load(report_id))))
                except StoreError as e:
                    out.append((spec, Input(source, None, str(e))))
    return out
