"""Property tests: consistent reports pass every error rule, and any single change is caught."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdesk.checks import check
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
