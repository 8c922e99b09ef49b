"""The list of bodies a government expects reports from, and matching bodies by name.

The list is a plain text file, one body a line (blank lines and lines starting with # are
skipped). Offices save such files from Notepad or WPS, so UTF-8 (with or without BOM) and GB18030
are both read. Names are compared after folding full-width characters and dropping spaces.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from reportdesk.files import read_input
from reportdesk.report import Agency, ReportFileError


def name_key(name: str) -> str:
    """A body's name in comparable form: width folded, every space dropped."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def agency_keys(agency: Agency) -> set[str]:
    """The names a body may be listed under: its name, and region + name."""
    return {name_key(agency.name), name_key(agency.full_name), name_key(agency.region + agency.name)} - {""}


MAX_LIST_BYTES = 4 * 1024 * 1024  # a list of bodies is a few KB; a county has hundreds at most


def read_expected(path: Path) -> list[str]:
    """The expected bodies, in file order, duplicates dropped; ReportFileError if unreadable."""
    source = str(path)
    raw = read_input(path, MAX_LIST_BYTES, "应报机关名单")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ReportFileError(source, "不是文本文件（应为每行一个机关名称的 UTF-8 或 GBK 文本）")
    names: list[str] = []
    seen: set[str] = set()
    for line in text.splitlines():
        name = line.strip()
        if not name or name.startswith("#") or name_key(name) in seen:
            continue
        seen.add(name_key(name))
        names.append(name)
    if not names:
        raise ReportFileError(source, "没有列出任何机关（每行写一个机关名称）")
    return names
