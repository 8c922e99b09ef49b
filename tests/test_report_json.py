"""The exchange JSON: lossless read and write, and files that cannot be read."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from reportdesk.form import Form
from reportdesk.report import Agency, Report, ReportFileError, derive, dumps, loads, read_report
from reportdesk.values import Invalid

from .conftest import DATA


@pytest.mark.parametrize("path", sorted(DATA.glob("*.json")), ids=lambda p: p.stem)
def test_round_trip_is_byte_identical(form: Form, path: Path) -> None:
    loaded = read_report(path, form)
    assert loaded.notices == ()
    assert dumps(loaded.report, form) == path.read_text(encoding="utf-8")


def test_amount_is_exact(form: Form, huaian: Report) -> None:
    assert huaian.value("t2.fees.amount") == Decimal("96171.6")
    data = json.loads(dumps(huaian, form))
    assert data["cells"]["t2.fees.amount"] == "96171.6"


def test_amount_given_as_json_number_stays_exact(form: Form, seed: Report) -> None:
    data = json.loads(dumps(seed, form))
    text = json.dumps(data).replace('"t2.fees.amount": "0"', '"t2.fees.amount": 4068.208')
    report = loads(text, form).report
    assert report.value("t2.fees.amount") == Decimal("4068.208")
    assert json.loads(dumps(report, form))["cells"]["t2.fees.amount"] == "4068.208"


def test_unknown_keys_are_kept_and_reported(form: Form, seed: Report) -> None:
    data = json.loads(dumps(seed, form))
    data["generator"] = "other-tool 1.0"
    data["agency"]["code"] = "11420100MB1234"
    data["cells"]["t9.extra.cell"] = 5
    data["texts"]["s7"] = "附加说明"
    data["explanations"]["NO-SUCH"] = "…"
    loaded = loads(json.dumps(data, ensure_ascii=False), form)
    notices = "\n".join(loaded.notices)
    for key in ("generator", "agency.code", "cells.t9.extra.cell", "texts.s7", "NO-SUCH"):
        assert key in notices
    again = json.loads(dumps(loaded.report, form))
    assert again == data


def test_blank_and_zero_differ(form: Form) -> None:
    r = Report.empty(form, 2024, Agency(name="测试局"))
    r = r.with_cell("t3.new.natural", 0)
    data = json.loads(dumps(r, form))
    assert data["cells"]["t3.new.natural"] == 0
    assert data["cells"]["t3.new.commercial"] is None
    back = loads(json.dumps(data), form).report
    assert back.value("t3.new.natural") == 0
    assert back.value("t3.new.commercial") is None


def test_invalid_values_are_kept_for_the_checks(form: Form, seed: Report) -> None:
    data = json.loads(dumps(seed, form))
    data["cells"]["t3.new.natural"] = "四十二"
    data["cells"]["t3.new.commercial"] = -1
    data["cells"]["t3.new.research"] = 1.5
    report = loads(json.dumps(data, ensure_ascii=False), form).report
    assert isinstance(report.value("t3.new.natural"), Invalid)
    assert isinstance(report.value("t3.new.commercial"), Invalid)
    assert isinstance(report.value("t3.new.research"), Invalid)
    assert json.loads(dumps(report, form))["cells"] == data["cells"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "不是有效的 JSON（第 1 行"),
        ("[1, 2]", "不是一个 JSON 对象"),
        ('{"year": 2024}', '缺少 "format"'),
        ('{"format": "gov-info-annual-report/2019", "year": 2024}', "只读取"),
        ('{"format": "gov-info-annual-report/2021", "year": "2024年"}', "year"),
        (
            '{"format": "gov-info-annual-report/2021", "year": 2024, "agency": {"kind": "bureau"}}',
            "agency.kind",
        ),
        ('{"format": "gov-info-annual-report/2021", "year": 2024, "texts": {"s6": 5}}', "texts.s6"),
        (
            '{"format": "gov-info-annual-report/2021", "year": 2024, "cells": {"t3.new.natural": [1]}}',
            "t3.new.natural",
        ),
        (
            '{"format": "gov-info-annual-report/2021", "year": 2024, "explanations": {"COPY": 1}}',
            "explanations",
        ),
    ],
)
def test_unreadable_content_says_why(form: Form, text: str, reason: str) -> None:
    with pytest.raises(ReportFileError) as e:
        loads(text, form, "x.json")
    assert reason in str(e.value)
    assert "x.json" in str(e.value)


def test_unreadable_files_say_which_and_why(form: Form, tmp_path: Path) -> None:
    with pytest.raises(ReportFileError, match="文件不存在"):
        read_report(tmp_path / "missing.json", form)
    (tmp_path / "word.json").write_bytes(b"PK\x03\x04\xff\xfe binary")
    with pytest.raises(ReportFileError, match="UTF-8"):
        read_report(tmp_path / "word.json", form)
    with pytest.raises(ReportFileError, match="文件夹"):
        read_report(tmp_path, form)


def test_derive_fills_every_total(form: Form, seed: Report) -> None:
    stripped = seed.with_cells({k: None for k in form.computed_cells})
    assert derive(stripped, form).cells == seed.cells


def test_derive_leaves_all_blank_totals_blank(form: Form) -> None:
    r = derive(Report.empty(form, 2024, Agency(name="x")), form)
    assert all(r.value(k) is None for k in form.computed_cells)
    r = derive(r.with_cell("t3.new.legal", 3), form)
    assert r.value("t3.new.total") == 3
    assert r.value("t3.carried_in.total") is None


def test_numbers_keep_their_digits_as_read(form: Form, seed: Report) -> None:
    data = json.loads(dumps(seed, form))
    data["cells"]["t3.new.natural"] = "@1@"
    data["ratio"] = ["@2@", "@3@"]
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = text.replace('"@1@"', "1.10").replace('"@2@"', "2.50").replace('"@3@"', "1E+3")
    out = dumps(loads(text, form).report, form)
    assert '"t3.new.natural": 1.10,' in out
    assert "2.50," in out and "1E+3" in out
