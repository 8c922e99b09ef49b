"""Reading figures out of the narrative for TXT-NUM: each reader turns one kind of phrase into claims.

Only clearly patterned phrases are read ("共收到42条依申请公开申请", "答复3050件", "上年度结转申请34件",
"103件顺延到下年度", "未收到政府信息公开申请"; the result categories in
:mod:`reportdesk.checks.text_claims_results`, table 四 in :mod:`reportdesk.checks.text_claims_t4`,
changes against last year in :mod:`reportdesk.checks.text_claims_relative`), because real reports are full of other figures (信息条数,
新闻发布会场次, 合格率) that must not be compared:

- a number counts only when a unit follows it directly (件, 条, 个 …), so a year ("2023年"), an
  amount ("12万件") or a duration ("3个工作日") is never read as a count;
- a phrase about something else (行政许可申请, 热线, 留言, 答复书; 复议/诉讼 for table 三) is skipped;
- outside （二）依申请公开 a table-三 phrase must mention 申请 in its sentence.

Speed: Python's ``re`` scans slowly for alternations of Chinese words, so no pattern is run over
a whole text. The keywords are found with ``str.find`` (fast, in C) and each pattern is matched
only at, or in a small window around, a keyword. Cost is linear in the text and small when the
keywords are rare, as they are in real reports.

Text is :func:`~reportdesk.checks.text_common.normalize`'d first (full-width digits, ％).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache

from reportdesk.checks.text_common import CLAUSE_END, Spans
from reportdesk.form import Form

REQUEST_PART = "s1.request"  # （二）依申请公开: every figure there is about applications

# Keys of the exchange format (a contract, like the text keys).
NEW = "t3.new.total"
CARRIED_IN = "t3.carried_in.total"
RESULTS = "t3.results_total.total"
CARRIED_OUT = "t3.carried_out.total"

B = CLAUSE_END
UNIT = r"\s*(?:件|条|份|宗|项|起|个(?!工作日|自然日|月|百分点|小时|季度))"
NUM = r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?!\.\d)"


def gap(n: int) -> str:
    """Up to ``n`` characters inside one clause, without digits except a year ("2023年度")."""
    return rf"(?:[^\d{B}]|\d{{4}}年度?){{0,{n}}}?"


RECEIVE_WORDS = ("收到", "受理", "新收", "接收", "接到")
_RECEIVE = re.compile(rf"(?<!不予)(?<!未)(?<!没有)(?:收到|受理|新收|接收|接到){gap(20)}{NUM}{UNIT}")
_RECEIVE_NONE = re.compile(rf"(?:(?<=未)|(?<=没有))(?:收到|受理|接到|接收)(?:过|到)?[^\d{B}]{{0,15}}?申请")
DONE_WORDS = ("办结", "答复")
_DONE = re.compile(rf"(?<!未)(?:办结|答复){gap(8)}{NUM}{UNIT}")
CARRY_WORDS = ("结转", "转结", "顺延", "转入", "延期")
_LAST_YEAR_BEFORE = re.compile(r"(?:(?:上一?|去)年度?|(?P<year>\d{4})年度?)的?$")
_CARRY_AFTER = re.compile(rf"(?:结转|转结){gap(8)}{NUM}{UNIT}")
_COUNT_BEFORE = re.compile(rf"{NUM}{UNIT}(?:申请)?$")
_TO_NEXT_YEAR = re.compile(r"(?:顺延|结转|转入|延期)(?:至|到|入)?(?:下一?年|次年|明年|(?P<year>\d{4})年)")
_TO_NEXT_YEAR_COUNT = re.compile(
    rf"(?:结转|顺延|转入)(?:至|到)?(?:下一?年度?|次年|明年)(?:继续)?(?:办理|答复)?{gap(8)}{NUM}{UNIT}"
)

OFF_TOPIC = re.compile(
    r"复议|诉讼|起诉|许可|审批|政务服务|热线|留言|来信|咨询|建议|提案|信访|举报|投诉|12345"
)
_ONE_OFFICE = re.compile(r"办公室|政府办|本级|代表")
_WHOLE_AREA = re.compile(r"全(?:省|市|区|县|旗|州|盟|镇|乡|街道)|各级|各部门|各单位|合计|共计")
_PART_OF_TOTAL = re.compile(r"其中|自然人|法人|企业|科研|公益|律师|法律服务")
_CARRY_WORD = re.compile(r"结转|顺延")
# Between the verb and the number: the figure is not a number of applications.
_NOT_A_COUNT = re.compile(r"书|函|材料|模板|时间|期限|平均|工作日|率|人次")


@dataclass(frozen=True)
class Target:
    """What a figure in the text should equal: any one of ``choices`` (each a sum of cells).

    ``label`` names what is claimed (收到, 予以公开 …); with the figure it tells findings apart.
    """

    choices: tuple[tuple[str, ...], ...]
    label: str = ""


@dataclass(frozen=True)
class Claim:
    """A figure read from the text: ``value`` at ``pos``, to compare with ``target``.

    ``start``/``end`` span the phrase. For a percentage ``percent_of`` holds the denominators it
    may be a share of (any one agreeing will do) and ``decimals`` the printed decimal places. A
    change against last year (``relative``: ``RATE`` in %, ``DIFFERENCE`` in 件) compares
    ``target`` in both years; ``sign`` is -1 for a fall.
    """

    pos: int
    start: int
    end: int
    value: Decimal
    target: Target
    percent_of: tuple[tuple[str, ...], ...] | None = None
    decimals: int = 0
    relative: str = ""
    sign: int = 1


@lru_cache(maxsize=8)
def _trigger_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # An alternation of plain words starts with a set of characters, which re scans for fast.
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


class Text:
    """One normalised text part being read, with what the readers ask about it.

    ``words`` are every keyword the readers look for; they are found once, in one scan.
    """

    def __init__(
        self, form: Form, text: str, key: str, year: int, words: tuple[str, ...], summed: bool = False
    ) -> None:
        self.form, self.text, self.key, self.year, self.summed = form, text, key, year, summed
        self._hits: dict[str, list[int]] = {}
        for m in _trigger_pattern(words).finditer(text):
            self._hits.setdefault(m.group(), []).append(m.start())

    @cached_property
    def spans(self) -> Spans:
        return Spans(self.text)

    def has(self, words: Iterable[str]) -> bool:
        """Whether any of ``words`` occurs."""
        return not self._hits.keys().isdisjoint(words)

    def hits(self, words: Iterable[str]) -> list[int]:
        """Positions of every occurrence of any of ``words`` (among those given at construction)."""
        return sorted(p for w in words for p in self._hits.get(w, ()))

    def clause(self, pos: int) -> str:
        start, end = self.spans.clause(pos)
        return self.text[start:end]

    def sentence(self, pos: int) -> str:
        start, end = self.spans.sentence(pos)
        return self.text[start:end]

    def about_applications(self, pos: int) -> bool:
        """Whether a table-三 phrase at ``pos`` is about applications for information."""
        return self.key == REQUEST_PART or "申请" in self.sentence(pos)

    def one_office(self, pos: int) -> bool:
        """Whether the clause before ``pos`` makes one office its subject in a report whose tables
        sum many bodies: "区政府办代表区政府受理…17件" in a district's report counts that office's
        own applications, a part of the table's figure — not checked ("全区受理…" is)."""
        if not self.summed:
            return False
        start = self.spans.clause(pos)[0]
        return bool(_ONE_OFFICE.search(self.text, start, pos)) and not _WHOLE_AREA.search(
            self.text, start, pos
        )


Reader = Callable[[Text], list[Claim]]


def claim_at(m: re.Match[str], target: Target, start: int | None = None) -> Claim:
    """The claim of a match whose number is in group ``num``."""
    value = Decimal(m.group("num").replace(",", ""))
    return Claim(m.start("num"), m.start() if start is None else start, m.end(), value, target)


def receive_claims(t: Text) -> list[Claim]:
    """Applications received, "收到/受理/新收 … N 件 … 申请" (一, or 一 + 二), and "未收到…申请" (0)."""
    target = Target(((NEW,), (NEW, CARRIED_IN)), "收到")
    out = []
    for p in t.hits(RECEIVE_WORDS):
        m = _RECEIVE.match(t.text, p)
        if m is not None:
            clause = t.clause(p)
            about = t.text[p : t.spans.clause(p)[1]]
            if (
                "申请" in about
                and ("公开" in about or t.key == REQUEST_PART)
                and not _NOT_A_COUNT.search(t.text, p, m.start("num"))
                and not OFF_TOPIC.search(clause)
                and not _PART_OF_TOTAL.search(clause)
                and not _CARRY_WORD.search(clause)
                and not t.one_office(p)
            ):
                out.append(claim_at(m, target))
            continue
        none = _RECEIVE_NONE.match(t.text, p)
        if none is not None:
            clause = t.clause(p)
            if (
                t.about_applications(p)
                and "公开" in clause
                and not OFF_TOPIC.search(clause)
                and not any(ch.isdecimal() for ch in clause)
            ):
                start = p - (2 if t.text[max(0, p - 2) : p] == "没有" else 1)
                out.append(Claim(p, start, none.end(), Decimal(0), target))
    return out


def done_claims(t: Text) -> list[Claim]:
    """Applications answered, "办结/答复 N 件": （七）总计."""
    target = Target(((RESULTS,),), "办结")
    out = []
    for p in t.hits(DONE_WORDS):
        m = _DONE.match(t.text, p)
        if m is None:
            continue
        # What was answered is often named before the comma ("收到群众留言300条，答复300条").
        before = t.text[t.spans.sentence(p)[0] : m.end()]
        if (
            t.about_applications(p)
            and not OFF_TOPIC.search(before)
            and not _NOT_A_COUNT.search(t.text, p, m.start("num"))
            and not _PART_OF_TOTAL.search(t.clause(p))
            and not t.one_office(p)
        ):
            out.append(claim_at(m, target))
    return out


def carry_claims(t: Text) -> list[Claim]:
    """Carried over: "上年度结转…N件" (二); "N件顺延到下年度", "结转下年度…N件" (四)."""
    out = []
    for p in t.hits(CARRY_WORDS):
        if OFF_TOPIC.search(t.clause(p)) or not t.about_applications(p):
            continue
        last = _LAST_YEAR_BEFORE.search(t.text, max(0, p - 8), p)
        if last is not None and (last.group("year") is None or int(last.group("year")) == t.year - 1):
            m = _CARRY_AFTER.match(t.text, p)
            if m is not None:
                out.append(claim_at(m, Target(((CARRIED_IN,),), "上年结转"), last.start()))
            continue
        to_next = _TO_NEXT_YEAR.match(t.text, p)
        count = _COUNT_BEFORE.search(t.text, max(0, p - 16), p)
        if to_next is not None and count is not None:
            if to_next.group("year") is None or int(to_next.group("year")) == t.year + 1:
                out.append(
                    Claim(
                        count.start("num"),
                        count.start(),
                        to_next.end(),
                        Decimal(count.group("num").replace(",", "")),
                        Target(((CARRIED_OUT,),), "结转下年"),
                    )
                )
            continue
        m = _TO_NEXT_YEAR_COUNT.match(t.text, p)
        if m is not None:
            out.append(claim_at(m, Target(((CARRIED_OUT,),), "结转下年")))
    return out
