"""Importing the case system's export from the window: a file dropped on it (or File →
Import) is checked first, its preview shows the counts and every rejected row, and Cancel
during the import leaves the database exactly as it was."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QThreadPool, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from backlog_desk.services.demo import write_demo_export
from backlog_desk.services.imports import import_case_list
from backlog_desk.store.database import Database
from backlog_desk.ui.editing import installation_actor
from backlog_desk.ui.import_flow import ImportFlow
from backlog_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

StartWindow = Callable[..., MainWindow]
AS_OF = dt.date(2026, 7, 15)
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def export_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another court's open cases, with the mess real exports have (rejected rows)."""
    path = tmp_path_factory.mktemp("export") / "未结案件清单.xlsx"
    write_demo_export(path, scale="S", seed=2, as_of=AS_OF, messy=True)
    # Two rows a clerk would have to fix: an impossible filing date, a number that does not
    # parse (the synthetic mess is all readable).
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header = next(r for r in sheet.iter_rows(max_row=10) if any(
        str(c.value or "").strip() in ("立案日期", "收案日期") for c in r))
    names = {str(c.value or "").strip(): c.column - 1 for c in header}
    number_col = next(i for n, i in names.items() if "案号" in n or "字号" in n)
    date_col = next(i for n, i in names.items() if n in ("立案日期", "收案日期"))
    last = [c.value for c in sheet[header[0].row + 1]]  # the first case row
    for number, filed in (("（2021）吉0105民初99999号", "2021-13-45"),
                          ("不是案号", "2021-03-05")):
        row = list(last)
        row[number_col], row[date_col] = number, filed
        sheet.append(row)
    book.save(path)
    return path


def snapshot(path: Path) -> tuple[int, ...]:
    con = sqlite3.connect(path)
    try:
        return tuple(con.execute(q).fetchone()[0] for q in (
            "SELECT count(*) FROM cases", "SELECT coalesce(sum(row_version), 0) FROM cases",
            "SELECT count(*) FROM cases WHERE closure_candidate",
            "SELECT count(*) FROM audit_log", "SELECT count(*) FROM import_batch"))
    finally:
        con.close()


def drop(window: MainWindow, path: Path) -> bool:
    """What the window manager delivers when a file is dragged in and let go."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPoint(window.width() // 2, window.height() // 2)
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(pos.toPointF(), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def previewed(qtbot: QtBot, window: MainWindow, path: Path) -> ImportFlow:
    assert drop(window, path)
    flow = window._import
    assert flow is not None
    qtbot.waitUntil(lambda: flow.preview is not None and flow.preview.isVisible(),
                    timeout=TIMEOUT_MS)
    return flow


def test_drop_preview_cancel_then_import(start_window: StartWindow, demo_db: Path,
                                         db: Database, export_file: Path, qtbot: QtBot,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []  # a failure must fail the test, not wait for a click
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window = start_window(str(demo_db))
    before = snapshot(demo_db)
    expected = import_case_list(db, installation_actor(db), export_file, dry_run=True)
    assert expected.added > 100 and expected.updated > 100 and expected.rejected
    assert snapshot(demo_db) == before  # the dry run wrote nothing

    flow = previewed(qtbot, window, export_file)
    preview = flow.preview
    assert preview is not None
    assert preview.counts["added"].text() == f"{expected.added:,}"
    assert preview.counts["updated"].text() == f"{expected.updated:,}"
    problems = expected.rejected + expected.conflicts
    assert preview.counts["rejected"].text() == f"{len(problems):,}"
    table = preview.problems
    assert table.rowCount() == len(problems)
    first = problems[0]
    assert [table.item(0, c).text() for c in range(6)] == [
        first.sheet, str(first.row), first.field, first.value, first.case_number,
        first.reason]
    assert snapshot(demo_db) == before  # nothing written before the user says Import

    # Import, and Cancel while it runs. A small file imports faster than a test can click,
    # so the import is held in the pool's queue until the test is listening, and Cancel is
    # pressed (from the worker, synchronously) when the file has been read: the import is
    # then past its backup, about to write, and must roll back.
    assert preview.apply_button is not None
    pool = QThreadPool.globalInstance()
    threads, release = pool.maxThreadCount(), threading.Event()
    pool.setMaxThreadCount(1)
    try:
        pool.start(lambda: release.wait(TIMEOUT_MS / 1000))
        with qtbot.waitSignal(flow.stopped, timeout=TIMEOUT_MS) as stopped:
            qtbot.mouseClick(preview.apply_button, Qt.MouseButton.LeftButton)
            task, dialog = flow.task, flow.progress
            assert task is not None and dialog is not None

            def file_read(done: int, total: int) -> None:
                if total and done == total:
                    flow.cancel()  # what the dialog's Cancel button calls

            task.progress.connect(file_read, Qt.ConnectionType.DirectConnection)
            release.set()
    finally:
        release.set()
        pool.waitForDone()
        pool.setMaxThreadCount(threads)
    assert stopped.args == [""]
    assert list(demo_db.parent.glob("*.backups/*"))  # it did get as far as the backup
    assert window._import is None
    assert snapshot(demo_db) == before

    # The same file again, this time to the end: the ledger reopens with the new cases.
    flow = previewed(qtbot, window, export_file)
    assert flow.preview is not None and flow.preview.apply_button is not None
    with qtbot.waitSignal(flow.finished, timeout=TIMEOUT_MS):
        qtbot.mouseClick(flow.preview.apply_button, Qt.MouseButton.LeftButton)
    assert flow.report is not None and flow.report.added == expected.added
    qtbot.waitUntil(lambda: window.loaded is not None
                    and window.loaded.total == before[0] + expected.added
                    and not window.model.is_loading, timeout=TIMEOUT_MS)
    assert snapshot(demo_db)[0] == before[0] + expected.added
    assert window.model.rowCount() == before[0] + expected.added
    assert shown == []


def test_only_spreadsheets_are_accepted(start_window: StartWindow, demo_db: Path,
                                        tmp_path: Path) -> None:
    window = start_window(str(demo_db))
    notes = tmp_path / "notes.txt"
    notes.write_text("not an export", encoding="utf-8")
    assert not drop(window, notes)
    assert window._import is None


def test_a_file_that_is_no_export_changes_nothing(start_window: StartWindow, demo_db: Path,
                                                  tmp_path: Path, qtbot: QtBot,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window = start_window(str(demo_db))
    before = snapshot(demo_db)
    junk = tmp_path / "truncated.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook")
    assert drop(window, junk)
    qtbot.waitUntil(lambda: window._import is None, timeout=TIMEOUT_MS)
    assert shown and "truncated.xlsx" in shown[0]
    assert snapshot(demo_db) == before


def test_a_department_installation_is_told_import_is_not_its_job(
        start_window: StartWindow, tmp_path: Path, export_file: Path, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from backlog_desk.services.actor import SYSTEM
    from backlog_desk.services.setup import init_database

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    target = tmp_path / "dept.db"
    init_database(target, SYSTEM, court_name="长春市二道区人民法院", court_code="吉0105",
                  role="department", department="民一庭", campaign_year=2026).dispose()
    window = start_window(str(target))
    before = snapshot(target)
    assert drop(window, export_file)
    qtbot.waitUntil(lambda: window._import is None, timeout=TIMEOUT_MS)
    assert len(shown) == 1 and "audit" in shown[0]
    assert snapshot(target) == before
