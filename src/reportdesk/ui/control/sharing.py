"""The shared database from the window (part of the controller; no Qt): connecting to one, the
saver of a report there, a conflicting edit put to the officer, and the journal sent once the
server is back.

The view is asked ``choose_conflict(conflict, base) -> bool`` (True: write mine over theirs) once
the officer stops typing (``view.when_typing_pauses(fn)``), never inside the edit that met the
conflict: the keys typed meanwhile go where the officer meant them (the rest of the number into its
cell, the next cell after Tab), and the question offers the value as last typed. It is told
``show_link(online, waiting, where)``; while offline it calls :meth:`SharingActions.resend` every
few seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportdesk.store import EditConflict, ServerUnreachable, Store, StoreError
from reportdesk.ui.control.saving import StoreSaver
from reportdesk.ui.control.shared import SharedSaver

if TYPE_CHECKING:
    from reportdesk.store.journal import Journal

try:  # the bare hash module: hashlib would load OpenSSL at the window's start for one digest
    from _sha1 import sha1 as _sha1
except ImportError:  # pragma: no cover - a Python without it
    from hashlib import sha1 as _sha1

# Said at once when an edit meets someone else's change (the question follows when typing stops).
CONFLICT_NOTICE = "“{label}”刚被 {who} 改过：您的修改暂未保存，停下输入后会请您选择保留哪一个。"


# The driver's reasons an officer meets, said plainly (any other is shown as the driver gives it).
_REASONS = (
    ("connection refused", "服务器拒绝连接"),
    ("timeout expired", "等待服务器应答超时"),
    ("closed the connection", "连接被中断"),
    ("could not translate host name", "找不到这个服务器名称"),
    ("name or service not known", "找不到这个服务器名称"),
    ("no route to host", "网络不通"),
    ("network is unreachable", "网络不通"),
)


def unreachable_said(e: ServerUnreachable, kept: int) -> tuple[str, str]:
    """What is unreachable, and what the officer can do (with what this computer keeps for it)."""
    reason = next((plain for words, plain in _REASONS if words in e.reason.lower()), e.reason)
    what = f"连接不上共享数据库 {e.location}（{reason}）：网络不通，或数据库服务器没有开机。"
    if kept:
        journal = (
            f"本机暂存着 {kept} 项断网时所做、还没发送的修改，没有丢失；连上服务器后打开报告，会自动发送。"
        )
    else:
        journal = "本机没有暂存待发送的修改。"
    return what, journal + "请检查网络，或请管理员确认数据库服务器已开机，然后再试。"


def kept_edits(folder: Path | None, location: str) -> int:
    """How many edits the journal in ``folder`` keeps for the shared database at ``location`` (0 when
    there is no journal: none is made just to look)."""
    from reportdesk.store.journal import JOURNAL_NAME, Journal

    path = (folder or Path.home() / ".reportdesk") / JOURNAL_NAME
    if not path.exists():
        return 0
    try:
        journal = Journal(path)
    except StoreError:
        return 0
    try:
        return journal.count(location)
    finally:
        journal.close()


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
    _settling = False
    _resend_asks = False  # a kept edit met someone else's change: asked once typing stops

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

    @property
    def conflict_pending(self) -> bool:
        """An edit met someone else's change and the officer has not chosen yet."""
        return bool(self._waiting_conflicts())

    def _waiting_conflicts(
        self,
    ) -> dict[tuple[int | None, frozenset[tuple[str, str]]], tuple[EditConflict, Callable[[], Any]]]:
        """The questions waiting, by report and keys (the report's: "mine" is made again there only)."""
        waiting = self.__dict__.get("_conflicts")
        if waiting is None:
            waiting = self.__dict__["_conflicts"] = {}
        return waiting  # type: ignore[no-any-return]

    def put_conflict(self, conflict: EditConflict, redo: Callable[[], Any]) -> None:
        """Ask the officer about ``conflict`` once they stop typing (see :meth:`settle`). Typing on in
        the same place meets the same conflict: the question then offers the latest value."""
        waiting = self._waiting_conflicts()
        keys = (self.report_id, frozenset((c.kind, c.key) for c in conflict.conflicts))
        first = not waiting and not self._settling
        if keys not in waiting:
            c = conflict.conflicts[0]
            self.view.show_message(CONFLICT_NOTICE.format(label=c.label, who=c.author or "另一位填报人"))
        waiting.pop(keys, None)
        waiting[keys] = (conflict, redo)
        if first:
            self.view.when_typing_pauses(self.settle)

    def settle(self) -> None:
        """Someone else changed what the officer edited: for each such edit, show whose value is
        there and let the officer choose; the report is reloaded, and each "mine" is made again over
        theirs, in the order they were typed. Called before the window leaves the report, too: a
        question is never asked about a report no longer shown (nor "mine" made in another one)."""
        waiting = self._waiting_conflicts()
        if not waiting:
            return
        again: list[Callable[[], Any]] = []
        self._settling = True
        try:
            while waiting:
                keys = next(iter(waiting))
                conflict, redo = waiting.pop(keys)
                if keys[0] != self.report_id or self.session is None:
                    continue  # the report was closed (moved to the bin, restored over): nothing to write
                if any([self.view.choose_conflict(c, conflict.base) for c in conflict.conflicts]):
                    again.append(redo)
        finally:
            self._settling = False
        self.reload_report()
        for redo in again:
            redo()

    def open_asked(self, report_id: int) -> None:
        """The officer asked to open a report (start page, 汇总 page): when the database cannot be
        reached, or refuses, the window says so in Chinese and stays where it is."""
        try:
            self.open_report(report_id)  # type: ignore[attr-defined]
        except ServerUnreachable as e:
            what, todo = unreachable_said(e, self.journal().count(e.location))
            self.view.show_error(f"没有打开这份报告。{what}\n\n{todo}")
        except StoreError as e:
            self.view.show_error(f"没有打开这份报告：{e}")

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

    def resend(self, asking: bool = False) -> None:
        """Send the journal's edits (the view calls this every few seconds while offline; the app
        once at start, for edits kept from last time). An edit that meets someone else's change is
        put to the officer once they stop typing (``asking``); the edits after it wait till then."""
        if self.store.engine != "postgresql" or (self._resend_asks and not asking):
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
            if not asking:
                self._resend_asks = True
                self.view.when_typing_pauses(self._resend_asking)
                return
            for c in result.conflict.conflicts:
                if self.view.choose_conflict(c, result.conflict.base):
                    journal.overrule(result.entry.id, c.key, c.theirs)
                else:
                    journal.drop_key(self.store.location, result.entry.report_id, c.kind, c.key)
        self._link_changed(True, 0)
        self.reload_report()

    def _resend_asking(self) -> None:
        self._resend_asks = False
        self.resend(asking=True)

    # -- connecting -----------------------------------------------------------------------------

    def connect_shared(self, url: str, offer_copy: Callable[[Store, Store], bool] | None = None) -> bool:
        """Switch the window to the shared database at ``url``; the desk's own file is offered to be
        copied in first (``offer_copy(desk, shared)`` asks and copies). False when it could not connect."""
        try:
            shared = Store.open(url, form=self.store.form)
        except StoreError as e:
            self.view.show_error(f"没有连接：{e}")
            return False
        self.settle()  # a question still waiting is asked while its report is shown
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
