"""The window on a shared database: an officer sees only their body; a figure someone else changed
is put to the officer; the link lost mid-typing is said at once and nothing typed is lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from reportdesk.cli import main
from reportdesk.store import NotFound, Store

from .conftest import load_data, new_pg_database
from .pg_proxy import Relay
from .pg_server import PgServer
from .ui_support import close_window, open_window

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


@pytest.mark.parametrize("keep_mine", [False, True])
def test_two_officers_one_cell_the_second_chooses(
    qtbot: QtBot, tmp_path: Path, county: dict[str, Any], keep_mine: bool
) -> None:
    report_id = county["reports"]["洪泽区财政局"]
    (tmp_path / "li").mkdir()
    (tmp_path / "wang").mkdir()
    li_window, li = open_window(qtbot, tmp_path / "li", county["li"])
    wang_window, wang = open_window(qtbot, tmp_path / "wang", county["wang"])
    asked: list[Any] = []
    wang_window.choose_conflict = lambda conflict, base: asked.append((conflict, base)) or keep_mine  # type: ignore[method-assign]
    try:
        li.open_report(report_id)
        wang.open_report(report_id)
        li.commit_cell("t3.new.natural", "40")
        assert wang.commit_cell("t3.new.natural", "50") is not None  # refused in place until chosen
        assert wang.commit_cell("t3.new.natural", "51") is not None  # and nothing else meanwhile
        qtbot.waitUntil(lambda: bool(asked), timeout=5000)
        ((conflict, base),) = asked
        assert (conflict.theirs, conflict.mine, base) == (40, 50, 1)
        assert conflict.author == "洪泽区财政局（cz_li）"
        expected = 50 if keep_mine else 40
        assert wang.session.report.cells["t3.new.natural"] == expected  # the window shows what the server has
        with Store.open(county["admin"]) as store:
            assert store.load(report_id).cells["t3.new.natural"] == expected
            authors = [r.author for r in store.history(report_id)[1:]]
        assert authors == (
            ["洪泽区财政局（cz_li）", "洪泽区财政局（cz_wang）"] if keep_mine else ["洪泽区财政局（cz_li）"]
        )
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
