"""A database file on a network share is refused, with a Chinese message naming the shared database."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportdesk.cli import main
from reportdesk.store import Store, shares
from reportdesk.store.shares import NetworkShare, linux_mount_type, network_share

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


def test_a_database_on_a_share_is_never_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "公开办共享"
    folder.mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n//fs/share {folder} cifs rw 0 0\n", encoding="utf-8")
    monkeypatch.setattr(shares, "MOUNTS", mounts)
    with pytest.raises(NetworkShare, match="连接共享数据库"):
        Store.open(folder / "drafts.db")
    assert list(folder.iterdir()) == []  # nothing made there
    assert main(["db", "list", "--db", str(folder / "drafts.db")]) == 2
    err = capsys.readouterr().err
    assert "网络共享文件夹" in err and "cifs" in err and "postgresql://" in err and err.count("\n") == 1
    with Store.open(tmp_path / "local.db") as store:  # the local disk beside it is fine
        assert store.list_bodies() == []
