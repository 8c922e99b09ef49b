"""TXT-NUM on wording officers really use: every figure of every sentence either agrees with the
tables, is flagged with the right table figure, or is knowingly not checked — never flagged wrongly.

REAL holds every sentence of the four published reports under ``../shared/reference`` that states a
number (the two .txt and ``pdftotext -layout`` of the three PDFs in ``reference/real``; the 淮安 .txt
is the text of its PDF), plus the two that speak of 复议/诉讼 or of nothing happening without a digit.
Each is checked against the tables of its own report as the project's importer reads them
(``tests/data/checks/wording-reports.json``, written by ``tests/data/checks/make_wording_reports.py``). The
expected outcome of each figure was decided by reading the report's tables, not by running the code.
VARIANTS are the same facts with a figure changed (flagged with the table's figure) or worded as
officers word combined, relative and share claims: 予以公开及部分公开 N 件，占 X% (（一）+（二）), 不予公开
N 件 (all of （三）), 无法提供 N 件 (all of （四）), shares of （七）总计, of 一 or of 一+二 (flagged only when
they fit none), 同比增长 N% (against last year when given, else not checked), and figures of 次 / 条 /
人次 that no table holds. The tests marked ``reference`` check that every REAL sentence is printed
verbatim in its report, that no sentence stating a number is missing from REAL, and that the fixture
still holds what the importer reads.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from reportdesk.checks import check
from reportdesk.checks.text_common import normalize
from reportdesk.checks.text_numbers import claims
from reportdesk.form import Form, load_form
from reportdesk.report import FORMAT, Report, report_from_data

from .conftest import DATA

FIXTURE = DATA / "checks" / "wording-reports.json"
SCRIPT = DATA / "checks" / "make_wording_reports.py"

# Why a figure is not compared with the tables.
YEAR = "a year (TXT-YEAR reads years)"
DATE = "a date of the statistical period"
DOC = "a document number"
CONTACT = "address, post code, telephone or e-mail"
ITEMS = "items of information published or explained: no table holds them (table 二 counts documents)"
ISSUES = "issues of a gazette or meetings held: no table holds them"
FEE_YUAN = "信息处理费 collected, in 元: no cell holds it (行政事业性收费 is another thing, in 万元); S6-FEE reads it"


@dataclass
class Case:
    """A sentence of a report's part and what a careful reader expects of each of its figures.

    ``read``: the figures TXT-NUM reads and compares, in text order; ``flagged``: of those, the ones
    that disagree, each with the table figure(s) the finding names; ``unchecked``: every other figure
    (or number word) of the sentence and why it is not compared.
    """

    report: str
    part: str
    sentence: str
    read: tuple[str, ...] = ()
    flagged: tuple[tuple[str, str], ...] = ()
    unchecked: dict[str, str] = field(default_factory=dict)


# Tables (read by the importer): 东湖2023 一 42, 二 0, （七） 42, 四 0, （一） 12, （二） 0, （三） 7, （四） 18,
# （五） 0, （六） 5, table 四 all 0. 淮安2024 一 3119, 二 34, （七） 3050, 四 103, （一） 1362, （二） 454, （三） 178,
# （四） 781; 复议 72/64/178/37/351, 直接起诉 13/4/8/1/26, 复议后起诉 12/1/1/6/20; 规章 本年制发 1, 行政规范性文件 8.
# 洪泽2023 一 21, 二 0, （七） 21, 四 0, （一） 0, （二） 4; 复议 10/1/0/0/总计 0 and 复议后起诉 5/0/0/0/总计 0 as
# printed (T4-TOTAL). 洪泽2024 一 95, 二 0, （七） 95, 四 0, （一） 50, （二） 9, （三） 3, （四） 32, （五） 1;
# 复议 1/1/0/0/2, 直接起诉 1/0/0/0/1, 复议后起诉 2/0/1/0/3.
REAL: list[Case] = [
    # 东湖2023 (a department's own report)
    Case(
        "东湖2023",
        "intro",
        "根据《中华人民共和国政府信息公开条例》（国务院令第711号）和《国务院办公厅政府信息与政务公开办公室关于印发"
        "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，编制本年度报告",
        unchecked={"711": DOC, "2021": DOC, "30": DOC},
    ),
    Case(
        "东湖2023",
        "intro",
        "本年报中所列数据的统计期限自2023年1月1日起至2023年12月31日止",
        unchecked={"2023": YEAR, "1": DATE, "12": DATE, "31": DATE},
    ),
    Case(
        "东湖2023",
        "s1.active",
        "2023年，政务服务和大数据管理局通过东湖高新区门户网站主动公开审批核准备案信息、工程建设领域信息、"
        "重大建设项目信息等各类信息204条",
        unchecked={"2023": YEAR, "204": ITEMS},
    ),
    Case(
        "东湖2023",
        "s1.request",
        "2023年共收到42条依申请公开申请，全部按时、高效完成答复",
        read=("42",),
        unchecked={"2023": YEAR},
    ),
    Case(
        "东湖2023",
        "s1.platform",
        "二是持续提升“光谷政务”微信公众号影响力，充分发挥政务新媒体作用，主动、及时、全面将政务服务相关信息推送给"
        "全区市场主体及群众，截至2023年末公众号粉丝量已达50万人，累计阅读量超245万人次",
        unchecked={"2023": YEAR, "50": "followers, in 万人", "245": "readings, in 万人次"},
    ),
    Case(
        "东湖2023",
        "s1.oversight",
        "全年未发生因不履行政务公开义务而发生的责任追究的情况",
        unchecked={
            "未发生": "no 责任追究 (a zero in words): no table holds it; only 未发生…复议/诉讼 is read"
        },
    ),
    Case(
        "东湖2023",
        "s5.problems",
        "存在问题：2023年政务服务和大数据管理局政府信息公开工作有了较大提升，但在全面性、系统性、规范性方面需要进一步加强",
        unchecked={"2023": YEAR},
    ),
    Case(
        "东湖2023",
        "s6",
        "按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）规定的按件、"
        "按量收费标准，2023年未产生信息公开处理费",
        unchecked={"2020": DOC, "109": DOC, "2023": YEAR, "未产生": FEE_YUAN},
    ),
    # 淮安2024 (the city's report: its tables sum every body of the city)
    Case(
        "淮安2024",
        "intro",
        "本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711号）（以下简称《条例》）规定编制",
        unchecked={"711": DOC},
    ),
    Case(
        "淮安2024",
        "intro",
        "报告所列统计期限自2024年1月1日至2024年12月31日",
        unchecked={"2024": YEAR, "1": DATE, "12": DATE, "31": DATE},
    ),
    Case(
        "淮安2024",
        "intro",
        "如对本报告有疑问，请与淮安市人民政府办公室联系（地址：淮安市翔宇南道1号，邮编：223001，电话：0517-83605210，"
        "电子邮箱：hazwgkc@163.com）",
        unchecked={"1": CONTACT, "223001": CONTACT, "0517": CONTACT, "83605210": CONTACT, "163": CONTACT},
    ),
    Case(
        "淮安2024",
        "s1.active",
        "2024年，我市坚持以习近平新时代中国特色社会主义思想为指导，认真学习宣传贯彻党的二十大和二十届二中、三中全会精神，"
        "按照党中央国务院、省委省政府决策部署和市委工作要求，严格落实《中华人民共和国政府信息公开条例》各项规定，"
        "圆满完成了各项任务",
        unchecked={"2024": YEAR, "二十大": "the name of a Party congress and its plenums"},
    ),
    Case(
        "淮安2024",
        "s1.active",
        "2024年，市政府网站主动公开各类政府信息5500余条，全年新增公开市政府规章1件、市政府及市政府办政策性文件11件，"
        "通过文字、图片等形式制作政策解读21个，制作《淮安市人民政府公报》6期",
        unchecked={
            "2024": YEAR,
            "5500": ITEMS,
            "1": "规章 published: agrees with table 二 (本年制发 1), whose figures TXT-NUM does not compare",
            "11": "policy documents of the government and its office: not table 二's 行政规范性文件 (8), another count",
            "21": ITEMS,
            "6": ISSUES,
        },
    ),
    Case(
        "淮安2024",
        "s1.active",
        "紧紧围绕保障民生、深化改革、科技创新等工作主线，组织召开了“春节前后服务企业用工和促进返乡人员就业创业专项活动”"
        "“建设‘四最’一流营商环境高质量推进产业发展”“加快建设长三角北部重要产业科技创新高地的若干政策”等新闻发布会12场，"  # noqa: RUF001
        "努力传递政府声音、宣传政策法规、回应舆论关切",
        unchecked={"12": "press conferences (场): no table holds them"},
    ),
    Case(
        "淮安2024",
        "s1.request",
        "2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复），"
        "均在法定期限内予以答复",
        read=("3119", "3050", "34", "103"),  # 一, （七）总计, 二, 四
        unchecked={"2024": YEAR},
    ),
    Case(
        "淮安2024",
        "s1.request",
        "政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件；政府信息公开行政诉讼46件，"
        "其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件",
        # 复议 as printed; 诉讼 = 直接起诉 + 复议后起诉 (26 + 20, 13 + 12, 4 + 1, 8 + 1, 1 + 6)
        read=("351", "72", "64", "178", "37", "46", "25", "5", "9", "7"),
    ),
    Case(
        "淮安2024",
        "s1.platform",
        "截至目前，全市在运维政务新媒体共计95个，在省办2024年四个季度政务新媒体检查抽查中，合格率均为100%",
        unchecked={
            "95": "accounts run: no table holds them",
            "2024": YEAR,
            "100": "a pass rate, not a share of table 三",
        },
    ),
    Case(
        "淮安2024",
        "s1.oversight",
        "根据省政务公开年度和季度监测指标，全年组织4次政府信息公开栏目全覆盖检查，并出具各县区、各部门政务公开评估分报告",
        unchecked={"4": "inspections (次): no table holds them"},
    ),
    Case(
        "淮安2024",
        "s6",
        "2024年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元",
        unchecked={"2024": YEAR, "3940": FEE_YUAN},
    ),
    # 洪泽2023 (the district's report: its tables sum every body of the district)
    Case(
        "洪泽2023",
        "intro",
        "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711号）（以下简称《条例》）"
        "要求编制此报告",
        unchecked={"711": DOC},
    ),
    Case(
        "洪泽2023",
        "intro",
        "报告中所列数据统计期限自2023年1月1日起至2023年12月31日止",
        unchecked={"2023": YEAR, "1": DATE, "12": DATE, "31": DATE},
    ),
    Case(
        "洪泽2023",
        "intro",
        "如对本报告有疑问，请与淮安市洪泽区人民政府办公室联系（地址：淮安市洪泽区洪泽湖大道90号，邮编：223100，"
        "电话：0517-87222589，电子邮箱：hzzwgk@126.com）",
        unchecked={"90": CONTACT, "223100": CONTACT, "0517": CONTACT, "87222589": CONTACT, "126": CONTACT},
    ),
    Case(
        "洪泽2023",
        "s1.active",
        "2023年，洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》相关规范要求，"
        "不断完善政府信息公开制度，建立健全政府信息公开保障机制，始终将政务公开工作摆在重要位置，推进政府信息公开工作"
        "规范、有序、健康发展",
        unchecked={"2023": YEAR},
    ),
    Case(
        "洪泽2023",
        "s1.active",
        "2023年，我区在政府网站平台主动公开政府信息1136条",
        unchecked={"2023": YEAR, "1136": ITEMS},
    ),
    Case(
        "洪泽2023",
        "s1.request",
        "2023年全区受理政府信息公开申请21件，均在法定期限答复",
        read=("21",),
        unchecked={"2023": YEAR},
    ),
    Case(
        "洪泽2023",
        "s5.problems",
        "2023年，洪泽区政府信息公开工作取得一定的成效，但对照上级要求，仍存在一定差距",
        unchecked={"2023": YEAR},
    ),
    Case(
        "洪泽2023",
        "s6",
        "2023年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费0元",
        unchecked={"2023": YEAR, "0": FEE_YUAN},
    ),
    # 洪泽2024
    Case(
        "洪泽2024",
        "intro",
        "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711号）（以下简称《条例》）"
        "要求编制此报告",
        unchecked={"711": DOC},
    ),
    Case(
        "洪泽2024",
        "intro",
        "报告中所列数据统计期限自2024年1月1日起至2024年12月31日止",
        unchecked={"2024": YEAR, "1": DATE, "12": DATE, "31": DATE},
    ),
    Case(
        "洪泽2024",
        "intro",
        "如对本报告有疑问，请与淮安市洪泽区人民政府办公室联系（地址：淮安市洪泽区洪泽湖大道90号，邮编：223100，"
        "电话：0517-87290606）",
        unchecked={"90": CONTACT, "223100": CONTACT, "0517": CONTACT, "87290606": CONTACT},
    ),
    Case(
        "洪泽2024",
        "s1.active",
        "2024年，淮安市洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央国务院、省委省政府、"
        "淮安市委市政府关于全面推进政务公开工作的各项决策部署，围绕区委、区政府中心工作，以完善信息公开制度、推进公开平台"
        "建设为抓手，全面推动政务公开工作转职能、增效能、强功能，有力服务保障我区经济社会高质量发展",
        unchecked={"2024": YEAR},
    ),
    Case(
        "洪泽2024",
        "s1.active",
        "2024年，我区在政府网站平台主动发布各类政府信息2428条，公开政府常务会议7期，解读信息发布7条",
        unchecked={"2024": YEAR, "2428": ITEMS, "7": ISSUES},
    ),
    # The district government's own office, in a report whose tables sum every body of the district
    # (一 95): the office's applications are a part of the table's figure, not a contradiction of it.
    Case(
        "洪泽2024",
        "s1.request",
        "2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复",
        unchecked={"2024": YEAR, "17": "one office's own applications, a part of the district-wide 一 (95)"},
    ),
    Case(
        "洪泽2024",
        "s5.problems",
        "2024年，全区政府信息公开工作虽取得一定成绩，但对照上级要求和群众期盼，仍存在一些不足，主要是：个别部门对复杂申请件的"
        "研判能力不足，答复文书规范性有待提升，疑难问题协调处理机制尚需完善，政策解读的形式还不够丰富，政务新媒体运维管理"
        "还需加强等",
        unchecked={"2024": YEAR},
    ),
    Case(
        "洪泽2024",
        "s5.improvements",
        "针对存在问题，2025年我们将切实抓好以下工作：一是扎实推进依申请公开工作，全面梳理和优化工作流程、健全工作机制、"
        "强化部门协同配合，全面提升政府信息依申请公开规范化、专业化水平",
        unchecked={"2025": "next year, in the plans of 五 (TXT-YEAR allows it there)"},
    ),
    Case(
        "洪泽2024",
        "s5.improvements",
        "不定期更新编制适用性广、操作性强的依申请公开政府信息答复书模板，使各行政机关答复的方式、格式、不予公开依据等更加规范，"
        "有效降低行政复议、行政诉讼发生率和纠错率",
        unchecked={"发生率": "rates of 复议/诉讼 in general, no figure"},
    ),
    Case(
        "洪泽2024",
        "s6",
        "2024年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费0元",
        unchecked={"2024": YEAR, "0": FEE_YUAN},
    ),
]

PP = "a change in percentage points or of a rate: never read"
ONE_OFFICE = "one office's own applications in a government's report: a part of the table's figure"
# The same facts with a figure changed, and worded as officers word them.
VARIANTS: list[Case] = [
    # counts of applications: 一 (or 一 + 二), （七）, 二, 四
    Case(
        "洪泽2023",
        "s1.request",
        "2023 年全区受理政府信息公开申请 12 件，均在法定期限答复",
        ("12",),
        (("12", "21"),),
        {"2023": YEAR},
    ),
    Case(
        "洪泽2024", "s1.request", "2024 年，全区受理政府信息公开申请 95 件", ("95",), unchecked={"2024": YEAR}
    ),
    Case(
        "洪泽2024",
        "s1.request",
        "2024 年，全区受理政府信息公开申请 17 件",
        ("17",),
        (("17", "95"),),
        {"2024": YEAR},
    ),
    Case("洪泽2024", "s1.request", "全区共收到政府信息公开申请95件，全部按期办结", ("95",)),
    Case(
        "淮安2024",
        "s1.request",
        "2024年，全市共受理政府信息公开申请3191件",
        ("3191",),
        (("3191", "3119 或 3153"),),
        {"2024": YEAR},
    ),
    Case(
        "淮安2024",
        "s1.request",
        "全年新收政府信息公开申请3153件（含上年结转）",
        unchecked={
            "3153": "一 + 二 (it agrees), but a clause naming 结转 is never read as a receipt: it may be the carry-over"
        },
    ),
    Case("淮安2024", "s1.request", "全年共办结政府信息公开申请3050件", ("3050",)),
    Case("淮安2024", "s1.request", "答复3005件", ("3005",), (("3005", "3050"),)),
    Case("淮安2024", "s1.request", "含上年度结转申请43件", ("43",), (("43", "34"),)),
    Case("淮安2024", "s1.request", "另有130件顺延到下年度答复", ("130",), (("130", "103"),)),
    Case(
        "淮安2024",
        "s1.request",
        "其中自然人申请3001件",
        unchecked={"3001": "one applicant column: not read (it agrees)"},
    ),
    Case("淮安2024", "s1.request", "市政府办公室受理政府信息公开申请211件", unchecked={"211": ONE_OFFICE}),
    Case(
        "东湖2023", "s1.request", "2023年共收到24条依申请公开申请", ("24",), (("24", "42"),), {"2023": YEAR}
    ),
    Case("东湖2023", "s1.request", "本年度未收到政府信息公开申请", ("0",), (("0", "42"),)),
    # results: one category, categories joined, a whole group of rows
    Case("淮安2024", "s1.request", "其中予以公开1362件，部分公开454件", ("1362", "454")),
    Case("淮安2024", "s1.request", "予以公开和部分公开的申请共1816件", ("1816",)),
    Case("淮安2024", "s1.request", "予以公开及部分公开1362件", ("1362",), (("1362", "1816"),)),
    Case(
        "洪泽2024",
        "s1.request",
        "予以公开50件，部分公开9件，不予公开3件，无法提供32件，不予处理1件",
        ("50", "9", "3", "32", "1"),
    ),
    Case("东湖2023", "s1.request", "予以公开、部分公开共12件", ("12",)),
    Case("东湖2023", "s1.request", "不予公开7件", ("7",)),
    Case("东湖2023", "s1.request", "不予公开8件", ("8",), (("8", "7"),)),
    Case("东湖2023", "s1.request", "无法提供18件", ("18",)),
    Case("东湖2023", "s1.request", "无法提供17件", ("17",), (("17", "18"),)),
    Case("东湖2023", "s1.request", "不予处理0件，其他处理5件", ("0", "5")),
    # shares: of （七）总计, of 一, of 一 + 二 — flagged only when a unit of the last printed digit or
    # more away from all three (淮安: 3050, 3119, 3153)
    Case("淮安2024", "s1.request", "予以公开及部分公开1816件，占59.54%", ("1816", "59.54")),
    Case("淮安2024", "s1.request", "予以公开及部分公开1816件，占58.22%", ("1816", "58.22")),
    Case("淮安2024", "s1.request", "予以公开及部分公开1816件，占57.6%", ("1816", "57.6")),
    Case("淮安2024", "s1.request", "予以公开及部分公开1816件，占59%", ("1816", "59")),
    Case(
        "淮安2024", "s1.request", "予以公开及部分公开1816件，占65%", ("1816", "65"), (("65", "60% 或 58%"),)
    ),
    Case(
        "淮安2024",
        "s1.request",
        "予以公开及部分公开1816件，占65.00%",
        ("1816", "65.00"),
        (("65.00", "59.54% 或 58.22% 或 57.60%"),),
    ),
    Case(
        "淮安2024",
        "s1.request",
        "予以公开及部分公开1816件，占60.5%",
        ("1816", "60.5"),
        (("60.5", "59.5% 或 58.2% 或 57.6%"),),
    ),
    Case("淮安2024", "s1.request", "予以公开1362件，占44.66%", ("1362", "44.66")),
    Case("淮安2024", "s1.request", "予以公开1362件，占本年新收申请的43.67%", ("1362", "43.67")),
    Case("淮安2024", "s1.request", "予以公开1362件，占申请总数的43.20%", ("1362", "43.20")),
    Case("淮安2024", "s1.request", "予以公开率为43.7%", ("43.7",)),
    Case("淮安2024", "s1.request", "予以公开1362件，占47%", ("1362", "47"), (("47", "45% 或 44% 或 43%"),)),
    Case("淮安2024", "s1.request", "不予公开178件，占5.71%", ("178", "5.71")),
    Case("淮安2024", "s1.request", "无法提供781件，占25.61%", ("781", "25.61")),
    Case("淮安2024", "s1.request", "无法提供781件，占24.77%", ("781", "24.77")),
    Case(
        "淮安2024",
        "s1.request",
        "无法提供781件，占27.5%",
        ("781", "27.5"),
        (("27.5", "25.6% 或 25.0% 或 24.8%"),),
    ),
    Case("洪泽2024", "s1.request", "予以公开及部分公开59件，占62.11%", ("59", "62.11")),
    Case("东湖2023", "s1.request", "予以公开及部分公开12件，占28.57%", ("12", "28.57")),
    Case("东湖2023", "s1.request", "予以公开率为28.6%", ("28.6",)),
    Case("东湖2023", "s1.request", "予以公开12件，占比35%", ("12", "35"), (("35", "29%"),)),
    # table 四
    Case("淮安2024", "s1.request", "政府信息公开行政复议315件", ("315",), (("315", "351"),)),
    Case(
        "淮安2024",
        "s1.request",
        "政府信息公开行政复议351件，其中结果维持27件",
        ("351", "27"),
        (("27", "72"),),
    ),
    Case("淮安2024", "s1.request", "政府信息公开行政诉讼64件", ("64",), (("64", "46"),)),
    Case(
        "淮安2024",
        "s1.request",
        "全年未发生政府信息公开行政复议、行政诉讼案件",
        ("0", "0"),
        (("0", "351"), ("0", "46")),
    ),
    Case("东湖2023", "s1.request", "全年未发生政府信息公开行政复议、行政诉讼案件", ("0", "0")),
    Case("洪泽2024", "s1.request", "政府信息公开行政复议2件，其中结果维持1件，结果纠正1件", ("2", "1", "1")),
    Case(
        "洪泽2024",
        "s1.request",
        "政府信息公开行政诉讼4件，其中未经复议直接起诉1件，复议后起诉3件",
        ("4", "1", "3"),
    ),
    Case("洪泽2024", "s1.request", "政府信息公开行政诉讼3件", ("3",), (("3", "4"),)),
    # 洪泽2023 prints 复议 10/1/0/0 with 总计 0 (T4-TOTAL names that cell): the text may quote either
    # the printed total or what its results add up to; another figure is flagged naming both.
    Case(
        "洪泽2023", "s1.request", "政府信息公开行政复议11件，其中结果维持10件，结果纠正1件", ("11", "10", "1")
    ),
    Case("洪泽2023", "s1.request", "政府信息公开行政复议12件", ("12",), (("12", "0 或 11"),)),
    Case("洪泽2023", "s1.request", "政府信息公开行政诉讼5件", ("5",)),
    # changes against last year: read, compared only with last year's report (see RELATIVE)
    Case(
        "东湖2023",
        "s1.request",
        "2023年共收到42条依申请公开申请，同比增长20%",
        ("42", "20"),
        unchecked={"2023": YEAR},
    ),
    Case("东湖2023", "s1.request", "予以公开12件，同比下降25%", ("12", "25")),
    Case("东湖2023", "s1.request", "予以公开率同比提高5个百分点", unchecked={"5": PP}),
    Case("东湖2023", "s1.request", "予以公开率较上年提高5%", unchecked={"5": PP}),
    # figures no table holds
    Case("东湖2023", "s1.request", "接待群众现场查阅和咨询120人次", unchecked={"120": "visitors (人次)"}),
    Case(
        "东湖2023",
        "s1.request",
        "召开依申请公开工作推进会3次，印发答复文书模板12份",
        unchecked={"3": "meetings (次)", "12": "templates printed: 答复文书 is not an application"},
    ),
    Case(
        "东湖2023",
        "s1.active",
        "发布政策解读稿件86条，回应社会关切25次",
        unchecked={"86": ITEMS, "25": "responses (次)"},
    ),
    Case(
        "东湖2023",
        "s1.oversight",
        "办理人大代表建议和政协提案15件",
        unchecked={"15": "proposals, not applications"},
    ),
    Case(
        "东湖2023",
        "s1.request",
        "受理12345热线转办工单3000件",
        unchecked={"12345": "a hotline's number", "3000": "hotline tickets"},
    ),
    Case(
        "东湖2023",
        "s1.request",
        "全部按时办结，办结率100%",
        unchecked={"100": "a completion rate, not a share of one result"},
    ),
]

Outcome = tuple[tuple[str, ...], list[tuple[str, str]], list[str]]


@cache
def fixture() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


@cache
def tables_of(name: str) -> Report:
    """The report ``name`` as imported: its year, kind and every figure; no text."""
    form = load_form()
    entry = fixture()[name]
    zero = {k: ("0" if cell.kind == "amount" else 0) for k, cell in form.cells.items()}
    cells = {**zero, **entry["cells"], **dict.fromkeys(entry["blank"])}  # type: ignore[dict-item]
    data = {
        "format": FORMAT,
        "year": entry["year"],
        "agency": {"name": entry["agency"], "kind": entry["kind"]},
        "cells": cells,
    }
    return report_from_data(data, form).report


def report_with(name: str, key: str, sentence: str) -> Report:
    """The report the sentence comes from, with ``sentence`` as the only text of its part."""
    return tables_of(name).with_text(key, sentence + "。")


def outcome(form: Form, case: Case, previous: Report | None = None) -> Outcome:
    """What the checks make of the sentence: the figures read, the TXT-NUM findings as (figure
    written, table figure), and any other finding on the sentence's part (TXT-YEAR, OLD-FORMAT)."""
    report = report_with(case.report, case.part, case.sentence)
    summed = report.agency.kind == "government"
    found, _ = claims(form, normalize(report.text(case.part)), case.part, report.year, summed)
    on_part = [f for f in check(form, report, previous) if f.texts == (case.part,)]
    flagged = sorted(
        (str(f.actual).removesuffix("%"), str(f.expected)) for f in on_part if f.code == "TXT-NUM"
    )
    others = [f.code for f in on_part if f.code in ("TXT-YEAR", "OLD-FORMAT")]
    return tuple(str(c.value) for c in found), flagged, others


def assert_holds(form: Form, case: Case) -> None:
    assert outcome(form, case) == (case.read, sorted(case.flagged), [])


def case_id(case: Case) -> str:
    return f"{case.report}:{case.part}:{case.sentence[:20]}"


@pytest.mark.parametrize("case", REAL, ids=case_id)
def test_real_sentences(form: Form, case: Case) -> None:
    assert_holds(form, case)


@pytest.mark.parametrize("case", VARIANTS, ids=case_id)
def test_variants(form: Form, case: Case) -> None:
    assert_holds(form, case)


@pytest.mark.parametrize("case", REAL + VARIANTS, ids=case_id)
def test_every_figure_of_a_sentence_has_its_outcome(case: Case) -> None:
    """Every number of the sentence is read (and agrees or is flagged) or said why it is not."""
    figures = re.findall(r"\d+(?:\.\d+)?", normalize(case.sentence))
    accounted = {*case.read, *case.unchecked}
    assert [f for f in figures if f not in accounted] == []
    assert [w for w in case.unchecked if w not in normalize(case.sentence)] == []
    assert all(written in case.read for written, _ in case.flagged)


def test_the_tables_cover_every_report_and_many_sentences() -> None:
    sentences = [(c.report, c.sentence) for c in REAL + VARIANTS]
    assert len(sentences) == len(set(sentences))
    assert {c.report for c in REAL} == set(fixture())
    assert len(REAL) >= 37 and len(VARIANTS) >= 60


# ---------------------------------------------------------------------------------------------
# Changes against last year: compared only when last year's report is given.

# (this year's report, last year's: None = 东湖2023 with 一 35 and （一） 16, sentence, flagged with)
RELATIVE: list[tuple[str, str | None, str, str | None]] = [
    ("东湖2023", None, "2023年共收到42条依申请公开申请，同比增长20%", None),
    ("东湖2023", None, "2023年共收到42条依申请公开申请，较上年增长20.0%", None),
    ("东湖2023", None, "2023年共收到42条依申请公开申请，同比增加7件", None),
    ("东湖2023", None, "2023年共收到42条依申请公开申请，同比增长30%", "增长20%"),
    ("东湖2023", None, "2023年共收到42条依申请公开申请，同比下降20%", "增长20%"),
    ("东湖2023", None, "予以公开12件，同比下降25%", None),
    ("东湖2023", None, "予以公开12件，同比减少4件", None),
    ("东湖2023", None, "予以公开12件，同比减少5件", "减少4件"),
    ("东湖2023", None, "予以公开率同比提高5个百分点", None),
    # the real pair: 洪泽 2023 一 21, （一） 0 → 2024 一 95, （一） 50
    ("洪泽2024", "洪泽2023", "全区共受理政府信息公开申请95件，同比增长352.4%", None),
    ("洪泽2024", "洪泽2023", "全区共受理政府信息公开申请95件，较上年增加74件", None),
    ("洪泽2024", "洪泽2023", "全区共受理政府信息公开申请95件，同比增长35%", "增长352%"),
    ("洪泽2024", "洪泽2023", "予以公开50件，同比增加50件", None),
    ("洪泽2024", "洪泽2023", "予以公开50件，同比增长100%", None),  # from 0: no rate to compare
]


@pytest.mark.parametrize(
    ("name", "last", "sentence", "expected"), RELATIVE, ids=[r[2][-14:] for r in RELATIVE]
)
def test_relative_claims_against_last_year(
    form: Form, name: str, last: str | None, sentence: str, expected: str | None
) -> None:
    report = report_with(name, "s1.request", sentence)
    if last is None:
        previous = Report(
            year=2022,
            agency=report.agency,
            cells={**report.cells, "t3.new.total": 35, "t3.disclosed.total": 16},
        )
    else:
        previous = tables_of(last)
    found = [f for f in check(form, report, previous) if f.code == "TXT-NUM"]
    assert [f.expected for f in found] == ([expected] if expected else [])
    assert all("上年" in f.message for f in found)
    # without last year's report the change is not compared
    assert [f for f in check(form, report) if f.code == "TXT-NUM"] == []


# ---------------------------------------------------------------------------------------------
# Against the published reports (marked `reference`)


def script() -> ModuleType:
    """tests/data/checks/make_wording_reports.py, which wrote the fixture."""
    spec = importlib.util.spec_from_file_location("make_wording_reports", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def published_text(path: Path) -> str:
    """The text of a published file: the .txt itself, or ``pdftotext -layout`` of the PDF."""
    if path.suffix == ".pdf":
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    return path.read_text(encoding="utf-8")


def squeeze(text: str) -> str:
    """Text without spaces, line breaks and page numbers (-3-), as a sentence reads across them."""
    return re.sub(r"\s+|-\s*\d+\s*-", "", text)


@pytest.fixture(scope="module")
def imported(reference: Path) -> dict[str, list[object]]:
    return script().imports(reference, load_form())  # type: ignore[no-any-return]


@pytest.mark.reference
def test_the_fixture_is_what_the_importer_reads(reference: Path) -> None:
    module = script()
    assert module.dump(module.build(reference)) == FIXTURE.read_text(encoding="utf-8")


@pytest.mark.reference
def test_real_sentences_are_printed_verbatim_in_their_report(reference: Path) -> None:
    missing = []
    for name, entry in fixture().items():
        for source in entry["sources"]:  # type: ignore[attr-defined]
            text = squeeze(published_text(reference / source))
            missing += [
                (source, c.sentence) for c in REAL if c.report == name and squeeze(c.sentence) not in text
            ]
    assert missing == []


@pytest.mark.reference
def test_real_sentences_are_in_the_part_the_importer_puts_them_in(imported: dict[str, list[object]]) -> None:
    misplaced = [
        (c.report, c.part, c.sentence)
        for c in REAL
        for result in imported[c.report]
        if squeeze(c.sentence) not in squeeze(result.report.text(c.part))  # type: ignore[attr-defined]
    ]
    assert misplaced == []


@pytest.mark.reference
def test_every_sentence_stating_a_number_is_in_the_table(imported: dict[str, list[object]]) -> None:
    """No sentence of the reports that states a figure (or speaks of 复议/诉讼) is left out of REAL."""
    form = load_form()
    quoted = {(c.report, squeeze(c.sentence)) for c in REAL}
    left_out = []
    for name, results in imported.items():
        report = results[0].report  # type: ignore[attr-defined]
        for key in (*form.text_keys, "intro"):
            for sentence in re.split(r"(?<=[。\n])", report.text(key)):
                states = re.search(r"\d|复议|诉讼|未发生|未产生", sentence)
                if states and (name, squeeze(sentence).rstrip("。")) not in quoted:
                    left_out.append((name, key, sentence))
    assert left_out == []
