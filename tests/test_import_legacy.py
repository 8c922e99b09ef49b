"""Old binary Office files (.doc, .wps, .xls, .et) and a report pasted whole (issue #16).

The old files are made here from the sample report by LibreOffice (as an office would save them);
without LibreOffice the officer is told to save the file as .docx/.xlsx.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reportdesk.cli import main
from reportdesk.form import Form
from reportdesk.importers import import_report
from reportdesk.importers.pasted import import_pasted
from reportdesk.render.docx import render_docx
from reportdesk.render.pdf import SOFFICE_ENV, find_soffice
from reportdesk.report import ReportFileError
from reportdesk.workbook import write_workbook

from .conftest import load_data
from .importer_fixtures import write_flat_text, write_html
from .published_copies import markdown
from .test_import_docx import same_report

NAME = "seed-donghu-zwfw-2023"


@pytest.fixture(scope="module")
def old_files(form: Form, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample report as .doc and .xls, saved by LibreOffice; .wps and .et copies of them."""
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is installed by scripts/setup.sh --dev")
    folder = tmp_path_factory.mktemp("old")
    report = load_data(NAME)
    (folder / "report.docx").write_bytes(render_docx(form, report))
    write_workbook(report, form, folder / "report.xlsx")
    for source, target in (("report.docx", "doc"), ("report.xlsx", "xls")):
        subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo", "--convert-to", target,
             "--outdir", str(folder), str(folder / source)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    shutil.copyfile(folder / "report.doc", folder / "report.wps")
    shutil.copyfile(folder / "report.xls", folder / "report.et")
    return folder


@pytest.mark.parametrize(("file", "kind"), [("report.xls", "xls"), ("report.et", "et")])
def test_old_workbooks(form: Form, old_files: Path, file: str, kind: str) -> None:
    result = import_report(old_files / file, form)
    assert result.report.cells == load_data(NAME).cells
    assert (result.kind, result.source) == (kind, str(old_files / file))
    assert len(result.origins) == len(form.cells)
    assert "xlrd" in result.notes[0]


@pytest.mark.parametrize(("file", "kind"), [("report.doc", "doc"), ("report.wps", "wps")])
def test_old_word_documents(form: Form, old_files: Path, file: str, kind: str) -> None:
    result = import_report(old_files / file, form)
    same_report(result.report, load_data(NAME), form)
    assert result.kind == kind and any("LibreOffice" in n for n in result.notes)


def test_an_xls_through_the_command(
    old_files: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(old_files / "report.xls"), "-o", str(tmp_path / "r.json")]) == 0
    out = capsys.readouterr().out
    assert "Excel 97–2003 工作簿" in out and "表三：读到 175 / 175 个数字" in out


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".et"])
def test_without_libreoffice_the_officer_is_told_to_save_as_docx_or_xlsx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: Form, suffix: str
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "no-soffice"))
    path = tmp_path / f"old{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)  # a compound file, no workbook in it
    with pytest.raises(ReportFileError, match="LibreOffice") as e:
        import_report(path, form)
    assert ("另存为” .xlsx" if suffix == ".et" else "另存为” .docx") in e.value.reason


def test_a_damaged_xls_is_named(tmp_path: Path, form: Form) -> None:
    path = tmp_path / "bad.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    with pytest.raises(ReportFileError, match=r"无法读取这个 \.xls"):
        import_report(path, form)


@pytest.mark.parametrize("name", ["locked.docx", "locked.xlsx", "locked.doc"])
def test_a_password_protected_office_file(tmp_path: Path, form: Form, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le")
    )
    with pytest.raises(ReportFileError, match="密码"):
        import_report(path, form)


# ---------------------------------------------------------------------------------------------
# Pasted: the clipboard's HTML and text


def test_pasted_html_and_text_the_richer_is_kept(form: Form, tmp_path: Path) -> None:
    want = load_data(NAME)
    write_html(form, want, tmp_path / "page.html", encoding="utf-8")
    write_flat_text(form, want, tmp_path / "page.txt")
    html = (tmp_path / "page.html").read_text(encoding="utf-8")
    text = (tmp_path / "page.txt").read_text(encoding="utf-8")
    result = import_pasted(form, html, text)
    same_report(result.report, want, form)
    assert result.kind == "clipboard-html" and result.source == "剪贴板"
    # a browser's HTML that lost its report (a bare fragment) falls back to the text
    fallback = import_pasted(form, "<p>复制</p>", text)
    assert fallback.kind == "clipboard-text" and len(fallback.origins) == len(form.cells)
    assert import_pasted(form, None, markdown(form, want)).kind == "markdown"


@pytest.mark.parametrize(("html", "text", "message"), [(None, None, "剪贴板是空的"), ("", "  ", "剪贴板是空的"),
                                                       ("<p>你好</p>", "你好", "没有找到")])  # fmt: skip
def test_pasting_nothing_of_a_report(form: Form, html: str | None, text: str | None, message: str) -> None:
    with pytest.raises(ReportFileError, match=message):
        import_pasted(form, html, text)


def test_a_total_of_blank_cells_saved_as_xls_is_not_read_as_0(form: Form, tmp_path: Path) -> None:
    """洪泽 prints （六）其他处理 as one row, so its items 1 and 2 are blank. Exported and saved as .xls,
    their 合计 formulas are kept only as their result, 0: that 0 is not imported as a figure."""
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is installed by scripts/setup.sh --dev")
    want = load_data("hongze-district-gov-2023")
    write_workbook(want, form, tmp_path / "report.xlsx")
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xls",
         "--outdir", str(tmp_path), str(tmp_path / "report.xlsx")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    result = import_report(tmp_path / "report.xls", form)
    wrong = {k: v for k, v in result.report.cells.items() if v is not None and v != want.cells[k]}
    assert wrong == {}
    blank_sums = ["t3.other.1.total", "t3.other.2.total"]
    assert all(want.cells[k] is None and "空白" in result.unread[k] for k in blank_sums)
    assert {k for k, v in want.cells.items() if v is not None} <= set(result.origins)
