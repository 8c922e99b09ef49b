"""The shared database from the window (part of the controller; no Qt): connecting to one, the
saver of a report there, a conflicting edit put to the officer, and the journal sent once the
server is back.

The view is asked ``choose_conflict(conflict, base) -> bool`` (True: write mine over theirs) —
later, through ``view.later(fn)``, never inside the edit that met the conflict (a cell editor may
still be open then) — and told ``show_link(online, waiting, where)``; while offline it calls
:meth:`SharingActions.resend` every few seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportdesk.store import EditConflict, Store, StoreError
from reportdesk.ui.control.saving import StoreSaver
from reportdesk.ui.control.shared import SharedSaver

if TYPE_CHECKING:
    from reportdesk.store.journal import Journal

try:  # the bare hash module: hashlib would load OpenSSL at the window's start for one digest
    from _sha1 import sha1 as _sha1
except ImportError:  # pragma: no cover - a Python without it
    from hashlib import sha1 as _sha1

# What a cell editor shows while the officer has not yet chosen (the edit was not saved).
CONFLICT_REASON = "别人刚修改了这一格，您的数值没有保存；请在弹出的对话框中选择保留哪一个"


def store_tag(store: Store) -> str:
    """A short name of the database, to keep what the window remembers per database apart."""
    where = str(store.path.resolve()) if store.path is not None else store.location
    return _sha1(where.encode()).hexdigest()[:12]


class SharingActions:
    """Mixed into the controller, whose ``view``, ``store``, ``form``, ``session``, ``report_id``,
    ``settings`` and ``show_start`` it uses. ``journal_folder`` is where the local journal lives
    (beside the window's settings; the app sets it)."""

    view: Any
    store: Any
    session: Any
    report_id: int | None
    journal_folder: Path | None = None
    _journal: Journal | None = None
    conflict_pending = False

    # -- the saver of a report ------------------------------------------------------------------

    def journal(self) -> Journal:
        """The local journal (opened on first use)."""
        if self._journal is None:
            from reportdesk.store.journal import JOURNAL_NAME, Journal  # a shared database only

            folder = self.journal_folder or Path.home() / ".reportdesk"
            self._journal = Journal(folder / JOURNAL_NAME)
        return self._journal

    def saver_for(self, report_id: int) -> Any:
        """A file's report is saved as before; a shared database's with the conflict rule and the journal."""
        if self.store.engine != "postgresql":
            return StoreSaver(self.store, report_id)
        return SharedSaver(self.store, report_id, self.journal(), self._link_changed)

    def _link_changed(self, online: bool, waiting: int) -> None:
        self.view.show_link(online, waiting, self.store.location)

    # -- a conflicting edit ---------------------------------------------------------------------

    def conflict_waiting(self) -> bool:
        """An edit met a conflict the officer has not answered yet: no other edit is made meanwhile."""
        if self.conflict_pending:
            self.view.show_message("请先在对话框中选择保留哪一个数值，再继续修改。")
        return self.conflict_pending

    def put_conflict(self, conflict: EditConflict, redo: Callable[[], Any]) -> None:
        """Ask the officer about ``conflict`` as soon as the window is free (see :meth:`settle`)."""
        self.conflict_pending = True
        self.view.later(lambda: self.settle(conflict, redo))

    def settle(self, conflict: EditConflict, redo: Callable[[], Any]) -> None:
        """Someone else changed what the officer just edited: show whose value is there, let the
        officer choose; the report is reloaded either way, and "mine" makes the edit again over it."""
        try:
            mine = [self.view.choose_conflict(c, conflict.base) for c in conflict.conflicts]
        finally:
            self.conflict_pending = False
        self.reload_report()
        if any(mine):
            redo()

    def reload_report(self) -> None:
        """Show the report as the database has it now (others' changes included)."""
        if self.session is None or self.report_id is None:
            return
        try:
            update = self.session.replace_report(self.store.load(self.report_id))
        except StoreError as e:
            self.view.show_save_error(str(e))
            return
        self._refresh(update, everything=True)  # type: ignore[attr-defined]

    # -- the journal ----------------------------------------------------------------------------

    def resend(self) -> None:
        """Send the journal's edits (the view calls this every few seconds while offline; the app
        once at start, for edits kept from last time)."""
        if self.store.engine != "postgresql":
            return
        journal = self.journal()
        if not journal.count(self.store.location):
            return
        while journal.count(self.store.location):
            try:
                from reportdesk.store.journal import send

                result = send(self.store, journal)
            except StoreError as e:
                self.view.show_save_error(f"本机暂存的修改发送不出去：{e}")
                return
            if result.unreachable is not None:
                self._link_changed(False, result.left)
                return
            if result.conflict is None or result.entry is None:
                self.view.show_message(f"已把断网期间暂存在本机的 {result.sent} 项修改发送到共享数据库。")
                break
            for c in result.conflict.conflicts:
                if self.view.choose_conflict(c, result.conflict.base):
                    journal.overrule(result.entry.id, c.key, c.theirs)
                else:
                    journal.drop_key(self.store.location, result.entry.report_id, c.kind, c.key)
        self._link_changed(True, 0)
        self.reload_report()

    # -- connecting -----------------------------------------------------------------------------

    def connect_shared(self, url: str, offer_copy: Callable[[Store, Store], bool] | None = None) -> bool:
        """Switch the window to the shared database at ``url``; the desk's own file is offered to be
        copied in first (``offer_copy(desk, shared)`` asks and copies). False when it could not connect."""
        try:
            shared = Store.open(url, form=self.store.form)
        except StoreError as e:
            self.view.show_error(f"没有连接：{e}")
            return False
        desk = self.store
        if offer_copy is not None and desk.engine == "sqlite" and desk.list_bodies():
            offer_copy(desk, shared)
        if self.session is not None:
            self.session, self.report_id = None, None
            self.view.close_report()
        self.view.stop_surveys()
        desk.close()
        self.store = shared
        self.show_start()  # type: ignore[attr-defined]
        self.view.show_link(True, self.journal().count(shared.location), shared.location)
        self.view.show_message(f"已连接共享数据库 {shared.location}")
        return True
