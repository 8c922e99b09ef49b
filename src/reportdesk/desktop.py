"""Before Qt starts: is there a desktop to show the window on, and how was the program called.

Without a display Qt aborts the process with an English message that also blames libxcb-cursor0,
whatever the cause. The window is therefore only started once a display is known to be there;
otherwise the officer is told in Chinese what is missing and what works without a desktop. Nothing
here connects to anything: an X display is judged by its socket file, a remote one is left to Qt.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path

# Qt platforms that need a display server; any other (offscreen, vnc, eglfs, minimal…) is the user's choice.
DISPLAY_PLATFORMS = ("xcb", "wayland", "wayland-egl")
X_SOCKETS = Path("/tmp/.X11-unix")


def command_name(argv0: str) -> str:
    """The command as it was typed, for messages and ``--help``.

    Run from a checkout it is ``.venv/bin/reportdesk`` (a relative path, kept as typed so the
    examples work when copied); found on the PATH or double-clicked it is ``reportdesk``.
    """
    typed_path = argv0 and not os.path.isabs(argv0) and ("/" in argv0 or os.sep in argv0)
    return argv0 if typed_path and Path(argv0).name.startswith("reportdesk") else "reportdesk"


def _x_socket(display: str) -> Path | None:
    """The socket file of a local X display (":1", ":1.0", "unix:1"); None for a remote one."""
    match = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display.strip())
    return X_SOCKETS / f"X{match.group(1)}" if match else None


def _wayland_socket(environ: Mapping[str, str]) -> Path | None:
    name = environ.get("WAYLAND_DISPLAY", "").strip()
    if not name:
        return None
    if os.path.isabs(name):
        return Path(name)
    runtime = environ.get("XDG_RUNTIME_DIR", "").strip()
    return Path(runtime) / name if runtime else None


def window_problem(
    environ: Mapping[str, str], system: str, exists: Callable[[Path], bool] = Path.exists
) -> str | None:
    """Why no window can be shown here (one Chinese sentence), or None when a display is there.

    Only a Linux session is judged (Windows and macOS always have their desktop). A display whose
    socket cannot be checked without the network (an X display on another host) counts as there.
    """
    if not system.startswith("linux"):
        return None
    chosen = [p.split(":")[0].strip() for p in environ.get("QT_QPA_PLATFORM", "").split(";") if p.strip()]
    if any(p not in DISPLAY_PLATFORMS for p in chosen):
        return None
    wants_x = not chosen or "xcb" in chosen
    wants_wayland = not chosen or any(p.startswith("wayland") for p in chosen)
    display = environ.get("DISPLAY", "").strip()
    wayland = _wayland_socket(environ)
    if wants_x and display:
        socket = _x_socket(display)
        if socket is None or exists(socket):
            return None
    if wants_wayland and wayland is not None and exists(wayland):
        return None
    if wants_x and display:
        socket = _x_socket(display)
        return (
            f"连接不上显示器 DISPLAY={display}（没有 {socket}：这个桌面可能已经退出，"
            "或者这个终端不属于当前的桌面会话）"
        )
    if wants_wayland and environ.get("WAYLAND_DISPLAY", "").strip():
        return f"连接不上 Wayland 显示器 WAYLAND_DISPLAY={environ['WAYLAND_DISPLAY']}（找不到它的套接字）"
    return (
        "这里没有图形桌面（没有设置 DISPLAY 或 WAYLAND_DISPLAY，例如通过 SSH 登录，或在没有桌面的服务器上）"
    )


def no_window_message(problem: str, command: str) -> str:
    """The full message: what is missing, how to open the window, what works without a desktop."""
    return (
        f"{command}：无法打开窗口：{problem}。\n"
        "请在桌面会话中打开：在桌面上打开终端再运行（安装版也可以从开始菜单“办公”类中的“政府信息公开年度报告”启动）。\n"
        "不需要桌面就能用的：\n"
        f"  命令行功能（见 {command} --help）\n"
        f"  自检：{command} --selftest\n"
        f"  各页截图：QT_QPA_PLATFORM=offscreen {command} --screenshots 文件夹"
    )
