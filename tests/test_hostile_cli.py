"""Command-line arguments made to break things: names too long for the file system, bytes that are
no UTF-8 — refused in Chinese with exit 2, never a traceback, nothing written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reportdesk.cli import main

from . import hostile

SEED = str(hostile.SEED)
NOT_UTF8 = os.fsdecode(b"\xff\xfe\xe5\xb1\x80")  # what Python makes of such bytes in argv


def _long(tmp: Path, suffix: str) -> str:
    return str(hostile.long_name(tmp, 600, suffix))


ARGV: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "--db of 600 bytes": (lambda t: ["--db", _long(t, ".db"), "db", "list"], "文件名过长"),
    "report of 600 bytes": (lambda t: ["check", _long(t, ".json")], "文件名过长"),
    "--previous of 600 bytes": (lambda t: ["check", SEED, "--previous", _long(t, ".json")], "文件名过长"),
    "-o of 600 bytes": (lambda t: ["render", SEED, "-o", _long(t, ".docx")], "文件名过长"),
    "--template of 600 bytes": (
        lambda t: ["render", SEED, "-o", str(t / "r.docx"), "--template", _long(t, ".docx")],
        "文件名过长",
    ),
    "template --check of 600 bytes": (lambda t: ["template", "--check", _long(t, ".docx")], "文件名过长"),
    "--expect of 600 bytes": (
        lambda t: [
            "aggregate",
            SEED,
            "-o",
            str(t / "t.json"),
            "--agency",
            "某县",
            "--year",
            "2023",
            "--expect",
            _long(t, ".txt"),
        ],
        "文件名过长",
    ),
    "--expect of 2 GB": (
        lambda t: [
            "aggregate",
            SEED,
            "-o",
            str(t / "t.json"),
            "--agency",
            "某县",
            "--year",
            "2023",
            "--expect",
            str(hostile.sparse(t / "list.txt")),
        ],
        "文件过大（2.0 GB",
    ),
    "agency name not UTF-8": (
        lambda t: ["new", "--year", "2024", "--agency", NOT_UTF8, "-o", str(t / "n.json")],
        "无法识别的字符",
    ),
    "db set value not UTF-8": (
        lambda t: ["--db", str(t / "d.db"), "db", "set", "1", "s6", NOT_UTF8],
        "无法识别的字符",
    ),
}


@pytest.mark.parametrize("case", ARGV)
def test_hostile_arguments_are_refused_in_chinese(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    make, reason = ARGV[case]
    try:
        code = main(make(tmp_path))
    except SystemExit as e:  # argparse's refusal
        code = int(e.code or 0)
    err = capsys.readouterr().err
    hostile.assert_clean(code, err, hide=(str(tmp_path), NOT_UTF8, "\\xff\\xfe"))
    assert code == 2, err
    assert reason in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "list.txt") in ([], ["home"])


def test_an_output_name_in_another_encoding_is_written_and_shown(tmp_path: Path) -> None:
    """A file name that is no UTF-8 (from a GBK USB stick) is a name like any other, and is shown
    with its own bytes, as ``ls`` shows it."""
    out = os.fsencode(tmp_path) + b"/\xff\xfe.json"
    done = subprocess.run(
        [sys.executable, "-m", "reportdesk", "totals", SEED, "-o", out], capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert os.path.exists(out)
    assert out in done.stdout


# An output that is one of the command's own inputs (or another of its outputs), or that has the
# wrong ending: refused before anything is written, every file left as it was.
SAME_FILE: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "render -o the report": (
        lambda t: ["render", str(t / "r.json"), "-o", str(t / "r.json")],
        "应以 .docx 结尾",
    ),
    "render --pdf the report": (
        lambda t: ["render", str(t / "r.json"), "-o", str(t / "o.docx"), "--pdf", str(t / "r.json")],
        "应以 .pdf 结尾",
    ),
    "render --signoff the report": (
        lambda t: ["render", str(t / "r.json"), "-o", str(t / "o.docx"), "--signoff", str(t / "r.json")],
        "应以 .docx 结尾",
    ),
    "render -o the template": (
        lambda t: ["render", str(t / "r.json"), "--template", str(t / "t.docx"), "-o", str(t / "t.docx")],
        "是输入的模板",
    ),
    "render -o and --signoff the same file": (
        lambda t: ["render", str(t / "r.json"), "-o", str(t / "t.docx"), "--signoff", str(t / "./t.docx")],
        "审核单与报告 Word 文档是同一个文件",
    ),
    "signoff --pdf the report": (
        lambda t: ["signoff", str(t / "r.json"), "-o", str(t / "s.docx"), "--pdf", str(t / "r.json")],
        "应以 .pdf 结尾",
    ),
    "publish -o the report": (
        lambda t: ["publish", str(t / "r.json"), "-o", str(t / "r.json")],
        "应以 .html 结尾",
    ),
    "import -o the document": (
        lambda t: ["import", str(t / "t.docx"), "-o", str(t / "t.docx")],
        "应以 .json 结尾",
    ),
    "aggregate -o a report it adds": (
        lambda t: [
            "aggregate",
            str(t / "r.json"),
            "-o",
            str(t / "r.json"),
            "--agency",
            "某县人民政府",
            "--year",
            "2023",
        ],
        "是输入的文件",
    ),
    "aggregate -o the database": (
        lambda t: [
            "aggregate",
            "db:all",
            "--db",
            str(t / "d.db"),
            "-o",
            str(t / "d.db"),
            "--agency",
            "某县",
            "--year",
            "2023",
        ],
        "应以 .json 或 .xlsx 结尾",
    ),
    "totals -o the database": (
        lambda t: ["totals", str(t / "r.json"), "-o", str(t / "d.db")],
        "应以 .json 结尾",
    ),
    "new -o the database": (
        lambda t: ["new", "--year", "2024", "--agency", "某局", "-o", str(t / "d.db")],
        "应以 .json 结尾",
    ),
    "template -o the report": (lambda t: ["template", "-o", str(t / "r.json")], "应以 .docx 结尾"),
    "db backup onto the report": (
        lambda t: ["--db", str(t / "d.db"), "db", "backup", str(t / "r.json")],
        "应以 .db 结尾",
    ),
    "db export -o the database": (
        lambda t: ["--db", str(t / "d.db"), "db", "export", "1", "-o", str(t / "d.db")],
        "应以 .json 结尾",
    ),
}


@pytest.mark.parametrize("case", SAME_FILE)
def test_an_output_never_replaces_an_input(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, reason = SAME_FILE[case]
    shutil.copy(SEED, tmp_path / "r.json")
    assert main(["template", "-o", str(tmp_path / "t.docx")]) == 0
    assert main(["--db", str(tmp_path / "d.db"), "db", "import", str(tmp_path / "r.json")]) == 0
    assert main(["--db", str(tmp_path / "d.db"), "db", "list"]) == 0  # the day's backup made
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    capsys.readouterr()
    code = main(make(tmp_path))
    err = capsys.readouterr().err
    hostile.assert_clean(code, err, hide=(str(tmp_path),))
    assert code == 2 and reason in err, err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
