"""What the installers are made of, checked without building them: the .deb checker (on small packages made
here with dpkg-deb), the desktop entry, the icons and the resources a wheel or bundle must carry."""

from __future__ import annotations

import fnmatch
import importlib.util
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parent.parent
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def load_check_deb() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_deb", PACKAGING / "linux" / "check_deb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


check_deb = load_check_deb()
GOOD_DEPENDS = (
    "libc6 (>= 2.28), libstdc++6, libgl1, libegl1, libxcb1, libfontconfig1, libfreetype6, libpng16-16, "
    "libdbus-1-3, libsystemd0, libxkbcommon0, fonts-noto-cjk | fonts-wqy-microhei"
)
needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed")


def make_deb(
    folder: Path, depends: str = GOOD_DEPENDS, skip: str = "", extra: str = "", guide: str = ""
) -> Path:
    """A tiny package with every file the checker requires (empty stand-ins), built by dpkg-deb."""
    stage = folder / "stage"
    for path in check_deb.REQUIRED_FILES:
        if path == skip:
            continue
        target = stage / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"")
    python = check_deb.INTERNAL + "libpython3.11.so.1.0"
    for path in (python, extra):
        if path and path != skip:
            (stage / path).parent.mkdir(parents=True, exist_ok=True)
            (stage / path).write_bytes(b"")
    if guide:
        (stage / "usr/share/doc/reportdesk/user-guide.md").write_text(guide, encoding="utf-8")
    program = stage / check_deb.BUNDLE / "reportdesk"
    if program.exists():
        program.chmod(0o755)
    if skip != "./usr/share/applications/reportdesk.desktop":
        shutil.copyfile(
            PACKAGING / "linux" / "reportdesk.desktop", stage / "usr/share/applications/reportdesk.desktop"
        )
    (stage / "usr/bin").mkdir(parents=True, exist_ok=True)
    (stage / "usr/bin/reportdesk").symlink_to("/opt/reportdesk/reportdesk")
    (stage / "DEBIAN").mkdir()
    (stage / "DEBIAN/control").write_text(
        "Package: reportdesk\nVersion: 0.0.1\nArchitecture: all\nMaintainer: test <t@localhost>\n"
        f"Installed-Size: 1\nDepends: {depends}\nDescription: test\n test package\n",
        encoding="utf-8",
    )
    for p in stage.rglob("*"):
        if not p.is_symlink():
            p.chmod(0o755 if p.is_dir() or p == program else 0o644)
    deb = folder / "test.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(stage), str(deb)], check=True)
    return deb


@needs_dpkg
def test_a_complete_package_passes(tmp_path: Path) -> None:
    problems, fields, _ = check_deb.check_deb(make_deb(tmp_path))
    assert problems == []
    assert fields["Package"] == "reportdesk"


@needs_dpkg
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"skip": "./usr/share/applications/reportdesk.desktop"}, "reportdesk.desktop is missing"),
        ({"skip": check_deb.QT + "translations/qtbase_zh_CN.qm"}, "qtbase_zh_CN.qm is missing"),
        ({"skip": check_deb.RESOURCES + "sample-report.json"}, "sample-report.json is missing"),
        ({"skip": check_deb.INTERNAL + "libpython3.11.so.1.0"}, "(the Python runtime) is missing"),
        ({"extra": check_deb.INTERNAL + "libQt6Network.so.6"}, "libQt6Network.so.6 must not be shipped"),
        ({"extra": check_deb.QT + "plugins/platformthemes/libqgtk3.so"}, "libqgtk3.so must not be shipped"),
        ({"extra": check_deb.QT + "translations/qtbase_de.qm"}, "a translation other than Chinese"),
        ({"extra": check_deb.INTERNAL + "libsystemd.so.0"}, "libsystemd.so.0 must not be shipped"),
        ({"depends": GOOD_DEPENDS.replace("libc6 (>= 2.28)", "libc6")}, "libc6 (>= 2.N)"),
        ({"depends": GOOD_DEPENDS.replace(", libpng16-16", "")}, "Depends lacks libpng16-16"),
        ({"depends": GOOD_DEPENDS.replace(", libgl1", "")}, "Depends lacks libgl1"),
        (
            {"guide": "# 说明\n\n![开始页](screenshots/start.png)\n"},
            "the picture screenshots/start.png is not installed",
        ),
    ],
)
def test_the_checker_names_what_is_wrong(tmp_path: Path, change: dict[str, str], expected: str) -> None:
    problems, _, _ = check_deb.check_deb(make_deb(tmp_path, **change))
    assert any(expected in p for p in problems), problems


def test_the_listing_parser_reads_links_and_owners() -> None:
    text = (
        "-rwxr-xr-x root/root   5865560 2026-11-27 18:28 ./opt/reportdesk/reportdesk\n"
        "lrwxrwxrwx root/root         0 2026-11-27 18:28 ./usr/bin/reportdesk -> /opt/reportdesk/reportdesk\n"
    )
    program, link = check_deb.parse_listing(text)
    assert (program.mode, program.owner, program.path, program.target) == (
        "-rwxr-xr-x",
        "root/root",
        "./opt/reportdesk/reportdesk",
        None,
    )
    assert link.target == "/opt/reportdesk/reportdesk"


def test_the_desktop_entry_is_chinese_and_starts_reportdesk() -> None:
    text = (PACKAGING / "linux" / "reportdesk.desktop").read_text(encoding="utf-8")
    assert check_deb.check_desktop_entry(text) == []
    assert check_deb.check_desktop_entry(text.replace("Exec=reportdesk", "Exec=other")) != []


def test_the_windows_icon_holds_every_size_as_png() -> None:
    data = (RESOURCES / "reportdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, _height, _colors, _r, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i
        )
        image = data[offset : offset + length]
        assert image.startswith(PNG_SIGNATURE)
        png_width = struct.unpack_from(">I", image, 16)[0]
        assert png_width == (width or 256)
        sizes.append(png_width)
    assert {16, 32, 48, 256} <= set(sizes)


def test_every_resource_is_shipped_in_a_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["reportdesk.resources"]
    unshipped = [
        p.name
        for p in RESOURCES.iterdir()
        if p.is_file() and p.suffix != ".py" and not any(fnmatch.fnmatch(p.name, pat) for pat in patterns)
    ]
    assert unshipped == []
    for name in ("sample-report.json", "reportdesk.svg", "reportdesk.png", "reportdesk.ico"):
        assert (RESOURCES / name).is_file(), name


def load_launcher() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reportdesk_main", PACKAGING / "reportdesk_main.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            {
                "LD_LIBRARY_PATH": "/opt/reportdesk/_internal",
                "QT_PLUGIN_PATH": "/opt/reportdesk/x",
                "HOME": "/h",
            },
            {"HOME": "/h"},
        ),
        (
            {
                "LD_LIBRARY_PATH": "/opt/reportdesk/_internal:/usr/local/lib",
                "LD_LIBRARY_PATH_ORIG": "/usr/local/lib",
            },
            {"LD_LIBRARY_PATH": "/usr/local/lib"},
        ),
        (
            {"QML2_IMPORT_PATH": "/opt/reportdesk/_internal/PySide6/Qt/qml", "LANG": "zh_CN.UTF-8"},
            {"LANG": "zh_CN.UTF-8"},
        ),
    ],
)
def test_programs_started_by_the_bundle_get_the_system_libraries(
    before: dict[str, str], after: dict[str, str]
) -> None:
    environ = dict(before)
    load_launcher().restore_child_library_path(environ)
    assert environ == after


def load_script(relative: str, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, PACKAGING / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_glibc = load_script("linux/check_glibc.py", "check_glibc")
check_isl = load_script("windows/check_isl.py", "check_isl")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.29) exp", ("exp", "2.29")),
        ("0000000000000000      DF *UND*  0000000000000000  GLIBC_2.2.5 memcpy", ("memcpy", "2.2.5")),
        ("0000000000000000  w   DF *UND*  0000000000000000 (GLIBC_2.30) gettid", ("gettid", "2.30")),
        # Defined by the file itself, or from another library: not a need of glibc.
        ("00000000000a1b20 g    DF .text  0000000000000020  Base        PyInit_math", None),
        ("0000000000000000      DF *UND*  0000000000000000 (GLIBCXX_3.4.21) _ZNSt8ios_base4InitC1Ev", None),
    ],
)
def test_the_glibc_check_reads_what_each_symbol_asks_for(line: str, expected: tuple[str, str] | None) -> None:
    found = [(m.group(2), m.group(1)) for m in check_glibc.SYMBOL.finditer(line)]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("newer", "older"), [("2.29", "2.28"), ("2.30", "2.3"), ("2.28", "2.2.5"), ("2.10", "2.9")]
)
def test_glibc_versions_compare_as_numbers(newer: str, older: str) -> None:
    assert check_glibc.version_key(newer) > check_glibc.version_key(older)


def test_the_installer_messages_check_names_a_missing_message(tmp_path: Path) -> None:
    default = tmp_path / "Default.isl"
    default.write_text(
        "[LangOptions]\nLanguageName=English\n[Messages]\nButtonNext=&Next >\nButtonBack=< &Back\n"
        "[CustomMessages]\nLaunchProgram=Launch %1\n",
        encoding="utf-8-sig",
    )
    ours = tmp_path / "Chinese.isl"
    ours.write_text(
        "[LangOptions]\nLanguageName=简体中文\n[Messages]\nButtonNext=下一步(&N) >\n"
        "[CustomMessages]\nLaunchProgram=运行 %1\n",
        encoding="utf-8-sig",
    )
    assert check_isl.main([str(default), str(ours)]) == 1
    ours.write_text(
        ours.read_text(encoding="utf-8-sig") + "[Messages]\nButtonBack=< 上一步(&B)\n", encoding="utf-8-sig"
    )
    assert check_isl.main([str(default), str(ours)]) == 0


def test_our_installer_messages_are_chinese_and_keep_their_placeholders() -> None:
    text = (PACKAGING / "windows" / "ChineseSimplified.isl").read_text(encoding="utf-8-sig")
    assert "LanguageID=$0804" in text
    names = check_isl.messages(text)
    assert {"ButtonNext", "WelcomeLabel1", "ConfirmUninstall", "UninstalledAll", "CreateDesktopIcon"} <= names
    assert "UninstalledAll=已成功从您的电脑上删除 %1。" in text
