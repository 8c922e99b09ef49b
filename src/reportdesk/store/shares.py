"""A database file on a network share (SMB/CIFS, NFS …) is never written to.

SQLite's locking does not hold over such file systems: two desks writing one file on a shared
folder is the classic way these files get corrupted. The folder is recognised before the file is
opened — on Linux by the file system type of its mount (``/proc/mounts``; GNOME's gvfs SMB mounts by
their path), on Windows by a UNC path or a drive the system reports as remote. An existing file is
opened read-only; nothing is made there; the officer is pointed to the shared-database mode.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reportdesk.store.errors import StoreError

NETWORK_FS = frozenset(
    {
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "afs",
        "ncpfs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "davfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.cephfs",
        "fuse.smbnetfs",
    }
)
_GVFS_REMOTE = ("/gvfs/smb-share:", "/gvfs/nfs:", "/gvfs/sftp:", "/gvfs/dav:", "/gvfs/ftp:")
_DRIVE_REMOTE = 4  # GetDriveTypeW
MOUNTS = Path("/proc/mounts")


# Why nothing is written there, and what to do instead (Chinese).
ADVICE = (
    "多台电脑经网络共享同时写一个数据库文件会把它损坏，所以本程序不在这里写入。几个人共用报告，请改用共享数据库："
    "由管理员在内网服务器上建立 PostgreSQL 数据库，在窗口“文件 → 连接共享数据库…”中连接（命令行用 "
    "--db postgresql://账号@服务器/数据库）；要修改这个文件里的报告，请把它复制到本机磁盘再打开"
)


def on_share(what: str) -> str:
    """Where such a file is, as messages say it: "在网络共享文件夹上（…）"."""
    return f"在网络共享文件夹上（{what}）"


class NetworkShare(StoreError):
    """A database file cannot be made or written on a network share (an existing one is opened
    read-only instead: :mod:`reportdesk.store.opening`)."""

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        self.what = what
        super().__init__(f"数据库文件 {path} {on_share(what)}。{ADVICE}")


def _unescape(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash in octal.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def linux_mount_type(path: Path, mounts: str) -> tuple[str, str] | None:
    """(mount point, file system type) of the mount holding ``path``, from ``/proc/mounts`` text."""
    best: tuple[str, str] | None = None
    target = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point, fstype = _unescape(fields[1]), fields[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[0])):
            best = (point, fstype)
    return best


def _existing(path: Path) -> Path:
    """The file, or the nearest folder above it that exists (a new database is made there)."""
    path = path.absolute()
    for candidate in (path, *path.parents):
        try:
            if candidate.exists():
                return candidate.resolve()
        except OSError:  # a name too long, a loop of links: the folders above still tell
            continue
    return path


def network_share(path: Path, mounts: str | None = None) -> str | None:
    """What kind of network share holds ``path`` (Chinese), or ``None`` for a local disk."""
    if sys.platform == "win32":
        return _windows_share(path)
    where = _existing(path)
    if any(marker in text for text in (str(path.absolute()), str(where)) for marker in _GVFS_REMOTE):
        return "通过文件管理器连接的网络位置"
    if mounts is None:
        try:
            mounts = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None  # not Linux, or no /proc: nothing to go by
    # As given (the folder of a new file may not exist yet) and with links followed.
    for candidate in (path.absolute(), where):
        found = linux_mount_type(candidate, mounts)
        if found is not None and found[1].lower() in NETWORK_FS:
            return f"{found[1]} 网络文件系统，挂载于 {found[0]}"
    return None


def _windows_share(path: Path) -> str | None:
    text = os.fspath(path.absolute())
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return "网络路径"
    if text.startswith("\\\\?\\UNC\\"):
        return "网络路径"
    drive = os.path.splitdrive(text)[0]
    if drive:
        import ctypes

        kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 - windll exists only on Windows
        if kernel32.GetDriveTypeW(drive + "\\") == _DRIVE_REMOTE:
            return f"映射的网络驱动器 {drive}"
    return None


def refuse_network_share(path: Path) -> None:
    """Raise :class:`NetworkShare` when ``path`` lies on a network share (before writing there)."""
    what = network_share(path)
    if what is not None:
        raise NetworkShare(path, what)
