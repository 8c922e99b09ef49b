"""Importing workbooks an office made by hand in the official layout: found by labels, not coordinates."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest

from reportdesk.form import Form
from reportdesk.report import Agency, Report
from reportdesk.workbook import WorkbookError, import_workbook

from .workbook_support import handmade


def save(wb: openpyxl.Workbook, tmp_path: Path, name: str = "hand.xlsx") -> Path:
    path = tmp_path / name
    wb.save(path)
    return path


def squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def find(ws: openpyxl.worksheet.worksheet.Worksheet, text: str) -> openpyxl.cell.Cell:
    """The first cell whose text (width folded, spaces dropped) contains ``text``."""
    return next(
        c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and squeezed(text) in squeezed(c.value)
    )


@pytest.mark.parametrize("name", ["seed", "huaian", "hongze2023", "hongze2024"])
@pytest.mark.parametrize("one_sheet", [False, True], ids=["two-sheets", "one-sheet"])
def test_every_figure_is_read_where_the_office_put_it(
    form: Form, name: str, one_sheet: bool, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    report: Report = request.getfixturevalue(name)
    path = save(handmade(report, form, one_sheet=one_sheet), tmp_path)
    back, notes = import_workbook(path, form)
    assert dict(back.cells) == dict(report.cells)
    assert back.year == report.year
    assert back.agency.name == report.agency.name
    assert all(t == "" for t in back.texts.values())
    joined = "\n".join(notes)
    assert "手工制作" in joined and "汇总表" in joined
    assert "文字：工作簿中没有文字部分" in joined


def test_the_layout_is_really_elsewhere(form: Form, seed: Report, tmp_path: Path) -> None:
    """Guards the test above: the hand-made tables do not sit where reportdesk puts them."""
    wb = handmade(seed, form)
    ws = wb["汇总表"]
    assert find(ws, form.t3.rows[0].label[:4]).coordinate != "A5"
    assert "\n" in find(ws, "勾稽").value
    assert wb["复议诉讼"].merged_cells.ranges == set()
    assert find(ws, "注：").value.startswith("注：")


def test_a_label_with_a_slip_is_read_and_named(form: Form, hongze2023: Report, tmp_path: Path) -> None:
    wb = handmade(hongze2023, form)
    ws = wb["汇总表"]
    leaf = next(r for r in form.t3.rows if len(r.label) >= 12 and len(r.path) == 2)
    cell = find(ws, leaf.label[-4:])
    slipped = leaf.label[:6] + leaf.label[8:]  # two characters dropped, as in 洪泽's "2.其他法律行政止公开"
    cell.value = slipped
    back, notes = import_workbook(save(wb, tmp_path), form)
    assert dict(back.cells) == dict(hongze2023.cells)
    assert any(slipped in n and cell.coordinate in n and leaf.label in n for n in notes)


def test_figures_from_formulas_without_saved_results(form: Form, huaian: Report, tmp_path: Path) -> None:
    """openpyxl and similar tools save formulas without results: plain sums are computed."""
    wb = handmade(huaian, form)
    ws = wb["汇总表"]
    new = find(ws, form.t3.rows[0].label[:6])
    first = new.column + 3
    total = ws.cell(new.row, first + len(form.t3.columns) - 1)
    total.value = f"=SUM({ws.cell(new.row, first).coordinate}:{ws.cell(new.row, first + 5).coordinate})"
    t4 = wb["复议诉讼"]
    review_total = t4.cell(7, 6)
    review_total.value = "=B7+C7+D7+E7"
    back, notes = import_workbook(save(wb, tmp_path), form)
    assert back.value("t3.new.total") == huaian.value("t3.new.total")
    assert back.value("t4.review.total") == huaian.value("t4.review.total")
    assert any(total.coordinate in n and "按公式计算" in n for n in notes)


def with_saved_result(path: Path, sheet_part: str, cell: str, formula: str, result: str) -> None:
    """Rewrite one formula cell as Excel saves it: formula and its last computed result."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts[sheet_part].decode()
    start = xml.index(f'<c r="{cell}"')
    end = xml.index("</c>", start) + len("</c>")
    parts[sheet_part] = (
        xml[:start] + f'<c r="{cell}"><f>{formula}</f><v>{result}</v></c>' + xml[end:]
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_other_formulas_use_the_result_saved_with_the_file(form: Form, seed: Report, tmp_path: Path) -> None:
    wb = handmade(seed, form)
    t4 = wb["复议诉讼"]
    t4.cell(7, 6).value = 0
    path = save(wb, tmp_path)
    total = seed.value("t4.review.total")
    with_saved_result(path, "xl/worksheets/sheet2.xml", "F7", "SUMPRODUCT(B7:E7,{1,1,1,1})", str(total))
    back, notes = import_workbook(path, form)
    assert back.value("t4.review.total") == total
    assert any("复议诉讼!F7" in n and "保存的计算结果" in n for n in notes)


def test_a_formula_that_cannot_be_read_is_named(form: Form, seed: Report, tmp_path: Path) -> None:
    wb = handmade(seed, form)
    wb["复议诉讼"].cell(7, 6).value = "=VLOOKUP(B7,B7:E7,2,FALSE)"
    with pytest.raises(WorkbookError) as e:
        import_workbook(save(wb, tmp_path), form)
    assert any("复议诉讼!F7" in p and "保存" in p for p in e.value.problems)


def test_year_and_body_from_the_caller_when_the_workbook_has_no_title(
    form: Form, seed: Report, tmp_path: Path
) -> None:
    path = save(handmade(seed, form, title=False), tmp_path)
    with pytest.raises(WorkbookError, match="找不到报告年度"):
        import_workbook(path, form)
    back, notes = import_workbook(path, form, year=2023, agency=Agency(name="某局", kind="department"))
    assert (back.year, back.agency.name) == (2023, "某局")
    assert any("由调用方给出" in n for n in notes)


def test_a_letter_in_a_count_cell_names_sheet_and_cell(form: Form, seed: Report, tmp_path: Path) -> None:
    wb = handmade(seed, form)
    ws = wb["汇总表"]
    label = find(ws, form.t3.rows[1].label[:6])
    bad = ws.cell(label.row, label.column + 4)
    bad.value = "3件o"
    other = ws.cell(label.row + 1, label.column + 5)
    other.value = -2
    with pytest.raises(WorkbookError) as e:
        import_workbook(save(wb, tmp_path), form)
    problems = e.value.problems
    assert any(f"汇总表!{bad.coordinate}" in p and "不是数字" in p for p in problems)
    assert any(f"汇总表!{other.coordinate}" in p and "负数" in p for p in problems)
    assert f"汇总表!{bad.coordinate}" in str(e.value)


def test_a_missing_row_and_a_missing_table_are_listed(form: Form, seed: Report, tmp_path: Path) -> None:
    wb = handmade(seed, form)
    del wb["复议诉讼"]
    ws = wb["汇总表"]
    find(ws, form.t3.rows[-1].label[:6]).value = None
    with pytest.raises(WorkbookError) as e:
        import_workbook(save(wb, tmp_path), form)
    problems = "\n".join(e.value.problems)
    assert form.t3.rows[-1].label in problems
    assert "表四：工作簿中找不到这张表" in problems


def test_kind_given_by_its_chinese_label(form: Form, seed: Report, tmp_path: Path) -> None:
    wb = handmade(seed, form)
    info = wb.create_sheet("基本信息", 0)
    info.append(["年度", "2023年"])
    info.append(["机关类型", form.kind_label("township")])
    back, _ = import_workbook(save(wb, tmp_path), form)
    assert (back.year, back.agency.kind) == (2023, "township")


def test_a_merged_header_over_two_rows(form: Form, seed: Report, tmp_path: Path) -> None:
    wb = handmade(seed, form)
    t4 = wb["复议诉讼"]
    t4.insert_rows(7)  # labels now on row 6, figures on row 8: the label cells span rows 6–7
    for col in range(2, 2 + 5 * len(form.t4.groups)):
        t4.merge_cells(start_row=6, start_column=col, end_row=7, end_column=col)
    back, _ = import_workbook(save(wb, tmp_path), form)
    assert dict(back.cells) == dict(seed.cells)


def test_text_sheet_of_a_reportdesk_workbook_is_optional(form: Form, seed: Report, tmp_path: Path) -> None:
    from reportdesk.workbook import workbook_bytes

    data, _ = workbook_bytes(seed, form)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    del wb["文字"]
    back, notes = import_workbook(save(wb, tmp_path), form)
    assert dict(back.cells) == dict(seed.cells)
    assert all(t == "" for t in back.texts.values())
    assert any("没有文字部分" in n for n in notes)
