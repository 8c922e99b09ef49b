"""Headless Chromium driven through the DevTools protocol over a pipe, with the standard library.

``--remote-debugging-pipe`` makes Chromium read commands on file descriptor 3 and write answers
and events on 4, each a JSON text ended by a NUL byte: no port, no websocket, nothing on the
network. Debian's ``chromium`` is used (``scripts/setup.sh --dev`` installs it); axe-core comes
from the npm registry (installed into ``.venv/node`` by the same script) and is injected into the
page, so the accessibility check runs offline.

Also a command: ``python -m tests.chromium PAGE.html OUT_DIR`` writes the screenshots kept in
``docs/web/`` (scripts/make_docs_pngs.sh).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
# The flags Chromium needs on a machine with no network and no GPU, run as root.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
TIMEOUT = 60.0


def find_chromium() -> str | None:
    """Debian's Chromium (or $REPORTDESK_CHROMIUM), None when not installed."""
    configured = os.environ.get("REPORTDESK_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def find_axe() -> Path | None:
    """axe-core's axe.min.js (or $REPORTDESK_AXE), None when not installed."""
    configured = os.environ.get("REPORTDESK_AXE")
    path = Path(configured) if configured else AXE
    return path if path.is_file() else None


def _high(fd: int) -> int:
    """``fd`` moved to a descriptor number of 10 or more."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


class BrowserError(Exception):
    """Chromium answered with an error, closed the pipe or did not answer in time."""


class Browser:
    """One headless Chromium with one page (a target attached in flat mode)."""

    def __init__(self, executable: str) -> None:
        self._profile = tempfile.mkdtemp(prefix="reportdesk-chromium-")
        commands_r, self._commands = os.pipe()
        self._events, events_w = os.pipe()
        # Above 9, so that putting one on descriptor 3 or 4 never overwrites the other.
        commands_r, events_w = (_high(fd) for fd in (commands_r, events_w))
        # bash (dash takes no descriptor above 9) puts the pipes on 3 and 4, then becomes Chromium.
        script = f'exec "$@" 3<&{commands_r} 4>&{events_w}'
        self._process = subprocess.Popen(
            [
                "bash",
                "-c",
                script,
                "bash",
                executable,
                *FLAGS,
                f"--user-data-dir={self._profile}",
                "about:blank",
            ],
            pass_fds=(commands_r, events_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_r)
        os.close(events_w)
        self._buffer = b""
        self._next_id = 0
        self._pending: list[dict[str, Any]] = []
        self.passes = []  # the ids of the rules axe's last run passed
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Ask Chromium to quit, then make sure it has; remove its profile."""
        with contextlib.suppress(BrowserError, OSError):
            self.call("Browser.close", timeout=10)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._commands, self._events):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self._profile, ignore_errors=True)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("Chromium did not answer in time")
            ready, _, _ = select.select([self._events], [], [], left)
            if ready:
                chunk = os.read(self._events, 1 << 20)
                if not chunk:
                    raise BrowserError("Chromium closed the pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        result: dict[str, Any] = json.loads(message)
        return result

    def call(self, method: str, params: dict[str, Any] | None = None, *, session: bool = False,
             timeout: float = TIMEOUT) -> dict[str, Any]:  # fmt: skip
        """Send a command (to the page when ``session``) and wait for its result."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            if "method" in answer:
                self._pending.append(answer)

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A command to the page."""
        return self.call(method, params, session=True)

    def wait_for(self, event: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The next page event of that name (events that came earlier are looked at first)."""
        for i, pending in enumerate(self._pending):
            if pending.get("method") == event:
                return self._pending.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            message = self._read(deadline)
            if message.get("method") == event:
                return message
            if "method" in message:
                self._pending.append(message)

    def open(self, url: str, width: int, height: int = 800, scale: float = 1.0) -> None:
        """Load ``url`` in a window ``width`` CSS pixels wide (a phone below 600)."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": width < 600},
        )
        self._pending = [m for m in self._pending if m.get("method") != "Page.loadEventFired"]
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str, *, promise: bool = False) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.send(
            "Runtime.evaluate", {"expression": expression, "awaitPromise": promise, "returnByValue": True}
        )
        if "exceptionDetails" in result:
            raise BrowserError(json.dumps(result["exceptionDetails"], ensure_ascii=False)[:2000])
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        """The visible part of the page as PNG."""
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))

    def axe(self, source: str) -> list[dict[str, Any]]:
        """axe-core's violations on the loaded page (WCAG 2.0/2.1 A and AA, and best practice)."""
        self.evaluate(source)
        run = (
            "axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']})"
            ".then(r => JSON.stringify({passes: r.passes.map(p => p.id), "
            "violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, "
            "nodes: v.nodes.map(n => n.target.join(' ') + ' ' + n.failureSummary)}))}))"
        )
        result = json.loads(self.evaluate(run, promise=True))
        self.passes: list[str] = result["passes"]
        violations: list[dict[str, Any]] = result["violations"]
        return violations


def screenshots(page: Path, out: Path) -> list[Path]:
    """The page at 1366 and 375 CSS pixels wide: the top, and table 3 scrolled into view."""
    executable = find_chromium()
    if executable is None:
        raise SystemExit("chromium is not installed (scripts/setup.sh --dev)")
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with Browser(executable) as browser:
        for width, height in ((1366, 768), (375, 812)):
            browser.open(page.resolve().as_uri(), width, height)
            top = out / f"report-{width}.png"
            browser.screenshot(top)
            browser.evaluate("document.getElementById('t3').scrollIntoView({block: 'start'})")
            table = out / f"report-{width}-table3.png"
            browser.screenshot(table)
            made += [top, table]
    return made


if __name__ == "__main__":
    for made in screenshots(Path(sys.argv[1]), Path(sys.argv[2])):
        print(made)
