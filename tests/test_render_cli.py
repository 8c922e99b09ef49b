"""``reportdesk render`` / ``signoff`` / ``template``: refusal, drafts, outputs that cannot be
written, the PDF step without LibreOffice."""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path

import docx
import pytest

from reportdesk import files
from reportdesk.cli import main

from .conftest import DATA
from .render_support import audited

SEED = DATA / "seed-donghu-zwfw-2023.json"
HZ23 = DATA / "hongze-district-gov-2023.json"
HZ24 = DATA / "hongze-district-gov-2024.json"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_render_writes_the_document(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    code, stdout, _ = run(capsys, "render", SEED, "-o", out)
    assert code == 0
    assert f"已写入 {out}" in stdout
    assert len(docx.Document(io.BytesIO(audited(out.read_bytes()))).tables) == 3


def test_report_with_errors_is_refused_with_the_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "hz.docx"
    code, _, err = run(capsys, "render", HZ23, "-o", out)
    assert code == 1
    assert "T4-TOTAL" in err and "BLANK" in err
    assert "未生成报告 Word 文档：报告有 4 个错误（其中 14 个单元格未填）" in err
    assert "--draft" in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_draft_is_produced_and_marked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "hz.docx"
    code, stdout, _ = run(capsys, "render", HZ23, "-o", out, "--draft")
    assert code == 0
    assert "已写入草稿" in stdout
    doc = docx.Document(io.BytesIO(audited(out.read_bytes())))
    assert all(s.header.paragraphs[0].text.startswith("草稿") for s in doc.sections)


def test_open_warnings_are_listed_but_do_not_block(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # hongze 2024 has BLANK rows (2019-style （六）): fill them so only warnings remain.
    data = json.loads(HZ24.read_text(encoding="utf-8"))
    for key, value in data["cells"].items():
        if value is None:
            data["cells"][key] = 0
    report = tmp_path / "hz24.json"
    report.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "render", report, "-o", tmp_path / "hz24.docx", "--previous", HZ23)
    assert code == 0
    assert "提醒（不影响生成" in err and "YOY-JUMP" in err
    assert (tmp_path / "hz24.docx").exists()


def test_output_path_is_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "out.docx").mkdir()
    code, _, err = run(capsys, "render", SEED, "-o", tmp_path / "out.docx")
    assert code == 2
    assert "这是一个文件夹" in err


def test_output_folder_missing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "render", SEED, "-o", tmp_path / "nowhere" / "out.docx")
    assert code == 2
    assert "文件夹不存在" in err


def test_locked_output_keeps_the_old_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Word holds the file open: on Windows replacing it fails with a permission error."""
    out = tmp_path / "报告.docx"
    out.write_bytes(b"the version open in Word")

    def locked(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", dst)

    monkeypatch.setattr(files.os, "replace", locked)
    code, _, err = run(capsys, "render", SEED, "-o", out)
    assert code == 2
    assert "文件被占用" in err and "Word/WPS" in err
    assert out.read_bytes() == b"the version open in Word"
    assert leftovers(tmp_path) == []


def test_full_disk_leaves_nothing_half_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    out = tmp_path / "报告.docx"
    code, _, err = run(capsys, "render", SEED, "-o", out)
    assert code == 2
    assert "磁盘空间不足" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = run(capsys, "render", SEED, "-o", folder / "out.docx")
    finally:
        folder.chmod(0o700)
    assert code == 2
    assert "没有写入权限" in err
    assert list(folder.iterdir()) == []


def test_folder_that_refuses_new_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as a read-only folder, also when the tests run as root."""

    def denied(*args: object, **kw: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", denied)
    code, _, err = run(capsys, "render", SEED, "-o", tmp_path / "out.docx")
    assert code == 2
    assert "没有写入权限" in err
    assert list(tmp_path.iterdir()) == []


def test_pdf_without_libreoffice_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTDESK_SOFFICE", str(tmp_path / "no-such-soffice"))
    code, _, err = run(capsys, "render", SEED, "-o", tmp_path / "r.docx", "--pdf", tmp_path / "r.pdf")
    assert code == 2
    assert "未找到 LibreOffice" in err
    assert (tmp_path / "r.docx").exists()  # the Word document is still there
    assert not (tmp_path / "r.pdf").exists()


def test_pdf_when_libreoffice_produces_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """soffice exits 0 even when it failed: the missing PDF is what counts."""
    if os.name != "posix":
        pytest.skip("a shell script stands in for soffice")
    fake = tmp_path / "soffice"
    fake.write_text(
        "#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 0\n", encoding="utf-8"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("REPORTDESK_SOFFICE", str(fake))
    code, _, err = run(capsys, "render", SEED, "-o", tmp_path / "r.docx", "--pdf", tmp_path / "r.pdf")
    assert code == 2
    assert "LibreOffice 没有生成 PDF（退出码 0）：它无法载入这个文档" in err and "could not" not in err
    assert not (tmp_path / "r.pdf").exists()


def test_signoff_with_render_and_alone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run(capsys, "render", SEED, "-o", tmp_path / "r.docx", "--signoff", tmp_path / "s.docx")
    assert code == 0
    sheet = docx.Document(io.BytesIO(audited((tmp_path / "s.docx").read_bytes())))
    assert sheet.paragraphs[2].text == "2023年政府信息公开工作年度报告审核单"
    code, stdout, _ = run(capsys, "signoff", SEED, "-o", tmp_path / "s2.docx")
    assert code == 0 and "已写入审核单" in stdout
    code, _, err = run(capsys, "signoff", HZ23, "-o", tmp_path / "s3.docx")
    assert code == 1 and "未生成审核单" in err
    assert not (tmp_path / "s3.docx").exists()


def test_template_export_and_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "模板.docx"
    code, _, _ = run(capsys, "template", "-o", out)
    assert code == 0
    audited(out.read_bytes())
    code, stdout, _ = run(capsys, "template", "--check", out)
    assert code == 0 and "可以使用" in stdout
    doc = docx.Document(str(out))
    doc.add_paragraph("{{ no_such_field }}")
    doc.save(str(out))
    code, _, err = run(capsys, "template", "--check", out)
    assert code == 1 and "no_such_field" in err
    code, _, err = run(capsys, "render", SEED, "-o", tmp_path / "r.docx", "--template", out)
    assert code == 2 and "no_such_field" in err
    assert not (tmp_path / "r.docx").exists()


def test_unreadable_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "render", tmp_path / "missing.json", "-o", tmp_path / "r.docx")
    assert code == 2 and "文件不存在" in err
