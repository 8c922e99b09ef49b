"""Work that may take longer than a moment (copying or restoring the database) run in a worker
thread, so the window keeps painting; the result is handed back on the window's thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


class Task(QThread):
    """Runs ``job`` once; ``done`` carries its result, or the exception it raised."""

    done = Signal(object)

    def __init__(self, job: Callable[[], Any], parent: QWidget) -> None:
        super().__init__(parent)
        self._job = job

    def run(self) -> None:
        """The thread's work: the job, its result (or exception) handed over through ``done``."""
        try:
            result = self._job()
        except Exception as e:  # a bug must not leave the window disabled for good
            result = e
        self.done.emit(result)


class TaskRunner(QObject):
    """Runs the controller's background jobs for a window: a message in the status bar while one
    runs; an ``exclusive`` job (a restore, while the database is closed) disables the window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._running: list[Task] = []

    def run(self, message: str, job: Callable[[], Any], done: Callable[[Any], None], exclusive: bool) -> None:
        """Start ``job`` in a worker thread; ``done(result)`` is called on the window's thread."""
        focus = QApplication.focusWidget()
        if exclusive:
            self._window.setEnabled(False)
        self._window.statusBar().showMessage(message)
        task = Task(job, self._window)
        self._running.append(task)
        task.done.connect(lambda result: self._finished(task, result, done, exclusive, focus))
        task.start()

    def _finished(
        self, task: Task, result: Any, done: Callable[[Any], None], exclusive: bool, focus: QWidget | None
    ) -> None:
        task.wait()
        self._running.remove(task)
        task.deleteLater()
        self._window.statusBar().clearMessage()
        if exclusive:
            self._window.setEnabled(True)
        done(result)
        if focus is not None and focus.isVisible() and QApplication.focusWidget() is None:
            focus.setFocus()

    def busy(self) -> bool:
        """A task is still running."""
        return bool(self._running)

    def wait(self) -> None:
        """Until every task has finished and handed its result back (tests, closing the window)."""
        while self._running:
            self._running[0].wait()
            QApplication.processEvents()
