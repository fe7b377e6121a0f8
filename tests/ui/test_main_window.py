"""The main window on a real demo ledger: headline numbers, table, filters, language."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from backlog_desk import app as app_module
from backlog_desk.domain.rates import format_rate
from backlog_desk.services.cases import list_cases
from backlog_desk.services.stats import campaign_stats
from backlog_desk.store.database import Database
from backlog_desk.ui.ledger_model import COLUMN_BY_KEY, COLUMNS, SORT_ROLE
from backlog_desk.ui.main_window import LAST_KEY, MainWindow

pytestmark = pytest.mark.gui

AS_OF = dt.date(2026, 7, 15)  # the day tests/ui/conftest.py builds the demo for
OPEN_TIMEOUT_MS = 30_000
StartWindow = Callable[..., MainWindow]

STATE_ZH = {"met": "达标", "on_track": "进度正常", "behind": "落后", "missed": "未达标"}
HEADERS_ZH = ["案号", "案件名称", "立案日期", "承办部门", "承办人", "包保领导", "案龄(月)",
              "账龄分段", "未结原因类别", "未结原因", "预计结案日期", "清结措施", "状态",
              "结案日期", "结案方式", "备注", "承诺逾期次数", "承诺逾期天数", "承诺变更次数",
              "承诺推迟天数"]
HEADERS_EN = ["Case number", "Case name", "Filing date", "Department", "Judge",
              "Leader", "Age (months)", "Age group", "Reason category", "Reason not closed",
              "Expected close", "Measures", "Status", "Closed on", "Closed by", "Notes",
              "Promises missed", "Days past promise", "Promises moved", "Days moved"]


def headers(window: MainWindow) -> list[str]:
    model = window.model
    return [model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(COLUMNS))]


def column_values(window: MainWindow, key: str) -> list[Any]:
    model, col = window.model, COLUMN_BY_KEY[key]
    return [model.index(r, col).data(SORT_ROLE) for r in range(model.rowCount())]


def test_window_shows_court_and_campaign_numbers(start_window: StartWindow, db: Database) -> None:
    window = start_window(str(db.path))
    stats = campaign_stats(db, as_of=AS_OF)
    assert stats.court_name
    assert window.windowTitle() == f"积案清结台账 — {stats.court_name}"
    head = window.headline
    assert head.court_label.text() == stats.court_name
    assert stats.campaign.name in head.campaign_label.text()
    assert head.as_of_label.text() == "数据截至2026年7月15日"
    values = {k: label.text() for k, label in head.tile_values.items()}
    assert values == {
        "baseline": f"{stats.total.total:,}",
        "closed": f"{stats.total.closed:,}",
        "open": f"{stats.total.open:,}",
        "rate": format_rate(stats.total.rate),
    }
    assert stats.total.closed > 0 and stats.total.open > 0  # a campaign under way
    assert [c.text() for c in head.tile_captions.values()] == ["基数", "已结", "未结", "清结率"]
    assert len(head.target_rows) == len(stats.targets) == 3
    for labels, target in zip(head.target_rows, stats.targets, strict=True):
        name, due, required, actual, state, _gap = (label.text() for label in labels)
        assert name == target.target.name
        assert required == format_rate(target.required, 0)
        assert actual.startswith(format_rate(target.actual))
        assert f"{target.tally.closed:,}/{target.tally.total:,}" in actual
        assert state == STATE_ZH[target.state]
        assert labels[4].property("state") == target.state
        assert "年" in due


def test_table_lists_every_case(start_window: StartWindow, db: Database) -> None:
    window = start_window(str(db.path))
    every = list_cases(db)
    assert window.model.rowCount() == len(every) > 3000
    assert window.count_label.text() == f"显示 {len(every):,} 件 / 共 {len(every):,} 件"
    # Default order is the ledger's own: oldest filing first, as `list_cases` gives it.
    first = window.model.row_at(0)
    assert first is not None and first.case_number == every[0].case_number
    assert headers(window) == HEADERS_ZH


@pytest.mark.parametrize("order", [Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder])
def test_sorting_by_header_reorders_rows(start_window: StartWindow, db: Database, qtbot: QtBot,
                                         order: Qt.SortOrder) -> None:
    window = start_window(str(db.path))
    col = COLUMN_BY_KEY["filing_date"]
    # Clicking twice guarantees a real re-sort whichever order the header had.
    other = (Qt.SortOrder.AscendingOrder if order == Qt.SortOrder.DescendingOrder
             else Qt.SortOrder.DescendingOrder)
    window.table.sortByColumn(col, other)
    with qtbot.waitSignal(window.model.modelReset):
        window.table.sortByColumn(col, order)
    dates = column_values(window, "filing_date")
    assert len(dates) == window.model.rowCount()
    expected = sorted(dates, reverse=order == Qt.SortOrder.DescendingOrder)
    assert dates == expected
    assert dates[0] != dates[-1]
    assert window.table.horizontalHeader().sortIndicatorSection() == col


def test_department_filter_matches_service(start_window: StartWindow, db: Database,
                                           qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    combo = window.department_combo
    names = [combo.itemData(i) for i in range(1, combo.count())]
    assert len(names) >= 3 and combo.itemText(0) == "全部部门"
    name = names[1]
    expected = list_cases(db, department=name)
    assert 0 < len(expected) < window.model.rowCount()
    with qtbot.waitSignal(window.model.modelReset):
        combo.setCurrentIndex(combo.findData(name))
    assert window.model.rowCount() == len(expected)
    assert set(column_values(window, "department")) == {name}
    # Same default order as the service, row for row.
    shown = [window.model.row_at(r) for r in range(window.model.rowCount())]
    assert [r.case_number for r in shown if r] == [c.case_number for c in expected]
    total = len(list_cases(db))
    assert window.count_label.text() == f"显示 {len(expected):,} 件 / 共 {total:,} 件"

    # Status narrows further, and "all departments" brings every case back.
    with qtbot.waitSignal(window.model.modelReset):
        window.status_combo.setCurrentIndex(window.status_combo.findData("open"))
    open_ones = [c for c in expected if c.status == "open"]
    assert window.model.rowCount() == len(open_ones)
    with qtbot.waitSignal(window.model.modelReset):
        combo.setCurrentIndex(0)
    assert window.model.rowCount() == len(list_cases(db, status="open"))


def test_search_accepts_any_width_of_case_number(start_window: StartWindow, db: Database,
                                                 qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    target = list_cases(db)[100].case_number  # e.g. （2020）吉0105民初407号
    m = re.fullmatch(r"（(\d{4})）(.+?)号", target)
    assert m is not None
    # Half-width brackets and full-width digits, as clerks type them.
    typed = "(" + m[1].translate(str.maketrans("0123456789", "０１２３４５６７８９")) + ")" + m[2]
    # setText, not qtbot.keyClicks: QTest can only type ASCII keys. The search still waits
    # for the typing pause (the debounce timer) before querying.
    with qtbot.waitSignal(window.model.modelReset, timeout=5000):
        window.search_edit.setText(typed)
    rows = [window.model.row_at(r) for r in range(window.model.rowCount())]
    numbers = [r.case_number for r in rows if r is not None]
    assert target in numbers
    assert all(f"（{m[1]}）{m[2]}" in n for n in numbers)

    title_part = list_cases(db)[7].title[:6]
    with qtbot.waitSignal(window.model.modelReset, timeout=5000):
        window.search_edit.setText(title_part)
    titles = column_values(window, "title")
    assert titles and all(title_part in str(t) for t in titles)


def test_dates_are_iso_in_the_table(start_window: StartWindow, db: Database) -> None:
    window = start_window(str(db.path))
    for key in ("filing_date", "expected_close_date"):
        shown = window.model.index(0, COLUMN_BY_KEY[key]).data()
        assert shown == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", shown)


def test_english_with_lang_option(start_window: StartWindow, db: Database) -> None:
    window = start_window(str(db.path), "--lang", "en")
    stats = campaign_stats(db, as_of=AS_OF)
    assert window.windowTitle() == f"Backlog Desk — {stats.court_name}"
    assert headers(window) == HEADERS_EN
    head = window.headline
    assert [c.text() for c in head.tile_captions.values()] == [
        "Baseline", "Closed", "Open", "Clearance rate"]
    assert head.as_of_label.text() == "As of 2026-07-15"
    english = {"met": "Met", "on_track": "On track", "behind": "Behind", "missed": "Missed"}
    assert [r[4].text() for r in head.target_rows] == [english[t.state] for t in stats.targets]
    assert window.count_label.text().startswith("Showing ")


def test_first_start_creates_demo_and_remembers_it(start_window: StartWindow, settings: QSettings,
                                                   tmp_path: Path, qtbot: QtBot) -> None:
    window = start_window(wait=False)
    assert window.first_run is not None  # no ledger yet: the wizard asks first
    qtbot.mouseClick(window.first_run.intro.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.loaded is not None and not window.stats_pending,
                    timeout=OPEN_TIMEOUT_MS)
    demo = tmp_path / "data" / "demo.db"
    assert demo.is_file()
    assert window.loaded is not None and window.loaded.target == str(demo)
    assert window.model.rowCount() > 1000
    assert window.headline.tile_values["baseline"].text() not in ("", "—")
    assert settings.value(LAST_KEY) == str(demo)
    assert app_module.remembered(settings) == str(demo)


def test_demo_option_skips_the_wizard_and_opens_the_demo_court(
        start_window: StartWindow, demo_db: Path, settings: QSettings, tmp_path: Path) -> None:
    settings.setValue(LAST_KEY, str(demo_db))  # --demo wins over the remembered ledger
    window = start_window("--demo")
    demo = tmp_path / "data" / "demo.db"
    assert window.first_run is None
    assert window.loaded is not None and window.loaded.target == str(demo)
    assert window.model.rowCount() > 1000


def test_remembered_ledger_opens_without_argument(start_window: StartWindow, settings: QSettings,
                                                  demo_db: Path, tmp_path: Path) -> None:
    settings.setValue(LAST_KEY, str(demo_db))
    window = start_window()
    assert window.loaded is not None and window.loaded.target == str(demo_db)
    assert not (tmp_path / "data" / "demo.db").exists()


def test_unopenable_file_is_reported(start_window: StartWindow, qtbot: QtBot, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database", encoding="utf-8")
    window = start_window(str(bogus), wait=False)
    with qtbot.waitSignal(window.open_failed, timeout=OPEN_TIMEOUT_MS) as blocker:
        pass
    assert str(bogus) in blocker.args[0]
    assert shown == [blocker.args[0]]
    assert window.loaded is None and window.model.rowCount() == 0
    assert window.windowTitle() == "积案清结台账"


def test_window_icon_and_menus(start_window: StartWindow, db: Database, qapp: QApplication) -> None:
    app_module.application([])
    assert not qapp.windowIcon().isNull()
    window = start_window(str(db.path))
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    assert window.findChild(QLabel, "courtName") is window.headline.court_label


def test_cancelled_demo_leaves_no_file(qtbot: QtBot, settings: QSettings, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(str(args)))
    window = MainWindow(settings, today=lambda: AS_OF)
    qtbot.addWidget(window)
    target = tmp_path / "data" / "demo.db"
    with qtbot.waitSignal(window.open_failed, timeout=OPEN_TIMEOUT_MS) as blocker:
        task = window.create_demo_and_open(target)
        task.cancel()  # as the progress dialog's Cancel button does
    assert "cancelled" in blocker.args[0]
    assert task.cancelled and task.finished
    assert not target.exists()
    assert warnings == []  # cancelling is not an error to shout about
    assert window.loaded is None


def test_latest_open_request_wins(start_window: StartWindow, demo_template: Path,
                                  demo_db: Path, tmp_path: Path, qtbot: QtBot) -> None:
    window = start_window(str(demo_db))
    other = tmp_path / "other.db"
    shutil.copy2(demo_template, other)
    window.open_database(demo_db)  # superseded before it can arrive
    window.open_database(other)
    qtbot.waitUntil(lambda: window.loaded is not None and window.loaded.target == str(other)
                    and not window.stats_pending, timeout=OPEN_TIMEOUT_MS)
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(50)  # deliver anything the pool still queued
    assert window.loaded is not None and window.loaded.target == str(other)
    assert window.path_label.text() == str(other)
