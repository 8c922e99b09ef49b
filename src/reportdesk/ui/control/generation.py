"""Producing the Word document (and the sign-off sheet and PDF) for the window. No Qt: the dialog
runs :func:`generate` in a worker thread. The renderer (docxtpl) is imported only here, when the
officer asks for a document, never at start-up."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from reportdesk.form import Form
from reportdesk.report import Report

_UNSAFE = re.compile(r'[\\/:*?"<>|\r\n\t]+')


def document_name(report: Report, draft: bool) -> str:
    """The file name: body, year and title, e.g. 某某县交通运输局2024年政府信息公开工作年度报告.docx."""
    name = _UNSAFE.sub("", f"{report.agency.full_name}{report.year}年政府信息公开工作年度报告")
    return name + ("（草稿）" if draft else "") + ".docx"


def default_folder() -> Path:
    """The officer's documents folder (where Word and WPS save by default; on Kylin and UOS the
    desktop names it 文档), or the home folder where there is none yet."""
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def signoff_path(docx: Path) -> Path:
    return docx.with_name(docx.stem + "（审核单）.docx")


@dataclass(frozen=True)
class Request:
    path: Path
    draft: bool
    signoff: bool
    pdf: bool
    # The officer was asked about the existing files and agreed: a read-only one is replaced too.
    replace_read_only: bool = False


def targets(request: Request) -> list[Path]:
    """Every file a request writes: the document, the sign-off sheet, the PDF."""
    out = [request.path]
    if request.signoff:
        out.append(signoff_path(request.path))
    if request.pdf:
        out.append(request.path.with_suffix(".pdf"))
    return out


@dataclass(frozen=True)
class Result:
    written: tuple[Path, ...]
    problem: str | None = None  # why something could not be made (the rest was still written)


def generate(
    form: Form, report: Report, previous: Report | None, request: Request, progress: Callable[[str], None]
) -> Result:
    """Write the document(s); a failure is returned as a Chinese reason, never raised."""
    from reportdesk.files import consent_to_replace_read_only
    from reportdesk.render.gate import assess

    verdict = assess(form, report, previous)
    if not request.draft and not verdict.printable:
        return Result((), f"报告还有 {len(verdict.errors)} 个错误，不能生成正式文件；请改正，或生成草稿。")
    with consent_to_replace_read_only(request.replace_read_only):
        return _write(form, report, previous, request, progress, verdict)


def _write(
    form: Form,
    report: Report,
    previous: Report | None,
    request: Request,
    progress: Callable[[str], None],
    verdict: Any,
) -> Result:
    from reportdesk.files import OutputError
    from reportdesk.render.docx import TemplateProblem, render_docx, write_docx
    from reportdesk.render.signoff import render_signoff

    written: list[Path] = []
    try:
        progress("正在生成 Word 文档……")
        data = render_docx(form, report, draft=request.draft)
        write_docx(request.path, data)
        written.append(request.path)
        if request.signoff:
            progress("正在生成审核单……")
            sheet = render_signoff(form, report, verdict, previous, draft=request.draft)
            write_docx(signoff_path(request.path), sheet)
            written.append(signoff_path(request.path))
        if request.pdf:
            from reportdesk.render.pdf import PdfError, convert

            progress("正在转换为 PDF（需要几秒钟）……")
            pdf = request.path.with_suffix(".pdf")
            try:
                convert(data, pdf)
            except PdfError as e:
                return Result(tuple(written), f"Word 文档已生成，但 PDF 没有生成：{e}")
            written.append(pdf)
    except (TemplateProblem, OutputError) as e:
        return Result(tuple(written), str(e))
    return Result(tuple(written))


def soffice_available() -> bool:
    from reportdesk.render.pdf import find_soffice

    return find_soffice() is not None
