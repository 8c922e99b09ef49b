"""The reference documents through LibreOffice → PDF → pdftotext: every label and figure of
table 3 where it belongs, rows whole on their page, the header repeated on every page the table
spans, nothing outside the type area; tables 3 and 4 kept whole on one page with their heading
however long the text before them, and the page count in the properties the printed one.

Skipped only when LibreOffice is not installed; CI installs it (and poppler-utils, the CJK fonts
and the 公文 stand-in fonts of packaging/fonts/install-preview-fonts.sh).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from reportdesk.form import Form
from reportdesk.render.docx import render_docx
from reportdesk.render.pdf import find_soffice
from reportdesk.report import Report
from reportdesk.values import display

from .conftest import load_data
from .render_support import audited
from .test_render_docx import CORNER, T3_COLUMNS, T3_ROWS

pytestmark = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")

XHTML = "{http://www.w3.org/1999/xhtml}"
MM = 72 / 25.4


@dataclass(frozen=True)
class Box:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def _box(page: int, el: ET.Element, text: str) -> Box:
    return Box(page, text, *(float(el.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax")))


@dataclass
class Pdf:
    path: Path
    pages: list[tuple[float, float]]
    blocks: list[Box]  # a table cell comes out as one block of one or more lines
    words: list[Box]
    text: str


def read_pdf(path: Path) -> Pdf:
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True
    ).stdout
    root = ET.fromstring(xml)
    pages, blocks, words = [], [], []
    for n, page in enumerate(root.iter(f"{XHTML}page")):
        pages.append((float(page.get("width", "0")), float(page.get("height", "0"))))
        for block in page.iter(f"{XHTML}block"):
            ws = [w for w in block.iter(f"{XHTML}word")]
            blocks.append(_box(n, block, "".join(w.text or "" for w in ws)))
            words += [_box(n, w, w.text or "") for w in ws]
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    return Pdf(path, pages, blocks, words, text.stdout)


@pytest.fixture(scope="module", params=["seed-donghu-zwfw-2023", "huaian-city-gov-2024"])
def report(request: pytest.FixtureRequest) -> Report:
    """The seed and 淮安 (whose table 3 used to break across two pages)."""
    return load_data(request.param)


@pytest.fixture(scope="module")
def pdf(form: Form, report: Report, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    from reportdesk.render.pdf import convert

    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed with LibreOffice"
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    convert(audited(render_docx(form, report)), path)
    return read_pdf(path)


def table3_columns(document: bytes) -> list[tuple[float, float]]:
    """Table 3's grid columns as (left, right) in PDF points: the table is centred in the type area."""
    table = docx.Document(io.BytesIO(document)).tables[1]
    widths = [int(c.get(qn("w:w"))) / 20 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    left = 28 * MM + (156 * MM - sum(widths)) / 2
    out = []
    for w in widths:
        out.append((left, left + w))
        left += w
    return out


@pytest.fixture(scope="module")
def columns(form: Form, report: Report) -> list[tuple[float, float]]:
    return table3_columns(render_docx(form, report))


def label_words(pdf: Pdf, columns: list[tuple[float, float]], depth: int) -> list[Box]:
    """The lines of left-aligned labels that start in label column ``depth``, in reading order."""
    start, data_left = columns[depth][0], columns[3][0]
    lines = [w for w in pdf.words if start < w.x0 < start + 5 and w.x1 <= data_left + 1]
    return sorted(lines, key=lambda w: (w.page, w.y0))


def find_label(lines: list[Box], label: str) -> list[Box]:
    """The consecutive lines (one page) that spell ``label`` exactly."""
    for i, first in enumerate(lines):
        if not label.startswith(first.text):
            continue
        text, j = first.text, i
        while len(text) < len(label) and j + 1 < len(lines) and lines[j + 1].page == first.page:
            j += 1
            text += lines[j].text
        if text == label:
            return lines[i : j + 1]
    raise AssertionError(f"label {label!r} is not printed in one piece on one page")


def test_pages_are_a4_and_numbered(pdf: Pdf) -> None:
    assert all(abs(w - 210 * MM) < 1 and abs(h - 297 * MM) < 1 for w, h in pdf.pages)
    numbers = re.findall(r"—\s*(\d+)\s*—", pdf.text)
    assert numbers == [str(n) for n in range(1, len(pdf.pages) + 1)]


def test_every_row_of_table3_is_whole_with_its_figures_in_place(
    pdf: Pdf, report: Report, form: Form, columns: list[tuple[float, float]]
) -> None:
    """Each row's label and its seven figures sit level with each other on one page, the figures
    in their columns, all inside the type area."""
    depth = {r.key: len(r.path) for r in form.t3.rows}
    for key, labels in T3_ROWS:
        lines = find_label(label_words(pdf, columns, depth[key]), labels[2])
        page, top, bottom = lines[0].page, lines[0].y0, lines[-1].y1
        figures = [w for w in pdf.words if w.page == page and w.x0 > columns[3][0] and top <= w.cy <= bottom]
        figures.sort(key=lambda w: w.x0)
        assert [w.text for w in figures] == [display(report.cells[f"t3.{key}.{c}"]) for c in T3_COLUMNS], key
        for w, (left, right) in zip(figures, columns[3:], strict=True):
            assert left < w.x0 and w.x1 < right, (key, w)
        assert lines[0].x0 > 28 * MM - 1 and figures[-1].x1 < (210 - 26) * MM + 1


def test_merged_labels_and_corner_note_are_printed(pdf: Pdf, columns: list[tuple[float, float]]) -> None:
    def column_text(index: int) -> str:
        left, right = columns[index]
        words = [w for w in pdf.words if left <= w.x0 and w.x1 <= right + 1]
        return "".join(w.text for w in sorted(words, key=lambda w: (w.page, w.y0, w.x0)))

    assert "三、本年度办理结果" in column_text(0)
    merged = column_text(1)
    groups = ["（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"]
    positions = [merged.find(g) for g in groups]
    assert -1 not in positions and positions == sorted(positions)
    assert CORNER in "".join(pdf.text.split())


def test_header_over_every_page_of_table3_and_columns_in_place(
    pdf: Pdf, form: Form, columns: list[tuple[float, float]]
) -> None:
    depth = {r.key: len(r.path) for r in form.t3.rows}
    pages = {find_label(label_words(pdf, columns, depth[key]), labels[2])[0].page for key, labels in T3_ROWS}
    for page in pages:
        flat = "".join(w.text for w in pdf.words if w.page == page)
        assert "申请人情况" in flat and "法人或其他组织" in flat, f"no table header on page {page + 1}"
    first = find_label(label_words(pdf, columns, 0), T3_ROWS[0][1][0])[0]
    headers = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    for (left, right), header in zip(columns[3:], headers, strict=True):
        above = [w for w in pdf.words if w.page == first.page and w.y1 < first.y0 and left < w.cx < right]
        stacked = "".join(w.text for w in sorted(above, key=lambda w: w.y0))
        assert stacked.endswith(header), (header, stacked)


def test_chinese_text_is_real_text(pdf: Pdf, report: Report) -> None:
    """Glyphs missing from every font come out as nothing or boxes; real text is extractable."""
    flat = "".join(pdf.text.split())
    assert report.agency.name in flat
    assert "政府信息公开工作年度报告" in flat
    assert "".join(report.texts["s6"].split()) in flat


def _resolves(name: str, family: str) -> bool:
    if not shutil.which("fc-match"):
        return False
    got = subprocess.run(["fc-match", "-f", "%{family[0]}", name], capture_output=True, text=True).stdout
    return got.startswith(family)


@pytest.mark.skipif(not _resolves("仿宋_GB2312", "FandolFang"), reason="公文 stand-in fonts not installed")
def test_gongwen_stand_in_fonts_are_used(pdf: Pdf) -> None:
    fonts = subprocess.run(["pdffonts", str(pdf.path)], capture_output=True, text=True, check=True).stdout
    for face in ("FandolFang", "FandolHei", "FandolKai", "FandolSong", "NotoSerifCJK"):
        assert face in fonts


# ---------------------------------------------------------------------------------------------
# Tables kept whole however much text comes before them (issue #15)

# One line of body text (28 characters); the reports below get 0 … 18 more lines before
# section 二, so that table 3 falls at every height of a page.
PADDING = "为便于群众查阅，本机关持续完善政府信息公开专栏的栏目设置与检索功能。"
EXTRA_LINES = (0, 3, 7, 11, 15, 18)


def padded(report: Report, lines: int) -> Report:
    text = report.texts["s1.oversight"]
    return report.with_text("s1.oversight", "\n".join([text, *[PADDING[:28]] * lines]))


def convert_all(documents: dict[str, bytes], folder: Path) -> dict[str, Path]:
    """Convert several .docx in one LibreOffice run (each start costs seconds)."""
    soffice = find_soffice()
    assert soffice is not None
    for name, data in documents.items():
        (folder / f"{name}.docx").write_bytes(data)
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(folder), *[str(folder / f"{n}.docx") for n in documents]],
        capture_output=True, timeout=600, check=False,
    )  # fmt: skip
    out = {name: folder / f"{name}.pdf" for name in documents}
    assert all(p.is_file() for p in out.values()), "LibreOffice made no PDF"
    return out


@pytest.fixture(scope="module")
def padded_pdfs(form: Form, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, bytes, Pdf]]:
    documents = {}
    for name in ("seed-donghu-zwfw-2023", "huaian-city-gov-2024"):
        for lines in EXTRA_LINES:
            documents[f"{name}+{lines}"] = audited(render_docx(form, padded(load_data(name), lines)))
    pdfs = convert_all(documents, tmp_path_factory.mktemp("padded"))
    return [(name, documents[name], read_pdf(pdfs[name])) for name in documents]


def page_of(pdf: Pdf, text: str) -> set[int]:
    return {w.page for w in pdf.words if w.text == text}


def test_table3_and_table4_are_each_on_one_page_with_their_heading(
    form: Form, padded_pdfs: list[tuple[str, bytes, Pdf]]
) -> None:
    depth = {r.key: len(r.path) for r in form.t3.rows}
    split = []
    for name, document, pdf in padded_pdfs:
        columns = table3_columns(document)
        pages = {
            find_label(label_words(pdf, columns, depth[key]), labels[2])[0].page for key, labels in T3_ROWS
        }
        heading = page_of(pdf, "三、收到和处理政府信息公开申请情况")
        header = page_of(pdf, "申请人情况")
        if not (len(pages) == 1 and heading == header == pages):
            split.append((name, sorted(pages), heading, header))
        t4 = page_of(pdf, "四、政府信息公开行政复议、行政诉讼情况")
        if not (len(t4) == 1 and t4 == page_of(pdf, "复议后起诉") == page_of(pdf, "未经复议直接起诉")):
            split.append((name, "table 4", t4))
    assert split == []


def test_the_page_count_in_the_properties_is_the_printed_one(
    padded_pdfs: list[tuple[str, bytes, Pdf]],
) -> None:
    counts = []
    for name, document, pdf in padded_pdfs:
        app = docx.Document(io.BytesIO(document)).part.package
        xml = next(r.target_part.blob for r in app.rels.values() if r.reltype.endswith("extended-properties"))
        counts.append((name, int(re.search(rb"<Pages>(\d+)</Pages>", xml).group(1)), len(pdf.pages)))
    assert [c for c in counts if c[1] != c[2]] == []


def test_title_year_is_set_in_the_face_of_the_title(pdf: Pdf, report: Report) -> None:
    """The digits of "2024年…" come out in the 小标宋 stand-in like the characters beside them (they
    used to print in thin Times New Roman)."""
    from pypdf import PdfReader

    runs: list[tuple[str, str]] = []

    def visit(text: str, cm: object, tm: object, font: dict[str, object] | None, size: float) -> None:
        if text.strip() and font is not None and size > 20:  # the 2号 title only
            runs.append((text.strip(), str(font.get("/BaseFont"))))

    PdfReader(pdf.path).pages[0].extract_text(visitor_text=visit)
    year = [face for text, face in runs if text == str(report.year)]
    title = [face for text, face in runs if text.startswith("年")]
    assert year and title and set(year) == set(title), runs
