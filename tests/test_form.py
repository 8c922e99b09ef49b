"""The form description: the whole 2021 format, labels exactly as the spec, and a loader that
says what is wrong with a broken description."""

from __future__ import annotations

import copy
import json

import pytest

from reportdesk.form import FORM_RESOURCE, Form, FormError, build_form, resource_path

# Transcribed from the spec (国办公开办函〔2021〕30号): (path, label) of every numeric row of table 3.
T3_ROWS = [
    ((), "一、本年新收政府信息公开申请数量"),
    ((), "二、上年结转政府信息公开申请数量"),
    (("三、本年度办理结果",), "（一）予以公开"),
    (("三、本年度办理结果",), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    (("三、本年度办理结果", "（三）不予公开"), "1.属于国家秘密"),
    (("三、本年度办理结果", "（三）不予公开"), "2.其他法律行政法规禁止公开"),
    (("三、本年度办理结果", "（三）不予公开"), "3.危及“三安全一稳定”"),
    (("三、本年度办理结果", "（三）不予公开"), "4.保护第三方合法权益"),
    (("三、本年度办理结果", "（三）不予公开"), "5.属于三类内部事务信息"),
    (("三、本年度办理结果", "（三）不予公开"), "6.属于四类过程性信息"),
    (("三、本年度办理结果", "（三）不予公开"), "7.属于行政执法案卷"),
    (("三、本年度办理结果", "（三）不予公开"), "8.属于行政查询事项"),
    (("三、本年度办理结果", "（四）无法提供"), "1.本机关不掌握相关政府信息"),
    (("三、本年度办理结果", "（四）无法提供"), "2.没有现成信息需要另行制作"),
    (("三、本年度办理结果", "（四）无法提供"), "3.补正后申请内容仍不明确"),
    (("三、本年度办理结果", "（五）不予处理"), "1.信访举报投诉类申请"),
    (("三、本年度办理结果", "（五）不予处理"), "2.重复申请"),
    (("三、本年度办理结果", "（五）不予处理"), "3.要求提供公开出版物"),
    (("三、本年度办理结果", "（五）不予处理"), "4.无正当理由大量反复申请"),
    (("三、本年度办理结果", "（五）不予处理"), "5.要求行政机关确认或重新出具已获取信息"),
    (
        ("三、本年度办理结果", "（六）其他处理"),
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        ("三、本年度办理结果", "（六）其他处理"),
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    (("三、本年度办理结果", "（六）其他处理"), "3.其他"),
    (("三、本年度办理结果",), "（七）总计"),
    ((), "四、结转下年度继续办理"),
]
T3_COLUMNS = [
    ("自然人", None),
    ("商业企业", "法人或其他组织"),
    ("科研机构", "法人或其他组织"),
    ("社会公益组织", "法人或其他组织"),
    ("法律服务机构", "法人或其他组织"),
    ("其他", "法人或其他组织"),
    ("总计", None),
]


def test_table3_rows_and_labels_are_the_official_ones(form: Form) -> None:
    assert [(r.path, r.label) for r in form.t3.rows] == T3_ROWS
    assert [(c.label, c.group) for c in form.t3.columns] == T3_COLUMNS
    assert form.t3.corner == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert form.t3.column_header == "申请人情况"
    assert len([k for k in form.cells if k.startswith("t3.")]) == 25 * 7


def test_table2_blocks(form: Form) -> None:
    got = [(b.header, [c.label for c in b.columns], [r.label for r in b.rows]) for b in form.t2.blocks]
    assert got == [
        ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "行政规范性文件"]),
        ("第二十条第（五）项", ["本年处理决定数量"], ["行政许可"]),
        ("第二十条第（六）项", ["本年处理决定数量"], ["行政处罚", "行政强制"]),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["行政事业性收费"]),
    ]
    assert form.t2.label_header == "信息内容"
    assert form.cells["t2.fees.amount"].kind == "amount"
    assert {c.kind for k, c in form.cells.items() if k != "t2.fees.amount"} == {"count"}


def test_table4_has_fifteen_columns(form: Form) -> None:
    keys = [k for k in form.cells if k.startswith("t4.")]
    assert len(keys) == 15
    assert [(g.label, g.parent) for g in form.t4.groups] == [
        ("行政复议", None),
        ("未经复议直接起诉", "行政诉讼"),
        ("复议后起诉", "行政诉讼"),
    ]
    assert [c.label for c in form.t4.columns] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_sections_and_parts(form: Form) -> None:
    assert [s.heading for s in form.sections] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert form.text_keys == (
        "s1.active",
        "s1.request",
        "s1.management",
        "s1.platform",
        "s1.oversight",
        "s5.problems",
        "s5.improvements",
        "s6",
    )
    assert [p.heading for p in form.sections[0].parts] == [
        "（一）主动公开",
        "（二）依申请公开",
        "（三）政府信息管理",
        "（四）政府信息公开平台建设",
        "（五）监督保障",
    ]


def test_computed_cells_are_every_total(form: Form) -> None:
    computed = set(form.computed_cells)
    assert {f"t3.{r.key}.total" for r in form.t3.rows} <= computed
    assert {f"t3.results_total.{c.key}" for c in form.t3.columns} <= computed
    assert {f"t4.{g.key}.total" for g in form.t4.groups} <= computed
    assert len(computed) == 25 + 6 + 3


def test_rules_cover_every_row_column_and_group(form: Form) -> None:
    by_code: dict[str, int] = {}
    for r in form.relations:
        by_code[r.code] = by_code.get(r.code, 0) + 1
    assert by_code == {"T3-ROW": 25, "T3-RESULTS": 7, "T3-BALANCE": 7, "T4-TOTAL": 3}
    results = next(r for r in form.relations if r.code == "T3-RESULTS")
    assert len(results.rhs) == 21


def test_codes_and_levels_are_the_spec_contract(form: Form) -> None:
    errors = {"T3-ROW", "T3-RESULTS", "T3-BALANCE", "T4-TOTAL", "VALUE", "BLANK", "SECTION-EMPTY"}
    warnings = {
        "X-CARRY",
        "X-STOCK",
        "YOY-JUMP",
        "REG-KIND",
        "TXT-NUM",
        "TXT-YEAR",
        "S6-FEE",
        "S5-IMPROVE",
        "COPY",
        "OLD-FORMAT",
        "PART-EMPTY",
    }
    assert {c for c, i in form.codes.items() if i.level == "error"} == errors
    assert {c for c, i in form.codes.items() if i.level == "warning"} == warnings


def _raw() -> dict:  # type: ignore[type-arg]
    return json.loads(resource_path(FORM_RESOURCE).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (
            lambda d: d["tables"]["t2"]["blocks"][1]["rows"].append(
                {"key": "licensing", "label": "行政许可"}
            ),
            "单元格 t2.licensing.decisions 重复",
        ),
        (lambda d: d["rules"][0]["rhs"].append("t3.{row}.nobody"), "引用了不存在的单元格 t3.new.nobody"),
        (lambda d: d["rules"][1].update(code="T3-NOPE"), "代码 'T3-NOPE' 未在 codes 中声明"),
        (lambda d: d["sections"][0]["parts"].append({"key": "s1.active"}), "文字部分 s1.active 重复"),
        (lambda d: d["rules"].pop(0), "计算单元格 t3.new.total 没有推导规则"),
        (lambda d: d["rules"][2]["rhs"].append("t3.{rowx}.total"), "未定义的变量"),
    ],
)
def test_a_broken_description_says_what_is_wrong(damage, expected: str) -> None:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(_raw())
    damage(data)
    with pytest.raises(FormError) as e:
        build_form(data, "broken.json")
    assert any(expected in p for p in e.value.problems), e.value.problems
    assert "broken.json" in str(e.value)


def test_the_shipped_description_loads_cleanly() -> None:
    assert build_form(_raw()).format == "gov-info-annual-report/2021"
