"""``reportdesk db copy``: a file into a shared database and back, nothing lost on the way."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reportdesk.cli import main
from reportdesk.form import load_form
from reportdesk.importers import import_report
from reportdesk.store import Store
from reportdesk.store.models import UNSURE
from reportdesk.store.transfer import BODY_TABLE, CHILD_TABLES, REPORT_TABLE
from reportdesk.unsure import holding, stored_marks

from .conftest import load_data, new_pg_database
from .pg_server import PgServer
from .published_copies import flattened


def _fill(db: Path) -> None:
    """A desk's database with everything a copy must carry: history, reasons, 定稿, the bin, rollover."""
    with Store.open(db) as store:
        first = store.import_report(load_data("hongze-district-gov-2023"))
        store.set_cell(first, "t3.new.natural", 22)
        store.set_text(first, "s6", "本年度未收取任何费用。")
        store.set_explanation(first, "YOY-JUMP@t3.new.total", "机构改革后统计口径调整")
        store.finalize(first, "送审稿")
        second = store.rollover(first, 2024)
        store.set_text(second, "s1.active", "2024 年主动公开信息 1200 条。")
        store.restore(second, 1)
        gone = store.import_report(load_data("seed-donghu-zwfw-2023"))
        store.set_cell(gone, "t2.fees.amount", None)
        store.delete(gone)
        store.import_report(load_data("seed-donghu-zwfw-2023"))  # the same year again, live
        _marked(store, db.parent)


def _marked(store: Store, folder: Path) -> None:
    """A flattened web page imported: figures still to be checked, one confirmed, one typed over."""
    form = load_form()
    page = folder / "page.txt"
    page.write_text(flattened(form, load_data("huaian-city-gov-2024")), encoding="utf-8")
    report = import_report(page, form).report
    assert len(holding(form, report)) > 2
    report_id = store.import_report(report)
    store.confirm_imported(report_id, ["t3.new.natural"])
    figure = store.load(report_id).cells["t3.new.commercial"]
    assert isinstance(figure, int)
    store.set_cell(report_id, "t3.new.commercial", figure + 1)


def _everything(location: Path | str) -> dict[str, object]:
    """What the officer can see of a database, ids aside: bodies, reports, history, finals, the bin."""
    with Store.open(location, daily_backup=False) as store:
        out: dict[str, object] = {}
        infos = [(b.body, r) for b in store.list_bodies() for r in b.reports] + store.list_bin()
        for body, info in sorted(infos, key=lambda x: (x[0].name, x[1].year, x[1].deleted or "")):
            key = f"{body.name} {body.region} {body.kind} {info.year} {'bin' if info.deleted else 'live'}"
            history = [
                (r.rev, r.time, r.action, r.note, r.author, r.finals, r.changes)
                for r in store.history(info.id)
            ]
            out[key] = (store.load(info.id), history, info.finals, info.unrevised, info.updated, info.deleted)
        return out


def test_a_file_into_a_server_and_back_loses_nothing(
    tmp_path: Path, pg_server: PgServer, capsys: pytest.CaptureFixture[str]
) -> None:
    form = load_form()
    desk = tmp_path / "drafts.sqlite"
    _fill(desk)
    url = new_pg_database(pg_server)
    assert main(["db", "copy", "--from", str(desk), "--to", url]) == 0
    out = capsys.readouterr().out
    assert "报告 5 份" in out and "rd-admin-secret" not in out
    assert _everything(url) == _everything(desk)
    with Store.open(url) as store:  # the marks of imported figures, and their history, came along
        (marked,) = [r for b in store.list_bodies() for r in b.reports if stored_marks(store.load(r.id))]
        report = store.load(marked.id)
        assert "t3.new.natural" not in stored_marks(report)
        assert "t3.new.commercial" in stored_marks(report)  # typed over: kept, no longer holding
        assert "t3.new.commercial" not in holding(form, report)
        assert len(holding(form, report)) > 0
        assert [c.kind for c in store.history(marked.id)[1].changes] == [UNSURE]
    back = tmp_path / "back.sqlite"
    assert main(["db", "copy", "--from", url, "--to", str(back)]) == 0
    assert _everything(back) == _everything(desk)


def test_a_report_already_there_stops_the_copy_before_anything_is_written(
    tmp_path: Path, pg_server: PgServer, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = tmp_path / "drafts.sqlite"
    _fill(desk)
    url = new_pg_database(pg_server)
    with Store.open(url) as store:
        store.import_report(load_data("seed-donghu-zwfw-2023"))
        store.add_body("另一个机关")
    before = _everything(url)
    assert main(["db", "copy", "--from", str(desk), "--to", url]) == 2
    err = capsys.readouterr().err
    assert "什么也没有复制" in err and "政务服务和大数据管理局 2023 年（目标中为报告 1）" in err
    assert _everything(url) == before
    with Store.open(url) as store:
        assert sorted(b.body.name for b in store.list_bodies()) == ["另一个机关", "政务服务和大数据管理局"]


def test_every_data_table_is_copied(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    Store.open(db).close()
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert tables == {BODY_TABLE, REPORT_TABLE, *CHILD_TABLES}


def test_an_officer_moves_their_own_desk_in_and_nothing_else(
    tmp_path: Path, pg_server: PgServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = new_pg_database(pg_server)
    names = tmp_path / "list.txt"
    names.write_text("淮安市洪泽区人民政府办公室\n", encoding="utf-8")
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
    role, password = table.read_text(encoding="utf-8-sig").splitlines()[2].split(",")[1::2]
    officer = pg_server.url(url.rsplit("/", 1)[1], role, password)
    desk = tmp_path / "desk.sqlite"
    with Store.open(desk) as store:
        body = store.add_body("淮安市洪泽区人民政府办公室")
        report_id = store.import_report(load_data("hongze-district-gov-2024"), body_id=body)
        store.set_cell(report_id, "t3.new.natural", 96)
    capsys.readouterr()
    assert main(["db", "copy", "--from", str(desk), "--to", officer]) == 0
    with Store.open(officer) as store:
        (mine,) = [r for b in store.list_bodies() for r in b.reports]
        assert store.load(mine.id).cells["t3.new.natural"] == 96
        assert [r.author for r in store.history(mine.id)] == ["", ""]  # unsigned, as on the desk
    other = tmp_path / "other.sqlite"
    _fill(other)  # bodies this login may not add
    assert main(["db", "copy", "--from", str(other), "--to", officer]) == 2
    assert "无权" in capsys.readouterr().err
