"""Old binary Office files: .doc and .wps (Word/WPS 97–2003), .xls and .et (Excel/WPS 97–2003).

An .xls is read with xlrd (a maintained reader of the old Excel format) and handed, as a workbook
of the same sheets, values and merged cells, to the workbook importer, exactly as an .xlsx. A
.doc, a .wps, and an .et that xlrd cannot read are converted by LibreOffice (headless, its own
throw-away profile, a time limit) when it is installed; without it the officer is told, in
Chinese, to save the file as .docx/.xlsx from Word or WPS. A password-protected Office file is
an encrypted container of the same kind: it is named as such.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportdesk.report import ReportFileError

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file every 97–2003 Office file is
WORD = (".doc", ".wps")
SHEETS = (".xls", ".et")
TIMEOUT_SECONDS = 120
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream of a password-protected .docx/.xlsx
_NAMES = {".doc": "Word 97–2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）", ".xls": "Excel 97–2003 工作簿（.xls）",
          ".et": "WPS 表格工作簿（.et）"}  # fmt: skip


def encrypted_office(path: Path) -> bool:
    """Whether a compound file is a password-protected .docx/.xlsx (it holds an EncryptedPackage)."""
    try:
        with path.open("rb") as f:
            return _ENCRYPTED in f.read(4 * 1024 * 1024)
    except OSError:
        return False


def _save_as(suffix: str) -> str:
    return ".xlsx" if suffix in SHEETS else ".docx"


def not_installed(source: str, suffix: str) -> ReportFileError:
    """The message for an old file when LibreOffice is not installed."""
    what = _NAMES.get(suffix, "旧版 Office 文件")
    return ReportFileError(
        source,
        f"这是{' ' if what[0].isascii() else ''}{what}。读取这种旧格式需要 LibreOffice（免费软件），本机没有安装。"
        f"请在 Word 或 WPS 中打开它，“另存为” {_save_as(suffix)} 格式后再导入；或安装 LibreOffice 后重试",
    )


@contextmanager
def converted(path: Path, target: str) -> Iterator[Path]:
    """``path`` converted by LibreOffice to ``target`` ("docx" or "xlsx"), in a folder removed afterwards."""
    from reportdesk.render.pdf import find_soffice

    source = str(path)
    suffix = path.suffix.lower()
    soffice = find_soffice()
    if soffice is None:
        raise not_installed(source, suffix)
    with tempfile.TemporaryDirectory(prefix="reportdesk-import-") as tmp:
        folder = Path(tmp)
        original = folder / f"original{suffix}"
        shutil.copyfile(path, original)
        command = [
            soffice, "--headless", "--norestore", "--nolockcheck",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to", target, "--outdir", str(folder), str(original),
        ]  # fmt: skip
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
        try:
            subprocess.run(
                command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False, creationflags=flags
            )
        except subprocess.TimeoutExpired as e:
            raise ReportFileError(
                source, f"LibreOffice 在 {TIMEOUT_SECONDS} 秒内没有完成转换，文件可能已损坏"
            ) from e
        except OSError as e:
            raise ReportFileError(source, f"无法运行 LibreOffice（{e.strerror}）") from e
        result = folder / f"original.{target}"
        if not result.exists() or result.stat().st_size == 0:  # soffice exits 0 even when it failed
            raise ReportFileError(
                source,
                f"这是旧版 Office 格式的文件，LibreOffice 无法转换它（可能已损坏或加了密码）。请在 Word 或 WPS 中打开，"
                f"另存为 {_save_as(suffix)} 后再导入",
            )
        yield result


def xls_to_xlsx(path: Path, target: Path) -> None:
    """The sheets of an .xls (values, merged cells, hidden sheets) written as an .xlsx at ``target``."""
    import xlrd  # type: ignore[import-untyped]
    from openpyxl import Workbook

    source = str(path)
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception as e:  # xlrd raises many kinds (XLRDError, CompDocError, struct.error …)
        reason = "加了密码" if "encrypt" in str(e).lower() else "已损坏或不是 Excel 97–2003 格式"
        raise ReportFileError(source, f"无法读取这个 .xls 文件（{reason}）") from e
    out = Workbook()
    out.remove(out.active)
    try:
        for sheet in book.sheets():
            ws = out.create_sheet(title=sheet.name[:31] or f"Sheet{len(out.sheetnames) + 1}")
            if sheet.visibility:
                ws.sheet_state = "hidden" if sheet.visibility == 1 else "veryHidden"
            for r in range(sheet.nrows):
                for c in range(sheet.ncols):
                    cell = sheet.cell(r, c)
                    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                        continue
                    value = cell.value
                    if cell.ctype == xlrd.XL_CELL_NUMBER and float(value).is_integer():
                        value = int(value)
                    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                        value = bool(value)
                    written = ws.cell(row=r + 1, column=c + 1, value=value)
                    if isinstance(value, str):
                        written.data_type = "s"  # text stays text, "=…" included: never a formula
            for rlo, rhi, clo, chi in sheet.merged_cells:
                if rhi - rlo > 1 or chi - clo > 1:
                    ws.merge_cells(start_row=rlo + 1, end_row=rhi, start_column=clo + 1, end_column=chi)
    finally:
        book.release_resources()
    out.save(target)
