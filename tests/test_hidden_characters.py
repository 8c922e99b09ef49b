"""Text that hides itself (bidirectional controls, zero-width and other invisible characters) is
removed with a Chinese message where it is typed or imported, or refused where it is a figure —
never stored or printed silently; and the command line says what is true."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from reportdesk.checks import check
from reportdesk.cli import main
from reportdesk.form import Form
from reportdesk.hidden import has_hidden, remove_hidden
from reportdesk.report import Agency, Report, loads, write_report
from reportdesk.store import Store, StoreError
from reportdesk.values import parse_input

from .conftest import DATA, load_data
from .importer_fixtures import write_flat_text
from .test_ui_controller import DictSettings, FakeView

RLO, ZWSP = "\u202e", "\u200b"

# (text, what is kept, what the message names)
HIDDEN = [
    (f"共收到{RLO}42条申请", "共收到42条申请", ["U+202E（从右向左覆盖"]),
    (f"共收到4{ZWSP}2条申请", "共收到42条申请", ["U+200B（零宽空格）"]),
    ("\u2067予以公开\u2069", "予以公开", ["U+2067", "U+2069"]),
    (
        "办结\u200d\u200c\u2060\ufeff\u00ad40件",
        "办结40件",
        ["零宽连接符", "零宽不连字", "字连接符", "软连字符"],
    ),
    ("甲\x01乙\x7f丙\u200e\u200f丁", "甲乙丙丁", ["U+0001（控制字符）", "从左向右标记", "从右向左标记"]),
    (f"{ZWSP}{ZWSP}{ZWSP}", "", ["U+200B（零宽空格） ×3"]),
    ("第一段\n第二段\t（缩进）\r\n", "第一段\n第二段\t（缩进）\r\n", []),  # line breaks and tabs stay
    ("一、总体情况\u3000２０２３年", "一、总体情况\u3000２０２３年", []),  # full-width space and digits stay
]


@pytest.mark.parametrize(("text", "kept", "named"), HIDDEN)
def test_hidden_characters_are_removed_and_named(text: str, kept: str, named: list[str]) -> None:
    cleaned, kinds = remove_hidden(text)
    assert cleaned == kept and has_hidden(text) == bool(named)
    assert all(any(n in k for k in kinds) for n in named) and bool(kinds) == bool(named)


@pytest.mark.parametrize("typed", [f"4{ZWSP}2", f"{RLO}42", "42\u2060", "４\ufeff２"])
def test_a_figure_with_a_hidden_character_is_refused(typed: str) -> None:
    parsed = parse_input(typed, "count")
    assert parsed.value is None and parsed.error is not None
    assert "看不见的字符" in parsed.error and "U+" in parsed.error
    assert not has_hidden(parsed.error.split("（")[0])  # the figure is shown without it


def test_a_json_file_is_read_without_them_and_says_where(form: Form) -> None:
    data = json.loads((DATA / "seed-donghu-zwfw-2023.json").read_text(encoding="utf-8"))
    data["texts"]["s1.request"] = f"2023年共收到{RLO}42条依申请公开申请。"
    data["agency"]["name"] = f"政务服务和{ZWSP}大数据管理局"
    data["explanations"] = {"COPY@s1.active": f"属{RLO}实"}
    data["cells"]["t2.fees.amount"] = f"0{ZWSP}"
    loaded = loads(json.dumps(data, ensure_ascii=False), form)
    report = loaded.report
    assert report.text("s1.request") == "2023年共收到42条依申请公开申请。"
    assert report.agency.name == "政务服务和大数据管理局"
    assert report.explanations["COPY@s1.active"] == "属实"
    assert "看不见的字符" in getattr(report.cells["t2.fees.amount"], "reason", "")  # a figure: refused
    notices = "\n".join(loaded.notices)
    assert "（二）依申请公开中有看不见的字符，已删除：U+202E" in notices
    assert "机关名称中有看不见的字符，已删除：U+200B（零宽空格）" in notices


def test_a_published_report_is_imported_without_them(form: Form, seed: Report, tmp_path: Path) -> None:
    from reportdesk.importers import import_report

    hidden = seed.with_text("s6", f"{RLO}2023年未产生信息公开处理费。").with_agency(
        Agency(name=f"政务服务和大数据管理局{ZWSP}", region=seed.agency.region)
    )
    write_flat_text(form, hidden, tmp_path / "r.txt")
    result = import_report(tmp_path / "r.txt", form)
    assert not any(has_hidden(t) for t in result.report.texts.values())
    assert not has_hidden(result.report.agency.name)
    assert any("看不见的字符" in n and "U+202E" in n for n in result.notes)


def test_the_store_never_keeps_them(tmp_path: Path, seed: Report) -> None:
    with Store.open(tmp_path / "d.db", daily_backup=False) as store:
        report_id = store.import_report(seed)
        for edit in (
            lambda: store.set_text(report_id, "s6", f"未收费{RLO}。"),
            lambda: store.set_agency(report_id, Agency(name=f"某局{ZWSP}")),
            lambda: store.add_body(f"某{ZWSP}局"),
            lambda: store.set_explanation(report_id, "COPY@s1.active", f"属{RLO}实"),
        ):
            with pytest.raises(StoreError, match="看不见的字符"):
                edit()
        assert store.load(report_id) == seed


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_command_line_removes_them_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "new", "--year", 2024, "--agency", f"某某县{RLO}交通运输局", "-o", tmp_path / "n.json"
    )
    assert code == 0 and "机关名称中有看不见的字符，已删除" in err
    assert (
        json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))["agency"]["name"] == "某某县交通运输局"
    )
    db = tmp_path / "d.db"
    run(capsys, "--db", db, "db", "import", DATA / "seed-donghu-zwfw-2023.json")
    code, out, err = run(capsys, "--db", db, "db", "set", 1, "s6", f"未收取{ZWSP}信息处理费。")
    assert code == 0 and "看不见的字符" in err and "已保存" in out
    code, _, err = run(capsys, "--db", db, "db", "set", 1, "t3.new.natural", f"4{ZWSP}2")
    assert code != 0 and "看不见的字符" in err
    with Store.open(db, daily_backup=False) as store:
        assert store.load(1).text("s6") == "未收取信息处理费。"
        assert store.load(1).cells["t3.new.natural"] == 42


def test_typed_in_the_window_they_are_taken_out_at_once(tmp_path: Path, form: Form, seed: Report) -> None:
    from reportdesk.ui.control.controller import Controller

    view = FakeView(form)
    with Store.open(tmp_path / "d.db", form=form, daily_backup=False) as store:
        c = Controller(view, store, form, DictSettings())
        c.open_report(store.import_report(seed))
        c.edit_text("s6", f"{RLO}本年度未收取信息处理费。")
        assert store.load(c.report_id).text("s6") == "本年度未收取信息处理费。"
        assert any("看不见的字符，已删除：U+202E" in m[0] for m in view.said("show_message"))
        # The editor is given back the text as kept.
        _session, update, _ = view.said("refresh")[-1]
        assert "s6" in update.texts
        c.create_body({"name": f"某某{ZWSP}局", "region": "", "kind": "department", "website": ""})
        assert any(b.body.name == "某某局" for b in store.list_bodies())


def test_the_printed_page_never_reverses(
    tmp_path: Path, form: Form, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((DATA / "seed-donghu-zwfw-2023.json").read_text(encoding="utf-8"))
    data["texts"]["s6"] = f"2023年{RLO}未产生信息公开处理费。"
    (tmp_path / "r.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "render", tmp_path / "r.json", "-o", tmp_path / "r.docx")
    assert code == 0 and "看不见的字符" in err
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs)
    assert "2023年未产生信息公开处理费。" in text and not has_hidden(text.replace("\n", ""))


# ---------------------------------------------------------------------------------------------
# The command line says what is true


def test_a_draft_of_a_report_with_errors_gives_the_real_count(
    tmp_path: Path, form: Form, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = Report.empty(form, 2024, Agency(name="某某县交通运输局"))
    write_report(empty, form, tmp_path / "e.json")
    code, _, err = run(capsys, "render", tmp_path / "e.json", "--draft", "-o", tmp_path / "e.docx")
    errors = [f for f in check(form, empty) if f.level == "error"]
    assert code == 0 and len(errors) > 0
    assert f"报告有 {len(errors)} 个错误" in err and f"共 {len(errors)} 个错误" in err
    assert "共 0 个错误" not in err


def test_aggregate_speaks_of_errors_only_in_a_result_it_wrote(
    tmp_path: Path, form: Form, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "total.json"
    seed = load_data("seed-donghu-zwfw-2023")
    blank = seed.with_year(2024).with_cell("t2.penalty.decisions", None)
    write_report(blank, form, tmp_path / "a.json")
    code, out, _ = run(
        capsys,
        "aggregate",
        tmp_path / "a.json",
        "-o",
        out_path,
        "--agency",
        "某县人民政府",
        "--year",
        2024,
        "--allow-errors",
    )
    assert out_path.exists() and f"写出的汇总结果 {out_path} 的表格有" in out
    # Nothing summed, nothing written: not a word about errors in a total that does not exist.
    code, out, _ = run(
        capsys,
        "aggregate",
        tmp_path / "missing.json",
        "-o",
        tmp_path / "none.json",
        "--agency",
        "某县人民政府",
        "--year",
        2024,
    )
    assert code == 2 and not (tmp_path / "none.json").exists() and "错误" not in out


def test_a_stored_report_from_before_prints_without_them(form: Form, seed: Report) -> None:
    """Whatever reached a report some other way, the printed page never holds a hidden character."""
    from reportdesk.render.context import build_context

    context = build_context(form, seed.with_text("s6", f"2023年{RLO}未产生信息公开处理费。"))
    assert context["s6"] == ["2023年未产生信息公开处理费。"]
