"""Which reader a file needs: by its extension, checked against what the file starts with."""

from __future__ import annotations

from pathlib import Path

from reportdesk.files import explain_os_error
from reportdesk.importers.document import Document
from reportdesk.report import ReportFileError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Office files (.doc, .xls) and encrypted Office files


def head_of(path: Path) -> bytes:
    """The file's first bytes; :class:`ReportFileError` when it cannot be read."""
    return _head(path)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(1024)
    except FileNotFoundError as e:
        raise ReportFileError(str(path), "文件不存在") from e
    except IsADirectoryError as e:
        raise ReportFileError(str(path), "这是一个文件夹，不是报告文件") from e
    except OSError as e:
        raise ReportFileError(str(path), f"无法读取（{explain_os_error(e)}）") from e


def read_document(path: Path) -> Document:
    """Read ``path`` with the reader its extension names; refuse a file that is something else."""
    source = str(path)
    suffix = path.suffix.lower()
    head = _head(path)
    if not head:
        raise ReportFileError(source, "文件是空的")
    if head.startswith(_OLE):
        return _old_word(path, suffix)
    if suffix == ".wps" and head.startswith(b"PK"):  # WPS saves .wps as a .docx too
        suffix = ".docx"
    if suffix == ".docx":
        if not head.startswith(b"PK"):
            raise ReportFileError(source, "不是有效的 .docx 文件（.docx 应是 zip 压缩包，这个文件不是）")
        from reportdesk.importers.docx import read_docx

        return read_docx(path)
    if suffix == ".pdf":
        if b"%PDF" not in head:
            raise ReportFileError(source, "不是有效的 PDF 文件（文件开头没有 %PDF 标记）")
        from reportdesk.importers.pdf import read_pdf

        return read_pdf(path)
    if suffix in (".doc", ".wps"):
        raise ReportFileError(
            source, f"不是有效的{'Word' if suffix == '.doc' else 'WPS'}文档（文件开头不是 Office 文件的标记）"
        )
    if suffix in (".html", ".htm"):
        from reportdesk.importers.html import read_html

        return read_html(path)
    if suffix in (".txt", ".md", ".markdown"):
        from reportdesk.importers.txt import read_txt

        return read_txt(path)
    raise ReportFileError(
        source,
        f"不支持的文件类型“{suffix or '（无扩展名）'}”，可导入 .docx、.doc、.wps、.html、.pdf、.txt、.md、.xlsx、.xls、.et",
    )


def _old_word(path: Path, suffix: str) -> Document:
    """A Word/WPS 97–2003 document through LibreOffice; a password-protected Office file named as such."""
    from dataclasses import replace

    from reportdesk.importers.docx import read_docx
    from reportdesk.importers.legacy import converted, encrypted_office

    source = str(path)
    if encrypted_office(path) or suffix not in (".doc", ".wps", ".docx"):
        raise ReportFileError(
            source, "这是加了密码的 Office 文件，无法读取：请在 Word/WPS 中取消密码后另存为 .docx 再导入"
        )
    with converted(path, "docx") as docx:
        try:
            doc = read_docx(docx)
        except ReportFileError as e:
            raise ReportFileError(source, "这是旧版 Office 格式的文件，转换后仍无法读取（可能已损坏）") from e
    kind = suffix[1:] if suffix != ".docx" else "doc"
    return replace(doc, source=source, kind=kind, notes=("经 LibreOffice 转换为 .docx 后读取", *doc.notes))
