"""The window's logic without a screen: grids from the form, paste plans, the editing session."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import pytest

from reportdesk.form import Form
from reportdesk.report import Agency, Report
from reportdesk.ui.control.session import Session, affected_totals
from reportdesk.ui.table.grid import grid_for
from reportdesk.ui.table.paste import plan_paste, split_block
from reportdesk.values import CellValue


class MemorySaver:
    def __init__(self) -> None:
        self.cells: dict[str, CellValue] = {}
        self.texts: dict[str, str] = {}
        self.explanations: dict[str, str | None] = {}
        self.calls = 0

    def save_cells(self, values: Mapping[str, CellValue], seen: Mapping[str, CellValue] | None = None) -> str:
        self.calls += 1
        self.cells.update(values)
        return "12:00:00"

    def save_text(self, key: str, text: str, seen: str | None = None) -> str:
        self.calls += 1
        self.texts[key] = text
        return "12:00:00"

    def save_explanations(
        self, reasons: Mapping[str, str | None], seen: Mapping[str, str | None] | None = None
    ) -> str:
        self.calls += 1
        self.explanations.update(reasons)
        return "12:00:00"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def empty(form: Form) -> Report:
    return Report.empty(form, 2024, Agency(name="交通运输局", region="某某县"))


# -- grids ---------------------------------------------------------------------------------------


def test_every_cell_of_every_table_sits_once_in_its_grid(form: Form) -> None:
    for table in ("t2", "t3", "t4"):
        grid = grid_for(form, table)
        keys = [c.key for row in grid.cells for c in row if c.kind == "value"]
        assert sorted(keys) == sorted(k for k, c in form.cells.items() if c.table == table)


def test_table3_grid_is_the_printed_layout(form: Form) -> None:
    g = grid_for(form, "t3")
    assert g.header_rows == 3 and g.label_columns == 3
    assert g.at(0, 0).kind == "corner" and g.at(0, 0).text == form.t3.corner
    assert g.at(0, 3).text == form.t3.column_header
    assert g.span_at(0, 3).columns == 7  # 申请人情况 over every column
    assert g.at(1, 4).text == "法人或其他组织" and g.span_at(1, 4).columns == 5
    # 25 numeric rows, one after the other, the label-only rows merged down on the left.
    assert len(g.value_rows()) == 25
    result_rows = [r for r in range(g.row_count) if g.at(r, 0).text == "三、本年度办理结果"]
    assert len(result_rows) == 1 and g.span_at(result_rows[0], 0).rows == 22


def test_table2_single_value_blocks_span_the_value_columns(form: Form) -> None:
    g = grid_for(form, "t2")
    r, c = g.position("t2.fees.amount")
    assert g.span_at(r, c).columns == 3
    headers = [
        g.at(r, 0).text for r in range(g.row_count) if g.span_at(r, 0) and g.span_at(r, 0).columns == 4
    ]
    assert headers == [b.header for b in form.t2.blocks]


# -- paste ---------------------------------------------------------------------------------------


def block(rows: list[list[object]]) -> str:
    return "\r\n".join("\t".join(str(v) for v in row) for row in rows) + "\r\n"


def test_a_25_by_6_block_fills_every_input_cell_of_table3(form: Form) -> None:
    g = grid_for(form, "t3")
    rows = g.value_rows()
    first = rows[0]
    start = g.row_values(first)[0][0]
    values = [[r * 10 + c for c in range(6)] for r in range(25)]
    plan = plan_paste(form, g, first, start, block(values))
    assert plan.error is None
    expected = {}
    for i, r in enumerate(rows):
        for j, (_c, key) in enumerate(g.row_values(r)[:6]):
            if not form.cells[key].computed:
                expected[key] = values[i][j]
    assert plan.values == expected
    # （七）总计 is computed: its pasted figures are compared, not pasted.
    assert "t3.results_total.natural" in plan.totals


def test_a_block_with_a_letter_or_a_stray_cell_is_refused_whole(form: Form) -> None:
    g = grid_for(form, "t3")
    first = g.value_rows()[0]
    start = g.row_values(first)[0][0]
    letter = [[1, 2, 3, 4, 5, 6], [1, "l2", 3, 4, 5, 6]]
    plan = plan_paste(form, g, first, start, block(letter))
    assert plan.values == {} and plan.error is not None
    assert "l2" in plan.error and "二、上年结转" in plan.error
    stray = [[1, 2, 3, 4, 5, 6, 7, 8]]
    plan = plan_paste(form, g, first, start, block(stray))
    assert plan.values == {} and "右边界" in (plan.error or "")
    too_long = [[1]] * 26
    plan = plan_paste(form, g, first, start, block(too_long))
    assert plan.values == {} and "26 行" in (plan.error or "")


def test_split_block_keeps_empty_cells_and_drops_the_final_line_break() -> None:
    assert split_block("1\t\t3\r\n4\t5\t6\r\n") == [["1", "", "3"], ["4", "5", "6"]]


# -- session -------------------------------------------------------------------------------------


def test_an_edit_saves_the_cell_and_its_totals_and_updates_the_state(form: Form) -> None:
    saver = MemorySaver()
    s = Session(form, empty(form), saver)
    assert s.section_status()["s3"].state == "empty"
    update = s.edit_cell("t3.new.natural", 42)
    assert saver.cells["t3.new.natural"] == 42
    assert saver.cells["t3.new.total"] == 42
    assert s.report.cells["t3.new.total"] == 42
    assert {"t3.new.natural", "t3.new.total"} <= update.cells
    assert update.findings_changed
    assert s.section_status()["s3"].state == "progress"


def test_totals_affected_follow_the_chain(form: Form) -> None:
    totals = affected_totals(form, ["t3.withheld.3.legal"])
    assert set(totals) == {"t3.withheld.3.total", "t3.results_total.legal", "t3.results_total.total"}


def test_section_states_errors_warnings_complete(form: Form, seed: Report) -> None:
    s = Session(form, seed, MemorySaver())
    assert s.section_status()["s3"].state == "complete"
    s.edit_cell("t3.carried_out.natural", 5)  # 一 + 二 ≠ 三（七）+ 四
    assert s.section_status()["s3"].state == "errors"
    s.edit_cell("t3.carried_out.natural", 0)
    assert s.section_status()["s3"].state == "complete"


def test_typing_in_one_cell_is_one_undo_step_and_undo_restores_totals(form: Form) -> None:
    saver = MemorySaver()
    s = Session(form, empty(form), saver)
    s.edit_cell("t3.new.natural", 4)
    s.edit_cell("t3.new.natural", 42)
    s.seal()
    s.edit_cell("t3.new.commercial", 1)
    assert s.report.cells["t3.new.total"] == 43
    s.undo()
    assert s.report.cells["t3.new.commercial"] is None and s.report.cells["t3.new.total"] == 42
    s.undo()
    assert s.report.cells["t3.new.natural"] is None and s.report.cells["t3.new.total"] is None
    assert saver.cells["t3.new.total"] is None  # undo is saved like any edit
    s.redo()
    assert s.report.cells["t3.new.natural"] == 42 and s.report.cells["t3.new.total"] == 42
    assert s.can_undo and s.can_redo  # the second step can still be redone


def test_text_typing_pauses_split_undo_steps(form: Form) -> None:
    clock = Clock()
    s = Session(form, empty(form), MemorySaver(), clock=clock)
    s.edit_text("s6", "本年")
    clock.now = 0.5
    s.edit_text("s6", "本年未收取")
    clock.now = 5.0
    s.edit_text("s6", "本年未收取信息处理费。")
    s.undo()
    assert s.report.text("s6") == "本年未收取"
    s.undo()
    assert s.report.text("s6") == ""


def test_explaining_a_warning_accepts_it_and_undo_withdraws_it(
    form: Form, hongze2023: Report, hongze2024: Report
) -> None:
    saver = MemorySaver()
    s = Session(form, hongze2024, saver, previous=hongze2023)
    copies = [f for f in s.findings if f.code == "COPY"]
    assert [(f.id, f.accepted) for f in copies] == [
        ("COPY@s1.management", False),
        ("COPY@s1.platform", False),
    ]
    s.explain("COPY@s1.management", "管理制度未变，沿用上年表述。")
    assert saver.explanations["COPY@s1.management"]
    # One reason covers one occurrence: the other part copied from last year stays open.
    assert [f.accepted for f in s.findings if f.code == "COPY"] == [True, False]
    s.undo()
    assert "COPY@s1.management" not in s.report.explanations


def test_one_reason_for_the_others_shown_writes_one_key_each_and_undoes_as_one(
    form: Form, hongze2023: Report, hongze2024: Report
) -> None:
    saver = MemorySaver()
    s = Session(form, hongze2024, saver, previous=hongze2023)
    s.explain("COPY@s1.management", "制度未变，沿用上年表述。")
    calls = saver.calls
    s.explain_many({"COPY@s1.platform": "制度未变，沿用上年表述。"})
    assert saver.calls == calls + 1 and "COPY" not in s.report.explanations
    assert sorted(s.report.explanations) == ["COPY@s1.management", "COPY@s1.platform"]
    assert all(f.accepted for f in s.findings if f.code == "COPY")
    s.undo()  # the reasons given together go back together, the first one stays
    assert sorted(s.report.explanations) == ["COPY@s1.management"]


def test_untouched_rolled_over_text(form: Form, hongze2023: Report) -> None:
    carried = {"s6": hongze2023.text("s6")}
    report = empty(form).with_text("s6", hongze2023.text("s6"))
    s = Session(form, report, MemorySaver(), previous=hongze2023, carried=carried)
    assert s.untouched("s6")
    s.edit_text("s6", hongze2023.text("s6") + "另：")
    assert not s.untouched("s6")


@pytest.mark.parametrize(("before", "after", "saved"), [(Decimal("5"), Decimal("5.0"), True), (5, 5, False)])
def test_an_amount_typed_differently_is_saved(
    form: Form, before: CellValue, after: CellValue, saved: bool
) -> None:
    saver = MemorySaver()
    key = "t2.fees.amount" if isinstance(before, Decimal) else "t2.penalty.decisions"
    s = Session(form, empty(form).with_cell(key, before), saver)
    s.edit_cell(key, after)
    assert (key in saver.cells) is saved


def test_history_reads_a_run_of_keystrokes_as_one_step_but_not_forever() -> None:
    from reportdesk.store.models import TEXT, Change, Revision
    from reportdesk.ui.control.history_words import bursts

    def rev(n: int, second: int, text: str, key: str = "s6") -> Revision:
        return Revision(
            n,
            f"2024-01-10T09:{second // 60:02d}:{second % 60:02d}+08:00",
            "edit",
            "",
            (Change(TEXT, key, text[:-1], text),),
        )

    newest_first = [
        rev(7, 200, "甲乙丙丁戊"),  # after a 50 s pause: a step of its own
        rev(6, 150, "甲乙丙丁"),
        rev(5, 148, "甲乙丙"),
        rev(4, 146, "甲乙", key="s5.problems"),  # another part: a step of its own
        rev(3, 5, "甲乙"),
        rev(2, 3, "甲"),
        rev(1, 0, "", key="s1.active"),
    ]
    steps = bursts(newest_first)
    assert [r.rev for r in steps] == [7, 6, 4, 3, 1]
    assert steps[1].changes[0].old == "甲乙" and steps[1].changes[0].new == "甲乙丙丁"
    # Typing without pause for ten minutes is cut into runs of at most two minutes.
    long_run = [rev(600 - i, 600 - i, "字" * (601 - i)) for i in range(600)]
    assert len(bursts(long_run)) == 5
