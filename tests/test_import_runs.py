"""Digit runs, flattened lines and mid-line headings: the pieces of the importer that read them."""

from __future__ import annotations

import pytest

from reportdesk.form import Form
from reportdesk.importers.document import Line
from reportdesk.importers.flat import cut_headings, cut_parts
from reportdesk.importers.resolve import question_id, resolve
from reportdesk.importers.rows import text_rows, tokens
from reportdesk.importers.solve import implicated, solve
from reportdesk.importers.table_read import Split, TableRead
from reportdesk.report import Report

from .conftest import load_data


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        # a web page that lost its table: figures glued to the labels on both sides
        (
            "（一）予以公开713000074（二）部分公开",
            [("text", "（一）予以公开"), ("value", "713000074"), ("text", "（二）部分公开")],
        ),
        # a leaf's ordinal at the end of a run is the next label's
        ("00000002.其他法律", [("value", "0000000"), ("text", "2.其他法律")]),
        ("1.属于国家秘密0 0", [("text", "1.属于国家秘密"), ("value", "0"), ("value", "0")]),
        ("3、其他 108 2", [("text", "3、其他 "), ("value", "108"), ("value", "2")]),
        # figures with a unit, or glued to Latin letters, are text
        ("2024年共42件，占5%", [("text", "2024年共42件，占5%")]),
        ("见App2", [("text", "见App2")]),
        ("行政事业性收费 96171.6", [("text", "行政事业性收费 "), ("value", "96171.6")]),
        # look-alike letters in figures are kept as values, marked
        ("公开 2O 0 l2", [("text", "公开 "), ("suspect", "2O"), ("value", "0"), ("suspect", "l2")]),
        ("公开 5 O 5", [("text", "公开 "), ("value", "5"), ("suspect", "O"), ("value", "5")]),
        ("Office O", [("text", "Office O")]),
    ],
)
def test_tokens(line: str, pieces: list[tuple[str, str]]) -> None:
    assert [(k, t) for k, t, _ in tokens(line)] == pieces


def test_a_garbled_header_is_label_text_even_when_its_last_number_runs_into_the_figures() -> None:
    rows = text_rows(
        [
            Line(
                "数据1 数据2 数据3 数据4 数据5 数据6 数据7 数据8 数据9 数据10 数据11 数据12 数据13 数据14 数据15",
                "第1行",
            ),
            Line("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", "第2行"),
        ]
    )
    assert rows[0].values == () and rows[0].parts[-1] == "数据15"
    assert rows[1].values == ("0",) * 15


def test_headings_printed_mid_line(form: Form) -> None:
    line = (
        "某局2024年政府信息公开工作年度报告根据《条例》编制。一、总体情况2024年，我局坚持公开。"
        "（一）主动公开情况。主动公开信息12条。二、主动公开政府信息情况第二十条规章000"
        "三、收到和处理政府信息公开申请情况（本列数据）四、政府信息公开行政复议、行政诉讼情况000"
        "五、存在的主要问题及改进情况问题。详见《五、存在的主要问题及改进情况》。六、其他需要报告的事项无。"
    )
    cut = [x.text for x in cut_headings(form, [Line(line, "第1行")]) if isinstance(x, Line)]
    assert cut == [
        "某局2024年政府信息公开工作年度报告",
        "根据《条例》编制。",
        "一、总体情况",
        "2024年，我局坚持公开。（一）主动公开情况。主动公开信息12条。",
        "二、主动公开政府信息情况",
        "第二十条规章000",
        "三、收到和处理政府信息公开申请情况",
        "（本列数据）",
        "四、政府信息公开行政复议、行政诉讼情况",
        "000",
        "五、存在的主要问题及改进情况",
        "问题。详见《五、存在的主要问题及改进情况》。",  # quoted: not a heading
        "六、其他需要报告的事项",
        "无。",
    ]
    parts = cut_parts(form.sections[0], [Line(cut[3], "第1行")])
    assert [p.text for p in parts] == ["2024年，我局坚持公开。", "（一）主动公开情况。", "主动公开信息12条。"]


def test_a_title_in_a_sentence_is_not_cut(form: Form) -> None:
    line = Line("根据《条例》，编制本机关2023年政府信息公开工作年度报告，全文如下。", "第1段")
    assert cut_headings(form, [line]) == [line]


# ---------------------------------------------------------------------------------------------
# Runs solved together


def _t3_row(form: Form, row: str) -> list[str]:
    return [f"t3.{row}.{c.key}" for c in form.t3.columns]


def test_the_column_sums_choose_among_a_rows_cuts(form: Form) -> None:
    seed = load_data("seed-donghu-zwfw-2023")
    keys = _t3_row(form, "disclosed")
    true = tuple(seed.cells[k] for k in keys)  # 12 0 0 0 0 0 12
    other = (1, 2, 0, 0, 0, 0, 3)  # keeps the row total, not the column sums
    fixed = {k: v for k, v in seed.cells.items() if k.startswith("t3.") and k not in keys}
    outcome = solve(fixed, [(keys, (other, true))], form.relations)
    assert outcome.domains == ((1,),) and outcome.joint
    # with a cell of each column unknown, the columns decide nothing
    unknown = {k: v for k, v in fixed.items() if not k.startswith("t3.withheld.1.")}
    assert solve(unknown, [(keys, (other, true))], form.relations).domains == ((0, 1),)


def test_a_misprinted_row_is_not_cut_the_way_its_total_allows(form: Form) -> None:
    """A cut that keeps the row's total but breaks the column sums: the row is declined, not taken."""
    seed = load_data("seed-donghu-zwfw-2023")
    keys = _t3_row(form, "disclosed")
    misprint = (11, 1, 0, 0, 0, 0, 12)
    tables = TableRead(cells={k: v for k, v in seed.cells.items() if k not in keys})
    tables.splits.append(
        Split(tuple(keys), (misprint,), True, "表三「（一）予以公开」", "第1行", "11100012", False, True)
    )
    fixed = {k: v for k, v in tables.cells.items() if type(v) is int}
    assert implicated(fixed, [(keys, (misprint,))], form.relations) == {0}
    resolved = resolve(form, seed.with_cells(dict.fromkeys(keys)), tables, {})
    assert all(resolved.report.cells[k] is None for k in keys)
    assert all("对不上" in tables.unread[k] for k in keys)
    assert resolved.questions == []


def test_question_ids_name_the_row() -> None:
    assert question_id(["t3.withheld.1.natural", "t3.withheld.1.total"]) == "t3.withheld.1"
    assert question_id(["t4.review.upheld", "t4.suit_direct.total"]) == "t4"


def _one_run(
    seed_report: Report, keys: list[str], cuts: tuple[tuple[int, ...], ...], free: bool = False
) -> TableRead:
    tables = TableRead(cells={k: v for k, v in seed_report.cells.items() if k not in keys})
    printed = "".join(map(str, cuts[0]))
    tables.splits.append(
        Split(tuple(keys), cuts, True, "表三「（一）予以公开」", "第1行", printed, False, True, free)
    )
    return tables


@pytest.mark.parametrize(
    ("unknown_row", "free", "taken"),
    [
        ("", False, True),  # every column sum known: the cut is confirmed beyond its own row
        ("withheld.1", False, False),  # a leaf row unknown: the column sums check nothing — asked
        ("withheld.1", True, True),  # …unless the digits allow no other cut at all
    ],
)
def test_a_cut_is_taken_only_when_something_beyond_its_own_row_confirms_it(
    form: Form, unknown_row: str, free: bool, taken: bool
) -> None:
    seed = load_data("seed-donghu-zwfw-2023")
    keys = _t3_row(form, "disclosed")
    true = tuple(seed.cells[k] for k in keys)  # 12 0 0 0 0 0 12
    blank = _t3_row(form, unknown_row) if unknown_row else []
    tables = _one_run(seed.with_cells(dict.fromkeys(blank)), keys, (true,), free)
    for key in blank:
        del tables.cells[key]
    resolved = resolve(form, seed.with_cells(dict.fromkeys([*keys, *blank])), tables, {})
    got = tuple(resolved.report.cells[k] for k in keys)
    if taken:
        assert got == true and tables.origins[keys[0]].how == "split" and resolved.questions == []
    else:
        assert got == (None,) * 7
        [question] = resolved.questions
        assert question.options == ((1, true),)  # offered: the officer compares it with the original
        assert "没有别的合计关系能核对这一行" in tables.unread[keys[0]]
