"""Plain text: a report copied out of Word or a PDF (.txt), in whatever encoding it was saved."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from reportdesk.files import explain_os_error
from reportdesk.importers.document import Document, Line
from reportdesk.importers.furniture import furniture_lines, furniture_note
from reportdesk.importers.limits import check_bytes, check_chars
from reportdesk.importers.markdown import has_html_tables, looks_like_markdown, markdown_blocks, mixed_blocks
from reportdesk.importers.normalize import strip_page_marker
from reportdesk.report import ReportFileError

# Markup some docx-to-text converters leave in the text ("[bookmark: _GoBack]").
_CONVERTER_MARKUP = re.compile(r"\[bookmark: [^\]\n]*\]")
# Line breaks only: str.splitlines would also break at the form feed that marks a new page.
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_INDENT = {" ": 1, "\u3000": 2, "\t": 4, "\u00a0": 1}


def decode_text(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (GBK, GB2312)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ReportFileError(
                source,
                f"UTF-16 文本的第 {e.start} 个字节处有无效的字符（不成对的代理项），请另存为 UTF-8 后再导入",
            ) from e
    if b"\x00" in data[:4096]:
        raise ReportFileError(source, "这不是文本文件（含有二进制内容），请确认文件类型")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise ReportFileError(source, "无法识别文本的编码（应为 UTF-8 或 GBK）") from e


def _furniture(raw: list[str]) -> set[int]:
    """Indices of header, footer and draft mark lines (pages end at form feeds, as pdftotext writes them)."""
    starts = [0] + [i for i, t in enumerate(raw) if "\f" in t]
    pages = [raw[a:b] for a, b in zip(starts, [*starts[1:], len(raw)], strict=True)]
    return {
        starts[p] + i for p, i in furniture_lines([[t.replace("\f", "") for t in page] for page in pages])
    }


def _lead(text: str) -> int:
    """Indentation in half-width characters (a full-width space counts two, a tab four)."""
    n = 0
    for ch in text:
        if ch not in _INDENT:
            break
        n += _INDENT[ch]
    return n


def text_document(text: str, source: str, kind: str = "txt") -> Document:
    """Lines of plain text, as they were saved.

    A line indented beyond the usual margin starts a paragraph (text copied with its first-line
    indents, or `pdftotext -layout`); blank lines around a page number or a form feed are the
    page's end, not a paragraph's. Whether other lines start a paragraph is left to the
    paragraph rules.
    """
    notes = []
    if _CONVERTER_MARKUP.search(text):
        text = _CONVERTER_MARKUP.sub("", text)
        notes.append("删去了转换工具留下的书签标记（[bookmark: …]）")
    if has_html_tables(text):  # Markdown with HTML tables (pandoc writes merged cells so)
        blocks = mixed_blocks(text)
        tables = sum(1 for b in blocks if not isinstance(b, Line))
        notes.append(f"按 Markdown 格式读取（其中的 HTML 表格 {tables} 个按网页表格读取）")
        return Document(source, "markdown", tuple(blocks), squeeze=True, notes=tuple(notes))
    raw = _LINE_BREAK.split(text)
    if looks_like_markdown(raw):
        blocks = markdown_blocks(raw)
        tables = sum(1 for b in blocks if not isinstance(b, Line))
        notes.append(f"按 Markdown 格式读取（表格 {tables} 个，空白格保持空白）")
        return Document(source, "markdown", tuple(blocks), squeeze=True, notes=tuple(notes))
    dropped = _furniture(raw)
    note = furniture_note([raw[i] for i in sorted(dropped)])
    notes += [note] if note else []
    page_ends = [
        i for i, t in enumerate(raw) if "\f" in t or (t.strip() and not strip_page_marker(t).strip())
    ]
    soft: set[int] = set()
    for i in page_ends:
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(raw) and not raw[j].replace("\f", "").strip():
                soft.add(j)
                j += step
    leads = Counter(_lead(t) for t in raw if t.strip())
    margin = leads.most_common(1)[0][0] if leads else 0
    lines = tuple(
        Line(t.replace("\f", ""), f"第{i + 1}行", True if t.strip() and _lead(t) >= margin + 2 else None)
        for i, t in enumerate(raw)
        if i not in soft and i not in dropped
    )
    return Document(source, kind, lines, squeeze=True, notes=tuple(notes))


def read_bytes(path: Path) -> bytes:
    """A text or web page file's bytes; refused at once when far larger than any report."""
    source = str(path)
    try:
        check_bytes(path.stat().st_size, source)
        return path.read_bytes()
    except OSError as e:
        raise ReportFileError(source, f"无法读取（{explain_os_error(e)}）") from e


def read_txt(path: Path) -> Document:
    """A .txt file as a :class:`Document`."""
    text = decode_text(read_bytes(path), str(path))
    check_chars((text,), str(path))
    return text_document(text, str(path))
