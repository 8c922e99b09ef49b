"""History: every revision can be rebuilt and restored; restoring never loses anything; 定稿."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdesk.form import Form
from reportdesk.report import Report
from reportdesk.store import Store, StoreError
from reportdesk.values import Invalid

from .conftest import load_data

CELL_VALUES = st.one_of(
    st.none(), st.integers(0, 60), st.just(Invalid("abc", "“abc”不是数字")), st.just(Invalid(-3, "负数"))
)
EDITS = st.one_of(
    st.tuples(
        st.just("cell"),
        st.sampled_from(
            ["t3.new.natural", "t3.disclosed.commercial", "t4.review.upheld", "t2.normative.issued"]
        ),
        CELL_VALUES,
    ),
    st.tuples(
        st.just("cell"),
        st.just("t2.fees.amount"),
        st.sampled_from([None, Decimal("0"), Decimal("12.50"), Decimal("7")]),
    ),
    st.tuples(
        st.just("text"),
        st.sampled_from(["s1.active", "s6", "intro"]),
        st.sampled_from(["", "甲", "乙\n丙", "2024年未收费。"]),
    ),
    st.tuples(
        st.just("explanation"),
        st.sampled_from(["X-CARRY@t3.carried_in.natural", "COPY@s1.active"]),
        st.sampled_from([None, "已核实", "另有原因"]),
    ),
)


def _apply(store: Store, report_id: int, edit: tuple[str, str, Any]) -> int:
    kind, key, value = edit
    if kind == "cell":
        return store.set_cell(report_id, key, value)
    if kind == "text":
        return store.set_text(report_id, key, value)
    return store.set_explanation(report_id, key, value)


@pytest.fixture
def store(location: Path | str) -> Iterator[Store]:
    with Store.open(location) as s:
        yield s


# One database for every example; each example gets a body of its own.
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDITS, min_size=1, max_size=12), data=st.data())
def test_any_revision_is_rebuilt_and_restored_exactly(
    store: Store, edits: list[tuple[str, str, Any]], data: st.DataObject
) -> None:
    body_id = store.add_body(f"第 {len(store.list_bodies()) + 1} 个机关")
    report_id = store.import_report(load_data("hongze-district-gov-2023"), body_id=body_id)
    snapshots: dict[int, Report] = {1: store.load(report_id)}
    for edit in edits:
        rev = _apply(store, report_id, edit)
        snapshots[rev] = store.load(report_id)
    last = max(snapshots)
    assert [r.rev for r in store.history(report_id)] == list(range(1, last + 1))
    for rev, snapshot in snapshots.items():
        assert store.load(report_id, rev) == snapshot

    target = data.draw(st.sampled_from(sorted(snapshots)))
    restored = store.restore(report_id, target)
    assert store.load(report_id) == snapshots[target]
    assert restored == (last if snapshots[target] == snapshots[last] else last + 1)
    # Undo of the restore (a redo): back to the latest state, still as a new revision.
    store.restore(report_id, last)
    assert store.load(report_id) == snapshots[last]
    for rev, snapshot in snapshots.items():
        assert store.load(report_id, rev) == snapshot


def test_history_says_what_changed_when(store: Store, form: Form) -> None:
    report_id = store.import_report(load_data("hongze-district-gov-2023"))
    store.set_cell(report_id, "t4.review.upheld", 9)
    store.set_text(report_id, "s6", "未收费。")
    store.restore(report_id, 1)
    history = store.history(report_id)
    assert [(r.rev, r.action) for r in history] == [(1, "import"), (2, "edit"), (3, "edit"), (4, "restore")]
    assert all(r.time.startswith("20") and "T" in r.time for r in history)
    edit = history[1]
    assert [(c.kind, c.key, c.value(c.old), c.value(c.new)) for c in edit.changes] == [
        ("cell", "t4.review.upheld", 10, 9),
        ("cell", "t4.review.total", 0, 10),
    ]
    assert history[3].note == "恢复到第 1 版"
    assert {c.key for c in history[3].changes} == {"t4.review.upheld", "t4.review.total", "s6"}
    as_json = edit.to_json(form)
    assert as_json["rev"] == 2 and as_json["changes"][0]["old"] == 10 and as_json["changes"][0]["new"] == 9
    assert as_json["changes"][0]["label"] == "表四「行政复议」结果维持"


def test_undo_and_redo_are_restores(store: Store) -> None:
    report_id = store.import_report(load_data("seed-donghu-zwfw-2023"))
    a = store.set_cell(report_id, "t3.new.natural", 1)
    b = store.set_cell(report_id, "t3.new.natural", 2)
    store.restore(report_id, a)  # undo b
    assert store.load(report_id).cells["t3.new.natural"] == 1
    store.restore(report_id, b)  # redo b
    assert store.load(report_id).cells["t3.new.natural"] == 2
    assert store.info(report_id).rev == b + 2


def test_restoring_a_revision_that_does_not_exist_is_refused(store: Store) -> None:
    report_id = store.import_report(load_data("seed-donghu-zwfw-2023"))
    for rev in (0, 2):
        with pytest.raises(StoreError, match=f"没有第 {rev} 版（现有第 1 至第 1 版）"):
            store.restore(report_id, rev)
    assert len(store.history(report_id)) == 1


def test_a_final_names_a_revision_that_stays_readable(store: Store) -> None:
    report_id = store.import_report(load_data("hongze-district-gov-2024"))
    store.set_text(report_id, "s6", "送审前改的")
    sent = store.finalize(report_id, " 送审稿 ")
    store.set_text(report_id, "s6", "送审后又改的")
    assert sent.name == "送审稿" and sent.rev == 2
    with pytest.raises(StoreError, match="已有名为“送审稿”的定稿（第 2 版）"):
        store.finalize(report_id, "送审稿")
    with pytest.raises(StoreError, match="定稿名称不能为空"):
        store.finalize(report_id, "  ")
    store.finalize(report_id, "公开稿")
    assert [(f.name, f.rev) for f in store.finals(report_id)] == [("送审稿", 2), ("公开稿", 3)]
    assert store.load(report_id, sent.rev).texts["s6"] == "送审前改的"
    assert store.info(report_id).finals == ("送审稿", "公开稿")
    assert [r.finals for r in store.history(report_id)] == [(), ("送审稿",), ("公开稿",)]
