"""Reading input files and writing output files: the one place either touches the file system.

Every file reportdesk produces (.json, .xlsx, .docx, .pdf, sign-off sheets, database backups)
is written by :func:`replace_file`: into a temporary file in the target folder, then moved
into place. It writes only to a new file or over an existing regular, writable file, whose
permissions (and, run as root, owner) the new file keeps. A device (``/dev/full``), a
directory, a symbolic link or a pipe is refused; a read-only file is refused unless the
officer consented (:func:`consent_to_replace_read_only`) — it then stays read-only.
Failures become :class:`OutputError` with a Chinese message naming the file and the cause;
nothing at the target has changed then.

Input files are read by :func:`read_input` with a size cap, so a 2 GB file is refused before
it is read into memory.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

_consent: contextvars.ContextVar[bool] = contextvars.ContextVar("replace_read_only", default=False)
# How the officer consents, added to the refusal (the command line sets its option's name).
CONSENT_HINT: contextvars.ContextVar[str] = contextvars.ContextVar("consent_hint", default="")


class OutputError(Exception):
    """An output file could not be written; nothing was changed at ``path``."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"无法写入 {path}：{reason}")


class ReadOnlyOutput(OutputError):
    """The target is a read-only file and the officer has not consented to replace it."""

    def __init__(self, path: Path) -> None:
        hint = CONSENT_HINT.get()
        super().__init__(
            path,
            "这是一个只读文件，没有替换它" + (f"；{hint}" if hint else ""),
        )


@contextlib.contextmanager
def consent_to_replace_read_only(consent: bool = True) -> Iterator[None]:
    """Within the block, a read-only output file may be replaced (the new file stays read-only)."""
    token = _consent.set(consent)
    try:
        yield
    finally:
        _consent.reset(token)


_REASONS = {
    errno.ENOSPC: "磁盘空间不足，请清理磁盘或换一个位置保存",
    errno.EROFS: "该位置是只读的（如光盘或只读挂载），请换一个位置",
    errno.ENOENT: "文件夹不存在，请先创建或换一个位置",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.EISDIR: "这是一个文件夹，请给出文件名",
    errno.ENAMETOOLONG: "文件名过长（一个文件名最多 255 字节，约 85 个汉字），请用短一些的名字",
    errno.ELOOP: "路径中的符号链接（快捷方式）层数过多或循环引用",
    errno.EEXIST: "文件已存在",
    errno.EMFILE: "同时打开的文件过多",
    errno.EIO: "读写设备时出错（磁盘或 U 盘可能有问题）",
    errno.ETXTBSY: "文件正在被使用",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.EFBIG: "文件过大",
    errno.EINVAL: "文件名或路径无效（可能含有不允许的字符）",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "磁盘配额已用完，请清理磁盘或换一个位置保存"


def explain_os_error(e: OSError, reading: bool = False) -> str:
    """A plain Chinese reason for an operating-system error (never the system's English text)."""
    if e.errno in _REASONS:
        return _REASONS[e.errno]
    if isinstance(e, PermissionError) or e.errno in (errno.EACCES, errno.EPERM, errno.EBUSY):
        if reading:
            return "没有读取它的权限（或它正被其他程序独占）"
        return "文件被占用或没有写入权限（如果它正在 Word/WPS 中打开，请先关闭后再试）"
    if getattr(e, "winerror", None) == 123:  # ERROR_INVALID_NAME on Windows
        return _REASONS[errno.EINVAL]
    return f"操作系统报告错误（错误号 {e.errno}）"


def read_input(path: Path, limit: int, what: str = "文件") -> bytes:
    """The bytes of an input file of at most ``limit`` bytes; ReportFileError says why not.

    Only a regular file is read (a device such as ``/dev/zero`` or a pipe never ends).
    """
    from reportdesk.report import ReportFileError

    source = str(path)
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise ReportFileError(source, f"这是一个文件夹，不是{what}")
        if not stat.S_ISREG(st.st_mode):
            raise ReportFileError(source, f"这不是普通文件（是设备或管道），不是{what}")
        if st.st_size > limit:
            raise ReportFileError(
                source,
                f"文件过大（{_size(st.st_size)}，上限 {_size(limit)}），不像是一份{what}，为安全起见没有读取",
            )
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError as e:
        raise ReportFileError(source, "文件不存在") from e
    except OSError as e:
        raise ReportFileError(source, f"无法读取（{explain_os_error(e, reading=True)}）") from e
    if len(data) > limit:  # grew while being read
        raise ReportFileError(source, f"文件过大（超过 {_size(limit)}），不像是一份{what}")
    return data


def _size(n: int) -> str:
    if n >= 1024 * 1024 * 1024:
        return f"{n / 1024 / 1024 / 1024:.1f} GB"
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{n} 字节"


def _read_only(path: Path, st: os.stat_result) -> bool:
    """No write permission for anyone in the mode bits, or none for this user (root included)."""
    return not st.st_mode & 0o222 or not os.access(path, os.W_OK)


def is_read_only(path: Path) -> bool:
    """Whether ``path`` is an existing regular file that may not be written (asked before replacing)."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and _read_only(path, st)


def check_output(path: Path) -> os.stat_result | None:
    """What is at ``path``: ``None`` for nothing (a new file), else the status of a regular file
    that may be replaced. :class:`OutputError` for anything that must not be written over."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise OutputError(path, explain_os_error(e)) from e
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(path, "这是一个符号链接（快捷方式），为安全起见不写入；请直接给出实际文件的位置")
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(path, "这是一个文件夹，请给出文件名")
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(path, "这不是普通文件（是设备、管道或套接字），不能写入；请给出一个文件名")
    if _read_only(path, st) and not _consent.get():
        raise ReadOnlyOutput(path)
    return st


_UMASK: int | None = None


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    global _UMASK
    if _UMASK is None:
        try:
            with open("/proc/self/status", encoding="ascii") as f:
                line = next(x for x in f if x.startswith("Umask:"))
            _UMASK = int(line.split()[1], 8)
        except (OSError, StopIteration, ValueError, IndexError):
            _UMASK = os.umask(0o022)
            os.umask(_UMASK)
    return _UMASK


def replace_file(path: Path, fill: Callable[[Path], None]) -> None:
    """Make the file at ``path`` by ``fill(temporary_path)``, then move it into place in one step.

    The target is checked first (:func:`check_output`); a replaced file's permission bits (and,
    run as root, its owner) are kept, a new file gets the usual ``0666 & ~umask``.
    """
    path = Path(path)
    before = check_output(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        # A short fixed prefix: a name near the 255-byte limit must not make the temporary name too long.
        fd, tmp_name = tempfile.mkstemp(prefix=".reportdesk-", suffix=".tmp", dir=folder)
        os.close(fd)
    except OSError as e:
        raise OutputError(path, explain_os_error(e)) from e
    tmp = Path(tmp_name)
    try:
        fill(tmp)
        mode = stat.S_IMODE(before.st_mode) if before else 0o666 & ~_umask()
        os.chmod(tmp, mode | stat.S_IWUSR)  # writable until in place (Windows)
        if before is not None and hasattr(os, "geteuid") and os.geteuid() == 0:
            with contextlib.suppress(OSError):
                os.chown(tmp, before.st_uid, before.st_gid)
        again = check_output(path)  # a link or device put there meanwhile
        if before is not None and again is not None and os.name == "nt" and not mode & stat.S_IWUSR:
            os.chmod(path, stat.S_IWRITE | stat.S_IREAD)
        os.replace(tmp, path)
        if not mode & stat.S_IWUSR:
            os.chmod(path, mode)
    except OSError as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OutputError(path, explain_os_error(e)) from e
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (also through links, "./", or another spelling)."""
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through :func:`replace_file` (checked target, kept mode, atomic)."""

    def fill(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())

    replace_file(path, fill)
