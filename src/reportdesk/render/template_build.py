"""Build the report template ``resources/report-template.docx`` from the form description.

Run ``python -m reportdesk.render.template_build`` after changing the form or the layout; a
test fails while the shipped template differs from what this builds. The built file is an
ordinary .docx an office can restyle in Word or WPS: the placeholders stay as they are.

Narrative parts are printed by a paragraph loop (``{%p for para in s1_active %}``) so that
every paragraph of the officer's text becomes a real paragraph in the body style.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportdesk.form import Form, load_form
from reportdesk.render import layout, package, tables
from reportdesk.render.context import AGENCY_NAME, AGENCY_NAME_LINES, INTRO, YEAR, text_var
from reportdesk.render.pages import estimate_pages

TEMPLATE_RESOURCE = "report-template.docx"
LOOP_VARIABLE = "para"


def _loop(doc: Any, name: str, spec: layout.StyleSpec) -> None:
    """Paragraphs that repeat one paragraph of ``spec`` style per item of list ``name``."""
    layout.add_paragraph(doc, f"{{%p for {LOOP_VARIABLE} in {name} %}}", layout.BODY)
    layout.add_paragraph(doc, f"{{{{ {LOOP_VARIABLE} }}}}", spec)
    layout.add_paragraph(doc, "{%p endfor %}", layout.BODY)


def build_template(form: Form) -> Any:
    """The whole report as a docxtpl template (a python-docx ``Document``)."""
    doc = layout.new_document()
    layout.add_page_number(doc.sections[0])
    doc.core_properties.title = f"{{{{ {AGENCY_NAME} }}}}{{{{ {YEAR} }}}}年{form.name}"
    doc.core_properties.subject = form.name

    _loop(doc, AGENCY_NAME_LINES, layout.TITLE)
    layout.add_paragraph(doc, f"{{{{ {YEAR} }}}}年{form.name}", layout.TITLE)
    layout.add_paragraph(doc, "", layout.BODY)
    _loop(doc, INTRO, layout.BODY)

    builders = {"t2": tables.build_t2, "t3": tables.build_t3, "t4": tables.build_t4}
    for section in form.sections:
        layout.add_paragraph(doc, section.heading, layout.HEADING_1)
        for part in section.parts:
            if part.printed:
                # A part left empty (PART-EMPTY, explained by the officer) prints no bare heading.
                layout.add_paragraph(doc, f"{{%p if {text_var(part.key)} %}}", layout.BODY)
                layout.add_paragraph(doc, part.heading, layout.HEADING_2)
            _loop(doc, text_var(part.key), layout.BODY)
            if part.printed:
                layout.add_paragraph(doc, "{%p endif %}", layout.BODY)
        if section.table is not None:
            builders[section.table](doc, form)
            # A table directly followed by the next heading would touch it.
            layout.add_paragraph(doc, "", layout.BODY)
    package.tidy(doc)
    return doc


def write_template(form: Form, path: Path) -> None:
    """Build the template and save it at ``path``."""
    doc = build_template(form)
    package.set_properties(doc, author="", pages=estimate_pages(doc))
    doc.save(str(path))


def default_output() -> Path:
    """``resources/report-template.docx`` of the source checkout."""
    return Path(__file__).resolve().parents[3] / "resources" / TEMPLATE_RESOURCE


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the template (default: into the checkout's ``resources/``)."""
    parser = argparse.ArgumentParser(description="根据表格格式描述生成报告模板（.docx）")
    parser.add_argument("-o", "--output", type=Path, default=default_output())
    args = parser.parse_args(argv)
    write_template(load_form(), args.output)
    print(f"已写入 {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
