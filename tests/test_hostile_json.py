"""Hostile exchange JSON through every command that reads a report: refused with a Chinese reason
saying what, exit 2, no traceback, nothing written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from reportdesk.cli import main
from reportdesk.form import Form
from reportdesk.report import dumps, loads

from . import hostile

CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "nested 100k deep": (hostile.deep_json, "嵌套层数"),
    "nested 100 deep under an unknown key": (hostile.deep_in_report, "嵌套层数超过 64 层"),
    "integer of 5000 digits": (hostile.big_integer, "5000 位的整数"),
    "lone surrogate": (hostile.lone_surrogate, "孤立的 UTF-16 代理项"),
    "key given twice": (hostile.duplicate_key, "键“year”在同一个对象中出现了两次（2023 和 2020）"),
    "cell given twice": (hostile.duplicate_cell, "键“t3.new.natural”在同一个对象中出现了两次（42 和 7）"),
    "NaN": (hostile.not_a_number, "“NaN”不是 JSON 中允许的数值"),
    "2 GB": (hostile.sparse, "文件过大（2.0 GB"),
}

COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "check": lambda src, out: ["check", str(src)],
    "totals": lambda src, out: ["totals", str(src), "-o", str(out / "o.json")],
    "render": lambda src, out: ["render", str(src), "-o", str(out / "o.docx"), "--draft"],
    "export": lambda src, out: ["export", str(src), "-o", str(out / "o.xlsx")],
    "db import": lambda src, out: ["db", "import", str(src), "--db", str(out / "d.db")],
    "aggregate": lambda src, out: [
        "aggregate", str(src), "-o", str(out / "o.json"), "--agency", "某县人民政府", "--year", "2023"
    ],
}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", COMMANDS)
def test_hostile_report_is_refused_by_every_command(
    case: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, reason = CASES[case]
    source = make(tmp_path / "in.json")
    out = tmp_path / "out"
    out.mkdir()
    code = main(COMMANDS[command](source, out))
    said, err = capsys.readouterr()
    hostile.assert_clean(code, err, hide=(str(tmp_path),))
    assert code == 2, err
    assert reason in said + err  # aggregate lists refused inputs on stdout
    assert list(out.iterdir()) == []


def test_huge_count_is_a_value_error_and_keeps_its_digits(form: Form, tmp_path: Path) -> None:
    source = hostile.huge_count(tmp_path / "in.json")
    loaded = loads(source.read_text(encoding="utf-8"), form)
    value = loaded.report.cells["t3.new.natural"]
    assert "超过了件数的上限" in getattr(value, "reason", "")
    assert '"t3.new.natural": 12345678901234567890,' in dumps(loaded.report, form)


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        (999_999_999, True),
        (1_000_000_000, False),
        ("99999999.999999", True),
        ("100000000", False),
        ("0.1234567", False),
        ("0.123456", True),
        ("1E+8", False),
    ],
)
def test_ceilings_of_the_spec(form: Form, raw: object, ok: bool) -> None:
    key = "t3.new.natural" if isinstance(raw, int) else "t2.fees.amount"
    data = hostile.seed_data()
    data["cells"][key] = raw
    value = loads(json.dumps(data), form).report.cells[key]
    assert (not hasattr(value, "reason")) is ok, value


def test_a_forged_marker_stays_text(form: Form, tmp_path: Path) -> None:
    """Text shaped like an internal marker is written back as the same text, never as a number."""
    source = hostile.forged_marker(tmp_path / "in.json")
    loaded = loads(source.read_text(encoding="utf-8"), form)
    again = loads(dumps(loaded.report, form), form).report
    # A control character is hidden text: removed where the file is read, and the officer told.
    assert again.texts["s6"] == "decimal:7"
    assert any("U+0000" in n for n in loaded.notices)
    assert getattr(again.cells["t3.new.natural"], "raw", None) == "\u0000decimal:7"


def test_decimals_keep_their_digits_through_json(form: Form) -> None:
    data = hostile.seed_data()
    data["cells"]["t3.new.natural"] = "1.10"
    text = json.dumps(data).replace('"1.10"', "1.10")
    text = text[:-1] + ', "x": {"a": 5E0, "b": [1.000, -0.0]}}'
    written = dumps(loads(text, form).report, form)
    assert '"t3.new.natural": 1.10,' in written
    assert '"a": 5E0' in written and "1.000" in written and "-0.0" in written


SHAPES: dict[str, tuple[str, object, str]] = {
    # case: (key, value, what the message must say)
    "year as a string": ("year", "2023", '"year" 的值 “2023”（文字） 不是有效的年度'),
    "year as a float": ("year", 2023.0, '"year" 的值 2023.0 不是有效的年度'),
    "year as a bool": ("year", True, '"year" 的值 true 不是有效的年度'),
    "year null": ("year", None, '"year" 的值 null 不是有效的年度'),
    "year a list": ("year", [2023], '"year" 的值 列表 不是有效的年度'),
    "format a float": ("format", 2021.5, "格式为 2021.5，本程序只读取"),
    "format an object": ("format", {"v": 1}, "格式为 对象，本程序只读取"),
    "text a number": ("texts", {"s6": 5}, '"texts.s6" 应为文字，实为 5'),
    "text a bool": ("texts", {"s6": False}, '"texts.s6" 应为文字，实为 false'),
    "text a list": ("texts", {"s6": ["a"]}, '"texts.s6" 应为文字，实为 列表'),
    "kind unknown": (
        "agency",
        {"name": "某局", "kind": "县政府"},
        '"agency.kind" 的值 “县政府”（文字） 无效',
    ),
}


@pytest.mark.parametrize("case", SHAPES)
def test_odd_shapes_are_said_in_json_words(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A value of the wrong JSON type is shown as JSON shows it, never as Python's repr
    (Decimal('2023.0'), True, 'int')."""
    key, value, said = SHAPES[case]
    data = hostile.seed_data()
    data[key] = value
    src = tmp_path / "in.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code = main(["check", str(src)])
    _, err = capsys.readouterr()
    hostile.assert_clean(code, err, hide=(str(tmp_path),))
    assert code == 2 and said in err, err
    for python in ("Decimal(", "True", "False", "None", "'", " int", " str", " list", " dict"):
        assert python not in err, err
