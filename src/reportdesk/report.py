"""The report value and the JSON exchange format (spec: "The exchange file").

A :class:`Report` is exactly the exchange JSON: year, agency, texts, cells, explanations.
It may be half-filled and wrong — a draft is allowed to be invalid — so building one never
raises because of the officer's numbers. Files that cannot be read raise
:class:`ReportFileError` naming the file and what is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from reportdesk import jsontext, unsure
from reportdesk.form import Form, Relation
from reportdesk.hidden import hidden_message, remove_hidden
from reportdesk.values import CellValue, Invalid, from_json, is_number, to_json

FORMAT = "gov-info-annual-report/2021"
AGENCY_KINDS = ("department", "government", "township", "other")
_AGENCY_FIELDS = ("name", "region", "kind", "website")
_TOP_KEYS = ("format", "year", "agency", "texts", "cells", "explanations")
# Keys beside the spec's that reportdesk itself writes: kept in ``extra`` like any, not called unknown.
# "import": what an import found that the figures cannot show (checks/imported.py); "aggregate": the
# sources a government's total was summed from (aggregate/total.py).
_WRITTEN_KEYS = ("import", "aggregate")
# No report comes near this; a file beyond it is refused before it is read (a 2 GB file would
# otherwise be read whole into memory).
MAX_REPORT_BYTES = 32 * 1024 * 1024


class ReportFileError(Exception):
    """A report file (or JSON value) that cannot be read; the message says which and why."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}：{reason}")


def _frozen(d: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(d))


@dataclass(frozen=True)
class Agency:
    name: str = ""
    region: str = ""
    kind: str = "department"
    website: str = ""
    extra: Mapping[str, Any] = field(default_factory=lambda: _frozen({}))

    @property
    def full_name(self) -> str:
        """The name as printed in the title: region + name unless the name already has it."""
        if self.region and not self.name.startswith(self.region) and self.kind != "government":
            return self.region + self.name
        return self.name


@dataclass(frozen=True)
class Report:
    """One body's report for one year. Use the ``with_*`` methods to make edited copies."""

    year: int
    agency: Agency
    texts: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    cells: Mapping[str, CellValue] = field(default_factory=lambda: _frozen({}))
    explanations: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    extra: Mapping[str, Any] = field(default_factory=lambda: _frozen({}))
    format: str = FORMAT

    @classmethod
    def empty(cls, form: Form, year: int, agency: Agency) -> Report:
        """A new report: every text empty, every cell blank."""
        return cls(
            year=year,
            agency=agency,
            texts=_frozen({k: "" for k in form.text_keys}),
            cells=_frozen({k: None for k in form.cells}),
            format=form.format,
        )

    def value(self, key: str) -> CellValue:
        return self.cells.get(key)

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    def with_cell(self, key: str, value: CellValue) -> Report:
        return replace(self, cells=_frozen({**self.cells, key: value}))

    def with_cells(self, values: Mapping[str, CellValue]) -> Report:
        return replace(self, cells=_frozen({**self.cells, **values}))

    def with_text(self, key: str, text: str) -> Report:
        return replace(self, texts=_frozen({**self.texts, key: text}))

    def with_explanation(self, key: str, reason: str | None) -> Report:
        """Accept a warning (``key`` is its finding id) with a reason, or withdraw the acceptance
        with ``None``/empty text."""
        return self.with_explanations({key: reason})

    def with_explanations(self, reasons: Mapping[str, str | None], *, replace_all: bool = False) -> Report:
        """Set several reasons at once (``None``/empty withdraws one); ``replace_all`` drops every
        reason not given."""
        ex = {} if replace_all else dict(self.explanations)
        for key, reason in reasons.items():
            if reason and reason.strip():
                ex[key] = reason
            else:
                ex.pop(key, None)
        return replace(self, explanations=_frozen(ex))

    def with_agency(self, agency: Agency) -> Report:
        return replace(self, agency=agency)

    def with_year(self, year: int) -> Report:
        return replace(self, year=year)


# ---------------------------------------------------------------------------------------------
# Exchange JSON


@dataclass(frozen=True)
class Loaded:
    """A report read from JSON, and what was noticed but kept (unknown keys and the like)."""

    report: Report
    notices: tuple[str, ...] = ()


def _shown(value: object) -> str:
    """A JSON value as the officer may read it in a message (never Python's repr)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return f"“{value}”（文字）"
    if isinstance(value, dict):
        return "对象"
    if isinstance(value, list):
        return "列表"
    return str(value)


def report_from_data(data: object, form: Form, source: str = "报告") -> Loaded:
    """Build a report from parsed exchange JSON. Unknown keys are kept and reported as notices."""
    if not isinstance(data, dict):
        raise ReportFileError(source, "内容不是一个 JSON 对象（应以 { 开头）")
    fmt = data.get("format")
    if fmt != form.format:
        if fmt is None:
            raise ReportFileError(source, f'缺少 "format"，应为 "{form.format}"')
        raise ReportFileError(source, f'格式为 {_shown(fmt)}，本程序只读取 "{form.format}"')
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2200:
        raise ReportFileError(source, f'"year" 的值 {_shown(year)} 不是有效的年度（应为整数，如 2024）')
    notices: list[str] = []

    raw_agency = data.get("agency", {})
    if not isinstance(raw_agency, dict):
        raise ReportFileError(source, '"agency" 应为对象（含 name、region、kind、website）')
    for k in _AGENCY_FIELDS:
        if k in raw_agency and not isinstance(raw_agency[k], str):
            raise ReportFileError(source, f'"agency.{k}" 应为文字')
    kind = raw_agency.get("kind", "department")
    if kind not in AGENCY_KINDS:
        raise ReportFileError(
            source, f'"agency.kind" 的值 {_shown(kind)} 无效，应为 {" / ".join(AGENCY_KINDS)}'
        )
    agency_extra = {k: v for k, v in raw_agency.items() if k not in _AGENCY_FIELDS}
    notices += [f"未知的键 agency.{k}（已原样保留）" for k in agency_extra]
    agency = Agency(
        name=raw_agency.get("name", ""),
        region=raw_agency.get("region", ""),
        kind=kind,
        website=raw_agency.get("website", ""),
        extra=_frozen(agency_extra),
    )

    raw_texts = data.get("texts", {})
    if not isinstance(raw_texts, dict):
        raise ReportFileError(source, '"texts" 应为对象')
    texts: dict[str, str] = {k: "" for k in form.text_keys}
    for k, v in raw_texts.items():
        if v is None:
            v = ""
        if not isinstance(v, str):
            raise ReportFileError(source, f'"texts.{k}" 应为文字，实为 {_shown(v)}')
        if k not in form.parts and k not in form.text_extras:
            notices.append(f"未知的文字部分 texts.{k}（已原样保留）")
        texts[k] = v

    raw_cells = data.get("cells", {})
    if not isinstance(raw_cells, dict):
        raise ReportFileError(source, '"cells" 应为对象')
    cells: dict[str, CellValue] = {k: None for k in form.cells}
    for k, v in raw_cells.items():
        if isinstance(v, dict | list):
            raise ReportFileError(
                source, f'单元格 "{k}" 的值应为数字，实为{"对象" if isinstance(v, dict) else "列表"}'
            )
        cell = form.cells.get(k)
        if cell is None:
            notices.append(f"未知的单元格 cells.{k}（已原样保留，不参与校验）")
            cells[k] = v if v is None or isinstance(v, int | Decimal) else Invalid(v, "未知单元格")
            continue
        cells[k] = from_json(v, cell.kind)

    raw_ex = data.get("explanations", {})
    if not isinstance(raw_ex, dict) or not all(isinstance(v, str) for v in raw_ex.values()):
        raise ReportFileError(source, '"explanations" 应为“提醒编号: 说明文字”的对象')
    # A key is a finding id, "CODE@where[:about]" (or a bare code in files written before ids).
    notices += [
        f"说明所对应的代码 {k.split('@', 1)[0]} 不存在（已原样保留）"
        for k in raw_ex
        if k.split("@", 1)[0] not in form.codes
    ]

    extra = {k: v for k, v in data.items() if k not in _TOP_KEYS}
    notices += [f"未知的键 {k}（已原样保留）" for k in extra if k not in _WRITTEN_KEYS]
    problem = unsure.block_problem(form, extra.get(unsure.IMPORT_KEY))  # the imported figures to check
    if problem:
        raise ReportFileError(source, problem)
    agency, texts, raw_ex, removed = _visible(form, agency, texts, raw_ex)
    notices += removed
    report = Report(
        year=year,
        agency=agency,
        texts=_frozen(texts),
        cells=_frozen(cells),
        explanations=_frozen(raw_ex),
        extra=_frozen(extra),
        format=fmt,
    )
    return Loaded(report, tuple(notices))


_AGENCY_NAMES = {"name": "机关名称", "region": "所属地区", "website": "网站地址"}


def _visible(
    form: Form, agency: Agency, texts: Mapping[str, str], reasons: Mapping[str, str]
) -> tuple[Agency, dict[str, str], dict[str, str], list[str]]:
    """The agency, texts and reasons without hidden characters, and a message for each place one
    was removed from (see :mod:`reportdesk.hidden`)."""
    messages = []
    fields = {}
    for field_name, where in _AGENCY_NAMES.items():
        fields[field_name], kinds = remove_hidden(getattr(agency, field_name))
        if kinds:
            messages.append(hidden_message(where, kinds))
    cleaned_texts = {}
    for key, text in texts.items():
        cleaned_texts[key], kinds = remove_hidden(text)
        if kinds:
            part = form.parts.get(key)
            where = part.heading if part else form.text_extras.get(key, {}).get("heading", f"texts.{key}")
            messages.append(hidden_message(where, kinds))
    cleaned_reasons = {}
    for key, reason in reasons.items():
        cleaned_reasons[key], kinds = remove_hidden(reason)
        if kinds:
            messages.append(hidden_message(f"说明“{key}”", kinds))
    visible = replace(agency, name=fields["name"], region=fields["region"], website=fields["website"])
    return visible, cleaned_texts, cleaned_reasons, messages


def without_hidden(report: Report, form: Form) -> tuple[Report, list[str]]:
    """``report`` with hidden characters removed from its texts, agency and reasons, and the
    Chinese message for each place (none when there were none): what every way in uses."""
    agency, texts, reasons, messages = _visible(form, report.agency, report.texts, report.explanations)
    if not messages:
        return report, []
    cleaned = replace(report, agency=agency, texts=_frozen(texts), explanations=_frozen(reasons))
    return cleaned, messages


def report_to_data(report: Report, form: Form) -> dict[str, Any]:
    """The exchange JSON object, keys in the spec's order (form order for texts and cells)."""
    agency: dict[str, Any] = {
        "name": report.agency.name,
        "region": report.agency.region,
        "kind": report.agency.kind,
        "website": report.agency.website,
        **report.agency.extra,
    }
    cells: dict[str, Any] = {}
    for k, v in report.cells.items():
        cell = form.cells.get(k)
        cells[k] = to_json(v, cell.kind) if cell else to_json(v, "count")
    ordered_cells = {k: cells[k] for k in form.cells if k in cells}
    ordered_cells.update({k: v for k, v in cells.items() if k not in ordered_cells})
    texts = {k: report.texts[k] for k in (*form.text_keys, "intro") if k in report.texts}
    texts.update({k: v for k, v in report.texts.items() if k not in texts})
    return {
        "format": report.format,
        "year": report.year,
        "agency": agency,
        "texts": texts,
        "cells": ordered_cells,
        "explanations": dict(report.explanations),
        **report.extra,
    }


def dumps(report: Report, form: Form) -> str:
    """The report as exchange JSON text (UTF-8, readable, Chinese kept as is).

    Numbers read as Decimal (an invalid count like 1.10, a number under an unknown key) are
    written with their digits as read; nothing a person typed can become a number.
    """
    return jsontext.dump(report_to_data(report, form), indent=2) + "\n"


def loads(text: str, form: Form, source: str = "报告") -> Loaded:
    """Parse exchange JSON text strictly (:func:`reportdesk.jsontext.parse`); numbers with a
    fraction become ``Decimal`` (never float)."""
    try:
        data = jsontext.parse(text)
    except jsontext.JsonProblem as e:
        raise ReportFileError(source, str(e)) from e
    return report_from_data(data, form, source)


def read_report(path: Path, form: Form) -> Loaded:
    """Read a report file; :class:`ReportFileError` says which file and why when it cannot."""
    from reportdesk.files import read_input

    source = str(path)
    raw = read_input(path, MAX_REPORT_BYTES, "报告文件")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReportFileError(source, "不是 UTF-8 编码的文本文件（可能是 Word/Excel 文件，请先导入）") from e
    return loads(text, form, source)


def write_report(report: Report, form: Form, path: Path) -> None:
    """Write the exchange JSON atomically: a temporary file moved into place."""
    from reportdesk.files import write_atomically

    write_atomically(path, dumps(report, form).encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# Computed cells


@lru_cache(maxsize=4)
def derivation_order(form: Form) -> tuple[Relation, ...]:
    """The ``derives`` relations in an order where every input is ready before it is used."""
    pending = [r for r in form.relations if r.derives]
    computed = {r.derives for r in pending}
    done: set[str] = set()
    order: list[Relation] = []
    while pending:
        ready = [r for r in pending if all(t.key not in computed or t.key in done for t in r.rhs)]
        if not ready:
            raise ValueError("circular derivation in the form description")
        for r in ready:
            if r.derives not in done:
                order.append(r)
                done.add(r.derives or "")
        pending = [r for r in pending if r.derives not in done]
    return tuple(order)


def derive(report: Report, form: Form) -> Report:
    """Fill every computed cell (every 总计) from the cells it sums.

    A total of cells that are all blank stays blank; blank cells among filled ones count as 0
    (the BLANK check still names them). A total over an invalid value is left as it was.
    """
    cells = dict(report.cells)
    for rel in derivation_order(form):
        values = [cells.get(t.key) for t in rel.rhs]
        if any(isinstance(v, Invalid) for v in values):
            continue
        numbers = [v for v in values if is_number(v)]
        if not numbers:
            cells[rel.derives or ""] = None
            continue
        total: int | Decimal = sum(t.weight * v for t, v in zip(rel.rhs, values, strict=True) if is_number(v))  # type: ignore[operator, misc]
        cells[rel.derives or ""] = total
    return replace(report, cells=_frozen(cells))
