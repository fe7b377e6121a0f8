"""The department-workbook dialogs, driven as a user would: export two departments, a clerk
edits one workbook (openpyxl), the import shows its preview, then Apply or Cancel."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRunnable, QThreadPool
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from backlog_desk.services import cases
from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.workbooks import export_department_workbook
from backlog_desk.store.database import Database
from backlog_desk.store.models import AuditEntry
from backlog_desk.ui.main_window import MainWindow
from backlog_desk.ui.workbook_dialogs import (
    ExportWorkbooksDialog,
    WorkbookImportDialog,
    workbook_name,
)
from tests.exchange.workbook_edit import Ledger

AUDIT = Actor("王晓明", Role.AUDIT)
WAIT_MS = 60_000


def audit_rows(db: Database) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def two_departments(db: Database) -> list[str]:
    counts: dict[str, int] = {}
    for c in cases.list_cases(db, status="open"):
        counts[c.department] = counts.get(c.department, 0) + 1
    return sorted(counts, key=lambda d: -counts[d])[:2]


def export_two(qtbot: QtBot, db: Database, tmp_path: Path) -> tuple[list[str], list[Path]]:
    folder = tmp_path / "out"
    folder.mkdir()
    dialog = ExportWorkbooksDialog(db, AUDIT, folder)
    qtbot.addWidget(dialog)
    names = two_departments(db)
    dialog.set_chosen(names)
    assert dialog.chosen() == [n for n in dialog.chosen() if n in names] and \
        sorted(dialog.chosen()) == sorted(names)
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as done:
        assert dialog.start() is not None
    results = done.args[0]
    assert [r.department for r in results] == dialog.chosen()
    assert dialog.progress.value() == dialog.progress.maximum()
    files = [folder / workbook_name(n) for n in dialog.chosen()]
    assert all(f.exists() for f in files)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f.name for f in files)
    return dialog.chosen(), files


def preview(qtbot: QtBot, db: Database, path: Path) -> WorkbookImportDialog:
    dialog = WorkbookImportDialog(db, AUDIT, path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None or dialog.task is None, timeout=WAIT_MS)
    assert dialog.report is not None, dialog.status.text()
    return dialog


def table(dialog: WorkbookImportDialog) -> list[list[str]]:
    t = dialog.rows
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


@pytest.fixture
def blocked_pool() -> Iterator[threading.Event]:
    """The global pool held busy, so a job started now runs only after `release.set()`: a
    cancel given before that is certain to be seen by the job."""
    pool = QThreadPool.globalInstance()
    before = pool.maxThreadCount()
    pool.setMaxThreadCount(1)
    release = threading.Event()

    class Blocker(QRunnable):
        def run(self) -> None:
            release.wait(WAIT_MS / 1000)

    pool.start(Blocker())
    yield release
    release.set()
    pool.waitForDone(WAIT_MS)
    pool.setMaxThreadCount(before)


def test_export_two_edit_one_preview_and_apply(qtbot: QtBot, db: Database,
                                               tmp_path: Path) -> None:
    names, files = export_two(qtbot, db, tmp_path)
    dept, path = names[0], files[0]
    open_cases = cases.list_cases(db, department=dept, status="open")
    edited, bad = open_cases[0], open_cases[1]
    book = Ledger(path)
    row_edit = book.set_case(edited.case_number, 清结措施="每周约谈当事人",
                             预计结案日期=dt.datetime(2026, 11, 30))
    row_bad = book.set_case(bad.case_number, 预计结案日期="2026-13-45")
    book.save()

    dialog = preview(qtbot, db, path)
    assert dialog.counts["updated"].text() == "1"
    assert dialog.counts["rejected"].text() == "1"
    lines = table(dialog)
    updates = [line for line in lines if line[0] == dialog.tr("Updated")]
    assert {(line[2], line[3]) for line in updates} == {
        (str(row_edit), "清结措施"), (str(row_edit), "预计结案日期")}
    assert any(line[5].endswith("→ 每周约谈当事人") for line in updates)
    rejected = [line for line in lines if line[0] == dialog.tr("Rejected")]
    assert len(rejected) == 1
    sheet, row, column, number, reason = rejected[0][1:]
    assert (sheet, row, column, number) == ("台账", str(row_bad), "预计结案日期",
                                            bad.case_number)
    assert "2026-13-45" in reason
    # The preview wrote nothing.
    assert cases.get_case(db, edited.case_number).measures == edited.measures
    assert dialog.apply_button.isEnabled() and dialog.errors_button.isEnabled()

    errors = dialog.save_errors(tmp_path / "问题清单.xlsx")
    assert errors is not None and errors.exists()

    with qtbot.waitSignal(dialog.applied, timeout=WAIT_MS) as done:
        dialog.apply_button.click()
    report = done.args[0]
    assert report.applied and len(report.updated) == 1
    after = cases.get_case(db, edited.case_number)
    assert (after.measures, after.expected_close_date) == ("每周约谈当事人",
                                                         dt.date(2026, 11, 30))
    assert cases.get_case(db, bad.case_number).expected_close_date == bad.expected_close_date
    assert report.backup and Path(report.backup).exists()


def test_cancel_after_preview_leaves_the_ledger_unchanged(qtbot: QtBot, db: Database,
                                                          tmp_path: Path) -> None:
    names, files = export_two(qtbot, db, tmp_path)
    target = cases.list_cases(db, department=names[1], status="open")[0]
    book = Ledger(files[1])
    book.set_case(target.case_number, 清结措施="不应写入")
    book.save()
    before = audit_rows(db)
    dialog = preview(qtbot, db, files[1])
    assert dialog.counts["updated"].text() == "1"
    dialog.cancel_button.click()
    assert dialog.result() == dialog.DialogCode.Rejected
    assert cases.get_case(db, target.case_number).measures == target.measures
    assert audit_rows(db) == before


def test_cancel_during_apply_rolls_back(qtbot: QtBot, db: Database, tmp_path: Path,
                                        blocked_pool: threading.Event) -> None:
    dept = two_departments(db)[0]
    # Exported without the dialog: the pool is held for the cancelled job below.
    path = tmp_path / workbook_name(dept)
    export_department_workbook(db, AUDIT, dept, path)
    target = cases.list_cases(db, department=dept, status="open")[0]
    book = Ledger(path)
    book.set_case(target.case_number, 清结措施="不应写入")
    book.save()
    dialog = WorkbookImportDialog(db, AUDIT, path)
    qtbot.addWidget(dialog)
    dialog.start()
    blocked_pool.set()  # let the preview run
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    before = audit_rows(db)

    release = threading.Event()

    class Blocker(QRunnable):
        def run(self) -> None:
            release.wait(WAIT_MS / 1000)

    QThreadPool.globalInstance().start(Blocker())
    task = dialog.apply()
    assert task is not None
    dialog.cancel_button.click()  # while the import waits for the pool
    with qtbot.waitSignal(task.failed, timeout=WAIT_MS):
        release.set()
    assert dialog.status.text() == dialog.tr("Cancelled; the ledger is unchanged.")
    assert cases.get_case(db, target.case_number).measures == target.measures
    assert audit_rows(db) == before
    assert not dialog.apply_button.isEnabled()


def test_cancelled_export_leaves_no_file(qtbot: QtBot, db: Database, tmp_path: Path,
                                         blocked_pool: threading.Event) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dialog = ExportWorkbooksDialog(db, AUDIT, out)
    qtbot.addWidget(dialog)
    dialog.set_chosen(two_departments(db))
    task = dialog.start()
    assert task is not None
    dialog.cancel_button.click()
    with qtbot.waitSignal(task.failed, timeout=WAIT_MS):
        blocked_pool.set()
    assert list(out.iterdir()) == []
    assert dialog.export_button.isEnabled()
    assert dialog.status.text() == dialog.tr(
        "Cancelled; the workbook being written was removed (finished ones are kept).")


def test_export_refuses_without_departments_or_folder(qtbot: QtBot, db: Database,
                                                      tmp_path: Path) -> None:
    dialog = ExportWorkbooksDialog(db, AUDIT, tmp_path / "missing")
    qtbot.addWidget(dialog)
    assert dialog.start() is None
    assert dialog.status.text() == dialog.tr("Choose at least one department.")
    dialog.all_button.click()
    assert dialog.chosen() and dialog.start() is None
    assert dialog.status.text() == dialog.tr("Choose an existing output folder.")


def test_a_file_that_is_no_workbook_is_refused_with_its_reason(qtbot: QtBot, db: Database,
                                                                tmp_path: Path) -> None:
    junk = tmp_path / "民一庭台账.xlsx"
    junk.write_text("not a workbook", encoding="utf-8")
    before = audit_rows(db)
    dialog = WorkbookImportDialog(db, AUDIT, junk)
    qtbot.addWidget(dialog)
    dialog.start()
    # The job may be over before a signal could be waited for: wait for what it leaves.
    qtbot.waitUntil(lambda: dialog.task is None, timeout=WAIT_MS)
    assert dialog.report is None and not dialog.apply_button.isEnabled()
    assert "not an .xlsx workbook" in dialog.status.text()
    assert audit_rows(db) == before


def test_file_menu_exports_and_imports_through_the_window(
        qtbot: QtBot, start_window: Callable[..., MainWindow], demo_db: Path,
        tmp_path: Path) -> None:
    window = start_window(str(demo_db))
    texts = [a.text() for a in window.file_menu.actions()]
    at = texts.index(window.import_action.text())
    workbooks = window.workbooks
    assert texts[at + 1:at + 3] == [workbooks.export_action.text(),
                                    workbooks.import_action.text()]
    workbooks.export_action.trigger()
    export = workbooks.dialog
    assert isinstance(export, ExportWorkbooksDialog) and export.isVisible()
    assert export.folder.text() == str(demo_db.parent)
    out = tmp_path / "out"
    out.mkdir()
    export.folder.setText(str(out))
    dept = export.departments.item(0).text()
    export.set_chosen([dept])
    with qtbot.waitSignal(export.exported, timeout=WAIT_MS):
        export.export_button.click()
    path = out / workbook_name(dept)
    assert window.db is not None
    target = cases.list_cases(window.db, department=dept, status="open")[0]
    book = Ledger(path)
    book.set_case(target.case_number, 清结措施="窗口导入")
    book.save()
    dialog = workbooks.import_workbook(path)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.applied, timeout=WAIT_MS):
        dialog.apply_button.click()
    # The window reads the ledger again, and the case shows the clerk's entry.
    qtbot.waitUntil(lambda: window.loaded is not None and not window.stats_pending,
                    timeout=WAIT_MS)
    assert cases.get_case(window.db, target.case_number).measures == "窗口导入"
