"""Importing saved web pages: a government site's markup, and LibreOffice's HTML of a .docx."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reportdesk.form import Form
from reportdesk.importers import import_report
from reportdesk.importers.html import html_document
from reportdesk.report import ReportFileError

from .conftest import load_data
from .importer_fixtures import write_docx, write_html
from .test_import_docx import NAMES, same_report, variant_label


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_government_site_page(form: Form, tmp_path: Path, name: str, encoding: str) -> None:
    want = load_data(name)
    path = tmp_path / "page.html"
    write_html(form, want, path, encoding=encoding, label=variant_label)
    result = import_report(path, form)
    same_report(result.report, want, form)
    assert result.problems == ()


def test_script_style_and_page_furniture_are_not_read() -> None:
    doc = html_document(
        """<html><head><title>一、总体情况</title><script>var s = "二、主动公开政府信息情况";</script></head>
        <body><div class="nav">首页 &gt; 三、收到和处理政府信息公开申请情况</div>
        <p>正文&nbsp;内容<br>第二行</p><footer>四、政府信息公开行政复议、行政诉讼情况</footer></body></html>""",
        "t.html",
    )
    assert [line.text for line in doc.lines] == ["正文\xa0内容", "第二行"]


def test_an_article_in_a_container_named_like_furniture_is_read(form: Form, tmp_path: Path) -> None:
    want = load_data(NAMES[0])
    page = tmp_path / "page.html"
    write_html(form, want, page, encoding="utf-8")
    text = page.read_text(encoding="utf-8").replace('<td class="content">', '<td class="content-bottom">')
    page.write_text(text, encoding="utf-8")
    same_report(import_report(page, form).report, want, form)


def test_cells_with_breaks_spaces_and_spans() -> None:
    doc = html_document(
        """<table><tr><td rowspan="2">三、本年度<br>办理结果</td><td colspan="2">（一）予以&nbsp;公开</td></tr>
        <tr><td>&nbsp;</td><td>12</td></tr></table>""",
        "t.html",
    )
    [grid] = doc.grids
    assert [(c.col, c.span, c.text, c.continued) for c in grid.rows[0]] == [
        (0, 1, "三、本年度\n办理结果", False),
        (1, 2, "（一）予以\xa0公开", False),
    ]
    assert [(c.col, c.text, c.continued) for c in grid.rows[1]] == [
        (0, "三、本年度\n办理结果", True),
        (1, "\xa0", False),
        (2, "12", False),
    ]


def test_a_page_without_a_report(form: Form, tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    path.write_text("<html><body><p>今日要闻：全市召开工作会议。</p></body></html>", encoding="utf-8")
    with pytest.raises(ReportFileError, match="没有找到"):
        import_report(path, form)


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is installed by scripts/setup.sh --dev"
)
def test_libreoffice_html_of_a_docx(form: Form, tmp_path: Path) -> None:
    for name in NAMES:
        write_docx(form, load_data(name), tmp_path / f"{name}.docx", run_in=name == NAMES[0])
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "html",
         "--outdir", str(tmp_path), *(str(tmp_path / f"{n}.docx") for n in NAMES)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    for name in NAMES:
        result = import_report(tmp_path / f"{name}.html", form)
        same_report(result.report, load_data(name), form)
