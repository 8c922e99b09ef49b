"""``reportdesk import``: the import report in Chinese, exit codes, nothing written on failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportdesk.cli import main

from .conftest import DATA


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_writes_the_exchange_json_and_reports_what_was_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_path = tmp_path / "out.json"
    code, out, _ = run(capsys, "import", DATA / "huaian-city-gov-2024.txt", "-o", out_path)
    assert code == 1 and "--choose t4=3" in out  # table 四's run: asked, the narrative's cut suggested
    code, out, _ = run(
        capsys, "import", DATA / "huaian-city-gov-2024.txt", "-o", out_path, "--choose", "t4=3"
    )
    assert code == 0
    written = json.loads(out_path.read_text(encoding="utf-8"))
    expected = json.loads((DATA / "huaian-city-gov-2024.json").read_text(encoding="utf-8"))
    assert written["cells"] == expected["cells"]
    assert written["texts"] == expected["texts"]
    assert written["format"] == "gov-info-annual-report/2021" and written["year"] == 2024
    for words in (
        "已读取",
        "找到的内容",
        "三、收到和处理政府信息公开申请情况：第74行",
        "表三：25 行",
        "处理说明",
        "校验结果",
    ):
        assert words in out, words


def test_import_with_findings_still_succeeds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, reference: Path
) -> None:
    code, out, _ = run(
        capsys, "import", reference / "real" / "hongze-district-gov-2023.pdf", "-o", tmp_path / "o.json"
    )
    assert code == 0
    assert "T4-TOTAL" in out and "OLD-FORMAT" in out
    assert "（六）其他处理 1.申请人无正当理由逾期不补正" in out  # named under 未能读取


def test_agency_and_year_options(capsys: pytest.CaptureFixture[str], tmp_path: Path, reference: Path) -> None:
    out_path = tmp_path / "t.json"
    template = reference / "real" / "template-2021-format-blank.docx"
    code, _, _ = run(
        capsys, "import", template, "-o", out_path, "--year", "2024", "--agency", "某某镇人民政府"
    )
    assert code == 0
    written = json.loads(out_path.read_text(encoding="utf-8"))
    assert written["year"] == 2024
    assert written["agency"]["name"] == "某某镇人民政府" and written["agency"]["kind"] == "township"
    assert all(v is None for v in written["cells"].values())


def _encrypted_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as f:
        writer.write(f)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("a.docx", lambda p: p.write_bytes(b"not a zip at all"), "不是有效的 .docx"),
        ("a.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj <<"), "PDF"),
        ("enc.pdf", _encrypted_pdf, "已加密"),
        (
            "a.txt",
            lambda p: p.write_text("没有报告的文字。", encoding="utf-8"),
            "没有找到政府信息公开工作年度报告",
        ),
        ("a.odt", lambda p: p.write_bytes(b"PK\x03\x04"), "不支持的文件类型"),
        ("missing.txt", lambda p: None, "文件不存在"),
    ],
)
def test_unreadable_files_exit_2_and_write_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, make: object, message: str
) -> None:
    src = tmp_path / name
    make(src)  # type: ignore[operator]
    out_path = tmp_path / "out.json"
    code, out, err = run(capsys, "import", src, "-o", out_path)
    assert code == 2
    assert message in err and "未写入任何文件" in err
    assert not out_path.exists() and out == ""


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped sample report rendered to PDF by the program itself (LibreOffice, installed by --dev)."""
    from reportdesk.render.pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is installed by scripts/setup.sh --dev")
    folder = tmp_path_factory.mktemp("sample")
    sample = Path(__file__).parents[1] / "resources" / "sample-report.json"
    code = main(["render", str(sample), "-o", str(folder / "s.docx"), "--pdf", str(folder / "s.pdf")])
    assert code == 0
    return folder / "s.pdf"


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path: Path, sample_pdf: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    from reportdesk.form import load_form
    from reportdesk.importers import import_report

    writer = PdfWriter()
    for page in PdfReader(sample_pdf).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "restricted.pdf"
    with path.open("wb") as f:
        writer.write(f)
    result = import_report(path, load_form())
    assert result.report.cells["t2.fees.amount"] is not None
    assert any("权限密码" in n for n in result.notes)


def test_xlsx_goes_through_the_workbook_importer(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from reportdesk.form import load_form
    from reportdesk.report import read_report
    from reportdesk.workbook import write_workbook

    form = load_form()
    want = read_report(DATA / "huaian-city-gov-2024.json", form).report
    book = tmp_path / "r.xlsx"
    write_workbook(want, form, book)
    out_path = tmp_path / "r.json"
    code, out, _ = run(capsys, "import", book, "-o", out_path)
    assert code == 0
    assert json.loads(out_path.read_text(encoding="utf-8")) == json.loads(
        (DATA / "huaian-city-gov-2024.json").read_text(encoding="utf-8")
    )
    assert "Excel 工作簿" in out and "校验结果" in out


def test_a_damaged_xlsx_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    book = tmp_path / "bad.xlsx"
    book.write_bytes(b"PK\x03\x04 truncated")
    code, _, err = run(capsys, "import", book, "-o", tmp_path / "o.json")
    assert code == 2 and "未写入任何文件" in err and not (tmp_path / "o.json").exists()
