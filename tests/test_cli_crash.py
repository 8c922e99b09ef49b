"""An unexpected failure is not a finding: its own exit code, a Chinese message, the traceback in a
log file under the user's data folder."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from reportdesk import commands, crashlog
from reportdesk.cli import build_parser, main

from . import hostile


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (RuntimeError("boom in a library"), "意外的内部错误"),
        (MemoryError(), "内存不足"),
        (RecursionError("maximum recursion depth exceeded"), "嵌套层次过深"),
        (UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"), "意外的内部错误"),
    ],
)
def test_an_unexpected_failure_exits_3_and_logs_the_traceback(
    failure: BaseException,
    said: str,
    data_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def crash(args: argparse.Namespace) -> int:
        raise failure

    monkeypatch.setattr(commands, "cmd_check", crash)
    code = main(["check", str(hostile.SEED)])
    err = capsys.readouterr().err
    assert code == crashlog.EXIT_CRASH == 3
    assert said in err and "退出码 3" in err
    logs = list((data_home / "reportdesk" / "logs").iterdir())
    assert len(logs) == 1 and str(logs[0]) in err
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and type(failure).__name__ in text and "reportdesk check" in text
    hostile.assert_clean(code, err, allowed=(3,), hide=(str(logs[0]),))


def test_without_a_writable_data_folder_the_traceback_goes_to_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "file"))  # a file: no folder can be made there

    def crash(args: argparse.Namespace) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(commands, "cmd_check", crash)
    assert main(["check", str(hostile.SEED)]) == 3
    err = capsys.readouterr().err
    assert "无法写入日志文件" in err and "RuntimeError: boom" in err


def test_old_logs_are_pruned(data_home: Path) -> None:
    folder = data_home / "reportdesk" / "logs"
    folder.mkdir(parents=True)
    for i in range(crashlog.KEEP_LOGS + 5):
        (folder / f"crash-20240101-0000{i:02d}-1.log").write_text("")
    crashlog.write_log(RuntimeError("x"), ["check"])
    assert len(list(folder.iterdir())) == crashlog.KEEP_LOGS


def test_help_and_readme_state_the_exit_codes() -> None:
    text = build_parser().format_help()
    assert "3  程序内部的意外错误" in text and "1  发现问题" in text
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "3 an unexpected failure" in readme
