"""The template: built from the form, shipped up to date, linted, rendered in the sandbox; hostile
text comes out intact."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docxtpl import DocxTemplate

from reportdesk.form import Form, resource_path
from reportdesk.render.context import cell_var, provided_names
from reportdesk.render.docx import TemplateProblem, environment, lint_template, render_docx
from reportdesk.render.template_build import TEMPLATE_RESOURCE, build_template
from reportdesk.report import Report

from .render_support import audited, grid, render

SHIPPED = resource_path(TEMPLATE_RESOURCE).read_bytes()
# docProps/core.xml and the zip's timestamps change with every build; the content may not.
CONTENT_PARTS = ("word/document.xml", "word/styles.xml", "word/footer1.xml", "word/settings.xml")


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n in CONTENT_PARTS}


def saved(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_shipped_template_is_what_the_builder_makes(form: Form) -> None:
    built = parts(saved(build_template(form)))
    assert set(built) == set(CONTENT_PARTS)
    assert parts(SHIPPED) == built, "run: python -m reportdesk.render.template_build"


def test_undeclared_variables_are_the_forms_cells_and_fields(form: Form) -> None:
    used = DocxTemplate(io.BytesIO(SHIPPED)).get_undeclared_template_variables(environment())
    assert used <= provided_names(form)
    assert {cell_var(k) for k in form.cells} <= used
    assert lint_template(SHIPPED, form) == []


def test_one_placeholder_per_cell_and_no_loop_in_the_tables() -> None:
    doc = docx.Document(io.BytesIO(SHIPPED))
    texts = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    placeholders = [t for t in texts if "{{" in t]
    assert not any("{%" in t for t in texts)
    # Merged cells repeat their text over the grid: count distinct cells by their XML element.
    distinct = {c._tc: c.text for t in doc.tables for row in t.rows for c in row.cells if "{{" in c.text}
    assert len(set(distinct.values())) == len(distinct) == 200
    assert len(placeholders) >= 200


def with_paragraph_text(data: bytes, old: str, new: str) -> bytes:
    """The template with the text of every run equal to ``old`` replaced by ``new``."""
    doc = docx.Document(io.BytesIO(data))
    found = 0
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        if run.text == old:
                            run.text = new
                            found += 1
    for p in doc.paragraphs:
        for run in p.runs:
            if run.text == old:
                run.text = new
                found += 1
    assert found
    return saved(doc)


def test_lint_names_an_unknown_placeholder_and_the_cell_no_longer_printed(form: Form) -> None:
    bad = with_paragraph_text(SHIPPED, "{{ t3_new_natural }}", "{{ t3_new_naturel }}")
    problems = lint_template(bad, form)
    assert any("t3_new_naturel" in p and "不对应" in p for p in problems)
    assert any("表三「一、本年新收政府信息公开申请数量」自然人" in p for p in problems)
    assert len(problems) == 2


def test_lint_names_a_narrative_part_no_longer_printed(form: Form) -> None:
    bad = with_paragraph_text(SHIPPED, "{%p for para in s6 %}", "{%p for para in [] %}")
    assert lint_template(bad, form) == [
        "模板没有打印文字部分“六、其他需要报告的事项 其他需要报告的事项”（占位符 s6）"
    ]


def test_a_user_template_with_problems_is_refused(form: Form, seed: Report, tmp_path: Path) -> None:
    path = tmp_path / "mine.docx"
    path.write_bytes(with_paragraph_text(SHIPPED, "{{ t4_review_total }}", "{{ t4_review_total + }}"))
    with pytest.raises(TemplateProblem) as e:
        render_docx(form, seed, template=path)
    assert "模板语法错误" in str(e.value) and str(path) in str(e.value)


def test_a_file_that_is_no_docx_is_refused(form: Form, seed: Report, tmp_path: Path) -> None:
    path = tmp_path / "mine.docx"
    path.write_text("not a word file", encoding="utf-8")
    with pytest.raises(TemplateProblem, match="不是 Word 文档"):
        render_docx(form, seed, template=path)
    with pytest.raises(TemplateProblem, match="文件不存在"):
        render_docx(form, seed, template=tmp_path / "missing.docx")


def test_a_restyled_user_template_renders(form: Form, seed: Report, tmp_path: Path) -> None:
    doc = docx.Document(io.BytesIO(SHIPPED))
    doc.styles["报告正文"].font.size = docx.shared.Pt(14)
    doc.add_paragraph("本报告由{{ agency_name }}编制。")
    path = tmp_path / "restyled.docx"
    path.write_bytes(saved(doc))
    out = docx.Document(io.BytesIO(audited(render_docx(form, seed, template=path))))
    assert out.paragraphs[-1].text == "本报告由武汉市东湖新技术开发区政务服务和大数据管理局编制。"
    assert out.styles["报告正文"].font.size == docx.shared.Pt(14)


@pytest.mark.parametrize(
    "expression",
    [
        "{{ agency_name.__class__.__mro__[1].__subclasses__() }}",
        "{{ intro.__class__.__init__.__globals__ }}",
        "{{ year.format.__globals__ }}",
    ],
)
def test_a_user_template_cannot_reach_into_python(
    form: Form, seed: Report, tmp_path: Path, expression: str
) -> None:
    doc = docx.Document(io.BytesIO(SHIPPED))
    doc.add_paragraph(expression)
    path = tmp_path / "evil.docx"
    path.write_bytes(saved(doc))
    assert lint_template(path.read_bytes(), form) == []  # it only names what the report provides
    with pytest.raises(TemplateProblem, match="模板无法生成"):
        render_docx(form, seed, template=path)


# ---------------------------------------------------------------------------------------------
# Hostile text


HOSTILE = {
    "s1.active": "A & B <b>not bold</b> &amp; {{ year }} {% if x %}",
    "s1.request": "控制字符\x00\x01\x07\x08\x0b\x0c\x1b\x1f在此\ufffe结束",
    "s1.management": "表情 😀👍🏽🇨🇳 与 𠀀 扩展字",
    "s1.platform": "第一段\r\n第二段\r第三段\n\n\n第四段\u2028第五段",
    "s1.oversight": "长" * 20_000,
    "s5.problems": "　　用全角空格缩进的段落\t含制表符",
}
EXPECTED = {
    "s1.active": ["A & B <b>not bold</b> &amp; {{ year }} {% if x %}"],
    # Word's manual line break (\v) and page break (\f) end a paragraph; other controls vanish.
    "s1.request": ["控制字符", "在此结束"],
    "s1.management": ["表情 😀👍🏽🇨🇳 与 𠀀 扩展字"],
    "s1.platform": ["第一段", "第二段", "第三段", "第四段", "第五段"],
    "s1.oversight": ["长" * 20_000],
    "s5.problems": ["用全角空格缩进的段落\t含制表符"],
}


def test_hostile_text_renders_intact(form: Form, seed: Report) -> None:
    report = seed
    for key, text in HOSTILE.items():
        report = report.with_text(key, text)
    report = report.with_agency(
        report.agency.__class__(name="A&B<局>\x07", region="", kind="department", website="")
    )
    doc = render(form, report)
    body = [p.text for p in doc.paragraphs]
    for key, paragraphs in EXPECTED.items():
        start = body.index(paragraphs[0])
        assert body[start : start + len(paragraphs)] == paragraphs, key
    assert body[0] == "A&B<局>"
    assert grid(doc.tables[1])[3][3] == "42"
    assert doc.core_properties.title == "A&B<局>2023年政府信息公开工作年度报告"
