"""``reportdesk --selftest``: passes on a working install, says which step failed and why otherwise."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportdesk import selftest
from reportdesk.cli import main
from reportdesk.form import Form
from reportdesk.report import Report
from reportdesk.values import CellValue


def run_selftest(window: bool = True) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = selftest.run(out, err, window=window)
    return code, out.getvalue(), err.getvalue()


def test_every_step_passes_with_the_shipped_sample(qapp: object) -> None:
    code, out, err = run_selftest()
    assert code == 0, err
    passed = [line for line in out.splitlines() if line.startswith("[通过]")]
    assert [line.split("：")[0] for line in passed] == [
        "[通过] 载入表格格式",
        "[通过] 读取示例报告",
        "[通过] 校验示例报告",
        "[通过] 生成 Word 文档",
        "[通过] 打开并关闭主窗口",
    ]
    assert "中文翻译已载入" in out
    assert out.rstrip().splitlines()[-1].startswith("自检通过：共 5 项")


def test_the_sample_is_a_complete_report_without_errors(form: Form) -> None:
    report = selftest.load_sample(form)
    assert all(report.cells.get(key) is not None for key in form.cells)
    assert "没有错误" in selftest.check_sample(form, report)


def test_a_sample_with_a_wrong_total_fails_the_check_step(
    form: Form, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = selftest.load_sample

    def broken(f: Form) -> Report:
        report = original(f)
        key = next(k for k, c in f.cells.items() if c.computed)
        value: CellValue = report.cells[key]
        assert isinstance(value, int)
        return report.with_cell(key, value + 1)

    monkeypatch.setattr(selftest, "load_sample", broken)
    code, out, err = run_selftest(window=False)
    assert code == 1
    assert "[失败] 校验示例报告" in out
    assert "自检未通过：校验示例报告：示例报告校验出" in err
    assert "生成 Word 文档" not in out


def test_a_missing_resource_names_the_step_and_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "SAMPLE_RESOURCE", "no-such-sample.json")
    code, out, err = run_selftest(window=False)
    assert code == 1
    assert "[失败] 读取示例报告" in out
    assert "no-such-sample.json" in err


def test_a_window_without_chinese_fonts_fails_with_the_reason(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QFontDatabase

    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *_: []))
    code, out, err = run_selftest()
    assert code == 1
    assert "[通过] 生成 Word 文档" in out
    assert "[失败] 打开并关闭主窗口" in out
    assert "没有中文字体" in err


LIVE = {Path("/tmp/.X11-unix/X0"), Path("/run/user/1000/wayland-0")}  # the sockets "there" below


@pytest.mark.parametrize(
    ("environ", "system", "expected"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"DISPLAY": ":77"}, "linux", True),  # stale: nothing listens there, Qt would abort
        ({"DISPLAY": ":77.0"}, "linux", True),
        ({"DISPLAY": "localhost:10.0"}, "linux", False),  # remote: left to Qt
        ({"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": "/run/user/1000"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": "/run/user/1000"}, "linux", True),
        (
            {"DISPLAY": ":77", "WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": "/run/user/1000"},
            "linux",
            False,
        ),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", False),  # asked for by name: not overridden
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":77"}, "linux", False),
        ({}, "win32", False),
        ({"DISPLAY": ":77"}, "darwin", False),
    ],
)
def test_offscreen_only_on_a_linux_without_a_display_it_can_reach(
    environ: dict[str, str], system: str, expected: bool
) -> None:
    assert selftest.needs_offscreen(environ, system, exists=LIVE.__contains__) is expected


def _dead_display() -> str:
    """A local X display number with no server (no socket file) on this machine."""
    return next(f":{n}" for n in range(77, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())


def _selftest_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["HOME"] = str(tmp_path)
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return env | extra


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X display sockets are a Linux matter")
@pytest.mark.parametrize(
    ("platform", "code", "says"),
    [
        (None, 0, "；改在内存中显示"),  # a stale DISPLAY: the window is shown in memory
        ("xcb", 1, "去掉 QT_QPA_PLATFORM=xcb 这项设置"),  # xcb asked for by name: the step fails, in Chinese
    ],
)
def test_a_stale_display_never_lets_qt_abort(
    tmp_path: Path, platform: str | None, code: int, says: str
) -> None:
    display = _dead_display()
    env = _selftest_env(tmp_path, DISPLAY=display, **({"QT_QPA_PLATFORM": platform} if platform else {}))
    done = subprocess.run(
        [sys.executable, "-m", "reportdesk", "--selftest"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == code, done.stdout + done.stderr
    assert f"连接不上显示器 DISPLAY={display}" in done.stdout + done.stderr
    assert says in done.stdout + done.stderr
    assert "could not connect to display" not in done.stderr
    assert "Qt platform plugin" not in done.stderr  # Qt's abort


def test_selftest_with_a_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--selftest", "check", "x.json"])
    assert exit_info.value.code == 2
    assert "--selftest 不能与命令一起使用" in capsys.readouterr().err


def test_the_command_passes_without_any_display(tmp_path: Path) -> None:
    """As an office runs it over SSH or a terminal without a desktop: no DISPLAY, no Qt platform set."""
    env = _selftest_env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "reportdesk", "--selftest"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "没有显示器，在内存中显示" in done.stdout
    assert "propagateSizeHints" not in done.stderr
    assert not (tmp_path / "data").exists(), "the selftest must not create the officer's database"
