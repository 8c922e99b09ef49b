"""``reportdesk --db X db …`` and ``reportdesk --db X aggregate db:…``: the top-level ``--db`` (the
window's option) names the database for the commands too, and an option nearer the command wins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportdesk.cli import main
from reportdesk.form import Form
from reportdesk.report import read_report
from reportdesk.store import Store

from .conftest import DATA

HZ23 = DATA / "hongze-district-gov-2023.json"
SEED = DATA / "seed-donghu-zwfw-2023.json"


@pytest.fixture
def two_dbs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two databases with different reports; the environment names a third, empty one."""
    monkeypatch.setenv("REPORTDESK_DB", str(tmp_path / "from-env.db"))
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    assert main(["db", "import", str(HZ23), "--db", str(first)]) == 0
    assert main(["db", "import", str(SEED), "--db", str(second)]) == 0
    return first, second


def names(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    capsys.readouterr()
    assert main(list(args)) == 0
    return [b["name"] for b in json.loads(capsys.readouterr().out)]


def test_the_top_level_db_names_the_database_of_db_commands(
    capsys: pytest.CaptureFixture[str], two_dbs: tuple[Path, Path]
) -> None:
    first, second = two_dbs
    assert names(capsys, "--db", str(first), "db", "list", "--json") == ["淮安市洪泽区人民政府"]
    assert names(capsys, "--db", str(second), "db", "list", "--json") == ["政务服务和大数据管理局"]
    # Without any --db the environment's (empty) database is used, as before.
    assert names(capsys, "db", "list", "--json") == []


def test_an_option_nearer_the_command_wins(
    capsys: pytest.CaptureFixture[str], two_dbs: tuple[Path, Path]
) -> None:
    first, second = two_dbs
    assert names(capsys, "--db", str(first), "db", "list", "--json", "--db", str(second)) == [
        "政务服务和大数据管理局"
    ]
    assert names(capsys, "--db", str(first), "db", "--db", str(second), "list", "--json") == [
        "政务服务和大数据管理局"
    ]


def test_writes_go_to_the_top_level_database(
    capsys: pytest.CaptureFixture[str], two_dbs: tuple[Path, Path], tmp_path: Path
) -> None:
    first, _second = two_dbs
    capsys.readouterr()
    assert main(["--db", str(first), "db", "import", str(SEED)]) == 0
    new_id = int(capsys.readouterr().out)
    with Store.open(first) as store:
        assert new_id in {r.id for b in store.list_bodies() for r in b.reports}
    assert not (tmp_path / "from-env.db").exists()
    backup = tmp_path / "copy.db"
    assert main(["--db", str(first), "db", "backup", str(backup)]) == 0
    with Store.open(backup) as store:
        assert len([r for b in store.list_bodies() for r in b.reports]) == 2


def test_aggregate_reads_db_inputs_from_the_top_level_database(
    capsys: pytest.CaptureFixture[str], two_dbs: tuple[Path, Path], tmp_path: Path, form: Form
) -> None:
    _first, second = two_dbs
    out = tmp_path / "total.json"
    args = ["aggregate", "db:all", "-o", str(out), "--agency", "某某区人民政府", "--year", "2023"]
    assert main(["--db", str(second), *args]) in (0, 1)
    total = read_report(out, form).report
    seed = read_report(SEED, form).report
    assert total.cells["t3.new.total"] == seed.cells["t3.new.total"]
    assert [s["source"] for s in total.extra["aggregate"]["sources"]] == ["db:1"]
