"""COPY: a narrative part mostly the same as last year's same part (内容雷同).

The 2021 notice (国办公开办函〔2021〕30号) names 内容雷同 as a ground for accountability. A part is
compared with the same part of last year's report after dropping everything but Chinese characters
and Latin letters (digits, years, spaces and punctuation change every year without the text being
new). The measure is containment: the share of this year's character 3-grams that already occur
in last year's part. It is linear in the text length (sets of 3-grams, no alignment), so a
20,000-character part costs a few milliseconds, and it catches a part copied with a few words
changed, reordered, or cut down from a longer one.

Not compared:
- parts with fewer than ``MIN_CHARS`` significant characters: a short sentence ("本年度无其他需要报告
  的事项") may legitimately repeat;
- section 六 and the opening paragraph: both are formulaic by nature (the 信息处理费 statement
  under 国办函〔2020〕109号, the legal basis and the contact address) and are expected to read the
  same every year.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportdesk.checks.findings import Finding, make
from reportdesk.checks.text_common import part_name
from reportdesk.form import Form
from reportdesk.report import Report

CODE = "COPY"
EXEMPT = frozenset({"s6"})
MIN_CHARS = 40
THRESHOLD = 0.8
GRAM = 3

_INSIGNIFICANT = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fffA-Za-z]+")


def significant(text: str) -> str:
    """The characters that carry the content: Chinese characters and Latin letters."""
    return _INSIGNIFICANT.sub("", text)


@lru_cache(maxsize=64)
def _grams(text: str) -> frozenset[str]:
    # Cached: last year's texts never change and this year's change one part at a time.
    return frozenset(text[i : i + GRAM] for i in range(len(text) - GRAM + 1))


def _share(now_text: str, then_text: str) -> float:
    """Share of the 3-grams of ``now_text`` that occur in ``then_text`` (both significant characters)."""
    now = _grams(now_text)
    if not now:
        return 0.0
    return len(now & _grams(then_text)) / len(now)


def copy_findings(form: Form, report: Report, previous: Report) -> list[Finding]:
    """COPY findings: one per part that repeats last year's same part."""
    out = []
    for key in form.text_keys:
        if key in EXEMPT:
            continue
        current, last = significant(report.text(key)), previous.text(key)
        if len(current) < MIN_CHARS or not last.strip():
            continue
        share = _share(current, significant(last))
        if share < THRESHOLD:
            continue
        percent = int(share * 100)
        out.append(
            make(
                form,
                CODE,
                f"{part_name(form, key)} 与上年报告的同一部分基本相同（约 {percent}% 的文字上年已写过）。"
                f"年度报告应反映本年的工作，不得内容雷同（国办公开办函〔2021〕30号），请按本年实际情况改写。",
                texts=(key,),
                actual=f"{percent}%",
            )
        )
    return out
