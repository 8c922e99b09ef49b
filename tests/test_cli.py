"""The reportdesk command line: check, new, totals — output, exit codes, messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reportdesk.cli import main

from .conftest import DATA

SEED = DATA / "seed-donghu-zwfw-2023.json"
HZ23 = DATA / "hongze-district-gov-2023.json"
HZ24 = DATA / "hongze-district-gov-2024.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_clean_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", SEED)
    assert code == 0
    assert "没有发现问题" in out


def test_check_json_lists_findings_with_the_contract_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", HZ23, "--json")
    assert code == 1
    findings = json.loads(out)
    assert {"code", "level", "cells", "message", "accepted"} <= set(findings[0])
    t4 = [f for f in findings if f["code"] == "T4-TOTAL"]
    assert [f["cells"][0] for f in t4] == ["t4.review.total", "t4.suit_after_review.total"]
    assert all(f["level"] == "error" and f["accepted"] is False for f in t4)


def test_check_with_previous_runs_cross_year_rules(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    last = json.loads(HZ23.read_text(encoding="utf-8"))
    last["cells"]["t3.carried_out.natural"] = 4
    (tmp_path / "last.json").write_text(json.dumps(last, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "check", HZ24, "--previous", tmp_path / "last.json", "--json")
    assert code == 1  # hongze prints （六） without sub-items: BLANK errors
    assert "X-CARRY" in {f["code"] for f in json.loads(out)}


def test_check_lists_each_section_once_in_report_order(capsys: pytest.CaptureFixture[str]) -> None:
    """A finding on a text and on table cells (TXT-NUM) is listed where it sorts: under its text."""
    _, out, _ = run(capsys, "check", HZ24, "--previous", HZ23)
    headings = [line for line in out.splitlines() if line and not line.startswith(" ") and "、" in line[:3]]
    numbers = "一二三四五六"
    assert headings == sorted(set(headings), key=lambda h: numbers.index(h[0]))
    assert headings[:3] == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]


def test_previous_of_the_wrong_year_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", HZ24, "--previous", HZ24)
    assert code == 2
    assert "应为 2023 年" in err


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "文件不存在"),
        ("{oops", "不是有效的 JSON"),
        ('{"format": "other/1", "year": 2024}', "只读取"),
        (
            '{"format": "gov-info-annual-report/2021", "year": 2024, "cells": {"t3.new.natural": {"a": 1}}}',
            "t3.new.natural",
        ),
    ],
)
def test_unreadable_file_exits_2_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | None, reason: str
) -> None:
    path = tmp_path / "r.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "check", path)
    assert code == 2
    assert str(path) in err and reason in err
    assert out == ""


def test_unknown_keys_are_mentioned_on_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["cells"]["t3.new.robots"] = 1
    (tmp_path / "r.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "check", tmp_path / "r.json")
    assert code == 0
    assert "t3.new.robots" in err


def test_new_then_totals(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "new.json"
    code, _, _ = run(
        capsys, "new", "--year", "2025", "--agency", "某某县交通运输局", "--kind", "department", "-o", out
    )
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "gov-info-annual-report/2021"
    assert (data["year"], data["agency"]["name"], data["agency"]["kind"]) == (
        2025,
        "某某县交通运输局",
        "department",
    )
    assert len(data["cells"]) == 200 and set(data["cells"].values()) == {None}
    assert set(data["texts"].values()) == {""}

    data["cells"].update({"t3.new.natural": 5, "t3.new.legal": 2, "t4.review.upheld": 1})
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, _ = run(capsys, "totals", out, "-o", tmp_path / "totals.json")
    assert code == 0
    cells = json.loads((tmp_path / "totals.json").read_text(encoding="utf-8"))["cells"]
    assert (cells["t3.new.total"], cells["t4.review.total"], cells["t3.carried_in.total"]) == (7, 1, None)


def test_totals_keeps_a_report_and_overwrites_printed_totals(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = run(capsys, "totals", HZ23, "-o", tmp_path / "t.json")
    assert code == 0
    cells = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["cells"]
    assert (cells["t4.review.total"], cells["t4.suit_after_review.total"]) == (11, 5)


def test_output_into_a_missing_folder_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "new", "--year", "2025", "--agency", "x", "-o", tmp_path / "nope" / "r.json")
    assert code == 2
    assert "文件夹不存在" in err


def test_bad_year_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as e:
        main(["new", "--year", "二〇二五", "--agency", "x", "-o", str(tmp_path / "r.json")])
    assert e.value.code == 2
    assert "不是整数" in capsys.readouterr().err


def test_the_installed_command_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reportdesk", "check", str(SEED), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
