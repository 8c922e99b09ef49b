"""Reading members of a zip container (.docx) without trusting it.

A member's declared size is checked before it is read and the read itself is capped, so a zip
bomb (a few KB that inflate to gigabytes) is refused instead of filling memory. XML with a
DOCTYPE is refused (Office never writes one; it is how entity bombs and external entities get
in), and the parser runs with entity expansion, DTD loading and network access off besides.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from reportdesk.files import explain_os_error
from reportdesk.report import ReportFileError

MAX_MEMBER = 64 * 1024 * 1024  # no report's document.xml comes near this
MAX_RATIO = 200  # XML compresses well, but not beyond this
_RATIO_FROM = 1024 * 1024  # small members may compress better; their size is harmless anyway


def open_zip(path: Path) -> zipfile.ZipFile:
    """The zip archive, or :class:`ReportFileError` when it is not one or is damaged."""
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        raise ReportFileError(str(path), "文件已损坏或不完整（不是有效的 zip 压缩包），无法读取") from e
    except OSError as e:
        raise ReportFileError(str(path), f"无法读取（{explain_os_error(e)}）") from e


def read_member(archive: zipfile.ZipFile, name: str, source: str) -> bytes:
    """One member's bytes, refusing one that is too large or inflates suspiciously."""
    try:
        info = archive.getinfo(name)
    except KeyError as e:
        raise ReportFileError(source, f"压缩包中缺少 {name}，不是 Word 文档") from e
    if info.file_size > MAX_MEMBER or (
        info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1)
    ):
        raise ReportFileError(source, f"{name} 解压后过大（{info.file_size} 字节），可能是恶意文件，已拒绝")
    try:
        with archive.open(info) as f:
            data = f.read(MAX_MEMBER + 1)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as e:
        raise ReportFileError(source, f"{name} 已损坏或不完整，无法读取") from e
    except NotImplementedError as e:
        raise ReportFileError(source, f"{name} 使用了不支持的压缩方式，无法读取") from e
    if len(data) > MAX_MEMBER:
        raise ReportFileError(source, f"{name} 解压后过大，可能是恶意文件，已拒绝")
    return data


_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def parse_xml(data: bytes, source: str, name: str) -> Any:
    """Parse XML safely: no entity expansion, no DTD, no network, no huge trees."""
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )
    if _DOCTYPE.search(data[:4096]) or _DOCTYPE.search(data[:8192].replace(b"\0", b"")):
        raise ReportFileError(
            source, f"{name} 含有文档类型定义（DOCTYPE），Word 文档从不包含它，可能是恶意文件，已拒绝"
        )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise ReportFileError(source, f"{name} 不是有效的 XML（{e.msg}），文件可能已损坏") from e
    if root.getroottree().docinfo.doctype:
        raise ReportFileError(source, f"{name} 含有文档类型定义（DOCTYPE），可能是恶意文件，已拒绝")
    return root
