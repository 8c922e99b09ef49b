"""Two people, one report: a conflicting edit of the same cell is never silently written over the
other's; the second officer is told whose figure is there and chooses. History names who did what."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reportdesk.cli import main
from reportdesk.store import Edit, EditConflict, Store
from reportdesk.store.models import CELL, EXPLANATION, TEXT

from .conftest import load_data, new_pg_database
from .pg_server import PgServer


@pytest.fixture
def two(location: Path | str) -> Any:
    """Two windows on one report, each with its own connection."""
    with Store.open(location) as first:
        report_id = first.import_report(load_data("hongze-district-gov-2023"))
    a, b = Store.open(location), Store.open(location)
    yield a, b, report_id
    a.close()
    b.close()


@pytest.mark.parametrize(
    ("kind", "key", "seen", "theirs", "mine"),
    [
        (CELL, "t3.new.natural", 21, 25, 27),
        (TEXT, "s6", None, "本年度未收取费用。", "未收费。"),
        (EXPLANATION, "YOY-JUMP@t3.new.total", None, "机构调整", "统计口径变化"),
    ],
)
def test_the_second_edit_of_the_same_key_is_refused_and_names_whose_value_is_there(
    two: Any, kind: str, key: str, seen: Any, theirs: Any, mine: Any
) -> None:
    a, b, report_id = two
    if kind == TEXT:
        seen = a.load(report_id).texts[key]
    base = a.info(report_id).rev
    rev = a.edit(report_id, Edit(kind, {key: theirs}, {key: seen}, base))
    assert rev == base + 1
    with pytest.raises(EditConflict) as caught:
        b.edit(report_id, Edit(kind, {key: mine}, {key: seen}, base))
    (conflict,) = caught.value.conflicts
    assert (conflict.key, conflict.theirs, conflict.mine, conflict.rev) == (key, theirs, mine, rev)
    assert "没有保存" in str(caught.value) and f"第 {rev} 版" in str(caught.value)
    assert b.info(report_id).rev == rev  # nothing written
    # The second officer chooses: keep theirs (nothing to do), or write their own knowingly.
    assert b.edit(report_id, Edit(kind, {key: mine}, {key: conflict.theirs}, rev)) == rev + 1
    history = a.history(report_id)
    assert [c.value(c.new) for r in history[-2:] for c in r.changes if c.key == key] == [theirs, mine]


def test_other_keys_and_the_same_figure_are_no_conflict(two: Any) -> None:
    a, b, report_id = two
    base = a.info(report_id).rev
    a.edit(report_id, Edit(CELL, {"t3.new.natural": 30}, {"t3.new.natural": 21}, base))
    # Another cell, on the old revision: fine, and the total holds both.
    b.edit(report_id, Edit(CELL, {"t3.new.commercial": 4}, {"t3.new.commercial": 0}, base))
    # The very figure the other typed: nothing to choose, nothing recorded.
    rev = b.info(report_id).rev
    assert b.edit(report_id, Edit(CELL, {"t3.new.natural": 30}, {"t3.new.natural": 21}, base)) == rev
    report = a.load(report_id)
    assert report.cells["t3.new.natural"] == 30 and report.cells["t3.new.commercial"] == 4
    assert report.cells["t3.new.total"] == 30 + 4 + sum(
        report.cells[f"t3.new.{c}"]  # type: ignore[misc]
        for c in ("research", "nonprofit", "legal", "other_org")
    )


def test_two_officers_of_one_body_see_each_others_names(
    pg_server: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = new_pg_database(pg_server)
    database = url.rsplit("/", 1)[1]
    names = tmp_path / "list.txt"
    names.write_text("洪泽区财政局,cz_li\n洪泽区财政局,cz_wang\n", encoding="utf-8")
    assert main(["admin", "--db", url, "--government", "淮安市洪泽区人民政府", "--bodies", str(names)]) == 0
    capsys.readouterr()
    with pg_server.admin(database) as conn:  # intranet accounts: give them passwords for the test
        conn.execute("ALTER ROLE cz_li PASSWORD 'li'")
        conn.execute("ALTER ROLE cz_wang PASSWORD 'wang'")
    with Store.open(url) as admin:
        body = next(b.body for b in admin.list_bodies() if b.body.name == "洪泽区财政局")
        report_id = admin.import_report(load_data("hongze-district-gov-2023"), body_id=body.id)
    li = Store.open(pg_server.url(database, "cz_li", "li"))
    wang = Store.open(pg_server.url(database, "cz_wang", "wang"))
    try:
        li.edit(report_id, Edit(CELL, {"t3.new.natural": 25}, {"t3.new.natural": 21}, 1))
        with pytest.raises(EditConflict, match="已由 洪泽区财政局（cz_li）"):
            wang.edit(report_id, Edit(CELL, {"t3.new.natural": 26}, {"t3.new.natural": 21}, 1))
        wang.edit(report_id, Edit(CELL, {"t3.new.natural": 26}, {"t3.new.natural": 25}, 2))
        authors = [r.author for r in wang.history(report_id)]
        assert authors[1:] == ["洪泽区财政局（cz_li）", "洪泽区财政局（cz_wang）"]
    finally:
        li.close()
        wang.close()
    main(["db", "history", str(report_id), "--db", url])
    assert "洪泽区财政局（cz_wang）" in capsys.readouterr().out
