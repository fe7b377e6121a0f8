"""The case detail panel: every field of the selected case, the fields a department owns
editable in place, and the case's history from the audit log, newest first.

Reading one case and its history is two indexed lookups (case number, audit_log
(entity, entity_key)), fast enough on the GUI thread even on a million-case ledger.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.domain.ages import DEFAULT_AGE_BUCKETS, age_months
from backlog_desk.domain.ledger import REASON_BY_KEY
from backlog_desk.services.actor import Actor
from backlog_desk.services.cases import CaseView, get_case
from backlog_desk.services.errors import ServiceError
from backlog_desk.services.history import HistoryEntry, case_history
from backlog_desk.store.database import Database

from . import i18n
from .columns import AGE_BUCKET_TEXT, FIELD_TITLES, STATUS_TEXT
from .editing import installation_actor
from .ledger_table import choice_items
from .time_limit_panel import TimeLimitPanel

_CONTEXT = "CaseDetail"

#: Fields edited here (those a department owns); the actor's rights decide per case.
EDITABLE = ("reason_category", "reason", "expected_close_date", "measures", "status",
            "closed_date", "close_manner", "notes")
_DATES = ("expected_close_date", "closed_date")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _value_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _value_label(field: str | None, value: str) -> str:
    """A stored value as the user knows it: category labels, not keys; 未结, not open."""
    if field == "reason_category" and value in REASON_BY_KEY:
        return REASON_BY_KEY[value].label
    if field == "status" and value in STATUS_TEXT:
        return QCoreApplication.translate("LedgerModel", STATUS_TEXT[value])
    return value


Editor = Callable[[int, str, Mapping[str, str]], str | None]
MayEdit = Callable[[str, str | None], bool]


class CaseDetailPanel(QWidget):
    """Shows one case (`show_case`); edits go to `editor(case_id, number, {field: text})`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetail")
        self.db: Database | None = None
        self.case: CaseView | None = None
        self.case_id: int | None = None
        self.history: list[HistoryEntry] = []
        self.editor: Editor | None = None
        self.may_edit: MayEdit | None = None
        self._reference = dt.date.today()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.heading = QLabel(self.tr("Select a case in the ledger"), self)
        self.heading.setObjectName("detailHeading")
        self.heading.setWordWrap(True)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        layout.addWidget(self.heading)

        form_box = QWidget(self)
        self.form = QFormLayout(form_box)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(4)
        self.fields: dict[str, QWidget] = {}
        for key, title in FIELD_TITLES.items():
            widget = self._make_field(key, form_box)
            widget.setObjectName(f"field_{key}")
            self.fields[key] = widget
            self.form.addRow(_tr(title), widget)
        self.error_label = QLabel(form_box)
        self.error_label.setObjectName("detailError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        self.form.addRow(self.error_label)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_box)

        history_box = QWidget(self)
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 4, 0, 0)
        caption = QLabel(self.tr("History"), history_box)
        caption.setFont(font)
        history_layout.addWidget(caption)
        # Rich text rather than a table: in a narrow dock each entry wraps onto as many
        # lines as its values need, where table cells would cut them off.
        self.history_view = QTextBrowser(history_box)
        self.history_view.setObjectName("history")
        self.history_view.setOpenLinks(False)
        history_layout.addWidget(self.history_view)

        # 审限: status, steps, flags and events, with event entry (ui/time_limit_panel.py).
        self.time_limits = TimeLimitPanel(self)
        self.time_limits.actor_for = self._actor

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(scroll)
        splitter.addWidget(self.time_limits)
        splitter.addWidget(history_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([520, 240, 220])
        layout.addWidget(splitter, 1)
        self.clear()

    # --- construction -------------------------------------------------------------------

    def _make_field(self, key: str, parent: QWidget) -> QWidget:
        items = choice_items(key) if key in EDITABLE else None
        if items is not None:
            combo = QComboBox(parent)
            for text, value in items:
                combo.addItem(text, value)
            combo.activated.connect(lambda _i, k=key, c=combo: self._commit(k, c.currentData()))
            return combo
        if key in EDITABLE:
            edit = QLineEdit(parent)
            if key in _DATES:
                edit.setPlaceholderText(self.tr("e.g. 2026-09-30"))
            edit.editingFinished.connect(lambda k=key, e=edit: self._commit(k, e.text()))
            return edit
        label = QLabel(parent)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def sizeHint(self) -> QSize:
        # Wide enough for a case name and a history line side by side with the table.
        return QSize(self.fontMetrics().horizontalAdvance("汉") * 38, 700)

    # --- showing a case -----------------------------------------------------------------

    def clear(self) -> None:
        self.case, self.case_id, self.history = None, None, []
        self.heading.setText(self.tr("Select a case in the ledger"))
        for key, widget in self.fields.items():
            self._set_widget(key, widget, "")
            widget.setEnabled(False)
        self.history_view.clear()
        self.time_limits.clear()
        self._show_error("")

    def _actor(self) -> Actor | None:
        # The signed-in user when the window set one (editor's controller), else the
        # installation's own actor, as for edits.
        owner = getattr(self.editor, "__self__", None)
        actor = getattr(owner, "actor", None)
        if actor is None and self.db is not None:
            actor = installation_actor(self.db)
        return actor if isinstance(actor, Actor) else None

    def show_case(self, db: Database, case_number: str, case_id: int,
                  reference_date: dt.date | None = None) -> None:
        """Read the case and its history and show them; a case deleted meanwhile clears."""
        self.db, self.case_id = db, case_id
        if reference_date is not None:
            self._reference = reference_date
        try:
            self.case = get_case(db, case_number)
            self.history = case_history(db, self.case.uuid)
        except ServiceError as exc:
            self.clear()
            self._show_error(str(exc))
            return
        self._fill()
        self.time_limits.show_case(db, self.case.case_number)

    def reload(self) -> None:
        if self.db is not None and self.case is not None and self.case_id is not None:
            self.show_case(self.db, self.case.case_number, self.case_id)

    def _fill(self) -> None:
        case = self.case
        assert case is not None
        self.heading.setText(f"{case.case_number}  {case.title}")
        months = age_months(case.filing_date, self._reference)
        bucket = DEFAULT_AGE_BUCKETS.bucket_for_months(months).key
        for key, widget in self.fields.items():
            if key == "age":
                text = i18n.arg(self.tr("%1 months (%2)"), months,
                                QCoreApplication.translate("LedgerModel", AGE_BUCKET_TEXT[bucket]))
            elif key == "closure_candidate":
                text = self.tr("Yes: the latest export no longer lists it") \
                    if case.closure_candidate else self.tr("No")
            else:
                text = _value_text(getattr(case, key))
            self._set_widget(key, widget, text)
            editable = key in EDITABLE and self.may_edit is not None and self.editor is not None \
                and self.may_edit(key, case.department or None)
            widget.setEnabled(editable or isinstance(widget, QLabel))
        self._show_error("")
        self._fill_history()

    def _set_widget(self, key: str, widget: QWidget, text: str) -> None:
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(text)))
        elif isinstance(widget, QLineEdit):
            widget.setText(text)
            widget.setCursorPosition(0)
            widget.setStyleSheet("")
        elif isinstance(widget, QLabel):
            widget.setText(text)

    def history_lines(self) -> list[tuple[str, str, str, str]]:
        """(when, who, change, source) of each entry shown, newest first."""
        return [(e.at.strftime("%Y-%m-%d %H:%M"), e.actor, self.change_text(e),
                 e.file_name or e.source) for e in self.history]

    def _fill_history(self) -> None:
        parts = []
        for when, who, change, source in self.history_lines():
            meta = " · ".join(html.escape(p) for p in (who, source) if p)
            parts.append(f"<p style='margin:0 0 6px 0'><span style='color:#5f6368'>{when}"
                         f"&nbsp;&nbsp;{meta}</span><br>{html.escape(change)}</p>")
        self.history_view.setHtml("".join(parts))

    def change_text(self, entry: HistoryEntry) -> str:
        """One history line in words: "未结原因：（空） → 等待鉴定" or how the case came in."""
        if entry.is_creation:
            if entry.file_name:
                return i18n.arg(self.tr("Created by importing %1"), entry.file_name)
            return self.tr("Created (demo data)") if entry.source == "demo" \
                else self.tr("Created")
        title = FIELD_TITLES.get(entry.field or "")
        name = _tr(title) if title else (entry.field or entry.action)
        empty = self.tr("(empty)")
        return i18n.arg(self.tr("%1: %2 → %3"), name,
                        _value_label(entry.field, entry.old_value) or empty,
                        _value_label(entry.field, entry.new_value) or empty)

    # --- editing ------------------------------------------------------------------------

    def _commit(self, key: str, value: object) -> None:
        case = self.case
        if case is None or self.editor is None or self.case_id is None:
            return
        text = "" if value is None else str(value).strip()
        if text == _value_text(getattr(case, key)):
            return
        refused = self.editor(self.case_id, case.case_number, {key: text})
        if refused is None:
            # Written, or the same value typed another way (2026.9.30): show it as stored.
            self.reload()
            return
        # Nothing was written: the typed value stays, marked, so it can be corrected.
        self._show_error(refused)
        widget = self.fields[key]
        widget.setToolTip(refused)
        if isinstance(widget, QLineEdit):
            widget.setStyleSheet("border: 1px solid #b3261e;")
        elif isinstance(widget, QComboBox):
            self._set_widget(key, widget, _value_text(getattr(case, key)))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
