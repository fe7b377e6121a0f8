"""The 审限 part of the case detail: status, the calculation step by step, the events, the
hidden over-limit flags, and a button to record an event.

One case's status is a few indexed lookups and a computation of microseconds (bench:
`bench/bench_deadlines.py`), so it runs on the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.domain.dates import format_date_cn
from backlog_desk.services.actor import Actor
from backlog_desk.services.errors import ServiceError
from backlog_desk.store.database import Database

if TYPE_CHECKING:
    from backlog_desk.domain.time_limits_events import Event
    from backlog_desk.services.time_limits import CaseLimit, EventRecord

    from .event_dialog import EventDialog

# The time-limit services are imported when the first case is shown, not at start.

ActorFor = Callable[[], Actor | None]


def event_text(e: Event) -> str:
    """One line per event, in Chinese as the court writes it."""
    from backlog_desk.domain.time_limits_events import (
        KIND_LABELS,
        Deduction,
        Extension,
        ProcedureChange,
        Suspension,
    )

    label = KIND_LABELS[e.kind]
    if isinstance(e, Extension):
        who = e.approver or ("上级法院" if e.approved_by_superior else "未填批准人")
        return f"{format_date_cn(e.decided_on)} {label}{e.length.label}（{who}批准）{e.reason}"
    if isinstance(e, ProcedureChange):
        return (f"{format_date_cn(e.on)} {label}：{e.from_procedure or '原程序'}→"
                f"{e.to_procedure} {e.reason}")
    assert isinstance(e, Deduction | Suspension)
    until = format_date_cn(e.end) if e.end else "未结束"
    return f"{format_date_cn(e.start)}至{until} {label}（{e.reason}）"


class TimeLimitPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeLimitPanel")
        self.db: Database | None = None
        self.case_number: str | None = None
        self.as_of: dt.date | None = None
        self.actor_for: ActorFor | None = None
        self.limit: CaseLimit | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setObjectName("limitSummary")
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.add_button = QPushButton(self.tr("Record event…"), self)
        self.add_button.setObjectName("addEvent")
        self.add_button.clicked.connect(self.open_dialog)
        top.addWidget(self.add_button)
        # A mistyped event is corrected or deleted here; the change travels in packages.
        self.correct_button = QPushButton(self.tr("Correct event…"), self)
        self.correct_button.setObjectName("correctEvent")
        self.correct_button.setMenu(QMenu(self.correct_button))
        self.correct_button.menu().aboutToShow.connect(self._fill_correct_menu)
        top.addWidget(self.correct_button)
        layout.addLayout(top)
        self.view = QTextBrowser(self)
        self.view.setObjectName("limitSteps")
        layout.addWidget(self.view, 1)
        self.clear()

    def clear(self) -> None:
        self.case_number, self.limit = None, None
        self.summary.setText(self.tr("Time limit: no case selected"))
        self.view.clear()
        self.add_button.setEnabled(False)
        self.correct_button.setEnabled(False)

    def show_case(self, db: Database, case_number: str, as_of: dt.date | None = None) -> None:
        from backlog_desk.services.time_limits import case_limit_status

        self.db, self.case_number, self.as_of = db, case_number, as_of
        try:
            self.limit = case_limit_status(db, case_number, as_of)
        except ServiceError as exc:
            self.limit = None
            self.summary.setText(str(exc))
            self.view.clear()
            self.correct_button.setEnabled(False)
            return
        st = self.limit.status
        if st.deadline is None:
            text = self.tr("Time limit: %1").replace("%1", st.state_label)
        else:
            left = st.days_left or 0
            tail = (self.tr("%1 days over").replace("%1", str(-left)) if left < 0
                    else self.tr("%1 days left").replace("%1", str(left)))
            text = (self.tr("Time limit: %1, ends %2, %3")
                    .replace("%1", st.state_label)
                    .replace("%2", format_date_cn(st.deadline)).replace("%3", tail))
        self.summary.setText(text)
        may_record = self.actor_for is not None and self.actor_for() is not None
        self.add_button.setEnabled(may_record)
        self.correct_button.setEnabled(may_record and bool(self.limit.events))
        calculation, flagged = self.tr("Calculation"), self.tr("Hidden over-limit flags")
        recorded, none = self.tr("Events"), self.tr("None recorded")
        parts = [f"<p><b>{html.escape(calculation)}</b></p><ol>"]
        parts += [f"<li>{html.escape(s)}</li>" for s in st.steps]
        parts.append("</ol>")
        if self.limit.flags:
            parts.append(f"<p><b>{html.escape(flagged)}</b></p><ul>")
            parts += [f"<li style='color:#b3261e'>{html.escape(f.message)}</li>"
                      for f in self.limit.flags]
            parts.append("</ul>")
        parts.append(self._promises_html())
        parts.append(f"<p><b>{html.escape(recorded)}</b></p>")
        if self.limit.events:
            parts.append("<ul>" + "".join(f"<li>{html.escape(event_text(e))}</li>"
                                          for e in self.limit.events) + "</ul>")
        else:
            parts.append(f"<p>{html.escape(none)}</p>")
        self.view.setHtml("".join(parts))

    def _promises_html(self) -> str:
        if self.db is None or self.case_number is None:
            return ""
        from backlog_desk.services.reminders import case_promises

        try:
            record, changes = case_promises(self.db, self.case_number, self.as_of)
        except ServiceError:
            return ""
        if not changes:
            return ""
        title = self.tr("Promised close dates")
        text = self.tr("%1 promised, moved %2 times (%3 days later), missed %4 times (%5 days)")
        text = (text.replace("%1", str(record.promises))
                .replace("%2", str(record.moved)).replace("%3", str(record.moved_days))
                .replace("%4", str(record.missed)).replace("%5", str(record.missed_days)))
        steps = "".join(f"<li>{html.escape(format_date_cn(c.on))}："
                        f"{html.escape(format_date_cn(c.old) if c.old else '—')} → "
                        f"{html.escape(format_date_cn(c.new) if c.new else '—')}</li>"
                        for c in changes)
        return f"<p><b>{html.escape(title)}</b></p><p>{html.escape(text)}</p><ul>{steps}</ul>"

    def record(self, event: Event) -> str | None:
        """Record through the service; the refusal's reason, or None when recorded."""
        actor = self.actor_for() if self.actor_for else None
        if self.db is None or self.case_number is None or actor is None:
            return self.tr("No case or user")
        from backlog_desk.services.time_limits import add_event

        try:
            add_event(self.db, actor, self.case_number, event, source="gui")
        except ServiceError as exc:
            return str(exc)
        self.show_case(self.db, self.case_number, self.as_of)
        return None

    def _fill_correct_menu(self) -> None:
        menu = self.correct_button.menu()
        menu.clear()
        for record in self.event_records():
            action = menu.addAction(event_text(record.event))
            action.triggered.connect(lambda _=False, r=record: self.open_correction(r))

    def event_records(self) -> list[EventRecord]:
        from backlog_desk.services.time_limits import event_records

        if self.db is None or self.case_number is None:
            return []
        return event_records(self.db, self.case_number)

    def _with_service(self, call: Callable[[Database, Actor, str], None]) -> str | None:
        """Run a correction through the service as the window's user; the refusal's reason,
        or None when done (the panel then shows the case again)."""
        actor = self.actor_for() if self.actor_for else None
        if self.db is None or self.case_number is None or actor is None:
            return self.tr("No case or user")
        try:
            call(self.db, actor, self.case_number)
        except ServiceError as exc:
            return str(exc)
        self.show_case(self.db, self.case_number, self.as_of)
        return None

    def open_correction(self, record: EventRecord) -> EventDialog | None:
        """The event dialog on a recorded event: OK saves the correction, Delete removes it."""
        from backlog_desk.services.time_limits import delete_event, update_event

        from .event_dialog import EventDialog

        if self.case_number is None:
            return None
        uid = record.uuid

        def save(event: Event) -> str | None:
            return self._with_service(lambda db, actor, _number: update_event(
                db, actor, uid, event, source="gui"))

        def remove() -> str | None:
            return self._with_service(lambda db, actor, _number: delete_event(
                db, actor, uid, source="gui"))

        dialog = EventDialog(self.case_number, save, parent=self, event=record.event,
                             remover=remove)
        dialog.open()
        return dialog

    def open_dialog(self) -> EventDialog | None:
        if self.case_number is None:
            return None
        from .event_dialog import EventDialog

        dialog = EventDialog(self.case_number, self.record, parent=self)
        dialog.open()
        return dialog
