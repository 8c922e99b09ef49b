"""Check a built reportdesk .deb with dpkg-deb: its control fields, its files, its desktop entry.

    .venv/bin/python packaging/linux/check_deb.py dist/reportdesk_VERSION_ARCH.deb

Prints one line per problem and exits 1 when there is any, 0 (with a summary) otherwise. Standard library only,
so any Python 3.11 runs it.
"""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "./opt/reportdesk/"
INTERNAL = BUNDLE + "_internal/"
RESOURCES = INTERNAL + "reportdesk/resources/"
QT = INTERNAL + "PySide6/Qt/"

# Files an installed reportdesk cannot work without (or that make it a desktop program).
REQUIRED_FILES = (
    BUNDLE + "reportdesk",
    RESOURCES + "form-2021.json",
    RESOURCES + "report-template.docx",
    RESOURCES + "sample-report.json",
    RESOURCES + "reportdesk.png",
    QT + "translations/qtbase_zh_CN.qm",
    QT + "plugins/platforms/libqxcb.so",
    # Qt 6.9 ships the Wayland platform as two plugins, generic (shared memory) and egl.
    QT + "plugins/platforms/libqwayland-generic.so",
    QT + "plugins/platforms/libqoffscreen.so",
    QT + "plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "./usr/share/applications/reportdesk.desktop",
    "./usr/share/icons/hicolor/scalable/apps/reportdesk.svg",
    "./usr/share/icons/hicolor/256x256/apps/reportdesk.png",
    "./usr/share/doc/reportdesk/copyright",
    "./usr/share/doc/reportdesk/user-guide.md",
)
# What must not be shipped: network and TLS support of Qt (the program is offline), the GTK theme plugin (it
# would load the system's GTK against the bundled GLib), test tools, compiled caches.
FORBIDDEN = (
    re.compile(r"libQt6Network|QtNetwork|/plugins/tls/|/plugins/networkinformation/"),
    re.compile(r"/plugins/platformthemes/libqgtk3"),
    re.compile(r"/(pytest|_pytest|hypothesis|mypy|PyInstaller)/"),
    re.compile(r"__pycache__|\.pyc$"),
    # Taken from the system instead (Depends): built against a newer glibc than 2.28 on the build root, and
    # present on every desktop; libstdc++ must be the system's, which the system's graphics drivers also load;
    # fontconfig must be the one that reads the system's /etc/fonts.
    re.compile(r"/_internal/(libsystemd|libpng16|libstdc\+\+|libgcc_s|libfontconfig|libfreetype)\.so"),
)
CONTROL_FIELDS = (
    "Package",
    "Version",
    "Architecture",
    "Maintainer",
    "Installed-Size",
    "Depends",
    "Description",
)
# Packages the program needs from the system on a bare Debian-based install (see packaging/README.md).
REQUIRED_DEPENDS = (
    "libc6",
    "libgl1",
    "libegl1",
    "libxcb1",
    "libfontconfig1",
    "libdbus-1-3",
    "libxkbcommon0",
    "fonts-noto-cjk",
    "libsystemd0",
    "libpng16-16",
    "libstdc++6",
)


@dataclass(frozen=True)
class Entry:
    """One line of ``dpkg-deb -c``."""

    mode: str
    owner: str
    path: str
    target: str | None = None


def parse_listing(text: str) -> list[Entry]:
    """``dpkg-deb -c`` output: mode, owner/group, size, date, time, path [-> target]."""
    entries = []
    for line in text.splitlines():
        parts = line.split(None, 5)
        if len(parts) < 6:
            continue
        mode, owner, _size, _date, _time, rest = parts
        path, _, target = rest.partition(" -> ")
        entries.append(Entry(mode, owner, path, target or None))
    return entries


def depends_names(depends: str) -> set[str]:
    """Every package name in a Depends field, alternatives included."""
    return {
        re.split(r"[\s(]", alt.strip(), maxsplit=1)[0] for alt in re.split(r"[,|]", depends) if alt.strip()
    }


def check_control(fields: dict[str, str]) -> list[str]:
    problems = []
    for name in CONTROL_FIELDS:
        if not fields.get(name):
            problems.append(f"control: field {name} is missing")
    if fields.get("Package") and fields["Package"] != "reportdesk":
        problems.append(f"control: Package is {fields['Package']!r}, not 'reportdesk'")
    depends = fields.get("Depends", "")
    missing = [p for p in REQUIRED_DEPENDS if p not in depends_names(depends)]
    if missing:
        problems.append(f"control: Depends lacks {', '.join(missing)}")
    if not re.search(r"libc6 \(>= 2\.\d+\)", depends):
        problems.append("control: Depends has no 'libc6 (>= 2.N)' (the glibc the bundle was built against)")
    return problems


def check_files(entries: list[Entry]) -> list[str]:
    problems = []
    by_path = {e.path: e for e in entries}
    for path in REQUIRED_FILES:
        if path not in by_path:
            problems.append(f"files: {path} is missing")
    if not any(re.fullmatch(re.escape(INTERNAL) + r"libpython3\.\d+\.so\.1\.0", p) for p in by_path):
        problems.append(f"files: {INTERNAL}libpython3.N.so.1.0 (the Python runtime) is missing")
    program = by_path.get(BUNDLE + "reportdesk")
    if program is not None and program.mode != "-rwxr-xr-x":
        problems.append(f"files: {program.path} has mode {program.mode}, not -rwxr-xr-x")
    link = by_path.get("./usr/bin/reportdesk")
    if link is None or link.target != "/opt/reportdesk/reportdesk":
        problems.append("files: ./usr/bin/reportdesk is not a link to /opt/reportdesk/reportdesk")
    for e in entries:
        if e.owner != "root/root":
            problems.append(f"files: {e.path} is owned by {e.owner}")
        if not e.mode.startswith("l") and e.mode[8] == "w":
            problems.append(f"files: {e.path} is writable by everyone ({e.mode})")
        if any(p.search(e.path) for p in FORBIDDEN):
            problems.append(f"files: {e.path} must not be shipped")
        if "/translations/" in e.path and e.path.endswith(".qm") and "_zh_CN" not in e.path:
            problems.append(f"files: {e.path} is a translation other than Chinese")
    return problems


def check_desktop_entry(text: str) -> list[str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    try:
        parser.read_string(text)
        entry = parser["Desktop Entry"]
    except (configparser.Error, KeyError) as e:
        return [f"desktop entry: unreadable ({e})"]
    expected = {"Type": "Application", "Exec": "reportdesk", "Icon": "reportdesk", "Terminal": "false"}
    problems = [
        f"desktop entry: {key}={entry.get(key)!r}, expected {value!r}"
        for key, value in expected.items()
        if entry.get(key) != value
    ]
    name = entry.get("Name[zh_CN]", "")
    if not re.search(r"[\u4e00-\u9fff]", name):
        problems.append("desktop entry: Name[zh_CN] is not Chinese")
    if "Office;" not in entry.get("Categories", ""):
        problems.append("desktop entry: Categories lacks Office")
    return problems


def validate_desktop_file(path: Path) -> list[str]:
    """desktop-file-validate's verdict, when the tool is installed (Debian package desktop-file-utils)."""
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        return []
    done = subprocess.run([tool, str(path)], capture_output=True, text=True)
    if done.returncode == 0:
        return []
    out = (done.stdout + done.stderr).strip() or f"exit status {done.returncode}"
    return [f"desktop-file-validate: {line}" for line in out.splitlines()]


def check_guide_pictures(doc: Path) -> list[str]:
    """Every picture the installed user guide shows is installed beside it."""
    guide = doc / "user-guide.md"
    if not guide.is_file():
        return []
    shown = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide.read_text(encoding="utf-8"))
    return [
        f"user guide: the picture {name} is not installed" for name in shown if not (doc / name).is_file()
    ]


def dpkg_deb(*args: str) -> str:
    return subprocess.run(["dpkg-deb", *args], capture_output=True, text=True, check=True).stdout


def check_deb(deb: Path) -> tuple[list[str], dict[str, str], list[Entry]]:
    """Every problem found in ``deb``, its control fields and its file list."""
    fields = {name: dpkg_deb("-f", str(deb), name).strip() for name in CONTROL_FIELDS}
    entries = parse_listing(dpkg_deb("-c", str(deb)))
    problems = check_control(fields) + check_files(entries)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", str(deb), tmp], check=True)
        desktop = Path(tmp) / "usr/share/applications/reportdesk.desktop"
        if desktop.is_file():
            problems += check_desktop_entry(desktop.read_text(encoding="utf-8"))
            problems += validate_desktop_file(desktop)
        problems += check_guide_pictures(Path(tmp) / "usr/share/doc/reportdesk")
    return problems, fields, entries


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: check_deb.py PACKAGE.deb", file=sys.stderr)
        return 2
    deb = Path(argv[0])
    problems, fields, entries = check_deb(deb)
    for p in problems:
        print(f"{deb.name}: {p}")
    if problems:
        return 1
    print(
        f"{deb.name}: ok — {fields['Package']} {fields['Version']} {fields['Architecture']}, "
        f"{len(entries)} entries, {int(fields['Installed-Size']) // 1024} MB installed, "
        f"{deb.stat().st_size // 1_000_000} MB download; Depends: {fields['Depends']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
