"""An office's own template runs in a child process with a time and memory limit.

jinja2's sandbox keeps a template from reaching into Python, but not from running for ever or
filling the memory (``{{ 10**(10**10) }}``, nested loops over long text, ``lipsum(10**6)``). So
a user template is opened, checked and rendered only in a child process of this program — the
same program started again with :data:`CHILD_ENV` set — which limits its own address space,
processor time and output size before it reads anything (on Windows its memory, by a Job Object —
:mod:`reportdesk.render.winlimits`; time there is the parent's wall-clock limit). The parent waits at most
:data:`TIME_LIMIT` seconds, then kills it; whatever goes wrong becomes a Chinese
:class:`~reportdesk.render.docx.TemplateProblem`.

In the child (and for the shipped template, in process) the environment is also bounded: powers,
repetition and concatenation that would make huge numbers or strings are refused, ``range`` is
short and ``lipsum`` is gone — so the common cases are refused at once, with a precise reason,
rather than at the limit.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from typing import IO, Any

from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

CHILD_ENV = "REPORTDESK_TEMPLATE_CHILD"
TIME_LIMIT = 30.0  # seconds, wall clock, for the whole child
CPU_LIMIT = 20  # seconds of processor time
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space (a render needs under 300 MB)
OUTPUT_LIMIT = 64 * 1024 * 1024  # bytes of the rendered document
MAX_RANGE = 10_000
MAX_LENGTH = 1_000_000  # characters (or items) a single operation may make
MAX_EXPONENT = 256
MAX_INT_BITS = 4096


class Refused(SecurityError):
    """An operation the bounded sandbox does not allow; the message is Chinese."""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 0


def _bounded_range(*args: int) -> range:
    made = range(*args)
    if len(made) > MAX_RANGE:
        raise Refused(f"range() 最多 {MAX_RANGE} 项，模板中要了 {len(made)} 项")
    return made


class BoundedSandbox(SandboxedEnvironment):
    """jinja2's sandbox with arithmetic and lengths bounded, ``range`` short and no ``lipsum``."""

    intercepted_binops = frozenset(["**", "*", "+", "//", "%"])

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.globals.pop("lipsum", None)
        self.globals["range"] = _bounded_range

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Refuse what would make a huge number or string; otherwise the operator itself."""
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise Refused(f"乘方的指数过大（{right}），模板中不需要这样的计算")
        elif operator == "*":
            count = right if _size(left) else left
            size = _size(left) or _size(right)
            if size and isinstance(count, int) and size * count > MAX_LENGTH:
                raise Refused(f"重复后的文字或列表过长（超过 {MAX_LENGTH} 个字符）")
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() + right.bit_length() > MAX_INT_BITS
            ):
                raise Refused("相乘的数过大，模板中不需要这样的计算")
        elif operator == "+" and _size(left) + _size(right) > MAX_LENGTH:
            raise Refused(f"连接后的文字或列表过长（超过 {MAX_LENGTH} 个字符）")
        elif operator == "%" and isinstance(left, str) and len(left) > MAX_LENGTH:
            raise Refused(f"文字过长（超过 {MAX_LENGTH} 个字符）")
        return super().call_binop(context, operator, left, right)


# ---------------------------------------------------------------------------------------------
# The parent: start the child, wait, read its answer


def _command() -> list[str]:
    if getattr(sys, "frozen", False):  # the bundle: its one program, told by CHILD_ENV what to do
        return [sys.executable]
    return [sys.executable, "-m", "reportdesk.render.sandbox"]


def run_child(job: dict[str, Any], template: bytes) -> tuple[bool, bytes]:
    """Send ``job`` and the template to a limited child; (ok, document bytes or JSON problems).

    Raises :class:`ChildFailed` with a Chinese reason when the child is stopped or fails.
    """
    limits = {"memory": MEMORY_LIMIT, "cpu": CPU_LIMIT, "output": OUTPUT_LIMIT}
    header = json.dumps({**job, "limits": limits}, ensure_ascii=True).encode("ascii")
    message = len(header).to_bytes(8, "big") + header + template
    env = {**os.environ, CHILD_ENV: "1", "PYTHONIOENCODING": "utf-8"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        try:
            proc = subprocess.Popen(_command(), stdin=subprocess.PIPE, stdout=out, stderr=err, env=env)
        except OSError as e:
            raise ChildFailed("无法启动检查模板的子进程") from e
        try:
            proc.communicate(message, timeout=TIME_LIMIT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise ChildFailed(
                f"模板运行超过 {TIME_LIMIT:.0f} 秒仍未完成，已停止（模板中可能有过大的循环或计算）"
            ) from None
        out.seek(0, os.SEEK_END)
        size = out.tell()
        out.seek(0)
        answer = out.read(min(size, OUTPUT_LIMIT + 16))
        err.seek(0)
        trace = err.read(4000).decode("utf-8", "replace")
    return _answer(proc.returncode, answer, trace)


class ChildFailed(Exception):
    """The child stopped without an answer; ``str()`` says why in Chinese."""


TOO_SLOW = "模板运行时间过长，已停止（模板中可能有过大的循环或计算）"
TOO_BIG = "模板运行占用内存过多，已停止（模板中可能有过大的循环、文字或列表）"


def _answer(code: int, answer: bytes, trace: str) -> tuple[bool, bytes]:
    import signal

    if code == 0 and answer[:2] in (b"OK", b"NO"):
        return answer[:2] == b"OK", answer[2:]
    if "MemoryError" in trace:
        raise ChildFailed(TOO_BIG)
    if code == -getattr(signal, "SIGXCPU", 24):
        raise ChildFailed(TOO_SLOW)
    if code == -getattr(signal, "SIGXFSZ", 25):
        raise ChildFailed(f"用此模板生成的文档过大（超过 {OUTPUT_LIMIT // 1024 // 1024} MB），已停止")
    if code == -getattr(signal, "SIGKILL", 9):  # the system ran out of memory and stopped it
        raise ChildFailed(TOO_BIG)
    raise ChildFailed(f"检查模板的子进程意外退出（退出码 {code}），模板不能使用")


def render_user_template(data: bytes, source: str, context: dict[str, object], draft: bool) -> bytes:
    """An office's template filled with ``context`` in the limited child; TemplateProblem if not."""
    from reportdesk.render.docx import TemplateProblem

    job = {"mode": "render", "source": source, "context": context, "draft": draft}
    try:
        ok, answer = run_child(job, data)
    except ChildFailed as e:
        raise TemplateProblem(source, [str(e)]) from e
    if not ok:
        raise TemplateProblem(source, _problem_list(answer))
    return answer


def check_user_template(data: bytes, source: str) -> list[str]:
    """Every reason an office's template cannot be used (empty when it can): lint, then the sample
    report rendered with it and compared figure by figure and text by text (in the child)."""
    try:
        ok, answer = run_child({"mode": "check", "source": source}, data)
    except ChildFailed as e:
        return [str(e)]
    return [] if ok else _problem_list(answer)


def _problem_list(answer: bytes) -> list[str]:
    try:
        problems = json.loads(answer.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        problems = None
    if not isinstance(problems, list) or not all(isinstance(p, str) for p in problems):
        return ["检查模板的子进程给出了无法识别的结果，模板不能使用"]
    return problems or ["模板不能使用"]


# ---------------------------------------------------------------------------------------------
# The child


def _limit_self(limits: dict[str, int]) -> None:
    """Limit this process's memory, processor time and the size of what it writes (POSIX); on
    Windows its memory only (a Job Object), the parent's wall-clock limit standing for the rest."""
    if sys.platform == "win32":
        from reportdesk.render.winlimits import limit_memory

        limit_memory(limits["memory"])
        return
    try:
        import resource
    except ImportError:  # a system with neither: the parent's wall-clock limit applies
        return
    for limit, value in (
        (resource.RLIMIT_AS, limits["memory"]),
        (resource.RLIMIT_CPU, limits["cpu"]),
        (resource.RLIMIT_FSIZE, limits["output"] + 1024),
    ):
        _soft, hard = resource.getrlimit(limit)
        wanted = value if hard == resource.RLIM_INFINITY else min(value, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(limit, (wanted, hard))


def child_main(stdin: IO[bytes], stdout: IO[bytes]) -> int:
    """Read one job, do it, write ``OK`` + document or ``NO`` + JSON problems; exit code 0."""
    size = int.from_bytes(stdin.read(8), "big")
    job = json.loads(stdin.read(size).decode("ascii"))
    _limit_self(job["limits"])
    template = stdin.read()
    from reportdesk.render.template_jobs import do_job

    ok, payload = do_job(job, template)
    stdout.write((b"OK" if ok else b"NO") + payload)
    stdout.flush()
    return 0


def child_entry() -> int:
    """What the program does when started as the template child."""
    os.environ.pop(CHILD_ENV, None)
    return child_main(sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    sys.exit(child_entry())
