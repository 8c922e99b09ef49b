"""The window on a shared database: an officer sees only their body; a figure someone else changed
is put to the officer; the link lost mid-typing is said at once and nothing typed is lost."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from reportdesk.cli import main
from reportdesk.store import NotFound, ServerUnreachable, Store
from reportdesk.store.server import CONNECT_TIMEOUT
from reportdesk.ui.app import build, make_app
from reportdesk.ui.dialogs.conflict import ARMED_AFTER_S

from .conftest import load_data, new_pg_database
from .pg_proxy import Relay
from .pg_server import PgServer
from .ui_support import close_window, open_window, table_view, type_into_cell

BODIES = ["洪泽区交通运输局", "洪泽区财政局,cz_li", "洪泽区财政局,cz_wang"]


@pytest.fixture
def county(pg_server: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    url = new_pg_database(pg_server)
    database = url.rsplit("/", 1)[1]
    names = tmp_path / "list.txt"
    names.write_text("\n".join(BODIES) + "\n", encoding="utf-8")
    table = tmp_path / "accounts.csv"
    assert (
        main(
            [
                "admin",
                "--db",
                url,
                "--government",
                "淮安市洪泽区人民政府",
                "--bodies",
                str(names),
                "-o",
                str(table),
            ]
        )
        == 0
    )
    capsys.readouterr()
    rows = [line.split(",") for line in table.read_text(encoding="utf-8-sig").splitlines()[1:]]
    transport_role, transport_password = rows[1][1], rows[1][3]
    with pg_server.admin(database) as conn:
        conn.execute("ALTER ROLE cz_li PASSWORD 'li'")
        conn.execute("ALTER ROLE cz_wang PASSWORD 'wang'")
    reports = {}
    with Store.open(url) as store:
        for b in store.list_bodies():
            if b.body.kind != "government":
                reports[b.body.name] = store.import_report(
                    load_data("hongze-district-gov-2023"), body_id=b.body.id
                )
    return {
        "transport": pg_server.url(database, transport_role, transport_password),
        "li": pg_server.url(database, "cz_li", "li"),
        "wang": pg_server.url(database, "cz_wang", "wang"),
        "reports": reports,
        "admin": url,
        "port": pg_server.port,
    }


def test_the_window_of_an_officer_shows_and_opens_only_their_body(
    qtbot: QtBot, tmp_path: Path, county: dict[str, Any]
) -> None:
    window, c = open_window(qtbot, tmp_path, county["transport"])
    try:
        assert [b.body.name for b in c.store.list_bodies()] == ["洪泽区交通运输局"]
        with pytest.raises(NotFound):
            c.open_report(county["reports"]["洪泽区财政局"])
        c.open_report(county["reports"]["洪泽区交通运输局"])
        assert c.commit_cell("t3.new.natural", "33") is None
        assert not window.save_error.isVisible()
    finally:
        close_window(window, c)
    with Store.open(county["admin"]) as store:
        assert store.load(county["reports"]["洪泽区交通运输局"]).cells["t3.new.natural"] == 33
        assert store.load(county["reports"]["洪泽区财政局"]).cells["t3.new.natural"] == 21


CELL = "t3.new.natural"


def _two_officers(qtbot: QtBot, tmp_path: Path, county: dict[str, Any]) -> tuple[Any, ...]:
    """Li and Wang of one body, their windows on one report; Li has just changed CELL to 40 and Wang
    has the cursor on it, still showing the 21 that was there."""
    report_id = county["reports"]["洪泽区财政局"]
    (tmp_path / "li").mkdir()
    (tmp_path / "wang").mkdir()
    li_window, li = open_window(qtbot, tmp_path / "li", county["li"])
    wang_window, wang = open_window(qtbot, tmp_path / "wang", county["wang"])
    li.open_report(report_id)
    wang.open_report(report_id)
    li.commit_cell(CELL, "40")
    wang.go("s3", CELL)
    return report_id, li_window, li, wang_window, wang, table_view(wang_window, "s3")


def _stored(county: dict[str, Any], report_id: int, *keys: str) -> list[Any]:
    with Store.open(county["admin"]) as store:
        report = store.load(report_id)
    return [report.cells[k] for k in keys]


@pytest.mark.parametrize("keep_mine", [False, True])
def test_a_conflict_met_mid_typing_is_asked_once_typing_stops_and_no_key_is_lost(
    qtbot: QtBot, tmp_path: Path, county: dict[str, Any], keep_mine: bool
) -> None:
    report_id, li_window, li, wang_window, wang, view = _two_officers(qtbot, tmp_path, county)
    asked: list[Any] = []
    wang_window.choose_conflict = lambda conflict, base: asked.append((conflict, base)) or keep_mine  # type: ignore[method-assign]
    try:
        qtbot.keyClick(view, "5")  # the first key meets Li's 40 …
        editor = QApplication.focusWidget()
        qtbot.keyClicks(editor, "0")  # … the rest of the number still goes into the cell
        qtbot.keyClick(editor, Qt.Key.Key_Tab)  # and Tab moves on, as always
        following = view.current_key()
        assert following is not None and following != CELL
        type_into_cell(qtbot, view, "7")  # the next cell, typed straight on, is saved as usual
        assert not asked  # nothing asked while typing
        assert _stored(county, report_id, CELL, following) == [40, 7]
        qtbot.waitUntil(lambda: bool(asked), timeout=10000)  # asked once typing stopped
        ((conflict, base),) = asked
        assert (conflict.theirs, conflict.mine, base) == (40, 50, 1)  # the number as typed, whole
        assert conflict.author == "洪泽区财政局（cz_li）"
        expected = 50 if keep_mine else 40
        assert wang.session.report.cells[CELL] == expected  # the window shows what the server has
        assert wang.session.report.cells[following] == 7
        assert _stored(county, report_id, CELL, following) == [expected, 7]
        with Store.open(county["admin"]) as store:
            authors = [(r.author, r.changes[0].key) for r in store.history(report_id)[1:]]
        assert authors == [
            ("洪泽区财政局（cz_li）", CELL),
            ("洪泽区财政局（cz_wang）", following),
            *([("洪泽区财政局（cz_wang）", CELL)] if keep_mine else []),
        ]
    finally:
        close_window(li_window, li)
        close_window(wang_window, wang)


def test_keys_typed_as_the_question_appears_go_to_the_page_and_answer_nothing(
    qtbot: QtBot, tmp_path: Path, county: dict[str, Any]
) -> None:
    """A fast typist going on just as the question appears: Enter would have kept the other's figure
    for them, the digit would have been lost. Both are given back to the table once the officer has
    answered with a click."""
    report_id, li_window, li, wang_window, wang, view = _two_officers(qtbot, tmp_path, county)
    seen: list[str] = []

    def officer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or seen:
            return
        seen.append(box.text())
        QTest.keyClick(box, Qt.Key.Key_8)
        QTest.keyClick(box, Qt.Key.Key_Return)
        assert box.isVisible()  # no answer taken from the keys
        mine = next(b for b in box.buttons() if b.text().startswith("改为我的"))
        QTimer.singleShot(int(ARMED_AFTER_S * 1000) + 100, mine.click)

    watcher = QTimer()
    watcher.timeout.connect(officer)
    watcher.start(50)
    try:
        type_into_cell(qtbot, view, "55")
        following = view.current_key()
        qtbot.waitUntil(lambda: _stored(county, report_id, CELL)[0] == 55, timeout=10000)
        assert "改为 40" in seen[0] and "改为 55" in seen[0]
        # The 8 and Enter went to the table: typed into the cell the cursor was on, Enter moved down.
        qtbot.waitUntil(lambda: wang.session.report.cells[following] == 8, timeout=5000)
        assert _stored(county, report_id, CELL, following) == [55, 8]
    finally:
        watcher.stop()
        close_window(li_window, li)
        close_window(wang_window, wang)


def test_a_question_still_waiting_is_asked_before_the_window_closes(
    qtbot: QtBot, tmp_path: Path, county: dict[str, Any]
) -> None:
    report_id, li_window, li, wang_window, wang, view = _two_officers(qtbot, tmp_path, county)
    asked: list[Any] = []
    wang_window.choose_conflict = lambda conflict, base: asked.append(conflict) or True  # type: ignore[method-assign]
    try:
        type_into_cell(qtbot, view, "66")
        assert not asked
    finally:
        close_window(wang_window, wang)  # at once, before any pause
        close_window(li_window, li)
    assert [c.mine for c in asked] == [66]
    assert _stored(county, report_id, CELL) == [66]


def test_a_question_still_waiting_is_asked_before_another_report_opens(
    qtbot: QtBot, tmp_path: Path, county: dict[str, Any]
) -> None:
    """Wang meets Li's change, then opens the body's other report at once: the question is about the
    report being left and is asked before it goes; "mine" is written there, never into the other."""
    report_id, li_window, li, wang_window, wang, view = _two_officers(qtbot, tmp_path, county)
    with Store.open(county["admin"]) as store:
        body_id = store.info(report_id).body_id
        other = store.import_report(load_data("hongze-district-gov-2024"), body_id=body_id)
        before = store.load(other).cells[CELL]
    asked: list[Any] = []
    wang_window.choose_conflict = lambda conflict, base: asked.append(wang.report_id) or True  # type: ignore[method-assign]
    try:
        type_into_cell(qtbot, view, "50")
        assert not asked
        wang.open_report(other)
        assert asked == [report_id]  # asked while its own report was still open
        assert wang.report_id == other
        qtbot.wait(2500)  # past the pause: nothing more is asked or written
        assert asked == [report_id]
        assert _stored(county, report_id, CELL) == [50]
        assert _stored(county, other, CELL) == [before]
    finally:
        close_window(li_window, li)
        close_window(wang_window, wang)


def test_the_link_lost_mid_typing_is_said_at_once_and_the_journal_sent_later(
    qtbot: QtBot, tmp_path: Path, county: dict[str, Any]
) -> None:
    relay = Relay(county["port"])
    url = county["transport"].replace(f":{county['port']}/", f":{relay.port}/")
    report_id = county["reports"]["洪泽区交通运输局"]
    window, c = open_window(qtbot, tmp_path, url)
    try:
        c.open_report(report_id)
        c.commit_cell("t3.new.natural", "30")
        relay.cut()
        for value in ("31", "32", "33"):
            c.commit_cell("t3.new.natural", value)
        assert (
            window.link.isVisible()
            and "连接不上共享数据库" in window.link.text()
            and "3 项" in window.link.text()
        )
        assert window.link.timer.isActive()
        assert c.session.report.cells["t3.new.natural"] == 33
        c.resend()  # still cut: nothing lost, still waiting
        assert c.journal().count(c.store.location) == 3
        relay.mend()
        qtbot.waitUntil(lambda: not window.link.isVisible(), timeout=10000)  # the window's own timer sends it
        with Store.open(county["admin"]) as store:
            history = [
                c2.value(c2.new)
                for r in store.history(report_id)[1:]
                for c2 in r.changes
                if c2.key == "t3.new.natural"
            ]
        assert history == [30, 31, 32, 33]
    finally:
        close_window(window, c)
        relay.close()


@pytest.mark.parametrize("keep_mine", [False, True])
def test_a_kept_edit_meeting_someone_elses_change_is_asked_once_typing_stops(
    qtbot: QtBot, tmp_path: Path, county: dict[str, Any], keep_mine: bool
) -> None:
    relay = Relay(county["port"])
    url = county["transport"].replace(f":{county['port']}/", f":{relay.port}/")
    report_id = county["reports"]["洪泽区交通运输局"]
    window, c = open_window(qtbot, tmp_path, url)
    asked: list[Any] = []
    window.choose_conflict = lambda conflict, base: asked.append(conflict) or keep_mine  # type: ignore[method-assign]
    try:
        c.open_report(report_id)
        relay.cut()
        c.commit_cell(CELL, "33")  # kept on this computer
        with Store.open(county["admin"]) as store:  # meanwhile, on the server
            store.set_cell(report_id, CELL, 44)
        relay.mend()
        c.resend()  # the window's timer: the kept 33 meets the 44
        assert not asked  # not put in the middle of typing
        qtbot.waitUntil(lambda: bool(asked), timeout=10000)
        assert [(a.theirs, a.mine) for a in asked] == [(44, 33)]
        expected = 33 if keep_mine else 44
        qtbot.waitUntil(lambda: c.session.report.cells[CELL] == expected, timeout=5000)
        assert c.journal().count(c.store.location) == 0
        assert _stored(county, report_id, CELL) == [expected]
    finally:
        close_window(window, c)
        relay.close()


def _answer_boxes(answers: list[Any], seen: list[tuple[str, str, float]]) -> QTimer:
    """Click the message boxes as they come: each answer is a button's text start, or a callable
    run first and then the button of the text it returns."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible() or not answers:
            return
        seen.append((box.text(), box.informativeText(), time.monotonic()))
        answer = answers.pop(0)
        if callable(answer):
            answer = answer()
        buttons = [b for b in box.buttons() if b.text().startswith(answer)]
        if not buttons:  # not the question expected: closed, so that the test fails instead of waiting
            box.done(0)
            return
        buttons[0].click()

    watcher = QTimer()
    watcher.timeout.connect(click)
    watcher.start(50)
    return watcher


def test_started_with_the_server_down_says_what_and_offers_this_computers_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    make_app()
    closed = Relay(1)
    closed.cut()  # a port nobody listens on
    url = f"postgresql://cz_li:li@127.0.0.1:{closed.port}/county"
    seen: list[tuple[str, str, float]] = []
    watcher = _answer_boxes(["打开本机草稿"], seen)
    started = time.monotonic()
    try:
        built = build(url, tmp_path / "window.ini")
    finally:
        watcher.stop()
    assert built is not None
    window, c = built
    try:
        ((text, todo, when),) = seen
        assert text.startswith(
            f"连接不上共享数据库 postgresql://cz_li@127.0.0.1:{closed.port}/county（服务器拒绝连接）"
        )
        assert ":li@" not in text + todo  # never the password
        assert "本机没有暂存待发送的修改" in todo and "请管理员确认数据库服务器已开机" in todo
        assert str(tmp_path / "data") in todo  # the file it offers
        assert when - started < CONNECT_TIMEOUT
        assert c.store.engine == "sqlite" and str(c.store.location).startswith(str(tmp_path / "data"))
        assert not (tmp_path / "journal.db").exists()  # none made just to look
    finally:
        close_window(window, c)


def test_started_with_the_server_down_tells_of_the_kept_edits_and_retries(
    qtbot: QtBot, tmp_path: Path, county: dict[str, Any]
) -> None:
    relay = Relay(county["port"])
    url = county["transport"].replace(f":{county['port']}/", f":{relay.port}/")
    report_id = county["reports"]["洪泽区交通运输局"]
    window, c = open_window(qtbot, tmp_path, url)
    try:
        c.open_report(report_id)
        relay.cut()
        for key, value in [("t3.new.natural", "1"), ("t3.new.legal", "2"), ("t3.new.commercial", "3")]:
            assert c.commit_cell(key, value) is None
        assert c.journal().count(c.store.location) == 3
    finally:
        close_window(window, c)
    seen: list[tuple[str, str, float]] = []

    def mend() -> str:
        relay.mend()
        return "重试"

    watcher = _answer_boxes(["重试", mend], seen)  # still down; then back
    try:
        built = build(url, tmp_path / "window.ini")
    finally:
        watcher.stop()
    assert built is not None
    window, c = built
    try:
        assert len(seen) == 2
        assert all("本机暂存着 3 项" in todo for _, todo, _ in seen)
        assert c.store.engine == "postgresql"
        assert c.journal().count(c.store.location) == 0  # sent once the window opened
        with Store.open(county["admin"]) as store:
            cells = store.load(report_id).cells
        assert [cells[k] for k in ("t3.new.natural", "t3.new.legal", "t3.new.commercial")] == [1, 2, 3]
    finally:
        close_window(window, c)
        relay.close()


def test_a_report_opened_while_the_server_is_down_is_refused_in_chinese(
    qtbot: QtBot, tmp_path: Path, county: dict[str, Any]
) -> None:
    relay = Relay(county["port"])
    url = county["transport"].replace(f":{county['port']}/", f":{relay.port}/")
    report_id = county["reports"]["洪泽区交通运输局"]
    window, c = open_window(qtbot, tmp_path, url)
    said: list[str] = []
    window.show_error = said.append  # type: ignore[method-assign]
    try:
        c.show_start()
        relay.cut()
        window.start_page.open_report.emit(report_id)  # the officer's click on the report
        ((message,),) = [said]
        assert message.startswith("没有打开这份报告。连接不上共享数据库 postgresql://")
        assert f"127.0.0.1:{relay.port}/" in message and "（连接被中断）" in message
        assert "请管理员确认数据库服务器已开机" in message
        assert c.session is None
        relay.mend()
        window.start_page.open_report.emit(report_id)  # back: it opens
        assert c.report_id == report_id and len(said) == 1
    finally:
        close_window(window, c)
        relay.close()


def test_a_server_that_answers_nothing_is_given_up_after_the_connect_timeout() -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # the handshake completes; no byte ever comes back
    port = silent.getsockname()[1]
    started = time.monotonic()
    try:
        with pytest.raises(ServerUnreachable) as raised:
            Store.open(f"postgresql://cz_li:li@127.0.0.1:{port}/county")
    finally:
        silent.close()
    took = time.monotonic() - started
    assert took < CONNECT_TIMEOUT + 3, took
    assert f"127.0.0.1:{port}/county" in str(raised.value) and ":li@" not in str(raised.value)
