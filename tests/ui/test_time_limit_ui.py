"""The 审限 panel in the case detail and the event dialog, with real widgets on a demo ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.time_limits import case_events
from backlog_desk.store.database import Database
from backlog_desk.store.models import Case
from backlog_desk.ui.detail_panel import CaseDetailPanel
from backlog_desk.ui.event_dialog import EventDialog
from backlog_desk.ui.main_window import MainWindow
from backlog_desk.ui.time_limit_panel import TimeLimitPanel

AUDIT = Actor("王晓明", Role.AUDIT)


def _open_civil_case(db: Database) -> tuple[str, int, dt.date]:
    with db.read() as s:
        row = s.execute(select(Case.case_number, Case.id, Case.filing_date)
                        .where(Case.status == "open", Case.type_code == "民初",
                               Case.filing_date >= dt.date(2026, 1, 1))
                        .order_by(Case.filing_date)).first()
    assert row is not None
    return row[0], row[1], row[2]


def test_detail_panel_shows_status_steps_and_events(qtbot: QtBot, db: Database) -> None:
    number, case_id, _filed = _open_civil_case(db)
    panel = CaseDetailPanel()
    qtbot.addWidget(panel)
    panel.show_case(db, number, case_id)
    tl = panel.time_limits
    assert tl.case_number == number
    assert tl.limit is not None and tl.limit.status.steps
    text = tl.view.toPlainText()
    assert "法定审限" in text and "自" in text
    assert tl.summary.text() != ""
    panel.clear()
    assert tl.case_number is None


def test_dialog_records_an_event_and_refuses_an_impossible_one(qtbot: QtBot,
                                                              db: Database) -> None:
    number, _case_id, filed = _open_civil_case(db)
    panel = TimeLimitPanel()
    qtbot.addWidget(panel)
    panel.actor_for = lambda: AUDIT
    panel.show_case(db, number)
    assert panel.add_button.isEnabled()
    dialog = panel.open_dialog()
    assert isinstance(dialog, EventDialog)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("deduction"))
    start = filed + dt.timedelta(days=10)
    dialog.start.setDate(QDate(start.year, start.month, start.day))
    dialog.has_end.setChecked(True)
    end = start - dt.timedelta(days=3)    # ends before it starts
    dialog.end.setDate(QDate(end.year, end.month, end.day))
    dialog.reason.setText("鉴定")
    dialog.submit()
    assert "早于开始日期" in dialog.error.text()
    assert dialog.isVisible() and case_events(db, number) == []
    end = start + dt.timedelta(days=20)
    dialog.end.setDate(QDate(end.year, end.month, end.day))
    dialog.submit()
    assert not dialog.isVisible()
    events = case_events(db, number)
    assert len(events) == 1 and events[0].kind.value == "deduction"
    # the panel shows the new event and the deduction in the steps
    text = panel.view.toPlainText()
    assert "扣除审限（鉴定）" in text and "不计入审限" in text


def test_a_recorded_event_is_corrected_then_deleted_from_the_panel(qtbot: QtBot,
                                                                   db: Database) -> None:
    number, _case_id, filed = _open_civil_case(db)
    panel = TimeLimitPanel()
    qtbot.addWidget(panel)
    panel.actor_for = lambda: AUDIT
    panel.show_case(db, number)
    assert not panel.correct_button.isEnabled()  # nothing recorded yet
    dialog = panel.open_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("deduction"))
    start = filed + dt.timedelta(days=10)
    dialog.start.setDate(QDate(start.year, start.month, start.day))
    dialog.has_end.setChecked(True)
    end = start + dt.timedelta(days=20)
    dialog.end.setDate(QDate(end.year, end.month, end.day))
    dialog.reason.setText("鉴定")
    dialog.submit()
    assert panel.correct_button.isEnabled()
    # The menu lists the recorded events; the dialog opens on the one chosen, filled in.
    panel._fill_correct_menu()
    entries = [a.text() for a in panel.correct_button.menu().actions()]
    assert len(entries) == 1 and "扣除审限（鉴定）" in entries[0]
    (record,) = panel.event_records()
    fix = panel.open_correction(record)
    assert fix is not None and fix.delete_button is not None
    qtbot.addWidget(fix)
    assert fix.reason.text() == "鉴定" and fix.has_end.isChecked()
    assert fix.end.date() == QDate(end.year, end.month, end.day)
    fix.reason.setText("司法鉴定")
    fix.submit()
    assert not fix.isVisible()
    (again,) = panel.event_records()
    assert again.uuid == record.uuid and again.event.reason == "司法鉴定"
    assert "扣除审限（司法鉴定）" in panel.view.toPlainText()
    # Delete removes it (remembered, so the deletion travels in packages).
    gone = panel.open_correction(again)
    assert gone is not None
    qtbot.addWidget(gone)
    gone.remove()
    assert case_events(db, number) == [] and not panel.correct_button.isEnabled()


def test_dialog_fields_follow_the_kind(qtbot: QtBot) -> None:
    dialog = EventDialog("（2026）吉0105民初1号", lambda e: None)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("extension"))
    assert dialog.length.isEnabled() and not dialog.has_end.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("procedure_change"))
    assert dialog.procedure.isEnabled() and not dialog.length.isEnabled()
    made = dialog.built_event()
    assert not isinstance(made, str) and made.kind.value == "procedure_change"


def test_reminders_page_lists_what_falls_due(qtbot: QtBot, db: Database) -> None:
    from backlog_desk.ui.reminders_page import RemindersPage

    page = RemindersPage()
    qtbot.addWidget(page)
    page.set_database(db, dt.date(2026, 7, 15))
    with qtbot.waitSignal(page.ready, timeout=60_000):
        page.refresh()
    assert page.items and page.table.rowCount() >= len(page.items)
    texts = {page.table.item(i, 4).text() for i in range(page.table.rowCount())}
    assert any("年底前未结即成为次年积案" in t or "审限将于" in t or "预计结案日期" in t
               for t in texts)
    with qtbot.waitSignal(page.case_chosen) as chosen:
        page.table.cellDoubleClicked.emit(0, 0)
    assert chosen.args == [page.items[0].case_number] or chosen.args[0].startswith("（")


def test_leaders_page_ranks_judges_and_filters_enforcement(qtbot: QtBot, db: Database) -> None:
    from backlog_desk.ui.leaders_page import LeadersPage

    page = LeadersPage()
    qtbot.addWidget(page)
    page.set_database(db, dt.date(2026, 7, 15))
    with qtbot.waitSignal(page.ready, timeout=60_000):
        page.by.setCurrentIndex(page.by.findData("judge"))
    assert page.groups.rowCount() > 5
    assert page.groups.item(0, 0).text() == "1"
    with qtbot.waitSignal(page.ready, timeout=60_000):
        page.category.setCurrentIndex(page.category.findData("over_one_year"))
    rows = page.cases.rowCount()
    assert rows > 0
    assert all("超期限一年以上" in page.cases.item(i, 4).text() for i in range(rows))


def test_pages_follow_the_opened_ledger(qtbot: QtBot, start_window: Callable[..., MainWindow],
                                        demo_db: Path) -> None:
    window = start_window(str(demo_db))
    slot = window.supervision.reminders_slot
    # A ledger of this size is reminded of at start (日提醒): the count shows on the tab.
    assert slot.built
    reminders = window.supervision.reminders
    assert reminders.objectName() == "remindersPage"
    qtbot.waitUntil(lambda: bool(reminders.items), timeout=60_000)
    tab = window.pages.tabText(window.pages.indexOf(slot))
    assert tab == f"提醒督办（{len(reminders.items)}）"
    window.show_page(reminders)
    assert window.pages.currentWidget() is slot
    assert reminders.items and reminders.as_of == dt.date(2026, 7, 15)
    number = reminders.items[0].case_number
    reminders.case_chosen.emit(number)
    assert window.pages.currentWidget() is window.ledger_page
    # View → 审限规则… opens the rule table of the open ledger
    from PySide6.QtGui import QAction

    from backlog_desk.ui.rules_dialog import RulesDialog

    action = window.findChild(QAction, "rulesAction")
    assert action is not None
    action.trigger()
    dialog = window.findChild(RulesDialog)
    assert dialog is not None and dialog.table.rowCount() > 20
    dialog.close()


def test_rules_dialog_records_a_versioned_change(qtbot: QtBot, db: Database) -> None:
    from backlog_desk.services.time_limit_rules import load_rules, rule_history
    from backlog_desk.ui.rules_dialog import RulesDialog

    dialog = RulesDialog(db, AUDIT)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(load_rules(db).rules)
    dialog.key.setCurrentIndex(dialog.key.findData("approaching_days"))
    assert dialog.value.text() == "15"
    dialog.value.setText("20")
    dialog.apply()                      # no reason: refused, nothing recorded
    assert "reason" in dialog.message.text() and rule_history(db) == []
    dialog.reason.setText("提前预警")
    dialog.effective.setDate(QDate(2026, 1, 1))
    dialog.apply()
    assert [(h.key, h.value, h.actor) for h in rule_history(db)] == [
        ("approaching_days", "20", "王晓明")]
    assert load_rules(db, dt.date(2026, 2, 1)).thresholds.approaching_days == 20
    clerk = RulesDialog(db, Actor("李娜", Role.DEPARTMENT, "民一庭"))
    qtbot.addWidget(clerk)
    assert not clerk.apply_button.isEnabled()


def test_panel_shows_promised_dates_from_the_audit_log(qtbot: QtBot, db: Database) -> None:
    from backlog_desk.services.cases import update_case

    number, _case_id, _filed = _open_civil_case(db)
    update_case(db, AUDIT, number, {"expected_close_date": "2099-03-31"})
    update_case(db, AUDIT, number, {"expected_close_date": "2099-06-30"})
    panel = TimeLimitPanel()
    qtbot.addWidget(panel)
    panel.show_case(db, number, dt.date(2099, 1, 1))
    text = panel.view.toPlainText()
    assert "承诺结案日期" in text or "Promised close dates" in text
    assert "2099年3月31日 → 2099年6月30日" in text
    assert "推迟1次（共推迟91日）" in text or "moved 1 times (91 days later)" in text


def test_a_large_ledger_is_reminded_of_when_the_page_is_opened(
        qtbot: QtBot, start_window: Callable[..., MainWindow], demo_db: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from backlog_desk.ui import supervision_pages

    monkeypatch.setattr(supervision_pages, "REMIND_AT_START_MAX", 100)  # the demo is "large"
    window = start_window(str(demo_db))
    slot = window.supervision.reminders_slot
    assert not slot.built  # neither the page nor its ~15 s of work at a million cases
    assert window.pages.tabText(window.pages.indexOf(slot)) == "提醒督办"
    window.show_page(slot)
    qtbot.waitUntil(lambda: bool(window.supervision.reminders.items), timeout=60_000)
