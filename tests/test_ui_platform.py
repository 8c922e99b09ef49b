"""The Qt binding itself: a broken build makes the window abort after a few thousand calls."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_calls_returning_nothing_keep_none_alive() -> None:
    # PySide6 6.12.0 returns None from void methods without taking a reference: on Python 3.11,
    # where None is not immortal, each call costs None one reference until the interpreter aborts
    # ("none_dealloc: deallocating None"). pyproject.toml keeps such builds out.
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        obj.setObjectName("x")
    assert sys.getrefcount(None) - before > -100
