"""The leaders' view: per 包保 leader or per judge, open cases, the campaign rate and rank, and
promised close dates missed or moved; the enforcement cases by seed 002's key categories."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.domain.leaders import ENFORCEMENT_CATEGORIES
from backlog_desk.services.leaders import GroupLine, enforcement_cases, per_group
from backlog_desk.services.reminders import promise_report
from backlog_desk.store.database import Database

from . import workers


class LeadersPage(QWidget):
    ready = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadersPage")
        self.db: Database | None = None
        self.as_of: dt.date | None = None
        self.task: workers.Task | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.by = QComboBox(self)
        self.by.addItem(self.tr("By responsible leader"), "leader")
        self.by.addItem(self.tr("By judge"), "judge")
        top.addWidget(self.by)
        self.category = QComboBox(self)
        self.category.addItem(self.tr("All enforcement cases"), None)
        for key, label in ENFORCEMENT_CATEGORIES.items():
            self.category.addItem(label, key)
        top.addWidget(self.category)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        layout.addLayout(top)
        group_headers = [self.tr("Rank"), self.tr("Name"), self.tr("Open"), self.tr("Baseline"),
                         self.tr("Closed"), self.tr("Rate"), self.tr("Promises missed"),
                         self.tr("Promises moved")]
        self.groups = QTableWidget(0, len(group_headers), self)
        self.groups.setObjectName("leaderGroups")
        self.groups.setHorizontalHeaderLabels(group_headers)
        self.groups.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.groups, 2)
        self.enforcement_label = QLabel(self.tr("Enforcement cases"), self)
        layout.addWidget(self.enforcement_label)
        case_headers = [self.tr("Case number"), self.tr("Department"), self.tr("Judge"),
                        self.tr("Filed"), self.tr("Key categories")]
        self.cases = QTableWidget(0, len(case_headers), self)
        self.cases.setObjectName("enforcementCases")
        self.cases.setHorizontalHeaderLabels(case_headers)
        self.cases.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.cases.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.cases, 1)
        self.by.currentIndexChanged.connect(self.refresh)
        self.category.currentIndexChanged.connect(self.refresh)

    def set_database(self, db: Database | None, as_of: dt.date | None = None) -> None:
        self.db, self.as_of = db, as_of
        self.groups.setRowCount(0)
        self.cases.setRowCount(0)

    def refresh(self) -> None:
        if self.db is None or self.task is not None:
            return
        db, as_of, by = self.db, self.as_of, self.by.currentData()
        category = self.category.currentData()

        def job(report: workers.Report) -> Any:
            report(0, 0)
            lines = per_group(db, by, as_of)
            promises = promise_report(db, as_of)
            cases = enforcement_cases(db, category, as_of)
            return lines, promises, cases

        self.refresh_button.setEnabled(False)
        self.task = workers.start(job, on_done=self._done, on_failed=self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.refresh_button.setEnabled(True)
        self.enforcement_label.setText(str(exc))

    def _done(self, result: Any) -> None:
        self.task = None
        self.refresh_button.setEnabled(True)
        lines, promises, cases = result
        self.show_lines(lines, promises.by_judge if self.by.currentData() == "judge" else {})
        self.cases.setRowCount(len(cases))
        for i, c in enumerate(cases):
            for j, text in enumerate((c["case_number"], c["department"], c["judge"],
                                      c["filing_date"], "、".join(c["labels"]))):
                self.cases.setItem(i, j, QTableWidgetItem(text))
        self.enforcement_label.setText(self.tr("Enforcement cases: %1").replace(
            "%1", str(len(cases))))
        self.ready.emit()

    def show_lines(self, lines: list[GroupLine], promises: dict[str, Any]) -> None:
        self.groups.setRowCount(len(lines))
        for i, x in enumerate(lines):
            p = promises.get(x.name)
            values = (str(x.rank or "-"), x.name, str(x.open_cases), str(x.baseline),
                      str(x.closed), x.rate or "-",
                      f"{p.missed}（{p.missed_days}日）" if p else "",
                      f"{p.moved}（{p.moved_days}日）" if p else "")
            for j, text in enumerate(values):
                self.groups.setItem(i, j, QTableWidgetItem(text))
        self.groups.resizeColumnsToContents()
