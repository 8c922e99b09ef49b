"""Page furniture, size limits and the linear paragraph rules of the importers.

A --draft PDF printed by reportdesk through LibreOffice imports back to the very same report:
the draft mark on every page is furniture, and no line-end "、"/"，" is lost (issue #14). Files far
larger than any report are refused at once, with a message (issue #13 item 7).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportdesk.form import Form
from reportdesk.importers import import_report, limits
from reportdesk.importers.furniture import DRAFT_MARK, furniture_lines
from reportdesk.importers.normalize import display_width
from reportdesk.importers.paragraphs import wrap_width
from reportdesk.render.docx import render_docx
from reportdesk.render.pdf import find_soffice
from reportdesk.report import ReportFileError

from .conftest import load_data
from .importer_fixtures import write_flat_text, write_html
from .test_import_docx import same_report

ALL = [
    "seed-donghu-zwfw-2023",
    "huaian-city-gov-2024",
    "hongze-district-gov-2023",
    "hongze-district-gov-2024",
]


@pytest.fixture(scope="module")
def draft_pdfs(form: Form, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four sample reports rendered with --draft and printed to PDF by LibreOffice (one run)."""
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is installed by scripts/setup.sh --dev")
    folder = tmp_path_factory.mktemp("drafts")
    for name in ALL:
        (folder / f"{name}.docx").write_bytes(render_docx(form, load_data(name), draft=True))
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo", "--convert-to", "pdf",
         "--outdir", str(folder), *(str(folder / f"{n}.docx") for n in ALL)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return folder


@pytest.mark.parametrize("name", ALL)
def test_a_draft_pdf_imports_back_to_the_same_report(form: Form, draft_pdfs: Path, name: str) -> None:
    result = import_report(draft_pdfs / f"{name}.pdf", form)
    want = load_data(name)
    same_report(result.report, want, form)  # every figure and every text, punctuation included
    assert not any("草稿" in result.report.text(k) for k in form.text_keys)
    [note] = [n for n in result.notes if "页眉、页脚" in n]
    assert "仅供内部审阅" in note


def test_the_draft_mark_is_the_one_reportdesk_prints() -> None:
    from reportdesk.render.layout import DRAFT_MARK as printed

    assert printed == DRAFT_MARK


HEADER = "某某县人民政府办公室"


@pytest.mark.parametrize(
    ("pages", "dropped"),
    [
        # a header on every page, a footer with the page number
        (
            [[HEADER, "正文一", "年度报告 第 1 页"], [HEADER, "正文二", "年度报告 第 2 页"]],
            {(0, 0), (1, 0), (0, 2), (1, 2)},
        ),
        # the first page without header: still half the pages and more
        ([["标题", "正文"], [HEADER, "正文"], [HEADER, "正文"]], {(1, 0), (2, 0)}),
        # the same words in the middle of a page are text, not furniture
        ([[HEADER, "甲", HEADER, "乙", "丙"], [HEADER, "丁", "戊"]], {(0, 0), (1, 0)}),
        # one page: nothing repeats, only the draft mark goes
        ([[HEADER, "正文", DRAFT_MARK]], {(0, 2)}),
        # a line on only one page of three is no header
        ([[HEADER, "甲"], ["乙", "丙"], ["丁", "戊"]], set()),
    ],
    ids=["every-page", "not-first", "mid-page", "draft-mark", "once"],
)
def test_headers_and_footers(pages: list[list[str]], dropped: set[tuple[int, int]]) -> None:
    assert furniture_lines(pages) == dropped


def test_pdftotext_pages_lose_their_header(form: Form, tmp_path: Path) -> None:
    want = load_data(ALL[0])
    flat = tmp_path / "flat.txt"
    write_flat_text(form, want, flat)
    lines = flat.read_text(encoding="utf-8").split("\n")
    paged = []
    for i in range(0, len(lines), 40):  # pages as pdftotext writes them: a form feed, then the header
        paged += [("\f" if i else "") + "某某局政府信息公开", *lines[i : i + 40]]
    path = tmp_path / "paged.txt"
    path.write_text("\n".join(paged), encoding="utf-8")
    result = import_report(path, form)
    same_report(result.report, want, form)
    assert any("某某局政府信息公开" in n for n in result.notes)


# ---------------------------------------------------------------------------------------------
# Far larger than a report: refused at once


def _pages_pdf(path: Path, pages: int) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    with path.open("wb") as f:
        writer.write(f)


@pytest.mark.parametrize(
    ("limit", "value", "name", "make", "message"),
    [
        ("MAX_CHARS", 2000, "long.txt", "text", "文字超过"),
        ("MAX_CHARS", 2000, "long.html", "html", "文字超过"),
        ("MAX_TAGS", 500, "tags.html", "html", "个标记"),
        ("MAX_BYTES", 4000, "big.txt", "text", "MB"),
        ("MAX_PAGES", 3, "pages.pdf", "pdf", "PDF 有 4 页"),
    ],
)
def test_too_large_for_a_report(
    form: Form,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    limit: str,
    value: int,
    name: str,
    make: str,
    message: str,
) -> None:
    path = tmp_path / name
    report = load_data(ALL[0])
    if make == "text":
        write_flat_text(form, report, path)
    elif make == "html":
        write_html(form, report, path)
    else:
        _pages_pdf(path, 4)
    if make != "pdf":
        assert import_report(path, form).cells_read() == len(form.cells)  # within the real limits
    monkeypatch.setattr(limits, limit, value)
    with pytest.raises(ReportFileError, match=message) as e:
        import_report(path, form)
    assert "未导入" in e.value.reason


# ---------------------------------------------------------------------------------------------
# The wrapping width, computed in one pass over the sorted widths


def _wrap_width_by_definition(texts: list[str]) -> float | None:
    widths = sorted(display_width(t) for t in texts if display_width(t) >= 8)
    if len(widths) < 6:
        return None
    best, best_count = 0.0, 0
    for w in widths:
        count = sum(1 for x in widths if w - 2.0 <= x <= w)
        if count >= best_count:
            best, best_count = w, count
    return best if best_count >= 0.5 * len(widths) else None


@given(st.lists(st.text(alphabet="中a1，", max_size=40), max_size=60))
def test_wrap_width_is_the_width_most_lines_reach(texts: list[str]) -> None:
    assert wrap_width(texts) == _wrap_width_by_definition(texts)
