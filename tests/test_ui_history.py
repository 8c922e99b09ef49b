"""The history in words: what an officer reads in 修改历史 (no codes, no keys, no JSON)."""

from __future__ import annotations

import re

import pytest

from reportdesk.checks import describe_id
from reportdesk.form import Form
from reportdesk.store.models import AGENCY, CELL, EXPLANATION, TEXT, Change, Revision
from reportdesk.ui.control.history_words import bursts, in_words

REASON = "TXT-NUM@s1.request"


def edit(*changes: Change, action: str = "edit", note: str = "", finals: tuple[str, ...] = ()) -> Revision:
    return Revision(1, "2024-01-10T09:00:00+08:00", action, note, changes, finals)


@pytest.mark.parametrize(
    ("revision", "words"),
    [
        (
            edit(
                Change(CELL, "t3.disclosed.natural", "26", "62"),
                Change(CELL, "t3.disclosed.total", "26", "62"),
            ),
            "修改表三「（一）予以公开」自然人：26 → 62",
        ),
        (
            edit(Change(CELL, "t2.fees.amount", None, '{"decimal": "1.50"}')),
            "修改表二「行政事业性收费」本年收费金额（单位：万元）：空 → 1.50",
        ),
        (
            edit(
                *(Change(CELL, f"t3.new.{c}", None, "1") for c in ("natural", "commercial")),
                *(Change(CELL, f"t3.carried_in.{c}", None, "0") for c in ("natural", "commercial")),
            ),
            "改动表三 2 行共 4 个数字",
        ),
        (
            edit(*(Change(CELL, f"t4.review.{c}", "1", None) for c in ("upheld", "other"))),
            "清空表四 1 行共 2 个数字",
        ),
        (edit(Change(TEXT, "s6", "", "本年度没有收费。")), "修改“六、其他需要报告的事项”（共 8 字）"),
        (edit(Change(TEXT, "s6", "旧", "")), "清空“六、其他需要报告的事项”"),
        (edit(Change(AGENCY, "name", '"交通局"', '"交通运输局"')), "修改机关名称：交通局 → 交通运输局"),
        (edit(action="restore", note="恢复到第 3 版"), "恢复到第 3 版"),
        (edit(action="create"), "新建报告"),
        (
            edit(Change(TEXT, "s6", "", "有"), finals=("报送稿",)),
            "修改“六、其他需要报告的事项”（共 1 字）（记为定稿：报送稿）",
        ),
    ],
)
def test_a_revision_in_words(form: Form, revision: Revision, words: str) -> None:
    assert in_words(revision, form) == words


def test_accepting_and_withdrawing_a_reason_in_words(form: Form) -> None:
    what = describe_id(form, REASON)
    accepted = in_words(edit(Change(EXPLANATION, REASON, None, "口径不同")), form)
    assert accepted == f"接受提醒“{what}”，理由：口径不同"
    assert in_words(edit(Change(EXPLANATION, REASON, "口径不同", None)), form).startswith("撤销对提醒")


def test_words_carry_no_codes_or_keys(form: Form) -> None:
    revisions = [
        edit(Change(CELL, "t3.new.natural", "1", "2"), Change(CELL, "t3.new.total", "1", "2")),
        edit(Change(EXPLANATION, REASON, None, "理由")),
        edit(Change(AGENCY, "kind", '"department"', '"government"')),
    ]
    for rev in revisions:
        words = in_words(rev, form)
        assert not re.search(r"t[234]\.|[A-Z]{2,}-[A-Z]|\{|\"", words), words


def test_a_cell_typed_key_by_key_is_one_step_even_when_a_total_stops_following(form: Form) -> None:
    def rev(n: int, second: int, old: str | None, new: str, total: bool) -> Revision:
        changes = [Change(CELL, "t3.disclosed.natural", old, new)]
        if total:
            changes.append(Change(CELL, "t3.disclosed.total", old, new))
        return Revision(n, f"2024-01-10T09:00:{second:02d}+08:00", "edit", "", tuple(changes))

    newest_first = [rev(4, 3, "10", "100", True), rev(3, 2, "1", "10", False), rev(2, 1, None, "1", True)]
    steps = bursts(newest_first, form)
    assert [r.rev for r in steps] == [4]
    assert in_words(steps[0], form) == "修改表三「（一）予以公开」自然人：空 → 100"
