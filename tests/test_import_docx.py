"""Importing .docx: narrative by headings and tables by labels, whatever the styling; safe XML."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from reportdesk.form import Form
from reportdesk.importers import import_report
from reportdesk.report import Report, ReportFileError

from .conftest import load_data
from .importer_fixtures import write_docx

NAMES = ["seed-donghu-zwfw-2023", "huaian-city-gov-2024"]


def same_content(got: Report, want: Report, form: Form) -> None:
    """Every cell, every text and the year as in ``want``."""
    assert {k: got.cells.get(k) for k in form.cells} == {k: want.cells.get(k) for k in form.cells}
    for key in (*form.text_keys, "intro"):
        assert got.text(key) == want.text(key), key
    assert got.year == want.year


def same_report(got: Report, want: Report, form: Form) -> None:
    """As :func:`same_content`, and the agency's name and website too."""
    same_content(got, want, form)
    assert (got.agency.name, got.agency.website) == (want.agency.name, want.agency.website)


def variant_label(label: str) -> str:
    """Printed variants of a row label: "1、" for "1.", a line break inside, full-width spaces."""
    label = re.sub(r"^(\d)\.", r"\1、", label)
    if len(label) > 12:
        label = label[:6] + "\n" + label[6:]
    return label.replace("（", "\u3000（", 1)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("run_in", [False, True], ids=["heading-lines", "run-in-headings"])
def test_docx_with_official_merged_tables(form: Form, tmp_path: Path, name: str, run_in: bool) -> None:
    want = load_data(name)
    path = tmp_path / "report.docx"
    write_docx(form, want, path, run_in=run_in)
    result = import_report(path, form)
    same_report(result.report, want, form)
    assert result.problems == ()


@pytest.mark.parametrize("name", NAMES)
def test_printed_label_variants_and_moved_tables(form: Form, tmp_path: Path, name: str) -> None:
    want = load_data(name)
    path = tmp_path / "report.docx"
    write_docx(form, want, path, label=variant_label, tables_last=True)
    result = import_report(path, form)
    same_report(result.report, want, form)
    found = dict(result.found)
    assert found["表四"].startswith("第1个表格")  # the tables stand in reverse order at the end


def test_blank_template_is_the_2021_format_with_every_cell_blank(form: Form, reference: Path) -> None:
    result = import_report(reference / "real" / "template-2021-format-blank.docx", form, year=2024)
    report = result.report
    assert report.year == 2024
    assert all(v is None for v in report.cells.values())
    assert {w for w, _ in result.found} >= {s.heading for s in form.sections}
    assert sum(1 for w, _ in result.found if w.startswith("表三")) == len(form.t3.rows)
    assert not any(f.code == "OLD-FORMAT" for f in result.findings)
    blank = {c for f in result.findings if f.code == "BLANK" for c in f.cells}
    assert blank == set(form.cells)


def test_blank_template_without_a_year_says_which_year_it_assumed(form: Form, reference: Path) -> None:
    result = import_report(reference / "real" / "template-2021-format-blank.docx", form)
    assert any("没有印报告年度" in n and str(result.report.year) in n for n in result.notes)


# ---------------------------------------------------------------------------------------------
# Untrusted files


def rewrite(src: Path, dst: Path, document: bytes, extra: dict[str, bytes] | None = None) -> None:
    """A copy of a .docx with another word/document.xml (and extra members)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = document if item.filename == "word/document.xml" else zin.read(item)
            zout.writestr(item, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)


def _fixture(form: Form, tmp_path: Path) -> Path:
    path = tmp_path / "ok.docx"
    write_docx(form, load_data(NAMES[0]), path)
    return path


def test_external_entities_are_not_resolved(form: Form, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    src = _fixture(form, tmp_path)
    xml = zipfile.ZipFile(src).read("word/document.xml").decode("utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    xml = xml.replace("?>", "?>" + doctype, 1).replace(
        "政务服务和大数据管理局</w:t>", "&xxe;政务服务和大数据管理局</w:t>", 1
    )
    bad = tmp_path / "xxe.docx"
    rewrite(src, bad, xml.encode("utf-8"))
    with pytest.raises(ReportFileError, match="DOCTYPE") as e:
        import_report(bad, form)
    assert "TOP-SECRET" not in str(e.value)


def test_entity_expansion_bomb_is_not_expanded(form: Form, tmp_path: Path) -> None:
    src = _fixture(form, tmp_path)
    xml = zipfile.ZipFile(src).read("word/document.xml").decode("utf-8")
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    xml = xml.replace("?>", f"?><!DOCTYPE w:document [{entities}]>", 1).replace("</w:t>", "&a9;</w:t>", 1)
    bad = tmp_path / "laughs.docx"
    rewrite(src, bad, xml.encode("utf-8"))
    with pytest.raises(ReportFileError, match="DOCTYPE"):
        import_report(bad, form)


def test_zip_bomb_is_refused_before_inflating(form: Form, tmp_path: Path) -> None:
    src = _fixture(form, tmp_path)
    bomb = tmp_path / "bomb.docx"
    rewrite(src, bomb, b"<w:document>" + b" " * (20 * 1024 * 1024) + b"</w:document>")
    assert bomb.stat().st_size < 1024 * 1024  # inflates more than 200-fold
    with pytest.raises(ReportFileError, match="过大"):
        import_report(bomb, form)


def test_a_member_over_the_size_cap_is_refused(
    form: Form, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportdesk.importers import safezip

    monkeypatch.setattr(safezip, "MAX_MEMBER", 1024 * 1024)
    src = _fixture(form, tmp_path)
    big = tmp_path / "big.docx"
    rewrite(src, big, b"<w:document>" + os.urandom(2 * 1024 * 1024) + b"</w:document>")
    with pytest.raises(ReportFileError, match="过大"):
        import_report(big, form)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is plain text, not a zip", "不是有效的 .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Office"),
        (b"", "空的"),
    ],
    ids=["not-a-zip", "old-doc", "empty"],
)
def test_not_a_docx(form: Form, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    with pytest.raises(ReportFileError, match=message):
        import_report(path, form)


def test_truncated_docx(form: Form, tmp_path: Path) -> None:
    data = _fixture(form, tmp_path).read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReportFileError, match="损坏或不完整"):
        import_report(cut, form)


def test_a_zip_that_is_no_word_document(form: Form, tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    path.write_bytes(buf.getvalue())
    with pytest.raises(ReportFileError, match="不是 Word 文档"):
        import_report(path, form)


def test_a_word_document_that_holds_no_report(form: Form, tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph("会议通知：定于下周一召开工作会议。")
    path = tmp_path / "notice.docx"
    doc.save(str(path))
    with pytest.raises(ReportFileError, match="没有找到政府信息公开工作年度报告"):
        import_report(path, form)
