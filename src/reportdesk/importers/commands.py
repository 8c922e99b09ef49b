"""``reportdesk import FILE -o OUT.json``: a published report into the exchange format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reportdesk.commands import EXIT_OK, _year, fail, format_findings
from reportdesk.files import OutputError
from reportdesk.form import Form, load_form
from reportdesk.importers.result import ImportResult
from reportdesk.report import AGENCY_KINDS, ReportFileError, write_report

KIND_NAMES = {
    "docx": "Word 文档",
    "html": "网页",
    "pdf": "PDF 文字层",
    "txt": "纯文本",
    "xlsx": "Excel 工作簿",
}
_TABLE_PREFIXES = ("表二", "表三", "表四")


def _found_lines(found: tuple[tuple[str, str], ...]) -> list[str]:
    """Titles, sections and parts one per line; table rows summed up per table."""
    lines: list[str] = []
    tables: dict[str, list[str]] = {}
    for what, where in found:
        prefix = next((p for p in _TABLE_PREFIXES if what.startswith(p) and where), None)
        if prefix is None:
            lines.append(f"  {'  ' if what.startswith('（') else ''}{what}{'：' + where if where else ''}")
            continue
        if prefix not in tables:
            lines.append(prefix)  # replaced below by the table's summary
        tables.setdefault(prefix, []).append(where)
    for prefix, wheres in tables.items():
        span = wheres[0] if len(wheres) == 1 else f"{wheres[0]} 至 {wheres[-1]}"
        lines[lines.index(prefix)] = f"    {prefix}：{len(wheres)} 行（{span}）"
    return lines


def format_import(result: ImportResult, form: Form) -> str:
    """The import report in Chinese: source, what was found where, what was not, the checks."""
    r = result.report
    lines = [
        f"已读取：{result.source}（{KIND_NAMES.get(result.kind, result.kind)}）",
        f"报告：{r.agency.name or '（未识别机关名称）'} {r.year} 年政府信息公开工作年度报告",
        f"表格：读到 {result.cells_read()} / {len(form.cells)} 个单元格的数字",
        "",
        "找到的内容：",
        *_found_lines(result.found),
    ]
    if result.notes:
        lines += ["", "处理说明：", *(f"  - {n}" for n in result.notes)]
    lines += ["", "未能读取：", *([f"  - {p}" for p in result.problems] or ["  （无）"])]
    lines += ["", "校验结果：", format_findings(list(result.findings), form)]
    return "\n".join(lines)


def cmd_import(args: argparse.Namespace) -> int:
    """Import FILE, write OUT.json, print the import report; exit 2 when the file cannot be read."""
    from reportdesk.importers import import_report

    form = load_form()
    agency = {k: v for k, v in (("name", args.agency), ("region", args.region), ("kind", args.kind)) if v}
    try:
        result = import_report(args.file, form, args.year, agency)
    except ReportFileError as e:
        return fail(f"无法导入 {e}；未写入任何文件")
    try:
        write_report(result.report, form, args.output)
    except OutputError as e:
        return fail(str(e))
    print(format_import(result, form))
    print(f"\n已写入 {args.output}")
    sys.stdout.flush()
    return EXIT_OK


def register(sub: Any) -> None:
    """Add the ``import`` command."""
    p = sub.add_parser("import", help="导入已发布的年度报告（.docx/.html/.pdf/.txt/.xlsx）为 JSON")
    p.add_argument("file", type=Path, metavar="FILE", help="已发布的报告：.docx、.html、.pdf、.txt 或 .xlsx")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.json")
    p.add_argument("--year", type=_year, help="报告年度（文件中没有印年度或印错时指定）")
    p.add_argument("--agency", help="机关名称（覆盖标题中读到的名称）")
    p.add_argument("--region", help="所属地区")
    p.add_argument("--kind", choices=AGENCY_KINDS, help="机关类型（默认按名称推断）")
    p.set_defaults(func=cmd_import)
