"""Imported figures still to be checked travel with the report (reportdesk.unsure): the exchange JSON,
the database on both engines, every reader; confirmed, one revision, restorable; an import that
replaces a report of the same year keeps its history."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportdesk.form import Form
from reportdesk.importers import import_report
from reportdesk.report import ReportFileError, dumps, loads
from reportdesk.store import Edit, EditConflict, Store, StoreError
from reportdesk.store.models import UNSURE
from reportdesk.store.schema import LATEST
from reportdesk.unsure import holding, stored_marks

from .conftest import load_data
from .published_copies import flattened


@pytest.fixture(scope="module")
def imported_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A flattened web page of 淮安 2024 imported: its cut figures are marked, as JSON."""
    from reportdesk.form import load_form

    form = load_form()
    path = tmp_path_factory.mktemp("flat") / "page.txt"
    path.write_text(flattened(form, load_data("huaian-city-gov-2024")), encoding="utf-8")
    result = import_report(path, form)
    assert result.unsure and set(holding(form, result.report)) == set(result.unsure)
    return dumps(result.report, form)


@pytest.fixture
def store(location: Path | str) -> Iterator[Store]:
    with Store.open(location) as s:
        yield s


def test_the_marks_are_a_documented_key_of_the_exchange_json(form: Form, imported_text: str) -> None:
    data = json.loads(imported_text)
    marks = data["import"]["unsure"]
    mark = marks["t3.new.natural"]
    assert set(mark) == {"value", "how", "note"}
    assert mark["value"] == data["cells"]["t3.new.natural"] and mark["how"] == "split"
    assert "拆出" in mark["note"]
    loaded = loads(imported_text, form)
    assert loaded.notices == ()  # a key reportdesk writes: not called unknown
    assert dumps(loaded.report, form) == imported_text


def test_every_reader_of_the_database_sees_the_marks_and_a_confirmation(
    location: Path | str, form: Form, imported_text: str
) -> None:
    report = loads(imported_text, form).report
    with Store.open(location) as desk:
        report_id = desk.import_report(report)
    with Store.open(location) as other:  # another computer on the same database
        assert dumps(other.load(report_id), form) == imported_text
        marks = holding(form, other.load(report_id))
        assert set(marks) == set(holding(form, report))
        rev = other.confirm_imported(report_id, ["t3.new.natural"])
    with Store.open(location) as desk:
        assert "t3.new.natural" not in holding(form, desk.load(report_id))
        assert len(holding(form, desk.load(report_id))) == len(marks) - 1
        last = desk.history(report_id)[-1]
        assert last.rev == rev and [(c.kind, c.key, c.new) for c in last.changes] == [
            (UNSURE, "t3.new.natural", None)
        ]
        assert "导入待核对" in last.changes[0].label(form)
        desk.confirm_imported(report_id)  # all the others: one revision
        assert holding(form, desk.load(report_id)) == {} and desk.history(report_id)[-1].rev == rev + 1
        assert "unsure" not in json.loads(dumps(desk.load(report_id), form)).get("import", {})
        desk.restore(report_id, 1)  # the marks come back with the revision they belonged to
        assert set(holding(form, desk.load(report_id))) == set(marks)


def test_a_mark_holds_only_while_the_cell_holds_the_imported_figure(
    store: Store, form: Form, imported_text: str
) -> None:
    report_id = store.import_report(loads(imported_text, form).report)
    imported = store.load(report_id).cells["t3.new.natural"]
    assert isinstance(imported, int)
    store.set_cell(report_id, "t3.new.natural", imported + 1)  # typed over (CLI, paste, 汇总 …)
    assert "t3.new.natural" not in holding(form, store.load(report_id))
    assert "t3.new.natural" in stored_marks(store.load(report_id))  # not erased by the edit itself
    store.set_cell(report_id, "t3.new.natural", imported)  # the imported figure again (an undo)
    assert "t3.new.natural" in holding(form, store.load(report_id))


def test_marks_are_edited_under_the_conflict_rule(store: Store, form: Form, imported_text: str) -> None:
    report_id = store.import_report(loads(imported_text, form).report)
    text = stored_marks(store.load(report_id))["t3.new.natural"]
    base = store.info(report_id).rev
    store.edit(report_id, Edit(UNSURE, {"t3.new.natural": None}, {"t3.new.natural": text}, base))
    # confirming again, from a window that saw the mark: it is already gone — no conflict
    store.edit(report_id, Edit(UNSURE, {"t3.new.natural": None}, {"t3.new.natural": text}, base))
    # putting it back (an undo) over a mark someone changed meanwhile is refused
    other = text.replace('"how":"split"', '"how":"order"')
    store.set_unsure(report_id, {"t3.new.commercial": other.replace("t3", "t3")})
    with pytest.raises(EditConflict):
        store.edit(report_id, Edit(UNSURE, {"t3.new.commercial": text}, {"t3.new.commercial": None}, base))
    with pytest.raises(StoreError, match="导入待核对标记无效"):
        store.set_unsure(report_id, {"t3.new.natural": '{"value": "x"}'})


def test_an_import_replaces_a_report_of_the_same_year_keeping_its_history(
    store: Store, form: Form, imported_text: str
) -> None:
    clean = load_data("huaian-city-gov-2024")
    report_id = store.import_report(clean)
    store.set_text(report_id, "s6", "本机关未收取信息处理费。")
    again = loads(imported_text, form).report.with_agency(clean.agency)  # the same body
    with pytest.raises(StoreError, match="已在数据库中"):
        store.import_report(again)
    before = dumps(store.load(report_id), form)
    rev = store.replace_with_import(report_id, again)
    assert dumps(store.load(report_id), form) == dumps(again, form)  # marks and all
    assert store.history(report_id)[-1].action == "import" and rev == 3
    store.restore(report_id, 2)
    assert dumps(store.load(report_id), form) == before
    other_year = again.with_year(2023)
    with pytest.raises(StoreError, match="不能替换 2024 年"):
        store.replace_with_import(report_id, other_year)


@pytest.mark.parametrize(
    ("unsure", "message"),
    [
        ([1, 2], "应为“单元格: 标记”的对象"),
        ({"t9.x": {"value": 1, "how": "split", "note": ""}}, "不是表格中的单元格"),
        ({"t3.new.natural": {"value": 1}}, "value、how、note"),
        ({"t3.new.natural": {"value": "十二", "how": "split", "note": ""}}, "value 应为导入时读到的数字"),
    ],
)
def test_a_file_with_marks_that_are_not_marks_is_refused_saying_where(
    form: Form, imported_text: str, unsure: object, message: str
) -> None:
    data = json.loads(imported_text)
    data["import"]["unsure"] = unsure
    with pytest.raises(ReportFileError, match=message):
        loads(json.dumps(data, ensure_ascii=False), form)


def test_a_version_4_database_climbs_step_5_on_either_engine_and_keeps_its_reports(
    location: Path | str, form: Form, imported_text: str
) -> None:
    """Step 5 (changes of kind 'unsure'/'extra': an older program would read them as reasons) runs
    on SQLite and on PostgreSQL, the access rules made again there, the reports untouched."""
    clean = load_data("huaian-city-gov-2024")
    with Store.open(location) as store:
        report_id = store.import_report(clean)
        conn = store.connection
        with conn.write():
            if isinstance(location, Path):
                conn.execute("PRAGMA user_version = 4")
            else:
                conn.execute("UPDATE meta SET value = '4' WHERE key = 'version'")

    def version(store: Store) -> int:
        if isinstance(location, Path):
            return int(store.connection.execute("PRAGMA user_version").fetchone()[0])
        with store.connection.read():
            return int(store.connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0])

    assert LATEST == 5
    with Store.open(location) as store:
        assert version(store) == LATEST
        assert dumps(store.load(report_id), form) == dumps(clean, form)
        rev = store.replace_with_import(
            report_id, loads(imported_text, form).report.with_agency(clean.agency)
        )
        assert UNSURE in {c.kind for c in store.history(report_id)[rev - 1].changes}
        assert holding(form, store.load(report_id))


def test_check_and_the_signoff_sheet_say_how_many_figures_are_still_to_be_checked(
    form: Form, imported_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reportdesk.cli import main
    from reportdesk.render.gate import assess
    from reportdesk.render.signoff import build_signoff

    report = loads(imported_text, form).report
    count = len(holding(form, report))
    path = tmp_path / "imported.json"
    path.write_text(imported_text, encoding="utf-8")
    main(["check", str(path)])
    assert f"注：有 {count} 个数字是导入已发布的报告时推断读出的" in capsys.readouterr().out
    sheet = build_signoff(form, report, assess(form, report))
    assert any(f"有 {count} 个数字是导入已发布的报告时推断读出的" in p.text for p in sheet.paragraphs)
    figure = report.cells["t3.new.natural"]
    assert isinstance(figure, int)
    typed_over = report.with_cell("t3.new.natural", figure + 1)  # no longer the imported figure
    sheet = build_signoff(form, typed_over, assess(form, typed_over))
    assert any(f"有 {count - 1} 个数字" in p.text for p in sheet.paragraphs)
    path.write_text(dumps(load_data("huaian-city-gov-2024"), form), encoding="utf-8")
    main(["check", str(path)])
    assert "推断读出" not in capsys.readouterr().out


def test_a_confirmation_made_offline_waits_in_the_journal_and_is_sent(
    store: Store, form: Form, imported_text: str, tmp_path: Path
) -> None:
    from reportdesk.store.journal import Journal, send

    report_id = store.import_report(loads(imported_text, form).report)
    text = stored_marks(store.load(report_id))["t3.new.natural"]
    journal = Journal(tmp_path / "journal.db")
    edit = Edit(UNSURE, {"t3.new.natural": None}, {"t3.new.natural": text}, store.info(report_id).rev)
    journal.add(store.location, report_id, edit, "2026-12-04T10:00:00")
    assert journal.pending(store.location)[0].edit == edit  # kept as it was made
    assert send(store, journal).sent == 1 and journal.count(store.location) == 0
    assert "t3.new.natural" not in holding(form, store.load(report_id))
    journal.close()


def test_marks_and_the_old_format_record_share_the_import_key(
    location: Path | str, form: Form, tmp_path: Path
) -> None:
    """The sample in the 洪泽 shape (（六）其他处理 one row) flattened: the import records OLD-FORMAT
    and marks cut figures under the same ``import`` key; confirming every mark leaves the record."""
    import re

    from reportdesk.checks import check
    from reportdesk.checks.imported import import_findings

    from .test_checks_old_format import FIXTURE

    page = tmp_path / "page.txt"
    flat = re.sub(r"(?<=\d) (?=\d)", "", FIXTURE.read_text(encoding="utf-8").replace("\n", ""))
    page.write_text(flat, encoding="utf-8")
    report = import_report(page, form).report
    block = json.loads(dumps(report, form))["import"]
    assert set(block) == {"findings", "unsure"} and block["findings"][0]["code"] == "OLD-FORMAT"
    assert loads(dumps(report, form), form).report == report
    with Store.open(location) as store:
        report_id = store.import_report(report)
        assert store.load(report_id) == report
        store.confirm_imported(report_id)
        saved = store.load(report_id)
    assert holding(form, saved) == {} and "unsure" not in saved.extra["import"]
    assert saved.extra["import"]["findings"] == block["findings"]
    assert [f.code for f in import_findings(form, saved)] == ["OLD-FORMAT"]
    assert "OLD-FORMAT" in [f.code for f in check(form, saved)]
