"""Writing output files so that nothing is ever half-written.

Every file reportdesk produces is written to a temporary file in the target folder and
moved into place. Failures become :class:`OutputError` with a Chinese message naming the
file and the cause (locked by Word/WPS, no permission, disk full, no such folder).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """An output file could not be written; nothing was changed at ``path``."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"无法写入 {path}：{reason}")


def explain_os_error(e: OSError) -> str:
    """A plain Chinese reason for an operating-system error."""
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return "磁盘空间不足，请清理磁盘或换一个位置保存"
    if e.errno == errno.EROFS:
        return "该位置是只读的，请换一个位置保存"
    if e.errno == errno.ENOENT:
        return "文件夹不存在，请先创建或换一个位置"
    if e.errno == errno.EISDIR:
        return "这是一个文件夹，请给出文件名"
    if isinstance(e, PermissionError) or e.errno in (errno.EACCES, errno.EPERM, errno.EBUSY):
        return "文件被占用或没有写入权限（如果它正在 Word/WPS 中打开，请先关闭后再试）"
    return e.strerror or str(e)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then replace."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(path, "这是一个文件夹，请给出文件名")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(path, explain_os_error(e)) from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(path, explain_os_error(e)) from e
