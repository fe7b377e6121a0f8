"""The filters above the ledger: department, status, age group, two warnings, search text.

Emits `changed` once per user change; typing in the search box waits for a pause, so a
million-case ledger is not re-queried on every keystroke.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from .columns import AGE_BUCKET_TEXT

SEARCH_DELAY_MS = 300


class FilterBar(QWidget):
    #: The filters changed (search text: after the user paused typing).
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        self.department_combo = QComboBox(self)
        self.department_combo.setObjectName("departmentFilter")
        self.department_combo.setMinimumContentsLength(8)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem(self.tr("All"), None)
        self.status_combo.addItem(self.tr("Open"), "open")
        self.status_combo.addItem(self.tr("Closed"), "closed")
        self.age_combo = QComboBox(self)
        self.age_combo.setObjectName("ageFilter")
        self.age_combo.addItem(self.tr("All ages"), None)
        for key, text in AGE_BUCKET_TEXT.items():
            self.age_combo.addItem(QCoreApplication.translate("LedgerModel", text), key)
        self.overdue_check = QCheckBox(self.tr("Expected date passed"), self)
        self.overdue_check.setObjectName("overdueFilter")
        self.overdue_check.setToolTip(self.tr(
            "Open cases whose expected close date is before today"))
        self.no_reason_check = QCheckBox(self.tr("No reason given"), self)
        self.no_reason_check.setObjectName("noReasonFilter")
        self.no_reason_check.setToolTip(self.tr(
            "Open cases with neither a reason category nor a reason"))
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(self.tr("Case number or case name"))
        self.search_edit.setClearButtonEnabled(True)
        for text, widget in ((self.tr("Department:"), self.department_combo),
                             (self.tr("Status:"), self.status_combo),
                             (self.tr("Age:"), self.age_combo)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
            bar.addSpacing(6)
        bar.addWidget(self.overdue_check)
        bar.addWidget(self.no_reason_check)
        bar.addSpacing(6)
        search_label = QLabel(self.tr("Search:"), self)
        search_label.setBuddy(self.search_edit)
        bar.addWidget(search_label)
        bar.addWidget(self.search_edit, 1)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.changed)
        self.search_edit.textChanged.connect(self.search_timer.start)
        self.search_edit.returnPressed.connect(self.changed)
        for combo in (self.department_combo, self.status_combo, self.age_combo):
            combo.currentIndexChanged.connect(self.changed)
        for check in (self.overdue_check, self.no_reason_check):
            check.toggled.connect(self.changed)
        self.reset([])

    def _widgets(self) -> tuple[QWidget, ...]:
        return (self.department_combo, self.status_combo, self.age_combo, self.overdue_check,
                self.no_reason_check, self.search_edit)

    def reset(self, departments: list[str]) -> None:
        """All filters off, with the department list of a newly opened ledger."""
        for widget in self._widgets():
            widget.blockSignals(True)
        self.department_combo.clear()
        self.department_combo.addItem(self.tr("All departments"), None)
        for name in departments:
            self.department_combo.addItem(name, name)
        self.status_combo.setCurrentIndex(0)
        self.age_combo.setCurrentIndex(0)
        self.overdue_check.setChecked(False)
        self.no_reason_check.setChecked(False)
        self.search_edit.clear()
        for widget in self._widgets():
            widget.blockSignals(False)

    def values(self) -> dict[str, Any]:
        """Keyword arguments for `LedgerQuery.with_filters`."""
        self.search_timer.stop()
        return {"department": self.department_combo.currentData(),
                "status": self.status_combo.currentData(),
                "age_bucket": self.age_combo.currentData(),
                "overdue": self.overdue_check.isChecked(),
                "no_reason": self.no_reason_check.isChecked(),
                "text": self.search_edit.text()}
