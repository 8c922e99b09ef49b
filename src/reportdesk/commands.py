"""Core commands: ``check``, ``new``, ``totals``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reportdesk.checks import Finding, check, convert_code_keys, describe_id, stale_reasons
from reportdesk.checks.findings import first_key
from reportdesk.files import OutputError, check_output
from reportdesk.form import Form, load_form
from reportdesk.report import (
    AGENCY_KINDS,
    Agency,
    Report,
    ReportFileError,
    derive,
    read_report,
    without_hidden,
    write_report,
)
from reportdesk.unsure import holding

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def fail(message: str, code: int = EXIT_UNREADABLE) -> int:
    """Print a one-line Chinese reason to stderr and return the exit code."""
    print(f"reportdesk: {message}", file=sys.stderr)
    return code


def load(path: Path, form: Form, what: str = "报告") -> Report:
    """Read a report file, printing what was noticed but kept; raises ReportFileError."""
    loaded = read_report(path, form)
    for notice in loaded.notices:
        print(f"注意：{path}：{notice}", file=sys.stderr)
    return loaded.report


def previous_for(report: Report, previous: Report | None, source: str) -> Report | None:
    if previous is not None and previous.year != report.year - 1:
        raise ReportFileError(
            source, f"上年报告的年度是 {previous.year}，本报告是 {report.year} 年，应为 {report.year - 1} 年"
        )
    return previous


def load_pair(path: Path, previous_path: Path | None, form: Form) -> tuple[Report, Report | None]:
    """A report and, when given, last year's report, as the checks will see them: reasons that an
    older file keeps per code are turned into reasons for the findings present now (with last year's
    report for the cross-year ones). Raises ReportFileError."""
    report = load(path, form)
    previous = load(previous_path, form, "上年报告") if previous_path else None
    previous = previous_for(report, previous, str(previous_path))
    report, notes = convert_code_keys(form, report, previous)
    for note in notes:
        print(f"注意：{path}：{note}", file=sys.stderr)
    return report, previous


def format_findings(findings: list[Finding], form: Form, report: Report | None = None) -> str:
    """Findings as readable Chinese text, grouped by section in report order; with ``report``, its
    reasons whose finding no longer occurs are listed after them as 已失效."""
    note = unsure_note(form, report) if report is not None else ""
    stale = stale_reasons(findings, report.explanations) if report is not None else []
    if not findings and not stale:
        return "校验通过：没有发现问题。" + note
    lines: list[str] = []
    errors = sum(1 for f in findings if f.level == "error")
    warnings = sum(1 for f in findings if f.level == "warning" and not f.accepted)
    accepted = sum(1 for f in findings if f.accepted)
    last_section = None
    for f in findings:
        section = _section(form, first_key(form, f))
        if section != last_section:
            lines.append(f"\n{section}")
            last_section = section
        tag = "错误" if f.level == "error" else ("已说明" if f.accepted else "提醒")
        lines.append(f"  [{tag}] {f.code}：{f.message}")
    if stale:
        lines.append("\n已失效的说明（所说明的提醒已不再出现；说明仍保留在报告中）")
        lines += [f"  [已失效] {describe_id(form, key)}。说明：{reason}" for key, reason in stale]
    total = f"\n共 {errors} 个错误，{warnings} 个待处理提醒，{accepted} 个已说明的提醒"
    lines.append(total + (f"，{len(stale)} 条已失效的说明。" if stale else "。") + note)
    return "\n".join(lines).lstrip("\n")


def unsure_note(form: Form, report: Report, shown: int = 3) -> str:
    """A closing note naming the imported figures still to be checked, by row (empty when none)."""
    marks = holding(form, report)
    if not marks:
        return ""
    rows: dict[str, int] = {}
    for key in marks:
        label = form.cells[key].label
        row = label.split("」", 1)[0] + "」" if "」" in label else label
        rows[row] = rows.get(row, 0) + 1
    names = "、".join(f"{row}{n} 个" for row, n in list(rows.items())[:shown])
    names += f" 等 {len(rows)} 行" if len(rows) > shown else ""
    return (
        f"\n\n注：有 {len(marks)} 个数字是导入已发布的报告时推断读出的（如连在一起的数字按合计关系拆开），"
        f"尚未核对确认：{names}。请对照原件核对（窗口中以底色标出，核对后用“编辑 → 确认导入的数字”）。"
    )


def _section(form: Form, key: str | None) -> str:
    """The heading a finding is listed under: the section of its earliest cell or text."""
    if key is None:
        return "全文"
    if key in form.text_extras:
        return form.text_extras[key].get("heading", key)
    return form.section_of(key).heading


def cmd_check(args: argparse.Namespace) -> int:
    form = load_form()
    try:
        report, previous = load_pair(args.report, args.previous, form)
    except ReportFileError as e:
        return fail(str(e))
    return print_findings(check(form, report, previous), form, as_json=args.json, report=report)


def print_findings(
    findings: list[Finding], form: Form, *, as_json: bool, report: Report | None = None
) -> int:
    """Print findings as readable Chinese or as the JSON list; the exit code they call for."""
    if as_json:
        json.dump([f.to_json() for f in findings], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(format_findings(findings, form, report))
    return EXIT_FINDINGS if any(f.level == "error" for f in findings) else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    form = load_form()
    report = Report.empty(
        form,
        args.year,
        Agency(name=args.agency.strip(), region=args.region, kind=args.kind, website=args.website),
    )
    report, removed = without_hidden(report, form)
    for message in removed:
        print(f"注意：{message}", file=sys.stderr)
    if not report.agency.name.strip():
        return fail("机关名称不能为空")
    return _write(report, form, args.output)


def cmd_totals(args: argparse.Namespace) -> int:
    form = load_form()
    try:
        report = load(args.report, form)
    except ReportFileError as e:
        return fail(str(e))
    return _write(derive(report, form), form, args.output)


def _write(report: Report, form: Form, output: Path) -> int:
    try:
        check_output(output)  # what is there (a device, a folder) is said before the name's ending
        if output.suffix.lower() != ".json":
            return fail(f"输出文件 {output} 应以 .json 结尾")
        write_report(report, form, output)
    except OutputError as e:
        return fail(str(e))
    print(f"已写入 {output}")
    return EXIT_OK


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"年度“{text}”不是整数") from None
    if not 2000 <= year <= 2200:
        raise argparse.ArgumentTypeError(f"年度 {year} 不在合理范围内")
    return year


def register(sub: Any) -> None:
    p = sub.add_parser("check", help="校验报告（勾稽关系、空格、正文数字等）")
    p.add_argument("report", type=Path, metavar="REPORT.json")
    p.add_argument("--previous", type=Path, metavar="LAST.json", help="上年度报告，用于跨年度校验")
    p.add_argument("--json", action="store_true", help="以 JSON 列表输出")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("new", help="新建一份空白报告")
    p.add_argument("--year", type=_year, required=True, help="报告年度，如 2024")
    p.add_argument("--agency", required=True, help="机关名称")
    p.add_argument("--kind", choices=AGENCY_KINDS, default="department", help="机关类型")
    p.add_argument("--region", default="", help="所属地区")
    p.add_argument("--website", default="", help="政府网站地址")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("totals", help="计算并填写所有合计单元格")
    p.add_argument("report", type=Path, metavar="REPORT.json")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.json")
    p.set_defaults(func=cmd_totals)
