"""Page furniture in text taken from pages: running headers and footers, a draft mark.

A PDF (or text saved from one) repeats its page header and footer on every page — an agency's
name, "草稿 仅供内部审阅，不得公开发布" in reportdesk's own drafts — and extraction puts them into the
running text, where they would end up in the narrative. A line that stands among the first or
last lines of at least half of the pages (two at least) is taken for furniture and left out, and
so is reportdesk's draft mark wherever it stands. Page numbers are :func:`strip_page_marker`'s.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reportdesk.importers.normalize import label_key

# reportdesk's own draft mark (render.layout.DRAFT_MARK; a test keeps the two in step)
DRAFT_MARK = "草稿\u3000仅供内部审阅，不得公开发布"
_ZONE = 2  # lines at the top and at the bottom of a page where headers and footers stand
_MIN_KEY = 4
_DIGITS = re.compile(r"\d+")


def furniture_key(text: str) -> str:
    """What a header or footer line says, page numbers left out."""
    return _DIGITS.sub("", label_key(text))


def is_draft_mark(text: str) -> bool:
    """Whether a line is reportdesk's draft mark."""
    return bool(text.strip()) and label_key(text) == label_key(DRAFT_MARK)


def running_keys(pages: Sequence[Sequence[str]]) -> set[str]:
    """Keys of the lines repeated at the top or bottom of at least half of the pages (two at least)."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        filled = [t for t in lines if t.strip()]
        zone = {furniture_key(t) for t in filled[:_ZONE] + filled[-_ZONE:]}
        seen.update(k for k in zone if len(k) >= _MIN_KEY)
    need = max(2, (len(pages) + 1) // 2)
    return {k for k, n in seen.items() if n >= need}


def furniture_lines(pages: Sequence[Sequence[str]]) -> set[tuple[int, int]]:
    """(page, line) of every header, footer and draft mark line, by index."""
    keys = running_keys(pages)
    out = set()
    for p, lines in enumerate(pages):
        filled = [i for i, t in enumerate(lines) if t.strip()]
        zone = set(filled[:_ZONE] + filled[-_ZONE:])
        for i, text in enumerate(lines):
            if is_draft_mark(text) or (i in zone and furniture_key(text) in keys):
                out.add((p, i))
    return out


def furniture_note(dropped: Sequence[str]) -> str | None:
    """The import report's note on the header and footer lines left out, or None."""
    if not dropped:
        return None
    shown = "、".join(f"「{t.strip()}」" for t in dict.fromkeys(dropped))
    return f"每页的页眉、页脚 {shown} 不属于正文，未导入（共 {len(dropped)} 处）"
