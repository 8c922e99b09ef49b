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


def _twice_with_another_figure(folder: Path, suffix: str, other_first: bool) -> Path:
    """The seed report published (.docx or .html) with its table 三 printed twice, one copy saying
    1042 where the other says 42 (the natural persons' new requests)."""
    import copy

    source = folder / f"seed{suffix}"
    command = "render" if suffix == ".docx" else "publish"
    assert main([command, str(hostile.SEED), "-o", str(source)]) == 0
    if suffix == ".html":
        text = source.read_text(encoding="utf-8")
        starts = [i for i in range(len(text)) if text.startswith("<table", i)]
        end = text.index("</table>", starts[1]) + len("</table>")
        table = text[starts[1] : end]
        other = table.replace(">42<", ">1042<", 1)
        assert other != table
        pair = other + table if other_first else table + other
        source.write_text(text[: starts[1]] + pair + text[end:], encoding="utf-8")
        return source
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(source))
    table = document.tables[1]._tbl
    other = copy.deepcopy(table)
    cell = next(t for t in other.iter(qn("w:t")) if t.text == "42")
    cell.text = "1042"
    if other_first:
        table.addprevious(other)
    else:
        table.addnext(other)
    document.save(str(source))
    return source


@pytest.mark.parametrize("suffix", [".docx", ".html"])
@pytest.mark.parametrize("other_first", [False, True])
def test_a_figure_printed_twice_differently_is_not_imported(
    suffix: str, other_first: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two copies of a table that disagree on a figure: neither is guessed; the cell is left to the
    officer and both figures are named."""
    import json

    source = _twice_with_another_figure(tmp_path, suffix, other_first)
    capsys.readouterr()
    out = tmp_path / "out.json"
    code = main(["import", str(source), "-o", str(out)])
    said, err = capsys.readouterr()
    hostile.assert_clean(code, err, hide=(str(tmp_path),))
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    assert cells.get("t3.new.natural") is None, cells.get("t3.new.natural")
    assert cells["t3.new.commercial"] == 0  # the copies agree there: read
    assert "两处印的数字不同" in said and "42" in said and "1042" in said


@pytest.mark.parametrize("inner", ["1042", "42"])
def test_a_table_inside_a_cell_of_table_three_is_not_taken_for_it(
    inner: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A web page whose table 三 holds, in its first cell, another copy of table 三: what the page
    shows in table 三 itself is read; a copy saying otherwise is named, never taken instead."""
    import json

    page = tmp_path / "seed.html"
    assert main(["publish", str(hostile.SEED), "-o", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    starts = [i for i in range(len(text)) if text.startswith("<table", i)]
    table = text[starts[1] : text.index("</table>", starts[1]) + len("</table>")]
    first_cell = text.index(">", text.index("<t", starts[1] + 6)) + 1  # inside the first <tr>'s cell
    first_cell = text.index(">", text.index("<t", first_cell)) + 1
    copy = table.replace(">42<", f">{inner}<", 1)
    page.write_text(text[:first_cell] + copy + text[first_cell:], encoding="utf-8")
    capsys.readouterr()
    out = tmp_path / "out.json"
    code = main(["import", str(page), "-o", str(out)])
    said, err = capsys.readouterr()
    hostile.assert_clean(code, err, hide=(str(tmp_path),))
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    assert cells["t3.new.commercial"] == 0
    if inner == "42":
        assert cells["t3.new.natural"] == 42
    else:
        assert cells.get("t3.new.natural") is None and "两处印的数字不同" in said
