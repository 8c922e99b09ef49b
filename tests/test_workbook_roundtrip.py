"""Excel export: JSON → .xlsx → JSON is lossless, and the workbook looks like the printed tables."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from reportdesk.form import Form
from reportdesk.report import Agency, Report, derive, dumps, loads
from reportdesk.values import Invalid
from reportdesk.workbook import import_workbook, workbook_bytes, write_workbook
from reportdesk.workbook.layout import table3, table4

from .conftest import DATA


def round_trip(report: Report, form: Form, tmp_path: Path) -> tuple[Report, list[str]]:
    path = tmp_path / "r.xlsx"
    write_workbook(report, form, path)
    return import_workbook(path, form)


def opened(report: Report, form: Form) -> openpyxl.Workbook:
    data, _ = workbook_bytes(report, form)
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.mark.parametrize("path", sorted(DATA.glob("*.json")), ids=lambda p: p.stem)
def test_json_xlsx_json_is_identical(form: Form, path: Path, tmp_path: Path) -> None:
    original = loads(path.read_text(encoding="utf-8"), form).report
    back, notes = round_trip(original, form, tmp_path)
    assert dumps(back, form) == path.read_text(encoding="utf-8")
    assert any("由 reportdesk" in n for n in notes)


def test_printed_wrong_totals_stay_as_printed(form: Form, hongze2023: Report, tmp_path: Path) -> None:
    wb = opened(hongze2023, form)
    ws = wb["表四"]
    cells = table4(form).cells
    review_total = ws.cell(*cells["t4.review.total"])
    # Printed 0 while 10 + 1 + 0 + 0 = 11: the number itself, shaded, with the sum in a comment.
    assert review_total.value == 0
    assert review_total.comment is not None and "11" in review_total.comment.text
    assert str(ws.cell(*cells["t4.suit_direct.total"]).value).startswith("=")
    back, _ = round_trip(hongze2023, form, tmp_path)
    assert back.value("t4.review.total") == 0
    assert back.value("t4.suit_after_review.total") == 0


def test_totals_are_live_formulas_and_blank_rows_stay_blank(form: Form, hongze2023: Report) -> None:
    ws = opened(hongze2023, form)["表三"]
    cells = table3(form).cells
    row_total = ws.cell(*cells["t3.new.total"]).value
    assert row_total.startswith("=IF(COUNT(") and "SUM(" in row_total
    column_total = ws.cell(*cells["t3.results_total.natural"]).value
    assert column_total.startswith("=IF(COUNT(")
    # （六）1 is blank in the printed report: its total formula shows blank, and reads back blank.
    assert str(ws.cell(*cells["t3.other.1.total"]).value).startswith("=IF(COUNT(")


def test_layout_follows_the_printed_table(form: Form, huaian: Report) -> None:
    wb = opened(huaian, form)
    ws = wb["表三"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    by_text = {ws.cell(r.min_row, r.min_col).value: str(r) for r in ws.merged_cells.ranges}
    layout = table3(form)
    first_value_col = min(c for _, c in layout.cells.values())
    assert ws.cell(2, 1).value == form.t3.corner
    assert by_text[form.t3.column_header].endswith("2")  # one row, over every column
    group = next(c.group for c in form.t3.columns if c.group)
    grouped = [c for c in form.t3.columns if c.group == group]
    low, high = by_text[group].split(":")
    assert (
        openpyxl.utils.cell.coordinate_to_tuple(high)[1] - openpyxl.utils.cell.coordinate_to_tuple(low)[1]
        == len(grouped) - 1
    )
    for node in form.t3.tree:
        if node.key is None:  # 三、本年度办理结果: merged down over all its rows
            low, high = (openpyxl.utils.cell.coordinate_to_tuple(x) for x in by_text[node.label].split(":"))
            assert high[0] - low[0] + 1 == sum(1 for r in form.t3.rows if r.path[:1] == (node.label,))
            for child in node.children:
                if child.children:  # （三）…（六）: merged down over their sub-items
                    assert child.label in by_text
    assert len(merged) > 10
    assert first_value_col == 4
    assert [ws.cell(*layout.cells[f"t3.new.{c.key}"]).number_format for c in form.t3.columns] == ["0"] * 7
    assert wb.sheetnames[:5] == ["报告信息", "表二", "表三", "表四", "文字"]
    assert wb["reportdesk"].sheet_state == "hidden"
    assert wb["表三"].column_dimensions["C"].width > 30
    assert wb["文字"].cell(2, 4).alignment.wrap_text


def test_amounts_keep_their_digits(form: Form, seed: Report, tmp_path: Path) -> None:
    for text in ("4068.208", "96171.6", "0.50", "7545", "12345678901234567.891", "0"):
        report = seed.with_cell("t2.fees.amount", Decimal(text))
        back, _ = round_trip(report, form, tmp_path)
        assert str(back.value("t2.fees.amount")) == text
    ws = opened(seed.with_cell("t2.fees.amount", Decimal("4068.208")), form)["表二"]
    fee = next(c for row in ws.iter_rows() for c in row if c.value == 4068.208)
    assert fee.number_format == "0.000"


def test_an_amount_edited_in_excel_is_read_as_shown(form: Form, seed: Report, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_workbook(seed.with_cell("t2.fees.amount", Decimal("0.50")), form, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["表二"]
    fee = next(c for row in ws.iter_rows() for c in row if c.value == 0.5)
    fee.value = 12.35
    wb.save(path)
    back, _ = import_workbook(path, form)
    assert back.value("t2.fees.amount") == Decimal("12.35")


def test_edited_leaf_recomputes_reportdesk_totals(form: Form, seed: Report, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_workbook(seed, form, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["表三"]
    layout = table3(form)
    ws.cell(*layout.cells["t3.disclosed.commercial"]).value = 5
    ws.cell(*layout.cells["t3.new.commercial"]).value = (seed.value("t3.new.commercial") or 0) + 5
    wb.save(path)
    back, notes = import_workbook(path, form)
    expected = derive(
        seed.with_cells(
            {"t3.disclosed.commercial": 5, "t3.new.commercial": (seed.value("t3.new.commercial") or 0) + 5}
        ),
        form,
    )
    assert back.cells == expected.cells
    assert back.value("t3.results_total.total") == (seed.value("t3.results_total.total") or 0) + 5
    assert any("重新计算" in n for n in notes)


def test_a_total_overwritten_by_hand_is_kept(form: Form, seed: Report, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_workbook(seed, form, path)
    wb = openpyxl.load_workbook(path)
    wb["表四"].cell(*table4(form).cells["t4.review.total"]).value = 99
    wb.save(path)
    back, _ = import_workbook(path, form)
    assert back.value("t4.review.total") == 99


def test_everything_else_survives(form: Form, seed: Report, tmp_path: Path) -> None:
    data = json.loads(dumps(seed, form))
    data["explanations"]["X-CARRY"] = "上年结转口径调整"
    data["generator"] = {"name": "other-tool", "ratio": Decimal("1.50")}
    data["agency"]["code"] = "11420100MB1234"
    data["cells"]["t9.extra.cell"] = 5
    data["texts"]["s7"] = "附加说明"
    data["texts"]["s6"] = "含控制符\x0b与回车\r\n及字面 _x0041_ 和 _x005F_。" + "长" * 40_000
    data["texts"]["intro"] = ""
    report = loads(json.dumps(data, ensure_ascii=False, default=str), form).report
    report = report.with_cell("t3.new.natural", seed.value("t3.new.natural"))
    back, _ = round_trip(report, form, tmp_path)
    assert back == report
    assert isinstance(back.extra["generator"]["ratio"], str)  # given as text above, kept as text
    with_decimal = loads(dumps(seed, form).rstrip().removesuffix("}") + ', "ratio": 1.50}', form).report
    assert round_trip(with_decimal, form, tmp_path)[0].extra["ratio"] == Decimal("1.50")


def test_invalid_values_are_written_as_given_and_named(form: Form, seed: Report, tmp_path: Path) -> None:
    report = seed.with_cell("t3.new.natural", Invalid("四十二", "不是数字"))
    data, notes = workbook_bytes(report, form)
    assert any("表三!D5" in n and "四十二" in n for n in notes)
    ws = openpyxl.load_workbook(io.BytesIO(data))["表三"]
    assert ws["D5"].value == "四十二"


def test_empty_report_exports_blank_cells_and_live_totals(form: Form, tmp_path: Path) -> None:
    empty = Report.empty(
        form, 2025, Agency(name="某某县交通运输局", region="某某县", website="https://x.gov.cn")
    )
    ws = opened(empty, form)["表三"]
    layout = table3(form)
    assert ws.cell(*layout.cells["t3.new.natural"]).value is None
    assert str(ws.cell(*layout.cells["t3.new.total"]).value).startswith("=IF(COUNT(")
    back, _ = round_trip(empty, form, tmp_path)
    assert back == empty
