"""Settling the digit runs that several cuts fit: the whole table first, then the narrative, then
the officer.

1. The runs are solved together with every sum rule of the form (:mod:`.solve`): a run that all
   solutions cut the same way is taken (``split``) — only when that cut is *confirmed*: each cell
   of the run lies in a sum rule reaching beyond its own row whose every cell is known (printed,
   or in a run), or the digits allow no other cut at all. A row's own total alone cannot tell a
   misprinted row from a well printed one: the printed cut breaks the total, and another cut that
   keeps it would be taken, wrong. With every cell tied to another row, a misprint breaks a rule
   whatever the cut, and the row is declined instead (:func:`.solve.implicated`).
2. Where several cuts still fit a confirmed run, the narrative may tell: when it states figures
   that agree with exactly one cut and disagree with every other — and agrees with the tables
   everywhere else, so it is worth trusting — that cut is taken (``chosen``, unsure until the
   officer confirms).
3. Otherwise nothing is taken: the run becomes a :class:`Question` listing the cuts that fit
   (an unconfirmed run too, even with one cut). The officer's answers (``choices``: question id
   → option number, as listed without choices) are applied together, then the rest is solved
   again (``picked``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from reportdesk.checks.text_common import normalize, scanned_keys
from reportdesk.checks.text_numbers import text_number_findings
from reportdesk.form import Form
from reportdesk.importers.result import Question
from reportdesk.importers.solve import implicated, solve
from reportdesk.importers.table_read import Split, TableRead
from reportdesk.report import Report

MAX_TRIED = 12  # cuts of one run tried against the narrative
MAX_SHOWN = 8  # cuts listed in a message


@dataclass
class Resolved:
    """What the runs came to: the report with the cut figures, notes, problems, open questions."""

    report: Report
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)


def question_id(keys: Sequence[str]) -> str:
    """The row a run belongs to: the keys' common dotted prefix ("t3.new", "t4")."""
    common = keys[0].split(".")
    for key in keys[1:]:
        parts = key.split(".")
        n = 0
        while n < min(len(common), len(parts)) and common[n] == parts[n]:
            n += 1
        common = common[:n]
    return ".".join(common) or keys[0]


def disagreements(form: Form, report: Report) -> int:
    """How many figures of the narrative disagree with the tables (blank cells are not compared)."""
    return sum(
        len(text_number_findings(form, report, key, normalize(report.text(key))))
        for key in scanned_keys(form, report)
        if report.text(key).strip()
    )


def _cells(split: Split, cut: int) -> dict[str, int | None]:
    return dict(zip(split.keys, split.candidates[cut], strict=True))


def _shown(split: Split, cuts: Sequence[int]) -> str:
    text = "；".join(" ".join(map(str, split.candidates[c])) for c in cuts[:MAX_SHOWN])
    return text + ("；……" if len(cuts) > MAX_SHOWN else "")


class _State:
    def __init__(self, form: Form, report: Report, tables: TableRead) -> None:
        self.form = form
        self.report = report
        self.fixed = {k: v for k, v in tables.cells.items() if type(v) is int}
        self.splits = [s for s in tables.splits if s.complete]
        self.relations = [r for r in form.relations if not any(t.previous for t in (*r.lhs, *r.rhs))]
        self.rule_keys = [frozenset(t.key for t in (*r.lhs, *r.rhs)) for r in self.relations]
        self.held: set[int] = set()  # determined by the sums, but not confirmed: asked
        self.chosen: dict[int, tuple[int, str]] = {}
        self.alternatives: dict[int, tuple[int, ...]] = {}
        self.suspect: set[int] = set()
        self.consistent = True

    def open(self) -> list[int]:
        return [i for i in range(len(self.splits)) if i not in self.chosen and i not in self.suspect]

    def confirmed(self, i: int) -> bool:
        """Whether a cut of run ``i`` that the sums determine may be taken (see the module's list):
        the digits allow one cut only, or each of its cells lies in a rule beyond its own row whose
        every cell is known."""
        split = self.splits[i]
        if split.free:
            return True
        own = frozenset(split.keys)
        known = set(self.fixed)
        for j, other in enumerate(self.splits):
            if j not in self.suspect:
                known.update(other.keys)
        reaching = [keys for keys in self.rule_keys if keys <= known and not keys <= own]
        return all(any(key in keys for keys in reaching) for key in own)

    def _implicated(self) -> set[int]:
        fixed = dict(self.fixed)
        for i, (cut, _) in self.chosen.items():
            fixed.update(dict(zip(self.splits[i].keys, self.splits[i].candidates[cut], strict=True)))
        active = self.open()
        found = implicated(
            fixed, [(self.splits[i].keys, self.splits[i].candidates) for i in active], self.relations
        )
        return {active[i] for i in found}

    def domains(self) -> dict[int, tuple[int, ...]]:
        """The cuts still possible for each open run, all chosen cuts fixed."""
        fixed = dict(self.fixed)
        for i, (cut, _) in self.chosen.items():
            fixed.update(dict(zip(self.splits[i].keys, self.splits[i].candidates[cut], strict=True)))
        active = self.open()
        outcome = solve(
            fixed, [(self.splits[i].keys, self.splits[i].candidates) for i in active], self.relations
        )
        self.consistent = self.consistent and outcome.consistent
        return dict(zip(active, outcome.domains, strict=True))

    def settle(self) -> dict[int, tuple[int, ...]]:
        """Take every run the sums determine, then every one the narrative decides; the rest stays open.

        When the printed figures break the sums whatever the cuts, the runs of the broken rules are
        set aside (:attr:`suspect`) and only the others are taken, each by its own row.
        """
        while True:
            domains = self.domains()
            if not self.consistent and not self.suspect:
                self.suspect = self._implicated()
                self.consistent = True
                continue
            determined = {i: d[0] for i, d in domains.items() if len(d) == 1 and i not in self.held}
            taken = {i: c for i, c in determined.items() if self.confirmed(i)}
            self.held.update(i for i in determined if i not in taken)
            if taken:
                self.chosen.update({i: (c, "split") for i, c in taken.items()})
                continue
            trusted = {i: d for i, d in domains.items() if i not in self.held and self.confirmed(i)}
            told = None if self.suspect else self._told_by_narrative(trusted)
            if told is None:
                return domains
            self.chosen[told[0]] = (told[1], "chosen")

    def with_chosen(self) -> Report:
        cells: dict[str, int | None] = {}
        for i, (cut, _) in self.chosen.items():
            cells.update(_cells(self.splits[i], cut))
        return self.report.with_cells(cells)

    def _told_by_narrative(self, domains: Mapping[int, tuple[int, ...]]) -> tuple[int, int] | None:
        base = self.with_chosen()
        if disagreements(self.form, base) != 0:
            return None  # the narrative disagrees with the tables elsewhere: not a witness
        for i, cuts in domains.items():
            if len(cuts) > MAX_TRIED:
                continue
            agree = [
                c for c in cuts if disagreements(self.form, base.with_cells(_cells(self.splits[i], c))) == 0
            ]
            if len(agree) == 1:
                self.alternatives[i] = cuts
                return i, agree[0]
        return None


def _settle(
    form: Form, report: Report, tables: TableRead, choices: Mapping[str, int], out: Resolved
) -> tuple[_State, dict[int, tuple[int, ...]], dict[int, list[int]]]:
    """Settle the runs, apply the officer's choices against the cuts listed without them, settle again."""
    state = _State(form, report, tables)
    domains = state.settle()
    listed = {i: list(d) for i, d in domains.items()}
    picked = {}
    for i in listed:
        qid = question_id(state.splits[i].keys)
        if qid in choices:
            picked[i] = choices[qid]
    for i, number in picked.items():
        if 1 <= number <= len(listed[i]):
            state.chosen[i] = (listed[i][number - 1], "picked")
        else:
            out.problems.append(
                f"{state.splits[i].what}：没有第 {number} 种拆法（可选 1–{len(listed[i])}），未采用"
            )
    if not any(how == "picked" for _, how in state.chosen.values()):
        return state, domains, listed
    before = set(state.suspect)
    domains = state.settle()
    if state.suspect != before:
        out.problems.append("所选的拆法合在一起与表格的合计关系不符，未采用，请重新选择")
        return _settle(form, report, tables, {}, out)
    return state, domains, listed


def resolve(form: Form, report: Report, tables: TableRead, choices: Mapping[str, int]) -> Resolved:
    """Cut the runs of ``tables.splits`` into ``report``; record in ``tables`` where each figure came from."""
    out = Resolved(report)
    for split in tables.splits:
        if not split.complete:
            reason = f"数字连在一起（{split.printed}），可能的拆法太多，无法确定，未导入，请对照原件填写"
            out.problems.append(f"{split.what}（{split.where}）：{reason}")
            tables.decline(split.keys, f"{reason}（{split.where}）")
    state, domains, listed = _settle(form, report, tables, choices, out)
    for i in sorted(state.suspect):
        split = state.splits[i]
        reason = (
            f"数字连在一起（{split.printed}），但表格中的数字与合计关系对不上（原文可能印错），"
            "这一行无法可靠地拆分，未导入，请对照原件填写"
        )
        out.problems.append(f"{split.what}（{split.where}）：{reason}")
        tables.decline(split.keys, f"{reason}（{split.where}）")
    for i, (cut, how) in state.chosen.items():
        split = state.splits[i]
        tables.put_cut(split.keys, split.candidates[cut], split.where, how)
        tables.found.append((split.what, split.where))
        out.notes.append(_note(split, cut, how, state.alternatives.get(i, ())))
    base = state.with_chosen()
    before = disagreements(form, base)
    for i, cuts in sorted(domains.items()):
        split = state.splits[i]
        numbers = [listed[i].index(c) + 1 for c in cuts]
        agree = [
            n
            for n, c in zip(numbers, cuts, strict=True)
            if len(cuts) <= MAX_TRIED and disagreements(form, base.with_cells(_cells(split, c))) == before
        ]
        q = Question(
            question_id(split.keys), split.what, split.where, split.printed, split.keys,
            tuple((n, split.candidates[c]) for n, c in zip(numbers, cuts, strict=True)),
            agree[0] if len(agree) == 1 else None,
        )  # fmt: skip
        out.questions.append(q)
        fits = "都符合合计关系" if split.ruled else "（这一行没有合计关系可以核对）"
        reason = f"数字连在一起（{split.printed}），有 {len(cuts)} 种拆法{fits}，未导入，需要选择（{q.id}）"
        if split.ruled and not state.confirmed(i):
            reason = (
                f"数字连在一起（{split.printed}），{'只有一种拆法' if len(cuts) == 1 else f'有 {len(cuts)} 种拆法'}"
                "符合这一行的合计，但表格中没有别的合计关系能核对这一行（原文若有印错，这样拆出的数字也是错的），"
                f"未导入，需要选择（{q.id}），请对照原件"
            )
        out.problems.append(f"{split.what}（{split.where}）：{reason}")
        tables.decline(split.keys, f"{reason}（{split.where}）")
    out.report = base
    return out


def _note(split: Split, cut: int, how: str, alternatives: Sequence[int]) -> str:
    figures = " ".join(map(str, split.candidates[cut]))
    head = f"{split.what}（{split.where}）：数字连在一起（{split.printed}），"
    if split.joined:
        head = f"{split.what}（{split.where}）：数字之间有多余的空格（{split.printed}），"
    if how == "split" and len(split.candidates) == 1:
        return head + (
            f"按合计关系只有一种拆法：{figures}，请核对" if split.ruled else f"读作 {figures}，请核对"
        )
    if how == "split":
        return head + f"按各行各列的合计关系只有一种拆法：{figures}，请核对"
    if how == "chosen":
        others = _shown(split, [c for c in alternatives if c != cut])
        return (
            head
            + f"有 {len(alternatives)} 种拆法符合合计关系，按正文中的数字选定 {figures}（其他：{others}），请核对"
        )
    return head + f"按所选拆为 {figures}"
