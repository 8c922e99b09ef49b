"""Write ``tests/data/checks/sample-other-handling-one-row.txt``: the shipped sample report printed with
table 三's （六）其他处理 as one row without its sub-items 1–3, the shape 淮安市洪泽区人民政府 published in
2023 and 2024 (a 2019-format relic in a 2021-format report).

Everything comes from ``resources/sample-report.json`` and the form description, nothing from the
reference corpus. The text is laid out as the 淮安 .txt prints a report: the title, one paragraph a
line, each heading on its line, each table row on one line (its label, then its figures); the one
（六） row holds the sums of the three sub-items, as a 2019-format table counts them.
``tests/test_checks_old_format.py`` imports it and checks that the saved report still says
OLD-FORMAT; it also checks this file is what the script writes.

    .venv/bin/python tests/data/checks/make_old_format_fixture.py
"""

from __future__ import annotations

from pathlib import Path

from reportdesk.form import Form, load_form
from reportdesk.report import Report, read_report
from reportdesk.values import display

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[2] / "resources" / "sample-report.json"
OUTPUT = HERE / "sample-other-handling-one-row.txt"
ONE_ROW = "（六）其他处理"  # the group printed as one row


def _figures(report: Report, keys: list[str]) -> str:
    return " ".join(display(report.cells.get(k)) for k in keys)


def _table_lines(form: Form, report: Report, table: str) -> list[str]:
    if table == "t2":
        lines = []
        for block in form.t2.blocks:
            lines += [block.header, " ".join([form.t2.label_header, *(c.label for c in block.columns)])]
            for row in block.rows:
                keys = [f"t2.{row.key}.{c.key}" for c in block.columns]
                lines.append(f"{row.label} {_figures(report, keys)}")
        return lines
    if table == "t4":
        groups = " ".join(g.label for g in form.t4.groups)
        keys = [f"t4.{g.key}.{c.key}" for g in form.t4.groups for c in form.t4.columns]
        return [groups, " ".join(c.label for c in form.t4.columns), _figures(report, keys)]
    t3 = form.t3
    columns = [c.key for c in t3.columns]
    lines = [t3.corner, " ".join([t3.column_header, *(c.label for c in t3.columns)])]
    printed: set[str] = set()
    for row in t3.rows:
        if row.path and row.path[-1] == ONE_ROW:
            if ONE_ROW not in printed:
                group = [r.key for r in t3.rows if r.path and r.path[-1] == ONE_ROW]
                sums = [sum(report.cells.get(f"t3.{g}.{c}") or 0 for g in group) for c in columns]  # type: ignore[misc]
                lines.append(f"{ONE_ROW} {' '.join(map(str, sums))}")
                printed.add(ONE_ROW)
            continue
        new = [p for p in row.path if p not in printed]
        printed.update(row.path)
        keys = [f"t3.{row.key}.{c}" for c in columns]
        lines.append(" ".join([*new, row.label, _figures(report, keys)]))
    return lines


def published_text(form: Form, report: Report) -> str:
    """The report as a published text with （六） printed as one row."""
    lines = [report.agency.full_name, f"{report.year}年{form.name}"]
    lines += [p for p in report.text("intro").split("\n") if p]
    for section in form.sections:
        lines.append(section.heading)
        if section.table:
            lines += _table_lines(form, report, section.table)
        for part in section.parts:
            if part.printed:
                lines.append(part.heading)
            lines += [p for p in report.text(part.key).split("\n") if p]
    return "\n".join(lines) + "\n"


def fixture_text() -> str:
    """What the script writes: the shipped sample report in the one-row shape."""
    form = load_form()
    return published_text(form, read_report(SAMPLE, form).report)


def main() -> None:
    OUTPUT.write_text(fixture_text(), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
