"""The import report in Chinese: what was read from where, per table how many figures and how
sure, what was not read and why, the questions waiting for the officer, the checks."""

from __future__ import annotations

from collections import Counter

from reportdesk.commands import format_findings
from reportdesk.form import Form
from reportdesk.importers.result import ImportResult, Question

KIND_NAMES = {
    "docx": "Word 文档",
    "doc": "Word 97–2003 文档（经 LibreOffice 转换）",
    "wps": "WPS 文字文档（经 LibreOffice 转换）",
    "html": "网页",
    "pdf": "PDF 文字层",
    "txt": "纯文本",
    "markdown": "Markdown 文本",
    "xlsx": "Excel 工作簿",
    "xls": "Excel 97–2003 工作簿",
    "et": "WPS 表格工作簿",
    "clipboard-html": "粘贴的网页内容",
    "clipboard-text": "粘贴的文字",
}
HOW = {
    "printed": "照原文读取",
    "forced": "由连写的数字逐位拆出（只有一种拆法）",
    "split": "由连写的数字按合计关系拆出（唯一的拆法，请核对）",
    "chosen": "由连写的数字按正文中的数字选定拆法（请核对）",
    "picked": "由连写的数字按您选的拆法拆出",
    "order": "表头无法识别、按标准列序读取（请核对）",
    "similar": "行名与格式有出入、按最接近的一行读取（请核对）",
}
_TABLE_PREFIXES = ("表二", "表三", "表四")
_MAX_REASONS = 12


def _found_lines(found: tuple[tuple[str, str], ...]) -> list[str]:
    """Titles, sections and parts one per line; table rows summed up per table."""
    lines: list[str] = []
    tables: dict[str, list[str]] = {}
    for what, where in found:
        prefix = next((p for p in _TABLE_PREFIXES if what.startswith(p) and where), None)
        if prefix is None:
            lines.append(f"  {'  ' if what.startswith('（') else ''}{what}{'：' + where if where else ''}")
            continue
        if prefix not in tables:
            lines.append(prefix)  # replaced below by the table's summary
        tables.setdefault(prefix, []).append(where)
    for prefix, wheres in tables.items():
        span = wheres[0] if len(wheres) == 1 else f"{wheres[0]} 至 {wheres[-1]}"
        lines[lines.index(prefix)] = f"    {prefix}：{len(wheres)} 行（{span}）"
    return lines


def table_lines(result: ImportResult, form: Form) -> list[str]:
    """Per table: figures read of how many, how they were read, which were not and why."""
    lines = []
    for section in form.sections:
        if section.table is None:
            continue
        keys = [k for k in form.cells if k.startswith(f"{section.table}.")]
        read = [k for k in keys if k in result.origins]
        hows = Counter(result.origins[k].how for k in read)
        head = f"  表{section.number}：读到 {len(read)} / {len(keys)} 个数字"
        extra = [f"{n} 个{HOW[h]}" for h, n in hows.items() if h != "printed"]
        lines.append(head + ("，其中 " + "；".join(extra) if extra else ""))
        reasons: dict[str, list[str]] = {}
        for key in keys:
            if key in result.unread:
                reasons.setdefault(result.unread[key], []).append(form.cells[key].label)
        for reason, labels in list(reasons.items())[:_MAX_REASONS]:
            shown = labels[0] + (f" 等 {len(labels)} 格" if len(labels) > 1 else "")
            lines.append(f"    未读：{shown}——{reason}")
        if len(reasons) > _MAX_REASONS:
            lines.append(f"    ……另有 {len(reasons) - _MAX_REASONS} 处未读，见“未能读取”")
    return lines


def question_lines(questions: tuple[Question, ...], form: Form) -> list[str]:
    """Each question with its options, and how to answer it."""
    lines = []
    for q in questions:
        lines.append(f"  [{q.id}] {q.what}（{q.where}）：数字连在一起（{q.printed}），可能的拆法：")
        for number, values in q.options:
            said = "（与正文中的数字相符）" if number == q.hint else ""
            lines.append(f"      {number}. {' '.join(map(str, values))}{said}")
    if questions:
        example = " ".join(f"--choose {q.id}={q.hint or 1}" for q in questions[:2])
        lines.append(f"  请对照原件，选定后重新导入，例如：reportdesk import 文件 -o 输出.json {example}")
        lines.append("  （或在窗口中导入，逐项选择）")
    return lines


def format_import(result: ImportResult, form: Form) -> str:
    """The import report in Chinese: source, what was found where, the tables, what was not read."""
    r = result.report
    unsure = len(result.unsure)
    lines = [
        f"已读取：{result.source}（{KIND_NAMES.get(result.kind, result.kind)}）",
        f"报告：{r.agency.name or '（未识别机关名称）'} {r.year} 年政府信息公开工作年度报告",
        f"表格：读到 {len(result.origins)} / {len(form.cells)} 个数字"
        + (f"，其中 {unsure} 个需要核对（窗口中已标出）" if unsure else ""),
        "",
        "找到的内容：",
        *_found_lines(result.found),
        "",
        "表格中的数字：",
        *table_lines(result, form),
    ]
    if result.notes:
        lines += ["", "处理说明：", *(f"  - {n}" for n in result.notes)]
    lines += ["", "未能读取：", *([f"  - {p}" for p in result.problems] or ["  （无）"])]
    if result.questions:
        lines += [
            "",
            f"需要选择（{len(result.questions)} 处，未导入）：",
            *question_lines(result.questions, form),
        ]
    lines += ["", "校验结果：", format_findings(list(result.findings), form)]
    return "\n".join(lines)
