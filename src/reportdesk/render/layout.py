"""公文 layout (GB/T 9704-2012) shared by the report template and the sign-off sheet.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm type area of
22 lines); title 2号 方正小标宋简体; body 3号 仿宋_GB2312 at a fixed 28.95 pt line pitch with a
two-character first-line indent; "一、" headings 黑体, "（一）" headings 楷体_GB2312; page
numbers 4号 宋体 "— 1 —". Every Chinese font name is written as the East Asian font
(``w:eastAsia``) of the styles *and* of each run, because Word and WPS take the Chinese face
from that attribute only. Styles carry Chinese names so an office can restyle them in Word/WPS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reportdesk.render.ooxml import RPR_ORDER, put_in_order

# Chinese type sizes (字号) in points.
SIZE_2 = 22.0
SIZE_3 = 16.0
SIZE_4 = 14.0
SIZE_5 = 10.5
SIZE_SMALL_5 = 9.0

LINE_PITCH = 28.95  # 22 lines in the 225 mm type area
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156

FONT_LATIN = "Times New Roman"
FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEADING_1 = "黑体"
FONT_HEADING_2 = "楷体_GB2312"
FONT_TABLE = "宋体"
FONT_PAGE_NUMBER = "宋体"

TABLE_LINE = 14.0


@dataclass(frozen=True)
class StyleSpec:
    """A paragraph style: ``style_id`` for the XML, ``name`` is what Word and WPS show."""

    style_id: str
    name: str
    east_asia: str
    size: float
    line: float | None = LINE_PITCH  # exact line height in pt; None = single
    align: str = "both"
    indent_chars: int = 0
    keep_next: bool = False
    outline_level: int | None = None
    latin: str = FONT_LATIN
    condense: float = 0.0  # character spacing reduced by this many pt


# The title's digits and letters (the year) are set in 小标宋 too: in Times New Roman they would
# print thin among the heavy 小标宋 characters.
TITLE = StyleSpec(
    "ReportTitle",
    "报告标题",
    FONT_TITLE,
    SIZE_2,
    line=36.0,
    align="center",
    keep_next=True,
    latin=FONT_TITLE,
)
# 3号 characters are 16 pt but the type area is 442 pt wide: condensed by a quarter point, a line
# holds the 28 characters of GB/T 9704 (Word templates reach it with a character grid, which
# LibreOffice lays out wrongly).
BODY_CONDENSE = 0.25
BODY = StyleSpec("ReportBody", "报告正文", FONT_BODY, SIZE_3, indent_chars=2, condense=BODY_CONDENSE)
HEADING_1 = StyleSpec(
    "ReportHeading1",
    "一级标题",
    FONT_HEADING_1,
    SIZE_3,
    indent_chars=2,
    keep_next=True,
    outline_level=0,
    condense=BODY_CONDENSE,
)
HEADING_2 = StyleSpec(
    "ReportHeading2",
    "二级标题",
    FONT_HEADING_2,
    SIZE_3,
    indent_chars=2,
    keep_next=True,
    outline_level=1,
    condense=BODY_CONDENSE,
)
TABLE_TEXT = StyleSpec("TableText", "表格文字", FONT_TABLE, SIZE_5, line=TABLE_LINE, align="center")
TABLE_LABEL = StyleSpec("TableLabel", "表格标签", FONT_TABLE, SIZE_5, line=TABLE_LINE, align="left")
TABLE_NOTE = StyleSpec("TableNote", "表格注释", FONT_TABLE, SIZE_SMALL_5, line=12.0, align="left")
HEADER = StyleSpec("ReportHeader", "页眉文字", FONT_HEADING_1, SIZE_4, line=None, align="center")
PAGE_NUMBER = StyleSpec("PageNumber", "页码", FONT_PAGE_NUMBER, SIZE_4, line=None, align="center")

DRAFT_MARK = "草稿　仅供内部审阅，不得公开发布"

STYLES = (TITLE, BODY, HEADING_1, HEADING_2, TABLE_TEXT, TABLE_LABEL, TABLE_NOTE, HEADER, PAGE_NUMBER)

_ALIGN = {
    "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(element: Any, east_asia: str, latin: str = FONT_LATIN) -> None:
    """Set the Latin and the East Asian font on a style or run element (``w:rFonts``).

    Theme font attributes are removed: Word lets them win over named fonts. ``w:hint`` makes
    ambiguous characters (“ ” — …) use the Chinese face, as typed in a Chinese document.
    """
    rfonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:hint"), "eastAsia")


def _defaults(doc: Any) -> None:
    """Document defaults: named fonts instead of theme fonts, Chinese language, no spacing."""
    styles_el = doc.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in _THEME_ATTRS:
        if rfonts is not None and rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    if rfonts is not None:
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(attr), FONT_LATIN)
        rfonts.set(qn("w:eastAsia"), FONT_BODY)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    spacing = (
        styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    )
    if spacing is not None:
        # Word's default stated explicitly: without it LibreOffice hangs a line-end "、" or "，"
        # past the margin and leaves it out of the PDF it prints (an import of that PDF then
        # lacks it); with it, LibreOffice keeps the mark on the line. Word's layout is unchanged.
        overflow = OxmlElement("w:overflowPunct")
        overflow.set(qn("w:val"), "1")
        spacing.addprevious(overflow)
    if spacing is not None:  # the python-docx default: 10 pt after, 1.15 lines
        for attr, value in (("w:after", "0"), ("w:line", "240")):
            spacing.set(qn(attr), value)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(SIZE_3)
    set_fonts(normal.element, FONT_BODY)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)


def _add_style(doc: Any, spec: StyleSpec) -> None:
    style = doc.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = spec.style_id
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(spec.size)
    style.font.bold = False
    set_fonts(style.element, spec.east_asia, spec.latin)
    if spec.condense:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(-round(spec.condense * 20)))
        put_in_order(style.element.get_or_add_rPr(), spacing, RPR_ORDER)
    pf = style.paragraph_format
    pf.alignment = _ALIGN[spec.align]
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    if spec.line is None:
        pf.line_spacing = 1.0
    else:
        pf.line_spacing = Pt(spec.line)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.keep_with_next = spec.keep_next
    ppr = style.element.get_or_add_pPr()
    if spec.indent_chars:
        pf.first_line_indent = Pt(spec.size * spec.indent_chars)
        ind = ppr.find(qn("w:ind"))
        ind.set(qn("w:firstLineChars"), str(spec.indent_chars * 100))
    if spec.outline_level is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(spec.outline_level))
        ppr.append(level)


def _page(section: Any) -> None:
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width = Mm(PAGE_MM[0])
    section.page_height = Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(15)
    # The page number's dash sits about 7 mm under the type area (GB/T 9704 7.5).
    section.footer_distance = Mm(22)
    section.gutter = Mm(0)


def new_document() -> Any:
    """An empty document with the 公文 page, defaults and every style of :data:`STYLES`."""
    doc = Document()
    _defaults(doc)
    for spec in STYLES:
        _add_style(doc, spec)
    _page(doc.sections[0])
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.keywords = ""
    props.language = "zh-CN"
    return doc


def add_paragraph(container: Any, text: str, spec: StyleSpec, *, align: str | None = None) -> Any:
    """Append a paragraph of ``spec`` style holding ``text`` in one run with explicit fonts."""
    paragraph = container.add_paragraph()
    apply_style(paragraph, spec)
    if align is not None:
        paragraph.paragraph_format.alignment = _ALIGN[align]
    if text:
        add_run(paragraph, text, spec)
    return paragraph


def apply_style(paragraph: Any, spec: StyleSpec) -> None:
    """Give a paragraph the style of ``spec`` by its id (python-docx's lookup by name scans every
    style each time, most of the time it takes to build a document)."""
    paragraph._p.get_or_add_pPr().style = spec.style_id


def add_run(paragraph: Any, text: str, spec: StyleSpec) -> Any:
    """Append a run with the style's fonts set on the run itself (Word/WPS honour both)."""
    run = paragraph.add_run(text)
    set_fonts(run._r, spec.east_asia, spec.latin)
    return run


def _field(paragraph: Any, instruction: str, spec: StyleSpec) -> None:
    """A complex field (PAGE) that Word, WPS and LibreOffice all update."""
    for kind in ("begin", None, "separate", "1", "end"):
        run = add_run(paragraph, "", spec)
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        elif kind == "1":
            run.text = "1"
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def add_page_number(section: Any) -> None:
    """Footer with the page number as "— 1 —", 4号 宋体, centred."""
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    apply_style(paragraph, PAGE_NUMBER)
    add_run(paragraph, "— ", PAGE_NUMBER)
    _field(paragraph, "PAGE", PAGE_NUMBER)
    add_run(paragraph, " —", PAGE_NUMBER)


def mark_draft(doc: Any, text: str) -> None:
    """Put ``text`` at the top of every page's header, in every section (first/even pages too)."""
    for section in doc.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        if doc.settings.odd_and_even_pages_header_footer:
            headers.append(section.even_page_header)
        for header in headers:
            header.is_linked_to_previous = False
            first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            paragraph = first.insert_paragraph_before()
            apply_style(paragraph, HEADER)
            run = add_run(paragraph, text, HEADER)
            run.bold = True
