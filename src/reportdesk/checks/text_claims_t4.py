"""Reading table-四 figures out of the narrative: 行政复议 and 行政诉讼 counts and their results.

"政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件；政府信息公开
行政诉讼46件，其中结果维持25件…" (淮安 2024): a total follows 复议/诉讼 directly; a result count
("结果维持72件") belongs to the nearest 复议/诉讼 before it in the same sentence. 行政诉讼 is the sum
of 未经复议直接起诉 and 复议后起诉, which are also read on their own. "未发生…行政复议、…行政诉讼"
says both are 0. Outside （二）依申请公开 the sentence must mention 公开, so that a body's general
复议 work (a 司法局's, say) is not compared with the table.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from functools import lru_cache

from reportdesk.checks.text_claims import NUM, REQUEST_PART, UNIT, B, Claim, Target, Text, claim_at, gap

# Result columns of table 四, and the groups a 复议/诉讼 word stands for (keys of the exchange format).
_RESULTS = (("维持", "upheld"), ("纠正", "corrected"), ("其他结果", "other"), ("未审结", "pending"))
_NAMES = {"review": "行政复议", "suit": "行政诉讼", "direct": "直接起诉", "after": "复议后起诉"}
_COLUMN_NAMES = {
    "total": "",
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
}
_GROUPS = {
    "review": ("review",),
    "suit": ("suit_direct", "suit_after_review"),
    "direct": ("suit_direct",),
    "after": ("suit_after_review",),
}

_ANCHOR_WORDS = ("复议", "诉讼", "起诉")
_ANCHOR = re.compile(
    r"(?P<direct>(?:未经复议)?直接(?:向法院)?(?:提起)?(?:行政)?(?:起诉|诉讼))"
    r"|(?P<after>复议后(?:提起)?(?:行政)?(?:起诉|诉讼))|(?P<suit>(?:行政)?诉讼)|(?P<review>(?:行政)?复议)"
)
_ANCHOR_REACH = 14  # the longest anchor ("未经复议直接向法院提起行政诉讼") around one of its words
_TOTAL = re.compile(rf"(?P<gap>[^\d{B}]{{0,8}}?){NUM}{UNIT}")
_NOT_TOTAL = re.compile(r"复议|诉讼|起诉|维持|纠正|其他|审结|撤销|驳回|其中|决定|败诉|胜诉")
_RESULT_WORDS = tuple(w for w, _ in _RESULTS)
_RESULT = re.compile(
    "(?:" + "|".join(f"(?P<s{i}>{w})" for i, (w, _) in enumerate(_RESULTS)) + rf"){gap(4)}{NUM}{UNIT}"
)
# Not "未收到": its "收到" must stay visible to the receipt reader (keywords are found without overlap).
_NONE_WORDS = ("未发生", "未出现", "没有发生", "没有出现", "未有", "未被")
_NONE = re.compile(rf"(?:{'|'.join(_NONE_WORDS)})[^\d{B}]{{0,25}}")
_REVIEW_WORD = re.compile(r"复议(?!后)")
_SUIT_WORD = re.compile(r"诉讼|起诉")


T4_WORDS = (*_ANCHOR_WORDS, *_RESULT_WORDS, *_NONE_WORDS)


@lru_cache(maxsize=64)
def _target(group: str, column: str) -> Target:
    cells = tuple(f"t4.{g}.{column}" for g in _GROUPS[group])
    return Target((cells,), _NAMES[group] + _COLUMN_NAMES[column])


def _about_disclosure(t: Text, pos: int) -> bool:
    return t.key == REQUEST_PART or "公开" in t.sentence(pos)


def _anchors(t: Text) -> list[re.Match[str]]:
    """The 复议/诉讼 phrases, leftmost-longest and not overlapping, as one scan would find them."""
    found: dict[int, re.Match[str]] = {}
    for p in t.hits(_ANCHOR_WORDS):
        for m in _ANCHOR.finditer(t.text, max(0, p - _ANCHOR_REACH), p + _ANCHOR_REACH):
            found.setdefault(m.start(), m)
    out: list[re.Match[str]] = []
    for start in sorted(found):
        if not out or start >= out[-1].end():
            out.append(found[start])
    return out


def t4_claims(t: Text) -> list[Claim]:
    """Figures of table 四: totals after 复议/诉讼, their results, and "未发生…复议/诉讼"."""
    out = []
    anchors: list[tuple[int, int, str]] = []  # (end, sentence start, group)
    for m in _anchors(t):
        if not _about_disclosure(t, m.start()):
            continue
        group = m.lastgroup or "review"
        anchors.append((m.end(), t.spans.sentence(m.start())[0], group))
        total = _TOTAL.match(t.text, m.end())
        if total is not None and not _NOT_TOTAL.search(total.group("gap")):
            out.append(claim_at(total, _target(group, "total"), m.start()))
    ends = [a[0] for a in anchors]
    for p in t.hits(_RESULT_WORDS):
        result = _RESULT.match(t.text, p)
        if result is None:
            continue
        i = bisect_right(ends, p) - 1
        if i < 0 or anchors[i][1] != t.spans.sentence(p)[0]:
            continue  # no 复议/诉讼 earlier in this sentence
        column = next(col for j, (_, col) in enumerate(_RESULTS) if result.group(f"s{j}") is not None)
        out.append(claim_at(result, _target(anchors[i][2], column)))
    for p in t.hits(_NONE_WORDS):
        none = _NONE.match(t.text, p)
        if none is None or any(ch.isdecimal() for ch in t.clause(p)) or not _about_disclosure(t, p):
            continue
        for word, group in ((_REVIEW_WORD, "review"), (_SUIT_WORD, "suit")):
            w = word.search(none.group())
            if w is not None:
                target = _target(group, "total")
                out.append(Claim(p + w.start(), p, none.end(), Decimal(0), target))
    return out
