"""Writing output: only to a new file or over a regular, writable one, keeping its mode; every
writer goes through the same function, and anything else is refused in Chinese, untouched."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from reportdesk import files
from reportdesk.cli import main
from reportdesk.form import Form
from reportdesk.report import Report

from . import hostile

SEED = str(hostile.SEED)
pytestmark = pytest.mark.skipif(os.name != "posix", reason="device nodes, FIFOs and modes are POSIX")


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out + err


def _device(tmp: Path) -> Path:
    return Path("/dev/full")


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.json")
    return tmp / "pipe.json"


def _folder(tmp: Path) -> Path:
    (tmp / "folder.json").mkdir()
    return tmp / "folder.json"


def _link(tmp: Path) -> Path:
    (tmp / "target.json").write_text("kept")
    (tmp / "link.json").symlink_to(tmp / "target.json")
    return tmp / "link.json"


def _dangling(tmp: Path) -> Path:
    (tmp / "link.json").symlink_to(tmp / "nowhere.json")
    return tmp / "link.json"


def _read_only(tmp: Path) -> Path:
    (tmp / "ro.json").write_text("kept")
    (tmp / "ro.json").chmod(0o444)
    return tmp / "ro.json"


def _long(tmp: Path) -> Path:
    return hostile.long_name(tmp, 600)


REFUSED: dict[str, tuple[Callable[[Path], Path], str]] = {
    "device /dev/full": (_device, "不是普通文件"),
    "FIFO": (_fifo, "不是普通文件"),
    "folder": (_folder, "这是一个文件夹"),
    "symbolic link": (_link, "符号链接"),
    "dangling symbolic link": (_dangling, "符号链接"),
    "read-only file": (
        _read_only,
        "只读文件，没有替换它；如确要替换（替换后仍保持只读），请加 --replace-readonly",
    ),
    "600-byte name": (_long, "文件名过长"),
}


def _state(path: Path) -> tuple[int, bytes | None]:
    st = os.lstat(path) if os.path.lexists(path) else None
    if st is None:
        return 0, None
    content = path.read_bytes() if stat.S_ISREG(st.st_mode) else None
    return st.st_mode, content


@pytest.mark.parametrize("target", REFUSED)
def test_refused_targets_are_left_as_they_were(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, reason = REFUSED[target]
    path = make(tmp_path)
    before = _state(path)
    code, said = run(capsys, "totals", SEED, "-o", path)
    hostile.assert_clean(code, said, hide=(str(tmp_path), str(path)))
    assert code == 2
    assert reason in said
    assert _state(path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reportdesk-")]


WRITERS: dict[str, Callable[[Path], list[object]]] = {
    "json (totals)": lambda out: ["totals", SEED, "-o", out.with_suffix(".json")],
    "json (new)": lambda out: ["new", "--year", "2024", "--agency", "某局", "-o", out.with_suffix(".json")],
    "docx (render)": lambda out: ["render", SEED, "-o", out],
    "sign-off (render --signoff)": lambda out: [
        "render",
        SEED,
        "-o",
        out.with_name("r.docx"),
        "--signoff",
        out,
    ],
    "sign-off (signoff)": lambda out: ["signoff", SEED, "-o", out],
    "template": lambda out: ["template", "-o", out],
    "xlsx (export)": lambda out: ["export", SEED, "-o", out.with_suffix(".xlsx")],
    "json (aggregate)": lambda out: [
        "aggregate",
        SEED,
        "-o",
        out.with_suffix(".json"),
        "--agency",
        "某县人民政府",
        "--year",
        "2023",
    ],
    "backup (db backup)": lambda out: [
        "db",
        "backup",
        out.with_suffix(".db"),
        "--db",
        out.with_name("drafts.db"),
    ],
}


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_refuses_a_pipe_and_a_read_only_file(
    writer: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = WRITERS[writer](tmp_path / "out.docx")
    target = next(
        a for a in argv[1:] if isinstance(a, Path) and a.parent == tmp_path and a.name.startswith("out")
    )
    target.write_bytes(b"kept")
    target.chmod(0o444)
    code, said = run(capsys, *argv)
    assert code == 2, said
    assert "只读文件" in said
    assert target.read_bytes() == b"kept"
    target.chmod(0o644)
    target.unlink()
    os.mkfifo(target)  # a named pipe: like a device, never a file to replace
    code, said = run(capsys, *argv)
    assert code == 2, said
    assert "不是普通文件" in said
    assert stat.S_ISFIFO(os.lstat(target).st_mode)


def test_a_read_only_file_is_replaced_with_consent_and_stays_read_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _read_only(tmp_path)
    code, said = run(capsys, "totals", SEED, "-o", path, "--replace-readonly")
    assert code == 0, said
    assert path.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.json"
    old.write_text("x")
    old.chmod(0o640)
    assert run(capsys, "totals", SEED, "-o", old)[0] == 0
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    umask = os.umask(0o027)
    try:
        files._UMASK = None
        assert run(capsys, "totals", SEED, "-o", tmp_path / "new.json")[0] == 0
    finally:
        os.umask(umask)
        files._UMASK = None
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_a_name_near_the_limit_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The temporary file's name must not be longer than the target's (255 bytes)."""
    path = hostile.long_name(tmp_path, 254)
    assert len(path.name.encode()) <= 255
    code, said = run(capsys, "totals", SEED, "-o", path)
    assert code == 0, said
    assert path.exists()


def test_a_link_put_in_place_while_writing_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    victim = tmp_path / "victim"
    victim.write_text("kept")

    def fill(tmp: Path) -> None:
        tmp.write_bytes(b"new")
        target.symlink_to(victim)

    with pytest.raises(files.OutputError, match="符号链接"):
        files.replace_file(target, fill)
    assert victim.read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "victim"]


def test_the_window_asks_and_then_replaces_a_read_only_document(
    form: Form, seed: Report, tmp_path: Path
) -> None:
    """The window's question before replacing names a read-only file; the answer is the consent."""
    from reportdesk.ui.control import generation
    from reportdesk.ui.control.targets import replace_question

    target = tmp_path / "报告.docx"
    target.write_bytes(b"kept")
    target.chmod(0o444)
    request = generation.Request(target, draft=True, signoff=False, pdf=False)
    asked = replace_question(generation.targets(request))
    assert asked is not None and "“报告.docx”是只读文件；替换后仍保持只读" in asked[1]
    refused = generation.generate(form, seed, None, request, lambda _: None)
    assert refused.written == () and "只读文件" in (refused.problem or "")
    assert target.read_bytes() == b"kept"
    done = generation.generate(form, seed, None, replace(request, replace_read_only=True), lambda _: None)
    assert done.written == (target,) and target.read_bytes().startswith(b"PK")
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
