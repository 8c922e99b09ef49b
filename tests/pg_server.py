"""A real PostgreSQL server for the tests and the benchmark: Debian's ``postgresql`` package,
``initdb`` and ``pg_ctl`` in a temporary folder, run as an unprivileged user.

Tests and CI run as root, and PostgreSQL refuses to run as root: the server then runs as the
``postgres`` system user the package creates (``runuser``). It listens on 127.0.0.1 only, on a
free port, with password (SCRAM) logins over TCP; the superuser is ``rd_admin``.
"""

from __future__ import annotations

import glob
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

ADMIN = "rd_admin"
ADMIN_PASSWORD = "rd-admin-secret"
SYSTEM_USER = "postgres"


def pg_bin(name: str) -> str:
    """A server program: Debian keeps them in /usr/lib/postgresql/VERSION/bin, off the PATH."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise RuntimeError(
        f"PostgreSQL's {name} is not installed: run scripts/setup.sh --dev (installs Debian's postgresql)"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One throw-away cluster. ``durable=False`` turns fsync off (tests); the benchmark keeps it on
    and adds its own ``settings`` (lines of postgresql.conf)."""

    def __init__(self, durable: bool = False, settings: tuple[str, ...] = ()) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="reportdesk-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = free_port()
        self.durable = durable
        self.settings = settings
        self._as_root = os.geteuid() == 0
        if self._as_root:
            shutil.chown(self.root, SYSTEM_USER)
        self.root.chmod(0o755)
        self._watch()
        self._initdb()

    def _watch(self) -> None:
        """Stop and remove the server once the process that made it is gone, even killed (a test run
        ended by a time-out must not leave a server running)."""
        stop = f"{shlex.quote(pg_bin('pg_ctl'))} -D {shlex.quote(str(self.data))} -m immediate -w stop"
        if self._as_root:
            stop = f"runuser -u {SYSTEM_USER} -- {stop}"
        script = (
            f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 2; done; "
            f"{stop} >/dev/null 2>&1; rm -rf {shlex.quote(str(self.root))}"
        )
        subprocess.Popen(
            ["sh", "-c", script],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self._as_root:
            cmd = ["runuser", "-u", SYSTEM_USER, "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True, cwd=self.root)

    def _initdb(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text(ADMIN_PASSWORD + "\n", encoding="utf-8")
        if self._as_root:
            shutil.chown(pwfile, SYSTEM_USER)
        self._run(
            pg_bin("initdb"),
            "-D",
            str(self.data),
            "-U",
            ADMIN,
            f"--pwfile={pwfile}",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        pwfile.unlink()
        settings = [
            "listen_addresses = '127.0.0.1'",
            f"port = {self.port}",
            f"unix_socket_directories = '{self.root}'",
            "max_connections = 120",
            "shared_buffers = 64MB",
            "log_min_messages = warning",
        ]
        if not self.durable:
            settings += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        settings += self.settings
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as f:
            f.write("\n".join(settings) + "\n")

    def start(self) -> None:
        result = self._run(
            pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "start", check=False
        )
        if result.returncode != 0:
            log = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {result.stderr}\n{log}")

    def stop(self, mode: str = "fast") -> None:
        self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def kill(self) -> None:
        """Stop at once, as a crash or a pulled plug would (connections cut, no goodbye)."""
        self.stop("immediate")

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str, user: str = ADMIN, password: str | None = ADMIN_PASSWORD) -> str:
        auth = user if password is None else f"{user}:{password}"
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{database}"

    def admin(self, database: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.url(database), autocommit=True)

    def create_database(self, name: str) -> str:
        """A new empty database; returns the superuser's address of it."""
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def wait_until_up(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.admin().close()
                return
            except psycopg.OperationalError:
                time.sleep(0.1)
        raise RuntimeError("PostgreSQL did not come back")
