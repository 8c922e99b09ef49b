"""Property tests: consistent reports pass every error rule, and any single change is caught."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdesk.checks import Finding, check
from reportdesk.form import load_form
from reportdesk.report import Report, derive

from .conftest import load_data

FORM = load_form()
SEED = load_data("seed-donghu-zwfw-2023")
APPLICANTS = [c.key for c in FORM.t3.columns if not c.computed]
LEAVES = [r.key for r in FORM.t3.rows if r.key not in ("new", "carried_in", "results_total", "carried_out")]
counts = st.integers(min_value=0, max_value=5000)


@st.composite
def consistent_reports(draw: st.DrawFn) -> Report:
    """A report whose leaves are random and whose totals are derived; 一 is chosen so the
    balance holds (一 + 二 = （七） + 四) in every column."""
    cells: dict[str, int | Decimal] = {}
    for col in APPLICANTS:
        results = 0
        for leaf in LEAVES:
            v = draw(counts)
            cells[f"t3.{leaf}.{col}"] = v
            results += v
        out = draw(counts)
        carried_in = draw(st.integers(min_value=0, max_value=results + out))
        cells[f"t3.carried_out.{col}"] = out
        cells[f"t3.carried_in.{col}"] = carried_in
        cells[f"t3.new.{col}"] = results + out - carried_in
    for key, cell in FORM.cells.items():
        if key.startswith("t3.") or cell.computed:
            continue
        if cell.kind == "amount":
            cells[key] = draw(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False))
        else:
            cells[key] = draw(counts)
    report = SEED.with_cells({k: None for k in FORM.computed_cells}).with_cells(cells)
    return derive(report, FORM)


def errors(report: Report) -> list[str]:
    return [f.code for f in check(FORM, report) if f.level == "error"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports())
def test_derived_totals_pass_every_error_rule(report: Report) -> None:
    assert errors(report) == []


SUMMED = [k for k in FORM.cells if k.startswith(("t3.", "t4."))]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports(), st.sampled_from(SUMMED), st.integers(min_value=1, max_value=1000), st.booleans())
def test_changing_any_summed_cell_is_caught(report: Report, key: str, delta: int, down: bool) -> None:
    old = report.value(key)
    assert isinstance(old, int)
    new = old - delta if down and old >= delta else old + delta
    assert errors(report.with_cell(key, new)) != []


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports(), st.sampled_from(list(FORM.cells)), st.sampled_from([None, -1, "x"]))
def test_blanking_or_spoiling_any_cell_is_caught(report: Report, key: str, bad: object) -> None:
    from reportdesk.values import Invalid

    value = Invalid(bad, "测试") if bad == "x" else bad
    found = errors(report.with_cell(key, value))  # type: ignore[arg-type]
    assert ("BLANK" if bad is None else "VALUE") in found


# ---------------------------------------------------------------------------------------------
# One slip, the right cell blamed — or none.

SUM_CODES = {"T3-ROW", "T3-RESULTS", "T3-BALANCE", "T4-TOTAL"}
T3_INPUTS = [k for k in FORM.input_cells if k.startswith("t3.")]
INPUTS = [k for k in FORM.input_cells if k.startswith(("t3.", "t4."))]
FIRST_SIDE = ("t3.new.", "t3.carried_in.")


def narrated(report: Report) -> Report:
    """The report with a narrative quoting its own (right) figures, as a careful officer writes it."""
    new, results, out = (report.value(f"t3.{r}.total") for r in ("new", "results_total", "carried_out"))
    return report.with_text(
        "s1.request", f"本年度共收到政府信息公开申请{new}件，办结{results}件，结转下年度继续办理{out}件。"
    )


def unnarrated(report: Report) -> Report:
    """The report with no figure in its narrative: the seed's "收到42条" does not fit random tables, and
    a slip that happens to make a total 42 would make it (wrong) evidence."""
    return report.with_text("s1.request", "全部按时答复。")


def last_year_of(report: Report) -> Report:
    """Last year's report whose 结转下年度 is this year's 上年结转 (so X-CARRY holds)."""
    cells = {f"t3.carried_out.{c.key}": report.value(f"t3.carried_in.{c.key}") for c in FORM.t3.columns}
    return Report(year=report.year - 1, agency=report.agency, cells=cells)


def slipped(report: Report, key: str, delta: int, down: bool) -> tuple[int, int]:
    old = report.value(key)
    assert isinstance(old, int)
    return old, (old - delta if down and old >= delta else old + delta)


def assert_blamed_right_or_not_at_all(found: list[Finding], key: str, old: int, new: int) -> None:
    for f in found:
        if f.expected is not None:
            assert (f.cells[0], f.expected, f.actual) == (key, str(old), str(new)), f.message
        else:
            assert "无法判断" in f.message and "应是" not in f.message, f.message
        if "更可能是某项办理结果或第四项有误" in f.message:
            assert not key.startswith(FIRST_SIDE), f.message
        if "更可能是第一项或第二项有误" in f.message:
            assert key.startswith(FIRST_SIDE), f.message


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    consistent_reports(),
    st.sampled_from(INPUTS),
    st.integers(min_value=1, max_value=1000),
    st.booleans(),
    st.booleans(),
)
def test_a_slip_typed_in_the_window_is_blamed_right_or_not_at_all(
    report: Report, key: str, delta: int, down: bool, evidence: bool
) -> None:
    """Every total follows from what was typed: a slip in one typed cell (a leaf, 一, 二 or 四)."""
    report = narrated(report) if evidence else unnarrated(report)
    previous = last_year_of(report) if evidence else None
    old, new = slipped(report, key, delta, down)
    found = [
        f for f in check(FORM, derive(report.with_cell(key, new), FORM), previous) if f.code in SUM_CODES
    ]
    assert_blamed_right_or_not_at_all(found, key, old, new)
    if key.startswith("t3."):
        assert len(found) == 1  # one slip, one finding


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports(), st.sampled_from(SUMMED), st.integers(min_value=1, max_value=1000), st.booleans())
def test_a_slip_in_a_printed_report_is_blamed_right_or_not_at_all(
    report: Report, key: str, delta: int, down: bool
) -> None:
    """An imported report: every cell, totals included, stands as printed."""
    old, new = slipped(report, key, delta, down)
    found = [f for f in check(FORM, report.with_cell(key, new)) if f.code in SUM_CODES]
    assert_blamed_right_or_not_at_all(found, key, old, new)
    assert len(found) == 1
    if key.startswith("t3."):
        assert found[0].expected == str(old)  # in table 三 a printed slip always shows where it is
