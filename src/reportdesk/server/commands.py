"""``reportdesk admin``: the accounts of a shared database, from the 应报机关名单."""

from __future__ import annotations

import argparse
import csv
import io
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reportdesk.commands import EXIT_OK, fail
from reportdesk.server.admin import Account, Revoked, read_list, sync_accounts
from reportdesk.store.errors import StoreError
from reportdesk.store.server import display_url, is_server, open_server


def _login_address(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or "服务器"
    port = f":{parts.port}" if parts.port else ""
    return f"postgresql://账号@{host}{port}{parts.path}"


def _table(accounts: list[Account]) -> str:
    lines = []
    for a in accounts:
        if a.password:
            secret = f"密码 {a.password}"
        elif a.new:
            secret = "用内网账号登录（未设密码）"
        else:
            secret = "已有账号，密码未改"
        lines.append(f"{a.body}\t{a.role}\t{a.writes}\t{secret}")
    return "\n".join(lines)


def _revoked(revoked: list[Revoked]) -> str:
    lines = []
    for r in revoked:
        logins = "、".join(r.roles)
        if r.dropped:
            lines.append(
                f"{r.body}：已不在名单上，已收回账号 {logins} 对它的权限；"
                f"它的 {r.reports} 份报告和修改历史仍保留在数据库中，没有删除"
            )
        else:
            lines.append(f"{r.body}：账号 {logins} 已不在名单上，已收回它对本机关报告的权限")
    return "\n".join(lines)


def _csv(accounts: list[Account]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["机关", "账号", "权限", "密码"])
    for a in accounts:
        writer.writerow([a.body, a.role, a.writes, a.password or ""])
    return out.getvalue()


def cmd_admin(args: argparse.Namespace) -> int:
    """``admin``: make (or complete) the accounts of a shared database."""
    url = str(args.db or "")
    if not is_server(url):
        return fail("reportdesk admin 只用于服务器上的共享数据库：--db postgresql://管理员账号@服务器/数据库")
    try:
        listed = read_list(args.bodies)
        with open_server(url, busy_timeout=30.0) as conn:
            accounts, revoked = sync_accounts(
                conn,
                args.government,
                listed,
                datetime.now().astimezone().isoformat(timespec="seconds"),
                region=args.region,
                prefix=args.prefix,
                reset_passwords=args.reset_passwords,
            )
        if args.output is not None:
            args.output.write_text(_csv(accounts), encoding="utf-8-sig")
    except StoreError as e:
        return fail(str(e))
    except OSError as e:
        return fail(f"无法写入 {args.output}：{e.strerror or e}")
    made = sum(a.new for a in accounts)
    print(f"共享数据库 {display_url(url)}：{len(accounts)} 个账号（新建 {made} 个）")
    print(_table(accounts))
    if revoked:
        print(_revoked(revoked))
    print(f"各机关在窗口“文件 → 连接共享数据库…”中填写：{_login_address(url)}，以及上面的账号和密码")
    if args.output is not None:
        print(f"账号表已写入 {args.output}（请妥善保管，发给各机关后删除）")
    return EXIT_OK


def register(sub: Any) -> None:
    """Add ``admin`` to the ``reportdesk`` parser."""
    p = sub.add_parser("admin", help="共享数据库：按应报机关名单建立各机关和政务公开办的账号与权限")
    p.add_argument("--db", required=True, metavar="URL", help="postgresql://管理员账号:密码@服务器/数据库")
    p.add_argument("--government", required=True, metavar="NAME", help="本级政府名称（政务公开办汇总的报告）")
    p.add_argument(
        "--bodies",
        required=True,
        type=Path,
        metavar="FILE",
        help="应报机关名单：每行一个机关名称，可在逗号或制表符后写该机关已有的内网账号",
    )
    p.add_argument("--region", default="", metavar="R", help="新建机关的所属地区")
    p.add_argument("--prefix", metavar="P", help="账号名前缀（默认取数据库名）")
    p.add_argument("--reset-passwords", action="store_true", help="为已有的账号重新生成密码")
    p.add_argument("-o", "--output", type=Path, metavar="FILE.csv", help="把账号和密码另存为表格")
    p.set_defaults(func=cmd_admin)
