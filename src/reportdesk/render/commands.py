"""Commands ``render``, ``signoff`` and ``template``: the Word document, the sign-off sheet, PDF.

Exit codes as everywhere: 0 done, 1 refused because of findings (or a template that does
not fit the form), 2 unreadable input or unwritable output (including a PDF that could not
be made).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reportdesk.commands import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    fail,
    format_findings,
    load_pair,
)
from reportdesk.files import OutputError, same_file
from reportdesk.form import Form, load_form
from reportdesk.render.gate import Verdict
from reportdesk.report import Report, ReportFileError


def _inputs(args: argparse.Namespace, form: Form) -> tuple[Report, Report | None]:
    return load_pair(args.report, args.previous, form)


def _gate(verdict: Verdict, form: Form, draft: bool, what: str) -> int | None:
    """Print why a final document is refused (exit code) or the open warnings (None)."""
    if not verdict.printable and not draft:
        print(format_findings(list(verdict.errors), form), file=sys.stderr)
        blank = f"（其中 {len(verdict.blank)} 个单元格未填）" if verdict.blank else ""
        print(
            f"\n未生成{what}：报告有 {len(verdict.errors)} 个错误{blank}。请修改后重试；"
            "如只需要草稿，请加 --draft（每页标注“草稿”）。",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    if not verdict.printable:  # a draft of a report with errors: say how many, truly
        blank = f"（其中 {len(verdict.blank)} 个单元格未填）" if verdict.blank else ""
        print(
            f"报告有 {len(verdict.errors)} 个错误{blank}，按要求生成草稿（每页标注“草稿”），不能作为正式文件：",
            file=sys.stderr,
        )
        open_findings = [f for f in verdict.findings if f.level == "error" or not f.accepted]
        print(format_findings(open_findings, form), file=sys.stderr)
    elif verdict.open_warnings:
        print("提醒（不影响生成，请核实或填写说明）：", file=sys.stderr)
        print(format_findings(list(verdict.open_warnings), form), file=sys.stderr)
    return None


def _write(path: Path, data: bytes, what: str) -> int | None:
    from reportdesk.render.docx import write_docx

    try:
        write_docx(path, data)
    except OutputError as e:
        return fail(str(e))
    print(f"已写入{what} {path}")
    return None


def _pdf(data: bytes, path: Path) -> int | None:
    from reportdesk.render.pdf import PdfError, convert

    try:
        convert(data, path)
    except (PdfError, OutputError) as e:
        return fail(f"无法生成 PDF {path}：{e}" if isinstance(e, PdfError) else str(e))
    print(f"已写入 PDF {path}")
    return None


def _misdirected(args: argparse.Namespace, outputs: list[tuple[Path | None, str, str]]) -> int | None:
    """Refuse, before anything is written, an output with the wrong ending or one that is an input
    of the command (the report, last year's, the template) or another of its outputs."""
    inputs = [
        (args.report, "输入的报告"),
        (args.previous, "上年报告"),
        (getattr(args, "template", None), "输入的模板"),
    ]
    given = [(path, suffix, what) for path, suffix, what in outputs if path is not None]
    for i, (path, suffix, what) in enumerate(given):
        if path.suffix.lower() != suffix:
            return fail(f"{what} {path} 应以 {suffix} 结尾")
        for source, name in inputs:
            if source is not None and same_file(path, source):
                return fail(f"{what} {path} 是{name}，不能用生成的文件替换它；请换一个文件名")
        for other, _, other_what in given[:i]:
            if same_file(path, other):
                return fail(f"{what}与{other_what}是同一个文件 {path}；请给出不同的文件名")
    return None


def prepare(args: argparse.Namespace, form: Form, what: str) -> tuple[Report, Report | None, Verdict] | int:
    """Read the report (and last year's), run the checks and the gate: the inputs, or the exit code."""
    from reportdesk.render.gate import assess

    try:
        report, previous = _inputs(args, form)
    except ReportFileError as e:
        return fail(str(e))
    verdict = assess(form, report, previous)
    refused = _gate(verdict, form, args.draft, what)
    return refused if refused is not None else (report, previous, verdict)


def cmd_render(args: argparse.Namespace) -> int:
    """``reportdesk render``: the report as .docx (and the sign-off sheet and PDF on request)."""
    from reportdesk.render.docx import TemplateProblem, render_docx
    from reportdesk.render.signoff import render_signoff

    outputs = [
        (args.output, ".docx", "报告 Word 文档"),
        (args.signoff, ".docx", "审核单"),
        (args.pdf, ".pdf", "PDF"),
    ]
    refused = _misdirected(args, outputs)
    if refused is not None:
        return refused
    form = load_form()
    prepared = prepare(args, form, "报告 Word 文档")
    if isinstance(prepared, int):
        return prepared
    report, previous, verdict = prepared
    try:
        data = render_docx(form, report, template=args.template, draft=args.draft)
    except TemplateProblem as e:
        return fail(str(e))
    code = _write(args.output, data, "草稿" if args.draft else "")
    if code is None and args.signoff:
        code = _write(
            args.signoff, render_signoff(form, report, verdict, previous, draft=args.draft), "审核单"
        )
    if code is None and args.pdf:
        code = _pdf(data, args.pdf)
    return EXIT_OK if code is None else code


def cmd_signoff(args: argparse.Namespace) -> int:
    """``reportdesk signoff``: the sign-off sheet on its own."""
    from reportdesk.render.signoff import render_signoff

    refused = _misdirected(args, [(args.output, ".docx", "审核单"), (args.pdf, ".pdf", "PDF")])
    if refused is not None:
        return refused
    form = load_form()
    prepared = prepare(args, form, "审核单")
    if isinstance(prepared, int):
        return prepared
    report, previous, verdict = prepared
    data = render_signoff(form, report, verdict, previous, draft=args.draft)
    code = _write(args.output, data, "审核单")
    if code is None and args.pdf:
        code = _pdf(data, args.pdf)
    return EXIT_OK if code is None else code


def cmd_template(args: argparse.Namespace) -> int:
    """``reportdesk template``: save the built-in template, or check an office's own."""
    from reportdesk.render.docx import TemplateProblem, read_template
    from reportdesk.render.sandbox import check_user_template

    form = load_form()
    if args.check is not None:
        try:
            data, source = read_template(args.check)
        except TemplateProblem as e:
            return fail(str(e))
        # Linted, then the sample report rendered with it and compared with the shipped template's
        # print, figure by figure — in a child process with a time and memory limit.
        problems = check_user_template(data, source)
        if problems:
            print(str(TemplateProblem(source, problems)), file=sys.stderr)
            return EXIT_FINDINGS
        print(
            f"模板 {source} 可以使用：打印了全部 {len(form.cells)} 个单元格和全部文字部分，"
            "示例报告用它印出的每个数字和每段文字都与内置模板一致。"
        )
        return EXIT_OK
    if args.output is None:
        return fail("请用 -o 指定保存内置模板的位置，或用 --check 检查一个模板", EXIT_UNREADABLE)
    if args.output.suffix.lower() != ".docx":
        return fail(f"输出文件 {args.output} 应以 .docx 结尾")
    data, _ = read_template(None)
    code = _write(args.output, data, "模板")
    return EXIT_OK if code is None else code


def register(sub: Any) -> None:
    """Add the ``render``, ``signoff`` and ``template`` subcommands."""
    p = sub.add_parser("render", help="生成年度报告 Word 文档（可同时生成审核单、PDF）")
    p.add_argument("report", type=Path, metavar="REPORT.json")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.docx")
    p.add_argument("--template", type=Path, metavar="T.docx", help="使用自己的模板（先做检查）")
    p.add_argument("--draft", action="store_true", help="有错误或空格时仍生成，每页标注“草稿”")
    p.add_argument(
        "--previous", type=Path, metavar="LAST.json", help="上年度报告，用于跨年度校验和审核单对比"
    )
    p.add_argument("--signoff", type=Path, metavar="SIGN.docx", help="同时生成审核单")
    p.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="同时用 LibreOffice 转换为 PDF")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("signoff", help="生成审核单（供领导签字）")
    p.add_argument("report", type=Path, metavar="REPORT.json")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="SIGN.docx")
    p.add_argument("--previous", type=Path, metavar="LAST.json", help="上年度报告，用于数据对比")
    p.add_argument("--draft", action="store_true", help="有错误或空格时仍生成，每页标注“草稿”")
    p.add_argument("--pdf", type=Path, metavar="SIGN.pdf", help="同时用 LibreOffice 转换为 PDF")
    p.set_defaults(func=cmd_signoff)

    p = sub.add_parser("template", help="导出内置 Word 模板，或检查自己的模板")
    p.add_argument("-o", "--output", type=Path, metavar="T.docx", help="把内置模板保存到这里，供修改样式")
    p.add_argument("--check", type=Path, metavar="T.docx", help="检查模板：占位符是否都对应单元格、是否漏印")
    p.set_defaults(func=cmd_template)
