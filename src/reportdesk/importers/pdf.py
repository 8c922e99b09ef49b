"""A PDF's text layer, read with pypdf.

pypdf is pure Python (nothing to compile, so it bundles into the Windows build as is), needs no
other package for unencrypted files, is typed and actively maintained; its plain extraction keeps
table cells apart with spaces in the WPS-made PDFs that governments publish. Its text visitor
gives each text run's position, so a line whose first run is indented from the page's left
margin is known to start a paragraph — the only trace of paragraphs a PDF keeps. A scanned PDF
has no text layer and cannot be imported; an encrypted one only when it opens without a password.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Any

from reportdesk.importers.document import Document, Line
from reportdesk.importers.furniture import furniture_lines, furniture_note
from reportdesk.importers.limits import check_pages
from reportdesk.report import ReportFileError

# An indented first line starts a paragraph: one to four characters in from the margin (in points).
_INDENT_MIN, _INDENT_MAX = 8.0, 80.0
_AT_MARGIN = 3.0
_MIN_TEXT = 20  # characters of text below which a PDF is taken to be a scan


def _page_lines(page: Any, number: int) -> list[Line]:
    """The page's text as lines, each knowing whether it is indented from the left margin."""
    starts: list[float | None] = [None]
    chunks: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: Any) -> None:
        chunks.append(text)
        pieces = text.split("\n")
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        if starts[-1] is None and pieces[0].strip():
            starts[-1] = x
        for piece in pieces[1:]:
            starts.append(x if piece.strip() else None)

    page.extract_text(visitor_text=visit)
    texts = "".join(chunks).split("\n")
    starts += [None] * (len(texts) - len(starts))
    margin_votes = Counter(
        round(x) for x, t in zip(starts, texts, strict=False) if x is not None and len(t) > 10
    )
    margin = margin_votes.most_common(1)[0][0] if margin_votes else None
    lines = []
    for i, (text, x) in enumerate(zip(texts, starts, strict=False)):
        start: bool | None = None
        if margin is not None and x is not None:
            if _INDENT_MIN <= x - margin <= _INDENT_MAX:
                start = True
            elif abs(x - margin) <= _AT_MARGIN:
                start = False
        lines.append(Line(text, f"第{number}页第{i + 1}行", start))
    return lines


# A report page's content is tens of KB that compress about 8:1. Content far larger, or compressed
# far more, is a "compression bomb": reading its text would take minutes and gigabytes.
MAX_PAGE_CONTENT = 4 * 1024 * 1024
MAX_CONTENT = 32 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 256 * 1024
BOMB = "PDF 中有解压后异常庞大的内容（可能是“压缩炸弹”），不像是一份年度报告，为安全起见没有读取"


def _encoded_size(page: Any) -> int:
    raw = page.get_object().get("/Contents")
    parts = raw.get_object() if raw is not None else []
    parts = parts if isinstance(parts, list) else [parts]
    return sum(len(getattr(p.get_object(), "_data", b"") or b"") for p in parts)


def check_inflation(page: Any, number: int, source: str, inflated: list[int]) -> None:
    """Refuse a page whose content inflates beyond any report's (``inflated[0]`` sums the pages)."""
    contents = page.get_contents()
    size = len(contents.get_data()) if contents is not None else 0
    inflated[0] += size
    if size > MAX_PAGE_CONTENT or inflated[0] > MAX_CONTENT:
        raise ReportFileError(source, f"第 {number} 页：{BOMB}")
    if size > RATIO_FLOOR and size > MAX_RATIO * max(_encoded_size(page), 1):
        raise ReportFileError(source, f"第 {number} 页：{BOMB}")


def read_pdf(path: Path) -> Document:
    """The PDF's text layer as lines; :class:`ReportFileError` for an encrypted, damaged or scanned PDF."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError, PdfReadError

    source = str(path)
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    notes = []
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as e:
                raise ReportFileError(source, "PDF 已加密，无法读取（请用未加密的版本）") from e
            if not opened:
                raise ReportFileError(source, "PDF 已加密，需要密码才能打开，无法读取")
            notes.append("PDF 设有权限密码（无需密码即可打开），已读取其文字")
        check_pages(len(reader.pages), source)
        inflated = [0]
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            check_inflation(page, number, source, inflated)
            pages.append(_page_lines(page, number))
    except ReportFileError:
        raise
    except LimitReachedError as e:
        raise ReportFileError(source, BOMB) from e
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as e:
        raise ReportFileError(source, "PDF 文件已损坏或不完整，无法读取") from e
    furniture = furniture_lines([[line.text for line in page] for page in pages])
    lines = [line for p, page in enumerate(pages) for i, line in enumerate(page) if (p, i) not in furniture]
    note = furniture_note([pages[p][i].text for p, i in sorted(furniture)])
    notes += [note] if note else []
    if not any(line.start for line in lines):  # no first-line indents: paragraphs by the text's shape
        lines = [Line(line.text, line.where) for line in lines]
    if sum(len(line.text.strip()) for line in lines) < _MIN_TEXT:
        raise ReportFileError(source, "PDF 中没有文字层（可能是扫描件），无法导入，请使用 Word 版或文字版")
    return Document(source, "pdf", tuple(lines), squeeze=True, notes=tuple(notes))
