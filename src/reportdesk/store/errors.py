"""What can go wrong with the drafts database, each with a Chinese message that says where and what.

Every error is a :class:`StoreError`; the CLI prints ``str(error)`` and the GUI shows it. A damaged
database carries the newest good backup so the GUI can offer it.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A store operation that cannot be done; ``str()`` is a one-line Chinese reason."""


class NotFound(StoreError):
    """No report or body with that id (or it is in the bin when a live one was asked for)."""


class StoreBusy(StoreError):
    """Another program held the database for longer than the wait allowed."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        super().__init__(
            f"数据库 {path} 正被另一个 reportdesk 窗口或程序写入，等待超时，本次修改没有保存；请稍后再试"
        )


class StoreTooNew(StoreError):
    """The database was written by a newer reportdesk; it was left untouched."""

    def __init__(self, path: Path | str, version: int, supported: int) -> None:
        self.path = path
        self.version = version
        self.supported = supported
        super().__init__(
            f"数据库 {path} 由更新版本的 reportdesk 创建（数据库版本 {version}，本程序只支持到 {supported}），"
            "为避免损坏，没有做任何改动；请升级 reportdesk 后再打开"
        )


class ForeignDatabase(StoreError):
    """A readable database that is not a reportdesk database; it was left untouched."""

    def __init__(self, path: Path | str, why: str = "") -> None:
        self.path = path
        if why:
            super().__init__(f"{path} 不是 reportdesk 的报告数据库（{why}），没有做任何改动")
        else:
            super().__init__(
                f"{path} 是一个 SQLite 数据库，但不是 reportdesk 的报告数据库（可能选错了文件），没有做任何改动"
            )


class StoreDamaged(StoreError):
    """The database file is damaged; it was never overwritten.

    ``what`` says what is wrong, ``backup`` is the newest backup that passed the integrity check
    (``None`` when there is none).
    """

    def __init__(self, path: Path, what: str, backup: Path | None) -> None:
        self.path = path
        self.what = what
        self.backup = backup
        if backup is not None:
            offer = f"最近的完好备份是 {backup}，可用“reportdesk db restore-backup {backup}”恢复"
        else:
            offer = "没有找到可用的备份"
        super().__init__(f"数据库 {path} 已损坏：{what}。程序没有改动这个文件；{offer}")


class ServerUnreachable(StoreError):
    """The shared database's server cannot be reached (network, server stopped); nothing was saved there."""

    def __init__(self, location: str, reason: str) -> None:
        self.location = location
        self.reason = reason
        super().__init__(
            f"连接不上共享数据库 {location}（{reason}）：网络不通或服务器未开机，这次操作没有保存到服务器"
        )


class AccessDenied(StoreError):
    """The shared database refused the login or the operation for this account."""


class Tampered(StoreError):
    """A row holds what this program never writes: changed by another program. Nothing was
    changed; the message names the report (or body) and the part that cannot be read."""

    def __init__(self, location: str, what: str, report_id: int | None = None) -> None:
        self.what = what
        self.report_id = report_id
        where = f"报告 {report_id} 的" if report_id is not None else ""
        advice = (
            f"可用“reportdesk db history {report_id}”查看修订，用“reportdesk db restore {report_id} --to 修订号”"
            "回到完好的修订，或从备份恢复"
            if report_id is not None
            else "可从备份恢复"
        )
        super().__init__(
            f"数据库 {location} 中{where}{what} 无法识别（不是本程序写入的内容，可能被其他程序改动过）；"
            f"程序没有改动它，其余报告不受影响。{advice}"
        )
