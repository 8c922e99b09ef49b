"""argparse in Chinese: its fixed phrases (用法, 选项, 缺少参数, 无效的选项 …), the help of ``-h``,
and the placeholders of the options (PATH → 路径, REPORT.json → 报告.json). What the officer types
— commands, options, the values offered — stays as typed."""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from typing import Any, NoReturn

# argparse's own phrases, as it prints them (Python 3.11–3.13).
PHRASES = (
    ("usage: ", "用法："),
    ("positional arguments:", "参数："),
    ("optional arguments:", "选项："),
    ("options:", "选项："),
)
ERRORS = (
    (re.compile(r"argument (\S+?): "), r"参数 \1："),
    (re.compile(r"invalid choice: '?([^'(]*?)'? \(choose from (.*)\)"), None),  # see _choices
    (re.compile(r"the following arguments are required: "), "缺少参数："),
    (re.compile(r"unrecognized arguments: "), "无法识别的参数："),
    (re.compile(r"expected one argument"), "这里需要一个值"),
    (re.compile(r"expected at least one argument"), "这里至少需要一个值"),
    (re.compile(r"invalid int value: '?([^']*)'?"), r"“\1”不是整数"),
    (re.compile(r"invalid (\w+) value: '?([^']*)'?"), r"“\2”的格式不对"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), r"选项 \1 不明确，可能是 \2"),
    (re.compile(r"not allowed with argument (\S+)"), r"不能与 \1 同时使用"),
    (re.compile(r"one of the arguments (.*) is required"), r"\1 必须给出其中一个"),
)
# The placeholders of options, word by word (REPORT.json → 报告.json).
METAVARS = {
    "PATH": "路径",
    "DIR": "文件夹",
    "ID": "编号",
    "FILE": "文件",
    "NAME": "名称",
    "KEY": "键",
    "VALUE": "值",
    "REV": "版本号",
    "YEAR": "年度",
    "REGION": "地区",
    "AGENCY": "机关",
    "WEBSITE": "网站",
    "INPUT": "输入",
    "OUT": "输出",
    "REPORT": "报告",
    "LAST": "上年报告",
    "SIGN": "审核单",
    "TOTAL": "汇总",
    "BODIES": "机关名单",
    "URL": "地址",
    "PREFIX": "前缀",
    "TO_YEAR": "年度",
    "GOVERNMENT": "本级政府",
}
HELP = "显示本帮助并退出"


def _choices(match: re.Match[str]) -> str:
    offered = "、".join(c.strip(" '") for c in match.group(2).split(","))
    return f"无效的选项“{match.group(1)}”（可选：{offered}）"


def chinese_message(message: str) -> str:
    """One of argparse's error messages in Chinese."""
    for pattern, replacement in ERRORS:
        message = pattern.sub(_choices if replacement is None else replacement, message)
    return message


def chinese_text(text: str) -> str:
    """A usage or help text with argparse's own headings in Chinese."""
    for english, chinese in PHRASES:
        text = text.replace(english, chinese)
    return text


def chinese_metavar(metavar: str) -> str:
    """PATH → 路径, REPORT.json → 报告.json; anything else as it is."""
    return re.sub(r"\b[A-Z]{2,}\b", lambda m: METAVARS.get(m.group(0), m.group(0)), metavar)


def display_width(text: str) -> int:
    """Columns a text takes in a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class _Aligned:
    """Mixed into argparse's formatters: argparse pads an option by its length in characters, so
    a Chinese placeholder (``--db 路径``) pushed its help text out of line."""

    def _format_action(self, action: argparse.Action) -> str:
        text: str = super()._format_action(action)  # type: ignore[misc]
        invocation: str = self._format_action_invocation(action)  # type: ignore[attr-defined]
        extra = display_width(invocation) - len(invocation)
        first, newline, rest = text.partition("\n")
        start = first.find(invocation)
        if extra <= 0 or start < 0:
            return text
        head, after = first[: start + len(invocation)], first[start + len(invocation) :]
        pad = len(after) - len(after.lstrip(" "))
        if not after.strip():
            return text  # the help is on the next line already
        if pad - extra >= 2:
            return head + after[extra:] + newline + rest
        # Wider than argparse thought: the help moves to the next line, in its column.
        return head + "\n" + " " * (len(head) + pad) + after.lstrip(" ") + newline + rest


_FORMATTERS: dict[type[Any], type[Any]] = {}


def _aligned(formatter: type[Any]) -> type[Any]:
    if formatter not in _FORMATTERS:
        _FORMATTERS[formatter] = type(f"Aligned{formatter.__name__}", (_Aligned, formatter), {})
    return _FORMATTERS[formatter]


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its fixed phrases in Chinese, exiting 2 on a usage error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["formatter_class"] = _aligned(kwargs.get("formatter_class", argparse.HelpFormatter))
        super().__init__(*args, **kwargs)
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = HELP

    def format_usage(self) -> str:
        return chinese_text(super().format_usage())

    def format_help(self) -> str:
        return chinese_text(super().format_help())

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"reportdesk: 错误：{chinese_message(message)}\n")


def translate_metavars(parser: argparse.ArgumentParser) -> None:
    """Every option placeholder of ``parser`` and its subcommands in Chinese."""
    for action in parser._actions:
        named = METAVARS.get(action.dest.upper())
        if action.metavar is None and action.option_strings and action.nargs != 0 and not action.choices:
            action.metavar = action.dest.upper()  # what argparse would show, then in Chinese
        elif isinstance(action.metavar, str) and len(action.metavar) == 1 and named:
            action.metavar = named  # a letter (--region R) says less than the word
        if isinstance(action.metavar, str):
            action.metavar = chinese_metavar(action.metavar)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                translate_metavars(sub)
