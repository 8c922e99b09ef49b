"""The network fails; nothing is lost. An officer types into a report of a shared database; the
link is cut mid-typing (the port refusing, or the server stopped); typing goes on into the local
journal, and when the server is back every acknowledged keystroke reaches it, in order."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reportdesk.form import Form
from reportdesk.store import Edit, Store
from reportdesk.store.journal import Journal
from reportdesk.store.models import CELL
from reportdesk.ui.control.session import Session
from reportdesk.ui.control.shared import OFFLINE_MARK, SharedSaver

from .conftest import load_data, new_pg_database
from .pg_proxy import Relay
from .pg_server import ADMIN, ADMIN_PASSWORD, PgServer

CELLS = ["t3.new.natural", "t3.new.commercial", "t4.review.upheld", "t2.fees.amount"]
TEXTS = ["s1.active", "s6"]
KEYS = 240


def _keystroke(session: Session, n: int) -> tuple[str, Any]:
    """The n-th edit of a person typing: figures into four cells, now and then a sentence."""
    if n % 5 == 4:
        key = TEXTS[n % 2]
        value: Any = f"截至第 {n} 次修改，本部分已改写。"
        session.edit_text(key, value)
    else:
        key = CELLS[n % 4]
        value = n if key != "t2.fees.amount" else None if n % 3 == 0 else n
        session.edit_cell(key, value)
    return key, value


def _typed_in_history(store: Store, report_id: int) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for revision in store.history(report_id)[1:]:
        for change in revision.changes:
            if change.key in CELLS or change.key in TEXTS:
                found.setdefault(change.key, []).append(change.value(change.new))
    return found


class Desk:
    """One officer's window logic against a shared database reached through ``url``."""

    def __init__(self, url: str, report_id: int, form: Form, journal: Path) -> None:
        self.store = Store.open(url)
        self.journal = Journal(journal)
        self.links: list[tuple[bool, int]] = []
        self.saver = SharedSaver(
            self.store, report_id, self.journal, lambda up, n: self.links.append((up, n))
        )
        self.session = Session(form, self.store.load(report_id), self.saver)

    def close(self) -> None:
        self.store.close()
        self.journal.close()


def _run(desk: Desk, cut: Any, mend: Any) -> tuple[dict[str, list[Any]], float]:
    """Type KEYS edits, cutting the link after a third and mending it after two thirds."""
    typed: dict[str, list[Any]] = {}
    first_offline = 0.0
    for n in range(KEYS):
        if n == KEYS // 3:
            cut()
        if n == 2 * KEYS // 3:
            mend()
        started = time.monotonic()
        key, value = _keystroke(desk.session, n)
        if n == KEYS // 3:
            first_offline = time.monotonic() - started
        typed.setdefault(key, []).append(value)
    for _ in range(50):
        if desk.saver.resend().left == 0:
            break
        time.sleep(0.1)
    return typed, first_offline


@pytest.fixture
def county(pg_server: PgServer, form: Form) -> Iterator[tuple[str, int]]:
    url = new_pg_database(pg_server)
    with Store.open(url) as store:
        yield url, store.import_report(load_data("hongze-district-gov-2023"))


def _check(url: str, report_id: int, desk: Desk, typed: dict[str, list[Any]]) -> None:
    assert desk.saver.waiting == 0
    with Store.open(url) as fresh:
        assert fresh.load(report_id) == desk.session.report  # what the window shows is what the server has
        history = _typed_in_history(fresh, report_id)
    for key, values in typed.items():
        # Every keystroke that changed something, in order (typing the same value again records nothing).
        changed = [v for i, v in enumerate(values) if i == 0 or v != values[i - 1]]
        assert history[key][-len(changed) :] == changed, key


def test_the_port_cut_mid_typing_loses_no_acknowledged_keystroke(
    pg_server: PgServer, county: tuple[str, int], form: Form, tmp_path: Path
) -> None:
    url, report_id = county
    relay = Relay(pg_server.port)
    through = url.replace(f":{pg_server.port}/", f":{relay.port}/")
    desk = Desk(through, report_id, form, tmp_path / "journal.db")
    try:
        typed, first_offline = _run(desk, relay.cut, relay.mend)
        assert desk.links[0] == (False, 1), (
            "the window is told at the first edit that could not reach the server"
        )
        assert first_offline < 2.0
        assert any(up for up, _ in desk.links[1:])
        _check(url, report_id, desk, typed)
    finally:
        desk.close()
        relay.close()


def test_the_server_stopped_and_started_again_mid_typing(form: Form, tmp_path: Path) -> None:
    # A crash-stop ("immediate") of a server that does not wait for the disk (fsync or
    # synchronous_commit off) loses commits it had acknowledged: this test caught exactly that with
    # the fast test settings. A real server runs with the defaults, as this one does.
    server = PgServer(durable=True)
    server.start()
    try:
        url = server.create_database("county")
        with Store.open(url) as store:
            report_id = store.import_report(load_data("hongze-district-gov-2023"))
        desk = Desk(url, report_id, form, tmp_path / "journal.db")
        try:
            typed, _ = _run(desk, server.kill, lambda: (server.start(), server.wait_until_up()))
            assert (False, 1) in desk.links
            _check(url, report_id, desk, typed)
        finally:
            desk.close()
    finally:
        server.remove()


def test_an_edit_kept_offline_meets_a_colleagues_change_and_the_officer_chooses(
    pg_server: PgServer, county: tuple[str, int], form: Form, tmp_path: Path
) -> None:
    url, report_id = county
    relay = Relay(pg_server.port)
    desk = Desk(url.replace(f":{pg_server.port}/", f":{relay.port}/"), report_id, form, tmp_path / "j.db")
    colleague = Store.open(pg_server.url(url.rsplit("/", 1)[1], ADMIN, ADMIN_PASSWORD))
    try:
        relay.cut()
        update = desk.session.edit_cell("t3.new.natural", 50)
        assert update.saved_at.endswith(OFFLINE_MARK)
        base = colleague.info(report_id).rev
        colleague.edit(report_id, Edit(CELL, {"t3.new.natural": 60}, {"t3.new.natural": 21}, base))
        relay.mend()
        result = desk.saver.resend()
        assert result.conflict is not None and result.entry is not None
        (conflict,) = result.conflict.conflicts
        assert (conflict.theirs, conflict.mine, conflict.author) == (60, 50, f"{ADMIN}")
        assert desk.saver.waiting == 1  # kept until the officer has chosen
        desk.journal.overrule(result.entry.id, conflict.key, conflict.theirs)  # "keep mine"
        assert desk.saver.resend().left == 0
        assert colleague.load(report_id).cells["t3.new.natural"] == 50
        assert [c.value(c.new) for r in colleague.history(report_id)[-2:] for c in r.changes][::2] == [60, 50]
    finally:
        colleague.close()
        desk.close()
        relay.close()


def test_a_reason_given_offline_reaches_the_server_too(
    pg_server: PgServer, county: tuple[str, int], form: Form, tmp_path: Path
) -> None:
    url, report_id = county
    relay = Relay(pg_server.port)
    desk = Desk(url.replace(f":{pg_server.port}/", f":{relay.port}/"), report_id, form, tmp_path / "j.db")
    key = "YOY-JUMP@t3.new.total"
    try:
        relay.cut()
        assert desk.session.explain(key, "机构改革后统计口径调整").saved_at.endswith(OFFLINE_MARK)
        assert desk.saver.waiting == 1
        relay.mend()
        assert desk.saver.resend().left == 0
        with Store.open(url) as fresh:
            assert fresh.load(report_id).explanations[key] == "机构改革后统计口径调整"
    finally:
        desk.close()
        relay.close()
