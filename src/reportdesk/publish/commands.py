"""Command ``publish``: the report as the web page a government website publishes.

Exit codes as everywhere: 0 written, 1 refused because of errors or blank cells (``--draft``
writes the page anyway, marked 草稿), 2 unreadable input or unwritable output.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reportdesk.commands import EXIT_OK, fail
from reportdesk.files import OutputError, write_atomically
from reportdesk.form import load_form


def cmd_publish(args: argparse.Namespace) -> int:
    """``reportdesk publish``: the report as an HTML page (or, with --fragment, its body)."""
    from reportdesk.publish.page import render_page
    from reportdesk.render.commands import prepare

    if args.output.suffix.lower() not in (".html", ".htm"):
        return fail(f"输出文件 {args.output} 应以 .html 结尾")
    form = load_form()
    prepared = prepare(args, form, "网页")
    if isinstance(prepared, int):
        return prepared
    report, _, _ = prepared
    html = render_page(form, report, fragment=args.fragment, draft=args.draft)
    try:
        write_atomically(args.output, html.encode("utf-8"))
    except OutputError as e:
        return fail(str(e))
    what = "网页片段" if args.fragment else "网页"
    print(f"已写入{'草稿' if args.draft else ''}{what} {args.output}")
    return EXIT_OK


def register(sub: Any) -> None:
    """Add the ``publish`` subcommand."""
    p = sub.add_parser("publish", help="生成在政府网站发布的网页（HTML，表格保留合并表头，无障碍）")
    p.add_argument("report", type=Path, metavar="REPORT.json")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.html")
    p.add_argument(
        "--fragment", action="store_true", help="只生成正文部分，用于粘贴到网站内容管理系统的编辑器"
    )
    p.add_argument("--draft", action="store_true", help="有错误或空格时仍生成，页首标注“草稿”")
    p.add_argument("--previous", type=Path, metavar="LAST.json", help="上年度报告，用于跨年度校验")
    p.set_defaults(func=cmd_publish)
