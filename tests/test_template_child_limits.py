"""The template child limits its own memory: setrlimit on POSIX, a Job Object on Windows.

The Job Object is only exercised for real on Windows (the Wine build runs no template); here the
code path is checked with a stand-in for kernel32, and the structure against winnt.h's size.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

import pytest

from reportdesk.render import sandbox, winlimits

LIMITS = {"memory": 1024 * 1024 * 1024, "cpu": 20, "output": 64 * 1024 * 1024}


class FakeKernel32:
    """Records the calls (methods named as in kernel32); ``refuse`` names the one call that fails."""

    JOB, ME = 0x1234, -1

    def __init__(self, refuse: str = "") -> None:
        self.refuse = refuse
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.limits: winlimits.ExtendedLimits | None = None

    def _call(self, name: str, *args: Any) -> Any:
        self.calls.append((name, args))
        return name != self.refuse

    def CreateJobObjectW(self, attributes: Any, name: Any) -> int | None:
        return None if not self._call("CreateJobObjectW", attributes, name) else self.JOB

    def SetInformationJobObject(self, job: int, kind: int, info: Any, size: int) -> bool:
        self.limits = info._obj  # the structure behind ctypes.byref
        return bool(self._call("SetInformationJobObject", job, kind, size))

    def GetCurrentProcess(self) -> int:
        return self.ME

    def AssignProcessToJobObject(self, job: int, process: int) -> bool:
        return bool(self._call("AssignProcessToJobObject", job, process))

    def CloseHandle(self, handle: int) -> bool:
        return bool(self._call("CloseHandle", handle))


def test_the_structure_has_the_size_windows_expects() -> None:
    # winnt.h: JOBOBJECT_EXTENDED_LIMIT_INFORMATION is 144 bytes on x64, 112 on x86.
    pointer = ctypes.sizeof(ctypes.c_void_p)
    assert ctypes.sizeof(winlimits.ExtendedLimits) == {8: 144, 4: 112}[pointer]
    assert winlimits.ExtendedLimits.ProcessMemoryLimit.offset == {8: 112, 4: 96}[pointer]


def test_the_child_joins_a_job_limited_to_the_memory_asked() -> None:
    api = FakeKernel32()
    jobs = len(winlimits._jobs)
    assert winlimits.limit_memory(LIMITS["memory"], api) is True
    assert [c[0] for c in api.calls] == [
        "CreateJobObjectW",
        "SetInformationJobObject",
        "AssignProcessToJobObject",
    ]
    assert api.calls[1][1] == (api.JOB, 9, ctypes.sizeof(winlimits.ExtendedLimits))
    assert api.calls[2][1] == (api.JOB, api.ME)
    assert api.limits is not None
    assert api.limits.BasicLimitInformation.LimitFlags == 0x100  # JOB_OBJECT_LIMIT_PROCESS_MEMORY
    assert api.limits.ProcessMemoryLimit == LIMITS["memory"]
    assert winlimits._jobs[jobs:] == [api.JOB]  # kept open while the process lives


@pytest.mark.parametrize(
    ("refuse", "closed"),
    [
        ("CreateJobObjectW", False),
        ("SetInformationJobObject", True),
        ("AssignProcessToJobObject", True),
    ],
)
def test_a_job_windows_refuses_leaves_the_wall_clock_limit(refuse: str, closed: bool) -> None:
    api = FakeKernel32(refuse)
    jobs = list(winlimits._jobs)
    assert winlimits.limit_memory(LIMITS["memory"], api) is False
    assert (("CloseHandle", (api.JOB,)) in api.calls) is closed
    assert winlimits._jobs == jobs


@pytest.mark.parametrize(("platform", "job", "rlimits"), [("win32", True, False), ("linux", False, True)])
def test_the_child_chooses_its_limits_by_system(
    monkeypatch: pytest.MonkeyPatch, platform: str, job: bool, rlimits: bool
) -> None:
    resource = pytest.importorskip("resource")
    jobs: list[int] = []
    set_limits: list[int] = []
    monkeypatch.setattr(winlimits, "limit_memory", lambda memory, api=None: jobs.append(memory) or True)
    monkeypatch.setattr(resource, "setrlimit", lambda which, value: set_limits.append(which))
    monkeypatch.setattr(sys, "platform", platform)
    sandbox._limit_self(LIMITS)
    monkeypatch.undo()
    assert (jobs == [LIMITS["memory"]]) is job
    assert (resource.RLIMIT_AS in set_limits) is rlimits
