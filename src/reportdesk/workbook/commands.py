"""``reportdesk export REPORT.json -o OUT.xlsx``: a report as an Excel workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reportdesk.commands import EXIT_OK, fail, load
from reportdesk.files import OutputError
from reportdesk.form import load_form
from reportdesk.report import ReportFileError


def cmd_export(args: argparse.Namespace) -> int:
    """Export a report file to .xlsx; notes on values that will not read back go to stderr."""
    from reportdesk.workbook.writer import write_workbook

    if args.output.suffix.lower() != ".xlsx":
        return fail(f"输出文件 {args.output} 应以 .xlsx 结尾")
    form = load_form()
    try:
        report = load(args.report, form)
        notes = write_workbook(report, form, args.output)
    except (ReportFileError, OutputError) as e:
        return fail(str(e))
    for note in notes:
        print(f"注意：{note}", file=sys.stderr)
    print(f"已写入 {args.output}")
    return EXIT_OK


def register(sub: Any) -> None:
    """Add ``export`` to the ``reportdesk`` parser."""
    p = sub.add_parser("export", help="把报告导出为 Excel 工作簿（.xlsx，表格排版同官方格式，合计为公式）")
    p.add_argument("report", type=Path, metavar="REPORT.json")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.xlsx")
    p.set_defaults(func=cmd_export)
