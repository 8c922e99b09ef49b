"""OLD-FORMAT found when a published report is imported stays with the saved report.

The fixture is the shipped sample report printed with table 三's （六）其他处理 as one row without its
sub-items (the shape of the 洪泽 reports), written by ``tests/data/checks/make_old_format_fixture.py``.
The importer leaves sub-items 1 and 2 blank and records its OLD-FORMAT finding under the report's
``import`` key; ``check`` on the saved file — JSON, database, workbook — says it again, until the
officer fills those rows in.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import MappingProxyType

import pytest

from reportdesk.checks import Finding, check, stale_reasons
from reportdesk.checks.findings import make
from reportdesk.checks.imported import IMPORT_KEY, import_findings, record_import_findings
from reportdesk.cli import main
from reportdesk.form import Form
from reportdesk.report import Report, dumps, loads, read_report
from reportdesk.store import Store
from reportdesk.workbook import import_workbook, write_workbook

from .conftest import DATA

FIXTURE = DATA / "checks" / "sample-other-handling-one-row.txt"
SCRIPT = DATA / "checks" / "make_old_format_fixture.py"
SUB_ITEMS = ("other.1", "other.2")  # left blank by the importer; the one row's figures go to other.3
COLUMNS = ("natural", "commercial", "research", "nonprofit", "legal", "other_org", "total")


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, _ = capsys.readouterr()
    return code, out


@pytest.fixture
def saved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The fixture imported with ``reportdesk import`` and saved as exchange JSON."""
    path = tmp_path / "imported.json"
    code, out = run(capsys, "import", FIXTURE, "-o", path)
    assert code == 0 and "OLD-FORMAT" in out
    return path


def findings_of(capsys: pytest.CaptureFixture[str], path: Path) -> list[dict[str, object]]:
    code, out = run(capsys, "check", "--json", path)
    assert code == 1  # the blank rows are errors
    found: list[dict[str, object]] = json.loads(out)
    return found


def test_the_fixture_is_what_the_script_writes() -> None:
    spec = importlib.util.spec_from_file_location("make_old_format_fixture", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.fixture_text() == FIXTURE.read_text(encoding="utf-8")
    assert "\n（六）其他处理 5 0 0 0 0 0 5\n（七）总计" in FIXTURE.read_text(encoding="utf-8")


def test_check_on_the_saved_file_still_says_old_format(
    form: Form, saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = findings_of(capsys, saved)
    blank_rows = [[f"t3.{row}.{c}" for c in COLUMNS] for row in SUB_ITEMS]
    assert [(f["code"], f["cells"]) for f in found] == [
        ("BLANK", blank_rows[0]),
        ("OLD-FORMAT", [f"t3.other.{i}.{c}" for i in (1, 2, 3) for c in COLUMNS]),
        ("BLANK", blank_rows[1]),
    ]
    old = found[1]
    assert old["level"] == "warning" and old["id"] == "OLD-FORMAT@" + ",".join(old["cells"])  # type: ignore[arg-type]
    assert "（六）其他处理」只印了一行" in str(old["message"]) and "请按2021年格式补填" in str(old["message"])
    # the text output says it too, and reading the file reports no unknown key
    code, out = run(capsys, "check", saved)
    assert code == 1 and "[提醒] OLD-FORMAT" in out and "未知的键" not in out


def test_the_record_is_documented_json_kept_without_loss(form: Form, saved: Path) -> None:
    text = saved.read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data)[-1] == IMPORT_KEY
    [entry] = data[IMPORT_KEY]["findings"]
    assert entry["code"] == "OLD-FORMAT" and entry["cells"][0] == "t3.other.1.natural"
    loaded = loads(text, form)
    assert loaded.notices == ()
    assert dumps(loaded.report, form) == text


def test_filling_the_rows_in_ends_it_and_its_reason_is_kept_as_stale(form: Form, saved: Path) -> None:
    report = read_report(saved, form).report
    [old] = [f for f in check(form, report) if f.code == "OLD-FORMAT"]
    explained = report.with_explanation(old.id, "原报告按2019年格式印制，已按原始台账补填")
    assert [f.accepted for f in check(form, explained) if f.code == "OLD-FORMAT"] == [True]
    # the sample's one row (5) was all 1.逾期不补正: filled in as the 2021 format asks
    filled = explained.with_cells(
        {
            **{f"t3.{row}.{c}": 0 for row in SUB_ITEMS for c in COLUMNS},
            "t3.other.1.natural": 5,
            "t3.other.1.total": 5,
            "t3.other.3.natural": 0,
            "t3.other.3.total": 0,
        }
    )
    after = check(form, filled)
    assert after == []
    assert stale_reasons(after, filled.explanations) == [(old.id, "原报告按2019年格式印制，已按原始台账补填")]
    # one row filled, the other still blank: it still holds
    half = explained.with_cells({f"t3.other.1.{c}": 0 for c in COLUMNS})
    assert [f.code for f in check(form, half) if f.code in ("OLD-FORMAT", "BLANK")] == ["OLD-FORMAT", "BLANK"]


def test_the_database_and_the_workbook_keep_it(form: Form, saved: Path, tmp_path: Path) -> None:
    report = read_report(saved, form).report
    with Store.open(tmp_path / "drafts.db") as store:
        again = store.load(store.import_report(report))
    assert again.extra[IMPORT_KEY] == report.extra[IMPORT_KEY]
    assert "OLD-FORMAT" in [f.code for f in check(form, again)]
    write_workbook(report, form, tmp_path / "r.xlsx")
    from_xlsx, _ = import_workbook(tmp_path / "r.xlsx", form)
    assert from_xlsx.extra[IMPORT_KEY] == report.extra[IMPORT_KEY]
    assert "OLD-FORMAT" in [f.code for f in check(form, from_xlsx)]


def old_marker(form: Form, marker: str) -> Finding:
    """OLD-FORMAT as the importer words a 2019 row or column found in a table."""
    message = f"表格中有2019年（试行）格式的项目「{marker}」（第3页第5行）：与2021年格式对应不上的部分未导入"
    return make(form, "OLD-FORMAT", message, about=marker)


def test_a_2019_row_found_in_a_table_holds_for_good_with_its_own_id(form: Form) -> None:
    seed = read_report(DATA / "seed-donghu-zwfw-2023.json", form).report
    made = [old_marker(form, m) for m in ("本年新制作数量", "政府集中采购")]
    recorded = record_import_findings(seed, made)
    found = import_findings(form, recorded)
    ids = ["OLD-FORMAT@import:本年新制作数量", "OLD-FORMAT@import:政府集中采购"]
    assert [f.id for f in found] == ids
    assert [f.message for f in found] == [f.message for f in made] and all(f.cells == () for f in found)
    assert [f.id for f in check(form, recorded)] == ids


def test_an_ordinary_import_adds_no_key(
    form: Form, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "seed.json"
    assert run(capsys, "import", DATA / "seed-donghu-zwfw-2023.txt", "-o", path)[0] == 0
    assert IMPORT_KEY not in json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "block",
    [
        "nonsense",
        {"findings": "nonsense"},
        {"findings": [None, 3, {"code": "OLD-FORMAT"}]},
        {"findings": [{"code": "T3-ROW", "message": "伪造", "cells": ["t3.new.total"]}]},
        {"findings": [{"code": "OLD-FORMAT", "message": "伪造", "cells": ["t9.nothing"]}]},
        {"findings": [{"code": "OLD-FORMAT", "message": "伪造", "cells": []}]},
        {"findings": [{"code": "OLD-FORMAT", "message": "", "cells": ["t3.new.total"]}]},
    ],
)
def test_a_record_of_another_shape_is_ignored(form: Form, block: object) -> None:
    seed = read_report(DATA / "seed-donghu-zwfw-2023.json", form).report
    tampered = Report(
        year=seed.year,
        agency=seed.agency,
        texts=seed.texts,
        cells={**seed.cells, "t3.new.total": None},
        extra=MappingProxyType({IMPORT_KEY: block}),
    )
    assert import_findings(form, tampered) == []
    assert "OLD-FORMAT" not in [f.code for f in check(form, tampered)]
