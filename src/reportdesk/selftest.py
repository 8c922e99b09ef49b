"""``reportdesk --selftest``: show an office at once that an installation works.

Loads the form, checks the sample report shipped in ``resources/``, renders it to a temporary .docx and reads
the document back, then opens the main window on it and closes it again (offscreen when there is no display).
Each step prints one line in Chinese; the exit code is 0 when every step passed, 1 with the reason otherwise.
Nothing of the officer's is touched: the database and window settings of the window step live in a temporary
folder, removed at the end.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TextIO, TypeVar

from reportdesk import __version__
from reportdesk.desktop import window_problem
from reportdesk.form import Form, load_form, resource_path
from reportdesk.report import Report, loads

SAMPLE_RESOURCE = "sample-report.json"
EXIT_PASSED = 0
EXIT_FAILED = 1

T = TypeVar("T")


class StepFailed(Exception):
    """A step found something wrong; the message says what, in Chinese."""


def load_sample(form: Form) -> Report:
    """The sample report shipped with the program (a real published report, all sums holding)."""
    text = resource_path(SAMPLE_RESOURCE).read_text(encoding="utf-8")
    return loads(text, form, f"示例报告 {SAMPLE_RESOURCE}").report


def describe_form(form: Form) -> str:
    """What was loaded, counted from the form itself."""
    tables = sum(1 for s in form.sections if s.table)
    return f"《{form.name}》：{len(form.sections)} 个部分、{tables} 张表、{len(form.cells)} 个单元格"


def check_sample(form: Form, report: Report) -> str:
    """The sample passes every check; an error means the checks and the form do not fit together."""
    from reportdesk.checks import check

    findings = check(form, report)
    errors = [f for f in findings if f.level == "error"]
    if errors:
        first = errors[0]
        raise StepFailed(
            f"示例报告校验出 {len(errors)} 个错误（{first.code}：{first.message}），校验规则与表格格式不一致"
        )
    warnings = len(findings) - len(errors)
    return f"{report.agency.full_name} {report.year} 年度报告：没有错误" + (
        f"，{warnings} 条提醒" if warnings else "，没有提醒"
    )


def render_sample(form: Form, report: Report, folder: Path) -> str:
    """Render the sample to a .docx in ``folder`` and read it back as a Word document."""
    from reportdesk.render.docx import render_docx, write_docx

    path = folder / "示例报告.docx"
    write_docx(path, render_docx(form, report))
    try:
        with zipfile.ZipFile(path) as docx:
            body = docx.read("word/document.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as e:
        raise StepFailed(f"生成的文件 {path.name} 不是可以打开的 Word 文档（{e}）") from e
    if report.agency.name not in body:
        raise StepFailed(f"生成的 Word 文档里没有机关名称“{report.agency.name}”")
    size = path.stat().st_size
    path.unlink()
    return f"{size // 1024} KB，内容与示例报告一致，临时文件已删除"


def needs_offscreen(
    environ: Mapping[str, str], system: str, exists: Callable[[Path], bool] = Path.exists
) -> bool:
    """A Linux session without a display it can reach: Qt's offscreen platform shows the window in memory."""
    if system != "linux" or environ.get("QT_QPA_PLATFORM"):
        return False
    # No display set, or a local one whose socket is gone (a stale DISPLAY=:77): Qt would abort
    # the process with an English message, as the window would (see reportdesk.desktop).
    return window_problem(environ, system, exists) is not None


def open_window(report: Report, folder: Path) -> str:
    """Open and close the main window (Qt imported only here, as everywhere outside ``ui/``)."""
    problem = window_problem(os.environ, sys.platform)
    offscreen = needs_offscreen(os.environ, sys.platform)
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif problem is not None:  # a display platform asked for by name, and none there: Qt would abort
        chosen = os.environ.get("QT_QPA_PLATFORM", "")
        raise StepFailed(f"{problem}；去掉 QT_QPA_PLATFORM={chosen} 这项设置，自检就会在内存中显示窗口")
    try:
        from reportdesk.ui.selftest import WindowProblem, open_and_close
    except ImportError as e:
        raise StepFailed(f"缺少图形界面组件 {e.name or 'PySide6'}") from e
    try:
        seen: str = open_and_close(report, folder)
    except WindowProblem as e:
        raise StepFailed(str(e)) from e
    if not offscreen:
        return seen
    if os.environ.get("DISPLAY", "").strip() or os.environ.get("WAYLAND_DISPLAY", "").strip():
        return seen + f"（{problem}；改在内存中显示）"
    return seen + "（没有显示器，在内存中显示）"


def _install_kind() -> str:
    # sys.frozen is set by PyInstaller's bootloader; resources are still found with importlib.resources.
    if getattr(sys, "frozen", False):
        return f"独立安装包，程序位置 {Path(sys.executable).parent}"
    return f"Python 环境 {sys.prefix}"


class _Stopped(Exception):
    """A step failed and said so; the run ends there."""


def _step(title: str, action: Callable[[], tuple[T, str]], out: TextIO, err: TextIO) -> T:
    """Run one step and print its line; a failure is printed with its reason and stops the run."""
    t0 = time.perf_counter()
    try:
        value, detail = action()
    except StepFailed as e:
        _failed(title, str(e), out, err)
        raise _Stopped from e
    except Exception as e:  # a selftest reports whatever went wrong, with its details
        traceback.print_exc(file=err)
        _failed(title, f"{type(e).__name__}：{e}", out, err)
        raise _Stopped from e
    print(f"[通过] {title}：{detail}（{time.perf_counter() - t0:.2f} 秒）", file=out)
    return value


def _failed(title: str, reason: str, out: TextIO, err: TextIO) -> None:
    print(f"[失败] {title}", file=out)
    print(f"自检未通过：{title}：{reason}", file=err)


def _load_form() -> tuple[Form, str]:
    form = load_form()
    return form, describe_form(form)


def _load_sample(form: Form) -> tuple[Report, str]:
    report = load_sample(form)
    return report, f"{SAMPLE_RESOURCE}，{len(report.cells)} 个数字、{len(report.texts)} 段文字"


def run(out: TextIO, err: TextIO, *, window: bool = True) -> int:
    """Every step in order, stopping at the first that fails; returns the exit code."""
    started = time.perf_counter()
    print(
        f"reportdesk {__version__} 自检（{platform.system()} {platform.machine()}，{_install_kind()}）",
        file=out,
    )
    steps = 5 if window else 4
    try:
        with tempfile.TemporaryDirectory(prefix="reportdesk-selftest-", ignore_cleanup_errors=True) as tmp:
            folder = Path(tmp)
            form = _step("载入表格格式", _load_form, out, err)
            report = _step("读取示例报告", lambda: _load_sample(form), out, err)
            _step("校验示例报告", lambda: (None, check_sample(form, report)), out, err)
            _step("生成 Word 文档", lambda: (None, render_sample(form, report, folder)), out, err)
            if window:
                _step("打开并关闭主窗口", lambda: (None, open_window(report, folder)), out, err)
    except _Stopped:
        return EXIT_FAILED
    total = time.perf_counter() - started
    print(f"自检通过：共 {steps} 项，用时 {total:.1f} 秒。这台电脑上的 reportdesk 可以正常使用。", file=out)
    return EXIT_PASSED
