"""Who and what a workbook is: the visible 报告信息 sheet and the hidden ``reportdesk`` sheet.

报告信息 shows the format, the program, the year and the body, one per row, and may be edited.
The hidden sheet marks a workbook made by reportdesk (format and version) and keeps, as JSON,
what has no place on the visible sheets — explanations, extra keys, unknown cells and the exact
digits of every amount — so a reportdesk workbook reads back into the very same report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reportdesk import __version__
from reportdesk.form import Form
from reportdesk.workbook.cellvalues import append_texts, escaped_pieces, put_escaped, unescape_text
from reportdesk.workbook.grid import Grid
from reportdesk.workbook.labels import normalise
from reportdesk.workbook.payload import payload_text

INFO_SHEET = "报告信息"
DATA_SHEET = "reportdesk"
PROGRAM = "reportdesk"
CHUNK = 30_000  # an Excel cell holds at most 32,767 characters

# (field, label, hint) of the 报告信息 sheet, in order.
INFO_FIELDS = (
    ("format", "格式", "本工作簿所用的报告格式，请勿修改"),
    ("program", "生成程序", ""),
    ("year", "年度", "报告所统计的年度"),
    ("name", "机关名称", ""),
    ("region", "所属地区", ""),
    ("kind", "机关类型", ""),
    ("website", "政府网站", ""),
)


@dataclass
class Identity:
    """What the workbook says about itself; empty fields were not found."""

    format: str | None = None
    program: str | None = None
    year: object = None
    name: str | None = None
    region: str | None = None
    kind: str | None = None
    website: str | None = None
    payload: str | None = None
    made_by_us: bool = False
    sources: dict[str, str] = field(default_factory=dict)


def write_info(ws: Any, form: Form, values: dict[str, object]) -> None:
    """Fill the 报告信息 sheet: label, value and hint per row (every text as text, never a formula)."""
    append_texts(ws, ["项目", "内容", "说明"])
    for key, label, hint in INFO_FIELDS:
        value = values.get(key, "")
        if key == "kind" and isinstance(value, str):
            hint = form.kind_label(value) + "（可填 " + " / ".join(k.key for k in form.agency_kinds) + "）"
        append_texts(ws, [label, value, hint])


def write_data(ws: Any, form: Form, payload: dict[str, Any]) -> None:
    """Fill the hidden sheet: format, program version and the JSON payload in cell-sized chunks
    (each chunk is text, whatever it starts with)."""
    append_texts(ws, ["format", form.format])
    append_texts(ws, ["program", f"{PROGRAM} {__version__}"])
    for piece in escaped_pieces(payload_text(payload), CHUNK):
        ws.append(["payload", None])
        put_escaped(ws.cell(ws.max_row, 2), piece, piece)
    ws.sheet_state = "hidden"


def _right_of(grid: Grid, row: int, col: int) -> tuple[int, int] | None:
    after = sorted(p for p in grid.cells if p[0] == row and p[1] > grid.right_edge((row, col)))
    return after[0] if after else None


def read_identity(grids: list[Grid], form: Form) -> Identity:
    """Format, program, year and body from the hidden sheet, 报告信息 or a title; payload JSON."""
    ident = Identity()
    data = next((g for g in grids if g.title == DATA_SHEET), None)
    if data is not None:
        chunks: list[str] = []
        for r, c in sorted(data.cells):
            key = data.text((r, 1)) if c == 2 else None
            value = data.text((r, c))
            if key in ("format", "program"):
                setattr(ident, key, value)
                ident.sources[key] = data.where((r, c))
            elif key == "payload":
                # Joined before unescaping: earlier versions could cut an escape in two. They also
                # wrote a chunk starting with "=" as a formula, whose text is the chunk.
                raw = data.cells[(r, c)].value
                chunks.append(raw if isinstance(raw, str) else "")
        ident.made_by_us = (ident.program or "").startswith(PROGRAM)
        if chunks:
            ident.payload = unescape_text("".join(chunks))
    labels = {normalise(label): key for key, label, _ in INFO_FIELDS}
    for grid in grids:
        if grid.hidden:
            continue
        for pos, text in grid.texts():
            key = labels.get(normalise(text))
            if key is None or key in ident.sources:
                continue
            at = _right_of(grid, *pos)
            if at is None:
                continue
            value = grid.text(at)
            setattr(ident, key, value if value is not None else grid.cells[at].value)
            ident.sources[key] = grid.where(at)
    if ident.year is None or ident.name is None:
        _from_title(grids, form, ident)
    return ident


def _from_title(grids: list[Grid], form: Form, ident: Identity) -> None:
    """A title such as “淮安市人民政府2024年政府信息公开工作年度报告” names the body and the year."""
    pattern = re.compile(r"^(?P<name>.*?)(?P<year>(19|20)\d\d)年度?" + re.escape(normalise(form.name)) + "$")
    for grid in grids:
        for pos, text in grid.texts():
            m = pattern.match(normalise(text))
            if m is None:
                continue
            if ident.year is None:
                ident.year = int(m["year"])
                ident.sources["year"] = grid.where(pos)
            if ident.name is None and m["name"]:
                ident.name = m["name"]
                ident.sources["name"] = grid.where(pos)
            return
