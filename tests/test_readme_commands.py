"""The README's commands as scripts/newcomer-check.sh reads and runs them, and the one way they are written."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readme_commands", ROOT / "scripts" / "readme_commands.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["readme_commands"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


rc = _load()
README = (ROOT / "README.md").read_text(encoding="utf-8")

SAMPLE = """Text.

```sh
scripts/setup.sh && .venv/bin/reportdesk --db a.db   # opens the window
```

```sh
export X=1
.venv/bin/reportdesk db check 2       # exit 1: blank cells
.venv/bin/reportdesk aggregate a.json \\
    -o t.json --year 2024              # two lines, one command
.venv/bin/reportdesk db set 1 k "v"   # a first comment line
                                      # and its continuation
.venv/bin/reportdesk --selftest
```

```sh skip-newcomer-check
packaging/build.sh linux deb
```

```json
{"not": "a command"}
```
"""


def test_commands_blocks_lines_and_promises() -> None:
    found = rc.commands(SAMPLE)
    assert [(c.line, rc.one_line(c), c.expected, c.window, c.run) for c in found] == [
        (4, "scripts/setup.sh && .venv/bin/reportdesk --db a.db", 0, True, True),
        (8, "export X=1", 0, False, True),
        (9, ".venv/bin/reportdesk db check 2", 1, False, True),
        (10, ".venv/bin/reportdesk aggregate a.json -o t.json --year 2024", 0, False, True),
        (12, '.venv/bin/reportdesk db set 1 k "v"', 0, False, True),
        (14, ".venv/bin/reportdesk --selftest", 0, False, True),
        (18, "packaging/build.sh linux deb", 0, False, False),
    ]


def test_the_generated_script_stops_at_the_first_broken_command(tmp_path: Path) -> None:
    sample = """```sh
true
echo "it is $((6 * 7))"          # run as typed, in one shell
export GREETING=ok
test "$GREETING" = ok
false                            # exit 1
ls /nonexistent-folder
echo never reached
```
"""
    script = tmp_path / "run.sh"
    script.write_text(rc.script(rc.commands(sample)), encoding="utf-8")
    out = subprocess.run(["bash", str(script), str(tmp_path)], capture_output=True, text=True, check=False)
    assert out.returncode == 1
    assert "it is 42" in out.stdout and "never reached" not in out.stdout
    assert (
        "NEWCOMER CHECK FAILED at README.md line 7 (exit 2, the README promises 0):\nls /nonexistent-folder"
        in (out.stdout)
    )


def test_the_readme_has_the_set_up_the_window_and_the_test_command() -> None:
    found = [c for c in rc.commands(README) if c.run]
    assert rc.one_line(found[0]) == "scripts/setup.sh && .venv/bin/reportdesk"
    assert [rc.one_line(c) for c in found if c.window] == ["scripts/setup.sh && .venv/bin/reportdesk"]
    assert "scripts/setup.sh --dev && scripts/test.sh" in [rc.one_line(c) for c in found]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.strip() for line in ci.splitlines()]
    # CI runs the README's test command, then (among other steps) the newcomer check
    assert (
        lines.index("scripts/setup.sh --dev")
        < lines.index("scripts/test.sh")
        < lines.index("scripts/newcomer-check.sh")
    )


def test_every_example_calls_the_program_one_way() -> None:
    """From a checkout the program is .venv/bin/reportdesk: never a bare `reportdesk` the PATH does not have."""
    bare = re.compile(r"(^|&&|\|\||;|\$\(|=\S*\s)\s*reportdesk\b")
    for c in rc.commands(README):
        code = rc.one_line(c)
        assert not bare.search(code), (c.line, code)
    assert README.count(".venv/bin/reportdesk") > 20
    # inline examples in the prose too
    assert not re.search(r"`reportdesk (--|db |check|render|import)", README.split("Installed, it is", 1)[0])


def test_the_user_guide_and_help_name_the_program_as_the_readme_does() -> None:
    guide = (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")
    assert ".venv/bin/reportdesk" in guide  # the checkout, beside the installed `reportdesk`
    out = subprocess.run(
        [str(Path(sys.executable).parent / "reportdesk"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "usage: reportdesk" in out.stdout or "reportdesk [-h]" in out.stdout


@pytest.mark.parametrize("name", ["newcomer-check.sh", "debian-root.sh", "readme-screenshots.sh"])
def test_the_scripts_are_valid_bash(name: str) -> None:
    path = ROOT / "scripts" / name
    assert path.stat().st_mode & 0o111, f"{name} is not executable"
    subprocess.run(["bash", "-n", str(path)], check=True)
