"""Workbooks: what the sheets show counts (the hidden payload only adds), no string becomes a
formula, no text becomes a number, and a damaged payload is refused in Chinese."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from reportdesk import jsontext
from reportdesk.aggregate import FLAGGED, aggregate
from reportdesk.cli import main
from reportdesk.form import Form
from reportdesk.hidden import remove_hidden
from reportdesk.inputs import read_file
from reportdesk.report import Agency, Report, dumps, loads
from reportdesk.values import Invalid
from reportdesk.workbook import PAYLOAD_CONFLICT, import_workbook, workbook_bytes, write_workbook
from reportdesk.workbook.cellvalues import escaped_pieces, unescape_text
from reportdesk.workbook.layout import table_sheets
from reportdesk.workbook.marker import CHUNK, DATA_SHEET

from . import hostile


def _payload_rows(ws: Any) -> list[Any]:
    return [row for row in ws.iter_rows() if row[0].value == "payload"]


def read_payload(path: Path) -> dict[str, Any]:
    ws = openpyxl.load_workbook(path)[DATA_SHEET]
    text = unescape_text("".join(row[1].value for row in _payload_rows(ws)))
    payload: dict[str, Any] = jsontext.parse(text)
    return payload


def write_payload(path: Path, text: str) -> None:
    """Replace the hidden payload by ``text`` (as another program could)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    rows = _payload_rows(ws)
    for row in rows:
        row[1].value = None
    for row, piece in zip(rows * 40, escaped_pieces(text, CHUNK), strict=False):
        row[1].value = piece
        row[1].data_type = "s"
    wb.save(path)


def tamper(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    payload = read_payload(path)
    change(payload)
    write_payload(path, jsontext.dump(payload))


# Each tampering of the payload, and what the sheets say instead (which must be what is read).
TAMPERING: dict[str, tuple[Callable[[dict[str, Any]], None], Callable[[Report], object], object]] = {
    "extra.cells": (
        lambda p: p["extra"].update(cells={"t3.new.natural": 1042}),
        lambda r: r.value("t3.new.natural"),
        42,
    ),
    "cells (a form cell)": (
        lambda p: p["cells"].update({"t3.new.natural": 1042}),
        lambda r: r.value("t3.new.natural"),
        42,
    ),
    "extra.year": (lambda p: p["extra"].update(year=2020), lambda r: r.year, 2023),
    "extra.texts": (
        lambda p: p["extra"].update(texts={"s6": "另一段文字"}),
        lambda r: r.text("s6")[:4],
        "按照《国",
    ),
    "agency.name": (
        lambda p: p["agency"].update(name="假机关"),
        lambda r: r.agency.name,
        "政务服务和大数据管理局",
    ),
    "extra.agency": (
        lambda p: p["extra"].update(agency={"kind": "government"}),
        lambda r: r.agency.kind,
        "department",
    ),
    "format": (lambda p: p.update(format="other/1"), lambda r: r.format, "gov-info-annual-report/2021"),
}


@pytest.mark.parametrize("how", TAMPERING)
def test_the_sheets_win_over_a_tampered_payload(form: Form, seed: Report, tmp_path: Path, how: str) -> None:
    change, read, shown = TAMPERING[how]
    path = tmp_path / "r.xlsx"
    write_workbook(seed, form, path)
    tamper(path, change)
    report, notes = import_workbook(path, form)
    assert read(report) == shown
    conflicts = [n for n in notes if n.startswith(PAYLOAD_CONFLICT)]
    assert len(conflicts) == 1 and "按工作表读取" in conflicts[0], notes
    assert report.explanations == seed.explanations


def test_an_untampered_workbook_reports_no_conflict(form: Form, seed: Report, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_workbook(seed, form, path)
    _, notes = import_workbook(path, form)
    assert not [n for n in notes if n.startswith(PAYLOAD_CONFLICT)]


def test_an_aggregate_sums_what_the_sheet_shows_and_flags_the_workbook(
    form: Form, seed: Report, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "body.xlsx"
    write_workbook(seed, form, path)
    tamper(path, lambda p: p["extra"].update(cells={"t3.new.natural": 1042}))
    item, _ = read_file(path, form)
    result = aggregate([item], form, year=2023, agency=Agency(name="某县人民政府"))
    assert result.report.value("t3.new.natural") == 42
    assert [s.status for s in result.sources] == [FLAGGED]
    assert "按工作表读取" in result.sources[0].reasons[-1]
    code = main(
        ["aggregate", str(path), "-o", str(tmp_path / "t.json"), "--agency", "某县人民政府", "--year", "2023"]
    )
    out = capsys.readouterr().out
    assert code == 1 and "计入但需核实" in out and "1042" in out


def test_a_changed_amount_is_read_from_the_sheet_and_said(form: Form, seed: Report, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_workbook(seed.with_cell("t2.fees.amount", Decimal("4068.208")), form, path)
    wb = openpyxl.load_workbook(path)
    sheet = next(s for s in table_sheets(form) if "t2.fees.amount" in s.cells)
    wb[sheet.name].cell(*sheet.cells["t2.fees.amount"]).value = 12.5
    wb.save(path)
    report, notes = import_workbook(path, form)
    assert report.value("t2.fees.amount") == Decimal("12.5")
    assert any("与导出时的 4068.208 不同" in n for n in notes)


DAMAGED = {
    "bad $decimal (version 1)": '{"format": "gov-info-annual-report/2021", "extra": {"x": {"$decimal": "abc"}}}',
    "bad amount digits": '{"v": 2, "amounts": {"t2.fees.amount": "abc"}}',
    "nested deep": "[" * 100_000 + "]" * 100_000,
    "duplicate key": '{"v": 2, "extra": {}, "extra": {"x": 1}}',
    "integer of 5000 digits": '{"v": 2, "extra": {"x": ' + "9" * 5000 + "}}",
    "lone surrogate": '{"v": 2, "extra": {"x": "\\ud800"}}',
    "not JSON": "{",
}


@pytest.mark.parametrize("how", DAMAGED)
def test_a_damaged_payload_is_refused_in_chinese(
    form: Form, seed: Report, tmp_path: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.xlsx"
    write_workbook(seed, form, path)
    write_payload(path, DAMAGED[how])
    code = main(["import", str(path), "-o", str(tmp_path / "o.json")])
    err = capsys.readouterr().err
    hostile.assert_clean(code, err, hide=(str(tmp_path),))
    assert code == 2 and "附加数据已损坏" in err
    assert not (tmp_path / "o.json").exists()


def test_a_tag_in_the_officers_data_stays_data(form: Form, seed: Report, tmp_path: Path) -> None:
    """``{"$decimal": "7"}`` under an unknown key is an object, before and after a workbook."""
    text = dumps(seed, form)[:-2] + ',\n  "x": {"$decimal": "7"}\n}\n'
    report = loads(text, form).report
    back, _ = import_workbook(_written(report, form, tmp_path), form)
    assert back.extra["x"] == {"$decimal": "7"}
    assert dumps(back, form) == dumps(report, form)


def _written(report: Report, form: Form, tmp_path: Path) -> Path:
    path = tmp_path / "r.xlsx"
    write_workbook(report, form, path)
    return path


FORMULAS = ("=cmd|' /C calc'!A0", '=HYPERLINK("http://x.example","点此")', "+1+1", "-2+3", "@SUM(1)")


def test_no_string_becomes_a_formula(form: Form, seed: Report) -> None:
    report = seed.with_agency(
        Agency(name=FORMULAS[0], region=FORMULAS[1], kind="department", website=FORMULAS[2])
    )
    report = report.with_text("s6", FORMULAS[1]).with_text("s5.problems", "甲" * CHUNK + FORMULAS[0])
    report = report.with_text("=unknown", FORMULAS[3])
    report = report.with_cells(
        {"t3.new.natural": Invalid(FORMULAS[4], "不是数字"), "t2.fees.amount": Invalid(FORMULAS[0], "x")}
    )
    report = report.with_explanation("X-CARRY", FORMULAS[0] + "甲" * (2 * CHUNK))
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(report, form)[0]))
    ours = {
        (sheet.name, pos)
        for sheet in table_sheets(form)
        for key, pos in sheet.cells.items()
        if form.cells[key].computed
    }
    strings = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert (ws.title, (cell.row, cell.column)) in ours, (
                        ws.title,
                        cell.coordinate,
                        cell.value,
                    )
                    assert str(cell.value).startswith("=IF(COUNT(")
                elif isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate)
                    strings += 1
    assert strings >= 7  # agency ×3, s6, the later chunk, the unknown text, the refused cells, payload


def test_injected_text_reads_back_as_the_same_text(form: Form, seed: Report, tmp_path: Path) -> None:
    report = seed.with_text("s6", FORMULAS[1]).with_text("s5.problems", "甲" * CHUNK + FORMULAS[0])
    report = report.with_agency(Agency(name=FORMULAS[0], kind="department"))
    back, _ = import_workbook(_written(report, form, tmp_path), form)
    assert back.text("s6") == FORMULAS[1]
    assert back.text("s5.problems") == report.text("s5.problems")
    assert back.agency.name == FORMULAS[0]


@pytest.mark.parametrize("text", ["_x0041_" * 9000, "\x01" * 40_000, "甲" * (CHUNK - 3) + "_x0041_" + "乙"])
def test_escapes_never_overflow_a_cell_nor_break_in_two(
    form: Form, seed: Report, tmp_path: Path, text: str
) -> None:
    report = seed.with_text("s6", text).with_explanation("X-CARRY", text)
    path = _written(report, form, tmp_path)
    wb = openpyxl.load_workbook(path)
    assert (
        max(len(str(c.value or "")) for ws in wb.worksheets for row in ws.iter_rows() for c in row) <= 32_767
    )
    back, notes = import_workbook(path, form)
    visible, hidden = remove_hidden(text)  # control characters are removed where a file is read
    assert back.text("s6") == visible and back.explanations["X-CARRY"] == visible
    assert bool(hidden) == any("看不见的字符" in n for n in notes)


def test_a_count_beyond_the_ceiling_keeps_its_digits_and_is_named(
    form: Form, seed: Report, tmp_path: Path
) -> None:
    report = loads(hostile.huge_count(tmp_path / "h.json").read_text(encoding="utf-8"), form).report
    path = _written(report, form, tmp_path)
    wb = openpyxl.load_workbook(path)
    sheet = next(s for s in table_sheets(form) if "t3.new.natural" in s.cells)
    assert wb[sheet.name].cell(*sheet.cells["t3.new.natural"]).value == "12345678901234567890"
    with pytest.raises(Exception, match="12345678901234567890 超过了件数的上限"):
        import_workbook(path, form)


def test_a_lone_surrogate_escape_in_a_cell_is_not_decoded() -> None:
    assert unescape_text("_xD800_甲_x0041_") == "_xD800_甲A"
