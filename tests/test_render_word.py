"""What Word and WPS see besides the figures (issue #15): tables kept whole, the 自然人 header on
one line, the title's year in the title face, a package without leftovers (no stylesWithEffects,
no foreign thumbnail, compatibility mode 15, zh-CN theme fonts) and properties of its own — for
the shipped template and for an office's restyled one, each audited with openxml-audit."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from reportdesk.form import Form, resource_path
from reportdesk.render import layout
from reportdesk.render.docx import render_docx
from reportdesk.render.gate import assess
from reportdesk.render.package import STYLES_WITH_EFFECTS
from reportdesk.render.pages import estimate_pages
from reportdesk.render.signoff import render_signoff
from reportdesk.render.tables import one_line_mm
from reportdesk.render.template_build import TEMPLATE_RESOURCE
from reportdesk.report import Report

from .render_support import audited, render

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


@pytest.fixture(scope="module")
def huaian_doc(form: Form, huaian: Report) -> Any:
    return render(form, huaian)


@pytest.mark.parametrize(("table", "rows"), [(0, 14), (1, 28), (2, 4)])
def test_every_paragraph_of_every_row_but_the_last_keeps_with_the_next(
    huaian_doc: Any, table: int, rows: int
) -> None:
    """Merged continuation cells included: LibreOffice keeps a table whole only when all of them do."""
    trs = huaian_doc.tables[table]._tbl.findall(qn("w:tr"))
    assert len(trs) == rows
    continuation = 0
    for i, tr in enumerate(trs):
        for tc in tr.iter(qn("w:tc")):
            tc_pr = tc.find(qn("w:tcPr"))
            vmerge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            if vmerge is not None and vmerge.get(qn("w:val")) is None:
                continuation += 1
            for p in tc.iter(qn("w:p")):
                ppr = p.find(qn("w:pPr"))
                keeps = ppr is not None and ppr.find(qn("w:keepNext")) is not None
                assert keeps == (i < rows - 1), (table, i, "".join(t.text or "" for t in p.iter(qn("w:t"))))
    assert continuation > 0 or table == 0


def test_natural_person_prints_on_one_line_and_table3_fits(huaian_doc: Any) -> None:
    widths = [int(c.get(qn("w:w"))) for c in huaian_doc.tables[1]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths[3] >= Mm(one_line_mm("自然人", layout.SIZE_5)).twips - 1
    # 3 characters of 5号 (11.1 mm) plus the cell margins: more than an even share of the columns.
    assert widths[3] > Mm(11.1 + 1.6).twips
    assert sum(widths) <= Mm(layout.TEXT_WIDTH_MM).twips


def test_title_digits_are_set_in_the_title_face(huaian_doc: Any) -> None:
    titles = [p for p in huaian_doc.paragraphs if p.style.name == "报告标题"]
    assert titles[-1].text == "2024年政府信息公开工作年度报告"
    style_fonts = huaian_doc.styles["报告标题"].element.rPr.rFonts
    runs = [r for p in titles for r in p.runs]
    for fonts in [style_fonts] + [r._r.rPr.rFonts for r in runs]:
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            assert fonts.get(qn(attr)) == layout.FONT_TITLE, attr


def _zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def assert_clean_package(data: bytes) -> None:
    parts = _zip(data)
    assert not any("stylesWithEffects" in name for name in parts)
    assert not any("thumbnail" in name for name in parts)
    assert b"stylesWithEffects" not in parts["word/_rels/document.xml.rels"]
    assert b"thumbnail" not in parts["_rels/.rels"]
    settings = docx.Document(io.BytesIO(data)).settings.element
    modes = [
        s.get(qn("w:val"))
        for s in settings.iter(qn("w:compatSetting"))
        if s.get(qn("w:name")) == "compatibilityMode"
    ]
    assert modes == ["15"]
    (lang,) = settings.findall(qn("w:themeFontLang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    assert settings.find(qn("w:savePreviewPicture")) is None


def app_properties(data: bytes) -> dict[str, str]:
    xml = _zip(data)["docProps/app.xml"].decode()
    return dict(re.findall(r"<(\w+)>([^<]*)</\1>", xml))


def test_shipped_template_package_is_clean() -> None:
    data = audited(resource_path(TEMPLATE_RESOURCE).read_bytes())
    assert_clean_package(data)
    assert app_properties(data)["Application"] == "reportdesk"


@pytest.mark.parametrize("what", ["report", "draft", "signoff"])
def test_rendered_documents_are_clean_with_their_own_properties(
    form: Form, huaian: Report, hongze2023: Report, what: str
) -> None:
    report = hongze2023 if what == "draft" else huaian
    if what == "signoff":
        data = render_signoff(form, report, assess(form, report))
    else:
        data = render_docx(form, report, draft=what == "draft")
    audited(data)
    assert_clean_package(data)
    doc = docx.Document(io.BytesIO(data))
    assert doc.core_properties.author == report.agency.full_name
    assert doc.core_properties.last_modified_by == report.agency.full_name
    app = app_properties(data)
    assert app["Application"] == "reportdesk"
    assert app["Company"] == report.agency.full_name
    assert int(app["Pages"]) == estimate_pages(doc) >= 2
    text = "".join(t.text or "" for t in doc.element.body.iter(qn("w:t")))
    assert int(app["Characters"]) == sum(1 for c in text if not c.isspace())
    assert "Macintosh" not in _zip(data)["docProps/app.xml"].decode()


def office_template(tmp_path: Any) -> Any:
    """The shipped template restyled by an office in an older Word: body 14 pt 宋体, a red title,
    saved with Word 2010's stylesWithEffects, a thumbnail, compatibility mode 14, ja-JP theme fonts."""
    doc = docx.Document(str(resource_path(TEMPLATE_RESOURCE)))
    doc.styles["报告正文"].font.size = Pt(14)
    doc.styles["报告标题"].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    leftovers = docx.Document()  # python-docx's base document carries exactly those parts
    for rel in leftovers.part.rels.values():
        if rel.reltype == STYLES_WITH_EFFECTS:
            doc.part.relate_to(rel.target_part, STYLES_WITH_EFFECTS)
    for rel in leftovers.part.package.rels.values():
        if rel.reltype == RT.THUMBNAIL:
            doc.part.package.relate_to(rel.target_part, RT.THUMBNAIL)
    settings = doc.settings.element
    for s in settings.iter(qn("w:compatSetting")):
        if s.get(qn("w:name")) == "compatibilityMode":
            s.set(qn("w:val"), "14")
    settings.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "ja-JP")
    path = tmp_path / "本单位模板.docx"
    doc.save(str(path))
    parts = _zip(path.read_bytes())
    assert "word/stylesWithEffects.xml" in parts and "docProps/thumbnail.jpeg" in parts
    return path


def test_a_report_from_an_offices_restyled_template_is_clean(form: Form, seed: Report, tmp_path: Any) -> None:
    data = audited(render_docx(form, seed, template=office_template(tmp_path)))
    assert_clean_package(data)
    doc = docx.Document(io.BytesIO(data))
    assert doc.styles["报告正文"].font.size == Pt(14)
    assert doc.styles["报告标题"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert doc.core_properties.author == seed.agency.full_name
