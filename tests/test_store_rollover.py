"""Rolling last year's report over: what is carried, what is blank, what is marked unrevised."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportdesk.checks import check
from reportdesk.form import Form
from reportdesk.report import Report
from reportdesk.store import Store, StoreError

from .conftest import load_data


@pytest.fixture
def store(location: Path | str) -> Store:
    with Store.open(location) as s:
        yield s  # type: ignore[misc]


def test_rollover_carries_agency_texts_and_carry_over_figures(store: Store, form: Form) -> None:
    source = load_data("seed-donghu-zwfw-2023")
    source_id = store.import_report(source)
    new_id = store.rollover(source_id, 2024)
    new = store.load(new_id)
    assert new.year == 2024
    assert new.agency == source.agency
    assert dict(new.texts) == dict(source.texts)  # every part, the opening paragraph too
    assert new.explanations == {}
    columns = [c.key for c in form.t3.columns]
    assert {f"t3.carried_in.{c}": new.cells[f"t3.carried_in.{c}"] for c in columns} == {
        f"t3.carried_in.{c}": source.cells[f"t3.carried_out.{c}"] for c in columns
    }
    filled = {k for k, v in new.cells.items() if v is not None}
    assert filled == {f"t3.carried_in.{c}" for c in columns}
    assert set(new.cells) == set(form.cells)
    assert store.previous_of(new_id) == source
    assert store.history(new_id)[0].action == "rollover"
    assert store.history(new_id)[0].note == f"由 2023 年报告（编号 {source_id}）结转"


def test_carried_texts_are_marked_until_revised(store: Store, form: Form) -> None:
    source = load_data("hongze-district-gov-2023")
    new_id = store.rollover(store.import_report(source), 2024)
    carried = tuple(k for k in (*form.text_keys, "intro") if source.texts.get(k))
    assert store.unrevised_texts(new_id) == carried
    store.set_text(new_id, "s6", "2024年未收取信息处理费。")
    assert "s6" not in store.unrevised_texts(new_id)
    store.set_text(new_id, "s6", source.texts["s6"])  # typed back word for word: still last year's text
    assert "s6" in store.unrevised_texts(new_id)
    store.mark_revised(new_id, "s6")  # the officer read it and keeps it
    store.mark_revised(new_id, "intro")
    assert store.unrevised_texts(new_id) == tuple(k for k in carried if k not in ("s6", "intro"))
    [body] = store.list_bodies()
    assert body.reports[1].unrevised == store.unrevised_texts(new_id)
    assert body.reports[0].unrevised == ()


def test_rolled_over_report_is_checked_against_last_year(store: Store, form: Form) -> None:
    source_id = store.import_report(load_data("hongze-district-gov-2023"))
    new_id = store.rollover(source_id, 2024)
    codes = {f.code for f in check(form, store.load(new_id), store.previous_of(new_id))}
    assert "X-CARRY" not in codes
    store.set_cell(new_id, "t3.carried_in.natural", 4)
    findings = check(form, store.load(new_id), store.previous_of(new_id))
    assert any(f.code == "X-CARRY" and "t3.carried_in.natural" in f.cells for f in findings)


def test_rollover_only_to_the_next_year_and_only_once(store: Store) -> None:
    source_id = store.import_report(load_data("hongze-district-gov-2023"))
    with pytest.raises(StoreError, match="只能从 2023 年的报告结转到下一年度（2024 年），不能结转到 2025 年"):
        store.rollover(source_id, 2025)
    existing = store.import_report(load_data("hongze-district-gov-2024"))
    with pytest.raises(StoreError, match=f"2024 年的报告已在数据库中（编号 {existing}）"):
        store.rollover(source_id, 2024)
    store.delete(existing)
    assert store.load(store.rollover(source_id, 2024)).year == 2024


def test_the_real_pair_links_up(store: Store, hongze2023: Report, hongze2024: Report) -> None:
    later = store.import_report(hongze2024)
    assert store.previous_of(later) is None
    earlier = store.import_report(hongze2023)
    assert store.previous_of(later) == hongze2023
    store.delete(earlier)
    assert store.previous_of(later) is None
