"""The copies of a published report that offices really hold, made by script (issue #16).

Each writer takes a report (the project's sample reports in tests/data, or a report derived from
one) and prints it the way a copy of that kind looks; the text transforms take a reference text
(tests/data/*.txt, copied from ../shared/reference) and damage it the same way. Nothing here reads
outside the repository, so the tests that use these run in a bare clone.

- :func:`flattened`: a web page that lost every line break and every table cell boundary
  ("…三、本年度办理结果（一）予以公开713000074（二）部分公开…"), as text or as HTML;
- :func:`markdown`: pipe tables, ``#`` headings and ``**bold**`` as converters and AI tools write them;
- :func:`ocr`: an OCR'd scan: spaces inside numbers and years, mixed full- and half-width
  punctuation, a garbled header row, look-alike letters in a few figures.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Iterator

from reportdesk.form import Form
from reportdesk.report import Report

from .importer_fixtures import LAYOUTS, paragraphs

Cells = list[tuple[int, int, str]]  # row, col, text of a printed table


def _table(form: Form, report: Report, table: str) -> dict[int, list[str]]:
    """The printed table's cell texts by row, in reading order (merged cells once)."""
    _width, placed = LAYOUTS[table](form, report)
    rows: dict[int, list[str]] = {}
    for r, _c, text, _rs, _cs in sorted(placed, key=lambda p: (p[0], p[1])):
        rows.setdefault(r, []).append(text.replace("\n", ""))
    return rows


def _pieces(form: Form, report: Report, run_in: bool = True) -> Iterator[tuple[str, str]]:
    """("text", paragraph) and ("cell", text) in print order."""
    for kind, text in paragraphs(form, report, run_in):
        if kind != "table":
            yield "text", text
            continue
        for _, cells in sorted(_table(form, report, text).items()):
            for cell in cells:
                yield "cell", cell


# ---------------------------------------------------------------------------------------------
# Flattened web pages


def flattened(form: Form, report: Report, *, spaced: bool = False) -> str:
    """The whole report on one line; table cells run together (``spaced``: a space between figures)."""
    out = []
    for kind, text in _pieces(form, report):
        if spaced and kind == "cell" and out and re.fullmatch(r"[\d.]+", text) and re.search(r"\d$", out[-1]):
            out.append(" ")
        out.append(text)
    return "".join(out)


def flattened_html(form: Form, report: Report) -> str:
    """A CMS page whose article is one block: spans and &nbsp;, no paragraph or table markup."""
    spans = []
    for kind, text in _pieces(form, report):
        escaped = html.escape(text)
        spans.append(f'<span style="font-size:16px">{escaped}</span>' if kind == "text" else escaped)
    article = "&nbsp;".join(spans[:1]) + "".join(spans[1:])
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>年度报告</title></head><body>'
        '<div class="nav">首页 &gt; 政务公开</div>'
        f'<div class="article"><div class="TRS_Editor">{article}</div></div>'
        '<div class="footer">版权所有：某某人民政府</div></body></html>'
    )


def paragraphs_kept_html(form: Form, report: Report) -> str:
    """A CMS page that kept its paragraphs (<p>) but lost its tables: each table's cells run
    together in one paragraph."""
    out: list[str] = []
    cells: list[str] = []
    for kind, text in _pieces(form, report):
        if kind == "cell":
            cells.append(text)
            continue
        if cells:
            out.append(f"<p>{html.escape(''.join(cells))}</p>")
            cells = []
        out.append(f"<p>{html.escape(text)}</p>")
    if cells:
        out.append(f"<p>{html.escape(''.join(cells))}</p>")
    return '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>' + "".join(out) + "</body></html>"


def flatten_text(text: str) -> str:
    """A reference text (one paragraph or cell a line) with every line break and tab lost."""
    return re.sub(r"[\t\r\n]+", "", text)


# ---------------------------------------------------------------------------------------------
# Markdown / pipe tables


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def markdown(form: Form, report: Report, *, bold_labels: bool = True) -> str:
    """Headings with ``#``, pipe tables with a header separator, blank cells left blank."""
    lines = []
    for kind, text in paragraphs(form, report, run_in=False):
        if kind == "title":
            lines.append(f"# {text}")
        elif kind == "heading":
            lines.append(
                ("### " if text.startswith("（") else "## ") + (f"**{text}**" if bold_labels else text)
            )
        elif kind == "table":
            lines += _pipe_table(form, report, text, bold_labels)
        else:
            lines.append(text)
        lines.append("")
    return "\n".join(lines)


def _pipe_table(form: Form, report: Report, table: str, bold: bool) -> list[str]:
    width, placed = LAYOUTS[table](form, report)
    grid: dict[int, dict[int, str]] = {}
    for r, c, text, _rs, cs in placed:
        grid.setdefault(r, {})[c] = text.replace("\n", "")
        for extra in range(1, cs):  # a converter repeats nothing: a merged cell's other columns are empty
            grid[r].setdefault(c + extra, "")
    out = []
    for i, r in enumerate(sorted(grid)):
        cells = [grid[r].get(c, "") for c in range(width)]
        if bold:
            cells = [f"**{c}**" if c and not re.fullmatch(r"[\d.]+", c) and i == 0 else c for c in cells]
        out.append(_row(cells))
        if i == 0:
            out.append(_row(["---"] * width))
    return out


# ---------------------------------------------------------------------------------------------
# OCR'd copies

LOOKALIKE = {"0": "O", "1": "l"}


def _line_table(form: Form, report: Report, table: str, rng: random.Random, header: bool) -> list[str]:
    """A table as OCR prints it: each row on one line, label then figures; the header garbled."""
    lines = []
    for _, cells in sorted(_table(form, report, table).items()):
        labels = [c for c in cells if not re.fullmatch(r"[\d.]*", c)]
        figures = [c or "" for c in cells if re.fullmatch(r"[\d.]*", c)]
        if not any(figures) and header and len(labels) > 3:
            lines.append(" ".join(f"数据{i + 1}" for i in range(len(labels))))  # unreadable header
            continue
        lines.append(" ".join([*labels, *figures]).strip())
    return lines


def ocr(form: Form, report: Report, seed: int, *, lookalikes: int = 2) -> tuple[str, set[str]]:
    """An OCR'd copy, and the cells whose figure was printed with a look-alike letter."""
    rng = random.Random(seed)
    lines = []
    for kind, text in paragraphs(form, report, run_in=True):
        if kind == "table":
            lines += _line_table(form, report, text, rng, header=True)
        else:
            lines.append(_punctuation(_spaced_years(text, rng), rng))
    keys = [k for k, v in report.cells.items() if type(v) is int and any(ch in LOOKALIKE for ch in str(v))]
    damaged = set(rng.sample(sorted(keys), min(lookalikes, len(keys))))
    rows = _row_keys(form)
    return "\n".join(_damage_figures(line, rows, damaged, rng) for line in lines), damaged


def _spaced_years(text: str, rng: random.Random) -> str:
    def spaced(m: re.Match[str]) -> str:
        return (" ".join(m.group(1)) if rng.random() < 0.5 else m.group(1)) + " 年"

    return re.sub(r"(20\d\d)年", spaced, text)


def _punctuation(text: str, rng: random.Random) -> str:
    swap = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"}
    return "".join(swap[ch] if ch in swap and rng.random() < 0.4 else ch for ch in text)


def _damage_figures(line: str, rows: dict[str, list[str]], damaged: set[str], rng: random.Random) -> str:
    """A table row's figures reprinted: some multi-digit ones spaced out, the damaged ones with a look-alike."""
    words = line.split(" ")
    n = len(words)
    while n > 0 and re.fullmatch(r"\d+(\.\d+)?", words[n - 1]):
        n -= 1
    labels, figures = words[:n], words[n:]
    keys = rows.get(labels[-1] if labels else "t4")
    if keys is None or len(figures) != len(keys):
        return line
    printed = []
    for key, fig in zip(keys, figures, strict=True):
        if key in damaged:
            digit = next(ch for ch in fig if ch in LOOKALIKE)
            fig = fig.replace(digit, LOOKALIKE[digit], 1)
        elif len(fig) > 1 and "." not in fig and rng.random() < 0.3:
            fig = " ".join(fig)
        printed.append(fig)
    return " ".join([*labels, *printed])


def _row_keys(form: Form) -> dict[str, list[str]]:
    """The printed label of each table row with figures → its keys ("t4" for table 四's one row)."""
    out: dict[str, list[str]] = {}
    for row in form.t3.rows:
        out[row.label] = [f"t3.{row.key}.{c.key}" for c in form.t3.columns]
    for block in form.t2.blocks:
        for r in block.rows:
            out[r.label] = [f"t2.{r.key}.{c.key}" for c in block.columns]
    out["t4"] = [f"t4.{g.key}.{c.key}" for g in form.t4.groups for c in form.t4.columns]
    return out


# ---------------------------------------------------------------------------------------------
# Misprinted tables


def misprinted(
    form: Form, report: Report, count: int, rng: random.Random, tables: tuple[str, ...] = ("t3.", "t4.")
) -> Report:
    """``count`` figures of ``tables`` printed k off (never below 0), totals included, as a
    typesetter's slip does: the printed table then breaks its sums."""
    keys = [k for k in form.cells if k.startswith(tables)]
    for key in rng.sample(keys, count):
        value = report.cells[key]
        assert isinstance(value, int)
        k = rng.choice((rng.randint(1, 9), rng.randint(10, 200)))
        report = report.with_cell(key, value + k if value < k or rng.random() < 0.5 else value - k)
    return report


def derived(form: Form, rng: random.Random, base: Report) -> Report:
    """A report like ``base`` (year, name, narrative) with random figures keeping every sum rule."""
    from decimal import Decimal

    from .aggregate_support import generated

    report = generated(form, rng, base.year, base.agency.name)
    for key in (*form.text_keys, "intro"):
        report = report.with_text(key, base.text(key))
    return report.with_cells({"t2.fees.amount": Decimal(rng.randint(0, 99999)) / 10})
