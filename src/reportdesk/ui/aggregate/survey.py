"""The 汇总 page's work, without Qt: which bodies have reported for a year and in what state, and
their tables 2–4 summed (through :func:`reportdesk.aggregate.aggregate`).

A :class:`SurveyJob` runs in a worker thread: it opens its own connection to the drafts database
(an SQLite connection belongs to the thread that made it), reads the store's reports of the year
and the chosen files, and returns a :class:`Survey` — one :class:`Row` per body — that the page
shows and the controller turns into the government's own report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportdesk.aggregate import FLAGGED, INCLUDED, REFUSED, Aggregate, Input, Source, aggregate
from reportdesk.aggregate.bodies import agency_keys, name_key
from reportdesk.checks.findings import accept
from reportdesk.checks.numbers import number_findings
from reportdesk.form import Form
from reportdesk.inputs import read_file
from reportdesk.report import Agency, Report
from reportdesk.store import Body, Store, StoreError

# A row's state, worst first: the order the table lists them in.
UNREADABLE, WRONG_YEAR, ERRORS, EMPTY, MISSING, DUPLICATE, OWN, WARNINGS, READY, FINAL = (
    "unreadable",
    "wrong_year",
    "errors",
    "empty",
    "missing",
    "duplicate",
    "own",
    "warnings",
    "ready",
    "final",
)
ORDER = (UNREADABLE, WRONG_YEAR, ERRORS, EMPTY, MISSING, DUPLICATE, OWN, WARNINGS, READY, FINAL)
COUNTED = {INCLUDED: "计入", FLAGGED: "计入，需核实", REFUSED: "不计入"}
STORE_SOURCE = "数据库"
# The headline figures shown under the table: (what, cell keys added up).
HEADLINES = (
    ("本年新收申请", ("t3.new.total",)),
    ("办理结果总计", ("t3.results_total.total",)),
    ("结转下年度", ("t3.carried_out.total",)),
    ("行政复议", ("t4.review.total",)),
    ("行政诉讼", ("t4.suit_direct.total", "t4.suit_after_review.total")),
)


LOAD_CHUNK = 50  # reports read from the database at a time (progress and 取消 stay quick)


@dataclass(frozen=True)
class Request:
    """What the officer asked to sum: for which government body and year, from where."""

    body_id: int
    year: int
    use_store: bool = True
    files: tuple[str, ...] = ()
    expected: tuple[str, ...] = ()  # empty: no list of bodies that must report
    allow_errors: bool = False


@dataclass(frozen=True)
class Row:
    """One body as the 汇总 page lists it."""

    body: str
    state: str
    label: str  # the state in words: 已定稿, 有错误 3, 缺少该年度报告, …
    counted: str  # 计入 / 计入，需核实 / 不计入 / "" (nothing to count)
    source: str  # 数据库, or the file's name
    detail: str = ""
    report_id: int | None = None  # the store's report, to open it from the page


@dataclass(frozen=True)
class Survey:
    """The outcome of one :class:`SurveyJob`; ``total`` is None when nothing could be read at all."""

    request: Request
    rows: tuple[Row, ...] = ()
    total: Aggregate | None = None
    problem: str = ""  # why there is no survey (the database could not be opened, …)
    cancelled: bool = False

    @property
    def summed(self) -> int:
        """How many reports went into the sum."""
        return self.total.summed if self.total is not None else 0

    def counts(self) -> dict[str, int]:
        """How many rows are in each state."""
        out: dict[str, int] = {}
        for row in self.rows:
            out[row.state] = out.get(row.state, 0) + 1
        return out


def headline(form: Form, report: Report) -> str:
    """A few of the summed figures in one line, for the officer to see what the total says."""
    parts = []
    for what, keys in HEADLINES:
        values = [report.cells.get(k) for k in keys if k in form.cells]
        numbers = [v for v in values if isinstance(v, int)]
        parts.append(f"{what} {sum(numbers) if numbers else '—'}")
    return "，".join(parts)


def is_empty(form: Form, report: Report) -> bool:
    """No figure of tables 2–4 has been entered."""
    return all(report.cells.get(k) is None for k, c in form.cells.items() if not c.computed)


@dataclass
class _Entry:
    """One input on its way to a row: where it came from and what is known about it."""

    input: Input
    source: str
    report_id: int | None = None
    finals: tuple[str, ...] = ()
    body: str = ""


@dataclass(frozen=True)
class SurveyJob:
    """Read, check and sum everything a :class:`Request` names; run in a worker thread."""

    db: Path | str  # a file, or a shared database's address
    form: Form
    government: Body
    request: Request

    def run(self, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Survey:
        """The survey; ``progress(done, total)`` after each input, stopping early when ``cancelled()``."""
        req = self.request
        entries: list[_Entry] = []
        without: list[Body] = []  # bodies in the store with no report of the year
        done = 0
        if req.use_store:
            try:
                store = Store.open(self.db, form=self.form, daily_backup=False)
            except StoreError as e:
                return Survey(req, problem=str(e))
            with store:
                stored = []
                for entry in store.list_bodies():
                    body = entry.body
                    # The government itself and other governments' totals are not its bodies' reports.
                    if body.id == self.government.id or body.kind == "government":
                        continue
                    info = next((r for r in entry.reports if r.year == req.year), None)
                    if info is None:
                        without.append(body)
                    else:
                        stored.append((body, info.id, info.finals))
                total = len(stored) + len(req.files)
                loaded: dict[int, Report] = {}
                for n, (body, report_id, finals) in enumerate(stored):
                    if cancelled():
                        return Survey(req, cancelled=True)
                    if n % LOAD_CHUNK == 0:  # read together: one query per table, not per report
                        chunk = [r for _, r, _ in stored[n : n + LOAD_CHUNK]]
                        try:
                            loaded = store.load_many(chunk)
                        except StoreError:
                            loaded = {}
                    try:
                        report = loaded.get(report_id) or store.load(report_id)
                        item = Input(f"db:{report_id}", report)
                    except StoreError as e:
                        item = Input(f"db:{report_id}", None, str(e))
                    entries.append(_Entry(item, STORE_SOURCE, report_id, finals, _body_name(body)))
                    done += 1
                    progress(done, total)
        total = done + len(req.files)
        for name in req.files:
            if cancelled():
                return Survey(req, cancelled=True)
            item, _notes = read_file(Path(name), self.form)
            entries.append(_Entry(item, Path(name).name))
            done += 1
            progress(done, total)
        return self._survey(entries, without)

    def _survey(self, entries: list[_Entry], without: list[Body]) -> Survey:
        req, form = self.request, self.form
        gov = self.government
        agency = Agency(name=gov.name, region=gov.region, kind="government", website=gov.website)
        own_keys = agency_keys(agency)
        rows: list[Row] = []
        summed: list[_Entry] = []
        known: set[str] = set()  # bodies listed already, so the expected list does not name them again
        for entry in entries:
            report = entry.input.report
            if report is not None and agency_keys(report.agency) & own_keys:
                what = (OWN, "本级政府自己的报告", "汇总的是各机关的报告，本级政府自己的报告不计入")
            elif report is not None and report.year == req.year and is_empty(form, report):
                # Not started: nothing to add, and "counted" would read as if it had reported.
                what = (EMPTY, "未开始", "表二至表四还没有填写数字")
                known |= agency_keys(report.agency)
            else:
                summed.append(entry)
                continue
            name = entry.body or report.agency.full_name
            rows.append(Row(name, what[0], what[1], COUNTED[REFUSED], entry.source, what[2], entry.report_id))
        result = aggregate(
            [e.input for e in summed],
            form,
            year=req.year,
            agency=agency,
            expected=req.expected or None,
            allow_errors=req.allow_errors,
        )
        for entry, source in zip(summed, result.sources, strict=True):
            rows.append(_row(form, entry, source, req.year))
            report = entry.input.report
            if report is not None and report.year == req.year:  # reported, even if not counted
                known |= agency_keys(report.agency)
        absent = f"没有 {req.year} 年的报告"
        for body in without:
            known |= agency_keys(Agency(name=body.name, region=body.region, kind=body.kind))
            rows.append(Row(_body_name(body), MISSING, "缺少该年度报告", "", STORE_SOURCE, absent))
        for name in result.missing:
            if name_key(name) not in known:
                rows.append(Row(name, MISSING, "缺少该年度报告", "", "应报机关名单", absent))
        rows.sort(key=lambda r: (ORDER.index(r.state), r.body))
        return Survey(req, tuple(rows), result)


def code_title(form: Form, code: str) -> str:
    """A finding's code as the officer reads it: its title (单元格未填, not BLANK)."""
    info = form.codes.get(code)
    return info.title if info is not None else code


def in_words(form: Form, reason: str) -> str:
    """A reason the total gives (``CODE：message``) with the code's title in front, not the code."""
    code, sep, message = reason.partition("：")
    return f"{code_title(form, code)}{sep}{message}" if sep and code in form.codes else reason


def _body_name(body: Body) -> str:
    return Agency(name=body.name, region=body.region, kind=body.kind).full_name


def _row(form: Form, entry: _Entry, source: Source, year: int) -> Row:
    """The row of one input that went through :func:`aggregate`."""
    report = entry.input.report
    name = entry.body or (report.agency.full_name if report is not None else Path(source.source).name)
    detail = "；".join(in_words(form, r) for r in source.reasons)
    counted = COUNTED[source.status]

    def row(state: str, label: str, text: str = detail) -> Row:
        return Row(name, state, label, counted, entry.source, text, entry.report_id)

    if report is None:
        return row(UNREADABLE, "无法读取")
    if report.year != year:
        return row(WRONG_YEAR, "年度不符", f"这是 {report.year} 年的报告，不是 {year} 年")
    if source.status == REFUSED and any("同一机关" in r for r in source.reasons):
        return row(DUPLICATE, "重复")
    if source.errors or (source.status == REFUSED):
        return row(ERRORS, f"有错误 {source.errors}" if source.errors else "有错误")
    if entry.finals:
        return row(FINAL, "已定稿", "定稿：" + "、".join(entry.finals) + ("；" + detail if detail else ""))
    open_warnings = [
        f
        for f in accept(number_findings(form, report, None), report.explanations)
        if f.level == "warning" and not f.accepted
    ]
    if open_warnings:
        what = "；".join(f"{code_title(form, f.code)}：{f.message}" for f in open_warnings[:3])
        return row(WARNINGS, "有提醒", "；".join(x for x in (what, detail) if x))
    return row(READY, "无错误，未定稿" if entry.report_id is not None else "无错误")
