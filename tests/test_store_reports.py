"""The store keeps reports exactly, commits each edit, and derives totals as the GUI shows them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from reportdesk.form import Form
from reportdesk.report import Agency, Report, derive, dumps
from reportdesk.store import NotFound, Store, StoreError
from reportdesk.values import Invalid

from .conftest import DATA, load_data

NAMES = [
    "seed-donghu-zwfw-2023",
    "huaian-city-gov-2024",
    "hongze-district-gov-2023",
    "hongze-district-gov-2024",
]
T0 = datetime(2024, 1, 20, 9, 0, tzinfo=timezone(timedelta(hours=8)))


@pytest.fixture
def store(location: Path | str) -> Store:
    with Store.open(location, clock=lambda: T0) as s:
        yield s  # type: ignore[misc]


@pytest.mark.parametrize("name", NAMES)
def test_json_to_store_to_json_is_byte_identical(location: Path | str, form: Form, name: str) -> None:
    with Store.open(location) as store:
        report_id = store.import_report(load_data(name))
    with Store.open(location) as store:  # read back by a fresh connection, from the database
        text = dumps(store.load(report_id), form)
    assert text == (DATA / f"{name}.json").read_text(encoding="utf-8")


def test_values_a_draft_may_hold_are_kept_exactly(store: Store, seed: Report) -> None:
    report_id = store.import_report(seed)
    odd = {
        "t3.new.natural": Invalid("十二", "“十二”不是数字，请只填写阿拉伯数字"),
        "t3.new.commercial": Invalid(Decimal("1.50"), "带有小数"),
        "t3.new.research": None,
    }
    store.set_cells(report_id, odd)
    store.set_cell(report_id, "t2.fees.amount", Decimal("5"))
    loaded = store.load(report_id)
    for key, value in odd.items():
        assert loaded.cells[key] == value
    amount = loaded.cells["t2.fees.amount"]
    assert isinstance(amount, Decimal) and str(amount) == "5"
    store.set_cell(report_id, "t2.fees.amount", Decimal("4068.2080"))
    assert str(store.load(report_id).cells["t2.fees.amount"]) == "4068.2080"


def test_an_edit_rederives_the_totals_that_follow_from_it(store: Store, form: Form, seed: Report) -> None:
    report_id = store.import_report(seed)
    store.set_cell(report_id, "t3.disclosed.natural", 30)
    store.set_cells(report_id, {"t3.withheld.4.legal": 2, "t4.suit_direct.pending": 3})
    report = store.load(report_id)
    assert report.cells["t3.disclosed.natural"] == 30
    assert report == derive(report, form)  # every total agrees with its parts again
    assert report.cells["t3.results_total.total"] != seed.cells["t3.results_total.total"]
    changed = {c.key for c in store.history(report_id)[1].changes}
    assert changed == {
        "t3.disclosed.natural",
        "t3.disclosed.total",
        "t3.results_total.natural",
        "t3.results_total.total",
    }


def test_printed_totals_elsewhere_are_left_as_printed(store: Store, hongze2023: Report) -> None:
    report_id = store.import_report(hongze2023)  # its 表四 总计 are printed wrong (0)
    store.set_cell(report_id, "t3.new.natural", 22)
    report = store.load(report_id)
    assert report.cells["t3.new.total"] == 22
    assert report.cells["t4.review.total"] == 0
    store.set_cell(report_id, "t4.review.pending", 0)  # unchanged value: nothing happens
    assert store.load(report_id).cells["t4.review.total"] == 0
    store.set_cell(report_id, "t4.review.pending", 1)
    assert store.load(report_id).cells["t4.review.total"] == 12


def test_a_total_set_directly_is_kept(store: Store, hongze2023: Report) -> None:
    report_id = store.import_report(hongze2023)
    store.set_cell(report_id, "t4.review.total", 11)
    report = store.load(report_id)
    assert report.cells["t4.review.total"] == 11
    assert [c.key for c in store.history(report_id)[-1].changes] == ["t4.review.total"]


def test_setting_what_is_already_there_records_nothing(store: Store, seed: Report) -> None:
    report_id = store.import_report(seed)
    rev = store.info(report_id).rev
    assert store.set_cell(report_id, "t3.new.natural", seed.cells["t3.new.natural"]) == rev
    assert store.set_text(report_id, "s6", seed.texts["s6"]) == rev
    assert store.set_explanation(report_id, "COPY", None) == rev
    assert store.set_agency(report_id, seed.agency) == rev
    assert len(store.history(report_id)) == rev


def test_texts_explanations_and_agency(store: Store, hongze2024: Report) -> None:
    report_id = store.import_report(hongze2024)
    rev = store.set_text(report_id, "s1.request", "2024年共受理申请95件。")
    assert rev == 2
    store.set_explanation(report_id, "TXT-NUM@s1.request:收到95", "已核实")
    store.set_text(report_id, "intro", "   ")  # the optional opening paragraph, cleared: generated again
    store.set_agency(
        report_id,
        Agency(
            name="淮安市洪泽区人民政府",
            region="江苏省淮安市洪泽区",
            kind="government",
            website="http://www.hongze.gov.cn/",
        ),
    )
    report = store.load(report_id)
    assert report.texts["s1.request"] == "2024年共受理申请95件。"
    assert report.explanations == {"TXT-NUM@s1.request:收到95": "已核实"}
    assert "intro" not in report.texts
    assert report.agency.website == "http://www.hongze.gov.cn/"
    store.set_explanation(report_id, "TXT-NUM@s1.request:收到95", "")
    assert store.load(report_id).explanations == {}
    assert [r.action for r in store.history(report_id)] == ["import", "edit", "edit", "edit", "edit", "edit"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda s, i: s.set_cell(i, "t3.nonsense.natural", 1), "没有单元格 t3.nonsense.natural"),
        (lambda s, i: s.set_text(i, "s9", "x"), "没有文字部分 s9"),
        (lambda s, i: s.set_explanation(i, "T3-ROW", "因为"), "是错误，必须改正"),
        (lambda s, i: s.set_explanation(i, "NOPE", "因为"), "没有代码为 NOPE"),
        (lambda s, i: s.set_explanation(i, "COPY", "因为"), "说明要对应具体的一条提醒"),
        (lambda s, i: s.set_agency(i, Agency(name="某局", kind="bureau")), "机关类型 'bureau' 无效"),
        (lambda s, i: s.set_agency(i, Agency(name=" ")), "机关名称不能为空"),
        (lambda s, i: s.set_cell(i + 100, "t3.new.natural", 1), "没有编号为"),
    ],
)
def test_edits_that_cannot_be_made_say_why_and_change_nothing(
    store: Store, seed: Report, edit, message
) -> None:  # type: ignore[no-untyped-def]
    report_id = store.import_report(seed)
    with pytest.raises(StoreError, match=message):
        edit(store, report_id)
    assert store.load(report_id) == seed
    assert len(store.history(report_id)) == 1


def test_bodies_and_their_reports(
    store: Store, form: Form, hongze2023: Report, hongze2024: Report, seed: Report
) -> None:
    ids = [store.import_report(r) for r in (hongze2024, seed, hongze2023)]
    listing = store.list_bodies()
    assert [b.body.name for b in listing] == sorted([hongze2023.agency.name, seed.agency.name])
    hongze = next(b for b in listing if b.body.name == hongze2023.agency.name)
    assert [(r.id, r.year) for r in hongze.reports] == [(ids[2], 2023), (ids[0], 2024)]
    assert store.previous_of(ids[0]) == hongze2023
    assert store.previous_of(ids[2]) is None
    with pytest.raises(StoreError, match="2023 年的报告已在数据库中"):
        store.import_report(hongze2023)

    body_id = store.add_body("教育局", region="淮安市洪泽区")
    new_id = store.create_report(body_id, 2024)
    new = store.load(new_id)
    assert new == Report.empty(form, 2024, Agency(name="教育局", region="淮安市洪泽区"))
    store.update_body(body_id, website="http://jy.hongze.gov.cn/")
    assert store.body(body_id).website == "http://jy.hongze.gov.cn/"
    assert store.load(new_id).agency.website == ""  # a report keeps the agency as printed that year
    with pytest.raises(StoreError, match="机关名称不能为空"):
        store.add_body("  ")
    with pytest.raises(NotFound):
        store.create_report(999, 2024)


def test_the_bin_keeps_a_deleted_report_recoverable(store: Store, hongze2023: Report) -> None:
    report_id = store.import_report(hongze2023)
    store.set_cell(report_id, "t3.new.natural", 5)
    store.delete(report_id)
    assert all(not b.reports for b in store.list_bodies())
    [(body, info)] = store.list_bin()
    assert (body.name, info.id, info.year) == (hongze2023.agency.name, report_id, 2023)
    with pytest.raises(StoreError, match="在回收站中"):
        store.set_cell(report_id, "t3.new.natural", 6)
    # Meanwhile the year can be written again; then the old one cannot come back over it.
    again = store.import_report(hongze2023)
    with pytest.raises(StoreError, match=f"已有 2023 年的报告（编号 {again}）"):
        store.undelete(report_id)
    store.delete(again)
    store.undelete(report_id)
    assert store.load(report_id).cells["t3.new.natural"] == 5
    assert len(store.history(report_id)) == 2
    with pytest.raises(StoreError, match="不在回收站中"):
        store.undelete(report_id)


def test_reports_read_together_are_the_reports_read_one_by_one(store: Store) -> None:
    ids = [store.import_report(load_data(name)) for name in NAMES[:3]]
    store.set_cell(ids[0], "t3.new.natural", Invalid("十二", "不是数字"))
    store.set_text(ids[1], "intro", "开头")
    assert store.load_many([*ids, 999]) == {i: store.load(i) for i in ids}
