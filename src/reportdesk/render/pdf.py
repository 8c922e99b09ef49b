"""PDF through LibreOffice, when it is installed.

Each conversion gets its own LibreOffice profile (``-env:UserInstallation``) in a fresh
temporary folder: parallel runs sharing a profile lose files. ``soffice`` exits 0 even when
the conversion failed, so success is judged by the PDF it leaves behind. The PDF is moved into
place atomically like every other output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from reportdesk.files import explain_os_error, write_atomically

SOFFICE_ENV = "REPORTDESK_SOFFICE"
TIMEOUT_SECONDS = 180

# Where installers put LibreOffice when it is not on PATH.
_KNOWN_PLACES = {
    "win32": (
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ),
    "darwin": ("/Applications/LibreOffice.app/Contents/MacOS/soffice",),
}

NOT_INSTALLED = (
    "未找到 LibreOffice，无法生成 PDF。请安装 LibreOffice（免费）后重试，"
    "或用 Word/WPS 打开生成的 .docx 后“另存为 PDF”。"
)


_SOFFICE_SAYS = (
    ("could not be loaded", "它无法载入这个文档"),
    ("no export filter", "它缺少导出 PDF 的组件（请安装完整的 LibreOffice Writer）"),
    ("user installation could not be completed", "它的用户配置文件夹无法创建"),
    ("permission denied", "它没有读写临时文件的权限"),
)


class PdfError(Exception):
    """The PDF could not be produced; the message (Chinese) says why."""


def find_soffice() -> str | None:
    """The LibreOffice program to run, or None when it is not installed."""
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in _KNOWN_PLACES.get(sys.platform, ()):
        if Path(place).exists():
            return place
    return None


def convert(docx: bytes, pdf_path: Path, *, soffice: str | None = None) -> None:
    """Convert a .docx (given as bytes) into ``pdf_path``; :class:`PdfError` when impossible."""
    program = soffice or find_soffice()
    if program is None:
        raise PdfError(NOT_INSTALLED)
    with tempfile.TemporaryDirectory(prefix="reportdesk-pdf-") as tmp:
        work = Path(tmp)
        source = work / "report.docx"
        source.write_bytes(docx)
        out_dir = work / "out"
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as e:
            raise PdfError(f"LibreOffice 在 {TIMEOUT_SECONDS} 秒内没有完成转换") from e
        except OSError as e:
            raise PdfError(f"无法启动 LibreOffice（{program}：{explain_os_error(e)}）") from e
        result = out_dir / "report.pdf"
        if not result.is_file() or result.stat().st_size == 0:
            said = done.stderr.decode("utf-8", "replace").lower()
            # LibreOffice's own reason is English: said in Chinese where it is known.
            reason = next((zh for en, zh in _SOFFICE_SAYS if en in said), "请确认它能正常打开这个文档")
            raise PdfError(f"LibreOffice 没有生成 PDF（退出码 {done.returncode}）：{reason}")
        write_atomically(pdf_path, result.read_bytes())
