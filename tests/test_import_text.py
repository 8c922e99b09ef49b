"""Flattened text: rows from label + numbers, digit runs cut by the 总计 rules, labels matched by
the form's data, paragraphs rebuilt from wrapped lines, and the 2019 format recognised."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path

import pytest

from reportdesk.form import Form
from reportdesk.importers import import_report
from reportdesk.importers.document import Line
from reportdesk.importers.labels import SIMILAR, match_label
from reportdesk.importers.normalize import label_key, similarity
from reportdesk.importers.paragraphs import build_paragraphs, wrap_width
from reportdesk.importers.rows import text_rows
from reportdesk.importers.splitting import row_relations, split_runs
from reportdesk.report import ReportFileError

from .conftest import DATA, load_data
from .importer_fixtures import write_flat_text
from .test_import_docx import NAMES, same_content, same_report


def lines(*texts: str) -> list[Line]:
    return [Line(t, f"第{i + 1}行") for i, t in enumerate(texts)]


def test_rows_from_label_and_numbers_on_one_line() -> None:
    rows = text_rows(
        lines(
            "（三）不",
            "予公开1.属于国家秘密2 0 0 0 0 0 2",
            "-5-法提供2.没有现成信息需要另行制作11 0 0 0 0 0 11",
            "3、其他 108 2 0 0 0 0 110",
            "行政事业性收费 96171.6",
        )
    )
    assert [("".join(r.parts), r.values) for r in rows] == [
        ("（三）不予公开1.属于国家秘密", ("2", "0", "0", "0", "0", "0", "2")),
        ("法提供2.没有现成信息需要另行制作", ("11", "0", "0", "0", "0", "0", "11")),
        ("3、其他", ("108", "2", "0", "0", "0", "0", "110")),
        ("行政事业性收费", ("96171.6",)),
    ]
    assert rows[1].where == "第3行" and all(r.runs for r in rows)


def test_rows_from_one_cell_per_line() -> None:
    rows = text_rows(lines("\t规章", "\t0", "\t1", "", "\t行政规范性文件", "\t３", "\t0", "\t９"))
    assert [(r.parts, r.values) for r in rows] == [
        (("规章",), ("0", "1")),
        (("行政规范性文件",), ("3", "0", "9")),
    ]


T4 = [f"t4.{g}.{c}" for g in ("review", "suit_direct", "suit_after_review") for c in ("upheld", "corrected", "other", "pending", "total")]  # fmt: skip


def test_digit_runs_cut_where_every_total_holds(form: Form) -> None:
    found = split_runs(["726417837351134812612116", "20"], T4, row_relations(form.relations, T4))
    cuts = found.candidates
    assert found.complete
    assert (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20) in cuts
    for cut in cuts:
        for g in range(3):
            assert sum(cut[g * 5 : g * 5 + 4]) == cut[g * 5 + 4]
    assert len(cuts) == 3


def test_a_table_three_row_run_together(form: Form) -> None:
    keys = [f"t3.new.{c.key}" for c in form.t3.columns]
    rules = row_relations(form.relations, keys)
    assert split_runs(["3001530061", "4", "3119"], keys, rules).candidates == ((3001, 53, 0, 0, 61, 4, 3119),)
    # no leading zeros, and no cut at all when the total cannot hold
    assert split_runs(["1200", "5"], keys, rules).candidates == ()
    # an OCR'd row: spaces inside numbers, every space only a possible cut
    spaced = ["1", "2", "3", "0", "0", "0", "0", "0", "1", "2", "3"]
    assert split_runs(spaced, keys, rules).candidates == ()
    assert split_runs(spaced, keys, rules, joinable=True).candidates == ((123, 0, 0, 0, 0, 0, 123),)


def test_flattened_table_three_row_is_split_in_an_import(form: Form, tmp_path: Path) -> None:
    text = (DATA / "huaian-city-gov-2024.txt").read_text(encoding="utf-8")
    printed = "一、本年新收政府信息公开申请数量3001 53 0 0 61 4 3119"
    assert printed in text
    path = tmp_path / "run.txt"
    path.write_text(
        text.replace(printed, "一、本年新收政府信息公开申请数量3001530061 4 3119"), encoding="utf-8"
    )
    result = import_report(path, form, choices={"t4": 3})  # table 四's run as the narrative says
    same_report(result.report, load_data("huaian-city-gov-2024"), form)
    assert any("3001530061 4 3119" in n for n in result.notes)


def test_without_the_narrative_an_ambiguous_run_is_not_guessed(form: Form, tmp_path: Path) -> None:
    text = (DATA / "huaian-city-gov-2024.txt").read_text(encoding="utf-8")
    said = "政府信息公开行政诉讼46\n件，其中结果维持25\n件，结果纠正5件，其他结果9件，尚未审结7件。"
    assert said.replace("\n", "") in text.replace("\n", "")
    start = text.index("政府信息公开行政诉讼46")
    end = text.index("尚未审结7件。") + len("尚未审结7件。")
    path = tmp_path / "quiet.txt"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    result = import_report(path, form)
    assert all(result.report.cells[k] is None for k in T4)
    [problem] = [p for p in result.problems if p.startswith("表四（")]
    assert "3 种拆法" in problem and "需要选择" in problem
    [question] = result.questions
    assert question.id == "t4" and [n for n, _ in question.options] == [1, 2, 3]
    assert (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20) in [v for _, v in question.options]
    assert all("需要选择" in result.unread[k] for k in T4)


def test_form_labels_are_far_enough_apart_for_the_near_match(form: Form) -> None:
    """A near match is only safe when no two of the form's row labels are near each other."""
    labels = [r.label for r in form.t3.rows] + [r.label for b in form.t2.blocks for r in b.rows]
    for a, b in itertools.combinations(labels, 2):
        assert similarity(label_key(a), label_key(b)) < SIMILAR, (a, b)


def test_label_match_prefers_the_label_next_to_the_numbers(form: Form) -> None:
    candidates = [(r.key, r.label) for r in form.t3.rows]
    assert match_label(["三、本年度办理结果", "（一）予以公开"], candidates).item == "disclosed"  # type: ignore[union-attr]
    typo = match_label(["2.其他法律行政止公开"], candidates)
    assert typo is not None and (typo.item, typo.how) == ("withheld.2", "similar")
    assert match_label(["本年新收"], candidates) is None


def test_wrapped_lines_join_into_paragraphs() -> None:
    body = [
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八",
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八",
        "短的一行结束。",
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八",
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七。",
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八",
        "（二）标题开头的行总是新的一段。",
    ]
    width = wrap_width(body)
    assert width == 28
    paragraphs = build_paragraphs(lines(*body), True, width)
    assert [len(p.text) for p in paragraphs] == [63, 84, 16]
    assert build_paragraphs(lines("甲段。", "乙段。"), True, None)[1].text == "乙段。"


@pytest.mark.parametrize("name", NAMES)
def test_flattened_docx_text(form: Form, tmp_path: Path, name: str) -> None:
    want = load_data(name)
    path = tmp_path / "flat.txt"
    write_flat_text(form, want, path)
    same_report(import_report(path, form).report, want, form)


def test_gbk_text(form: Form, tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes((DATA / "seed-donghu-zwfw-2023.txt").read_text(encoding="utf-8").encode("gb18030"))
    assert import_report(path, form).cells_read() == len(form.cells)


def test_a_text_file_without_a_report(form: Form, tmp_path: Path) -> None:
    path = tmp_path / "memo.txt"
    path.write_text("请各单位于本周五前报送材料。\n联系人：张三\n", encoding="utf-8")
    with pytest.raises(ReportFileError, match="没有找到政府信息公开工作年度报告"):
        import_report(path, form)


# ---------------------------------------------------------------------------------------------
# The 2019 (试行) format

OLD_2019 = """某某县交通运输局
2020年政府信息公开工作年度报告
本报告依据《中华人民共和国政府信息公开条例》编制，统计期限自2020年1月1日至2020年12月31日。
一、总体情况
（一）主动公开
全年主动公开信息120条。
（二）依申请公开
全年收到申请5件，均按期答复。
（三）政府信息管理
落实信息发布审查制度。
（四）政府信息公开平台建设
维护好政府网站公开专栏。
（五）监督保障
开展政务公开培训两次。
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 0 0 0
规范性文件 2 2 15
第二十条第（五）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政许可 10 0 350
其他对外管理服务事项 3 0 20
第二十条第（六）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政处罚 5 0 41
行政强制 2 0 3
第二十条第（八）项
信息内容 上一年项目数量 本年增/减
行政事业性收费 4 0
第二十条第（九）项
信息内容 采购项目数量 采购总金额
政府集中采购 6 120.5
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他
一、本年新收政府信息公开申请数量 4 1 0 0 0 0 5
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
三、本年度办理结果 （一）予以公开 3 1 0 0 0 0 4
（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0
（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0
2.其他法律行政法规禁止公开 0 0 0 0 0 0 0
3.危及“三安全一稳定” 0 0 0 0 0 0 0
4.保护第三方合法权益 0 0 0 0 0 0 0
5.属于三类内部事务信息 0 0 0 0 0 0 0
6.属于四类过程性信息 0 0 0 0 0 0 0
7.属于行政执法案卷 0 0 0 0 0 0 0
8.属于行政查询事项 0 0 0 0 0 0 0
（四）无法提供 1.本机关不掌握相关政府信息 1 0 0 0 0 0 1
2.没有现成信息需要另行制作 0 0 0 0 0 0 0
3.补正后申请内容仍不明确 0 0 0 0 0 0 0
（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0
2.重复申请 0 0 0 0 0 0 0
3.要求提供公开出版物 0 0 0 0 0 0 0
4.无正当理由大量反复申请 0 0 0 0 0 0 0
5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0
（六）其他处理 0 0 0 0 0 0 0
（七）总计 4 1 0 0 0 0 5
四、结转下年度继续办理 0 0 0 0 0 0 0
四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
五、存在的主要问题及改进情况
信息公开的及时性有待提高。针对上述问题，下一步将完善发布机制。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


def test_2019_format_is_recognised_what_maps_is_imported_the_rest_named(form: Form, tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_text(OLD_2019, encoding="utf-8")
    result = import_report(path, form)
    cells = result.report.cells
    old = [f.message for f in result.findings if f.code == "OLD-FORMAT"]
    for marker in form.old_format_markers:
        assert any(f"「{marker}」" in m for m in old), marker
    assert any("（六）其他处理" in m for m in old)
    # what maps is imported: 处理决定数量 (the 2019 name of the same column), all of table 三 and 四
    assert (
        cells["t2.licensing.decisions"],
        cells["t2.penalty.decisions"],
        cells["t2.coercion.decisions"],
    ) == (
        350,
        41,
        3,
    )
    assert cells["t3.new.total"] == 5 and cells["t3.unavailable.1.natural"] == 1
    assert cells["t3.other.3.total"] == 0 and cells["t3.other.1.total"] is None
    assert all(cells[k] == 0 for k in T4)
    # the rest is named
    assert cells["t2.regulations.issued"] is None and cells["t2.fees.amount"] is None
    problems = "\n".join(result.problems)
    for named in ("本年新制作数量", "其他对外管理服务事项", "政府集中采购", "行政事业性收费"):
        assert named in problems, named
    assert result.report.text("s5.improvements").startswith("针对上述问题")


def test_old_format_words_in_the_narrative_are_left_to_the_text_checks(form: Form, tmp_path: Path) -> None:
    text = (DATA / "seed-donghu-zwfw-2023.txt").read_text(encoding="utf-8")
    path = tmp_path / "mention.txt"
    path.write_text(
        text.replace("各类信息204条。", "各类信息204条，含政府集中采购信息。", 1), encoding="utf-8"
    )
    result = import_report(path, form)
    assert not any(f.message.startswith("表格中有") for f in result.findings)
    assert result.cells_read() == len(form.cells)


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is installed by scripts/setup.sh --dev"
)
@pytest.mark.parametrize(
    "name", ["huaian-city-gov-2024", "hongze-district-gov-2023", "hongze-district-gov-2024"]
)
def test_text_saved_by_pdftotext_layout(form: Form, tmp_path: Path, reference: Path, name: str) -> None:
    """Indented first lines start paragraphs; blank lines around a page number do not end one."""
    path = tmp_path / f"{name}.txt"
    subprocess.run(["pdftotext", "-layout", str(reference / "real" / f"{name}.pdf"), str(path)], check=True)
    assert "\f" in path.read_text(encoding="utf-8")
    same_content(import_report(path, form).report, load_data(name), form)


def test_year_from_the_statistics_period_when_the_title_has_none(form: Form, tmp_path: Path) -> None:
    text = (DATA / "seed-donghu-zwfw-2023.txt").read_text(encoding="utf-8")
    assert "2023年政府信息公开工作年度报告" in text and "统计期限自2023年1月1日" in text
    path = tmp_path / "untitled.txt"
    path.write_text(
        text.replace("2023年政府信息公开工作年度报告", "政府信息公开工作年度报告", 1), encoding="utf-8"
    )
    result = import_report(path, form)
    assert result.report.year == 2023
    assert not any("没有印报告年度" in n for n in result.notes)
