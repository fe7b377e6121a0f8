"""Entering one 审限 event (延长、扣除、中止、程序转换) for a case.

The dialog only collects fields; `recorder(event)` (the panel's call into the service) checks
and records it and returns the refusal's reason, which is shown in the dialog, which then stays
open so the user can correct the entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from backlog_desk.domain.ledger import PROCEDURES
from backlog_desk.domain.time_limits_events import (
    KIND_LABELS,
    Deduction,
    Event,
    EventKind,
    Extension,
    ProcedureChange,
    Suspension,
    event_from_fields,
)

Recorder = Callable[[Event], str | None]
#: Deletes the event being corrected; returns why it was refused, or None.
Remover = Callable[[], str | None]


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class EventDialog(QDialog):
    """Fields shown depend on the kind: an extension has a length and an approver, a
    deduction or suspension an end date (blank while open), a change the new procedure."""

    def __init__(self, case_number: str, recorder: Recorder, today: dt.date | None = None,
                 parent: QWidget | None = None, *, event: Event | None = None,
                 remover: Remover | None = None) -> None:
        """A new event, or with `event` the correction of a recorded one (then `recorder`
        saves the corrected fields and `remover`, if given, offers Delete)."""
        super().__init__(parent)
        self.setObjectName("eventDialog")
        self.recorder = recorder
        self.remover = remover
        self._from_procedure = ""  # kept from a corrected procedure change (not a field)
        title = (self.tr("Correct a time-limit event of %1") if event is not None
                 else self.tr("Time-limit event of %1"))
        self.setWindowTitle(title.replace("%1", case_number))
        today = today or dt.date.today()
        form = QFormLayout(self)
        self.kind = QComboBox(self)
        for kind in EventKind:
            self.kind.addItem(KIND_LABELS[kind], kind.value)
        form.addRow(self.tr("Kind"), self.kind)
        self.start = QDateEdit(_qdate(today), self)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.start.setCalendarPopup(True)
        form.addRow(self.tr("Start or decision date"), self.start)
        self.has_end = QCheckBox(self.tr("Ended on"), self)
        self.end = QDateEdit(_qdate(today), self)
        self.end.setDisplayFormat("yyyy-MM-dd")
        self.end.setCalendarPopup(True)
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        form.addRow(self.has_end, self.end)
        self.length = QSpinBox(self)
        self.length.setRange(1, 366)
        self.length.setValue(6)
        self.unit = QComboBox(self)
        self.unit.addItem(self.tr("months"), "months")
        self.unit.addItem(self.tr("days"), "days")
        form.addRow(self.tr("Extension length"), self.length)
        form.addRow(self.tr("Unit"), self.unit)
        self.approver = QLineEdit(self)
        self.approver.setPlaceholderText("本院院长 / 上级法院")
        form.addRow(self.tr("Approved by"), self.approver)
        self.superior = QCheckBox(self.tr("Approved by a superior court"), self)
        form.addRow("", self.superior)
        self.procedure = QComboBox(self)
        for p in PROCEDURES:
            if p:
                self.procedure.addItem(p, p)
        form.addRow(self.tr("New procedure"), self.procedure)
        self.reason = QLineEdit(self)
        form.addRow(self.tr("Reason"), self.reason)
        self.error = QLabel(self)
        self.error.setObjectName("eventError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.delete_button = None
        if remover is not None:
            self.delete_button = buttons.addButton(self.tr("Delete event"),
                                                   QDialogButtonBox.ButtonRole.DestructiveRole)
            self.delete_button.setObjectName("deleteEvent")
            self.delete_button.clicked.connect(self.remove)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if event is not None:
            self.fill(event)
        self._kind_changed()

    def fill(self, e: Event) -> None:
        """Show a recorded event's fields, to be corrected."""
        self.kind.setCurrentIndex(self.kind.findData(e.kind.value))
        if isinstance(e, Extension):
            self.start.setDate(_qdate(e.decided_on))
            self.length.setValue(e.length.amount)
            self.unit.setCurrentIndex(self.unit.findData(e.length.unit.value))
            self.approver.setText(e.approver)
            self.superior.setChecked(e.approved_by_superior)
        elif isinstance(e, Deduction | Suspension):
            self.start.setDate(_qdate(e.start))
            self.has_end.setChecked(e.end is not None)
            if e.end is not None:
                self.end.setDate(_qdate(e.end))
            self.approver.setText(e.approver)
        elif isinstance(e, ProcedureChange):
            self.start.setDate(_qdate(e.on))
            self._from_procedure = e.from_procedure
            at = self.procedure.findData(e.to_procedure)
            if at >= 0:
                self.procedure.setCurrentIndex(at)
        self.reason.setText(e.reason)

    def current_kind(self) -> EventKind:
        return EventKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        k = self.current_kind()
        period = k in (EventKind.DEDUCTION, EventKind.SUSPENSION)
        self.has_end.setEnabled(period)
        self.end.setEnabled(period and self.has_end.isChecked())
        for w in (self.length, self.unit, self.superior):
            w.setEnabled(k is EventKind.EXTENSION)
        self.approver.setEnabled(k is not EventKind.PROCEDURE_CHANGE)
        self.procedure.setEnabled(k is EventKind.PROCEDURE_CHANGE)

    def built_event(self) -> Event | str:
        """The event the fields describe, or why they describe none."""
        k = self.current_kind()
        ext = k is EventKind.EXTENSION
        months = self.length.value() if ext and self.unit.currentData() == "months" else None
        days = self.length.value() if ext and self.unit.currentData() == "days" else None
        end = (_pydate(self.end.date())
               if k in (EventKind.DEDUCTION, EventKind.SUSPENSION) and self.has_end.isChecked()
               else None)
        return event_from_fields(k.value, _pydate(self.start.date()), end, months=months,
                                 days=days, approver=self.approver.text(),
                                 superior=ext and self.superior.isChecked(),
                                 reason=self.reason.text(),
                                 to_procedure=self.procedure.currentData() or "",
                                 from_procedure=self._from_procedure)

    def submit(self) -> None:
        made = self.built_event()
        if isinstance(made, str):
            self.error.setText(made)
            return
        refused = self.recorder(made)
        if refused:
            self.error.setText(refused)
            return
        self.accept()

    def remove(self) -> None:
        if self.remover is None:
            return
        refused = self.remover()
        if refused:
            self.error.setText(refused)
            return
        self.accept()
