"""Importing the case system's export from the window (File → Import…, or a file dropped on
it): a dry run first, its preview, then the import itself, each on a worker with a progress
dialog whose Cancel rolls everything back.

The preview is what clerks ask for before touching the ledger: how many cases would be
added, updated or left alone, and every rejected row with its file, sheet, row and field.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.services.actor import Actor
from backlog_desk.services.errors import Cancelled
from backlog_desk.services.imports import ImportIssue, ImportReport, import_case_list
from backlog_desk.store.database import Database

from . import i18n, workers

#: What File → Import and a drop accept (the case system's exports).
IMPORT_SUFFIXES = (".xlsx", ".xls", ".csv")


def importable(path: Path) -> bool:
    return path.suffix.lower() in IMPORT_SUFFIXES


class ImportPreview(QDialog):
    """The dry run's counts and rejected rows; Import applies, Cancel leaves the ledger."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setWindowTitle(self.tr("Import preview"))
        self.resize(820, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(i18n.arg(self.tr("File: %1 (sheet %2)"),
                                         Path(report.file).name, report.sheet), self))
        form = QFormLayout()
        #: The count labels by name, for tests and screen readers.
        self.counts: dict[str, QLabel] = {}
        problems = report.rejected + report.conflicts
        for key, text, value in (
                ("added", self.tr("New cases:"), report.added),
                ("updated", self.tr("Cases updated:"), report.updated),
                ("unchanged", self.tr("Unchanged:"), report.unchanged),
                ("rejected", self.tr("Rows rejected:"), len(problems)),
                ("closure_candidates", self.tr("No longer listed (closure candidates):"),
                 len(report.closure_candidates))):
            label = QLabel(f"{value:,}", self)
            label.setObjectName(f"count_{key}")
            self.counts[key] = label
            form.addRow(text, label)
        layout.addLayout(form)
        self.problems = QTableWidget(len(problems), 6, self)
        self.problems.setObjectName("rejectedRows")
        self.problems.setHorizontalHeaderLabels([
            self.tr("Sheet"), self.tr("Row"), self.tr("Field"), self.tr("Value"),
            self.tr("Case number"), self.tr("Reason")])
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().setVisible(False)
        for r, issue in enumerate(problems):
            self._fill(r, issue)
        self.problems.resizeColumnsToContents()
        self.problems.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.problems, 1)
        self.problems.setVisible(bool(problems))  # an empty grid would look like a failure
        if report.unrecognised:
            layout.addWidget(QLabel(i18n.arg(self.tr("Columns not used: %1"),
                                             "、".join(report.unrecognised)), self))
        buttons = QDialogButtonBox(self)
        changes = report.added or report.updated or report.closure_candidates
        self.apply_button: QPushButton | None = None
        if changes:
            self.apply_button = buttons.addButton(self.tr("Import"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        else:
            layout.addWidget(QLabel(self.tr("The ledger already holds all of this file."),
                                    self))
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _fill(self, r: int, issue: ImportIssue) -> None:
        for c, value in enumerate((issue.sheet, str(issue.row), issue.field, issue.value,
                                   issue.case_number, issue.reason)):
            self.problems.setItem(r, c, QTableWidgetItem(value))


class ImportFlow(QObject):
    """One import from dry run to result. `finished(report)` after a real import;
    `stopped(message)` when it was cancelled, refused or failed ("" for a plain cancel)."""

    finished = Signal(object)
    stopped = Signal(str)
    #: The dry run's preview is shown (tests drive it from here).
    previewed = Signal(object)

    def __init__(self, db: Database, actor: Actor, path: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.db, self.actor, self.path, self._parent = db, actor, path, parent
        self.task: workers.Task | None = None
        self.progress: QProgressDialog | None = None
        self.preview: ImportPreview | None = None
        self.report: ImportReport | None = None
        self._stop = threading.Event()

    def start(self) -> None:
        self._run(True, self.tr("Checking %1…"), self._checked)

    def _run(self, dry_run: bool, text: str,
             on_done: Callable[[ImportReport], None]) -> None:
        dialog = QProgressDialog(i18n.arg(text, self.path.name), self.tr("Cancel"), 0, 0,
                                 self._parent)
        dialog.setWindowTitle(self.tr("Import"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoReset(False)
        self.progress = dialog
        # Its own flag, not the Task's: the job may start before `start` returns the Task.
        stop = threading.Event()
        self._stop = stop
        db, actor, path = self.db, self.actor, self.path

        def job(report: workers.Report) -> ImportReport:
            # The progress callback stops the file reading; `cancelled` is asked between the
            # import's writes, all inside one transaction that a cancel rolls back.
            return import_case_list(db, actor, path, dry_run=dry_run, progress=report,
                                    cancelled=stop.is_set)

        def progressed(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

        self.task = workers.start(job, on_done=lambda rep: self._done(rep, on_done),
                                  on_failed=self._failed, on_progress=progressed,
                                  parent=self)
        dialog.canceled.connect(self.cancel)

    def cancel(self) -> None:
        self._stop.set()
        if self.task is not None:
            self.task.cancel()

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, report: ImportReport, then: Callable[[ImportReport], None]) -> None:
        self.task = None
        self._close_progress()
        then(report)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._close_progress()
        self.stopped.emit("" if isinstance(exc, Cancelled) else str(exc))

    def _checked(self, report: ImportReport) -> None:
        self.preview = ImportPreview(report, self._parent)
        self.preview.accepted.connect(self.apply)
        self.preview.rejected.connect(lambda: self.stopped.emit(""))
        self.preview.open()
        self.previewed.emit(report)

    def apply(self) -> None:
        self._run(False, self.tr("Importing %1…"), self._applied)

    def _applied(self, report: ImportReport) -> None:
        self.report = report
        self.finished.emit(report)
