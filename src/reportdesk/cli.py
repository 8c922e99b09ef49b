"""The ``reportdesk`` command line. Each group of commands lives in its own module with a
``register(subparsers)`` function; this module only wires them together."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from reportdesk import __version__
from reportdesk.cli_chinese import ChineseArgumentParser, translate_metavars
from reportdesk.desktop import command_name, no_window_message, window_problem

# Modules that add subcommands (each has ``register(subparsers)``).
COMMAND_MODULES = (
    "reportdesk.commands",
    "reportdesk.store.commands",
    "reportdesk.render.commands",
    "reportdesk.publish.commands",
    "reportdesk.workbook.commands",
    "reportdesk.commands_aggregate",
    "reportdesk.importers.commands",
    "reportdesk.server.commands",
)


EXIT_CODES = """退出码：
  0  完成
  1  发现问题：报告有错误（或因错误而拒绝生成、汇总）
  2  无法读取输入文件或无法写入输出文件（提示中说明是哪个文件、什么原因）
  3  程序内部的意外错误（提示中给出日志文件的位置，请发给技术支持）"""


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog=command_name(sys.argv[0]),
        description="政府信息公开工作年度报告：填写、校验、生成（2021 年格式）。不带命令时打开窗口。",
        epilog="例如：%(prog)s check 报告.json；每个命令的用法：%(prog)s 命令 --help\n\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Options of the window (``reportdesk`` with no command); dest names keep clear of the
    # subcommands' own ``--db``.
    parser.add_argument(
        "--db",
        dest="gui_db",
        metavar="PATH",
        help="草稿数据库文件或共享数据库地址 postgresql://…（默认在用户数据文件夹）",
    )
    parser.add_argument(
        "--screenshots", metavar="DIR", help="打开窗口，依次访问每一页并各存一张 PNG 到这个文件夹，然后退出"
    )
    parser.add_argument(
        "--report", type=int, metavar="ID", help="打开这个编号的报告（与 --screenshots 一起用时截这份报告）"
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
    _add_consent(parser)
    translate_metavars(parser)
    return parser


REPLACE_READ_ONLY = "--replace-readonly"
# Options and commands that name a file the command writes.
_WRITES = {"-o", "--output", "--signoff", "--pdf"}
_WRITING_COMMANDS = {"backup"}


def _add_consent(parser: argparse.ArgumentParser, name: str = "") -> None:
    """``--replace-readonly`` on every command that writes a file: consent to replace a read-only one."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                _add_consent(sub, sub_name)
    options = {s for action in parser._actions for s in action.option_strings}
    if name and (options & _WRITES or name in _WRITING_COMMANDS) and REPLACE_READ_ONLY not in options:
        parser.add_argument(
            REPLACE_READ_ONLY,
            dest="replace_read_only",
            action="store_true",
            help="输出文件已存在且是只读的时，仍然替换它（替换后保持只读）",
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the process exit code (see :mod:`reportdesk.crashlog`)."""
    import os

    from reportdesk.crashlog import EXIT_CRASH, EXIT_INTERRUPTED, report_crash

    if os.environ.get("REPORTDESK_TEMPLATE_CHILD"):  # the bundle started again to run a template
        from reportdesk.render.sandbox import child_entry

        return child_entry()
    args_list = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    try:
        return _run(args_list)
    except KeyboardInterrupt:
        print("reportdesk: 已中断", file=sys.stderr)
        return EXIT_INTERRUPTED
    except SystemExit:
        raise
    except BrokenPipeError:
        return 0
    except BaseException as e:  # every unforeseen failure: a Chinese message, the traceback in a log
        code: int = report_crash(e, args_list)
        return code if code else EXIT_CRASH


# Options naming files or databases: bytes that are no UTF-8 are a valid name on Linux.
_PATH_OPTIONS = {"inputs", "db", "gui_db", "db_outer", "screenshots"}


def _undecodable(args: argparse.Namespace) -> str | None:
    """An option's text that holds bytes that are no UTF-8 (it could never be saved), shown escaped."""
    for name, value in vars(args).items():
        if name in _PATH_OPTIONS or not isinstance(value, str):
            continue
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")[:60]
    return None


def _output_errors(e: UnicodeError) -> tuple[str | bytes, int]:
    """Text that cannot be encoded: a file name's undecodable bytes written back as they were
    (as ``ls`` shows them), anything else escaped — never a crash."""
    if not isinstance(e, UnicodeEncodeError):
        raise e
    bad = e.object[e.start : e.end]
    if all("\udc80" <= ch <= "\udcff" for ch in bad):
        return bytes(ord(ch) - 0xDC00 for ch in bad), e.end
    return "".join(f"\\u{ord(ch):04x}" for ch in bad), e.end


def _tolerant_output() -> None:
    """Printing a name with bytes that are no UTF-8 (a file from a GBK USB stick) never fails."""
    codecs.register_error("reportdesk-output", _output_errors)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="reportdesk-output")


def _run(args_list: list[str]) -> int:
    from reportdesk.files import CONSENT_HINT, consent_to_replace_read_only

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
    bad = _undecodable(args)
    if bad is not None:
        print(
            f"reportdesk: 参数“{bad}”中有无法识别的字符（不是 UTF-8 编码的文字，\\x 处），请重新输入",
            file=sys.stderr,
        )
        return 2
    CONSENT_HINT.set(f"如确要替换（替换后仍保持只读），请加 {REPLACE_READ_ONLY}")
    try:
        with consent_to_replace_read_only(bool(getattr(args, "replace_read_only", False))):
            code: int = func(args)
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as other command-line tools do.
        sys.stderr.close()
        return 0
    return code


def start_window(args: argparse.Namespace) -> int:
    """The desktop application; Qt is imported only now, so commands start without it.

    A Linux session without a display is told so in Chinese before Qt would abort the process.
    """
    command = command_name(sys.argv[0])
    problem = window_problem(os.environ, sys.platform)
    if problem is not None:
        print(no_window_message(problem, command), file=sys.stderr)
        return 2
    try:
        from reportdesk.ui.app import main as window_main
    except ImportError as e:
        print(
            f"{command}：无法启动窗口（缺少图形界面组件 {e.name or 'PySide6'}）。命令行功能仍可使用，见 {command} --help。",
            file=sys.stderr,
        )
        return 2
    code: int = window_main(db=args.gui_db, screenshots=args.screenshots, report=args.report)
    return code
