"""Which reader a file needs: by its extension, checked against what the file starts with."""

from __future__ import annotations

from pathlib import Path

from reportdesk.files import explain_os_error
from reportdesk.importers.document import Document
from reportdesk.report import ReportFileError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Office files (.doc, .xls) and encrypted Office files


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
        raise ReportFileError(
            source,
            "这是旧版 Office 文件（.doc/.xls）或加了密码的 Office 文件，请在 Word/WPS 中另存为 .docx 后再导入",
        )
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
    if suffix in (".html", ".htm"):
        from reportdesk.importers.html import read_html

        return read_html(path)
    if suffix == ".txt":
        from reportdesk.importers.txt import read_txt

        return read_txt(path)
    raise ReportFileError(
        source, f"不支持的文件类型“{suffix or '（无扩展名）'}”，可导入 .docx、.html、.pdf、.txt、.xlsx"
    )
