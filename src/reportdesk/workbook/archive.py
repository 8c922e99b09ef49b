"""Looking at an .xlsx file's bytes before any XML in it is parsed.

An .xlsx is a zip of XML parts. Before openpyxl sees it, the file must be a complete zip
(not an old .xls, not a truncated download), hold a workbook (not a Word document), stay
within a size that no report workbook needs even when unpacked (zip bombs), and no XML part
may declare a DTD (entity expansion). openpyxl itself parses through defusedxml when it is
installed; :func:`require_safe_parser` makes sure it is.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from reportdesk.files import explain_os_error
from reportdesk.report import ReportFileError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 2_000
# Report workbooks compress 5–30×; a part that grows more than this is a bomb, not a table.
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1024 * 1024
CHUNK_BYTES = 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD_MARKS = tuple(
    m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")
)


def require_safe_parser() -> None:
    """Fail loudly when openpyxl would parse XML without defusedxml (a broken installation)."""
    import openpyxl

    if not openpyxl.DEFUSEDXML:
        raise RuntimeError(
            "openpyxl 未启用 defusedxml（未安装 defusedxml，或设置了 OPENPYXL_DEFUSEDXML=False），"
            "为安全起见不读取 Excel 文件。请重新安装 reportdesk。"
        )


def read_checked(path: Path) -> bytes:
    """The bytes of a workbook file that passed every check; :class:`ReportFileError` otherwise."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReportFileError(source, f"文件过大（{size // 1024 // 1024} MB），不像是一份年度报告工作簿")
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise ReportFileError(source, "文件不存在") from e
    except IsADirectoryError as e:
        raise ReportFileError(source, "这是一个文件夹，不是 Excel 文件") from e
    except OSError as e:
        raise ReportFileError(source, f"无法读取（{explain_os_error(e)}）") from e
    check_bytes(data, source)
    return data


def check_bytes(data: bytes, source: str) -> None:
    """Raise :class:`ReportFileError` unless ``data`` is a complete, plausible .xlsx archive.

    Every part is unpacked once here, so a damaged part (bad CRC, cut short) is found before
    anything is read from the workbook.
    """
    if not data:
        raise ReportFileError(source, "文件是空的（0 字节）")
    if data.startswith(_OLE_MAGIC):
        raise ReportFileError(
            source, "这是旧版 .xls 文件或加了密码的工作簿，请在 Excel/WPS 中另存为不加密的 .xlsx 后再导入"
        )
    if not data.startswith(_ZIP_MAGIC):
        raise ReportFileError(source, "不是 Excel 工作簿（.xlsx 文件实际是 zip 压缩包，此文件不是）")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise ReportFileError(source, "文件不完整或已损坏（可能下载或复制时被截断），请重新获取原文件") from e
    with archive:
        members = archive.infolist()
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            what = "Word 文档" if "word/document.xml" in names else "不含 Excel 工作簿的压缩包"
            raise ReportFileError(source, f"这是{what}，不是 Excel 工作簿（.xlsx）")
        _check_sizes(members, source)
        for m in members:
            _check_part(archive, m, source)


def _check_sizes(members: list[zipfile.ZipInfo], source: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise ReportFileError(source, f"压缩包内文件过多（{len(members)} 个），不像是一份年度报告工作簿")
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED_BYTES:
        raise ReportFileError(
            source, f"解压后过大（{total // 1024 // 1024} MB），可能是“压缩炸弹”，为安全起见不读取"
        )
    for m in members:
        if m.file_size > RATIO_FLOOR_BYTES and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise ReportFileError(
                source,
                f"压缩包内的 {m.filename} 压缩比异常（{m.compress_size} 字节解压为 {m.file_size} 字节），"
                "可能是“压缩炸弹”，为安全起见不读取",
            )


def _check_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, source: str) -> None:
    """Unpack one part (its size is already bounded); refuse a DTD or entity declaration in XML.

    Markup in cell text is escaped (``&lt;!DOCTYPE``), so these bytes only occur as a real
    declaration; defusedxml would refuse it too, this makes the message plain.
    """
    xml = member.filename.endswith((".xml", ".rels", ".vml"))
    overlap = max(len(m) for m in _DTD_MARKS)
    tail = b""
    try:
        with archive.open(member) as f:
            while chunk := f.read(CHUNK_BYTES):
                window = tail + chunk
                if xml and any(mark in window for mark in _DTD_MARKS):
                    raise ReportFileError(
                        source,
                        f"压缩包内的 {member.filename} 含有 DTD/实体声明（正常的 Excel 文件没有），为安全起见不读取",
                    )
                tail = window[-overlap:]
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as e:
        raise ReportFileError(source, f"压缩包内的 {member.filename} 已损坏，无法解压") from e
    except NotImplementedError as e:
        raise ReportFileError(source, f"压缩包内的 {member.filename} 使用了不支持的压缩方式") from e
