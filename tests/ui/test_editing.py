"""Editing cases in the window: inline and in the detail panel, refusals, undo/redo, rights,
and the history the detail panel shows."""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from backlog_desk.services.cases import CaseView, get_case, list_cases
from backlog_desk.store.database import Database
from backlog_desk.store.models import AppMeta, AuditEntry
from backlog_desk.ui.columns import COLUMN_BY_KEY
from backlog_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

StartWindow = Callable[..., MainWindow]


def audit_entries(db: Database, uuid: str) -> list[tuple[str, str | None, str | None, str | None,
                                                        str]]:
    with db.read() as s:
        rows = s.execute(select(AuditEntry.actor, AuditEntry.field, AuditEntry.old_value,
                                AuditEntry.new_value, AuditEntry.source)
                         .where(AuditEntry.entity_key == uuid).order_by(AuditEntry.id))
        return [tuple(r) for r in rows]  # type: ignore[misc]


def audit_total(db: Database) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def first_row(window: MainWindow, wanted: Callable[[CaseView], bool], db: Database) -> int:
    """Position in the table of the first case (in table order) that `wanted` accepts."""
    numbers = {c.case_number for c in list_cases(db) if wanted(c)}
    for r in range(window.model.rowCount()):
        row = window.model.row_at(r)
        if row is not None and row.case_number in numbers:
            return r
    raise AssertionError("no such case in the demo ledger")


def open_editor(window: MainWindow, row: int, key: str) -> tuple[QModelIndex, QWidget]:
    index = window.model.index(row, COLUMN_BY_KEY[key])
    window.table.setCurrentIndex(index)
    window.table.edit(index)
    editor = window.table.indexWidget(index)
    assert editor is not None, f"no editor opened for {key}"
    return index, editor


def type_into(qtbot: QtBot, window: MainWindow, index: QModelIndex, editor: QWidget,
              text: str) -> None:
    """Type `text` and press Return, as a user does; the view commits on its next turn."""
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # QTest synthesises key events for Latin-1 only; Chinese arrives via the IME
        editor.insert(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.table.indexWidget(index) is None)


def set_department_installation(db: Database, department: str) -> None:
    with db.session() as s:
        s.merge(AppMeta(key="role", value="department"))
        s.merge(AppMeta(key="department", value=department))


def test_inline_reason_is_written_audited_and_undone(start_window: StartWindow, db: Database,
                                                     qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    row = first_row(window, lambda c: c.status == "open" and not c.reason, db)
    case = window.model.row_at(row)
    assert case is not None
    index, editor = open_editor(window, row, "reason")
    type_into(qtbot, window, index, editor, "等待鉴定结论")
    stored = get_case(db, case.case_number)
    assert stored.reason == "等待鉴定结论"
    assert audit_entries(db, stored.uuid)[-1] == (getpass.getuser(), "reason", "",
                                                   "等待鉴定结论", "gui")
    assert window.model.row_at(row).reason == "等待鉴定结论"  # type: ignore[union-attr]
    assert not window.stats_pending  # a reason does not move the headline numbers
    # The detail panel follows the current row and shows the new entry first.
    assert window.detail.case_id == case.id
    lines = window.detail.history_lines()
    assert lines[0][1:] == (getpass.getuser(), "未结原因：（空） → 等待鉴定结论", "gui")
    assert lines[-1][2:] == ("建立（演示数据）", "demo")
    assert "未结原因：（空） → 等待鉴定结论" in window.detail.history_view.toPlainText()

    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl+Y") in window.redo_action.shortcuts()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_case(db, case.case_number).reason == ""
    assert audit_entries(db, stored.uuid)[-1] == (getpass.getuser(), "reason", "等待鉴定结论",
                                                   "", "gui")  # the undo is audited too
    assert window.model.row_at(row).reason == ""  # type: ignore[union-attr]
    assert window.detail.fields["reason"].text() == ""  # type: ignore[attr-defined]
    qtbot.keyClick(window.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert get_case(db, case.case_number).reason == "等待鉴定结论"
    window.undo_action.trigger()  # the Edit menu does the same
    assert get_case(db, case.case_number).reason == ""


def test_invalid_date_is_refused_with_the_reason(start_window: StartWindow, db: Database,
                                                 qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    row = first_row(window, lambda c: c.status == "open", db)
    case = window.model.row_at(row)
    assert case is not None
    before, entries = get_case(db, case.case_number), audit_total(db)
    with qtbot.waitSignal(window.model.edit_refused) as refused:
        index, editor = open_editor(window, row, "expected_close_date")
        type_into(qtbot, window, index, editor, "2026-13-45")
    assert "not a real date" in refused.args[0]
    assert "not a real date" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.model.edit_refused) as refused:
        index, editor = open_editor(window, row, "expected_close_date")
        type_into(qtbot, window, index, editor, "2001-01-01")  # before the filing date
    assert "before the filing date" in refused.args[0]
    assert get_case(db, case.case_number) == before
    assert audit_total(db) == entries
    assert window.undo_action.isEnabled() is False  # nothing to undo


def test_closing_in_the_panel_updates_the_headline(start_window: StartWindow, db: Database,
                                                   qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    assert window.stats is not None
    closed_before = window.stats.total.closed
    row = first_row(window, lambda c: c.status == "open" and c.filing_date.year <= 2020, db)
    case = window.model.row_at(row)
    assert case is not None
    window.table.setCurrentIndex(window.model.index(row, 0))
    assert window.detail.case_id == case.id
    closed = window.detail.fields["closed_date"]
    assert isinstance(closed, QLineEdit) and closed.isEnabled()
    closed.setText("2026.7.10")
    closed.editingFinished.emit()
    assert get_case(db, case.case_number).closed_date == dt.date(2026, 7, 10)
    qtbot.waitUntil(lambda: not window.stats_pending, timeout=30_000)
    assert window.stats is not None and window.stats.total.closed == closed_before + 1
    assert window.headline.tile_values["closed"].text() == f"{closed_before + 1:,}"
    manner = window.detail.fields["close_manner"]
    assert isinstance(manner, QComboBox)
    manner.setCurrentIndex(manner.findData("调解"))
    manner.activated.emit(manner.currentIndex())
    assert get_case(db, case.case_number).close_manner == "调解"
    # A refused value in the panel stays typed, marked, with the reason beside it.
    expected = window.detail.fields["expected_close_date"]
    assert isinstance(expected, QLineEdit)
    expected.setText("明天")
    expected.editingFinished.emit()
    assert window.detail.error_label.isVisibleTo(window.detail)
    assert "expected_close_date" in window.detail.error_label.text()
    assert get_case(db, case.case_number).expected_close_date == case.expected_close_date


def test_inline_category_combo(start_window: StartWindow, db: Database, qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    row = first_row(window, lambda c: c.status == "open" and c.reason_category != "appraisal",
                    db)
    case = window.model.row_at(row)
    assert case is not None
    index, editor = open_editor(window, row, "reason_category")
    assert isinstance(editor, QComboBox)
    assert editor.itemText(editor.findData("appraisal")) == "鉴定评估"
    editor.setCurrentIndex(editor.findData("appraisal"))
    editor.activated.emit(editor.currentIndex())  # as picking from the list does
    assert get_case(db, case.case_number).reason_category == "appraisal"
    assert index.data() == "鉴定评估"


def test_department_cannot_edit_another_departments_case(start_window: StartWindow,
                                                         db: Database, qtbot: QtBot) -> None:
    every = list_cases(db)
    own = every[0].department
    set_department_installation(db, own)
    window = start_window(str(db.path))
    assert window.edits.actor is not None and window.edits.actor.department == own
    other_row = first_row(window, lambda c: c.department != own, db)
    mine_row = first_row(window, lambda c: c.department == own and c.status == "open", db)
    other = window.model.index(other_row, COLUMN_BY_KEY["reason"])
    mine = window.model.index(mine_row, COLUMN_BY_KEY["reason"])
    assert not window.model.flags(other) & Qt.ItemFlag.ItemIsEditable
    assert window.model.flags(mine) & Qt.ItemFlag.ItemIsEditable
    # Fields the audit office owns stay read-only even for the department's own cases.
    assert not window.model.flags(window.model.index(mine_row, COLUMN_BY_KEY["judge"])) \
        & Qt.ItemFlag.ItemIsEditable
    window.table.setCurrentIndex(other)
    window.table.edit(other)
    assert window.table.indexWidget(other) is None  # no editor opens
    assert not window.model.setData(other, "我来改")
    assert not window.detail.fields["reason"].isEnabled()
    number = window.model.row_at(other_row).case_number  # type: ignore[union-attr]
    assert get_case(db, number).reason != "我来改"
    window.table.setCurrentIndex(mine)
    assert window.detail.fields["reason"].isEnabled()
    assert not window.detail.fields["judge"].isEnabled() or \
        not isinstance(window.detail.fields["judge"], QLineEdit)


def test_editable_model_passes_qt_model_tester(start_window: StartWindow, db: Database,
                                               qtmodeltester: ModelTester) -> None:
    window = start_window(str(db.path))
    qtmodeltester.check(window.model)
