"""Windows: the template child's memory limit, by a Job Object (``resource.setrlimit`` is POSIX).

The child puts itself into a new job whose ``ProcessMemoryLimit`` caps the memory it may commit;
past it, an allocation fails and Python raises ``MemoryError`` (the parent then says the template
used too much memory, as on Linux). Processor time is left to the parent's wall-clock limit.

Only ``ctypes`` is used; the structures have fixed-size fields, so they can be built (and their
layout tested) on any system; only the sandbox's child on Windows calls :func:`limit_memory`.
"""

from __future__ import annotations

import ctypes
from typing import Any

JOB_OBJECT_LIMIT_PROCESS_MEMORY = 0x00000100
JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9  # JOBOBJECTINFOCLASS JobObjectExtendedLimitInformation

# The job's handle, kept for the life of the process (the job lasts while the process is in it).
_jobs: list[int] = []


class BasicLimits(ctypes.Structure):
    """JOBOBJECT_BASIC_LIMIT_INFORMATION (winnt.h)."""

    _fields_ = (
        ("PerProcessUserTimeLimit", ctypes.c_int64),  # LARGE_INTEGER
        ("PerJobUserTimeLimit", ctypes.c_int64),
        ("LimitFlags", ctypes.c_uint32),  # DWORD
        ("MinimumWorkingSetSize", ctypes.c_size_t),  # SIZE_T
        ("MaximumWorkingSetSize", ctypes.c_size_t),
        ("ActiveProcessLimit", ctypes.c_uint32),
        ("Affinity", ctypes.c_size_t),  # ULONG_PTR
        ("PriorityClass", ctypes.c_uint32),
        ("SchedulingClass", ctypes.c_uint32),
    )


class IoCounters(ctypes.Structure):
    """IO_COUNTERS (winnt.h)."""

    _fields_ = tuple(
        (name, ctypes.c_uint64)
        for name in (
            "ReadOperationCount",
            "WriteOperationCount",
            "OtherOperationCount",
            "ReadTransferCount",
            "WriteTransferCount",
            "OtherTransferCount",
        )
    )


class ExtendedLimits(ctypes.Structure):
    """JOBOBJECT_EXTENDED_LIMIT_INFORMATION (winnt.h): 144 bytes on 64-bit Windows."""

    _fields_ = (
        ("BasicLimitInformation", BasicLimits),
        ("IoInfo", IoCounters),
        ("ProcessMemoryLimit", ctypes.c_size_t),
        ("JobMemoryLimit", ctypes.c_size_t),
        ("PeakProcessMemoryUsed", ctypes.c_size_t),
        ("PeakJobMemoryUsed", ctypes.c_size_t),
    )


def memory_limits(memory: int) -> ExtendedLimits:
    """The job's limits: at most ``memory`` bytes committed by each process in it."""
    info = ExtendedLimits()
    info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_PROCESS_MEMORY
    info.ProcessMemoryLimit = memory
    return info


def kernel32() -> Any:
    """kernel32.dll with the signatures used here (handles are pointers: not the default int)."""
    dll: Any = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    dll.CreateJobObjectW.argtypes = (ctypes.c_void_p, ctypes.c_wchar_p)
    dll.CreateJobObjectW.restype = ctypes.c_void_p
    dll.SetInformationJobObject.argtypes = (ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_uint32)
    dll.SetInformationJobObject.restype = ctypes.c_int
    dll.GetCurrentProcess.argtypes = ()
    dll.GetCurrentProcess.restype = ctypes.c_void_p
    dll.AssignProcessToJobObject.argtypes = (ctypes.c_void_p, ctypes.c_void_p)
    dll.AssignProcessToJobObject.restype = ctypes.c_int
    dll.CloseHandle.argtypes = (ctypes.c_void_p,)
    dll.CloseHandle.restype = ctypes.c_int
    return dll


def limit_memory(memory: int, api: Any = None) -> bool:
    """Put this process into a new job limited to ``memory`` bytes; False if Windows refused.

    A process already in a job (a launcher's) can still join a new one since Windows 8 (nested
    jobs); where it cannot, the wall-clock limit alone stays, as before.
    """
    k = api if api is not None else kernel32()
    job = k.CreateJobObjectW(None, None)
    if not job:
        return False
    info = memory_limits(memory)
    if not k.SetInformationJobObject(
        job, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION, ctypes.byref(info), ctypes.sizeof(info)
    ) or not k.AssignProcessToJobObject(job, k.GetCurrentProcess()):
        k.CloseHandle(job)
        return False
    _jobs.append(job)
    return True
