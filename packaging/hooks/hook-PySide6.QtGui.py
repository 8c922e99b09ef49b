"""PySide6.QtGui as PyInstaller collects it, without the Qt plugins a desktop office program never loads.

Left out before PyInstaller follows their library dependencies, so what they link (GTK, cairo, pango …) stays out
of the bundle too: the GTK3 theme plugin (it would load the system's GTK against the bundle's GLib), the plugins
for embedded screens without a desktop (eglfs, linuxfb, vnc, evdev input) and the Vulkan display platform.
Kept: xcb (X11: UOS, Kylin, most Linux desktops), wayland, offscreen and minimal (selftest, tests), input
methods (ibus, compose), image formats, SVG icons.
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED = (
    "/egldeviceintegrations/",
    "/generic/",
    "/platformthemes/libqgtk3",
    "/platforms/libqeglfs",
    "/platforms/libqlinuxfb",
    "/platforms/libqminimalegl",
    "/platforms/libqvkkhrdisplay",
    "/platforms/libqvnc",
)


def wanted(entry: tuple[str, str]) -> bool:
    source = entry[0].replace("\\", "/")
    return not any(part in source for part in UNUSED)


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [b for b in binaries if wanted(b)]
