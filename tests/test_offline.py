"""The program never touches the network: every main flow works with socket creation made to fail.
The one exception is a shared database named by a ``postgresql://`` address: only the store's server
engine (``store/server.py``) may import its driver, and nothing reaches it unless such an address is given.

Two nets catch a socket: ``socket.socket``, ``socket.create_connection``, ``socket.getaddrinfo`` and
``socket.socketpair`` are replaced by versions that raise, and an audit hook refuses the interpreter's own socket
events (``socket.__new__``, ``socket.connect``, ``socket.getaddrinfo`` …), which also catches a module that took
a reference to the real ``socket.socket`` before the test began. Every attempt is recorded and the test fails on
any, even one the flow caught and ignored.
"""

from __future__ import annotations

import ast
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reportdesk.cli import main
from tests.conftest import DATA

SRC = Path(__file__).parent.parent / "src" / "reportdesk"
NETWORK_MODULES = (
    "socket",
    "ssl",
    "http",
    "urllib.request",
    "ftplib",
    "smtplib",
    "xmlrpc",
    "asyncio",
    "requests",
    "psycopg",
)
# The server engine of the store talks to PostgreSQL, and only when given a postgresql:// address.
SERVER_ENGINE = {("store/server.py", "psycopg"), ("store/admin.py", "psycopg")}

_refusing = False
_attempts: list[str] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _refusing and event.startswith("socket."):
        _attempts.append(f"{event}{args!r}")
        raise OSError(f"network disabled by test_offline ({event})")


sys.addaudithook(_audit)  # audit hooks cannot be removed: this one acts only while a test asks it to


class RefusingSocket(socket.socket):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _attempts.append(f"socket.socket{args!r}")
        raise OSError("network disabled by test_offline (socket.socket)")


def _refuse(name: str) -> Any:
    def refused(*args: Any, **kwargs: Any) -> Any:
        _attempts.append(f"socket.{name}{args!r}")
        raise OSError(f"network disabled by test_offline (socket.{name})")

    return refused


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Sockets cannot be made while the test runs; yields the attempts (the test fails on any)."""
    global _refusing
    monkeypatch.setattr(socket, "socket", RefusingSocket)
    for name in ("create_connection", "getaddrinfo", "socketpair", "fromfd", "gethostbyname"):
        monkeypatch.setattr(socket, name, _refuse(name))
    _attempts.clear()
    _refusing = True
    try:
        yield _attempts
    finally:
        _refusing = False
    assert _attempts == [], f"the program tried to use the network: {_attempts}"


def run(*args: str | Path) -> int:
    return main([str(a) for a in args])


def test_the_nets_catch_a_socket(no_network: list[str]) -> None:
    """The fixture itself: both a plain socket and one made through the real class are refused."""
    with pytest.raises(OSError, match="network disabled"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with pytest.raises(OSError, match="network disabled"):
        socket.socket()
    real = socket.socket.__mro__[1]  # the class every module imported before the test
    with pytest.raises(OSError, match="network disabled"):
        real()
    assert len(no_network) == 3
    no_network.clear()  # expected here; the fixture fails any other test that leaves one


def test_command_line_flows_offline(
    no_network: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = DATA / "seed-donghu-zwfw-2023.json"
    assert run("check", seed) == 0
    assert run("totals", seed, "-o", tmp_path / "filled.json") == 0
    assert run("new", "--year", "2024", "--agency", "某某县交通运输局", "-o", tmp_path / "new.json") == 0

    db = tmp_path / "drafts.db"
    capsys.readouterr()
    assert run("db", "import", "--db", db, seed) == 0
    report_id = capsys.readouterr().out.strip()
    assert run("db", "set", "--db", db, report_id, "t3.new.natural", "１，２３４") == 0
    capsys.readouterr()
    assert run("db", "rollover", "--db", db, report_id, "--to-year", "2024") == 0
    next_id = capsys.readouterr().out.strip()
    assert run("db", "export", "--db", db, next_id, "-o", tmp_path / "next.json") == 0
    assert run("db", "check", "--db", db, report_id) in (0, 1)
    assert run("db", "backup", "--db", db, tmp_path / "copy.db") == 0

    assert run("render", seed, "-o", tmp_path / "report.docx") == 0
    assert run("signoff", seed, "-o", tmp_path / "signoff.docx") == 0
    assert run("export", seed, "-o", tmp_path / "report.xlsx") == 0
    assert run("import", tmp_path / "report.xlsx", "-o", tmp_path / "from-xlsx.json") == 0
    assert run("import", tmp_path / "report.docx", "-o", tmp_path / "from-docx.json") == 0
    other = DATA / "huaian-city-gov-2024.json"
    aggregate = ("aggregate", seed, other, "-o", tmp_path / "total.json", "--agency", "某某县人民政府")
    assert run(*aggregate, "--year", "2023", "--allow-errors") in (0, 1)
    for name in ("filled.json", "new.json", "next.json", "report.docx", "signoff.docx", "report.xlsx"):
        assert (tmp_path / name).stat().st_size > 0, name
    assert "t3" in (tmp_path / "from-xlsx.json").read_text(encoding="utf-8")


def test_window_flows_offline(no_network: list[str], qapp: Any, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from reportdesk.report import read_report
    from reportdesk.store import Store
    from reportdesk.ui.app import build, make_app

    make_app()
    db = tmp_path / "drafts.db"
    with Store.open(db) as store:
        report_id = store.import_report(read_report(DATA / "seed-donghu-zwfw-2023.json", store.form).report)
    built = build(str(db), tmp_path / "window.ini")
    assert built is not None
    window, controller = built
    try:
        window.show()
        controller.open_report(report_id)
        for section in controller.form.sections:
            controller.go(section.key)
            QApplication.processEvents()
            assert window.title.text() == section.heading
        assert controller.commit_cell("t3.new.natural", "77") is None
        QApplication.processEvents()
    finally:
        window.close()
        controller.store.close()
    with Store.open(db) as store:
        assert store.load(report_id).cells["t3.new.natural"] == 77


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_of_the_program_imports_networking() -> None:
    """Nothing to call a network with: no socket, HTTP, TLS or Qt network module anywhere in the program."""
    offenders = {
        f"{p.relative_to(SRC)}: {name}"
        for p in SRC.rglob("*.py")
        for name in imports(p)
        if name == "PySide6.QtNetwork" or any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES)
        if (p.relative_to(SRC).as_posix(), name.split(".")[0]) not in SERVER_ENGINE
    }
    assert offenders == set()
