"""The ``reportdesk`` command line. Each group of commands lives in its own module with a
``register(subparsers)`` function; this module only wires them together."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from reportdesk import __version__

# Modules that add subcommands (each has ``register(subparsers)``).
COMMAND_MODULES = (
    "reportdesk.commands",
    "reportdesk.store.commands",
    "reportdesk.render.commands",
    "reportdesk.workbook.commands",
    "reportdesk.commands_aggregate",
    "reportdesk.importers.commands",
)


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its few fixed phrases in Chinese, exiting 2 on a usage error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        message = (
            message.replace("the following arguments are required", "缺少参数")
            .replace("unrecognized arguments", "无法识别的参数")
            .replace("invalid choice", "无效的选项")
            .replace("expected one argument", "需要一个值")
            .replace("invalid int value", "不是整数")
        )
        self.exit(2, f"reportdesk: 错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="reportdesk",
        description="政府信息公开工作年度报告：填写、校验、生成（2021 年格式）。不带命令时打开窗口。",
    )
    # Options of the window (``reportdesk`` with no command); dest names keep clear of the
    # subcommands' own ``--db``.
    parser.add_argument("--db", dest="gui_db", metavar="PATH", help="草稿数据库文件（默认在用户数据文件夹）")
    parser.add_argument(
        "--screenshots", metavar="DIR", help="打开窗口，依次访问每一页并各存一张 PNG 到 DIR，然后退出"
    )
    parser.add_argument(
        "--report", type=int, metavar="ID", help="打开编号为 ID 的报告（与 --screenshots 一起用时截这份报告）"
    )
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="自检：载入表格格式，校验并生成示例报告，打开并关闭主窗口；全部正常时退出码为 0",
    )
    parser.add_argument("--version", action="version", version=f"reportdesk {__version__}", help="显示版本号")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    func = getattr(args, "func", None)
    if args.selftest:
        if func is not None:
            parser.error("--selftest 不能与命令一起使用")
        from reportdesk.selftest import run

        return run(sys.stdout, sys.stderr)
    if func is None:
        return start_window(args)
    try:
        code: int = func(args)
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as other command-line tools do.
        sys.stderr.close()
        return 0
    return code


def start_window(args: argparse.Namespace) -> int:
    """The desktop application; Qt is imported only now, so commands start without it."""
    try:
        from reportdesk.ui.app import main as window_main
    except ImportError as e:
        print(
            f"reportdesk: 无法启动窗口（缺少图形界面组件：{e}）。命令行功能仍可使用，见 reportdesk --help。",
            file=sys.stderr,
        )
        return 2
    code: int = window_main(db=args.gui_db, screenshots=args.screenshots, report=args.report)
    return code
