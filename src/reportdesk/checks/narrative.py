"""Checks on the narrative: empty parts, fees, improvements, old format, and (in their own
modules) figures that disagree with the tables, wrong years and text copied from last year.

Decisions:
- An empty part raises SECTION-EMPTY (or, one part of 一 among others written, PART-EMPTY) only; the
  content checks of that part stay silent (one defect, one finding). The exception is S5-IMPROVE, which also fires for an empty
  ``s5.improvements``: the spec lists "section 五 has no improvement part" as its own rule, and
  the officer should see both that the part is missing and why it matters.
- The optional opening paragraph (``intro``) is never required, but when it is written it is read
  by the content checks (TXT-NUM, TXT-YEAR, OLD-FORMAT) like any other part.
"""

from __future__ import annotations

import re

from reportdesk.checks.findings import Finding, make
from reportdesk.checks.text_common import count_value, normalize, part_name, scanned_keys
from reportdesk.checks.text_copy import copy_findings
from reportdesk.checks.text_numbers import text_number_findings
from reportdesk.checks.text_years import text_year_findings
from reportdesk.form import Form, Part, Section
from reportdesk.report import Report

FEE_PART = "s6"
FOLDABLE_SECTION = "s1"  # 一、总体情况: one of its five parts may be folded into another
AGENCY_NAME = "agency.name"
IMPROVEMENT_PART = "s5.improvements"
FEE_NOTICE_CELL = "t3.other.2.total"  # （六）其他处理 2.…逾期未按收费通知要求缴纳费用…

_FEE = re.compile(r"处理费|收费|收取[^。；\n]{0,12}?费|费用|缴费|计费|免费")
_IMPROVEMENT = re.compile(
    r"改进|整改|下一步|今后|将|加强|推进|完善|提升|提高|措施|计划|持续|强化|优化|健全|落实|继续|进一步|推动|"
    r"做好|深化|抓好|力争|着力|规范|建立"
)
# Problem statements use the same verbs ("有待加强", "还需进一步提升"): they are not improvements.
_PROBLEM_VERB = re.compile(
    r"(?:有待|尚需|还需|仍需|亟需|亟待|需要|需|不够|不足以)(?:进一步)?(?:加强|提升|提高|完善|改进|优化|规范|强化|健全|落实|推进)"
)
_OTHER_HANDLING = re.compile(r"（六）\s*其他处理")
_OTHER_HANDLING_ITEMS = re.compile(r"1\s*[.、]|逾期|不补正|收费通知")


def narrative_findings(form: Form, report: Report, previous: Report | None) -> list[Finding]:
    """Every finding on the narrative parts (``previous``: last year's report, for COPY)."""
    out = empty_findings(form, report)
    for key in scanned_keys(form, report):
        if not report.text(key).strip():
            continue
        text = normalize(report.text(key))
        out += text_number_findings(form, report, key, text, previous)
        out += text_year_findings(form, report, key, text)
        out += old_format_findings(form, key, text)
    out += fee_findings(form, report)
    out += improvement_findings(form, report)
    if previous is not None:
        out += copy_findings(form, report, previous)
    return out


def empty_findings(form: Form, report: Report) -> list[Finding]:
    """SECTION-EMPTY where the law requires text, PART-EMPTY for one part of 一 left empty.

    Section 一 is empty only when all its parts are (one finding for the section); one of its parts
    left empty while others have text is the warning PART-EMPTY — real reports fold 政府信息管理
    into 平台建设, and the officer says so. Every other part (五's 问题 and 改进, 六) is required on
    its own. A report with no agency name has no one to print as its author: SECTION-EMPTY too.
    Whitespace only counts as no text.
    """
    out = []
    if not report.agency.name.strip():
        out.append(make(form, "SECTION-EMPTY", "报告机关名称没有填写。", place=AGENCY_NAME))
    for section in form.sections:
        if not section.parts:
            continue
        empty = [p for p in section.parts if not report.text(p.key).strip()]
        if section.key == FOLDABLE_SECTION and empty and len(empty) < len(section.parts):
            out += [_part_empty(form, section, part) for part in empty]
        elif section.key == FOLDABLE_SECTION and empty:
            out.append(
                make(
                    form,
                    "SECTION-EMPTY",
                    f"{section.heading}还没有填写（{len(empty)} 个部分都是空的）。年度报告的每一部分都必须有内容"
                    f"（条例第五十条），总体情况应写主动公开、依申请公开、政府信息管理、平台建设和监督保障的情况。",
                    texts=tuple(p.key for p in empty),
                    place=section.key,
                )
            )
        else:
            out += [_section_empty(form, section, part) for part in empty]
    return out


def _section_empty(form: Form, section: Section, part: Part) -> Finding:
    where = f"{section.heading}{part.heading}" if part.printed else part_name(form, part.key)
    return make(
        form,
        "SECTION-EMPTY",
        f"{where}还没有填写。年度报告的每一部分都必须有内容（条例第五十条）。应写：{part.hint}",
        texts=(part.key,),
    )


def _part_empty(form: Form, section: Section, part: Part) -> Finding:
    return make(
        form,
        "PART-EMPTY",
        f"{section.heading}{part.heading}是空的，打印时不印这一小标题。如这部分内容已写在其他部分"
        f"（如把政府信息管理并入平台建设），请说明；否则请补写：{part.hint}",
        texts=(part.key,),
    )


def fee_findings(form: Form, report: Report) -> list[Finding]:
    """S6-FEE: section 六 says nothing about 信息处理费 (an empty 六 is SECTION-EMPTY only)."""
    text = report.text(FEE_PART)
    if not text.strip() or _FEE.search(text):
        return []
    notices = count_value(report, FEE_NOTICE_CELL)
    extra = ""
    cells: tuple[str, ...] = ()
    if notices:
        extra = f"{form.cells[FEE_NOTICE_CELL].label}为 {notices}，说明本年发出过收费通知，更应写明收费情况。"
        cells = (FEE_NOTICE_CELL,)
    return [
        make(
            form,
            "S6-FEE",
            f"{part_name(form, FEE_PART)} 没有说明信息处理费的收取情况。{extra}"
            f"按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），应写明本年收取信息处理费的情况，"
            f"未收取的也要写明（如“本年度未收取信息处理费”）。",
            texts=(FEE_PART,),
            cells=cells,
        )
    ]


def improvement_findings(form: Form, report: Report) -> list[Finding]:
    """S5-IMPROVE: the improvements part is empty or only restates problems."""
    text = report.text(IMPROVEMENT_PART)
    if _IMPROVEMENT.search(_PROBLEM_VERB.sub("", text)):
        return []
    what = "写的不是改进措施（没有“下一步”“将”“加强”“完善”等改进的内容）" if text.strip() else "是空的"
    return [
        make(
            form,
            "S5-IMPROVE",
            f"{part_name(form, IMPROVEMENT_PART)}{what}。第五部分须写明针对存在问题的改进措施和下一步打算，"
            f"以及上年度问题的整改情况。",
            texts=(IMPROVEMENT_PART,),
        )
    ]


def old_format_findings(form: Form, key: str, text: str) -> list[Finding]:
    """OLD-FORMAT: wording of the 2019 (试行) format in a text part (``text`` normalised)."""
    found = [f"“{marker}”" for marker in form.old_format_markers if marker in text]
    for m in _OTHER_HANDLING.finditer(text):
        following = text[m.end() : m.end() + 80].split("（七）", 1)[0]
        if not _OTHER_HANDLING_ITEMS.search(following):
            found.append("不分 1—3 项的“（六）其他处理”")
            break
    if not found:
        return []
    said = "、".join(found)
    return [
        make(
            form,
            "OLD-FORMAT",
            f"{part_name(form, key)} 中出现{said}，这是2019年（试行）格式的写法。"
            f"本报告应按2021年格式（国办公开办函〔2021〕30号）填写，请按现行表格的项目改写。",
            texts=(key,),
            actual=said,
        )
    ]
