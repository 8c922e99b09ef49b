"""``reportdesk import FILE -o OUT.json``: a published report into the exchange format."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from reportdesk.commands import EXIT_FINDINGS, EXIT_OK, _year, fail
from reportdesk.files import OutputError
from reportdesk.form import load_form
from reportdesk.importers.summary import format_import
from reportdesk.report import AGENCY_KINDS, ReportFileError, write_report

_CHOICE = re.compile(r"^\s*([a-z0-9_.]+)\s*[=\uff1d]\s*(\d{1,3})\s*$")  # = or the full-width one


def _choice(text: str) -> tuple[str, int]:
    m = _CHOICE.match(text)
    if not m:
        raise argparse.ArgumentTypeError(f"“{text}”应写作 编号=第几种，例如 t2.normative=2")
    return m.group(1), int(m.group(2))


def cmd_import(args: argparse.Namespace) -> int:
    """Import FILE, write OUT.json, print the import report.

    Exit 2 when the file cannot be read (nothing written); 1 when digit runs wait for a choice
    (written without those figures); else 0.
    """
    from reportdesk.importers import import_report

    if args.output.suffix.lower() != ".json":
        return fail(f"输出文件 {args.output} 应以 .json 结尾")
    form = load_form()
    agency = {k: v for k, v in (("name", args.agency), ("region", args.region), ("kind", args.kind)) if v}
    try:
        result = import_report(args.file, form, args.year, agency, dict(args.choose or ()))
    except ReportFileError as e:
        return fail(f"无法导入 {e}；未写入任何文件")
    try:
        write_report(result.report, form, args.output)
    except OutputError as e:
        return fail(str(e))
    print(format_import(result, form))
    print(f"\n已写入 {args.output}")
    sys.stdout.flush()
    if result.questions:
        print(
            f"reportdesk: 有 {len(result.questions)} 处连在一起的数字无法确定拆法，这些数字未导入；"
            "请按上面列出的拆法用 --choose 选定后重新导入",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    return EXIT_OK


def register(sub: Any) -> None:
    """Add the ``import`` command."""
    p = sub.add_parser(
        "import",
        help="导入已发布的年度报告（.docx/.doc/.wps/.html/.pdf/.txt/.md/.xlsx/.xls/.et）为 JSON",
        description="导入已发布的年度报告。退出码：0 已导入；1 已写入，但有连在一起的数字需要选择拆法"
        "（见输出，用 --choose 选定后重新导入）；2 无法读取，未写入任何文件。",
    )
    p.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help="已发布的报告：Word/WPS 文档、网页、PDF、文本（含 .md）或 Excel/WPS 表格（.doc、.wps 需要 LibreOffice）",
    )
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.json")
    p.add_argument("--year", type=_year, help="报告年度（文件中没有印年度或印错时指定）")
    p.add_argument("--agency", help="机关名称（覆盖标题中读到的名称）")
    p.add_argument("--region", help="所属地区")
    p.add_argument("--kind", choices=AGENCY_KINDS, help="机关类型（默认按名称推断）")
    p.add_argument(
        "--choose",
        type=_choice,
        action="append",
        metavar="编号=第几种",
        help="连在一起的数字按所列的第几种拆法读取（编号和拆法见上一次导入的输出，如 t2.normative=2）；可重复",
    )
    p.set_defaults(func=cmd_import)
