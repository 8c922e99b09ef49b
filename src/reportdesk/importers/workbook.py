"""An .xlsx through the workbook importer, ending like every import: with the checks."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from reportdesk.checks import check, convert_code_keys
from reportdesk.form import Form
from reportdesk.importers.result import ImportResult
from reportdesk.importers.table_read import Origin
from reportdesk.report import Agency, ReportFileError


def import_xlsx(path: Path, form: Form, year: int | None, agency: Mapping[str, str]) -> ImportResult:
    """Import a workbook; ``year`` and ``agency`` override what it says, as for the other files."""
    from reportdesk.workbook import PAYLOAD_CONFLICT, import_workbook

    given = None
    if agency:
        given = Agency(
            name=agency.get("name", ""),
            region=agency.get("region", ""),
            kind=agency.get("kind", "department"),
        )
    report, read = import_workbook(path, form, year=year, agency=given)
    # Reasons an older workbook keeps per code become reasons for the findings present now.
    report, notes = convert_code_keys(form, report)
    conflicts = [n for n in read if n.startswith(PAYLOAD_CONFLICT)]
    read = [n for n in read if not n.startswith(PAYLOAD_CONFLICT)]
    notes = conflicts + notes
    if year is not None and report.year != year:
        notes.append(f"工作簿中的年度是 {report.year} 年，按指定的 {year} 年处理")
        report = report.with_year(year)
    if agency:
        a = report.agency
        report = report.with_agency(
            replace(
                a,
                name=agency.get("name", a.name),
                region=agency.get("region", a.region),
                kind=agency.get("kind", a.kind),
            )
        )
    tables = {s.table: f"表{s.number}" for s in form.sections if s.table}
    return ImportResult(
        report,
        str(path),
        "xlsx",
        found=tuple((note, "") for note in read),
        notes=tuple(notes),
        findings=tuple(check(form, report)),
        origins={
            k: Origin(f"工作簿中的{tables[form.cells[k].table]}", "printed")
            for k, v in report.cells.items()
            if v is not None
        },
        unread={k: "工作簿中此格为空白或没有这一格" for k, v in report.cells.items() if v is None},
    )


def import_sheets(path: Path, form: Form, year: int | None, agency: Mapping[str, str]) -> ImportResult:
    """An .xlsx, or an old .xls/.et made into one first (xlrd, else LibreOffice), as :func:`import_xlsx`."""
    from reportdesk.importers.legacy import OLE, converted, encrypted_office, xls_to_xlsx
    from reportdesk.importers.sniff import head_of

    source = str(path)
    suffix = path.suffix.lower()
    head = head_of(path)
    if suffix == ".xlsx" or head.startswith(b"PK"):  # a WPS .et saved as an .xlsx is one
        return import_xlsx(path, form, year, agency)
    if not head.startswith(OLE) or encrypted_office(path):
        reason = (
            "加了密码，请在 Excel/WPS 中取消密码后另存" if head.startswith(OLE) else "不是 Excel/WPS 表格文件"
        )
        raise ReportFileError(source, f"无法读取：{reason}")
    with tempfile.TemporaryDirectory(prefix="reportdesk-import-") as tmp:
        made = Path(tmp) / "book.xlsx"
        try:
            xls_to_xlsx(path, made)
            how = "用 xlrd 读取旧版工作簿"
        except ReportFileError:
            if suffix == ".xls":
                raise
            with converted(path, "xlsx") as book:
                shutil.copyfile(book, made)
            how = "经 LibreOffice 转换为 .xlsx 后读取"
        try:
            result = import_xlsx(made, form, year, agency)
        except ReportFileError as e:
            raise ReportFileError(source, e.reason.replace(str(made), source)) from e
    found = tuple((what.replace(str(made), source), where) for what, where in result.found)
    result = _zero_sums_of_blanks(form, result)
    return replace(result, source=source, kind=suffix[1:], found=found, notes=(how, *result.notes))


def _zero_sums_of_blanks(form: Form, result: ImportResult) -> ImportResult:
    """An old workbook keeps a formula's result but not the formula: a 合计 of 0 whose every part is
    blank may be only Excel's SUM of nothing (reportdesk's own export saved as .xls shows 0 for a
    row left blank), so it is not imported; the .xlsx reader recomputes its own formulas instead."""
    cells = result.report.cells
    blank = {
        rel.derives
        for rel in form.relations
        if rel.derives is not None
        and cells.get(rel.derives) == 0
        and not any(t.previous for t in rel.rhs)
        and all(cells.get(t.key) is None for t in rel.rhs)
    }
    if not blank:
        return result
    reason = (
        "工作簿中此格是 0，但所加各格都是空白：旧版工作簿只保存公式的结果，这个 0 可能只是空白相加，未导入"
    )
    report = result.report.with_cells(dict.fromkeys(blank))
    return replace(
        result,
        report=report,
        findings=tuple(check(form, report)),
        origins={k: v for k, v in result.origins.items() if k not in blank},
        unread={**result.unread, **dict.fromkeys(blank, reason)},
    )
