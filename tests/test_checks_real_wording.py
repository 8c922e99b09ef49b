"""TXT-NUM on wording officers really use: every sentence either agrees with the tables, is flagged
with the right table figure, or is knowingly not checked — never flagged wrongly.

REAL holds sentences quoted from the published reports under ``../shared/reference`` (the two .txt
transcriptions and the text ``pdftotext`` gets from the three PDFs in ``reference/real``), each
checked against its own report's tables (``tests/data``). VARIANTS are the same sentences with a
figure changed, or rewritten the way officers word combined and relative claims (the wording of
issue 12): 予以公开及部分公开 N 件，占 X% (（一）+（二）, share of （七）), 不予公开 N 件 (all of （三）),
无法提供 N 件 (all of （四）), 同比增长 N% (against last year when given, else not checked), and
figures of 次 / 条 / 人次 that no table holds. ``test_real_sentences_are_quoted_as_published`` (marked
``reference``) checks that every REAL sentence is in the published text.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from reportdesk.checks import check
from reportdesk.checks.text_common import normalize
from reportdesk.checks.text_numbers import claims
from reportdesk.form import Form
from reportdesk.report import Report

from .conftest import load_data

AGREES, FLAGGED, UNCHECKED = "agrees", "flagged", "unchecked"
REPORTS = {
    "洪泽2023": "hongze-district-gov-2023",
    "洪泽2024": "hongze-district-gov-2024",
    "淮安2024": "huaian-city-gov-2024",
    "东湖2023": "seed-donghu-zwfw-2023",
}
SOURCES = {
    "洪泽2023": "real/hongze-district-gov-2023.pdf",
    "洪泽2024": "real/hongze-district-gov-2024.pdf",
    "淮安2024": "huaian-city-gov-2024.txt",
    "东湖2023": "seed-donghu-zwfw-2023.txt",
}

# (report, part, sentence as published, what the check must do, figures read or the figure expected)
REAL: list[tuple[str, str, str, str, Any]] = [
    ("洪泽2023", "s1.active", "2023 年，我区在政府网站平台主动公开政府信息 1136 条", UNCHECKED, None),
    ("洪泽2023", "s1.request", "2023 年全区受理政府信息公开申请 21 件，均在法定期限答复", AGREES, ["21"]),
    ("洪泽2023", "s6", "全年收取政府信息公开信息处理费 0 元", UNCHECKED, None),
    (
        "洪泽2024",
        "s1.active",
        "2024 年，我区在政府网站平台主动发布各类政府信息 2428 条，公开政府常务会议 7期，解读信息发布 7 条",
        UNCHECKED,
        None,
    ),
    # The district government's own office, in a report that sums every body of the district (95).
    (
        "洪泽2024",
        "s1.request",
        "2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复",
        UNCHECKED,
        None,
    ),
    (
        "洪泽2024",
        "s5.improvements",
        "有效降低行政复议、行政诉讼发生率和纠错率",
        UNCHECKED,
        None,
    ),
    ("淮安2024", "s1.active", "2024年，市政府网站主动公开各类政府信息5500余条", UNCHECKED, None),
    (
        "淮安2024",
        "s1.active",
        "全年新增公开市政府规章1件、市政府及市政府办政策性文件11件，通过文字、图片等形式制作政策解读21个，"
        "制作《淮安市人民政府公报》6期",
        UNCHECKED,
        None,
    ),
    (
        "淮安2024",
        "s1.request",
        "2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复），"
        "均在法定期限内予以答复",
        AGREES,
        ["3119", "3050", "34", "103"],
    ),
    (
        "淮安2024",
        "s1.request",
        "政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件",
        AGREES,
        ["351", "72", "64", "178", "37"],
    ),
    (
        "淮安2024",
        "s1.request",
        "政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件",
        AGREES,
        ["46", "25", "5", "9", "7"],
    ),
    (
        "淮安2024",
        "s1.platform",
        "截至目前，全市在运维政务新媒体共计95个，在省办2024年四个季度政务新媒体检查抽查中，合格率均为100%",
        UNCHECKED,
        None,
    ),
    (
        "淮安2024",
        "s1.oversight",
        "根据省政务公开年度和季度监测指标，全年组织4次政府信息公开栏目全覆盖检查",
        UNCHECKED,
        None,
    ),
    ("淮安2024", "s6", "全年收取政府信息公开信息处理费3940元", UNCHECKED, None),
    (
        "东湖2023",
        "s1.active",
        "2023年，政务服务和大数据管理局通过东湖高新区门户网站主动公开审批核准备案信息、工程建设领域信息、"
        "重大建设项目信息等各类信息204条",
        UNCHECKED,
        None,
    ),
    ("东湖2023", "s1.request", "2023年共收到42条依申请公开申请，全部按时、高效完成答复", AGREES, ["42"]),
    (
        "东湖2023",
        "s1.platform",
        "截至2023年末公众号粉丝量已达50万人，累计阅读量超245万人次",
        UNCHECKED,
        None,
    ),
]

# Variants: a figure changed (flagged with the table's figure), and the same facts worded as
# officers word combined and relative claims. 东湖2023: 一 42, 二 0, （七） 42, （一） 12, （二） 0,
# （三） 6 + 1, （四） 18, （五） 0, （六） 5; 淮安2024: （一） 1362, （二） 454, （七） 3050.
VARIANTS: list[tuple[str, str, str, str, Any]] = [
    ("洪泽2023", "s1.request", "2023 年全区受理政府信息公开申请 12 件，均在法定期限答复", FLAGGED, "21"),
    ("洪泽2024", "s1.request", "2024 年，全区受理政府信息公开申请 95 件", AGREES, ["95"]),
    ("洪泽2024", "s1.request", "2024 年，全区受理政府信息公开申请 17 件", FLAGGED, "95"),
    ("淮安2024", "s1.request", "2024年，全市共受理政府信息公开申请3191件", FLAGGED, "3119 或 3153"),
    ("淮安2024", "s1.request", "答复3005件", FLAGGED, "3050"),
    ("淮安2024", "s1.request", "含上年度结转申请43件", FLAGGED, "34"),
    ("淮安2024", "s1.request", "另有130件顺延到下年度答复", FLAGGED, "103"),
    ("淮安2024", "s1.request", "政府信息公开行政复议315件", FLAGGED, "351"),
    ("淮安2024", "s1.request", "政府信息公开行政复议351件，其中结果维持27件", FLAGGED, "72"),
    ("淮安2024", "s1.request", "政府信息公开行政诉讼64件", FLAGGED, "46"),
    ("淮安2024", "s1.request", "其中予以公开1362件，部分公开454件", AGREES, ["1362", "454"]),
    ("淮安2024", "s1.request", "予以公开及部分公开1816件，占59.54%", AGREES, ["1816", "59.54"]),
    ("淮安2024", "s1.request", "予以公开和部分公开的申请共1816件", AGREES, ["1816"]),
    ("淮安2024", "s1.request", "予以公开及部分公开1362件", FLAGGED, "1816"),
    ("淮安2024", "s1.request", "予以公开及部分公开1816件，占65%", FLAGGED, "60%"),
    ("淮安2024", "s1.request", "予以公开及部分公开1816件，占65.00%", FLAGGED, "59.54%"),
    ("东湖2023", "s1.request", "予以公开及部分公开12件，占28.57%", AGREES, ["12", "28.57"]),
    ("东湖2023", "s1.request", "予以公开、部分公开共12件", AGREES, ["12"]),
    ("东湖2023", "s1.request", "不予公开7件", AGREES, ["7"]),
    ("东湖2023", "s1.request", "不予公开8件", FLAGGED, "7"),
    ("东湖2023", "s1.request", "无法提供18件", AGREES, ["18"]),
    ("东湖2023", "s1.request", "无法提供17件", FLAGGED, "18"),
    ("东湖2023", "s1.request", "不予处理0件，其他处理5件", AGREES, ["0", "5"]),
    ("东湖2023", "s1.request", "予以公开率为28.6%", AGREES, ["28.6"]),
    ("东湖2023", "s1.request", "予以公开12件，占比35%", FLAGGED, "29%"),
    ("东湖2023", "s1.request", "2023年共收到24条依申请公开申请", FLAGGED, "42"),
    # A change against last year is read, and compared only with last year's report (see RELATIVE).
    ("东湖2023", "s1.request", "2023年共收到42条依申请公开申请，同比增长20%", AGREES, ["42", "20"]),
    ("东湖2023", "s1.request", "予以公开12件，同比下降25%", AGREES, ["12", "25"]),
    ("东湖2023", "s1.request", "予以公开率同比提高5个百分点", UNCHECKED, None),
    ("东湖2023", "s1.request", "予以公开率较上年提高5%", UNCHECKED, None),
    # Figures no table holds.
    ("东湖2023", "s1.request", "接待群众现场查阅和咨询120人次", UNCHECKED, None),
    ("东湖2023", "s1.request", "召开依申请公开工作推进会3次，印发答复文书模板12份", UNCHECKED, None),
    ("东湖2023", "s1.active", "发布政策解读稿件86条，回应社会关切25次", UNCHECKED, None),
    ("东湖2023", "s1.oversight", "办理人大代表建议和政协提案15件", UNCHECKED, None),
    ("东湖2023", "s1.request", "受理12345热线转办工单3000件", UNCHECKED, None),
    ("淮安2024", "s1.request", "市政府办公室受理政府信息公开申请211件", UNCHECKED, None),
]

Case = tuple[str, str, str, str, Any]


def report_with(name: str, key: str, sentence: str) -> Report:
    """The report the sentence comes from, with ``sentence`` as the only text of its part."""
    return load_data(REPORTS[name]).with_text(key, sentence + "。")


def assert_holds(form: Form, case: Case, previous: Report | None = None) -> None:
    name, key, sentence, outcome, figures = case
    report = report_with(name, key, sentence)
    summed = report.agency.kind == "government"
    read = [str(c.value) for c in claims(form, normalize(report.text(key)), key, report.year, summed)[0]]
    found = [f for f in check(form, report, previous) if f.code == "TXT-NUM" and f.texts == (key,)]
    if outcome == AGREES:
        assert (read, found) == (figures, [])
    elif outcome == UNCHECKED:
        assert (read, found) == ([], [])
    else:
        assert [f.expected for f in found] == [figures], [f.message for f in found]


@pytest.mark.parametrize("case", REAL, ids=[f"{c[0]}:{c[2][:24]}" for c in REAL])
def test_real_sentences(form: Form, case: Case) -> None:
    assert_holds(form, case)


@pytest.mark.parametrize("case", VARIANTS, ids=[f"{c[0]}:{c[2][:24]}" for c in VARIANTS])
def test_variants(form: Form, case: Case) -> None:
    assert_holds(form, case)


def test_there_are_at_least_forty_sentences() -> None:
    assert len(REAL) + len(VARIANTS) >= 40 and len({c[2] for c in REAL + VARIANTS}) == len(REAL + VARIANTS)


# 同比 with last year's report (东湖2023 as this year: 一 42, （一） 12; last year 一 35, （一） 16).
RELATIVE: list[tuple[str, str, Any]] = [
    ("2023年共收到42条依申请公开申请，同比增长20%", AGREES, None),
    ("2023年共收到42条依申请公开申请，较上年增长20.0%", AGREES, None),
    ("2023年共收到42条依申请公开申请，同比增加7件", AGREES, None),
    ("2023年共收到42条依申请公开申请，同比增长30%", FLAGGED, "增长20%"),
    ("2023年共收到42条依申请公开申请，同比下降20%", FLAGGED, "增长20%"),
    ("予以公开12件，同比下降25%", AGREES, None),
    ("予以公开12件，同比减少4件", AGREES, None),
    ("予以公开12件，同比减少5件", FLAGGED, "减少4件"),
    ("予以公开率同比提高5个百分点", UNCHECKED, None),
]


@pytest.mark.parametrize(("sentence", "outcome", "expected"), RELATIVE, ids=[r[0][-12:] for r in RELATIVE])
def test_relative_claims_against_last_year(form: Form, sentence: str, outcome: str, expected: Any) -> None:
    report = report_with("东湖2023", "s1.request", sentence)
    last = Report(
        year=2022,
        agency=report.agency,
        cells={**report.cells, "t3.new.total": 35, "t3.disclosed.total": 16},
    )
    found = [f for f in check(form, report, last) if f.code == "TXT-NUM"]
    if outcome == FLAGGED:
        assert [f.expected for f in found] == [expected], [f.message for f in found]
        assert "上年" in found[0].message
    else:
        assert found == []


def published_text(reference: Path, name: str) -> str:
    """The published text of a report: the .txt transcription, or what pdftotext reads from the PDF."""
    path = reference / SOURCES[name]
    if path.suffix == ".pdf":
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    return path.read_text(encoding="utf-8")


def squeeze(text: str) -> str:
    """Text without spaces, line breaks and page numbers (-3-), as a sentence reads across them."""
    return re.sub(r"\s+|-\d+-", "", text)


@pytest.mark.reference
def test_real_sentences_are_quoted_as_published(reference: Path) -> None:
    texts = {name: squeeze(published_text(reference, name)) for name in SOURCES}
    missing = [c[2] for c in REAL if squeeze(c[2]) not in texts[c[0]]]
    assert missing == []
