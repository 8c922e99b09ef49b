"""TXT-YEAR: a year in the narrative that does not fit the report year Y.

The usual cause is text carried over from last year's report ("2022年，我局…" in the 2023
report). Allowed, besides Y:

- Y-1 where the words around it compare or refer back (较2022年, 与2022年相比, 同比, 上年, 去年,
  2022年度结转 …), and in section 五 also where it speaks of last year's problems (问题/整改/报告),
  which 五 must cover;
- Y+1 in section 五, which states next year's plans;
- an earlier year that starts a period ("2021年以来", "自2019年5月起");
- years inside document numbers 〔2021〕/[2021], titles 《…》 and ranges ("2021—2025年").

One finding per year and part, however often the year occurs there.
"""

from __future__ import annotations

import re

from reportdesk.checks.findings import Finding, make
from reportdesk.checks.text_common import Spans, part_name, quote
from reportdesk.form import Form
from reportdesk.report import Report

CODE = "TXT-YEAR"
PLANS_SECTION = "s5"

# Text that never holds a year of the narrative: document numbers, titles.
_MASKED = re.compile(r"〔[^〔〕\n]{0,30}〕|\[[^\[\]\n]{0,30}\]|【[^【】\n]{0,30}】|《[^《》\n]{0,80}》")
_RANGE = re.compile(r"(?:19|20)\d{2}\s*年?\s*(?:[-—–~\uff5e至到]|——)\s*(?:19|20)\d{2}\s*年")
# No lookbehind at the start: re then scans for the first digit quickly (checked in code instead).
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}年")
_CN_NUMERALS = "〇零一二三四五六七八九"
_CN_DIGITS = str.maketrans(_CN_NUMERALS, "00123456789")

_COMPARE_NEAR = re.compile(r"上一?年|去年|同比|同期|环比")
_COMPARE_BEFORE = re.compile(r"(?:较|比|与|和|对比|相比)\s*$")
_COMPARE_AFTER = re.compile(r"^度?(?:相比|比较|对比|同期|结转)")
_LAST_YEARS_PROBLEMS = re.compile(r"问题|整改|报告|年报")
_SINCE_AFTER = re.compile(r"^度?(?:以来|至今)")
# "自2019年5月起施行" starts a period; "自2022年1月1日起至…止" is a statistics period, not a start.
_SINCE_FROM = re.compile(r"^[度\d月日份底初末中]*(?:起(?![至到])|以来|开始|至今)")


def _mask(text: str) -> str:
    """The text with titles, document numbers and year ranges blanked out (same length)."""
    for pattern in (_MASKED, _RANGE):
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def _years(text: str) -> list[re.Match[str]]:
    """Every "2023年" and "二〇二三年" not inside a longer number, in text order."""
    found = [m for m in _YEAR.finditer(text) if not text[m.start() - 1 : m.start()].isdecimal()]
    if "\u3007" in text or "零" in text:  # U+3007 or 零: in every year 2000-2099 in numerals
        found += [
            m for m in _CN_YEAR.finditer(text) if m.start() == 0 or text[m.start() - 1] not in _CN_NUMERALS
        ]
        found.sort(key=lambda m: m.start())
    return found


def _allowed(year: int, report_year: int, key: str, before: str, after: str) -> bool:
    if year == report_year:
        return True
    in_plans = key.split(".", 1)[0] == PLANS_SECTION
    if year == report_year + 1:
        return in_plans
    if year > report_year:
        return False
    if _SINCE_AFTER.match(after) or (re.search(r"[自从]", before[-3:]) and _SINCE_FROM.match(after)):
        return True
    if year == report_year - 1:
        if (
            _COMPARE_NEAR.search(before + after)
            or _COMPARE_BEFORE.search(before)
            or _COMPARE_AFTER.match(after)
        ):
            return True
        return in_plans and bool(_LAST_YEARS_PROBLEMS.search(before + after))
    return False


def text_year_findings(form: Form, report: Report, key: str, text: str) -> list[Finding]:
    """TXT-YEAR findings for one text part: ``key``, its ``text`` already normalised."""
    original = report.text(key)
    text = _mask(text)
    spans: Spans | None = None
    seen: dict[int, list[tuple[int, int]]] = {}
    for m in _years(text):
        year = int(m.group()[:4].translate(_CN_DIGITS))
        if not 1900 <= year <= 2099:
            continue
        before, after = text[max(0, m.start() - 8) : m.start()], text[m.end() : m.end() + 10]
        if _allowed(year, report.year, key, before, after):
            continue
        spans = spans or Spans(text)
        start, end = spans.clause(m.start())[0], spans.sentence(m.start())[1]
        seen.setdefault(year, []).append((start, min(end, start + 30)))
    out = []
    for year, places in seen.items():
        start, end = places[0]
        q = quote(original, start, end)
        times = f"{len(places)} 处，如" if len(places) > 1 else ""
        if year == report.year - 1:
            hint = "如是与上年比较，请写明“较上年”“比上年”等；否则请核对是否沿用了上年报告的文字。"
        elif year == report.year + 1:
            hint = "下一年的工作安排请写在第五部分；其他地方请核对年份。"
        else:
            hint = "请核对年份，是否沿用了往年报告的文字。"
        out.append(
            make(
                form,
                CODE,
                f"{part_name(form, key)} 中出现“{year}年”（{times}“{q}”），而本报告是 {report.year} 年度报告。{hint}",
                texts=(key,),
                expected=str(report.year),
                actual=str(year),
                about=f"{year}年",
            )
        )
    return out
