"""``reportdesk db …`` as scripts use it: ids and ``ok`` on stdout, one Chinese line on failure."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from reportdesk.cli import main
from reportdesk.store import Store

from .conftest import DATA, new_pg_database
from .pg_server import ADMIN_PASSWORD, PgServer, free_port

HZ23 = DATA / "hongze-district-gov-2023.json"
HZ24 = DATA / "hongze-district-gov-2024.json"
SEED = DATA / "seed-donghu-zwfw-2023.json"


@pytest.fixture
def db(location: Path | str, monkeypatch: pytest.MonkeyPatch) -> Path | str:
    """The database of a test, on each engine (the same commands, the same output)."""
    monkeypatch.delenv("REPORTDESK_DB", raising=False)
    return location


@pytest.fixture
def db_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database file, for what only a file has (backups of the file, damage)."""
    monkeypatch.delenv("REPORTDESK_DB", raising=False)
    return tmp_path / "drafts.db"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def db_run(capsys: pytest.CaptureFixture[str], db: Path | str, *args: object) -> tuple[int, str, str]:
    return run(capsys, "db", *args, "--db", db)


def test_import_list_export_round_trip(
    capsys: pytest.CaptureFixture[str], db: Path | str, tmp_path: Path
) -> None:
    assert db_run(capsys, db, "import", HZ23)[:2] == (0, "1\n")
    assert db_run(capsys, db, "import", SEED)[:2] == (0, "2\n")
    code, out, _ = db_run(capsys, db, "list", "--json")
    assert code == 0
    listing = json.loads(out)
    assert [(b["name"], [(r["id"], r["year"], r["rev"]) for r in b["reports"]]) for b in listing] == [
        ("政务服务和大数据管理局", [(2, 2023, 1)]),
        ("淮安市洪泽区人民政府", [(1, 2023, 1)]),
    ]
    code, out, _ = db_run(capsys, db, "list")
    assert code == 0 and "报告 1  2023 年  第 1 版" in out
    out_file = tmp_path / "out.json"
    assert db_run(capsys, db, "export", 1, "-o", out_file)[0] == 0
    assert out_file.read_text(encoding="utf-8") == HZ23.read_text(encoding="utf-8")
    code, _, err = db_run(capsys, db, "import", HZ23)
    assert code == 2 and "已在数据库中（编号 1）" in err and err.count("\n") == 1


def test_set_says_what_it_saved_and_refuses_bad_values(
    capsys: pytest.CaptureFixture[str], db: Path | str
) -> None:
    db_run(capsys, db, "import", HZ23)
    # Each prints what it changed, in words, and the revision it made.
    said = [
        db_run(capsys, db, "set", 1, "t3.new.natural", "１，２３４")[:2],
        db_run(capsys, db, "set", 1, "t2.fees.amount", "12.50 万元")[:2],
        db_run(capsys, db, "set", 1, "s6", "2023年未收取信息处理费。")[:2],
        db_run(capsys, db, "set", 1, "explanations.COPY@s1.platform", "与上年同类工作")[:2],
        db_run(capsys, db, "set", 1, "agency.website", "http://www.hongze.gov.cn/")[:2],
    ]
    assert [code for code, _ in said] == [0] * 5
    assert (
        said[0][1].startswith("已保存为第 ") and "「一、本年新收政府信息公开申请数量」自然人：" in said[0][1]
    )
    assert "→ 1234" in said[0][1] and "总计" in said[0][1]  # the total that followed, too
    assert "本年收费金额" in said[1][1] and "12.50" in said[1][1]
    assert "六、其他需要报告的事项" in said[2][1]
    assert "的说明" in said[3][1] and "与上年同类工作" in said[3][1]
    assert "网站" in said[4][1] and "hongze" in said[4][1]
    assert db_run(capsys, db, "set", 1, "t3.new.natural", "1234")[:2] == (0, "没有改动：已经是这个值\n")
    with Store.open(db) as store:
        report = store.load(1)
        rev = store.info(1).rev
    assert report.cells["t3.new.natural"] == 1234 and report.cells["t3.new.total"] == 1234
    assert str(report.cells["t2.fees.amount"]) == "12.50"
    assert report.texts["s6"] == "2023年未收取信息处理费。"
    assert report.explanations["COPY@s1.platform"] == "与上年同类工作"
    assert report.agency.website == "http://www.hongze.gov.cn/"
    for key, value, message in [
        ("t3.new.natural", "12.5", "表三「一、本年新收政府信息公开申请数量」自然人：“12.5”带有小数"),
        ("t3.new.natural", "-3", "是负数"),
        ("t2.fees.amount", "500元", "以万元为单位"),
        ("t9.x", "1", "没有名为 t9.x 的单元格或文字部分"),
        ("explanations.T3-ROW", "x", "是错误，必须改正"),
        ("explanations.COPY", "x", "说明要对应具体的一条提醒"),
        ("agency.kind", "bureau", "机关类型 'bureau' 无效"),
    ]:
        code, out, err = db_run(capsys, db, "set", 1, key, value)
        assert (code, out) == (2, ""), key
        assert message in err and err.count("\n") == 1, err
    with Store.open(db) as store:
        assert store.info(1).rev == rev  # nothing was saved


def test_rollover_history_restore_final(capsys: pytest.CaptureFixture[str], db: Path | str) -> None:
    db_run(capsys, db, "import", HZ23)
    db_run(capsys, db, "set", 1, "t3.new.natural", "30")
    assert db_run(capsys, db, "rollover", 1, "--to-year", 2024)[:2] == (0, "2\n")
    code, _, err = db_run(capsys, db, "rollover", 1, "--to-year", 2026)
    assert code == 2 and "只能从 2023 年的报告结转到下一年度" in err
    code, out, _ = db_run(capsys, db, "history", 1, "--json")
    history = json.loads(out)
    assert code == 0 and [h["rev"] for h in history] == [1, 2]
    assert all(isinstance(h["rev"], int) and h["time"] for h in history)
    assert history[1]["changes"][0] == {
        "kind": "cell",
        "key": "t3.new.natural",
        "label": "表三「一、本年新收政府信息公开申请数量」自然人",
        "old": 21,
        "new": 30,
    }
    code, out, _ = db_run(capsys, db, "history", 1)
    assert code == 0 and "第 2 版" in out and "自然人：21 → 30" in out
    code, out, _ = db_run(capsys, db, "restore", 1, "--to", 1)
    assert code == 0 and "已恢复为第 1 版的内容（记为第 3 版" in out
    code, _, err = db_run(capsys, db, "restore", 1, "--to", 7)
    assert code == 2 and "没有第 7 版" in err
    code, out, _ = db_run(capsys, db, "final", 1, "--name", "送审稿")
    assert code == 0 and "已定稿“送审稿”：报告 1 第 3 版" in out
    assert json.loads(db_run(capsys, db, "history", 1, "--json")[1])[2]["finals"] == ["送审稿"]
    with Store.open(db) as store:
        assert store.load(2).cells["t3.carried_in.total"] == 0


def test_db_check_is_check_with_last_year_from_the_store(
    capsys: pytest.CaptureFixture[str], db: Path | str, tmp_path: Path
) -> None:
    db_run(capsys, db, "import", HZ23)
    db_run(capsys, db, "import", HZ24)
    db_run(capsys, db, "set", 2, "t3.carried_in.natural", "3")  # breaks 二 = last year's 四
    db_run(capsys, db, "export", 2, "-o", tmp_path / "hz24.json")
    for extra in ((), ("--json",)):
        expected = run(capsys, "check", tmp_path / "hz24.json", "--previous", HZ23, *extra)
        got = db_run(capsys, db, "check", 2, *extra)
        assert got[:2] == expected[:2]
        assert "X-CARRY" in got[1]
    # Without last year in the store, the cross-year rules are skipped and the officer is told.
    code, out, err = db_run(capsys, db, "check", 1)
    assert (code, out) == run(capsys, "check", HZ23)[:2]
    assert "没有该机关 2022 年的报告" in err


def test_backup_restore_backup_bin(capsys: pytest.CaptureFixture[str], db_file: Path, tmp_path: Path) -> None:
    db = db_file
    db_run(capsys, db, "import", HZ23)
    saved = tmp_path / "saved.db"
    assert db_run(capsys, db, "backup", saved)[0] == 0 and saved.exists()
    db_run(capsys, db, "set", 1, "t3.new.natural", "77")
    code, out, _ = db_run(capsys, db, "restore-backup", saved)
    assert code == 0 and "恢复前的数据库已备份为" in out
    with Store.open(db) as store:
        assert store.load(1).cells["t3.new.natural"] == 21
    assert db_run(capsys, db, "delete", 1)[0] == 0
    code, out, _ = db_run(capsys, db, "bin", "--json")
    assert code == 0 and [e["id"] for e in json.loads(out)] == [1]
    code, _, err = db_run(capsys, db, "set", 1, "s6", "x")
    assert code == 2 and "在回收站中" in err
    assert db_run(capsys, db, "undelete", 1)[0] == 0
    assert json.loads(db_run(capsys, db, "bin", "--json")[1]) == []


def test_damaged_database_one_line_and_untouched(capsys: pytest.CaptureFixture[str], db_file: Path) -> None:
    db = db_file
    db.write_bytes(b"\x00" * 5000)
    code, out, err = db_run(capsys, db, "list")
    assert (code, out) == (2, "")
    assert "已损坏" in err and "没有改动这个文件" in err and err.count("\n") == 1
    assert db.read_bytes() == b"\x00" * 5000


def test_db_option_before_env(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_db, given_db = tmp_path / "env.db", tmp_path / "given.db"
    monkeypatch.setenv("REPORTDESK_DB", str(env_db))
    assert run(capsys, "db", "import", HZ23)[1] == "1\n"
    assert run(capsys, "db", "import", SEED, "--db", given_db)[1] == "1\n"
    assert run(capsys, "db", "--db", given_db, "import", HZ23)[1] == "2\n"
    with Store.open(env_db) as store:
        assert [b.body.name for b in store.list_bodies()] == ["淮安市洪泽区人民政府"]
    with Store.open(given_db) as store:
        assert len(store.list_bodies()) == 2


def test_a_shared_database_is_named_by_its_address_in_the_option_or_the_environment(
    capsys: pytest.CaptureFixture[str], pg_server: PgServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_url, given_url = new_pg_database(pg_server), new_pg_database(pg_server)
    monkeypatch.setenv("REPORTDESK_DB", env_url)
    assert run(capsys, "db", "import", HZ23)[1] == "1\n"
    assert run(capsys, "--db", given_url, "db", "import", SEED)[1] == "1\n"
    with Store.open(env_url) as store:
        assert [b.body.name for b in store.list_bodies()] == ["淮安市洪泽区人民政府"]
    with Store.open(given_url) as store:
        assert [b.body.name for b in store.list_bodies()] == ["政务服务和大数据管理局"]
    code, _, err = run(capsys, "db", "restore-backup", "some.db")
    assert code == 2 and "共享数据库" in err and "db copy" in err
    assert ADMIN_PASSWORD not in err  # the address is shown without its password


def test_a_server_that_cannot_be_reached_is_said_at_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REPORTDESK_DB", raising=False)
    url = f"postgresql://someone:secret@127.0.0.1:{free_port()}/county"
    started = time.monotonic()
    code, out, err = run(capsys, "db", "list", "--db", url)
    assert time.monotonic() - started < 5
    assert (code, out) == (2, "")
    assert "连接不上共享数据库" in err and "secret" not in err and err.count("\n") == 1
