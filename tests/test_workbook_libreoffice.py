"""Exported workbooks opened in LibreOffice Calc: the formulas compute the report's totals, and a
workbook saved by Calc (formulas now with saved results) imports back into the same report.

Skipped where LibreOffice Calc is not installed (``scripts/setup.sh --dev`` installs it).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from reportdesk.form import Form, load_form
from reportdesk.report import Report, dumps
from reportdesk.workbook import import_workbook, write_workbook
from reportdesk.workbook.layout import table_sheets

from .conftest import load_data

NAMES = ("huaian-city-gov-2024", "hongze-district-gov-2023")
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def soffice(tmp: Path, target: str, outdir: Path, files: list[Path]) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice 未安装")
    profile = (tmp / "lo-profile").as_uri()
    done = subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
        ]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if "could not be loaded" in done.stderr or done.returncode != 0:
        pytest.skip(f"LibreOffice Calc 不可用：{done.stderr.strip()[:200]}")


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("lo")
    form = load_form()
    files = []
    for name in NAMES:
        path = tmp / f"{name}.xlsx"
        write_workbook(load_data(name), form, path)
        files.append(path)
    (tmp / "csv").mkdir()
    (tmp / "xlsx").mkdir()
    soffice(tmp, ALL_SHEETS_CSV, tmp / "csv", files)
    soffice(tmp, "xlsx:Calc MS Excel 2007 XML", tmp / "xlsx", files)
    return tmp / "csv", tmp / "xlsx"


def shown(value: object) -> str:
    return "" if value is None else str(value)


@pytest.mark.parametrize("name", NAMES)
def test_calc_shows_every_figure_of_the_report(form: Form, converted: tuple[Path, Path], name: str) -> None:
    report = load_data(name)
    checked = 0
    for layout in table_sheets(form):
        with (converted[0] / f"{name}-{layout.name}.csv").open(encoding="utf-8") as f:
            rows = list(csv.reader(f))
        for key, (r, c) in layout.cells.items():
            assert rows[r - 1][c - 1] == shown(report.value(key)), (layout.name, key)
            checked += 1
    assert checked == len(form.cells)


@pytest.mark.parametrize("name", NAMES)
def test_a_workbook_saved_by_calc_imports_into_the_same_report(
    form: Form, converted: tuple[Path, Path], name: str
) -> None:
    original: Report = load_data(name)
    back, _ = import_workbook(converted[1] / f"{name}.xlsx", form)
    assert dumps(back, form) == dumps(original, form)
