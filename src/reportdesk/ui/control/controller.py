"""What the officer's actions mean: the controller gets the window (its view) passed in.

No Qt here (Mu's ``logic.Editor(view)``): the view reports actions by calling these methods and is
told what to show. The store is the only way to the database; every edit goes through the
:class:`~reportdesk.ui.control.session.Session`, which saves it before anything is shown as done.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reportdesk.files import OutputError
from reportdesk.form import Form
from reportdesk.hidden import hidden_message, remove_hidden
from reportdesk.report import write_report
from reportdesk.store import EditConflict, Store, StoreError
from reportdesk.ui.aggregate.actions import AGGREGATE, AggregateActions
from reportdesk.ui.control.database import DatabaseActions
from reportdesk.ui.control.importing import ImportActions
from reportdesk.ui.control.session import Session, Update, finding_section, same_value
from reportdesk.ui.control.sharing import SharingActions, store_tag
from reportdesk.ui.control.start import StartActions
from reportdesk.values import display, parse_input

if TYPE_CHECKING:
    from reportdesk.checks import Finding
    from reportdesk.ui.table.paste import PastePlan

START = "start"


class Settings(Protocol):
    """Where the window keeps what it remembers (QSettings in the app, a dict in tests)."""

    def value(self, key: str, default: Any = None) -> Any: ...

    def setValue(self, key: str, value: Any) -> None: ...


class Controller(StartActions, AggregateActions, DatabaseActions, SharingActions, ImportActions):
    def __init__(self, view: Any, store: Store, form: Form, settings: Settings) -> None:
        self.view = view
        self.store = store
        self.form = form
        self.settings = settings
        self.session: Session | None = None
        self.report_id: int | None = None
        self.page = START
        self._grids: dict[str, Any] = {}
        self.survey = None  # the 汇总 page's last survey

    # -- start ---------------------------------------------------------------------------------

    def _key(self, name: str) -> str:
        # Report ids belong to one database: remember places per database file.
        return f"db-{store_tag(self.store)}/{name}"

    def start(self) -> None:
        """Show the start page, or the report and page the officer was on last time."""
        last = str(self.settings.value(self._key("last_report")) or "")
        live = {r.id for b in self.store.list_bodies() for r in b.reports}  # not those in the bin
        if last.isdigit() and int(last) in live:
            # The window shows the report at once; its checks follow right after it has painted.
            self.open_report(int(last), restore_place=True, check_later=True)
            return
        self.show_start()

    def show_start(self) -> None:
        self.page = START
        self.view.show_start(self.store.list_bodies(), self.recent(), self.store.location)
        self.view.show_page(START)

    def open_report(self, report_id: int, restore_place: bool = False, check_later: bool = False) -> None:
        """Open a report on its first section (or where the officer left it); ``check_later``: show
        it first and run its checks once the window has painted (the window's start)."""
        self.settle()  # a question still waiting about the report shown is asked before it goes
        report = self.store.load(report_id)
        previous = self.store.previous_of(report_id)
        info = self.store.info(report_id)
        carried = {k: previous.text(k) for k in info.unrevised} if previous is not None else {}
        self.report_id = report_id
        self.session = Session(
            self.form, report, self.saver_for(report_id), previous, carried, checked=not check_later
        )
        self._remember_open(report_id)
        self.view.show_report(self.session)
        self.show_marks(everything=True)  # imported figures still to be checked
        if check_later:
            self.view.after_first_paint(self.check_now)
        else:
            self._refresh(Update(findings_changed=True), everything=True)
        page = START
        key = None
        if restore_place:
            page = str(self.settings.value(self._key(f"report/{report_id}/page")) or "s1")
            key = self.settings.value(self._key(f"report/{report_id}/key"))
        self.go(page if page != START else self.form.sections[0].key, key)

    def check_now(self) -> None:
        """Run the checks of a report shown before they were run (nothing to do if they were)."""
        if self.session is not None and not self.session.checked:
            self._refresh(self.session.rerun(), everything=True)

    # -- pages ---------------------------------------------------------------------------------

    def go(self, page: str, key: str | None = None) -> None:
        """Show a page (a section key, START or AGGREGATE), optionally placing the cursor on a cell or text."""
        if page == START:
            self.show_start()
            return
        if page == AGGREGATE:
            self.show_aggregate()
            return
        if self.session is None:
            return
        self.page = page
        self.view.show_page(page)
        if key:
            self.view.focus_key(page, key)
        self._remember_place(page, key)

    def _remember_place(self, page: str, key: str | None) -> None:
        if self.report_id is not None:
            self.settings.setValue(self._key(f"report/{self.report_id}/page"), page)
            self.settings.setValue(self._key(f"report/{self.report_id}/key"), key)

    def place_changed(self, key: str | None) -> None:
        """The cursor moved to another cell or text (remembered for reopening)."""
        if self.page != START and key:
            self._remember_place(self.page, key)

    def step(self, delta: int) -> None:
        """Previous/next section (the start page comes before 一)."""
        pages = [START, *(s.key for s in self.form.sections)]
        # From a page outside the walk (汇总) the walk starts again at the start page.
        i = (pages.index(self.page) if self.page in pages else 0) + delta
        if 0 <= i < len(pages) and (pages[i] == START or self.session is not None):
            self.go(pages[i])

    def go_to_finding(self, f: Finding) -> None:
        keys = (*f.texts, *f.cells)
        section = finding_section(self.form, f)
        if section is None:
            return
        self.go(section, keys[0] if keys else None)

    def next_finding(self) -> Finding | None:
        """The next open finding after the current page, round the report (F8)."""
        if self.session is None:
            return None
        open_findings = self.session.open_findings()
        if not open_findings:
            self.view.show_message("没有待处理的问题。")
            return None
        order = [s.key for s in self.form.sections]
        here = order.index(self.page) if self.page in order else -1
        ranked = sorted(
            open_findings,
            key=lambda f: (
                (order.index(finding_section(self.form, f) or order[0]) - here - 1) % len(order),
                f.level != "error",
            ),
        )
        self.go_to_finding(ranked[0])
        self.view.select_finding(ranked[0])
        return ranked[0]

    # -- edits ---------------------------------------------------------------------------------

    def _run(self, edit: Callable[[Session], Update]) -> Update | None:
        if self.session is None:
            return None
        try:
            update = edit(self.session)
        except EditConflict as e:
            self.put_conflict(e, lambda: self._run(edit))
            return None
        except StoreError as e:
            # A database opened read-only will not take it later either: no "try again".
            self.view.show_save_error(f"这次修改没有保存：{e}", retry=not self.store.read_only)
            return None
        self._refresh(update)
        return update

    def commit_cell(self, key: str, text: str) -> str | None:
        """A value typed into a cell: saved when valid; else the reason it is refused."""
        cell = self.form.cells[key]
        parsed = parse_input(text, cell.kind)
        if not parsed.ok:
            return parsed.error
        if self.session is not None and same_value(self.session.report.cells.get(key), parsed.value):
            self.confirm_unsure((key,))  # an imported figure typed again as it is: checked
            return None
        self._run(lambda s: s.edit_cell(key, parsed.value))  # typed over: its mark goes too
        return None  # saved, or waiting for the officer's choice (asked once typing stops)

    def paste(self, table: str, row: int, column: int, text: str) -> PastePlan:
        from reportdesk.ui.table.paste import plan_paste

        plan = plan_paste(self.form, self.view.grid(table), row, column, text)
        if plan.error:
            self.view.show_paste_refused(table, plan.error)
            return plan
        update = self._run(lambda s: s.edit_cells(plan.values))
        if update is None or self.session is None:
            return plan
        self.session.seal()
        cells = self.session.report.cells
        differ = [k for k, v in plan.totals.items() if v is not None and not same_value(cells.get(k), v)]
        message = f"已粘贴 {plan.rows} 行 × {plan.columns} 列。"
        if differ:
            message += f"注意：粘贴内容中有 {len(differ)} 个总计与程序按各项计算的结果不同，请核对原表（总计以计算结果为准）。"
        self.view.show_message(message)
        return plan

    def clear_cells(self, keys: list[str]) -> None:
        inputs = [k for k in keys if k in self.form.cells and not self.form.cells[k].computed]
        if inputs:
            self._run(lambda s: s.edit_cells(dict.fromkeys(inputs)))
            if self.session is not None:
                self.session.seal()

    def copy_cells(self, table: str, keys: list[str]) -> str:
        if self.session is None or not keys:
            return ""
        from reportdesk.ui.table.paste import copy_block

        text = copy_block(self.view.grid(table), dict(self.session.report.cells), keys)
        self.view.set_clipboard(text)
        return text

    def edit_text(self, key: str, text: str) -> None:
        """Text typed or pasted into a part: hidden characters (a right-to-left override, a
        zero-width space …) are taken out at once, and the officer is told."""
        visible, hidden = remove_hidden(text)
        self._run(lambda s: s.edit_text(key, visible))
        if hidden:
            self._refresh(Update(texts=frozenset({key})))  # the editor shows what was kept
            where = self.form.parts[key].heading if key in self.form.parts else "开头段落"
            self.view.show_message(hidden_message(where, hidden))

    def keep_text(self, key: str) -> None:
        """The officer keeps last year's text of a part as it is (no longer marked untouched)."""
        if self.session is None or self.report_id is None:
            return
        try:
            self.store.mark_revised(self.report_id, key)
        except StoreError as e:
            self.view.show_error(str(e))
            return
        self.session.carried.pop(key, None)
        self._refresh(Update(texts=frozenset({key})))

    def explain(self, key: str, reason: str | None) -> None:
        """A reason given to one finding (its id), or withdrawn (``None``)."""
        reason, hidden = remove_hidden(reason or "")
        update = self._run(lambda s: s.explain(key, reason or None))
        if update is not None and update.explanations:
            done = "已接受提醒，理由已保存。" if reason else "已撤销说明。"
            self.view.show_message(hidden_message("理由", hidden) + done if hidden else done)

    def explain_many(self, reasons: dict[str, str | None]) -> None:
        """One reason given to several findings shown now ("apply to the N others"): one key each."""
        visible = {k: remove_hidden(r)[0] if r else None for k, r in reasons.items()}
        update = self._run(lambda s: s.explain_many(visible))
        if update is not None and update.explanations:
            self.view.show_message(f"已用同一理由接受 {len(update.explanations)} 条提醒，每条各自保存。")

    def seal(self) -> None:
        if self.session is not None:
            self.session.seal()

    def undo(self) -> None:
        self._run(lambda s: s.undo())

    def redo(self) -> None:
        self._run(lambda s: s.redo())

    # -- history -------------------------------------------------------------------------------

    def history(self) -> list[Any]:
        if self.report_id is None:
            return []
        return list(reversed(self.store.history(self.report_id)))

    def restore(self, rev: int) -> None:
        if self.report_id is None or self.session is None:
            return
        try:
            self.store.restore(self.report_id, rev)
        except StoreError as e:
            self.view.show_error(str(e))
            return
        update = self.session.replace_report(self.store.load(self.report_id))
        self._refresh(update, everything=True)
        self.view.show_message(f"已恢复到第 {rev} 版（恢复本身也记入历史，可再恢复回去）。")

    def finalize(self, name: str) -> None:
        if self.report_id is None or not name.strip():
            return
        try:
            final = self.store.finalize(self.report_id, name.strip())
        except StoreError as e:
            self.view.show_error(str(e))
            return
        self.view.show_message(f"已把第 {final.rev} 版记为定稿“{final.name}”。")
        if self.session is not None:
            self.view.show_report_agency(self.session.report)

    def finals(self) -> tuple[str, ...]:
        """The 定稿 names of the open report."""
        return self.store.info(self.report_id).finals if self.report_id is not None else ()

    def export_json(self, path: str) -> None:
        if self.session is None:
            return
        try:
            write_report(self.session.report, self.form, Path(path))
        except OutputError as e:
            self.view.show_error(str(e))
            return
        self.view.show_message(f"已导出到 {path}")

    # -- showing -------------------------------------------------------------------------------

    def _refresh(self, update: Update, everything: bool = False) -> None:
        s = self.session
        if s is None:
            return
        self.view.refresh(s, update, everything)
        if everything or update.cells or update.unsure:
            self.show_marks()
        if update.saved_at:
            self.view.show_saved(update.saved_at)
        self.view.set_undo_state(s.can_undo, s.can_redo)

    def previous_value(self, key: str) -> str | None:
        if self.session is None or self.session.previous is None:
            return None
        return display(self.session.previous.cells.get(key))
