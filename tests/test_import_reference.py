"""Importing the real published reports gives every figure and paragraph as transcribed by hand.

Sources: the two reference texts (their copies in tests/data) and the three real PDFs of the reference
corpus, ../shared/reference/real/ (tests marked ``reference``); the expected values are the hand-checked
JSON files in tests/data.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from reportdesk.form import Form, load_form
from reportdesk.importers import ImportResult, import_report

from .conftest import DATA, load_data, reference_dir

# The two texts are small and copied into tests/data; the PDFs stay in the reference corpus.
TEXTS = ("seed-donghu-zwfw-2023.txt", "huaian-city-gov-2024.txt")

CASES = [
    ("seed-donghu-zwfw-2023.txt", "seed-donghu-zwfw-2023"),
    ("huaian-city-gov-2024.txt", "huaian-city-gov-2024"),
    pytest.param("real/huaian-city-gov-2024.pdf", "huaian-city-gov-2024", marks=pytest.mark.reference),
    pytest.param(
        "real/hongze-district-gov-2023.pdf", "hongze-district-gov-2023", marks=pytest.mark.reference
    ),
    pytest.param(
        "real/hongze-district-gov-2024.pdf", "hongze-district-gov-2024", marks=pytest.mark.reference
    ),
]


def source(name: str) -> Path:
    """A text from tests/data, a file of the corpus from the reference directory."""
    return DATA / name if name in TEXTS else reference_dir() / name


@cache
def imported(name: str) -> ImportResult:
    """Each reference file imported once for the module's tests (the import is deterministic)."""
    return import_report(source(name), load_form())


@cache
def as_hinted(name: str) -> ImportResult:
    """The file imported again with the cut the narrative agrees with chosen for each question."""
    questions = imported(name).questions
    assert all(q.hint is not None for q in questions)
    return import_report(source(name), load_form(), choices={q.id: q.hint or 0 for q in questions})


@pytest.mark.parametrize(("file", "expected"), CASES)
def test_every_figure_as_printed(form: Form, file: str, expected: str) -> None:
    """Every figure, read as printed or, where a run is asked about, the narrative's hint."""
    result = as_hinted(file)
    want = load_data(expected)
    differing = {
        k: (result.report.cells.get(k), v) for k, v in want.cells.items() if result.report.cells.get(k) != v
    }
    assert differing == {}
    assert result.report.year == want.year


@pytest.mark.parametrize(("file", "expected"), CASES)
def test_every_paragraph_as_transcribed(form: Form, file: str, expected: str) -> None:
    got = imported(file).report
    want = load_data(expected)
    for key in (*form.text_keys, "intro"):
        assert got.text(key) == want.text(key), key


@pytest.mark.parametrize(("file", "expected"), CASES)
def test_agency_from_the_title(form: Form, file: str, expected: str) -> None:
    got = imported(file).report.agency
    want = load_data(expected).agency
    # The 洪泽 2023 title prints "洪泽区人民政府" where the transcription names the full 淮安市洪泽区人民政府.
    assert got.name and want.name.endswith(got.name)
    assert got.kind == want.kind
    assert got.website == want.website


@pytest.mark.parametrize("name", TEXTS)
@pytest.mark.reference
def test_the_copies_in_tests_data_are_the_reference_texts(reference: Path, name: str) -> None:
    assert (DATA / name).read_bytes() == (reference / name).read_bytes()


@pytest.mark.reference
def test_hongze_one_row_other_handling_is_old_format_and_kept_under_3(form: Form) -> None:
    result = imported("real/hongze-district-gov-2024.pdf")
    old = [f for f in result.findings if f.code == "OLD-FORMAT"]
    assert len(old) == 1
    assert "（六）其他处理" in old[0].message
    assert "t3.other.1.natural" in old[0].cells
    # the typo in the printed row label is tolerated and said
    assert any("2.其他法律行政止公开" in n and "2.其他法律行政法规禁止公开" in n for n in result.notes)


@pytest.mark.reference
def test_the_checks_run_on_the_import(form: Form) -> None:
    result = imported("real/hongze-district-gov-2023.pdf")
    t4 = [f.cells[0] for f in result.findings if f.code == "T4-TOTAL"]
    assert t4 == ["t4.review.total", "t4.suit_after_review.total"]


def test_a_clean_report_imports_without_findings(form: Form) -> None:
    result = imported("seed-donghu-zwfw-2023.txt")
    assert list(result.findings) == []
    assert result.problems == ()
    assert result.cells_read() == len(form.cells)


def test_table_four_run_together_is_asked_with_the_narratives_hint(form: Form) -> None:
    """Three cuts keep table 四's totals; nothing beyond its own row checks it: asked, the cut the
    narrative agrees with marked, and that one is the printed one."""
    result = imported("huaian-city-gov-2024.txt")
    [question] = result.questions
    assert question.printed == "726417837351134812612116 20" and len(question.options) == 3
    assert result.report.cells["t4.suit_after_review.upheld"] is None
    assert as_hinted("huaian-city-gov-2024.txt").report.cells["t4.suit_after_review.upheld"] == 12


@pytest.mark.reference
def test_where_each_part_was_found(form: Form) -> None:
    result = imported("real/huaian-city-gov-2024.pdf")
    found = dict(result.found)
    assert found["标题"] == "第1页第3行"
    assert found["三、收到和处理政府信息公开申请情况"].startswith("第4页")
    assert found["表四"].startswith("第5页")
