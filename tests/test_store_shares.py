"""A database file on a network share is refused, with a Chinese message naming the shared database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reportdesk.cli import main
from reportdesk.store import Store, StoreError, shares
from reportdesk.store.shares import NetworkShare, linux_mount_type, network_share

from .conftest import load_data

MOUNTS = """\
sysfs /sys sysfs rw,nosuid 0 0
/dev/sda1 / ext4 rw,relatime 0 0
//fileserver/公开办 /mnt/share cifs rw,vers=3.0 0 0
fs:/export /srv/nfs nfs4 rw,vers=4.2 0 0
/dev/sdb1 /srv/nfs/local ext4 rw 0 0
tmpfs /mnt/share\\040two tmpfs rw 0 0
gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/li/reportdesk.db", ("/", "ext4")),
        ("/mnt/share/drafts.db", ("/mnt/share", "cifs")),
        ("/mnt/sharex/drafts.db", ("/", "ext4")),
        ("/srv/nfs/a/b.db", ("/srv/nfs", "nfs4")),
        ("/srv/nfs/local/b.db", ("/srv/nfs/local", "ext4")),
        ("/mnt/share two/b.db", ("/mnt/share two", "tmpfs")),
    ],
)
def test_the_mount_holding_a_path(path: str, expected: tuple[str, str]) -> None:
    assert linux_mount_type(Path(path), MOUNTS) == expected


@pytest.mark.parametrize(
    ("path", "share"),
    [
        ("/mnt/share/drafts.db", "cifs"),
        ("/srv/nfs/a/b.db", "nfs4"),
        ("/srv/nfs/local/b.db", None),
        ("/run/user/1000/gvfs/smb-share:server=fs,share=docs/d.db", "网络位置"),
        ("/home/li/d.db", None),
    ],
)
def test_network_shares_are_recognised(path: str, share: str | None) -> None:
    found = network_share(Path(path), MOUNTS)
    assert (found is None) if share is None else (found is not None and share in found)


@pytest.fixture
def share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder that /proc/mounts (as the store reads it) says is an SMB share."""
    folder = tmp_path / "公开办共享"
    folder.mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n//fs/share {folder} cifs rw 0 0\n", encoding="utf-8")
    monkeypatch.setattr(shares, "MOUNTS", mounts)
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_no_database_is_made_on_a_share(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(NetworkShare, match="连接共享数据库"):
        Store.open(share / "drafts.db")
    assert list(share.iterdir()) == []  # nothing made there
    assert main(["db", "list", "--db", str(share / "drafts.db")]) == 2
    err = capsys.readouterr().err
    assert "网络共享文件夹" in err and "cifs" in err and "postgresql://" in err and err.count("\n") == 1
    with Store.open(tmp_path / "local.db") as store:  # the local disk beside it is fine
        assert store.list_bodies() == []


def test_a_database_on_a_share_is_opened_read_only(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = tmp_path / "made.db"
    with Store.open(made) as store:
        report_id = store.import_report(load_data("hongze-district-gov-2023"))
    (share / "drafts.db").write_bytes(made.read_bytes())  # a desk's file put on the shared folder
    before = _files(share)
    with Store.open(share / "drafts.db") as store:
        assert store.read_only
        (warning,) = store.warnings
        assert "网络共享文件夹" in warning and "只读" in warning and "连接共享数据库" in warning
        assert store.load(report_id).cells["t3.new.natural"] == 21  # browse, check, print, export
        for write in (
            lambda: store.set_cell(report_id, "t3.new.natural", 22),
            lambda: store.add_body("某某县财政局"),
            lambda: store.delete(report_id),
        ):
            with pytest.raises(StoreError) as refused:
                write()
            text = str(refused.value)
            assert "网络共享文件夹" in text and "没有保存" in text and "连接共享数据库" in text
    assert _files(share) == before  # not a byte written, no -wal or -shm made
    assert (
        main(
            ["db", "export", str(report_id), "--db", str(share / "drafts.db"), "-o", str(tmp_path / "r.json")]
        )
        == 0
    )
    assert main(["db", "set", str(report_id), "t3.new.natural", "22", "--db", str(share / "drafts.db")]) == 2
    assert "连接共享数据库" in capsys.readouterr().err
    assert _files(share) == before


def test_a_file_on_a_share_with_changes_in_its_wal_is_not_read_stale(share: Path, tmp_path: Path) -> None:
    """Its -wal holds committed edits the main file lacks: reading without them would show an old
    report; reading with them needs SQLite's shared memory on the share. Said, nothing opened."""
    db = share / "drafts.db"
    writer = sqlite3.connect(tmp_path / "w.db")
    writer.execute("PRAGMA journal_mode = WAL")
    writer.close()
    with Store.open(tmp_path / "w.db") as store:
        store.add_body("某某县财政局")
        keep = sqlite3.connect(tmp_path / "w.db")  # holds the -wal open: no checkpoint at close
        keep.execute("PRAGMA wal_autocheckpoint = 0")
        store.add_body("某某县教育局")
        for name in ("w.db", "w.db-wal"):
            (share / name.replace("w.db", "drafts.db")).write_bytes((tmp_path / name).read_bytes())
    keep.close()
    before = _files(share)
    with pytest.raises(StoreError, match=r"drafts\.db-wal.*本机磁盘") as refused:
        Store.open(db)
    assert "连接共享数据库" in str(refused.value)
    assert _files(share) == before
