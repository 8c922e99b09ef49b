"""What the command line does when something unforeseen goes wrong: a Chinese message, the
traceback in a log file under the user's data folder, and an exit code of its own.

Exit codes of every command: 0 done, 1 findings (the report has errors, or something was
refused because of them), 2 an input could not be read or an output not written (the message
says which and why), :data:`EXIT_CRASH` an unexpected failure of the program itself.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import TextIO

EXIT_CRASH = 3
EXIT_INTERRUPTED = 130
KEEP_LOGS = 30
LOG_PREFIX = "crash-"


def log_dir() -> Path:
    """``logs/`` in the user's data folder (where the drafts database lives by default)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("reportdesk", appauthor=False)) / "logs"


def write_log(exc: BaseException, argv: list[str]) -> Path:
    """Write what happened to a new log file; returns its path (OSError when it cannot)."""
    from reportdesk import __version__

    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now().astimezone()
    path = folder / f"{LOG_PREFIX}{now.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    lines = [
        f"reportdesk {__version__} — {now.isoformat(timespec='seconds')}",
        f"命令：reportdesk {' '.join(_printable(a) for a in argv)}",
        f"Python {platform.python_version()}，{platform.platform()}",
        "",
        *traceback.format_exception(exc),
    ]
    path.write_text(
        "\n".join(line.rstrip("\n") for line in lines) + "\n", encoding="utf-8", errors="backslashreplace"
    )
    _prune(folder)
    return path


def _printable(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")[:300]


def _prune(folder: Path) -> None:
    logs = sorted(p for p in folder.iterdir() if p.name.startswith(LOG_PREFIX) and p.suffix == ".log")
    for old in logs[:-KEEP_LOGS]:
        with contextlib.suppress(OSError):
            old.unlink()


def _what(exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return "内存不足，无法完成"
    if isinstance(exc, RecursionError):
        return "输入的嵌套层次过深，无法处理"
    return "程序遇到了意外的内部错误"


def report_crash(exc: BaseException, argv: list[str], stderr: TextIO | None = None) -> int:
    """Tell the officer, in Chinese, that the program failed; log the traceback; return EXIT_CRASH."""
    err = stderr if stderr is not None else sys.stderr
    try:
        where = f"详细信息已记录在 {write_log(exc, argv)}，请把这个文件发给技术支持。"
    except OSError:
        where = "详细信息无法写入日志文件，附在下面，请复制发给技术支持：\n" + "".join(
            traceback.format_exception(exc)
        )
    message = (
        f"reportdesk: {_what(exc)}（退出码 {EXIT_CRASH}）。这不是报告内容的问题；"
        f"已写出的文件都是完整的，没有写完的文件没有替换任何已有文件。{where}"
    )
    with contextlib.suppress(OSError, ValueError):
        print(message, file=err)
    return EXIT_CRASH
