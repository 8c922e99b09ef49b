"""From a :class:`Document` to a report: sections, narrative, tables, checks.

The same for every file kind. Tables are read from grids when the file has them (each grid is
told by its labels which table it is, wherever it stands) and otherwise from the text under the
table's section heading. Every import ends with the checks.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reportdesk.checks import check
from reportdesk.checks.findings import make, position
from reportdesk.checks.numbers import disagreements
from reportdesk.form import Form
from reportdesk.importers.document import Block, Document, Grid, Line
from reportdesk.importers.front import read_front
from reportdesk.importers.limits import check_chars
from reportdesk.importers.narrative import Narrative, match_heading, section_text
from reportdesk.importers.normalize import label_key
from reportdesk.importers.paragraphs import Paragraph, build_paragraphs, line_text, wrap_width
from reportdesk.importers.result import ImportResult
from reportdesk.importers.rows import grid_rows, text_rows
from reportdesk.importers.tables import Split, TableRead, read_t2, read_t3, read_t4
from reportdesk.report import Agency, Report, ReportFileError, without_hidden
from reportdesk.values import CellValue

_MIN_TABLE_SCORE = 2
_READERS = {"t2": read_t2, "t3": read_t3, "t4": read_t4}


@dataclass
class Region:
    """The blocks under one section heading (``section`` None: before section 一)."""

    section: int | None
    where: str | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        """The region's lines of text (its grids left out)."""
        return [b for b in self.blocks if isinstance(b, Line)]


def split_regions(form: Form, blocks: Sequence[Block]) -> list[Region]:
    """Cut the document at the section headings, taken in the form's order."""
    regions = [Region(None, None)]
    current = -1
    for block in blocks:
        if isinstance(block, Line):
            hit = match_heading(form, block.text.strip(), current)
            if hit is not None:
                current, heading = hit
                regions.append(Region(current, block.where))
                if heading.rest:
                    regions[-1].blocks.append(Line(heading.rest, block.where, True))
                continue
        regions[-1].blocks.append(block)
    return regions


@lru_cache(maxsize=4)
def _table_label_keys(form: Form) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each table's row and header labels, as label keys (computed once per form)."""
    t2 = [r.label for b in form.t2.blocks for r in b.rows] + [b.header for b in form.t2.blocks]
    t3 = [r.label for r in form.t3.rows] + [form.t3.corner]
    t4 = [g.label for g in form.t4.groups] + [g.parent for g in form.t4.groups if g.parent]
    return tuple(
        (key, frozenset(label_key(label) for label in labels))
        for key, labels in (("t2", t2), ("t3", t3), ("t4", t4))
    )


def classify(form: Form, grid: Grid) -> str | None:
    """Which table a grid is, by the form's labels it contains (None when it is none of them)."""
    text = label_key("".join(c.text for row in grid.rows for c in row))
    scores = {key: sum(1 for k in keys if k in text) for key, keys in _table_label_keys(form)}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= _MIN_TABLE_SCORE else None


def _narrative_texts(form: Form, regions: Sequence[Region], doc: Document, width: float | None) -> Narrative:
    out = Narrative()
    for region in regions:
        if region.section is None:
            continue
        section = form.sections[region.section]
        out.found.append((section.heading, region.where or ""))
        if section.parts:
            paragraphs = build_paragraphs(region.lines, doc.squeeze, width)
            if section is form.sections[-1]:
                paragraphs = _drop_signature(paragraphs, out)
            section_text(section, paragraphs, out)
    seen = {r.section for r in regions}
    out.missing += [
        f"{s.heading}：没有找到这一节的标题" for i, s in enumerate(form.sections) if i not in seen
    ]
    return out


_SIGNATURE_MAX = 30
_SENTENCE_MARK = re.compile(r"[。，；,;]")


def _drop_signature(paragraphs: list[Paragraph], out: Narrative) -> list[Paragraph]:
    """The report's last section without the signature and date printed after it."""
    end = len(paragraphs)
    while (
        end > 1
        and len(paragraphs[end - 1].text) <= _SIGNATURE_MAX
        and not _SENTENCE_MARK.search(paragraphs[end - 1].text)
    ):
        end -= 1
    if end < len(paragraphs):
        dropped = "、".join(f"「{p.text}」" for p in paragraphs[end:])
        out.notes.append(f"文末的署名、日期等（{dropped}，{paragraphs[end].where}起）不属于正文，未导入")
    return paragraphs[:end]


def _tables(form: Form, regions: Sequence[Region], doc: Document) -> TableRead:
    out = TableRead()
    kinds = {id(g): classify(form, g) for g in doc.grids}
    for i, section in enumerate(form.sections):
        if section.table is None:
            continue
        grids = [g for g in doc.grids if kinds[id(g)] == section.table]
        region = next((r for r in regions if r.section == i), None)
        if grids:
            rows = grid_rows(grids)
        elif region is not None:
            rows = text_rows(region.lines)
        else:
            rows = []
        before = len(out.cells) + len(out.splits)
        _READERS[section.table](form, rows, out)
        if len(out.cells) + len(out.splits) == before:
            out.problems.append(f"{section.heading}：没有找到表格中的数字")
    return out


def _missing_rows(form: Form, cells: dict[str, CellValue]) -> list[str]:
    """Rows of which no cell was read, named as printed."""
    rows: dict[str, list[str]] = {}
    for key, cell in form.cells.items():
        rows.setdefault(cell.label.split("」")[0] + "」", []).append(key)
    return [
        f"{name}：没有读到这一行的数字" for name, keys in rows.items() if not any(k in cells for k in keys)
    ]


def _old_format(
    form: Form, regions: Sequence[Region], doc: Document, tables: TableRead
) -> list[tuple[str, tuple[str, ...]]]:
    """2019-format markers in the tables (the narrative checks look at the text themselves)."""
    table_sections = {i for i, s in enumerate(form.sections) if s.table}
    texts = [(b.text, b.where) for r in regions if r.section in table_sections for b in r.lines]
    texts += [(" ".join(c.text for row in g.rows for c in row), g.where) for g in doc.grids]
    keyed = [(label_key(t), w) for t, w in texts]
    out = []
    for marker in form.old_format_markers:
        where = next((w for t, w in keyed if label_key(marker) in t), None)
        if where is not None:
            out.append(
                (
                    f"表格中有2019年（试行）格式的项目「{marker}」（{where}）：与2021年格式对应不上的部分未导入",
                    (),
                )
            )
    return out + tables.old_format


def _in_order(
    form: Form, narrative: list[tuple[str, str]], tables: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Headings with their parts and their table's rows, section by section."""
    by_section: dict[int, list[tuple[str, str]]] = {}
    current = -1
    for what, where in narrative:
        current = next((i for i, s in enumerate(form.sections) if s.heading == what), current)
        by_section.setdefault(current, []).append((what, where))
    for what, where in tables:
        i = next((i for i, s in enumerate(form.sections) if s.table and what.startswith(f"表{s.number}")), -1)
        by_section.setdefault(i, []).append((what, where))
    return [entry for i in sorted(by_section) for entry in by_section[i]]


def _kind(name: str) -> str:
    if re.search(r"(乡|镇|街道)(人民政府|办事处)$", name):
        return "township"
    if name.endswith("人民政府"):
        return "government"
    if re.search(r"(管理委员会|管委会)$", name):
        return "other"
    return "department"


def _resolve(form: Form, report: Report, split: Split) -> tuple[Report, str | None, str | None]:
    """Choose among the cuts of a digit run the one that agrees best with the rest of the report."""
    scored = []
    for values in split.candidates:
        trial = report.with_cells(dict(zip(split.keys, values, strict=True)))
        found = sum(1 for f in check(form, trial) if f.code == "TXT-NUM")
        scored.append((disagreements(form, trial) + found, values))
    best = min(s for s, _ in scored)
    winners = [v for s, v in scored if s == best]
    shown = "；".join(" ".join(map(str, v)) for v in split.candidates[:4])
    if len(winners) == 1:
        chosen = report.with_cells(dict(zip(split.keys, winners[0], strict=True)))
        return (
            chosen,
            None,
            (
                f"{split.what}（{split.where}）：数字连在一起（{split.printed}），有 {len(split.candidates)} 种拆法满足"
                f"合计关系（{shown}），按与其他表格和正文数字相符的一种拆分为 {' '.join(map(str, winners[0]))}"
            ),
        )
    return (
        report,
        (
            f"{split.what}（{split.where}）：数字连在一起（{split.printed}），有 {len(split.candidates)} 种拆法都满足"
            f"合计关系（{shown}），无法确定，未导入，请对照原件填写"
        ),
        None,
    )


def build_report(
    form: Form, doc: Document, year: int | None = None, agency: Mapping[str, str] | None = None
) -> ImportResult:
    """The report in ``doc``; raises :class:`ReportFileError` when the file holds no report."""
    check_chars(doc.texts(), doc.source)
    regions = split_regions(form, doc.blocks)
    if len(regions) == 1 and not any(classify(form, g) for g in doc.grids):
        raise ReportFileError(
            doc.source,
            "文件中没有找到政府信息公开工作年度报告（既没有“一、总体情况”等章节标题，也没有年报表格）",
        )
    narrative_lines = [
        line_text(x, doc.squeeze)
        for r in regions
        for x in r.lines
        if r.section is None or form.sections[r.section].parts
    ]
    width = wrap_width(narrative_lines)
    front = read_front(form, regions[0].lines, doc.squeeze, width)
    narrative = _narrative_texts(form, regions, doc, width)
    tables = _tables(form, regions, doc)
    notes = list(doc.notes) + narrative.notes + tables.notes
    report_year = year or front.year
    if report_year is None:
        report_year = datetime.date.today().year - 1
        notes.append(f"文件中没有印报告年度，按 {report_year} 年处理（可用 --year 指定）")
    elif year and front.year and year != front.year:
        notes.append(f"文件标题中的年度是 {front.year} 年，按指定的 {year} 年处理")
    texts = {k: "\n".join(narrative.texts.get(k, [])) for k in form.text_keys}
    if front.intro:
        texts["intro"] = front.intro
    given = dict(agency or {})
    name = given.get("name") or front.agency
    who = Agency(
        name=name,
        region=given.get("region") or front.region,
        kind=given.get("kind") or _kind(name),
        website=front.website,
    )
    report = Report.empty(form, report_year, who).with_cells(tables.cells)
    for key, text in texts.items():
        report = report.with_text(key, text)
    report, removed = without_hidden(report, form)
    notes += removed
    problems = list(tables.problems)
    for split in tables.splits:
        report, problem, note = _resolve(form, report, split)
        problems += [problem] if problem else []
        notes += [note] if note else []
        tables.found += [(split.what, split.where)] if note else []
    found = []
    if front.title_where:
        found.append(("标题", front.title_where))
    if front.intro_where:
        found.append(("开头段落", front.intro_where))
    found += _in_order(form, narrative.found, tables.found)
    problems += narrative.missing
    problems += _missing_rows(
        form, {k: v for k, v in report.cells.items() if v is not None or k in tables.cells}
    )
    findings = check(form, report)
    findings += [
        make(form, "OLD-FORMAT", message, cells=cells_)
        for message, cells_ in _old_format(form, regions, doc, tables)
    ]
    findings.sort(key=lambda f: position(form, f))
    return ImportResult(
        report, doc.source, doc.kind, tuple(found), tuple(problems), tuple(notes), tuple(findings)
    )
