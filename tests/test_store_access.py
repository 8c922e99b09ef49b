"""Who may see and change what in a shared database: the server refuses, whatever the client does.

``reportdesk admin`` makes the accounts from a list of bodies; then each officer tries to read and
change another body's report through the store (the window's own code path) and through plain SQL
as that login: refused, and nothing changes. The 政务公开办 reads every body and writes only the
government's report.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from reportdesk.cli import main
from reportdesk.server.admin import read_list
from reportdesk.store import AccessDenied, NotFound, Store, StoreError
from reportdesk.store.access import TABLES

from .conftest import load_data, new_pg_database
from .pg_server import PgServer

GOVERNMENT = "淮安市洪泽区人民政府"
BODIES = ["洪泽区交通运输局", "洪泽区财政局", "洪泽区教育局"]


class County:
    """A shared database set up by ``reportdesk admin``: logins and each body's 2024 report."""

    def __init__(self, server: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.server = server
        self.admin_url = new_pg_database(server)
        self.database = self.admin_url.rsplit("/", 1)[1]
        names = tmp_path / "bodies.txt"
        names.write_text("# 应报机关名单\n" + "\n".join(BODIES) + "\n", encoding="gb18030")
        table = tmp_path / "accounts.csv"
        code = main(
            [
                "admin",
                "--db",
                self.admin_url,
                "--government",
                GOVERNMENT,
                "--bodies",
                str(names),
                "-o",
                str(table),
            ]
        )
        out, err = capsys.readouterr()
        assert code == 0, err
        assert "新建 4 个" in out and "postgresql://账号@127.0.0.1" in out
        rows = [line.split(",") for line in table.read_text(encoding="utf-8-sig").splitlines()[1:]]
        self.passwords = {name: password for name, _role, _what, password in rows}
        self.roles = {name: role for name, role, _what, _password in rows}
        seed = load_data("hongze-district-gov-2024")
        self.reports: dict[str, int] = {}
        self.bodies: dict[str, int] = {}
        with Store.open(self.admin_url) as store:
            for body in store.list_bodies():
                self.bodies[body.body.name] = body.body.id
                self.reports[body.body.name] = store.import_report(seed, body_id=body.body.id)

    def url(self, name: str) -> str:
        return self.server.url(self.database, self.roles[name], self.passwords[name])

    def sql(self, name: str) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.url(name), autocommit=True, options="-c search_path=reportdesk")


@pytest.fixture
def county(pg_server: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> County:
    return County(pg_server, tmp_path, capsys)


def test_an_officer_sees_and_changes_only_their_body_through_the_store(county: County) -> None:
    mine, other = BODIES[0], BODIES[1]
    with Store.open(county.url(mine)) as store:
        assert [b.body.name for b in store.list_bodies()] == [mine]
        with pytest.raises(NotFound):
            store.load(county.reports[other])
        for attempt in (
            lambda: store.set_cell(county.reports[other], "t3.new.natural", 1),
            lambda: store.set_text(county.reports[other], "s6", "改了别人的报告"),
            lambda: store.delete(county.reports[other]),
            lambda: store.rollover(county.reports[other], 2025),
            lambda: store.create_report(store.list_bodies()[0].body.id + 1, 2025),
        ):
            with pytest.raises(StoreError):
                attempt()
        rev = store.set_cell(county.reports[mine], "t3.new.natural", 5)
        assert store.history(county.reports[mine])[-1].rev == rev
        assert store.history(county.reports[mine])[-1].author == f"{mine}（{county.roles[mine]}）"
    with Store.open(county.admin_url) as store:
        assert store.load(county.reports[other]).texts["s6"] != "改了别人的报告"
        assert store.load(county.reports[other]).cells["t3.new.natural"] != 1
        assert store.info(county.reports[other]).deleted is None
        assert len(store.history(county.reports[other])) == 1


def test_plain_sql_as_an_officer_is_refused_too(county: County) -> None:
    mine, other = BODIES[0], BODIES[2]
    theirs = county.reports[other]
    with county.sql(mine) as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM cells WHERE report_id = %s", (theirs,)).fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM changes WHERE report_id = %s", (theirs,)).fetchone() == (0,)
        # Invisible rows cannot be changed: nothing is touched.
        assert conn.execute("UPDATE cells SET value = '999' WHERE report_id = %s", (theirs,)).rowcount == 0
        assert conn.execute("DELETE FROM texts WHERE report_id = %s", (theirs,)).rowcount == 0
        assert conn.execute("UPDATE reports SET deleted = 'x' WHERE id = %s", (theirs,)).rowcount == 0
        refused = [
            ("INSERT INTO cells (report_id, key, pos, value) VALUES (%s, 'x', 1, '1')", (theirs,)),
            (
                "INSERT INTO revisions (report_id, rev, time, action, author) VALUES (%s, 9, 't', 'edit', current_user)",
                (theirs,),
            ),
            (
                "INSERT INTO reports (body_id, year, format, agency, created, updated) "
                "VALUES (%s, 2030, 'f', '{}', 't', 't')",
                (county.bodies[other],),
            ),
            ("INSERT INTO grants (role, body_id, writes) SELECT current_user, id, true FROM bodies", ()),
            ("UPDATE grants SET writes = true", ()),
            ("DELETE FROM revisions", ()),
            ("UPDATE revisions SET note = 'x'", ()),
            ("CREATE TABLE reportdesk.mine (x int)", ()),
            ("ALTER TABLE reports DISABLE ROW LEVEL SECURITY", ()),
        ]
        for statement, params in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement, params)
        # A revision of one's own report signed with another name is refused as well.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO revisions (report_id, rev, time, action, author) VALUES (%s, 99, 't', 'edit', 'someone')",
                (county.reports[mine],),
            )
    with Store.open(county.admin_url) as store:
        assert store.load(theirs) == load_data("hongze-district-gov-2024")


def test_the_office_reads_every_body_and_writes_only_the_government_report(county: County) -> None:
    with Store.open(county.url(GOVERNMENT)) as store:
        assert sorted(b.body.name for b in store.list_bodies()) == sorted([GOVERNMENT, *BODIES])
        for name in BODIES:
            assert store.load(county.reports[name]).year == 2024
            with pytest.raises(AccessDenied, match="无权"):
                store.set_cell(county.reports[name], "t3.new.natural", 1)
        store.set_summed_cells(county.reports[GOVERNMENT], {"t3.new.natural": 30}, "汇总 3 个机关")
        assert store.load(county.reports[GOVERNMENT]).cells["t3.new.natural"] == 30
    with county.sql(GOVERNMENT) as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone() == (4,)
        assert (
            conn.execute(
                "UPDATE cells SET value = '1' WHERE report_id = %s", (county.reports[BODIES[0]],)
            ).rowcount
            == 0
        )


def test_admin_run_again_keeps_accounts_and_adds_new_bodies(
    county: County, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    longer = tmp_path / "longer.txt"
    longer.write_text("\n".join([*BODIES, "洪泽区卫生健康委员会\tzhang_san"]) + "\n", encoding="utf-8")
    assert main(["admin", "--db", county.admin_url, "--government", GOVERNMENT, "--bodies", str(longer)]) == 0
    out = capsys.readouterr().out
    assert "新建 1 个" in out and out.count("已有账号，密码未改") == 4 and "用内网账号登录" in out
    with Store.open(county.url(BODIES[0])) as store:  # the old password still works
        assert len(store.list_bodies()) == 1
    with Store.open(county.url(GOVERNMENT)) as store:
        assert "洪泽区卫生健康委员会" in {b.body.name for b in store.list_bodies()}


def test_every_table_is_covered_by_the_access_rules(county: County) -> None:
    with county.server.admin(county.database) as conn:
        rows = conn.execute(
            "SELECT c.relname, c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'reportdesk' AND c.relkind = 'r'"
        ).fetchall()
    assert {name for name, _ in rows} == set(TABLES)
    assert all(secured for _, secured in rows)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "没有列出任何机关"), ("某局\t123abc\n", "不能用作数据库账号名"), ("\t\n", "没有列出任何机关")],
)
def test_a_bad_list_is_refused_with_the_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreError, match=message):
        read_list(path)


def test_a_wrong_password_is_told_plainly(county: County) -> None:
    url = county.server.url(county.database, county.roles[BODIES[0]], "wrong")
    with pytest.raises(AccessDenied, match="用户名或密码不对"):
        Store.open(url)


def test_admin_with_a_body_dropped_from_the_list_revokes_its_grants_and_keeps_its_reports(
    county: County, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dropped, kept = BODIES[0], BODIES[1]
    shorter = tmp_path / "shorter.txt"
    shorter.write_text("\n".join(BODIES[1:]) + "\n", encoding="utf-8")
    assert (
        main(["admin", "--db", county.admin_url, "--government", GOVERNMENT, "--bodies", str(shorter)]) == 0
    )
    out = capsys.readouterr().out
    assert (
        f"{dropped}：已不在名单上，已收回账号 {county.roles[dropped]}、{county.roles[GOVERNMENT]} 对它的权限；"
        "它的 1 份报告和修改历史仍保留在数据库中，没有删除"
    ) in out
    assert kept + "：" not in out  # nothing said (or done) about a body still listed
    with Store.open(county.url(dropped)) as store:  # the login still works, and reaches nothing
        assert store.list_bodies() == []
        with pytest.raises(NotFound):
            store.load(county.reports[dropped])
    with county.sql(dropped) as conn:
        assert conn.execute("UPDATE cells SET value = '1'").rowcount == 0
    with Store.open(county.url(GOVERNMENT)) as store:
        assert dropped not in {b.body.name for b in store.list_bodies()}
    with Store.open(county.url(kept)) as store:
        assert [b.body.name for b in store.list_bodies()] == [kept]
    with Store.open(county.admin_url) as store:  # the report is still there, whole
        assert store.info(county.reports[dropped]).deleted is None
        assert store.load(county.reports[dropped]).cells == store.load(county.reports[kept]).cells
    # Listed again: the same login and password reach it again; nothing more is revoked.
    again = tmp_path / "again.txt"
    again.write_text("\n".join(BODIES) + "\n", encoding="utf-8")
    assert main(["admin", "--db", county.admin_url, "--government", GOVERNMENT, "--bodies", str(again)]) == 0
    assert "收回" not in capsys.readouterr().out
    with Store.open(county.url(dropped)) as store:
        assert [b.body.name for b in store.list_bodies()] == [dropped]


def test_admin_with_a_login_no_longer_listed_for_its_body_revokes_that_login_only(
    county: County, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = BODIES[1]
    other = f"zs_{county.database}"  # roles are the server's: one no other test makes
    with county.server.admin(county.database) as conn:
        conn.execute(f"CREATE ROLE {other} LOGIN PASSWORD 'zs'")
    both = tmp_path / "both.txt"
    both.write_text(
        "\n".join([BODIES[0], f"{body},{county.roles[body]}", f"{body},{other}", BODIES[2]]) + "\n"
    )
    assert main(["admin", "--db", county.admin_url, "--government", GOVERNMENT, "--bodies", str(both)]) == 0
    assert "收回" not in capsys.readouterr().out
    only = tmp_path / "only.txt"
    only.write_text("\n".join([BODIES[0], f"{body},{other}", BODIES[2]]) + "\n")
    assert main(["admin", "--db", county.admin_url, "--government", GOVERNMENT, "--bodies", str(only)]) == 0
    out = capsys.readouterr().out
    assert f"{body}：账号 {county.roles[body]} 已不在名单上，已收回它对本机关报告的权限" in out
    with Store.open(county.url(body)) as store:
        assert store.list_bodies() == []
    zhang = county.server.url(county.database, other, "zs")
    with Store.open(zhang) as store:
        assert [b.body.name for b in store.list_bodies()] == [body]
    with Store.open(county.url(GOVERNMENT)) as store:  # the office still reads it
        assert body in {b.body.name for b in store.list_bodies()}
