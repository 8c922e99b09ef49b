"""``reportdesk aggregate`` and ``reportdesk export`` from the command line."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from reportdesk.cli import main
from reportdesk.form import Form
from reportdesk.report import Report, read_report, write_report
from reportdesk.store import Store
from reportdesk.workbook import import_workbook, write_workbook

from .aggregate_support import generated
from .conftest import DATA


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def bodies(form: Form, tmp_path: Path, count: int = 3) -> list[tuple[Path, Report]]:
    rng = random.Random(11)
    out = []
    for i in range(count):
        report = generated(form, rng, 2024, f"第{i + 1}局")
        path = tmp_path / f"body{i + 1}.json"
        write_report(report, form, path)
        out.append((path, report))
    return out


def test_aggregate_writes_the_total_and_lists_the_missing(
    form: Form, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = bodies(form, tmp_path)
    as_xlsx = tmp_path / "body3.xlsx"
    write_workbook(given[2][1], form, as_xlsx)
    expect = tmp_path / "bodies.txt"
    expect.write_text("第1局\n第2局\n第3局\n第4局\n", encoding="utf-8")
    out_path = tmp_path / "total.json"
    code, out, _ = run(
        capsys,
        "aggregate",
        given[0][0],
        given[1][0],
        as_xlsx,
        "-o",
        out_path,
        "--agency",
        "某某县人民政府",
        "--year",
        "2024",
        "--expect",
        expect,
    )
    assert code == 1  # a body is missing
    assert "缺少 1 个机关的报告：第4局" in out and "3 份报告相加" in out
    read = read_report(out_path, form)
    total = read.report
    # The total's list of sources is reportdesk's own key: kept, and not called unknown when read back.
    assert not any("未知的键" in n for n in read.notices), read.notices
    assert total.agency.kind == "government" and total.year == 2024
    new_total = sum(r.value("t3.new.total") for _, r in given)  # type: ignore[misc]
    assert total.value("t3.new.total") == new_total
    sources = total.extra["aggregate"]["sources"]
    assert [s["source"] for s in sources] == [str(given[0][0]), str(given[1][0]), str(as_xlsx)]


def test_clean_run_exits_0_and_can_write_xlsx(
    form: Form, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = bodies(form, tmp_path, 2)
    out_path = tmp_path / "total.xlsx"
    code, out, _ = run(
        capsys,
        "aggregate",
        *(p for p, _ in given),
        "-o",
        out_path,
        "--agency",
        "某某县人民政府",
        "--year",
        2024,
    )
    assert code == 0, out
    total, _ = import_workbook(out_path, form)
    assert total.value("t4.review.total") == sum(r.value("t4.review.total") for _, r in given)  # type: ignore[misc]


def test_nothing_to_sum_exits_2_without_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "total.json"
    code, out, err = run(
        capsys,
        "aggregate",
        DATA / "seed-donghu-zwfw-2023.json",
        tmp_path / "missing.json",
        "-o",
        out_path,
        "--agency",
        "某某县人民政府",
        "--year",
        2024,
    )
    assert code == 2 and not out_path.exists()
    assert "年度为 2023" in out and "文件不存在" in out and "没有任何一份报告可以相加" in err


def test_reports_in_the_store(form: Form, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "drafts.db"
    rng = random.Random(3)
    reports = [generated(form, rng, 2024, name) for name in ("甲局", "乙局")]
    older = generated(form, rng, 2023, "丙局")
    with Store.open(db) as store:
        ids = [store.import_report(r) for r in (*reports, older)]
    out_path = tmp_path / "total.json"
    code, out, _ = run(
        capsys,
        "aggregate",
        "db:all",
        "-o",
        out_path,
        "--agency",
        "某某县人民政府",
        "--year",
        2024,
        "--db",
        db,
    )
    assert code == 0, out
    total = read_report(out_path, form).report
    assert total.value("t3.results_total.total") == sum(r.value("t3.results_total.total") for r in reports)  # type: ignore[misc]
    assert sorted(s["source"] for s in total.extra["aggregate"]["sources"]) == [f"db:{i}" for i in ids[:2]]
    code, out, _ = run(
        capsys,
        "aggregate",
        f"db:{ids[0]}",
        "db:999",
        "db:x",
        "-o",
        out_path,
        "--agency",
        "某某县人民政府",
        "--year",
        2024,
        "--db",
        db,
    )
    assert code == 1
    assert "db:999" in out and "db:x" in out and "1 份报告相加" in out


def test_export_command(form: Form, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "huaian.xlsx"
    code, out, _ = run(capsys, "export", DATA / "huaian-city-gov-2024.json", "-o", out_path)
    assert code == 0 and str(out_path) in out
    back, _ = import_workbook(out_path, form)
    assert back == read_report(DATA / "huaian-city-gov-2024.json", form).report
    code, _, err = run(capsys, "export", DATA / "huaian-city-gov-2024.json", "-o", tmp_path / "x.xls")
    assert code == 2 and ".xlsx" in err
    code, _, err = run(capsys, "export", tmp_path / "none.json", "-o", out_path)
    assert code == 2 and "文件不存在" in err


def test_export_names_values_that_will_not_read_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((DATA / "seed-donghu-zwfw-2023.json").read_text(encoding="utf-8"))
    data["cells"]["t4.review.upheld"] = "两件"
    src = tmp_path / "draft.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "export", src, "-o", tmp_path / "draft.xlsx")
    assert code == 0
    assert "表四!A5" in err and "两件" in err


def test_a_published_report_is_an_input_too(
    form: Form, huaian: Report, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reportdesk.render.docx import render_docx

    docx = tmp_path / "huaian.docx"
    docx.write_bytes(render_docx(form, huaian))
    out_path = tmp_path / "total.json"
    code, out, _ = run(
        capsys, "aggregate", docx, "-o", out_path, "--agency", "某某省人民政府", "--year", 2024
    )
    assert code == 0, out
    total = read_report(out_path, form).report
    assert dict(total.cells) == dict(huaian.cells)
