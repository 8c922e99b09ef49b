"""A corpus of hostile and broken inputs, generated at test time (nothing big is stored).

Each maker writes one input into a folder and returns its path. Giant inputs are sparse (a 2 GB
file takes no disk and no time) or only as large as the rule they probe needs. ``assert_clean``
holds what every refusal must look like: an exit code that is not a crash, no traceback, a
message in Chinese with no English phrase of a library in it.
"""

from __future__ import annotations

import copy
import io
import json
import re
import sqlite3
import zlib
from pathlib import Path
from typing import Any

from .conftest import DATA

SEED = DATA / "seed-donghu-zwfw-2023.json"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Words that may stand in a Chinese message: names of products, formats and options.
ALLOWED_WORDS = {
    "reportdesk", "json", "utf", "excel", "word", "wps", "pdf", "libreoffice", "sqlite", "docx", "xlsx",
    "html", "htm", "txt", "xls", "doc", "replace", "readonly", "restore", "backup", "draft", "check",
    "template", "decimal", "null", "true", "false", "nan", "infinity", "dtd", "xml", "zip", "gbk", "ooxml",
    "format", "year", "agency", "name", "texts", "cells", "explanations", "region", "kind", "website",
    "extra", "amounts", "lipsum", "range", "macro", "payload", "hyperlink", "cmd", "calc", "http", "https",
    "sum", "count", "crash", "log", "logs", "local", "share", "home", "root", "tmp", "pytest", "of", "db",
    "list", "import", "export", "render", "signoff", "totals", "new", "aggregate", "errors", "warnings",
    "natural", "total", "fees", "amount", "normative", "issued", "repealed", "in", "force", "government",
    "department", "township", "other", "class__", "history", "drafts", "sqlite_corrupt", "sqlite_error", "errorname", "reportdesk.db",
}  # fmt: skip
# Latin words, but not option names (--screenshots) nor escapes (\\xff).
_WORD = re.compile(r"(?<![-\\\w])[A-Za-z][A-Za-z_]{3,}")


def seed_data() -> dict[str, Any]:
    """The seed report as exchange JSON (a fresh copy)."""
    data: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def write(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8, lone surrogates included as their escapes' bytes would be."""
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def deep_json(path: Path, depth: int = 100_000) -> Path:
    """An array nested ``depth`` levels deep."""
    return write(path, "[" * depth + "]" * depth)


def deep_in_report(path: Path, depth: int = 100) -> Path:
    """A sound report with a deeply nested value under an unknown key."""
    return write(path, json.dumps(seed_data())[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}")


def big_integer(path: Path, digits: int = 5_000) -> Path:
    """A report whose first count has ``digits`` digits (Python refuses to read more than 4,300)."""
    text = json.dumps(seed_data(), ensure_ascii=False)
    return write(path, text.replace('"t3.new.natural": 42', f'"t3.new.natural": {"9" * digits}', 1))


def lone_surrogate(path: Path) -> Path:
    """Valid JSON with ``"\\ud800"`` in a text: no UTF-8 file can hold it."""
    text = json.dumps(seed_data(), ensure_ascii=True)
    return write(path, text.replace('"s6": "', '"s6": "\\ud800', 1))


def duplicate_key(path: Path) -> Path:
    """``year`` twice: the standard library keeps the last one silently."""
    return write(path, json.dumps(seed_data(), ensure_ascii=False)[:-1] + ', "year": 2020}')


def duplicate_cell(path: Path) -> Path:
    """A cell given twice in ``cells`` with different figures."""
    text = json.dumps(seed_data(), ensure_ascii=False)
    return write(path, text.replace('"t3.new.natural": 42', '"t3.new.natural": 42, "t3.new.natural": 7', 1))


def not_a_number(path: Path) -> Path:
    """``NaN`` as a figure (not JSON; the standard library accepts it)."""
    text = json.dumps(seed_data(), ensure_ascii=False)
    return write(path, text.replace('"t3.new.natural": 42', '"t3.new.natural": NaN', 1))


def huge_count(path: Path) -> Path:
    """A 20-digit count: far beyond the ceiling, and beyond what Excel keeps."""
    data = seed_data()
    data["cells"]["t3.new.natural"] = 12345678901234567890
    return write(path, json.dumps(data, ensure_ascii=False))


def forged_marker(path: Path) -> Path:
    """A cell holding text shaped like the old internal marker for a number."""
    data = seed_data()
    data["cells"]["t3.new.natural"] = "\u0000decimal:7"
    data["texts"]["s6"] = "\u0000decimal:7"
    return write(path, json.dumps(data, ensure_ascii=False))


def sparse(path: Path, size: int = 2 * 1024**3) -> Path:
    """A file of ``size`` bytes that takes no disk space (all zeros but its first bytes)."""
    with path.open("wb") as f:
        f.write(b'{"format": "')
        f.truncate(size)
    return path


def long_name(folder: Path, nbytes: int = 600, suffix: str = ".json") -> Path:
    """A path whose file name is ``nbytes`` bytes long (the limit is 255)."""
    stem = "报" * ((nbytes - len(suffix)) // 3)
    return folder / (stem + suffix)


# ---------------------------------------------------------------------------------------------
# Published reports


def nested_divs(path: Path, depth: int = 100_000) -> Path:
    """A web page whose report text sits under ``depth`` nested <div>."""
    body = "<div>" * depth + "<p>一、总体情况</p>" + "</div>" * depth
    return write(path, f"<html><body>{body}</body></html>")


def flate_bomb_pdf(path: Path, inflated: int = 80 * 1024 * 1024, pages: int = 1) -> Path:
    """A PDF whose page contents inflate from a few hundred KB to ``inflated`` bytes each."""
    chunk = zlib.compressobj(1)
    block = b" " * (1024 * 1024)
    stream = b"".join(chunk.compress(block) for _ in range(inflated // len(block))) + chunk.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for i in range(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"
        )
    return _pdf(path, objects)


def utf16_surrogate_txt(path: Path) -> Path:
    """A UTF-16 text file (with BOM) holding a lone surrogate."""
    path.write_bytes(
        b"\xff\xfe" + "一、总体情况\n".encode("utf-16-le") + b"\x00\xd8" + "\n".encode("utf-16-le")
    )
    return path


# ---------------------------------------------------------------------------------------------
# The drafts database

TAMPERS = {
    "cell not json": "UPDATE cells SET value = '{not json' WHERE key = 't3.new.natural'",
    "bad decimal": """UPDATE cells SET value = '{"decimal": "abc"}' WHERE key = 't2.fees.amount'""",
    "cell object": """UPDATE cells SET value = '{"what": 1}' WHERE key = 't3.new.total'""",
    "deep cell": "UPDATE cells SET value = '" + "[" * 5000 + "]" * 5000 + "' WHERE key = 't3.new.natural'",
    "huge cell": "UPDATE cells SET value = '" + "9" * 5000 + "' WHERE key = 't3.new.natural'",
    "agency not object": "UPDATE reports SET agency = '[1, 2]'",
    "agency not json": "UPDATE reports SET agency = 'x'",
    "agency name number": """UPDATE reports SET agency = '{"name": 5, "kind": "department"}'""",
    "extra not json": "UPDATE reports SET extra = '{'",
    "text blob": "UPDATE texts SET text = x'ff00fe' WHERE key = 's6'",
    "text number": "UPDATE texts SET text = 12 WHERE key = 's6'",
    "year text": "UPDATE reports SET year = 'abc'",
    "year huge": "UPDATE reports SET year = 99999999999",
    "rev text": "UPDATE reports SET rev = 'x'",
    "body name blob": "UPDATE bodies SET name = x'00ff'",
    "body kind": "UPDATE bodies SET kind = 'alien'",
    "change old not json": "UPDATE changes SET new = '{bad' WHERE kind = 'cell'",
    "format": "UPDATE reports SET format = 'other/1'",
}


def tampered_database(folder: Path, how: str) -> Path:
    """A sound database holding the seed report (id 1), then one row changed by another program."""
    from reportdesk.report import read_report
    from reportdesk.store import Store

    db = folder / "drafts.db"
    with Store.open(db, daily_backup=False) as store:
        from reportdesk.form import load_form

        report = read_report(SEED, load_form()).report
        store.import_report(report)
        store.set_cell(1, "t3.new.natural", 43)
        store.set_cell(1, "t3.new.natural", 42)
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute(TAMPERS[how])
    finally:
        conn.close()
    return db


# ---------------------------------------------------------------------------------------------
# What every answer must look like


def assert_clean(
    code: int, err: str, *, allowed: tuple[int, ...] = (0, 1, 2), hide: tuple[str, ...] = ()
) -> None:
    """No crash, no traceback, and a message in Chinese without English phrases from a library."""
    assert "Traceback" not in err, err
    assert code in allowed, (code, err)
    if code != 0:
        assert CJK.search(err), err
    text = err
    for h in sorted(hide, key=len, reverse=True):
        text = text.replace(h, "")
    english = [w for w in _WORD.findall(text) if w.lower() not in ALLOWED_WORDS]
    assert not english, (english, err)


def text_bomb_pdf(path: Path, inflated: int = 2 * 1024 * 1024) -> Path:
    """A one-page PDF whose few KB of content inflate into ``inflated`` bytes of text operators."""
    line = b"BT /F1 12 Tf 72 700 Td (AAAAAAAA) Tj ET\n"
    stream = zlib.compress(line * (inflated // len(line)), 9)
    font = "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R {font} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return _pdf(path, objects)


def _pdf(path: Path, objects: list[bytes]) -> Path:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path
