"""Background jobs (ui/workers.py): results reach the GUI thread; a job outliving its owner
ends quietly."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject, QThreadPool
from pytestqt.qtbot import QtBot

from backlog_desk.ui import workers


def test_result_and_progress_reach_the_callbacks(qtbot: QtBot) -> None:
    seen: list[object] = []

    def job(report: workers.Report) -> int:
        report(1, 2)
        return 42

    task = workers.start(job, on_done=seen.append, on_failed=seen.append,
                         on_progress=lambda done, total: seen.append((done, total)))
    qtbot.waitUntil(lambda: 42 in seen, timeout=10_000)
    assert seen == [(1, 2), 42] and task.finished


def test_a_job_finishing_after_its_owner_was_deleted_is_quiet(qtbot: QtBot, capfd) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    release = threading.Event()
    pool = QThreadPool()
    seen: list[object] = []

    def job(_report: workers.Report) -> str:
        release.wait(10)
        return "late"

    task = workers.start(job, on_done=seen.append, on_failed=seen.append, parent=owner,
                         pool=pool)
    owner.deleteLater()  # the window closed while the job runs
    qtbot.waitUntil(lambda: not shiboken6.isValid(task), timeout=10_000)
    release.set()
    assert pool.waitForDone(10_000)
    err = capfd.readouterr().err
    assert "Signal source has been deleted" not in err and "Traceback" not in err
    assert seen == []  # nobody left to tell
