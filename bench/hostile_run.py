"""Every hostile input of ``tests/hostile.py`` (and a few giant ones) through the real command line,
each in its own process with a time limit: prints exit code, seconds, peak memory and whether the
answer was clean — no traceback, Chinese, nothing replaced. What issue #13 is re-checked with.

    .venv/bin/python bench/hostile_run.py [--giant]

``--giant`` adds inputs that take a while to make (a PDF whose streams inflate to 400 MB).
Figures are of this machine under whatever else runs on it: a guide, not a measurement.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import hostile  # noqa: E402

TIMEOUT = 120
SEED = str(hostile.SEED)


def _cases(giant: bool) -> list[tuple[str, Callable[[Path], list[str]]]]:
    def report(make: Callable[[Path], Path], *command: str) -> Callable[[Path], list[str]]:
        def argv(tmp: Path) -> list[str]:
            src = make(tmp / "in.json")
            return [c.replace("SRC", str(src)).replace("TMP", str(tmp)) for c in command]

        return argv

    out: list[tuple[str, Callable[[Path], list[str]]]] = []
    for name, make in (
        ("JSON nested 100k deep", hostile.deep_json),
        ("JSON integer of 5,000 digits", hostile.big_integer),
        ("JSON lone surrogate", hostile.lone_surrogate),
        ("JSON key given twice", hostile.duplicate_key),
        ("JSON NaN", hostile.not_a_number),
        ("JSON of 2 GB (sparse)", hostile.sparse),
        ("JSON 20-digit count", hostile.huge_count),
        ("JSON forged number marker", hostile.forged_marker),
    ):
        for command in (
            ("check", "SRC"),
            ("totals", "SRC", "-o", "TMP/o.json"),
            ("render", "SRC", "-o", "TMP/o.docx", "--draft"),
            ("export", "SRC", "-o", "TMP/o.xlsx"),
            ("db", "import", "SRC", "--db", "TMP/d.db"),
        ):
            out.append(
                (f"{name}: {command[0] if command[0] != 'db' else 'db import'}", report(make, *command))
            )

    def imported(make: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
        return lambda tmp: ["import", str(make(tmp)), "-o", str(tmp / "o.json")]

    out += [
        ("100k nested <div>", imported(lambda t: hostile.nested_divs(t / "p.html"))),
        ("PDF inflating past 75 MB", imported(lambda t: hostile.flate_bomb_pdf(t / "b.pdf"))),
        (
            "PDF text operators 200:1",
            imported(lambda t: hostile.text_bomb_pdf(t / "b.pdf", 16 * 1024 * 1024)),
        ),
        ("UTF-16 lone surrogate", imported(lambda t: hostile.utf16_surrogate_txt(t / "r.txt"))),
        ("2 GB .txt (sparse)", imported(lambda t: hostile.sparse(t / "b.txt"))),
        ("2 GB .pdf (sparse)", imported(lambda t: hostile.sparse(t / "b.pdf"))),
        ("600-byte file name", lambda t: ["check", str(hostile.long_name(t, 600))]),
        ("render -o /dev/full", lambda t: ["render", SEED, "-o", "/dev/full"]),
    ]
    if giant:
        out.append(
            ("PDF 4 pages × 400 MB", imported(lambda t: hostile.flate_bomb_pdf(t / "g.pdf", 400 * 2**20, 4)))
        )
    for how in hostile.TAMPERS:
        out.append(
            (
                f"tampered database: {how}",
                lambda t, how=how: [
                    "--db",
                    str(hostile.tampered_database(t, how)),
                    "db",
                    "export",
                    "1",
                    "-o",
                    str(t / "o.json"),
                ],
            )
        )
    for name, snippet in (
        ("template range(10**9)", "{% for i in range(10**9) %}{% endfor %}"),
        ("template recursive macro", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"),
        ("template lipsum", "{{ lipsum(10**6) }}"),
        ("template 10**(10**10)", "{{ 10**(10**10) }}"),
        (
            "template growing namespace",
            "{% set ns = namespace(x='ab') %}{% for i in range(60) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}",
        ),
    ):
        out.append((name, lambda t, s=snippet: ["template", "--check", str(_template(t, s))]))
    return out


def _template(tmp: Path, snippet: str) -> Path:
    import io

    import docx

    from reportdesk.form import resource_path

    doc = docx.Document(io.BytesIO(resource_path("report-template.docx").read_bytes()))
    doc.add_paragraph(snippet)
    path = tmp / "t.docx"
    doc.save(str(path))
    return path


CJK = re.compile(r"[\u4e00-\u9fff]")


def _run(argv: list[str], env: dict[str, str], folder: Path) -> tuple[int | None, float, int, str]:
    """(exit code or None on a hang, seconds, the child's peak memory in MB, its stderr)."""
    with (folder / "out").open("wb") as out, (folder / "err").open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "reportdesk", *argv], stdout=out, stderr=err, env=env)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > TIMEOUT:
                proc.kill()
                os.wait4(proc.pid, 0)
                return None, TIMEOUT, 0, ""
            time.sleep(0.02)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, seconds, usage.ru_maxrss // 1024, (folder / "err").read_text("utf-8", "replace")


def run_one(name: str, argv_of: Callable[[Path], list[str]]) -> tuple[bool, str]:
    tmp = Path(tempfile.mkdtemp(prefix="hostile-"))
    try:
        argv = argv_of(tmp)
        env = {**os.environ, "XDG_DATA_HOME": str(tmp / "home")}
        code, seconds, peak, err = _run(argv, env, tmp)
        if code is None:
            return False, f"BAD {name:42} HANG (stopped after {TIMEOUT} s)"
        said = err + (tmp / "out").read_text("utf-8", "replace")  # check's findings go to stdout
        clean = "Traceback" not in said and code in (0, 1, 2) and (code == 0 or bool(CJK.search(said)))
        last = (err.strip().splitlines() or [""])[-1].replace(str(tmp), "…")[:80]
        return (
            clean,
            f"{'ok ' if clean else 'BAD'} {name:42} exit {code}  {seconds:5.2f} s  {peak:4d} MB  {last}",
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--giant", action="store_true")
    args = parser.parse_args()
    full = os.stat("/dev/full") if os.path.exists("/dev/full") else None
    results = [run_one(name, argv) for name, argv in _cases(args.giant)]
    for _, line in results:
        print(line)
    if full is not None:
        assert os.stat("/dev/full").st_rdev == full.st_rdev, "/dev/full was replaced"
    bad = sum(1 for ok, _ in results if not ok)
    print(f"\n{len(results)} cases, {bad} not clean; /dev/full is still a device")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
