"""Judge, leader, reason-category and campaign-target filters through the filter bar; the
pages of the window and the entry point the dashboard uses to filter the ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from backlog_desk.services.campaigns import active_campaign
from backlog_desk.services.cases import list_cases
from backlog_desk.store.database import Database
from backlog_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

StartWindow = Callable[..., MainWindow]


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.model.is_loading, timeout=30_000)


def shown_numbers(window: MainWindow) -> set[str]:
    model = window.model
    col = next(c for c in range(model.columnCount())
               if model.headerData(c, Qt.Orientation.Horizontal) == "案号")
    return {model.index(r, col).data() for r in range(model.rowCount())}


def choose(qtbot: QtBot, window: MainWindow, combo_name: str, data: object) -> None:
    combo = getattr(window.filter_bar, combo_name)
    index = combo.findData(data)
    assert index > 0, f"{data!r} not offered by {combo_name}"
    combo.setCurrentIndex(index)
    settle(qtbot, window)


def test_judge_and_leader_filters(start_window: StartWindow, db: Database,
                                  qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    every = list_cases(db)
    bar = window.filter_bar
    judges = [bar.judge_combo.itemData(i) for i in range(1, bar.judge_combo.count())]
    assert judges == sorted({c.judge for c in every if c.judge})
    judge = max(judges, key=lambda j: sum(c.judge == j for c in every))
    choose(qtbot, window, "judge_combo", judge)
    expected = {c.case_number for c in every if c.judge == judge}
    assert len(expected) > 10
    assert window.model.rowCount() == len(expected)
    assert window.count_label.text().startswith(f"显示 {len(expected):,} 件")

    bar.judge_combo.setCurrentIndex(0)
    leaders = [bar.leader_combo.itemData(i) for i in range(1, bar.leader_combo.count())]
    assert leaders == sorted({c.leader for c in every if c.leader})
    leader = leaders[0]
    choose(qtbot, window, "leader_combo", leader)
    expected = {c.case_number for c in every if c.leader == leader}
    assert window.model.rowCount() == len(expected) > 0
    if window.model.rowCount() <= 2_000:  # the whole list fits a few pages
        qtbot.waitUntil(lambda: "" not in shown_numbers(window) and None not in
                        shown_numbers(window), timeout=30_000)
        assert shown_numbers(window) == expected


def test_reason_and_target_group_filters(start_window: StartWindow, db: Database,
                                         qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    every = list_cases(db)
    bar = window.filter_bar
    assert bar.reason_combo.itemData(0) is None and bar.reason_combo.itemText(1) == "主观原因"
    key = "appraisal"
    choose(qtbot, window, "reason_combo", key)
    expected = sum(c.reason_category == key for c in every)
    assert window.model.rowCount() == expected > 0

    bar.reason_combo.setCurrentIndex(0)
    settle(qtbot, window)
    plan = active_campaign(db).plan
    combo = bar.target_combo
    assert combo.isEnabled() and combo.count() >= 2
    assert combo.itemText(1).startswith(plan.name)
    assert "年" in combo.itemText(1)  # the day in Chinese form
    older = min((t.filed_on_or_before for t in plan.targets if t.filed_on_or_before),
                default=plan.cutoff_date)
    choose(qtbot, window, "target_combo", older.isoformat())
    expected = sum(c.filing_date <= older for c in every)
    assert 0 < window.model.rowCount() == expected < len(every)
    # Together with the status filter: the open cases the target still waits for.
    bar.status_combo.setCurrentIndex(bar.status_combo.findData("open"))
    settle(qtbot, window)
    assert window.model.rowCount() == sum(
        c.filing_date <= older and c.status == "open" for c in every)
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.model.rowCount() == len(every)
    assert combo.currentIndex() == 0 and bar.status_combo.currentIndex() == 0


def test_counts_stay_visible_under_messages(start_window: StartWindow, db: Database) -> None:
    window = start_window(str(db.path))
    window.statusBar().showMessage("something passing", 10_000)
    assert window.count_label.isVisible()
    assert window.count_label.text().startswith("显示 ")


def test_dashboard_entry_point_filters_ledger(start_window: StartWindow, db: Database,
                                              qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    other = QLabel("another page")
    window.add_page(other, "Other")
    assert window.pages.count() >= 2 and window.pages.widget(0) is window.ledger_page
    window.show_page(other)
    assert window.pages.currentWidget() is other
    every = list_cases(db)
    department = every[0].department
    window.apply_ledger_filter(department=department, status="open",
                               filed_on_or_before=dt.date(2025, 12, 31))
    assert window.pages.currentWidget() is window.ledger_page
    settle(qtbot, window)
    expected = sum(c.department == department and c.status == "open"
                   and c.filing_date <= dt.date(2025, 12, 31) for c in every)
    assert window.model.rowCount() == expected > 0
    bar = window.filter_bar
    assert bar.department_combo.currentData() == department
    assert bar.status_combo.currentData() == "open"
    # Fields not given are cleared; a filter without a widget shows as a removable note.
    window.apply_ledger_filter(stale_days=30)
    settle(qtbot, window)
    assert bar.department_combo.currentIndex() == 0
    assert bar.extra_label.isVisible() and "30" in bar.extra_label.text()
    stale = window.model.rowCount()
    assert stale <= sum(c.status == "open" for c in every)
    qtbot.mouseClick(bar.extra_clear, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.model.rowCount() == len(every) and not bar.extra_label.isVisible()
    # A day no target names is still a group the bar can show.
    window.apply_ledger_filter(filed_on_or_before=dt.date(2021, 6, 30))
    settle(qtbot, window)
    assert bar.target_combo.currentData() == "2021-06-30"
    assert "2021年6月30日" in bar.target_combo.currentText()
    assert window.model.rowCount() == sum(c.filing_date <= dt.date(2021, 6, 30)
                                          for c in every)
    with pytest.raises(ValueError):
        window.apply_ledger_filter(colour="red")
    with pytest.raises(ValueError):
        window.apply_ledger_filter(department="没有这个庭")


def test_clearing_filters_reuses_the_whole_list(start_window: StartWindow, db: Database,
                                                qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    every = window.model.ids
    total = len(every)
    choose(qtbot, window, "status_combo", "open")
    assert window.model.rowCount() < total
    window.filter_bar.clear()
    # No second read of every id: the list is back at once, the same object.
    assert not window.model.is_loading and window.model.ids is every
    assert window.model.rowCount() == total
    # After a refresh (or an edit, an import) the ledger is read again.
    window.refresh_action.trigger()
    settle(qtbot, window)
    assert window.model.ids is not every and list(window.model.ids) == list(every)
    choose(qtbot, window, "status_combo", "open")
    window.filter_bar.clear()
    assert not window.model.is_loading and window.model.rowCount() == total


def test_large_ledger_shows_first_rows_then_all(start_window: StartWindow, db: Database,
                                                qtbot: QtBot,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from backlog_desk.services import ledger_view

    total = len(list_cases(db))
    # The demo ledger stands in for a million cases: "large" from 100 on.
    monkeypatch.setattr(ledger_view, "FIRST_IDS_ABOVE", 100)
    monkeypatch.setattr(ledger_view, "FIRST_IDS", 50)
    window = start_window(str(db.path), wait=False)
    rows_seen: list[int] = []
    window.model.modelReset.connect(lambda: rows_seen.append(window.model.rowCount()))
    qtbot.waitUntil(lambda: window.loaded is not None and not window.model.is_loading
                    and window.model.rowCount() == total, timeout=30_000)
    assert rows_seen[0] == 50  # the first screenfuls came first
    assert window.loaded is not None and not window.loaded.complete
    assert window.count_label.text().startswith(f"显示 {total:,} 件")
    # The whole list, not the first 50, is what clearing a filter goes back to.
    choose(qtbot, window, "status_combo", "open")
    window.filter_bar.clear()
    assert not window.model.is_loading and window.model.rowCount() == total
