"""The drafts database: rows another program changed are named in Chinese, never a traceback and
never written to; a sound database in a read-only place opens read-only, never "damaged"."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportdesk.cli import main
from reportdesk.store import Store, StoreError
from reportdesk.store import opening as store_opening

from . import hostile
from .conftest import DATA


@pytest.fixture(scope="module")
def sound_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sound database holding the seed report (id 1) with a short history, made once."""
    folder = tmp_path_factory.mktemp("sound")
    db = hostile.tampered_database(folder, "format")  # any tampering: undone below
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("UPDATE reports SET format = 'gov-info-annual-report/2021'")
    conn.close()
    return db


def copy_db(db: Path, folder: Path) -> Path:
    target = folder / db.name
    shutil.copy(db, target)
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# Tamperings that leave nothing to say (SQLite converts 12 to the text '12'; a body's unknown kind
# is shown as written) are left out; every other one must be named.
NAMED = {k: v for k, v in hostile.TAMPERS.items() if k not in ("text number", "body kind", "format")}
WHAT = {
    "cell not json": "单元格 t3.new.natural",
    "bad decimal": "单元格 t2.fees.amount",
    "cell object": "单元格 t3.new.total",
    "deep cell": "单元格 t3.new.natural",
    "huge cell": "单元格 t3.new.natural",
    "agency not object": "机关信息",
    "agency not json": "机关信息",
    "agency name number": "机关信息 name",
    "extra not json": "附加数据（extra）",
    "text blob": "文字部分 s6",
    "year text": "年度",
    "year huge": "年度",
    "rev text": "编号或修订号",
    "body name blob": "机关 1 的名称、地区、类型或网站",
    "change old not json": "第 1 版的修改记录",
}


@pytest.mark.parametrize("how", NAMED)
def test_tampered_rows_are_named_and_left_alone(
    how: str, sound_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = copy_db(sound_db, tmp_path)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(hostile.TAMPERS[how])
    conn.close()
    before = digest(db)
    command = {
        "body name blob": ["db", "list"],
        "change old not json": ["db", "history", "1"],
    }.get(how, ["db", "export", "1", "-o", str(tmp_path / "o.json")])
    code, _, err = run(capsys, "--db", str(db), *command)
    hostile.assert_clean(code, err, hide=(str(db),))
    assert code == 2
    assert f"{WHAT[how]} 无法识别" in err and "可能被其他程序改动过" in err
    assert not (tmp_path / "o.json").exists()
    # The total of many bodies lists it as unreadable, and goes on.
    code, _, err = run(
        capsys,
        "aggregate",
        "db:all",
        "--db",
        str(db),
        "-o",
        str(tmp_path / "t.json"),
        "--agency",
        "某县人民政府",
        "--year",
        "2023",
    )
    hostile.assert_clean(code, err, hide=(str(db), str(tmp_path)))
    assert digest(db) == before


@pytest.fixture
def read_only_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder cannot be written (as a read-only mount would be; tests run as root)."""
    real = store_opening._may_write
    monkeypatch.setattr(store_opening, "_may_write", lambda p: not p.is_dir() and real(p))


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"


def _read_only_use(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Browse, check, export and back up work; an edit is refused; the file is untouched."""
    before = digest(db)
    code, out, err = run(capsys, "--db", str(db), "db", "list")
    assert code == 0 and "政务服务和大数据管理局" in out
    assert "已以只读方式打开" in err and "损坏" not in err
    assert run(capsys, "--db", str(db), "db", "check", "1")[0] == 0
    assert run(capsys, "--db", str(db), "db", "export", "1", "-o", str(tmp_path / "o.json"))[0] == 0
    assert run(capsys, "--db", str(db), "db", "backup", str(tmp_path / "copy.db"))[0] == 0
    code, _, err = run(capsys, "--db", str(db), "db", "set", "1", "t3.new.natural", "5")
    hostile.assert_clean(code, err, hide=(str(tmp_path),))
    assert code == 2 and "只读方式打开的，这项修改没有保存" in err
    assert digest(db) == before
    assert not (db.parent / "backups").exists()
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]


def test_a_read_only_folder_opens_read_only(
    sound_db: Path,
    tmp_path: Path,
    read_only_folder: None,
    data_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "ro").mkdir()
    _read_only_use(copy_db(sound_db, tmp_path / "ro"), tmp_path, capsys)


def test_a_folder_without_write_permission_opens_read_only(
    sound_db: Path, tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """By its permission bits, so also when the tests run as root."""
    folder = tmp_path / "ro"
    folder.mkdir()
    db = copy_db(sound_db, folder)
    folder.chmod(0o555)
    try:
        _read_only_use(db, tmp_path, capsys)
    finally:
        folder.chmod(0o755)


def test_a_read_only_file_opens_read_only(
    sound_db: Path, tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "rw"
    folder.mkdir()
    db = copy_db(sound_db, folder)
    db.chmod(0o444)
    code, _, err = run(capsys, "--db", str(db), "db", "list")
    assert code == 0 and "文件是只读的，已以只读方式打开" in err
    code, _, err = run(capsys, "--db", str(db), "db", "set", "1", "s6", "改")
    assert code == 2 and "这项修改没有保存" in err
    assert stat.S_IMODE(db.stat().st_mode) == 0o444


def _with_pending_changes(sound_db: Path, tmp_path: Path, folder: Path) -> Path:
    """A copy of the database whose last change is still only in its -wal file."""
    source = copy_db(sound_db, tmp_path)
    writer = sqlite3.connect(source, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE texts SET text = '改过' WHERE key = 's6'")
    for suffix in ("", "-wal"):
        shutil.copy(str(source) + suffix, folder / (source.name + suffix))
        (folder / (source.name + suffix)).chmod(0o644)
    writer.close()
    return folder / source.name


def test_changes_not_yet_in_the_file_are_read(
    sound_db: Path, tmp_path: Path, read_only_folder: None, data_home: Path
) -> None:
    """Read-only, a -wal's changes are read (never the stale file behind them)."""
    (tmp_path / "ro").mkdir()
    db = _with_pending_changes(sound_db, tmp_path, tmp_path / "ro")
    with Store.open(db) as store:
        assert store.read_only
        assert store.load(1).text("s6") == "改过"


def test_an_old_database_in_a_read_only_place_says_it_needs_upgrading(
    tmp_path: Path, read_only_folder: None, data_home: Path
) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript((DATA / "store-v1.sql").read_text(encoding="utf-8"))
    conn.close()
    with pytest.raises(StoreError, match="旧版本的数据库，需要升级后才能打开"):
        Store.open(db)
    assert not (tmp_path / "backups").exists()


NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
# The program as the user nobody runs it: this environment's packages, from a Python nobody may run
# (this one, or the system's of the same version: a Python under /root is out of reach).
_PROGRAM = "import site, sys; site.addsitedir(sys.argv.pop(1)); from reportdesk.cli import main; sys.exit(main(sys.argv[1:]))"


def _nobody_command() -> list[str] | None:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("setpriv") is None:
        return None
    site_dir = sysconfig.get_paths()["purelib"]
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    for python in (sys.executable, f"/usr/bin/python{version}"):
        command = [*NOBODY, python, "-c", _PROGRAM, site_dir]
        try:
            probe = subprocess.run([*command, "--version"], capture_output=True, timeout=60)
        except OSError:
            continue
        if probe.returncode == 0:
            return command
    return None


NOBODY_COMMAND = _nobody_command()


@pytest.mark.skipif(NOBODY_COMMAND is None, reason="needs root, setpriv and a Python the user nobody can run")
def test_a_real_user_without_write_permission(sound_db: Path) -> None:
    """The same without any stand-in: the user nobody, a folder of root's."""
    assert NOBODY_COMMAND is not None
    folder = Path(tempfile.mkdtemp(prefix="reportdesk-ro-"))
    folder.chmod(0o755)  # nobody may enter and read, not write
    try:
        db = copy_db(sound_db, folder)
        db.chmod(0o644)
        env = {**os.environ, "XDG_DATA_HOME": str(folder / "home-nobody")}
        listed = subprocess.run(
            [*NOBODY_COMMAND, "--db", str(db), "db", "list"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert listed.returncode == 0, listed.stderr
        assert "所在的文件夹是只读的，已以只读方式打开" in listed.stderr and "损坏" not in listed.stderr
        edit = subprocess.run(
            [*NOBODY_COMMAND, "--db", str(db), "db", "set", "1", "s6", "改"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert edit.returncode == 2 and "这项修改没有保存" in edit.stderr
        assert sorted(p.name for p in folder.iterdir()) == [db.name]
        # Changes still in a -wal cannot be read without writing its index: said, not read stale.
        db.unlink()
        db = _with_pending_changes(sound_db, Path(tempfile.mkdtemp()), folder)
        listed = subprocess.run(
            [*NOBODY_COMMAND, "--db", str(db), "db", "list"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert listed.returncode == 2 and "尚未并入主文件的修改" in listed.stderr, listed.stderr
        assert "损坏" not in listed.stderr
    finally:
        shutil.rmtree(folder)


def _foreign_wal(folder: Path) -> bytes:
    """The -wal of another database (two reports, a text rewritten many times), not checkpointed."""
    from reportdesk.form import load_form
    from reportdesk.report import read_report

    other = folder / "other.db"
    report = read_report(hostile.SEED, load_form()).report
    with Store.open(other, daily_backup=False) as store:
        store.import_report(report)
        store.import_report(dataclasses.replace(report, year=report.year - 1))
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(50):
        conn.execute("UPDATE texts SET text = ? WHERE key = 's6'", ('"' + "x" * 3000 * i + '"',))
    wal = Path(str(other) + "-wal").read_bytes()
    conn.close()
    return wal


def test_a_wal_from_another_database_is_not_written_into_the_file(
    sound_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A -wal left beside the file by another database is never checkpointed into it: the file and
    the -wal stay as they were, and the officer is told the database is damaged."""
    wal = _foreign_wal(tmp_path / "other")
    db = copy_db(sound_db, tmp_path)
    Path(str(db) + "-wal").write_bytes(wal)
    before = digest(db)
    for command in (["db", "list"], ["db", "check", "1"]):
        code, _, err = run(capsys, "--db", str(db), *command)
        hostile.assert_clean(code, err, hide=(str(tmp_path),))
        assert code == 2 and "已损坏" in err and "没有改动这个文件" in err
        assert digest(db) == before
        assert Path(str(db) + "-wal").read_bytes() == wal


@pytest.mark.parametrize("version", [0, -3, 1, 2])
def test_a_wrong_schema_version_is_named_and_left_alone(
    version: int, sound_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sound file whose user_version was changed by another program: said in Chinese, not
    "SQLITE_ERROR", and not touched."""
    db = copy_db(sound_db, tmp_path)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = digest(db)
    code, _, err = run(capsys, "--db", str(db), "db", "list")
    hostile.assert_clean(code, err, hide=(str(tmp_path),))
    assert code == 2 and f"版本号（{version}）与其中的表不符" in err and "SQLITE" not in err
    assert digest(db) == before
