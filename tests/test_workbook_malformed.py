"""Files that are not sound workbooks: a clear reason, and nothing imported."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from defusedxml import EntitiesForbidden

from reportdesk.form import Form
from reportdesk.report import Report, ReportFileError
from reportdesk.workbook import WorkbookError, archive, import_workbook, workbook_bytes


def exported(report: Report, form: Form) -> bytes:
    return workbook_bytes(report, form)[0]


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, replace.get(name, src.read(name)))
    return out.getvalue()


def import_bytes(data: bytes, form: Form, tmp_path: Path) -> Report:
    path = tmp_path / "in.xlsx"
    path.write_bytes(data)
    return import_workbook(path, form)[0]


def test_defusedxml_is_what_openpyxl_parses_with() -> None:
    assert openpyxl.DEFUSEDXML is True
    archive.require_safe_parser()


def test_without_defusedxml_nothing_is_read(
    form: Form, seed: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(RuntimeError, match="defusedxml"):
        import_bytes(exported(seed, form), form, tmp_path)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "空的"),
        (b"year,agency\n2024,x\n", "不是 Excel 工作簿"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 .xls"),
    ],
    ids=["empty", "csv", "xls"],
)
def test_not_a_workbook(form: Form, tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "in.xlsx"
    path.write_bytes(content)
    with pytest.raises(ReportFileError) as e:
        import_workbook(path, form)
    assert reason in str(e.value) and str(path) in str(e.value)


def test_missing_file_and_folder(form: Form, tmp_path: Path) -> None:
    with pytest.raises(ReportFileError, match="文件不存在"):
        import_workbook(tmp_path / "none.xlsx", form)
    with pytest.raises(ReportFileError, match="文件夹"):
        import_workbook(tmp_path, form)


@pytest.mark.parametrize("keep", [0.5, 0.98], ids=["half", "tail-cut"])
def test_truncated_file(form: Form, seed: Report, tmp_path: Path, keep: float) -> None:
    data = exported(seed, form)
    with pytest.raises(ReportFileError, match="不完整或已损坏"):
        import_bytes(data[: int(len(data) * keep)], form, tmp_path)


def test_damaged_part_is_found_before_reading(form: Form, seed: Report, tmp_path: Path) -> None:
    data = bytearray(exported(seed, form))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("xl/worksheets/sheet3.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + 60):
        data[i] ^= 0xFF
    with pytest.raises(ReportFileError, match="已损坏"):
        import_bytes(bytes(data), form, tmp_path)


def test_a_word_document_renamed(form: Form, tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ReportFileError, match="Word 文档"):
        import_bytes(out.getvalue(), form, tmp_path)


def test_zip_bomb_by_ratio(form: Form, seed: Report, tmp_path: Path) -> None:
    data = rezip(exported(seed, form), {"xl/worksheets/sheet1.xml": b" " * (4 * 1024 * 1024)})
    with pytest.raises(ReportFileError, match="压缩炸弹"):
        import_bytes(data, form, tmp_path)


def test_zip_bomb_by_total_size(
    form: Form, seed: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 64 * 1024)
    with pytest.raises(ReportFileError, match="解压后过大"):
        import_bytes(exported(seed, form), form, tmp_path)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
)


def test_entity_declarations_are_refused(form: Form, seed: Report, tmp_path: Path) -> None:
    data = rezip(exported(seed, form), {"xl/worksheets/sheet2.xml": BILLION_LAUGHS})
    with pytest.raises(ReportFileError, match="DTD"):
        import_bytes(data, form, tmp_path)


def test_defusedxml_refuses_entities_even_past_the_byte_check(
    form: Form, seed: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "_DTD_MARKS", (b"\0never\0",))
    data = rezip(exported(seed, form), {"xl/worksheets/sheet2.xml": BILLION_LAUGHS})
    with pytest.raises(ReportFileError, match="无法读取工作簿内容") as e:
        import_bytes(data, form, tmp_path)
    chain: list[BaseException] = []
    cause: BaseException | None = e.value
    while cause is not None:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    assert any(isinstance(c, EntitiesForbidden) for c in chain)


def test_a_workbook_without_the_tables(form: Form, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["月份", "收文数"])
    wb.active.append(["1月", 12])
    path = tmp_path / "other.xlsx"
    wb.save(path)
    with pytest.raises(WorkbookError) as e:
        import_workbook(path, form)
    problems = e.value.problems
    for table in ("表二", "表三", "表四"):
        assert any(p.startswith(f"{table}：工作簿中找不到这张表") for p in problems)
    assert "没有读入任何内容" in str(e.value)


def test_a_letter_in_a_count_cell_of_a_reportdesk_workbook(form: Form, seed: Report, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(exported(seed, form)))
    wb["表三"]["E6"] = "l2"
    wb["表二"]["B5"] = "五件"
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    with pytest.raises(WorkbookError) as e:
        import_workbook(path, form)
    text = str(e.value)
    assert "表三!E6" in text and "“l2”不是数字" in text
    assert "表二!B5" in text


def test_a_workbook_of_another_format(form: Form, seed: Report, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(exported(seed, form)))
    wb["reportdesk"]["B1"] = "gov-info-annual-report/2019"
    path = tmp_path / "old.xlsx"
    wb.save(path)
    with pytest.raises(WorkbookError, match="本程序只读取"):
        import_workbook(path, form)


def test_a_bad_year_is_named_with_its_cell(form: Form, seed: Report, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(exported(seed, form)))
    wb["报告信息"]["B4"] = "去年"
    path = tmp_path / "year.xlsx"
    wb.save(path)
    with pytest.raises(WorkbookError, match="报告信息!B4"):
        import_workbook(path, form)
