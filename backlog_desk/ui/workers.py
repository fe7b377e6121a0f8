"""Running one slow service call off the GUI thread, with progress and cooperative cancel.

Thread rules: the function runs on a QThreadPool thread and must not touch widgets. It gets a
`report(done, total)` callback; the Task's signals carry progress, the result or the error
back, and Qt delivers them on the GUI thread because the Task object lives there. Cancelling
only sets a flag: the next `report` call raises `Cancelled`, so the service rolls its
transaction back and nothing half-done is kept (shared/STYLE.md §6, rule 4).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QDialog, QWidget

from backlog_desk.services.errors import Cancelled, ServiceError
from backlog_desk.store.database import StoreError

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    """What to tell the user of a failed job: a refusal's own message, a bug's type too."""
    if isinstance(exc, StoreError | ServiceError | OSError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"

Report = Callable[[int, int], None]
Job = Callable[[Report], Any]


class Task(QObject):
    """Handle on one background job; keep a reference until `done` or `failed` arrives."""

    #: (done, total) as the job reports it; total 0 means "unknown".
    progress = Signal(int, int)
    #: The job's return value.
    done = Signal(object)
    #: The exception the job raised (Cancelled if it was cancelled).
    failed = Signal(object)

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._cancel = threading.Event()
        self._finished = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report."""
        self._cancel.set()

    def _report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.progress.emit(done, total)

    def _run(self) -> None:
        # Runs on the pool thread. Every exception is handed to the GUI: one escaping a
        # QRunnable would only be printed, and the window would wait forever.
        try:
            if self._cancel.is_set():
                raise Cancelled()
            result = self._job(self._report)
        except BaseException as exc:
            # A refusal (ServiceError: no campaign yet, a bad file …) is the user's message,
            # shown by `failed`'s receiver; only a bug deserves a traceback in the log.
            if isinstance(exc, ServiceError):
                log.info("background job refused: %s", exc)
            elif not isinstance(exc, Cancelled):
                log.exception("background job failed")
            self._finished.set()
            self._emit(self.failed, exc)
        else:
            self._finished.set()
            self._emit(self.done, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The Task's owner (a window or dialog) was closed while the job ran: there
            # is nobody left to tell, and a traceback on stderr would only alarm.
            log.debug("background job finished after its owner was deleted")


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


def start(job: Job, *, on_done: Callable[[Any], object],
          on_failed: Callable[[BaseException], object],
          on_progress: Callable[[int, int], object] | None = None, parent: QObject | None = None,
          pool: QThreadPool | None = None) -> Task:
    """Start `job(report)` on the pool (the global one by default) and return its Task.

    The callbacks are connected before the job starts: a signal emitted by the pool thread
    before anyone listens would be lost, and a fast job can finish before `start` returns.
    """
    task = Task(job, parent)
    task.done.connect(on_done)
    task.failed.connect(on_failed)
    if on_progress is not None:
        task.progress.connect(on_progress)
    (pool or QThreadPool.globalInstance()).start(_Runnable(task))
    return task


class JobDialog(QDialog):
    """A dialog that runs one job at a time in `task` and is never closed under it: Cancel,
    Escape and the window's close button cancel the running job (the dialog stays to say
    so, and owns the Task until the job has stopped), and close the dialog otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: Task | None = None

    def cancel(self) -> None:
        self.reject()

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
            return
        super().reject()
