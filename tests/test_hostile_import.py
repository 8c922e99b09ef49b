"""Published reports made to break the importers: refused (or read) in Chinese, never a traceback,
never minutes of work or gigabytes of memory, nothing written when refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reportdesk.cli import main

from . import hostile

CASES: dict[str, tuple[Callable[[Path], Path], str, int]] = {
    "100k nested <div>": (lambda d: hostile.nested_divs(d / "page.html"), "", 0),
    "PDF inflating past 75 MB": (lambda d: hostile.flate_bomb_pdf(d / "bomb.pdf"), "压缩炸弹", 2),
    "PDF inflating 200:1 into text operators": (
        lambda d: hostile.text_bomb_pdf(d / "ops.pdf"),
        "压缩炸弹",
        2,
    ),
    "UTF-16 text with a lone surrogate": (
        lambda d: hostile.utf16_surrogate_txt(d / "r.txt"),
        "不成对的代理项",
        2,
    ),
    "2 GB text": (lambda d: hostile.sparse(d / "big.txt"), "", 2),
    "2 GB web page": (lambda d: hostile.sparse(d / "big.html"), "", 2),
    "2 GB PDF": (lambda d: hostile.sparse(d / "big.pdf"), "", 2),
    "2 GB workbook": (lambda d: hostile.sparse(d / "big.xlsx"), "文件过大", 2),
    "600-byte file name": (lambda d: hostile.long_name(d, 600, ".docx"), "文件名过长", 2),
}


@pytest.mark.parametrize("case", CASES)
def test_hostile_published_reports(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, reason, expected = CASES[case]
    source = make(tmp_path)
    out = tmp_path / "out.json"
    code = main(["import", str(source), "-o", str(out)])
    err = capsys.readouterr().err
    hostile.assert_clean(code, err, hide=(str(source), str(tmp_path)))
    assert code == expected, err
    assert reason in err
    assert out.exists() == (code == 0)
