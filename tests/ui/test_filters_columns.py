"""The new ledger filters (age group, expected date passed, no reason) and the column layout
the window remembers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from backlog_desk.domain.ages import DEFAULT_AGE_BUCKETS
from backlog_desk.services.cases import list_cases
from backlog_desk.services.ledger_view import AGE_BUCKET_KEYS, LedgerQuery
from backlog_desk.store.database import Database
from backlog_desk.ui.columns import COLUMN_BY_KEY, COLUMNS
from backlog_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

AS_OF = dt.date(2026, 7, 15)  # the day tests/ui/conftest.py builds the demo for
StartWindow = Callable[..., MainWindow]


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.model.is_loading, timeout=30_000)


def shown(window: MainWindow) -> int:
    count = window.model.rowCount()
    assert window.count_label.text().startswith(f"显示 {count:,} 件")
    return count


def test_age_group_filter_counts(start_window: StartWindow, db: Database, qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    reference = window.model.reference_date
    every = list_cases(db)
    combo = window.filter_bar.age_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "全部案龄", "6个月以下", "6个月至1年", "1至2年", "2至3年", "3年以上"]
    total = 0
    for key in AGE_BUCKET_KEYS:
        combo.setCurrentIndex(combo.findData(key))
        settle(qtbot, window)
        expected = sum(DEFAULT_AGE_BUCKETS.bucket_for(c.filing_date, reference).key == key
                       for c in every)
        direct = LedgerQuery(db, reference_date=reference, today=AS_OF).with_filters(
            age_bucket=key).count()
        assert shown(window) == expected == direct
        total += expected
    assert total == len(every)
    # Filters combine: an age group within one department.
    department = window.department_combo.itemData(1)
    window.department_combo.setCurrentIndex(1)
    settle(qtbot, window)
    assert shown(window) == LedgerQuery(db, reference_date=reference, today=AS_OF).with_filters(
        department=department, age_bucket=AGE_BUCKET_KEYS[-1]).count()


def test_overdue_and_no_reason_filters(start_window: StartWindow, db: Database,
                                       qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    open_cases = list_cases(db, status="open")
    overdue = sum(c.expected_close_date is not None and c.expected_close_date < AS_OF
                  for c in open_cases)
    no_reason = sum(not c.reason and not c.reason_category for c in open_cases)
    assert overdue > 0 and no_reason > 0  # the demo court has both kinds
    window.filter_bar.overdue_check.setChecked(True)
    settle(qtbot, window)
    direct = LedgerQuery(db, today=AS_OF).with_filters(overdue=True).count()
    assert shown(window) == overdue == direct
    window.filter_bar.overdue_check.setChecked(False)
    window.filter_bar.no_reason_check.setChecked(True)
    settle(qtbot, window)
    direct = LedgerQuery(db, today=AS_OF).with_filters(no_reason=True).count()
    assert shown(window) == no_reason == direct
    window.filter_bar.no_reason_check.setChecked(False)
    settle(qtbot, window)
    assert shown(window) == len(list_cases(db))


def test_column_layout_is_remembered(start_window: StartWindow, db: Database,
                                     settings: QSettings, qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    table, header = window.table, window.table.horizontalHeader()
    assert all(table.isColumnHidden(i) == c.hidden for i, c in enumerate(COLUMNS))
    judge, notes, title = COLUMN_BY_KEY["judge"], COLUMN_BY_KEY["notes"], COLUMN_BY_KEY["title"]
    menu = table.column_menu()
    menu.actions()[judge].setChecked(False)  # as a click in the header's context menu does
    menu.actions()[notes].setChecked(True)
    header.moveSection(header.visualIndex(notes), 0)
    header.resizeSection(title, 333)
    table.sortByColumn(COLUMN_BY_KEY["judge"], Qt.SortOrder.DescendingOrder)
    assert table.isColumnHidden(judge) and not table.isColumnHidden(notes)
    window.close()

    again = MainWindow(settings, today=lambda: AS_OF)
    qtbot.addWidget(again)
    restored = again.table
    assert restored.isColumnHidden(judge) and not restored.isColumnHidden(notes)
    assert restored.horizontalHeader().visualIndex(notes) == 0
    assert restored.columnWidth(title) == 333
    assert not restored.auto_fit  # the user's widths are kept as they are
    # The restored sort indicator and the model's order agree.
    assert again.model.sort_key == ("judge", True)
    assert restored.horizontalHeader().sortIndicatorSection() == judge
    restored.reset_columns()
    assert all(restored.isColumnHidden(i) == c.hidden for i, c in enumerate(COLUMNS))
    assert restored.horizontalHeader().visualIndex(notes) == notes
