"""The 审限 rule table in force, with its legal sources, and the audit office's form to change
a limit or threshold (versioned and audited by services/time_limit_rules.py)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.domain.time_limit_settings import setting_keys
from backlog_desk.services.actor import Actor
from backlog_desk.services.errors import ServiceError
from backlog_desk.services.time_limit_rules import current_value, load_rules, set_rule
from backlog_desk.store.database import Database


class RulesDialog(QDialog):
    def __init__(self, db: Database, actor: Actor | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rulesDialog")
        self.setWindowTitle(self.tr("Time-limit rules"))
        self.db, self.actor = db, actor
        layout = QVBoxLayout(self)
        headers = [self.tr("Key"), self.tr("Track"), self.tr("Limit"), self.tr("Extensions"),
                   self.tr("Legal source")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setObjectName("rulesTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.thresholds = QLabel(self)
        self.thresholds.setWordWrap(True)
        layout.addWidget(self.thresholds)
        form = QFormLayout()
        self.key = QComboBox(self)
        for key in setting_keys():
            self.key.addItem(key, key)
        self.key.currentIndexChanged.connect(self._key_changed)
        form.addRow(self.tr("Setting"), self.key)
        self.value = QLineEdit(self)
        form.addRow(self.tr("New value"), self.value)
        self.effective = QDateEdit(QDate.currentDate(), self)
        self.effective.setDisplayFormat("yyyy-MM-dd")
        self.effective.setCalendarPopup(True)
        form.addRow(self.tr("In force from"), self.effective)
        self.reason = QLineEdit(self)
        form.addRow(self.tr("Reason"), self.reason)
        self.apply_button = QPushButton(self.tr("Record the change"), self)
        self.apply_button.clicked.connect(self.apply)
        self.apply_button.setEnabled(actor is not None and actor.role in ("audit", "system"))
        form.addRow(self.apply_button)
        self.message = QLabel(self)
        self.message.setObjectName("rulesMessage")
        self.message.setWordWrap(True)
        form.addRow(self.message)
        layout.addLayout(form)
        self.resize(1000, 640)
        self.reload()

    def reload(self) -> None:
        force = load_rules(self.db)
        self.force = force
        self.table.setRowCount(len(force.rules))
        for i, r in enumerate(force.rules):
            exts = "、".join(f"+{e.length.label if e.length else '不定'}（{e.approver}）"
                            for e in r.extensions) or "不可延长"
            for j, text in enumerate((r.key, r.name, r.base.label, exts, r.source)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        th = force.thresholds
        self.thresholds.setText("；".join(f"{k}={getattr(th, k)}" for k in th.__dataclass_fields__)
                                + f"；reminder.months={','.join(map(str, force.reminder_months))}"
                                + f"；reminder.window_days={force.reminder_window_days}")
        self._key_changed()

    def _key_changed(self) -> None:
        key = self.key.currentData()
        if key:
            self.value.setText(current_value(self.force, key))

    def apply(self) -> None:
        if self.actor is None:
            return
        q = self.effective.date()
        try:
            done = set_rule(self.db, self.actor, self.key.currentData(), self.value.text(),
                            self.reason.text(), effective_from=dt.date(q.year(), q.month(),
                                                                       q.day()),
                            source="gui")
        except ServiceError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(self.tr("Recorded: %1 = %2 from %3").replace("%1", done.key)
                             .replace("%2", done.value)
                             .replace("%3", done.effective_from.isoformat()))
        self.reload()
