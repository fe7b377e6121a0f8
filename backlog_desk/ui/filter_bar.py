"""The filters above the ledger, in two rows: who (department, judge, leader), what (status,
age group, reason category, campaign target group), three warnings, and the search text.

Emits `changed` once per user change; typing in the search box waits for a pause, so a
million-case ledger is not re-queried on every keystroke. Filters that have no widget of
their own (the dashboard's "no progress for 30 days") are shown as a small removable note.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.domain.ledger import REASON_CATEGORIES
from backlog_desk.services.ledger_view import TargetGroup

from . import i18n
from .columns import AGE_BUCKET_TEXT, QT_TRANSLATE_NOOP

SEARCH_DELAY_MS = 300

#: Filters the bar keeps without a widget, with the text of the note that shows them.
_EXTRA_TEXT = {"stale_days": QT_TRANSLATE_NOOP("FilterBar", "No progress for %1 days")}


class FilterBar(QWidget):
    #: The filters changed (search text: after the user paused typing).
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._extra: dict[str, Any] = {}
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        first, second = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(first)
        rows.addLayout(second)

        def combo(name: str, width: int) -> QComboBox:
            box = QComboBox(self)
            box.setObjectName(name)
            box.setMinimumContentsLength(width)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMaxVisibleItems(20)
            return box

        self.department_combo = combo("departmentFilter", 8)
        self.judge_combo = combo("judgeFilter", 6)
        self.leader_combo = combo("leaderFilter", 6)
        self.status_combo = combo("statusFilter", 4)
        self.status_combo.addItem(self.tr("All"), None)
        self.status_combo.addItem(self.tr("Open"), "open")
        self.status_combo.addItem(self.tr("Closed"), "closed")
        self.age_combo = combo("ageFilter", 6)
        self.age_combo.addItem(self.tr("All ages"), None)
        for key, text in AGE_BUCKET_TEXT.items():
            self.age_combo.addItem(QCoreApplication.translate("LedgerModel", text), key)
        self.reason_combo = combo("reasonFilter", 6)
        self.reason_combo.addItem(self.tr("All reasons"), None)
        for category in REASON_CATEGORIES:
            # The categories' names are the seeds' Chinese terms, as in the table.
            self.reason_combo.addItem(category.label, category.key)
        self.target_combo = combo("targetFilter", 14)
        self.target_combo.setToolTip(self.tr(
            "The cases a campaign target counts: those filed on or before its day"))
        self.overdue_check = QCheckBox(self.tr("Expected date passed"), self)
        self.overdue_check.setObjectName("overdueFilter")
        self.overdue_check.setToolTip(self.tr(
            "Open cases whose expected close date is before today"))
        self.promise_check = QCheckBox(self.tr("Promise missed"), self)
        self.promise_check.setObjectName("promiseFilter")
        self.promise_check.setToolTip(self.tr(
            "Cases that missed a promised close date at least once: it passed while the "
            "case was open"))
        self.no_reason_check = QCheckBox(self.tr("No reason given"), self)
        self.no_reason_check.setObjectName("noReasonFilter")
        self.no_reason_check.setToolTip(self.tr(
            "Open cases with neither a reason category nor a reason"))
        self.extra_label = QLabel(self)
        self.extra_label.setObjectName("extraFilter")
        self.extra_clear = QToolButton(self)
        self.extra_clear.setObjectName("extraFilterClear")
        self.extra_clear.setText("×")
        self.extra_clear.setToolTip(self.tr("Remove this filter"))
        self.extra_clear.clicked.connect(self._clear_extra)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(self.tr("Case number or case name"))
        self.search_edit.setClearButtonEnabled(True)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)

        def labelled(layout: QHBoxLayout, text: str, widget: QWidget) -> None:
            label = QLabel(text, self)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)
            layout.addSpacing(6)

        labelled(first, self.tr("Department:"), self.department_combo)
        labelled(first, self.tr("Judge:"), self.judge_combo)
        labelled(first, self.tr("Leader:"), self.leader_combo)
        labelled(first, self.tr("Status:"), self.status_combo)
        labelled(first, self.tr("Age:"), self.age_combo)
        first.addStretch(1)
        labelled(second, self.tr("Reason:"), self.reason_combo)
        labelled(second, self.tr("Target group:"), self.target_combo)
        second.addWidget(self.overdue_check)
        second.addWidget(self.no_reason_check)
        second.addWidget(self.promise_check)
        second.addWidget(self.extra_label)
        second.addWidget(self.extra_clear)
        second.addSpacing(6)
        labelled(second, self.tr("Search:"), self.search_edit)
        second.setStretchFactor(self.search_edit, 1)
        second.addWidget(self.clear_button)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.changed)
        self.search_edit.textChanged.connect(self.search_timer.start)
        self.search_edit.returnPressed.connect(self.changed)
        for box in self._combos().values():
            box.currentIndexChanged.connect(self.changed)
        for check in (self.overdue_check, self.no_reason_check, self.promise_check):
            check.toggled.connect(self.changed)
        self.reset([])

    def _combos(self) -> dict[str, QComboBox]:
        return {"department": self.department_combo, "judge": self.judge_combo,
                "leader": self.leader_combo, "status": self.status_combo,
                "age_bucket": self.age_combo, "reason_category": self.reason_combo,
                "filed_on_or_before": self.target_combo}

    def _widgets(self) -> tuple[QWidget, ...]:
        return (*self._combos().values(), self.overdue_check, self.no_reason_check,
                self.promise_check, self.search_edit)

    def _block(self, blocked: bool) -> None:
        for widget in self._widgets():
            widget.blockSignals(blocked)

    def reset(self, departments: list[str], judges: list[str] | None = None,
              leaders: list[str] | None = None,
              targets: list[TargetGroup] | None = None) -> None:
        """All filters off, with the lists of a newly opened ledger."""
        self._block(True)
        try:
            lists: dict[QComboBox, tuple[str, list[tuple[str, Any]]]] = {
                self.department_combo: (self.tr("All departments"),
                                        [(n, n) for n in departments]),
                self.judge_combo: (self.tr("All judges"), [(n, n) for n in judges or []]),
                self.leader_combo: (self.tr("All leaders"), [(n, n) for n in leaders or []]),
                self.target_combo: (self.tr("All cases"), [
                    (i18n.arg(self.tr("%1 (filed on or before %2)"), t.name,
                              i18n.format_date(t.filed_on_or_before)),
                     # ISO text: Qt would turn a date into a QDate.
                     t.filed_on_or_before.isoformat())
                    for t in targets or []]),
            }
            for box, (everything, items) in lists.items():
                box.clear()
                box.addItem(everything, None)
                for text, data in items:
                    box.addItem(text, data)
            self._set_off()
        finally:
            self._block(False)
        self.target_combo.setEnabled(self.target_combo.count() > 1)

    def _set_off(self) -> None:
        for box in self._combos().values():
            box.setCurrentIndex(0)
        self.overdue_check.setChecked(False)
        self.no_reason_check.setChecked(False)
        self.promise_check.setChecked(False)
        self.search_edit.clear()
        self._extra.clear()
        self._show_extra()

    def clear(self) -> None:
        """Every filter off (the lists stay); one `changed`."""
        self._block(True)
        try:
            self._set_off()
        finally:
            self._block(False)
        self.changed.emit()

    def _show_extra(self) -> None:
        texts = [i18n.arg(QCoreApplication.translate("FilterBar", _EXTRA_TEXT[k]), v)
                 for k, v in self._extra.items()]
        self.extra_label.setText("; ".join(texts))
        self.extra_label.setVisible(bool(texts))
        self.extra_clear.setVisible(bool(texts))

    def _clear_extra(self) -> None:
        self._extra.clear()
        self._show_extra()
        self.changed.emit()

    def set_values(self, **fields: Any) -> None:
        """Set the widgets from a filter spec (keywords of `values()`; the ones not given
        are cleared) without emitting `changed`. An unknown field or value is a ValueError:
        a filter the bar cannot show would silently differ from what the table shows."""
        unknown = set(fields) - set(self.values())
        if unknown:
            raise ValueError(f"unknown filter field(s): {', '.join(sorted(unknown))}")
        positions = {}
        for name, box in self._combos().items():
            value = fields.get(name) or None
            if isinstance(value, dt.date):
                value = value.isoformat()
            index = box.findData(value)
            if index < 0 and name == "filed_on_or_before" and value:
                # Any day is a valid group (the dashboard may ask for one no target names);
                # it joins the list so the bar shows what the table shows.
                box.blockSignals(True)
                box.addItem(i18n.arg(self.tr("Filed on or before %1"), i18n.format_date(
                    dt.date.fromisoformat(value))), value)
                box.blockSignals(False)
                index = box.count() - 1
            if index < 0:
                raise ValueError(f"no {name} {value!r} in the filter list")
            positions[name] = index
        self._block(True)
        try:
            for name, box in self._combos().items():
                box.setCurrentIndex(positions[name])
            self.overdue_check.setChecked(bool(fields.get("overdue")))
            self.no_reason_check.setChecked(bool(fields.get("no_reason")))
            self.promise_check.setChecked(bool(fields.get("promise_missed")))
            self.search_edit.setText(str(fields.get("text") or ""))
            self._extra = {k: fields[k] for k in _EXTRA_TEXT if fields.get(k)}
            self._show_extra()
        finally:
            self._block(False)

    def values(self) -> dict[str, Any]:
        """Keyword arguments for `LedgerQuery.with_filters`."""
        self.search_timer.stop()
        out: dict[str, Any] = {name: box.currentData() for name, box in self._combos().items()}
        day = out["filed_on_or_before"]
        out["filed_on_or_before"] = dt.date.fromisoformat(day) if day else None
        out.update(overdue=self.overdue_check.isChecked(),
                   no_reason=self.no_reason_check.isChecked(),
                   promise_missed=self.promise_check.isChecked(),
                   text=self.search_edit.text())
        for key in _EXTRA_TEXT:
            out[key] = self._extra.get(key)
        return out
