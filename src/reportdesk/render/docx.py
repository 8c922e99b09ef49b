"""Render a report into a .docx: lint the template, fill it in jinja2's sandbox, write atomically.

Every template — the shipped one or an office's own — is linted first: a placeholder that
names nothing the report provides, or a cell or narrative part the template never prints, is
refused with a message that names it. Rendering runs in jinja2's ``SandboxedEnvironment``
with autoescape and ``StrictUndefined``: a template can print the report, not reach into
Python, and a missing value is an error rather than a silent blank. An office's own template is
opened and rendered only in a limited child process (:mod:`reportdesk.render.sandbox`).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError

from reportdesk.files import read_input, write_atomically
from reportdesk.form import Form, resource_path
from reportdesk.render import layout, package
from reportdesk.render.context import AGENCY_NAME, build_context, cell_names, provided_names, text_names
from reportdesk.render.messages import render_reason, syntax_reason
from reportdesk.render.pages import estimate_pages
from reportdesk.render.sandbox import BoundedSandbox
from reportdesk.render.template_build import TEMPLATE_RESOURCE
from reportdesk.report import Report, ReportFileError

TEMPLATE_LIMIT = 32 * 1024 * 1024  # bytes: a template is a few hundred KB


class TemplateProblem(Exception):
    """A template that cannot be used; ``problems`` lists every reason, in Chinese."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"模板 {source} 不能使用：\n" + "\n".join(f"- {p}" for p in problems))


class _Sandbox(BoundedSandbox):
    """The bounded sandbox (:mod:`reportdesk.render.sandbox`), remembering compiled templates:
    docxtpl compiles a document's whole XML on every render, and the same template is rendered
    again and again (most of a render's time)."""

    KEEP = 16

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self._compiled: dict[str, Any] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            if len(self._compiled) >= self.KEEP:
                self._compiled.clear()
            template = self._compiled[source] = super().from_string(source)
        return template


_SANDBOX = _Sandbox()


def environment() -> BoundedSandbox:
    """The jinja2 environment every template is rendered in (autoescape, StrictUndefined)."""
    return _SANDBOX


_PATCHED: dict[str, str] = {}


def _patched(patch: Any, xml: str) -> str:
    """``patch(xml)``, remembered by the XML text (patching depends on nothing else)."""
    result = _PATCHED.get(xml)
    if result is None:
        if len(_PATCHED) >= 64:
            _PATCHED.clear()
        result = _PATCHED[xml] = patch(xml)
    return result


def default_template() -> bytes:
    """The shipped template, ``resources/report-template.docx``."""
    data: bytes = resource_path(TEMPLATE_RESOURCE).read_bytes()
    return data


def _doc_template(data: bytes) -> Any:
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):  # type: ignore[misc]
        def patch_xml(self, src_xml: str) -> str:
            # The same template XML is patched the same way every time.
            return _patched(super().patch_xml, src_xml)

        def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
            # Document properties (title …) are plain text that python-docx escapes itself:
            # rendered with autoescape they would show "&amp;".
            super().render_properties(context, BoundedSandbox(undefined=StrictUndefined))

    return Template(io.BytesIO(data))


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()


def _syntax_problem(e: TemplateSyntaxError) -> str:
    where = getattr(e, "docx_context", None)
    near = "".join(_plain(x) for x in where) if where else ""
    near = f"（在“{near[:60]}”附近）" if near else ""
    return f"模板语法错误：{syntax_reason(e.message or '')}{near}"


def _undeclared(data: bytes) -> set[str]:
    """The names the template uses (jinja2 meta on the XML as docxtpl patches it)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateProblem("", ["不是 Word 文档（.docx）文件"])
    try:
        names: set[str] = _doc_template(data).get_undeclared_template_variables(environment())
    except TemplateSyntaxError as e:
        raise TemplateProblem("", [_syntax_problem(e)]) from e
    except (KeyError, ValueError, zipfile.BadZipFile) as e:
        raise TemplateProblem("", ["无法读取 Word 文档（文件已损坏或缺少必要的部分）"]) from e
    return names


def _lint(data: bytes, form: Form) -> list[str]:
    used = _undeclared(data)
    problems = [
        f"占位符 {{{{ {name} }}}} 不对应报告中的任何单元格或字段"
        for name in sorted(used - provided_names(form))
    ]
    cells = cell_names(form)
    problems += [
        f"模板没有打印单元格 {form.cells[key].label}（占位符 {{{{ {name} }}}}）"
        for name, key in cells.items()
        if name not in used
    ]
    texts = text_names(form)
    problems += [
        f"模板没有打印文字部分“{form.section_of(key).heading} {form.parts[key].heading}”（占位符 {name}）"
        for name, key in texts.items()
        if name not in used
    ]
    return problems


@lru_cache(maxsize=8)
def _lint_cached(data: bytes, form: Form) -> tuple[str, ...]:
    try:
        return tuple(_lint(data, form))
    except TemplateProblem as e:
        return tuple(e.problems)


def lint_template(data: bytes, form: Form) -> list[str]:
    """Every reason the template cannot print this form (empty when it can).

    Results are remembered per template content, so linting before each render is free.
    """
    return list(_lint_cached(data, form))


def read_template(path: Path | None) -> tuple[bytes, str]:
    """The template's bytes and a name for messages: ``path``, or the shipped template."""
    if path is None:
        return default_template(), "（内置模板）"
    try:
        return read_input(Path(path), TEMPLATE_LIMIT, "Word 模板"), str(path)
    except ReportFileError as e:
        raise TemplateProblem(str(path), [e.reason]) from e


def render_docx(form: Form, report: Report, *, template: Path | None = None, draft: bool = False) -> bytes:
    """The report as .docx bytes; :class:`TemplateProblem` when the template cannot be used.

    The shipped template renders here; an office's own template only in a child process with a
    time and memory limit (:mod:`reportdesk.render.sandbox`). This renders whatever it is given;
    whether a report may be printed as final is decided by
    :func:`reportdesk.render.gate.ensure_printable` before.
    """
    data, source = read_template(template)
    context = build_context(form, report)
    if template is None:
        return render_context(data, source, form, context, draft)
    from reportdesk.render.sandbox import render_user_template

    return render_user_template(data, source, context, draft)


def render_context(data: bytes, source: str, form: Form, context: dict[str, object], draft: bool) -> bytes:
    """Lint the template, fill it with ``context`` in the sandbox, mark a draft; the .docx bytes."""
    problems = lint_template(data, form)
    if problems:
        raise TemplateProblem(source, problems)
    doc = _doc_template(data)
    try:
        doc.render(context, environment(), autoescape=True)
    except TemplateSyntaxError as e:
        raise TemplateProblem(source, [_syntax_problem(e)]) from e
    except TemplateError as e:
        raise TemplateProblem(source, [f"模板无法生成：{render_reason(e)}"]) from e
    if draft:
        layout.mark_draft(doc.docx, layout.DRAFT_MARK)
    finish(doc.docx, str(context.get(AGENCY_NAME, "")))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def finish(doc: Any, author: str) -> None:
    """Before saving any document: a clean package (whatever template it came from), the agency
    as author, the time of making, the page count and statistics of this very text."""
    package.tidy(doc)
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    doc.core_properties.created = now
    doc.core_properties.modified = now
    package.set_properties(doc, author=author, pages=estimate_pages(doc))


def write_docx(path: Path, data: bytes) -> None:
    """Write the document atomically; :class:`reportdesk.files.OutputError` says why it failed."""
    write_atomically(path, data)
