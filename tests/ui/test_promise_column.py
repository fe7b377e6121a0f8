"""The promised-date columns of the ledger window (shown, sorted, tooltip) and the filter
"promise missed", against the audit-log report of services.reminders (domain.promises)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from backlog_desk.services import cases as case_service
from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.cases import list_cases
from backlog_desk.services.ledger_view import LedgerQuery
from backlog_desk.services.reminders import promise_report
from backlog_desk.store.database import Database
from backlog_desk.ui.columns import COLUMN_BY_KEY, COLUMNS
from backlog_desk.ui.ledger_model import ROW_ROLE
from backlog_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

AS_OF = dt.date(2026, 7, 15)  # the window's day (tests/ui/conftest.py)
StartWindow = Callable[..., MainWindow]
AUDIT = Actor("王晓明", Role.AUDIT)


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.model.is_loading, timeout=30_000)


def _move_some_promises(db: Database) -> list[str]:
    """Three open cases get their expected date moved later (audited, by the service)."""
    moved = []
    for c in list_cases(db, status="open"):
        if c.expected_close_date is not None and len(moved) < 3:
            later = c.expected_close_date + dt.timedelta(days=40 + 10 * len(moved))
            case_service.update_case(db, AUDIT, c.case_number,
                                     {"expected_close_date": later.isoformat()})
            moved.append(c.case_number)
    return moved


def _cell(window: MainWindow, row: int, key: str, role: int = Qt.ItemDataRole.DisplayRole
          ) -> object:
    model = window.model
    return model.data(model.index(row, COLUMN_BY_KEY[key]), role)


def test_columns_show_and_sort(start_window: StartWindow, db: Database, qtbot: QtBot) -> None:
    moved = _move_some_promises(db)
    report = promise_report(db, AS_OF)
    window = start_window(str(db.path))
    settle(qtbot, window)
    table, model = window.table, window.model
    for key, title, hidden in (("promise_missed", "Promises missed", False),
                               ("promise_missed_days", "Days past promise", False),
                               ("promise_moved", "Promises moved", False),
                               ("promise_moved_days", "Days moved", True)):
        col = COLUMN_BY_KEY[key]
        assert COLUMNS[col].title == title
        assert model.headerData(col, Qt.Orientation.Horizontal) == \
            QCoreApplication.translate("LedgerModel", title)
        assert table.isColumnHidden(col) == hidden
    worst = max(report.cases.values(), key=lambda r: r.missed_days)
    assert worst.missed_days > 0 and len(report.cases) > 50  # the demo court has misses

    table.sortByColumn(COLUMN_BY_KEY["promise_missed_days"], Qt.SortOrder.DescendingOrder)
    settle(qtbot, window)
    assert model.sort_key == ("promise_missed_days", True)
    shown = [model.data(model.index(i, 0), ROW_ROLE) for i in range(60)]
    days = [r.promise_missed_days for r in shown]
    assert days == sorted(days, reverse=True) and days[0] == worst.missed_days
    for r in shown:  # every figure is the report's
        record = report.cases[r.case_number]
        assert (r.promise_missed, r.promise_missed_days) == (record.missed,
                                                             record.missed_days)
    assert _cell(window, 0, "promise_missed_days") == str(worst.missed_days)

    table.sortByColumn(COLUMN_BY_KEY["promise_moved"], Qt.SortOrder.DescendingOrder)
    settle(qtbot, window)
    top = {model.data(model.index(i, 0), ROW_ROLE).case_number for i in range(3)}
    assert top == set(moved)
    assert _cell(window, 0, "promise_moved") == "1"
    row = model.data(model.index(0, 0), ROW_ROLE)
    tip = _cell(window, 0, "promise_moved", Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tip, str) and str(row.promise_moved_days) in tip
    # A case with nothing to report shows blanks, not zeros.
    last = model.rowCount() - 1
    assert model.data(model.index(last, 0), ROW_ROLE).promise_moved == 0
    assert _cell(window, last, "promise_moved") == ""


def test_promise_missed_filter(start_window: StartWindow, db: Database, qtbot: QtBot) -> None:
    report = promise_report(db, AS_OF)
    missed = {n for n, r in report.cases.items() if r.missed}
    window = start_window(str(db.path))
    bar = window.filter_bar
    bar.promise_check.setChecked(True)
    settle(qtbot, window)
    model = window.model
    assert model.rowCount() == len(missed) > 0
    assert window.count_label.text().startswith(f"显示 {len(missed):,} 件")
    shown = {model.data(model.index(i, 0), ROW_ROLE).case_number
             for i in range(model.rowCount())}
    assert shown == missed
    assert LedgerQuery(db, today=AS_OF).with_filters(promise_missed=True).count() == len(missed)
    # combined with another filter, and cleared with the others
    bar.status_combo.setCurrentIndex(bar.status_combo.findData("open"))
    settle(qtbot, window)
    open_missed = {c.case_number for c in list_cases(db, status="open")} & missed
    assert model.rowCount() == len(open_missed)
    bar.clear()
    settle(qtbot, window)
    assert not bar.promise_check.isChecked()
    assert model.rowCount() == len(list_cases(db))
    window.apply_ledger_filter(promise_missed=True)
    settle(qtbot, window)
    assert bar.promise_check.isChecked() and model.rowCount() == len(missed)
