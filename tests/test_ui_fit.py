"""The window fits the officer's screen: 1366 × 768 and 1280 × 720 at 100 %, 1920 × 1080 at 150 %
and 200 %. Each screen is a child process (Qt's screen is fixed when it starts) running
tests/ui_fit_screen.py on a fake offscreen screen of that size; the children run side by side."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
SCREENS = [(1366, 768, "1"), (1280, 720, "1"), (1920, 1080, "1.5"), (1920, 1080, "2")]


def screen_env(tmp: Path, width: int, height: int, scale: str) -> dict[str, str]:
    config = tmp / f"screen-{width}x{height}@{scale}.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "office",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    return env | {
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
        "REPORTDESK_SETTINGS": str(tmp / "unused.ini"),
    }


def test_window_and_dialogs_fit_every_office_screen(tmp_path: Path) -> None:
    runs = {}
    for width, height, scale in SCREENS:
        folder = tmp_path / f"{width}x{height}@{scale}"
        folder.mkdir()
        runs[(width, height, scale)] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-x",
                "--basetemp",
                str(folder / "t"),
                str(ROOT / "tests" / "ui_fit_screen.py"),
            ],
            cwd=ROOT,
            env=screen_env(folder, width, height, scale),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
    failed = {}
    for screen, run in runs.items():
        out, _ = run.communicate(timeout=600)
        if run.returncode != 0:
            failed[screen] = out[-3000:]
    assert failed == {}, "\n\n".join(f"{s}:\n{o}" for s, o in failed.items())
