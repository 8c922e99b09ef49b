"""The whole database from the window: backup to a file, restore from one, the bin (part of the
controller; no Qt).

Copying and restoring run as background tasks of the view, each on its own connection (an SQLite
connection belongs to the thread that made it), so a large database never freezes the window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportdesk.store import Body, ReportInfo, Restored, Store, StoreError, restore_backup
from reportdesk.store.backup import backup_dir


def backup_name(today: date | None = None) -> str:
    """The suggested file name of a backup made by hand."""
    return f"reportdesk-备份-{(today or date.today()).isoformat()}.db"


def restore_question(file: Path, db: Path) -> tuple[str, str]:
    """What restoring does, in the officer's words, asked before anything happens: (question, details)."""
    return (
        "用备份文件中的内容替换当前数据库中的全部机关和报告？",
        f"备份文件：{file}\n当前数据库：{db}\n\n"
        f"恢复之前，当前的数据会先另存为一份备份（在 {backup_dir(db)} 文件夹中），"
        "需要时仍可用它恢复回来。正在打开的报告会先关闭。",
    )


def _caught(job: Callable[[], Any]) -> Callable[[], Any]:
    """The job's result, or the store's error as a value (the view's task runner only passes it on)."""

    def run() -> Any:
        try:
            return job()
        except StoreError as e:
            return e

    return run


class DatabaseActions:
    """Mixed into the controller, whose ``view``, ``store``, ``form``, ``page``, ``session``,
    ``report_id``, ``recent`` and ``show_start`` it uses."""

    view: Any
    store: Any

    def backups_folder(self) -> Path:
        """Where the daily and safety copies of the database are kept (the restore dialog opens there)."""
        if self.store.path is None:  # a shared database: its copies are the administrator's business
            return Path.home()
        return backup_dir(Path(self.store.path))

    def backup_to(self, path: str) -> None:
        """Copy the whole database to ``path`` (a consistent copy, even with another window open)."""
        db, form, target = self.store.address, self.form, Path(path)

        def job() -> Path:
            with Store.open(db, form=form, daily_backup=False) as store:
                return Path(store.backup(target))

        self.view.run_task("正在备份数据库……", _caught(job), self._backed_up, False)

    def _backed_up(self, result: Any) -> None:
        if isinstance(result, Exception):
            self.view.show_error(f"没有备份：{result}")
        else:
            self.view.show_message(f"已把整个数据库备份到 {result}")

    def restore_from(self, path: str) -> None:
        """Replace the database by a backup, after saying what will happen; what was there is kept."""
        if self.store.path is None:
            self.view.show_error(
                "共享数据库不能用备份文件整个覆盖（其中还有别的机关的报告）。"
                "要把备份中的报告搬进来，请用“reportdesk db copy --from 备份文件 --to 共享数据库地址”。"
            )
            return
        db, file = Path(self.store.path), Path(path)
        question, details = restore_question(file, db)
        if not self.view.confirm(question, details, "恢复(&R)"):
            return
        if self.session is not None:
            self.session, self.report_id = None, None
            self.view.close_report()
        # Restoring writes the file through its own connection; ours is opened anew afterwards,
        # so nothing of the old database lingers in the window (nor a survey still reading it).
        self.view.stop_surveys()
        self.store.close()
        now = datetime.now().astimezone()
        self.view.run_task(
            "正在从备份恢复……",
            _caught(lambda: restore_backup(db, file, now)),
            lambda result: self._restored(db, result),
            True,
        )

    def _restored(self, db: Path, result: Any) -> None:
        try:
            self.store = Store.open(db, form=self.form)
        except StoreError as e:
            self.view.show_error(f"恢复后无法打开数据库：{e}")
            self.view.close()
            return
        self.show_start()
        if isinstance(result, Exception):
            self.view.show_error(f"没有恢复，数据库保持原样：{result}")
            return
        assert isinstance(result, Restored)
        message = f"已用备份 {result.source} 恢复数据库。"
        if result.kept is not None:
            what = "原来无法打开的数据库已原样移到" if result.damaged else "恢复前的数据已另存为"
            message += f"{what} {result.kept}"
        self.view.show_message(message)

    def bin_entries(self) -> list[tuple[Body, ReportInfo]]:
        """The reports in the bin, most recently deleted first."""
        return list(self.store.list_bin())

    def undelete_report(self, report_id: int) -> bool:
        """Bring a report back from the bin (refused when its body has another one for that year)."""
        try:
            self.store.undelete(report_id)
        except StoreError as e:
            self.view.show_error(str(e))
            return False
        year = self.store.info(report_id).year
        self.view.show_start(self.store.list_bodies(), self.recent(), self.store.location)
        self.view.show_message(f"已从回收站恢复 {year} 年的报告，可在开始页打开。")
        return True
