"""A document's regions (cut at the section headings), its narrative and its tables.

Tables are read from grids when the file has them (each grid is told by its labels which table
it is, wherever it stands) and otherwise from the text under the table's section heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reportdesk.form import Form
from reportdesk.importers.document import Block, Document, Grid, Line
from reportdesk.importers.flat import cut_parts
from reportdesk.importers.narrative import Narrative, match_heading, section_text
from reportdesk.importers.normalize import label_key
from reportdesk.importers.paragraphs import Paragraph, build_paragraphs
from reportdesk.importers.rows import grid_rows, text_rows
from reportdesk.importers.table_read import TableRead
from reportdesk.importers.tables import read_t2, read_t3, read_t4

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


def narrative_texts(form: Form, regions: Sequence[Region], doc: Document, width: float | None) -> Narrative:
    out = Narrative()
    for region in regions:
        if region.section is None:
            continue
        section = form.sections[region.section]
        out.found.append((section.heading, region.where or ""))
        if section.parts:
            paragraphs = build_paragraphs(cut_parts(section, region.lines), doc.squeeze, width)
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


def read_tables(form: Form, regions: Sequence[Region], doc: Document) -> TableRead:
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


def missing_rows(form: Form, tables: TableRead) -> list[str]:
    """Rows of which nothing was read nor said, named as printed (each cell's reason recorded)."""
    rows: dict[str, list[str]] = {}
    for key, cell in form.cells.items():
        rows.setdefault(cell.label.split("」")[0] + "」", []).append(key)
    out = []
    for name, keys in rows.items():
        if not any(k in tables.cells or k in tables.unread for k in keys):
            out.append(f"{name}：没有读到这一行的数字")
            tables.decline(keys, "原文中没有找到这一行")
    return out


def old_format(
    form: Form, regions: Sequence[Region], doc: Document, tables: TableRead
) -> list[tuple[str, tuple[str, ...], str]]:
    """2019-format markers in the tables (the narrative checks look at the text themselves):
    message, cells, and the marker when no cell is named."""
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
                    marker,
                )
            )
    return out + [(message, cells, "") for message, cells in tables.old_format]
