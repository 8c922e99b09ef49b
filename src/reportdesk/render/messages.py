"""jinja2's English reasons, said in Chinese for the officer who restyled a template."""

from __future__ import annotations

import re

from jinja2 import TemplateError, UndefinedError
from jinja2.exceptions import SecurityError

_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "模板结尾",
    "name": "名称",
    "end of comment": "#}",
}


def _token(text: str) -> str:
    return _TOKENS.get(text, text)


_SYNTAX: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"unexpected end of template", re.I),
        "模板在结束前缺少结束标记（如 }}、%}、{% endfor %} 或 {% endif %}）",
    ),
    (
        re.compile(r"expected token '(.+?)', got '(.+?)'"),
        "此处应为“{0}”，实为“{1}”（可能有未闭合的 {{{{ 或 {{%）",
    ),
    (re.compile(r"unexpected '(.+?)'"), "此处出现了不应有的“{0}”"),
    (re.compile(r"unexpected char '(.+?)'"), "无法识别的字符“{0}”"),
    (re.compile(r"Encountered unknown tag '(.+?)'"), "未知的标签“{0}”"),
    (re.compile(r"tag name expected"), "{% 之后缺少标签名"),
    (re.compile(r"expected name or number"), "此处应为名称或数字"),
    (re.compile(r"unexpected end of comment|Missing end of comment tag"), "注释 {# 没有结束的 #}"),
    (re.compile(r"unexpected end of (print|statement|block)"), "缺少结束标记 }} 或 %}"),
)


def syntax_reason(message: str) -> str:
    """A template syntax error's reason in Chinese."""
    for pattern, chinese in _SYNTAX:
        m = pattern.search(message)
        if m:
            return chinese.format(*(_token(g) for g in m.groups())) if m.groups() else chinese
    return "模板中的占位符或标签写法有误（请对照内置模板检查 {{ }} 和 {% %} 是否成对）"


_ATTRIBUTE = re.compile(r"attribute '(.+?)'")
_UNDEFINED = re.compile(r"'(.+?)' is undefined")


def render_reason(e: TemplateError | Exception) -> str:
    """Why rendering a template failed, in Chinese."""
    text = str(e)
    if type(e).__name__ == "Refused":  # the bounded sandbox's own reasons are Chinese already
        return text
    if isinstance(e, SecurityError):
        m = _ATTRIBUTE.search(text)
        what = f"“{m[1]}”" if m else ""
        return f"模板试图访问不允许的内容{what}（模板只能打印报告中的值）"
    if isinstance(e, UndefinedError):
        m = _UNDEFINED.search(text)
        return f"模板用到了报告中没有的名称“{m[1]}”" if m else "模板用到了报告中没有的值"
    return "模板中的计算或过滤器无法完成"
