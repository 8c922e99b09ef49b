"""What the template child process does (:mod:`reportdesk.render.sandbox`): render a report with
an office's template, or check the template by rendering the form's sample report with it.

The check compares every printed figure and text with what the shipped template prints for the
same sample: each paragraph the shipped template prints must appear, in order, and each table
must print the same figure in the same place. A template that lints clean but loses a line — an
unclosed ``{{`` that swallows the agency's name, a cell printed twice while another is dropped —
is caught here.
"""

from __future__ import annotations

import difflib
import io
import json
import re
from typing import Any

_SPACE = re.compile(r"\s+")
MAX_LISTED = 12


def _problems(items: list[str]) -> bytes:
    return json.dumps(items, ensure_ascii=False).encode("utf-8")


def do_job(job: dict[str, Any], template: bytes) -> tuple[bool, bytes]:
    """Do one job: ``render`` → (True, document) ; ``check`` → (True, b"") when the template is
    usable; (False, JSON list of Chinese problems) otherwise. Never raises."""
    from reportdesk.render.docx import TemplateProblem
    from reportdesk.render.messages import render_reason

    try:
        if job.get("mode") == "render":
            return True, _render(template, job)
        problems = check_template(template, str(job.get("source", "")))
        return not problems, _problems(problems)
    except TemplateProblem as e:
        return False, _problems(e.problems)
    except RecursionError:
        return False, _problems(["模板中的宏或循环嵌套过深（可能是宏调用了自身），无法生成"])
    except MemoryError:
        return False, _problems(["模板运行占用内存过多，已停止（模板中可能有过大的循环、文字或列表）"])
    except Exception as e:  # whatever a hostile template makes a library raise
        return False, _problems([f"模板无法生成：{render_reason(e)}"])


def _render(template: bytes, job: dict[str, Any]) -> bytes:
    from reportdesk.form import load_form
    from reportdesk.render.docx import render_context

    return render_context(template, str(job["source"]), load_form(), job["context"], bool(job["draft"]))


def check_template(template: bytes, source: str) -> list[str]:
    """Every reason the template cannot be used: lint, then the sample compared with the shipped
    template's print of it."""
    from reportdesk.form import load_form
    from reportdesk.render.context import build_context
    from reportdesk.render.docx import default_template, lint_template, render_context
    from reportdesk.selftest import load_sample

    form = load_form()
    problems = lint_template(template, form)
    if problems:
        return problems
    sample = load_sample(form)
    context = build_context(form, sample)
    actual = render_context(template, source, form, context, False)
    expected = render_context(default_template(), "（内置模板）", form, context, False)
    return compare(printed(expected), printed(actual))


def printed(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    """A document's body paragraphs (spaces folded) and each table's grid of cell texts."""
    import docx

    doc = docx.Document(io.BytesIO(data))
    paragraphs = [t for p in doc.paragraphs if (t := _SPACE.sub("", p.text))]
    tables = []
    for table in doc.tables:
        cells = table._cells  # python-docx builds the whole grid on each table.cell() call
        width = len(table.columns)
        tables.append(
            [
                [_SPACE.sub("", c.text) for c in cells[r * width : (r + 1) * width]]
                for r in range(len(table.rows))
            ]
        )
    return paragraphs, tables


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def compare(
    expected: tuple[list[str], list[list[list[str]]]], actual: tuple[list[str], list[list[list[str]]]]
) -> list[str]:
    """What the template fails to print as the shipped template does (Chinese, at most a dozen)."""
    problems: list[str] = []
    want, got = expected[0], actual[0]
    # Paragraphs the template added are allowed; each the shipped template prints must be there,
    # the same and in the same order (the longest common subsequence).
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    matched = {i for a, _, size in matcher.get_matching_blocks() for i in range(a, a + size)}
    for i, text in enumerate(want):
        if i not in matched:
            problems.append(
                f"样例报告的“{_short(text)}”没有印出来（或不在应有的位置；模板中可能有未闭合的 {{{{ 或 {{%）"
            )
    tables, theirs = expected[1], actual[1]
    if len(theirs) < len(tables):
        problems.append(f"模板只印出 {len(theirs)} 张表格，应为 {len(tables)} 张")
    for n, (mine, other) in enumerate(zip(tables, theirs, strict=False), start=1):
        problems += _table_differences(n, mine, other)
    if len(problems) > MAX_LISTED:
        problems = [*problems[:MAX_LISTED], f"……另有 {len(problems) - MAX_LISTED} 处不同"]
    return problems


def _table_differences(n: int, want: list[list[str]], got: list[list[str]]) -> list[str]:
    if len(want) != len(got) or any(len(a) != len(b) for a, b in zip(want, got, strict=False)):
        return [f"第 {n} 张表格的行列数与内置模板不同（应为 {len(want)} 行），表中的数字无法逐格核对"]
    out = []
    for r, (row_want, row_got) in enumerate(zip(want, got, strict=True), start=1):
        for c, (a, b) in enumerate(zip(row_want, row_got, strict=True), start=1):
            if a != b:
                out.append(f"第 {n} 张表格第 {r} 行第 {c} 列应印“{_short(a)}”，用此模板印为“{_short(b)}”")
    return out
