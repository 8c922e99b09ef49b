"""Characters that hide themselves: bidirectional controls, zero-width characters and other
invisible ones, in texts and names the report prints.

A U+202E (right-to-left override) pasted from a web page reverses the text after it in the printed
page; a zero-width space inside "42" makes it "4​2", which no check reads as 42. None of them belongs
in an official report. :func:`remove_hidden` is the one function every entry point uses — the JSON
and workbook readers, the importers, typing in the window, ``reportdesk new`` and ``db set`` — so
they are removed where the text comes in, and :func:`hidden_message` says so in Chinese. A cell
value with one inside is refused instead (see :func:`reportdesk.values.parse_input`): a figure is
never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

_BIDI_NAMES = {
    0x200E: "从左向右标记",
    0x200F: "从右向左标记",
    0x061C: "阿拉伯字母标记",
    0x202A: "从左向右嵌入",
    0x202B: "从右向左嵌入",
    0x202C: "方向格式结束",
    0x202D: "从左向右覆盖",
    0x202E: "从右向左覆盖，会使后面的文字倒序显示",
    0x2066: "从左向右隔离",
    0x2067: "从右向左隔离",
    0x2068: "方向自动隔离",
    0x2069: "方向隔离结束",
}
_NAMES = {
    **_BIDI_NAMES,
    0x200B: "零宽空格",
    0x200C: "零宽不连字",
    0x200D: "零宽连接符",
    0x2060: "字连接符",
    0xFEFF: "零宽不换行空格",
    0x00AD: "软连字符",
    0x180E: "蒙古文元音分隔符",
}
# Unicode's control (Cc) and format (Cf) characters, but tab and the line breaks the paragraphs are
# made of; letters that print as nothing (Hangul fillers); variation selectors.
_HIDDEN = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
    "\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\U000e0100-\U000e01ef]"
)


def is_hidden(ch: str) -> bool:
    """Whether ``ch`` prints as nothing or changes how other characters print, unseen."""
    return _HIDDEN.match(ch) is not None


def has_hidden(text: str) -> bool:
    """Whether ``text`` holds any hidden character."""
    return _HIDDEN.search(text) is not None


def describe(ch: str) -> str:
    """A hidden character as the officer is told about it: “U+202E（从右向左覆盖…）”."""
    name = _NAMES.get(ord(ch)) or ("控制字符" if unicodedata.category(ch) == "Cc" else "不可见的格式字符")
    return f"U+{ord(ch):04X}（{name}）"


def remove_hidden(text: str) -> tuple[str, list[str]]:
    """``text`` without its hidden characters, and what was removed (each kind once, in order)."""
    removed = _HIDDEN.findall(text)
    if not removed:
        return text, []
    counts = Counter(removed)
    kinds = [f"{describe(ch)}{f' ×{counts[ch]}' if counts[ch] > 1 else ''}" for ch in dict.fromkeys(removed)]
    return _HIDDEN.sub("", text), kinds


def hidden_message(where: str, kinds: Iterable[str]) -> str:
    """The Chinese message for characters removed from ``where`` (“（一）主动公开”, “机关名称”)."""
    shown = list(kinds)
    return f"{where}中有看不见的字符，已删除：{'、'.join(shown)}。请核对这段文字是否完整。"


FIELD_NAMES = {"name": "机关名称", "region": "所属地区", "website": "网站地址"}


def visible_fields(values: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """A body's or agency's fields (``name``, ``region`` …) without hidden characters, and the
    message for each field one was removed from."""
    out, messages = {}, []
    for key, value in values.items():
        out[key], kinds = remove_hidden(value)
        if kinds:
            messages.append(hidden_message(FIELD_NAMES.get(key, key), kinds))
    return out, messages
