"""Import a workbook: one made by reportdesk, or one an office made by hand in the official layout.

The file's bytes are checked first (:mod:`~reportdesk.workbook.archive`); the tables are found
by their labels (:mod:`~reportdesk.workbook.locate`), never by fixed coordinates; every figure
is read as it stands. Nothing is half-imported: either every table, the year and the body are
read and a full report comes back with notes of what was read from where, or
:class:`WorkbookError` lists every problem by sheet and cell.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path
from typing import Any

from reportdesk.form import Form
from reportdesk.jsontext import JsonProblem
from reportdesk.report import (
    AGENCY_KINDS,
    Agency,
    Report,
    ReportFileError,
    derivation_order,
    report_from_data,
)
from reportdesk.values import to_json
from reportdesk.workbook.archive import read_checked, require_safe_parser
from reportdesk.workbook.formulas import Position, ref
from reportdesk.workbook.grid import Grid
from reportdesk.workbook.labels import normalise
from reportdesk.workbook.layout import sheet_name
from reportdesk.workbook.locate import Found, locate
from reportdesk.workbook.marker import Identity, read_identity
from reportdesk.workbook.narrative import read_texts
from reportdesk.workbook.payload import empty_payload, merge, parse_payload
from reportdesk.workbook.resolve import Resolver

UNREADABLE = (
    "无法读取工作簿内容：文件内部的结构已损坏或不是 Excel 能写出的样子（可在 Excel/WPS 中打开后另存再试）"
)


class WorkbookError(ReportFileError):
    """A workbook that cannot be imported; ``problems`` names each by sheet and cell."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            source, "无法导入，没有读入任何内容。问题如下：\n" + "\n".join(f"- {p}" for p in problems)
        )


def import_workbook(
    path: Path, form: Form, *, year: int | None = None, agency: Agency | None = None
) -> tuple[Report, list[str]]:
    """Read a report from an .xlsx file; returns the report and notes of what was read from where.

    ``year`` and ``agency`` are used only when the workbook does not say them itself (a
    hand-made workbook without a title). Raises :class:`WorkbookError` (a ReportFileError)
    listing every problem by sheet and cell, or ReportFileError when the file is not a sound
    .xlsx at all.
    """
    require_safe_parser()
    data = read_checked(Path(path))
    return read_workbook(data, form, str(path), year=year, agency=agency)


def _load(data: bytes, source: str, data_only: bool) -> Any:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel features it drops
            return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)
    except Exception as e:  # openpyxl raises many kinds on damaged parts; all mean "cannot read"
        raise ReportFileError(source, UNREADABLE) from e


def read_workbook(
    data: bytes, form: Form, source: str, *, year: int | None = None, agency: Agency | None = None
) -> tuple[Report, list[str]]:
    """:func:`import_workbook` on bytes already checked by :func:`archive.check_bytes`."""
    wb = _load(data, source, data_only=False)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            grids = [Grid.of(ws, archive) for ws in wb.worksheets if hasattr(ws, "iter_rows")]
    except Exception as e:  # a part openpyxl listed but cannot parse: the file is damaged
        raise ReportFileError(source, UNREADABLE) from e
    finally:
        wb.close()
    ident = read_identity(grids, form)
    notes = [
        f"{source}：由 {ident.program} 生成的工作簿"
        if ident.made_by_us
        else f"{source}：手工制作的工作簿，按标签查找表格"
    ]
    problems: list[str] = []
    if ident.made_by_us and ident.format != form.format:
        problems.append(f"工作簿的格式为“{ident.format}”，本程序只读取“{form.format}”")
    payload = empty_payload()
    if ident.made_by_us and ident.payload is not None:
        try:
            payload = parse_payload(ident.payload)
        except JsonProblem as e:
            problems.append(f"隐藏工作表 reportdesk 中的附加数据已损坏（{e}），无法还原说明和附加信息")

    found = locate(grids, form)
    for f in found.values():
        problems += f.problems
        notes += f.notes
        if f.grid is not None and f.cells:
            notes.append(f"{sheet_name(form, f.table)}：读自工作表“{f.grid.title}”{_span(f.cells.values())}")
    cells = _read_cells(data, source, form, found, payload["amounts"], problems, notes)

    texts, text_sheet, text_problems = read_texts(grids, form)
    problems += text_problems
    notes.append(
        f"文字：读自工作表“{text_sheet}”" if text_sheet else "文字：工作簿中没有文字部分，正文各部分为空"
    )

    head = _identity(ident, form, year, agency, problems, notes)
    if problems:
        raise WorkbookError(source, problems)
    visible = {"format": form.format, **head, "texts": texts, "cells": cells}
    data_out, conflicts = merge(visible, payload, form)
    notes += conflicts
    loaded = report_from_data(data_out, form, source)
    return loaded.report, notes + list(loaded.notices)


def _span(positions: Any) -> str:
    ps = list(positions)
    top = (min(p[0] for p in ps), min(p[1] for p in ps))
    bottom = (max(p[0] for p in ps), max(p[1] for p in ps))
    return f"的 {ref(top)}:{ref(bottom)}"


def _read_cells(
    data: bytes,
    source: str,
    form: Form,
    found: dict[str, Found],
    amounts: dict[str, str],
    problems: list[str],
    notes: list[str],
) -> dict[str, object]:
    """Every located cell's value as exchange JSON; problems named by sheet and cell."""
    saved: dict[str, dict[Position, object]] = {}

    def cached(sheet: str, pos: Position) -> object:
        if not saved:
            wb = _load(data, source, data_only=True)
            for ws in wb.worksheets:
                if hasattr(ws, "iter_rows"):
                    saved[ws.title] = {
                        (c.row, c.column): c.value
                        for row in ws.iter_rows()
                        for c in row
                        if c.value is not None
                    }
        return saved.get(sheet, {}).get(pos)

    derives = {rel.derives: rel for rel in derivation_order(form) if rel.derives}
    resolver = Resolver(form, found, derives, amounts, cached)
    out: dict[str, object] = {}
    for key, cell in form.cells.items():
        table = found[cell.table]
        if table.grid is None or key not in table.cells:
            continue
        parsed = resolver.value(key)
        if parsed.error:
            problems.append(f"{table.grid.where(table.cells[key])}（{cell.label}）：{parsed.error}")
        else:
            out[key] = to_json(parsed.value, cell.kind)
    if resolver.own_formulas:
        notes.append(
            f"合计：{resolver.own_formulas} 个合计单元格是 reportdesk 写入的公式，已按所加各格重新计算"
        )
    notes += resolver.notes
    return out


def _identity(
    ident: Identity,
    form: Form,
    year: int | None,
    agency: Agency | None,
    problems: list[str],
    notes: list[str],
) -> dict[str, Any]:
    """Year and agency for the exchange JSON, from the workbook, else from the caller."""
    where = ident.sources
    out_year: int | None = None
    if ident.year is not None:
        out_year = _as_year(ident.year)
        if out_year is None:
            problems.append(
                f"{where.get('year', '年度')}：年度“{ident.year}”不是有效的年份（应为如 2024 的整数）"
            )
    elif year is not None:
        out_year = year
    else:
        problems.append(
            "找不到报告年度：工作簿中没有“年度”一栏，也没有“××2024年政府信息公开工作年度报告”这样的标题"
        )
    if out_year is not None:
        notes.append(f"年度 {out_year}：" + (f"读自 {where['year']}" if "year" in where else "由调用方给出"))
    fallback = agency or Agency()
    fields: dict[str, str] = {}
    for name in ("name", "region", "kind", "website"):
        value = getattr(ident, name)
        fields[name] = getattr(fallback, name) if value is None else str(value).strip()
    kind = fields["kind"] or "department"
    if kind not in AGENCY_KINDS:
        by_label = {normalise(k.label): k.key for k in form.agency_kinds}
        kind = by_label.get(normalise(kind), kind)
        if kind not in AGENCY_KINDS:
            problems.append(
                f"{where.get('kind', '机关类型')}：机关类型“{fields['kind']}”无效，应为 {' / '.join(AGENCY_KINDS)}"
            )
    fields["kind"] = kind
    if "name" in where:
        notes.append(f"机关名称“{fields['name']}”：读自 {where['name']}")
    elif not fields["name"]:
        notes.append("工作簿中没有机关名称，导入后请补填")
    return {"year": out_year, "agency": fields}


def _as_year(raw: object) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, str) and normalise(raw).removesuffix("年").isdigit():
        raw = int(normalise(raw).removesuffix("年"))
    return raw if isinstance(raw, int) and 2000 <= raw <= 2200 else None
