"""The reminders page (日提醒、周督办): what falls due in the next days, refreshed on demand.

The list needs the deadline of every open case (seconds on a million-case ledger), so it is
computed off the GUI thread (ui/workers.py) with a cancel button.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.domain.reminders import KIND_LABELS, ReminderKind
from backlog_desk.services.reminders import CaseReminders, reminders
from backlog_desk.store.database import Database

from . import workers


class RemindersPage(QWidget):
    #: a case number the user double-clicked (the window shows it in the ledger)
    case_chosen = Signal(str)
    #: the list is shown (tests wait for it)
    ready = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remindersPage")
        self.db: Database | None = None
        self.as_of: dt.date | None = None
        self.task: workers.Task | None = None
        self.items: list[CaseReminders] = []
        self.stale = False
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel(self.tr("Open a ledger to see its reminders"), self)
        self.summary.setObjectName("remindersSummary")
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        top.addWidget(self.cancel_button)
        layout.addLayout(top)
        headers = [self.tr("Case number"), self.tr("Department"), self.tr("Judge"),
                   self.tr("Due"), self.tr("Reminder")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setObjectName("remindersTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(self._chosen)
        layout.addWidget(self.table, 1)

    def set_database(self, db: Database | None, as_of: dt.date | None = None) -> None:
        self.db, self.as_of = db, as_of
        self.items = []
        self.table.setRowCount(0)
        # Worked out when the page is shown, not on every open: on a million-case ledger the
        # list costs ~15 s of CPU and several hundred MB, which the ledger page must not pay.
        self.stale = db is not None
        if db is None:
            self.summary.setText(self.tr("Open a ledger to see its reminders"))
        elif self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        if self.db is None or self.task is not None:
            return
        db, as_of = self.db, self.as_of
        self.stale = False

        def job(report: workers.Report) -> Any:
            return reminders(db, as_of, progress=report)

        self.summary.setText(self.tr("Working out the reminders…"))
        self.refresh_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.task = workers.start(job, on_done=self._done, on_failed=self._failed, parent=self)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _finish(self) -> None:
        self.task = None
        self.refresh_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.summary.setText(str(exc))

    def _done(self, result: tuple[list[CaseReminders], dict[str, int]]) -> None:
        self._finish()
        self.show_items(*result)

    def show_items(self, items: list[CaseReminders], counts: dict[str, int]) -> None:
        self.items = items
        rows = [(c, r) for c in items for r in c.items]
        self.table.setRowCount(len(rows))
        for i, (c, r) in enumerate(rows):
            for j, text in enumerate((c.case_number, c.department, c.judge,
                                      r.due.isoformat(), r.message)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        parts = [f"{KIND_LABELS[ReminderKind(k)]} {n}" for k, n in counts.items()]
        self.summary.setText(self.tr("%1 cases: %2").replace("%1", str(len(items)))
                             .replace("%2", "，".join(parts)))
        self.table.resizeColumnsToContents()
        self.ready.emit()

    def _chosen(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.case_chosen.emit(item.text())
