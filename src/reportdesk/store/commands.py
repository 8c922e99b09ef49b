"""``reportdesk db …``: the drafts database from the command line.

Every subcommand takes ``--db PATH`` (also accepted after ``db`` or before it, as
``reportdesk --db PATH db …``; else ``$REPORTDESK_DB``, else the user's data folder). Errors
print one Chinese line to stderr and exit non-zero; what scripts read (ids, what was saved, JSON)
goes to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from reportdesk.checks import check
from reportdesk.commands import EXIT_OK, fail, load, print_findings
from reportdesk.files import OutputError
from reportdesk.form import Form, load_form
from reportdesk.hidden import hidden_message, remove_hidden
from reportdesk.report import ReportFileError, write_report
from reportdesk.store import presenting
from reportdesk.store.backup import restore_backup
from reportdesk.store.db import ENV_VAR, resolve_location
from reportdesk.store.errors import StoreError
from reportdesk.store.server import display_url
from reportdesk.store.store import Store
from reportdesk.store.transfer import copy_all
from reportdesk.values import parse_input

Command = Callable[[argparse.Namespace, Form], int]


def _db_path(args: argparse.Namespace) -> Path | str:
    """The database named nearest the command: ``db list --db X``, ``db --db X list``, then
    ``reportdesk --db X db list`` (the window's option), then the environment and the default.
    A ``postgresql://`` address names a shared database."""
    return resolve_location(
        getattr(args, "db", None) or getattr(args, "db_outer", None) or getattr(args, "gui_db", None)
    )


def _open(args: argparse.Namespace, form: Form) -> Store:
    store = Store.open(_db_path(args), form=form)
    for warning in store.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    return store


def _run(command: Command) -> Callable[[argparse.Namespace], int]:
    """Run a command, turning every expected failure into one line on stderr and exit code 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args, load_form())
        except (StoreError, ReportFileError, OutputError) as e:
            return fail(str(e))
        except BrokenPipeError:
            # Output piped into `head` and the like: the reader has all it wanted.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK

    return run


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    print()


def cmd_list(args: argparse.Namespace, form: Form) -> int:
    """``db list``: bodies and their reports with ids."""
    with _open(args, form) as store:
        bodies = store.list_bodies()
    if args.json:
        _print_json(presenting.bodies_json(bodies))
    else:
        print(presenting.bodies_text(bodies, form))
    return EXIT_OK


def cmd_import(args: argparse.Namespace, form: Form) -> int:
    """``db import FILE``: store a report file; prints the new id."""
    report = load(args.file, form)
    with _open(args, form) as store:
        print(store.import_report(report, body_id=args.body))
    return EXIT_OK


def cmd_export(args: argparse.Namespace, form: Form) -> int:
    """``db export ID -o FILE``: write a report (or an earlier revision) as exchange JSON."""
    if args.output.suffix.lower() != ".json":
        return fail(f"输出文件 {args.output} 应以 .json 结尾")
    with _open(args, form) as store:
        report = store.load(args.id, args.rev)
    write_report(report, form, args.output)
    print(f"已写入 {args.output}")
    return EXIT_OK


def cmd_set(args: argparse.Namespace, form: Form) -> int:
    """``db set ID KEY VALUE``: one edit, parsed as the GUI parses typing; once committed, prints
    what it changed (and the totals that followed) and the revision it made."""
    key, value = args.key, args.value
    with _open(args, form) as store:
        before = store.info(args.id).rev
        cell = form.cells.get(key)
        if cell is None:
            value, hidden = remove_hidden(value)  # typed text: hidden characters go, saying so
            if hidden:
                print(f"注意：{hidden_message(key, hidden)}", file=sys.stderr)
        if cell is not None:
            parsed = parse_input(value, cell.kind)
            if parsed.error is not None:
                return fail(f"{cell.label}：{parsed.error}，没有保存")
            store.set_cell(args.id, key, parsed.value)
        elif key.startswith("agency."):
            field = key.removeprefix("agency.")
            report = store.load(args.id)
            if field not in ("name", "region", "kind", "website"):
                return fail(f"机关信息没有 {field} 一项（可用 agency.name / region / kind / website）")
            store.set_agency(args.id, replace(report.agency, **{field: value}))
        elif key.startswith("explanations."):
            store.set_explanation(args.id, key.removeprefix("explanations."), value)
        elif key in form.parts or key in form.text_extras:
            store.set_text(args.id, key, value)
        elif key in store.load(args.id).cells:
            return fail(f"单元格 {key} 不属于本表格格式，只能原样保留，不能修改")
        else:
            return fail(f"没有名为 {key} 的单元格或文字部分（单元格如 t3.new.natural，文字如 s1.active）")
        last = store.history(args.id)[-1]
    if last.rev == before:
        print("没有改动：已经是这个值")
    else:
        print(
            f"已保存为第 {last.rev} 版：" + "；".join(presenting.change_text(c, form) for c in last.changes)
        )
    return EXIT_OK


def cmd_rollover(args: argparse.Namespace, form: Form) -> int:
    """``db rollover ID --to-year Y``: next year's draft; prints the new id."""
    with _open(args, form) as store:
        print(store.rollover(args.id, args.to_year))
    return EXIT_OK


def cmd_history(args: argparse.Namespace, form: Form) -> int:
    """``db history ID``: every revision and what it changed."""
    with _open(args, form) as store:
        revisions = store.history(args.id)
    if args.json:
        _print_json([r.to_json(form) for r in revisions])
    else:
        print(presenting.history_text(revisions, form))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, form: Form) -> int:
    """``db restore ID --to REV``: the report as it was after REV, as a new revision."""
    with _open(args, form) as store:
        before = store.info(args.id).rev
        rev = store.restore(args.id, args.to)
    if rev == before:
        print(f"报告 {args.id} 的内容与第 {args.to} 版相同，无需恢复")
    else:
        print(f"报告 {args.id} 已恢复为第 {args.to} 版的内容（记为第 {rev} 版，之前的各版仍保留）")
    return EXIT_OK


def cmd_final(args: argparse.Namespace, form: Form) -> int:
    """``db final ID --name NAME``: name the current revision as a 定稿."""
    with _open(args, form) as store:
        final = store.finalize(args.id, args.name)
    print(f"已定稿“{final.name}”：报告 {args.id} 第 {final.rev} 版")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, form: Form) -> int:
    """``db check ID``: ``reportdesk check`` with last year's report taken from the database."""
    with _open(args, form) as store:
        report = store.load(args.id)
        previous = store.previous_of(args.id)
    if previous is None:
        print(f"注意：数据库中没有该机关 {report.year - 1} 年的报告，未做跨年度校验", file=sys.stderr)
    return print_findings(check(form, report, previous), form, as_json=args.json, report=report)


def cmd_backup(args: argparse.Namespace, form: Form) -> int:
    """``db backup FILE``: copy the whole database."""
    if args.file.suffix.lower() != ".db":
        return fail(f"备份文件 {args.file} 应以 .db 结尾")
    with _open(args, form) as store:
        target = store.backup(args.file)
    print(f"已备份到 {target}")
    return EXIT_OK


def cmd_restore_backup(args: argparse.Namespace, form: Form) -> int:
    """``db restore-backup FILE``: replace the database by a backup, keeping what was there."""
    db = _db_path(args)
    if not isinstance(db, Path):
        return fail(
            f"{display_url(db)} 是服务器上的共享数据库，不能用备份文件覆盖；"
            "要把备份中的报告搬进去，请用“reportdesk db copy --from 备份文件 --to 共享数据库地址”"
        )
    done = restore_backup(db, args.file, datetime.now().astimezone())
    print(f"已用备份 {done.source} 恢复数据库 {db}")
    if done.kept is not None:
        what = "原来无法打开的数据库已原样移到" if done.damaged else "恢复前的数据库已备份为"
        print(f"{what} {done.kept}")
    return EXIT_OK


def cmd_copy(args: argparse.Namespace, form: Form) -> int:
    """``db copy --from A --to B``: every body, report, revision and reason of A into B."""
    source, target = resolve_location(args.source), resolve_location(args.target)
    if str(source) == str(target):
        return fail("复制的来源和目标是同一个数据库")
    if isinstance(source, Path) and not source.exists():
        return fail(f"来源数据库 {source} 不存在")
    with Store.open(source, form=form, daily_backup=False) as src, Store.open(target, form=form) as dst:
        done = copy_all(src.connection, dst.connection)
    reused = f"，其中 {len(done.reused)} 个机关目标中已有，沿用" if done.reused else ""
    print(
        f"已从 {src.location} 复制到 {dst.location}：新建机关 {done.bodies} 个{reused}；"
        f"报告 {done.reports} 份，修改历史 {done.revisions} 版"
    )
    return EXIT_OK


def cmd_delete(args: argparse.Namespace, form: Form) -> int:
    """``db delete ID``: move a report to the bin."""
    with _open(args, form) as store:
        store.delete(args.id)
    print(f"报告 {args.id} 已移到回收站（可用“reportdesk db undelete {args.id}”恢复）")
    return EXIT_OK


def cmd_bin(args: argparse.Namespace, form: Form) -> int:
    """``db bin``: what is in the bin."""
    with _open(args, form) as store:
        entries = store.list_bin()
    if args.json:
        _print_json([presenting.info_json(i) | {"body": presenting.body_json(b)} for b, i in entries])
    else:
        print(presenting.bin_text(entries, form))
    return EXIT_OK


def cmd_undelete(args: argparse.Namespace, form: Form) -> int:
    """``db undelete ID``: bring a report back from the bin."""
    with _open(args, form) as store:
        store.undelete(args.id)
    print(f"报告 {args.id} 已从回收站恢复")
    return EXIT_OK


def _positive(what: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what}“{text}”不是整数") from None
        if number < 1:
            raise argparse.ArgumentTypeError(f"{what}应大于 0")
        return number

    return parse


def _year(text: str) -> int:
    year = _positive("年度")(text)
    if not 2000 <= year <= 2200:
        raise argparse.ArgumentTypeError(f"年度 {year} 不在合理范围内")
    return year


def register(sub: Any) -> None:
    """Add ``db`` and its subcommands to the ``reportdesk`` parser."""
    db_help = (
        f"数据库文件，或共享数据库地址 postgresql://用户@服务器/数据库"
        f"（默认依次取环境变量 {ENV_VAR}、用户数据文件夹中的 reportdesk.db）"
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", help=db_help)
    report_id = _positive("报告编号")

    p = sub.add_parser("db", help="草稿数据库：导入、修改、结转、历史、备份")
    p.add_argument("--db", dest="db_outer", metavar="PATH", help=db_help)
    p.set_defaults(func=lambda args: (p.print_help(), EXIT_OK)[1])
    dbsub = p.add_subparsers(dest="db_command", metavar="子命令")

    def add(name: str, command: Command, help_text: str) -> argparse.ArgumentParser:
        q: argparse.ArgumentParser = dbsub.add_parser(name, parents=[common], help=help_text)
        q.set_defaults(func=_run(command))
        return q

    q = add("list", cmd_list, "列出机关、报告及其编号")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q = add("import", cmd_import, "导入一份报告（JSON），输出新报告的编号")
    q.add_argument("file", type=Path, metavar="FILE.json")
    q.add_argument(
        "--body",
        type=_positive("机关编号"),
        metavar="ID",
        help="归入这个机关（默认按机关名称和地区查找或新建）",
    )
    q = add("export", cmd_export, "把报告导出为 JSON")
    q.add_argument("id", type=report_id, metavar="ID")
    q.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json")
    q.add_argument("--rev", type=_positive("版本号"), metavar="REV", help="导出历史上的某一版（默认当前）")
    q = add("set", cmd_set, "修改一个单元格或一段文字（立即保存，并说明改了什么、记为第几版）")
    q.add_argument("id", type=report_id, metavar="ID")
    q.add_argument(
        "key",
        metavar="KEY",
        help="单元格如 t3.new.natural；文字如 s1.active；也可 agency.name、explanations.X-CARRY",
    )
    q.add_argument("value", metavar="VALUE")
    q = add("rollover", cmd_rollover, "由本年报告生成下一年度的草稿，输出新报告的编号")
    q.add_argument("id", type=report_id, metavar="ID")
    q.add_argument("--to-year", type=_year, required=True, metavar="Y")
    q = add("history", cmd_history, "列出报告的修改历史")
    q.add_argument("id", type=report_id, metavar="ID")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q = add("restore", cmd_restore, "把报告恢复为历史上的某一版（作为新的一版，历史不丢失）")
    q.add_argument("id", type=report_id, metavar="ID")
    q.add_argument("--to", type=_positive("版本号"), required=True, metavar="REV")
    q = add("final", cmd_final, "把当前版本记为定稿")
    q.add_argument("id", type=report_id, metavar="ID")
    q.add_argument("--name", required=True, metavar="NAME")
    q = add("check", cmd_check, "校验报告（自动使用数据库中的上年报告）")
    q.add_argument("id", type=report_id, metavar="ID")
    q.add_argument("--json", action="store_true", help="以 JSON 列表输出")
    q = add("backup", cmd_backup, "把整个数据库备份到一个文件")
    q.add_argument("file", type=Path, metavar="FILE")
    q = add("restore-backup", cmd_restore_backup, "用备份文件恢复数据库（恢复前的数据库会另行保留）")
    q.add_argument("file", type=Path, metavar="FILE")
    q = add(
        "copy", cmd_copy, "把一个数据库中的全部机关、报告和修改历史复制到另一个（文件与共享数据库之间均可）"
    )
    q.add_argument("--from", dest="source", required=True, metavar="FILE|URL")
    q.add_argument("--to", dest="target", required=True, metavar="FILE|URL")
    q = add("delete", cmd_delete, "把报告移到回收站")
    q.add_argument("id", type=report_id, metavar="ID")
    q = add("bin", cmd_bin, "列出回收站中的报告")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q = add("undelete", cmd_undelete, "从回收站恢复报告")
    q.add_argument("id", type=report_id, metavar="ID")
