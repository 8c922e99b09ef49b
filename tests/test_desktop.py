"""The window is only started where there is a display; otherwise a Chinese message, before Qt aborts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportdesk.desktop import command_name, no_window_message, window_problem

LIVE = {Path("/tmp/.X11-unix/X0"), Path("/run/user/1000/wayland-0")}


def live(path: Path) -> bool:
    return path in LIVE


@pytest.mark.parametrize(
    ("environ", "system", "says"),
    [
        ({}, "linux", "没有图形桌面"),
        ({"DISPLAY": ":0"}, "linux", None),
        ({"DISPLAY": ":0.0"}, "linux", None),
        ({"DISPLAY": "unix:0"}, "linux", None),
        ({"DISPLAY": ":5"}, "linux", "DISPLAY=:5（没有 /tmp/.X11-unix/X5"),
        ({"DISPLAY": "localhost:10.0"}, "linux", None),  # forwarded over SSH: left to Qt, never probed
        ({"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": "/run/user/1000"}, "linux", None),
        (
            {"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": "/run/user/1000"},
            "linux",
            "WAYLAND_DISPLAY=wayland-1",
        ),
        (
            {"DISPLAY": ":5", "WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": "/run/user/1000"},
            "linux",
            None,
        ),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", None),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "linux", None),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", "没有图形桌面"),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, "linux", None),
        ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, "linux", "没有图形桌面"),
        ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}, "linux", None),
        ({}, "win32", None),
        ({}, "darwin", None),
    ],
)
def test_a_display_is_judged_by_its_socket(environ: dict[str, str], system: str, says: str | None) -> None:
    problem = window_problem(environ, system, live)
    if says is None:
        assert problem is None
    else:
        assert problem is not None and says in problem


@pytest.mark.parametrize(
    ("argv0", "name"),
    [
        (".venv/bin/reportdesk", ".venv/bin/reportdesk"),
        ("reportdesk/reportdesk", "reportdesk/reportdesk"),
        ("/usr/bin/reportdesk", "reportdesk"),
        ("/home/u/x/.venv/bin/reportdesk", "reportdesk"),
        ("reportdesk", "reportdesk"),
        ("/usr/lib/python3/dist-packages/reportdesk/__main__.py", "reportdesk"),
        ("tools/other-script", "reportdesk"),
    ],
)
def test_the_command_is_named_as_typed(argv0: str, name: str) -> None:
    assert command_name(argv0) == name


def test_the_message_says_what_works_without_a_desktop() -> None:
    text = no_window_message("这里没有图形桌面", ".venv/bin/reportdesk")
    assert text.startswith(".venv/bin/reportdesk：无法打开窗口：这里没有图形桌面。")
    assert "QT_QPA_PLATFORM=offscreen .venv/bin/reportdesk --screenshots" in text
    assert ".venv/bin/reportdesk --selftest" in text and "桌面会话" in text


def test_the_window_without_a_display_says_so_in_chinese_and_qt_never_starts(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env |= {"HOME": str(tmp_path), "REPORTDESK_DB": str(tmp_path / "d.db")}
    code = (
        "import sys; from reportdesk.cli import main; c = main([]); "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6'))); sys.exit(c)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert out.returncode == 2
    assert "无法打开窗口：这里没有图形桌面" in out.stderr and "QT_QPA_PLATFORM=offscreen" in out.stderr
    assert "xcb" not in out.stderr and "libxcb-cursor0" not in out.stderr
    assert out.stdout.strip() == "[]"  # Qt was not even imported
    assert not (tmp_path / "d.db").exists()
