"""JSON read strictly and written exactly: the one way reportdesk turns JSON text into values and back.

Reading (:func:`parse`) takes numbers with a fraction or exponent as ``Decimal`` (never ``float``)
and refuses, with a Chinese message saying what, what the standard library would accept silently or
crash on: a key given twice in one object (the last would win), ``NaN``/``Infinity`` (not JSON),
an integer of absurd length (Python refuses more than 4,300 digits with an English error), nesting
deeper than any report (100,000 ``[`` overflow the parser's stack) and a lone UTF-16 surrogate
(``"\\ud800"``: valid JSON, but no file can be written with it).

Writing (:func:`dump`) emits every ``Decimal`` as its own digits, as a JSON number. There is no
marker string standing for a number, so no text a person types can turn into one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

MAX_DEPTH = 64
MAX_INT_DIGITS = 100
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class JsonProblem(ValueError):
    """JSON text that is refused; ``str()`` says why, in Chinese."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise JsonProblem(
                f"键“{_shown(key)}”在同一个对象中出现了两次（{_short(out[key])} 和 {_short(value)}），"
                "无法确定以哪个为准，请删去其中一个"
            )
        out[key] = value
    return out


def _int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise JsonProblem(f"文件中有一个 {digits} 位的整数，不是报告中可能出现的数字")
    return int(text)


def _constant(name: str) -> Any:
    raise JsonProblem(f"“{name}”不是 JSON 中允许的数值")


def _shown(text: str) -> str:
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text[:60])


def _short(value: Any) -> str:
    if isinstance(value, str):
        return f"“{_shown(value)}”"
    if isinstance(value, dict):
        return "一个对象"
    if isinstance(value, list):
        return "一个列表"
    return "null" if value is None else str(value)[:60]


def _walk(value: Any) -> Iterator[tuple[Any, int, str]]:
    """Every value with its depth and where it is (``cells.t3.new.natural``), without recursion."""
    stack: list[tuple[Any, int, str]] = [(value, 1, "")]
    while stack:
        item, depth, where = stack.pop()
        yield item, depth, where
        if isinstance(item, dict):
            for k, v in item.items():
                stack.append((k, depth, where))
                stack.append((v, depth + 1, f"{where}.{k}" if where else k))
        elif isinstance(item, list):
            stack.extend((v, depth + 1, f"{where}[{i}]") for i, v in enumerate(item))


def check_value(value: Any) -> None:
    """Raise :class:`JsonProblem` for nesting deeper than :data:`MAX_DEPTH` or a lone surrogate."""
    for item, depth, where in _walk(value):
        if depth > MAX_DEPTH:
            raise JsonProblem(f"嵌套层数超过 {MAX_DEPTH} 层（{_shown(where)}），不是一份报告")
        if isinstance(item, str) and _SURROGATE.search(item):
            place = f"（{_shown(where)}）" if where else ""
            raise JsonProblem(f"文字中有无效的字符{place}：孤立的 UTF-16 代理项，无法保存为 UTF-8，请删去")


def parse(text: str) -> Any:
    """Parse JSON strictly (see the module's description); :class:`JsonProblem` says why not."""
    try:
        value = json.loads(
            text,
            parse_float=Decimal,
            parse_int=_int,
            parse_constant=_constant,
            object_pairs_hook=_pairs,
        )
    except JsonProblem:
        raise
    except json.JSONDecodeError as e:
        raise JsonProblem(
            f"不是有效的 JSON（第 {e.lineno} 行第 {e.colno} 列：{_decode_reason(e.msg)}）"
        ) from e
    except RecursionError as e:
        raise JsonProblem(f"嵌套层数过多（超过 {MAX_DEPTH} 层），不是一份报告") from e
    except ValueError as e:  # what the json module raises beyond JSONDecodeError
        raise JsonProblem("不是有效的 JSON") from e
    check_value(value)
    return value


_REASONS = (
    ("Expecting value", "此处应为一个值"),
    ("Expecting property name enclosed in double quotes", "此处应为用双引号括起的键名"),
    ("Expecting ',' delimiter", "此处缺少逗号"),
    ("Expecting ':' delimiter", "此处缺少冒号"),
    ("Unterminated string starting at", "字符串没有结束的引号"),
    ("Invalid control character at", "字符串中有未转义的控制字符"),
    ("Invalid \\escape", "无效的转义符"),
    ("Invalid \\uXXXX escape", "无效的 \\u 转义"),
    ("Extra data", "JSON 内容结束后还有多余的内容"),
    ("Illegal trailing comma before end of object", "对象末尾多了一个逗号"),
    ("Illegal trailing comma before end of array", "列表末尾多了一个逗号"),
)


def _decode_reason(msg: str) -> str:
    """The json module's English reason in Chinese."""
    for english, chinese in _REASONS:
        if msg.startswith(english):
            return chinese
    return "格式错误"


def _decimal(value: Decimal) -> str:
    if not value.is_finite():
        raise JsonProblem(f"“{value}”不是 JSON 中允许的数值")
    text = str(value)
    # An integral Decimal would read back as an int: an exponent keeps it a Decimal.
    return text if any(c in text for c in ".eE") else text + "E0"


def _string(text: str) -> str:
    out = json.dumps(text, ensure_ascii=False)
    if _SURROGATE.search(out):  # never left raw: UTF-8 cannot carry it
        out = _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", out)
    return out


def dump(value: Any, indent: int | None = None) -> str:
    """JSON text of ``value``; every Decimal is written as its exact digits.

    With ``indent`` the layout is that of ``json.dumps(indent=…)``; without, it is compact
    (no spaces). Non-ASCII text is written as is.
    """
    parts: list[str] = []
    _emit(value, indent, 0, parts)
    return "".join(parts)


def _emit(value: Any, indent: int | None, level: int, out: list[str]) -> None:
    if level > MAX_DEPTH + 8:
        raise JsonProblem(f"嵌套层数超过 {MAX_DEPTH} 层，无法写出")
    if isinstance(value, str):
        out.append(_string(value))
    elif value is None or isinstance(value, bool | int):
        out.append(json.dumps(value))
    elif isinstance(value, Decimal):
        out.append(_decimal(value))
    elif isinstance(value, float):
        out.append(_decimal(Decimal(repr(value))))
    elif isinstance(value, dict):
        items: list[tuple[str | None, Any]] = [(_string(str(k)), v) for k, v in value.items()]
        _container("{", "}", items, indent, level, out)
    elif isinstance(value, list | tuple):
        _container("[", "]", [(None, v) for v in value], indent, level, out)
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _container(
    open_: str,
    close: str,
    items: list[tuple[str | None, Any]],
    indent: int | None,
    level: int,
    out: list[str],
) -> None:
    if not items:
        out.append(open_ + close)
        return
    inner = "" if indent is None else "\n" + " " * (indent * (level + 1))
    colon = ":" if indent is None else ": "
    out.append(open_)
    for i, (key, v) in enumerate(items):
        out.append(("," if i else "") + inner)
        if key is not None:
            out.append(key + colon)
        _emit(v, indent, level + 1, out)
    out.append("" if indent is None else "\n" + " " * (indent * level))
    out.append(close)
