"""Plain text: a report copied out of Word or a PDF (.txt), in whatever encoding it was saved."""

from __future__ import annotations

import re
from pathlib import Path

from reportdesk.importers.document import Document, Line
from reportdesk.report import ReportFileError

# Markup some docx-to-text converters leave in the text ("[bookmark: _GoBack]").
_CONVERTER_MARKUP = re.compile(r"\[bookmark: [^\]\n]*\]")


def decode_text(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (GBK, GB2312)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
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


def text_document(text: str, source: str, kind: str = "txt") -> Document:
    """Lines of plain text; whether a line starts a paragraph is left to the paragraph rules."""
    notes = []
    if _CONVERTER_MARKUP.search(text):
        text = _CONVERTER_MARKUP.sub("", text)
        notes.append("删去了转换工具留下的书签标记（[bookmark: …]）")
    lines = tuple(Line(t, f"第{i + 1}行") for i, t in enumerate(text.splitlines()))
    return Document(source, kind, lines, squeeze=True, notes=tuple(notes))


def read_txt(path: Path) -> Document:
    """A .txt file as a :class:`Document`."""
    return text_document(decode_text(path.read_bytes(), str(path)), str(path))
