"""``reportdesk publish``: the report as the web page a government website publishes — tables 2–4
as real tables with the printed merged headers, every data cell naming its headers, a
self-contained page with nothing fetched, escaped text, headings in order; the fragment for a
CMS; and ``reportdesk import`` reading the page back figure for figure."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from reportdesk.cli import main
from reportdesk.form import Form
from reportdesk.importers import import_report
from reportdesk.importers.html import _TreeBuilder, _Walker
from reportdesk.publish.page import render_page
from reportdesk.render.context import paragraphs
from reportdesk.report import Report, read_report

from .conftest import DATA, load_data
from .render_support import grid, render

REPORTS = ("seed-donghu-zwfw-2023", "huaian-city-gov-2024", "hongze-district-gov-2024")


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <style>."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.style = ""
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def html_grids(html: str) -> list[list[list[str]]]:
    """Each table of the page as a full grid of texts, read by the HTML importer's own parser
    (rowspan and colspan repeat a cell's text over the positions it covers)."""
    builder = _TreeBuilder()
    builder.feed(html)
    walker = _Walker()
    walker.walk(builder.root)
    out = []
    for block in walker.blocks:
        rows = getattr(block, "rows", None)
        if rows is None:
            continue
        full = []
        for row in rows:
            texts: list[str] = []
            for cell in row:
                texts += [cell.text] * cell.span
            full.append(texts)
        out.append(full)
    return out


@pytest.fixture(scope="module", params=REPORTS)
def published(request: pytest.FixtureRequest, form: Form) -> tuple[Report, str]:
    report = load_data(request.param)
    report = report.with_cells({k: 0 for k, v in report.cells.items() if v is None})
    return report, render_page(form, report)


def test_tables_are_the_printed_tables_cell_for_cell(form: Form, published: tuple[Report, str]) -> None:
    """The same merged headers and labels at the same grid positions as in the Word document."""
    report, html = published
    word = render(form, report)
    assert html_grids(html) == [grid(t) for t in word.tables]


def test_header_cells_and_captions(form: Form, published: tuple[Report, str]) -> None:
    _, html = published
    tags = Tags(html).tags
    names = [t for t, _ in tags]
    assert names.count("table") == 3 and names.count("caption") == 3 and names.count("thead") == 2
    assert {a.get("scope") for t, a in tags if t == "th"} == {"col", "colgroup", "row", "rowgroup"}
    assert all("scope" in a for t, a in tags if t == "th")
    spans = {(a.get("rowspan"), a.get("colspan")) for t, a in tags if t in ("th", "td")}
    assert ("22", None) in spans and ("3", "3") in spans  # 三、本年度办理结果; the 勾稽 note
    captions = re.findall(r"<caption[^>]*>([^<]*)</caption>", html)
    assert captions == [form.t2.title, form.t3.title, form.t4.title]


def _headers_of(html: str, row_label: str, column: int) -> list[str]:
    """The texts of the headers named by the ``column``-th figure of the row labelled ``row_label``."""
    ids = dict(re.findall(r'<th id="([^"]+)"[^>]*>([^<]*)</th>', html))
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", html) if f">{row_label}</th>" in r)
    headers = re.findall(r'<td[^>]*headers="([^"]+)"', row)[column]
    return [ids[h] for h in headers.split()]


def test_every_figure_names_its_row_and_column_headers(published: tuple[Report, str]) -> None:
    _, html = published
    assert _headers_of(html, "1.属于国家秘密", 0) == [
        "申请人情况",
        "自然人",
        "三、本年度办理结果",
        "（三）不予公开",
        "1.属于国家秘密",
    ]
    assert _headers_of(html, "一、本年新收政府信息公开申请数量", 2) == [
        "申请人情况",
        "法人或其他组织",
        "科研机构",
        "一、本年新收政府信息公开申请数量",
    ]
    assert _headers_of(html, "行政强制", 0) == ["第二十条第（六）项", "本年处理决定数量", "行政强制"]
    # Every data cell names at least one header, and only headers of its own table.
    assert not re.search(r"<td(?![^>]*headers=)[^>]*class=\"n\"", html)
    for table in re.findall(r'<table id="(t\d)".*?</table>', html, re.S):
        body = re.search(rf'<table id="{table}".*?</table>', html, re.S)
        assert body is not None
        assert all(
            h.startswith(f"{table}-h")
            for hs in re.findall(r'headers="([^"]+)"', body.group())
            for h in hs.split()
        )


def test_self_contained_page_in_chinese_with_headings_in_order(published: tuple[Report, str]) -> None:
    _, html = published
    parsed = Tags(html)
    assert parsed.tags[0] == ("html", {"lang": "zh-CN"})
    names = [t for t, _ in parsed.tags]
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(names)
    assert not any(k in ("src", "href", "srcset", "style") for _, a in parsed.tags for k in a)
    assert parsed.style and "url(" not in parsed.style and "@import" not in parsed.style
    levels = [int(t[1]) for t in names if re.fullmatch(r"h\d", t)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in parsed.tags


def test_no_layout_tables_every_table_is_data(published: tuple[Report, str]) -> None:
    _, html = published
    assert html.count("<table") == 3
    assert not re.search(r"<table[^>]*role=\"(presentation|none)\"", html)
    assert not re.search(r"<td[^>]*>\s*<table", html)


def test_text_is_escaped_and_paragraphs_kept(form: Form, seed: Report) -> None:
    hostile = "<script>alert(1)</script> & “引号” <b>粗</b>\n第二段"
    report = seed.with_text("s6", hostile).with_agency(replace(seed.agency, name="<i>某局</i>"))
    html = render_page(form, report)
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; “引号” &lt;b&gt;粗&lt;/b&gt;</p>\n<p>第二段</p>"
        in html
    )
    assert "&lt;i&gt;某局&lt;/i&gt;" in html


def test_fragment_is_the_article_alone(form: Form, seed: Report) -> None:
    page = render_page(form, seed)
    fragment = render_page(form, seed, fragment=True)
    assert fragment.startswith('<article class="gov-report" lang="zh-CN">')
    assert fragment.rstrip().endswith("</article>")
    assert not re.search(r"<(html|head|body|style|meta|title)\b", fragment)
    assert fragment.strip() in page


@pytest.mark.parametrize("name", [*REPORTS, "hongze-district-gov-2023"])
def test_publish_then_import_gives_back_every_figure_and_text(
    name: str, form: Form, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = DATA / f"{name}.json"
    page = tmp_path / "report.html"
    assert main(["publish", str(source), "-o", str(page), "--draft"]) == 0
    original = read_report(source, form).report
    imported = import_report(page, form, original.year).report
    assert imported.cells == original.cells
    for key in form.text_keys:
        assert paragraphs(imported.texts.get(key, "")) == paragraphs(original.texts.get(key, "")), key
    assert imported.year == original.year
    assert imported.agency.full_name == original.agency.full_name


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_publish_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "年报.html"
    code, stdout, _ = run(capsys, "publish", DATA / "seed-donghu-zwfw-2023.json", "-o", out)
    assert code == 0 and f"已写入网页 {out}" in stdout
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, stdout, _ = run(capsys, "publish", DATA / "seed-donghu-zwfw-2023.json", "-o", out, "--fragment")
    assert code == 0 and "网页片段" in stdout
    assert out.read_text(encoding="utf-8").startswith("<article")
    # A report with errors is refused, unless as a draft marked on the page.
    bad = tmp_path / "bad.html"
    code, _, err = run(capsys, "publish", DATA / "hongze-district-gov-2023.json", "-o", bad)
    assert code == 1 and "未生成网页" in err and not bad.exists()
    code, stdout, _ = run(capsys, "publish", DATA / "hongze-district-gov-2023.json", "-o", bad, "--draft")
    assert code == 0 and "草稿" in bad.read_text(encoding="utf-8")
    code, _, err = run(
        capsys, "publish", DATA / "seed-donghu-zwfw-2023.json", "-o", tmp_path / "no" / "x.html"
    )
    assert code == 2 and err
    code, _, err = run(capsys, "publish", tmp_path / "missing.json", "-o", out)
    assert code == 2 and "missing.json" in err


def _attrs(tags: list[tuple[str, dict[str, str]]], tag: str) -> list[dict[str, Any]]:
    return [a for t, a in tags if t == tag]


def test_scroll_regions_are_named_and_reachable_by_keyboard(published: tuple[Report, str]) -> None:
    _, html = published
    tags = Tags(html).tags
    regions = [a for a in _attrs(tags, "div") if a.get("class") == "table-scroll"]
    captions = {a["id"] for a in _attrs(tags, "caption")}
    assert len(regions) == 3
    assert all(
        r["role"] == "region" and r["tabindex"] == "0" and r["aria-labelledby"] in captions for r in regions
    )
