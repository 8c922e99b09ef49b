"""``reportdesk aggregate INPUTS... -o TOTAL.json --agency NAME --year Y [--expect BODIES.txt]``."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from reportdesk.aggregate import Aggregate, Input, aggregate, read_expected
from reportdesk.checks.numbers import number_findings
from reportdesk.commands import EXIT_FINDINGS, EXIT_OK, _year, fail
from reportdesk.files import OutputError, same_file
from reportdesk.form import Form, load_form
from reportdesk.inputs import DB_PREFIX, read_file, read_store
from reportdesk.report import Agency, ReportFileError, write_report


def summary(result: Aggregate, form: Form) -> list[str]:
    """What the officer needs to know about the inputs summed, in Chinese (before anything is
    written: nothing here speaks of a result that may not be written)."""
    lines = [f"汇总 {result.report.year} 年：{result.summed} 份报告相加。"]
    for title, items in (("拒收", result.refused), ("计入但需核实", result.flagged)):
        if items:
            lines.append(f"{title} {len(items)} 份：")
            for s in items:
                who = f"（{s.agency}）" if s.agency else ""
                lines.append(
                    f"  {s.source}{who}：" + "；".join(s.reasons[:3]) + ("……" if len(s.reasons) > 3 else "")
                )
    if result.missing:
        lines.append(f"缺少 {len(result.missing)} 个机关的报告：" + "、".join(result.missing))
    return lines


def written_errors(result: Aggregate, form: Form, output: Path) -> str | None:
    """What to say about the table errors of the total, once it has been written to ``output``."""
    table_errors = [f for f in number_findings(form, result.report, None) if f.level == "error"]
    if not table_errors:
        return None
    return (
        f"写出的汇总结果 {output} 的表格有 {len(table_errors)} 个错误（多因输入中有空格），"
        f"请运行 reportdesk check {output} 查看。"
    )


def cmd_aggregate(args: argparse.Namespace) -> int:
    """Sum the inputs and write the total (JSON, or .xlsx when the output ends so)."""
    if args.output.suffix.lower() not in (".json", ".xlsx"):
        return fail(f"输出文件 {args.output} 应以 .json 或 .xlsx 结尾")
    for source in (Path(i) for i in args.inputs if not i.startswith(DB_PREFIX)):
        if same_file(args.output, source):
            return fail(f"汇总结果 {args.output} 是输入的文件，不能用汇总结果替换它；请换一个文件名")
    form = load_form()
    name = args.agency.strip()
    if not name:
        return fail("机关名称（--agency）不能为空")
    try:
        expected = read_expected(args.expect) if args.expect else None
    except ReportFileError as e:
        return fail(str(e))
    # ``reportdesk --db X aggregate db:all …`` names the database as ``aggregate --db X`` does.
    inputs = read_inputs(args.inputs, form, args.year, args.db or getattr(args, "gui_db", None))
    result = aggregate(
        inputs,
        form,
        year=args.year,
        agency=Agency(name=name, region=args.region, kind="government", website=args.website),
        expected=expected,
        allow_errors=args.allow_errors,
    )
    for line in summary(result, form):
        print(line)
    if result.summed == 0:
        return fail("没有任何一份报告可以相加，未写出汇总结果")
    try:
        if args.output.suffix.lower() == ".xlsx":
            from reportdesk.workbook import write_workbook

            write_workbook(result.report, form, args.output)
        else:
            write_report(result.report, form, args.output)
    except OutputError as e:
        return fail(str(e))
    print(f"已写入 {args.output}（正文为空，请补写本级政府的文字部分）")
    errors = written_errors(result, form, args.output)
    if errors:
        print(errors)
    clean = not (result.refused or result.flagged or result.missing)
    return EXIT_OK if clean else EXIT_FINDINGS


def read_inputs(specs: list[str], form: Form, year: int, db: str | None) -> list[Input]:
    """Inputs in the order given; store inputs share one connection."""
    times = Counter(specs)
    unique = list(times)
    for spec in (s for s in unique if times[s] > 1):
        print(f"注意：输入 {spec} 重复给出，只读一次", file=sys.stderr)
    specs = unique
    db_specs = [s for s in specs if s.startswith(DB_PREFIX)]
    stored = read_store(db_specs, db, form, year) if db_specs else []
    out: list[Input] = []
    for spec in specs:
        if spec.startswith(DB_PREFIX):
            out += [item for source, item in stored if source == spec]
            continue
        item, _notes = read_file(Path(spec), form)  # what was read where: kept quiet for a batch
        out.append(item)
    return out


def register(sub: Any) -> None:
    """Add ``aggregate`` to the ``reportdesk`` parser."""
    p = sub.add_parser("aggregate", help="把各机关的报告表格相加，得到本级政府的汇总报告")
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="各机关的报告：.json、.xlsx、.docx、.html、.pdf、.txt，或数据库中的 db:编号 / db:all",
    )
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="TOTAL.json", help="汇总结果（.json 或 .xlsx）"
    )
    p.add_argument("--agency", required=True, help="本级政府名称，如 某某县人民政府")
    p.add_argument("--year", type=_year, required=True, help="报告年度；其他年度的报告不予相加")
    p.add_argument("--region", default="", help="所属地区")
    p.add_argument("--website", default="", help="政府网站地址")
    p.add_argument(
        "--expect", type=Path, metavar="BODIES.txt", help="应报机关名单（每行一个），用于列出缺报的机关"
    )
    p.add_argument("--allow-errors", action="store_true", help="有勾稽错误或空格的报告也计入（在结果中标明）")
    p.add_argument("--db", metavar="PATH", help="db:编号 所在的数据库文件（默认同 reportdesk db）")
    p.set_defaults(func=cmd_aggregate)
