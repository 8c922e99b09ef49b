"""Reading changes against last year: "共收到42条申请，同比增长20%", "予以公开12件，较上年减少4件".

A change refers to the figure read just before it in the same sentence (a count, not a share); it is
compared with the same cells of last year's report, and only when that report is given (without it
the change is not checked). "提高5个百分点" and changes of a rate are never read: percentage points
and rates of rates are too easily meant several ways.
"""

from __future__ import annotations

import re
from decimal import Decimal

from reportdesk.checks.text_claims import B, Claim, Text

RATE, DIFFERENCE = "rate", "difference"
RELATIVE_WORDS = ("同比", "上年", "去年", "上一年")
_RELATIVE = re.compile(
    r"(?:同比|(?:较|比|与)(?:上一?年度?|去年)(?:同期)?(?:相比)?)[，,]?"
    r"(?P<dir>增长|增加|上升|提高|下降|减少|降低|回落)了?约?"
    rf"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|件|条)(?![^{B}]{{0,2}}百分点)"
)
_FALL = ("下降", "减少", "降低", "回落")


def relative_claims(t: Text, read: list[Claim]) -> list[Claim]:
    """Changes against last year, each on the count read just before it in its sentence."""
    out = []
    counts = [c for c in read if c.percent_of is None and not c.relative]
    for p in t.hits(RELATIVE_WORDS):
        m = next((m for q in (p - 1, p) if q >= 0 and (m := _RELATIVE.match(t.text, q))), None)
        if m is None:
            continue
        sentence_start = t.spans.sentence(m.start())[0]
        base = next((c for c in reversed(counts) if sentence_start <= c.pos < m.start()), None)
        if base is None:
            continue
        raw = m.group("num")
        rate = m.group("unit") == "%"
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        if not rate and decimals:
            continue
        out.append(
            Claim(
                m.start("num"),
                m.start(),
                m.end(),
                Decimal(raw),
                base.target,
                decimals=decimals,
                relative=RATE if rate else DIFFERENCE,
                sign=-1 if m.group("dir") in _FALL else 1,
            )
        )
    return out
