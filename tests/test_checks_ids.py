"""Finding ids and reasons per occurrence: the spec's id format, one reason covering one finding,
reasons kept as 已失效 when their finding goes away, and reasons kept per code by older files and
databases converted once (when a file is read, when a database is migrated)."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from reportdesk.checks import check, convert_code_keys, describe_id, stale_reasons
from reportdesk.cli import main
from reportdesk.form import Form
from reportdesk.report import Report, write_report
from reportdesk.store import Store
from reportdesk.store.engine import SqliteConnection
from reportdesk.store.rows import insert_report
from reportdesk.store.schema import MIGRATIONS, _statements

from .conftest import load_data

ID = re.compile(r"^[A-Z0-9-]+@[^@:]+(:[^@]+)?$")


def seed() -> Report:
    return load_data("seed-donghu-zwfw-2023")


def with_2020(report: Report, *keys: str) -> Report:
    """Each named part gets a sentence about 2020: one TXT-YEAR finding per part."""
    for key in keys:
        report = report.with_text(key, report.text(key) + "2020年完成网站改版。")
    return report


def last_year(carried_out: int = 2) -> Report:
    """A 2022 report of the same body whose 四 does not match this year's 二 (X-CARRY); it has no
    texts (so nothing reads as copied)."""
    cells = {**seed().cells, "t3.carried_out.natural": carried_out, "t3.carried_out.total": carried_out}
    return Report(year=2022, agency=seed().agency, cells=cells)


# (what is changed, the ids of the findings it raises)
IDS = [
    ("year in section 六", lambda r: r.with_text("s6", "2021年未收取信息处理费。"), ["TXT-YEAR@s6:2021年"]),
    (
        "two years in one part",
        lambda r: r.with_text("s6", "2021年、2019年未收取信息处理费。"),
        ["TXT-YEAR@s6:2021年", "TXT-YEAR@s6:2019年"],
    ),
    (
        "a figure of the text",
        lambda r: r.with_text("s1.request", "2023年共收到41条依申请公开申请。"),
        ["TXT-NUM@s1.request:收到41"],
    ),
    (
        "a table figure",
        lambda r: r.with_cell("t4.review.total", 1),
        [
            "T4-TOTAL@"
            + ",".join(f"t4.review.{c}" for c in ("total", "upheld", "corrected", "other", "pending"))
        ],
    ),
    ("a blank cell", lambda r: r.with_cell("t2.penalty.decisions", None), ["BLANK@t2.penalty.decisions"]),
    ("an empty part", lambda r: r.with_text("s6", ""), ["SECTION-EMPTY@s6"]),
    ("no fee in 六", lambda r: r.with_text("s6", "本年度无其他需要报告的事项。"), ["S6-FEE@s6"]),
]


@pytest.mark.parametrize(("name", "change", "ids"), IDS, ids=[i[0] for i in IDS])
def test_each_finding_has_the_id_the_spec_describes(form: Form, name: str, change, ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    found = check(form, change(seed()))
    assert [f.id for f in found] == ids
    assert all(ID.match(f.id) for f in found)


def test_ids_stay_the_same_while_the_figures_change(form: Form) -> None:
    one = check(form, seed().with_cell("t4.review.total", 1))
    two = check(form, seed().with_cell("t4.review.total", 7))
    assert [f.id for f in one] == [f.id for f in two] and one[0].message != two[0].message


def test_ids_are_unique_on_real_reports(
    form: Form, hongze2023: Report, hongze2024: Report, huaian: Report
) -> None:
    for report, previous in ((hongze2024, hongze2023), (hongze2023, None), (huaian, None)):
        ids = [f.id for f in check(form, report, previous)]
        assert len(ids) == len(set(ids))
        assert all(ID.match(i) for i in ids)


def test_a_reason_covers_its_own_occurrence_only(form: Form) -> None:
    report = with_2020(seed(), "s1.active")
    (f,) = check(form, report)
    report = report.with_explanation(f.id, "2020年改版的网站本年继续运行，属实。")
    assert [(g.id, g.accepted) for g in check(form, report)] == [("TXT-YEAR@s1.active:2020年", True)]
    # The same slip typed into another part is a new occurrence: it needs its own reason.
    report = with_2020(report, "s1.platform")
    assert [(g.id, g.accepted) for g in check(form, report)] == [
        ("TXT-YEAR@s1.active:2020年", True),
        ("TXT-YEAR@s1.platform:2020年", False),
    ]
    # So is another year in the part that was explained.
    report = report.with_text("s1.active", report.text("s1.active") + "2019年起实行。")
    assert ("TXT-YEAR@s1.active:2019年", False) in [(g.id, g.accepted) for g in check(form, report)]


def test_one_reason_given_to_several_findings_writes_one_key_each(form: Form) -> None:
    report = with_2020(seed(), "s1.active", "s1.platform")
    shown = check(form, report)
    report = report.with_explanations({f.id: "属实" for f in shown})
    assert sorted(report.explanations) == ["TXT-YEAR@s1.active:2020年", "TXT-YEAR@s1.platform:2020年"]
    assert all(f.accepted for f in check(form, report))
    assert not any(
        f.accepted for f in check(form, with_2020(report, "s1.oversight")) if f.texts == ("s1.oversight",)
    )


def test_a_reason_whose_finding_went_away_is_kept_as_stale(form: Form) -> None:
    report = with_2020(seed(), "s1.active").with_explanation("TXT-YEAR@s1.active:2020年", "属实")
    assert stale_reasons(check(form, report), report.explanations) == []
    fixed = report.with_text("s1.active", seed().text("s1.active"))
    assert check(form, fixed) == []
    assert stale_reasons(check(form, fixed), fixed.explanations) == [("TXT-YEAR@s1.active:2020年", "属实")]
    assert describe_id(form, "TXT-YEAR@s1.active:2020年") == "正文年份与报告年度不符：（一）主动公开，2020年"
    assert fixed.explanations == report.explanations  # nothing is lost


DESCRIBED = [
    (
        "X-CARRY@t3.carried_in.natural",
        "上年结转与上年报告不符：表三「二、上年结转政府信息公开申请数量」自然人",
    ),
    ("COPY@s5.improvements", "内容与上年雷同：第五部分“改进情况”"),
    ("COPY@?", "内容与上年雷同：旧版说明，未对应到具体位置"),
    (
        "X-STOCK@t2.normative.in_force,t2.normative.issued,t2.normative.repealed",
        "现行有效件数与上年不衔接：表二「行政规范性文件」现行有效件数等 3 格",
    ),
]


@pytest.mark.parametrize(("key", "said"), DESCRIBED)
def test_a_kept_reason_is_described_in_words(form: Form, key: str, said: str) -> None:
    assert describe_id(form, key) == said


# ---------------------------------------------------------------------------------------------
# Reasons kept per code by older files: converted once, to the findings present at that moment.


def test_a_code_key_becomes_keys_for_the_findings_present(form: Form) -> None:
    report = with_2020(seed(), "s1.active", "s1.platform").with_explanations(
        {"TXT-YEAR": "旧说明", "COPY": "旧的雷同说明", "X-CARRY": "结转口径不同"}
    )
    converted, notes = convert_code_keys(form, report, last_year())
    assert converted.explanations == {
        "TXT-YEAR@s1.active:2020年": "旧说明",
        "TXT-YEAR@s1.platform:2020年": "旧说明",
        "COPY@?": "旧的雷同说明",  # no such finding now: kept, shown as 已失效
        "X-CARRY@t3.carried_in.natural": "结转口径不同",
        "X-CARRY@t3.carried_in.total": "结转口径不同",
    }
    assert len(notes) == 3 and "2 条" in notes[0]
    # A later occurrence of the same code is not covered by the old reason.
    later = with_2020(converted, "s1.oversight")
    found = {f.id: f.accepted for f in check(form, later, last_year())}
    assert found["TXT-YEAR@s1.oversight:2020年"] is False and found["TXT-YEAR@s1.active:2020年"] is True
    # Converting again changes nothing.
    assert convert_code_keys(form, converted, last_year()) == (converted, [])


def test_an_id_key_given_beside_a_code_key_is_kept(form: Form) -> None:
    report = with_2020(seed(), "s1.active", "s1.platform").with_explanations(
        {"TXT-YEAR@s1.active:2020年": "自己的说明", "TXT-YEAR": "旧说明"}
    )
    converted, _ = convert_code_keys(form, report)
    assert converted.explanations == {
        "TXT-YEAR@s1.active:2020年": "自己的说明",
        "TXT-YEAR@s1.platform:2020年": "旧说明",
    }


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_check_reads_an_old_file_as_converted(
    tmp_path: Path, form: Form, capsys: pytest.CaptureFixture[str]
) -> None:
    old = with_2020(seed(), "s1.active").with_explanations({"TXT-YEAR": "旧说明", "X-CARRY": "口径不同"})
    write_report(old, form, tmp_path / "old.json")
    write_report(last_year(), form, tmp_path / "last.json")
    code, out, err = run(
        capsys, "check", tmp_path / "old.json", "--previous", tmp_path / "last.json", "--json"
    )
    found = {f["id"]: f["accepted"] for f in json.loads(out)}
    assert code == 0
    assert found == {
        "TXT-YEAR@s1.active:2020年": True,
        "X-CARRY@t3.carried_in.natural": True,
        "X-CARRY@t3.carried_in.total": True,
    }
    assert "旧版按类型保存的说明" in err
    # Without last year's report there is no X-CARRY finding: its reason is kept, shown as 已失效.
    code, out, err = run(capsys, "check", tmp_path / "old.json")
    assert "[已说明] TXT-YEAR" in out
    assert "[已失效] 上年结转与上年报告不符：旧版说明，未对应到具体位置。说明：口径不同" in out
    assert "1 条已失效的说明" in out


def test_an_old_workbook_is_converted_when_imported(tmp_path: Path, form: Form) -> None:
    from reportdesk.importers import import_report
    from reportdesk.workbook import write_workbook

    old = with_2020(seed(), "s1.active", "s1.platform").with_explanations({"TXT-YEAR": "旧说明"})
    write_workbook(old, form, tmp_path / "old.xlsx")
    result = import_report(tmp_path / "old.xlsx", form)
    assert result.report.explanations == {
        "TXT-YEAR@s1.active:2020年": "旧说明",
        "TXT-YEAR@s1.platform:2020年": "旧说明",
    }
    assert all(f.accepted for f in result.findings if f.code == "TXT-YEAR")


def test_a_file_imported_into_the_database_is_converted(tmp_path: Path, form: Form) -> None:
    with Store.open(tmp_path / "d.db", daily_backup=False) as store:
        store.import_report(last_year())
        report_id = store.import_report(
            with_2020(seed(), "s1.active").with_explanations({"X-CARRY": "口径不同"})
        )
        assert store.load(report_id).explanations == {
            "X-CARRY@t3.carried_in.natural": "口径不同",
            "X-CARRY@t3.carried_in.total": "口径不同",
        }


# ---------------------------------------------------------------------------------------------
# Databases written before ids: the version-3 migration.


BEFORE_IDS = 3  # the last schema version that kept reasons per code


def database_before_ids(path: Path, reports: list[Report]) -> None:
    """A database as schema version 3 left it, holding ``reports`` (one body), reasons per code."""
    conn = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[:BEFORE_IDS]:
        assert isinstance(step, str)
        for statement in _statements(step):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {BEFORE_IDS}")
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO bodies (name, region, kind, website, created) VALUES ('东湖', '', 'department', '', 'x')"
    )
    for report in reports:
        insert_report(SqliteConnection(conn, path), 1, report, "import", "", "2024-01-15T09:30:00+08:00")
    conn.execute("COMMIT")
    conn.close()


def test_the_database_migration_turns_code_keys_into_ids_once(tmp_path: Path, form: Form) -> None:
    db = tmp_path / "v3.db"
    old = with_2020(seed(), "s1.active", "s1.platform").with_explanations(
        {"TXT-YEAR": "旧说明", "X-CARRY": "口径不同", "S6-FEE": "旧的费用说明"}
    )
    database_before_ids(db, [last_year(), old])
    with Store.open(db, daily_backup=False) as store:
        report = store.load(2)
        assert report.explanations == {
            "TXT-YEAR@s1.active:2020年": "旧说明",
            "TXT-YEAR@s1.platform:2020年": "旧说明",
            "X-CARRY@t3.carried_in.natural": "口径不同",  # last year's report was in the database
            "X-CARRY@t3.carried_in.total": "口径不同",
            "S6-FEE@?": "旧的费用说明",
        }
        assert store.load(1).explanations == {}
        revisions = store.history(2)
        assert [r.action for r in revisions] == ["import", "migrate"]
        assert all(c.kind == "explanation" for c in revisions[-1].changes)
        # A new occurrence typed after the migration is unexplained.
        store.set_text(2, "s1.oversight", report.text("s1.oversight") + "2020年起实行。")
        found = {f.id: f.accepted for f in check(form, store.load(2), store.previous_of(2))}
        assert found["TXT-YEAR@s1.oversight:2020年"] is False
        assert found["TXT-YEAR@s1.active:2020年"] is True
        # Restoring the revision from before ids brings its reasons back per finding, never per code.
        store.restore(2, 1)
        assert not any("@" not in k for k in store.load(2).explanations)
        assert store.load(2).explanations["TXT-YEAR@s1.platform:2020年"] == "旧说明"
    with Store.open(db, daily_backup=False) as store:  # opened again: nothing more to convert
        assert [r.action for r in store.history(2)].count("migrate") == 1


def test_a_reason_cannot_be_stored_for_a_whole_code(tmp_path: Path) -> None:
    from reportdesk.store import StoreError

    with Store.open(tmp_path / "d.db", daily_backup=False) as store:
        report_id = store.import_report(with_2020(seed(), "s1.active"))
        with pytest.raises(StoreError, match="说明要对应具体的一条提醒"):
            store.set_explanation(report_id, "TXT-YEAR", "属实")
        rev = store.set_explanations(
            report_id, {"TXT-YEAR@s1.active:2020年": "属实", "TXT-YEAR@s6:2020年": "属实"}
        )
        assert [len(r.changes) for r in store.history(report_id)][-1] == 2
        assert store.info(report_id).rev == rev


def put_back_before_ids(location: Path | str, report_id: int, reasons: dict[str, str]) -> None:
    """Write reasons per code straight into a database and mark it as the version before ids, as a
    database of that version would be (on either engine)."""
    rows = [(report_id, code, pos, reason) for pos, (code, reason) in enumerate(reasons.items(), 1)]
    if isinstance(location, Path):
        conn = sqlite3.connect(location, isolation_level=None)
        conn.executemany("INSERT INTO explanations (report_id, code, pos, reason) VALUES (?, ?, ?, ?)", rows)
        conn.execute(f"PRAGMA user_version = {BEFORE_IDS}")
        conn.close()
        return
    import psycopg

    with psycopg.connect(location, options="-c search_path=reportdesk") as pg:
        pg.cursor().executemany(
            "INSERT INTO explanations (report_id, code, pos, reason) VALUES (%s, %s, %s, %s)", rows
        )
        pg.execute("UPDATE meta SET value = %s WHERE key = 'version'", (str(BEFORE_IDS),))


def test_the_migration_runs_on_both_engines(location: Path | str, form: Form) -> None:
    with Store.open(location, daily_backup=False) as store:
        store.import_report(last_year())
        report_id = store.import_report(with_2020(seed(), "s1.active"))
    put_back_before_ids(location, report_id, {"TXT-YEAR": "旧说明", "COPY": "旧的雷同说明"})
    with Store.open(location, daily_backup=False) as store:
        assert store.load(report_id).explanations == {
            "TXT-YEAR@s1.active:2020年": "旧说明",
            "COPY@?": "旧的雷同说明",
        }
        assert store.history(report_id)[-1].action == "migrate"
