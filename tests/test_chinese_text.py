"""Nothing in English or code form where the officer reads: every Chinese string of the window's
modules, the form's labels, the history's word tables, the window as shown, and the command line's
help and errors hold no Latin word outside an allow-list (format and program names, keys)."""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reportdesk.cli import build_parser, main
from reportdesk.cli_chinese import chinese_message, display_width
from reportdesk.report import Report
from reportdesk.store import models
from tests.ui_support import close_window, open_window

ROOT = Path(__file__).parent.parent
UI = ROOT / "src" / "reportdesk" / "ui"
CJK = re.compile(r"[\u4e00-\u9fff]")
ALLOWED = {
    # formats and programs an office knows by these names
    "Word", "Excel", "WPS", "PDF", "LibreOffice", "UTF", "GBK", "Qt", "reportdesk",
    # keys, as printed on them
    "Ctrl", "Shift", "Alt", "Tab", "Enter", "Esc", "Delete", "Home", "End", "PgUp", "PgDown",
}  # fmt: skip
# What is not a word to read: markup, mnemonics (&S), colours, placeholders, file names, keys with
# a letter (Ctrl+V) and mnemonics as a tool button shows them (F), function keys, dotted keys, package names, addresses, environment variables,
# and what the officer typed, quoted back (“chek”).
NOT_WORDS = re.compile(
    r"<[^>]*>|&[a-z]+;|&[A-Za-z]|\([A-Z]\)|#[0-9a-fA-F]{3,6}\b|\{[^}]*\}|“[^”]*”"
    r"|\S*\.(?:json|docx?|xlsx?|csv|pdf|html?|txt|md|wps|et|db|png)\b|(?:(?:Ctrl|Shift|Alt)\+)+\w+|\bF\d{1,2}\b"
    r"|[\w-]+-[\w-]+|\w+://\S*|\bdb:\w+|\$?\b[A-Z]+_[A-Z_]+\b|\b[a-z]\w*\.[\w.-]+"
)
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# The command line also names the formats it reads and writes (its readers are the technical ones).
FORMATS = frozenset({"JSON", "HTML", "PNG"})


def latin_words(text: str, also: frozenset[str] = frozenset()) -> list[str]:
    """The Latin words of ``text`` that a reader would have to read, not counting the allowed."""
    return [w for w in WORD.findall(NOT_WORDS.sub(" ", text)) if w not in ALLOWED and w not in also]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("生成 Word 文档（需要 LibreOffice）", []),
        ("按 Ctrl+V 粘贴，F9 显示检查结果，保存到 报告.docx", []),
        ("Export failed：无法写入", ["Export", "failed"]),
        ("单元格 t3.new.natural 的说明", []),
        ("<b style='color:#a4262c'>错误</b> T3-BALANCE", []),
        ("修改历史 (&H)… error", ["error"]),
    ],
)
def test_the_word_finder_itself(text: str, words: list[str]) -> None:
    assert latin_words(text) == words


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def ui_strings() -> Iterator[tuple[str, str]]:
    """Every string constant with Chinese in it in the window's modules (docstrings are for us)."""
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and CJK.search(node.value)
            ):
                yield str(path.relative_to(UI)), node.value


def test_the_windows_strings_are_chinese() -> None:
    strings = list(ui_strings())
    assert len(strings) > 300  # the scan sees the window's texts
    assert {where: words for where, text in strings if (words := latin_words(text))} == {}


def test_the_forms_labels_are_chinese() -> None:
    data = json.loads((ROOT / "resources" / "form-2021.json").read_text(encoding="utf-8"))
    found: list[tuple[str, list[str]]] = []

    def walk(node: object, key: str) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k != "note":  # remarks for whoever edits the file
                    walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and CJK.search(node) and (words := latin_words(node)):
            found.append((node, words))

    walk(data, "")
    assert found == []


def test_the_historys_tables_are_chinese() -> None:
    for table in (models.ACTION_LABELS, models.AGENCY_LABELS, models.KIND_LABELS):
        assert all(CJK.search(v) and not latin_words(v) for v in table.values()), table


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _parsers(sub)


def _typed(parser: argparse.ArgumentParser) -> frozenset[str]:
    """What one types: command names, option names, the values offered."""
    out: set[str] = set()
    for p in _parsers(parser):
        for action in p._actions:
            out.update(WORD.findall(" ".join(action.option_strings)))
            if isinstance(action, argparse._SubParsersAction):
                out.update(action.choices)
            elif action.choices:
                out.update(str(c) for c in action.choices)
    return frozenset(out)


def test_every_help_text_of_the_command_line_is_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["reportdesk"])
    parser = build_parser()
    typed = _typed(parser) | FORMATS
    helps = {p.prog: p.format_help() for p in _parsers(parser)}
    assert len(helps) > 20
    assert {prog: words for prog, text in helps.items() if (words := latin_words(text, typed))} == {}


@pytest.mark.parametrize(
    "argv",
    [
        ["chek"],
        ["check"],
        ["new", "--kind", "x", "--year", "2024", "--agency", "某局", "-o", "x.json"],
        ["db", "restore", "1", "--to", "x"],
        ["check", "a.json", "b.json", "c.json"],
        ["new", "--year"],
    ],
)
def test_command_line_errors_are_chinese(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["reportdesk"])
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "错误" in err and "用法：" in err
    assert latin_words(err, _typed(build_parser()) | FORMATS) == [], err


def test_argparse_phrases_and_width(monkeypatch: pytest.MonkeyPatch) -> None:
    assert chinese_message("argument --kind: invalid choice: 'x' (choose from 'a', 'b')") == (
        "参数 --kind：无效的选项“x”（可选：a、b）"
    )
    assert chinese_message("argument --kind: invalid choice: x (choose from a, b)") == (
        "参数 --kind：无效的选项“x”（可选：a、b）"
    )
    assert display_width("--db 路径") == 9
    monkeypatch.setattr(sys, "argv", ["reportdesk"])
    lines = build_parser().format_help().splitlines()
    helped = [m for line in lines if (m := re.match(r"  --\S+( \S+)?  +(?=\S)", line))]
    starts = {display_width(m.group(0)) for m in helped}
    assert len(starts) == 1, lines  # every option's help begins in one column, Chinese placeholders too


def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """What a window shows: labels, buttons, group titles, placeholders, tooltips, menus."""
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        texts = [w.toolTip(), w.windowTitle(), w.accessibleName()]
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
            texts.append(w.placeholderText())
        for action in w.actions():
            texts += [action.text(), action.toolTip()]
        for text in texts:
            if text:
                yield type(w).__name__, text


def test_the_window_as_shown_is_chinese(
    qtbot: QtBot, tmp_path: Path, hongze2023: Report, hongze2024: Report
) -> None:
    win, c = open_window(qtbot, tmp_path)
    try:
        c.store.import_report(hongze2023)
        c.open_report(c.store.import_report(hongze2024))
        found: dict[str, set[str]] = {}
        for page in ["start", *(s.key for s in c.form.sections), "aggregate"]:
            c.go(page)
            for kind, text in shown_texts(win):
                if kind == "QLabel" and text.startswith("<b>") and "font-size:small" in text:
                    continue  # the findings detail: the code is a small grey tag after the title
                if words := latin_words(text):
                    found.setdefault(text, set()).update(words)
        assert found == {}
    finally:
        close_window(win, c)
