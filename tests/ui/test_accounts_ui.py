"""Sign-in, backups and the audit office's console in real widgets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from backlog_desk.services import accounts
from backlog_desk.services.actor import SYSTEM, AccountRole, Actor, Role, local_user
from backlog_desk.services.cases import get_case, list_cases, update_case
from backlog_desk.services.conflicts import list_conflicts
from backlog_desk.store.database import Database, open_database
from backlog_desk.ui import i18n
from backlog_desk.ui.backups_dialog import BackupsDialog
from backlog_desk.ui.console_page import ConflictsDialog, ConsoleModel, ConsolePage
from backlog_desk.ui.login_dialog import LoginDialog
from backlog_desk.ui.users_dialog import UsersDialog
from tests.services.package_world import World

TODAY = dt.date(2026, 7, 20)
AUDIT = Actor("王晓明", Role.AUDIT, None, AccountRole.AUDIT)
WAIT_MS = 30_000


def _open_case(db: Database) -> str:
    return next(c for c in list_cases(db, status="open")).case_number


def test_login_dialog_refuses_a_wrong_password_and_signs_in(qtbot: QtBot,
                                                           db: Database) -> None:
    accounts.add_account(db, local_user(Role.AUDIT), "王晓明", "audit", "audit-pass-1")
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    assert [dialog.user.itemText(i) for i in range(dialog.user.count())] == ["王晓明"]
    dialog.user.setCurrentText("王晓明")
    dialog.password.setText("wrong-pass")
    with qtbot.assertNotEmitted(dialog.signed_in):
        dialog.accept()
    assert dialog.actor is None
    assert dialog.error.text() == QCoreApplication.translate("LoginDialog",
                                                             "Wrong user name or password")
    dialog.password.setText("audit-pass-1")
    with qtbot.waitSignal(dialog.signed_in) as got:
        dialog.accept()
    assert got.args[0] == AUDIT
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.password.text() == ""


def test_backups_dialog_lists_and_restores_off_the_gui_thread(qtbot: QtBot,
                                                              db: Database) -> None:
    number = _open_case(db)
    update_case(db, SYSTEM, number, {"notes": "第一次"})
    db.backup("manual")
    update_case(db, SYSTEM, number, {"notes": "第二次"})
    dialog = BackupsDialog(db, AUDIT)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "manual"
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    chosen = dialog.selected()
    assert chosen is not None
    with qtbot.waitSignal(dialog.restored, timeout=WAIT_MS) as got:
        dialog.restore(chosen.path)
    assert got.args[0].integrity == "ok"
    assert get_case(db, number).notes == "第一次"
    # The safety backup of the state before now shows in the list too.
    assert {dialog.table.item(i, 2).text() for i in range(dialog.table.rowCount())} == {
        "manual", "before-restore"}


def test_backups_dialog_refuses_a_damaged_backup_and_keeps_the_ledger(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    number = _open_case(db)
    update_case(db, SYSTEM, number, {"notes": "现在的内容"})
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    dialog = BackupsDialog(db, AUDIT)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.restore_failed, timeout=WAIT_MS):
        dialog.restore(damaged)
    assert get_case(db, number).notes == "现在的内容"
    assert dialog.table.rowCount() == 0  # not even a safety backup was taken
    # The number kept is a setting of the file; a clerk may not change it.
    dialog.keep.setValue(7)
    dialog.apply_keep()
    assert db.backups_kept() == 7
    clerk = BackupsDialog(db, Actor("李娜", Role.DEPARTMENT, "民一庭", AccountRole.CLERK))
    qtbot.addWidget(clerk)
    clerk.keep.setValue(2)
    clerk.apply_keep()
    assert db.backups_kept() == 7 and "李娜" in clerk.note.text()


def test_console_model_passes_the_model_tester(qtbot: QtBot, db: Database,
                                               qtmodeltester: ModelTester) -> None:
    page = ConsolePage(today=lambda: TODAY)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.set_ledger(db, AUDIT)
    assert page.model.rowCount() >= 5
    qtmodeltester.check(page.model)
    empty = ConsoleModel()
    qtmodeltester.check(empty)
    # Nothing exchanged yet: package columns show a dash, returns are overdue.
    row = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert row[3] == row[4] == "—"
    assert row[5] == i18n.arg(QCoreApplication.translate("ConsoleModel", "%1 days overdue"),
                              20)
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == QCoreApplication.translate(
        "ConsoleModel", "Department")


def test_console_exports_packages_for_all_departments(qtbot: QtBot, db: Database,
                                                      tmp_path: Path) -> None:
    page = ConsolePage(today=lambda: TODAY)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.set_ledger(db, AUDIT)
    assert page.export_button.isEnabled()
    out = tmp_path / "outbox"
    with qtbot.waitSignal(page.exported, timeout=WAIT_MS) as got:
        page.export_all(out)
    qtbot.waitUntil(lambda: not page.busy and bool(page.model.rows)
                    and page.model.rows[0].last_sent_seq == 1, timeout=WAIT_MS)
    assert page.model.index(0, 3).data() != "—"
    assert len(got.args[0]) == page.model.rowCount() == len(list(out.iterdir()))
    leader = ConsolePage(today=lambda: TODAY)
    qtbot.addWidget(leader)
    leader.set_ledger(db, Actor("苏洪涛", Role.LEADER, None, AccountRole.LEADER))
    assert not leader.export_button.isEnabled() and not leader.conflicts_button.isEnabled()
    qtbot.waitUntil(lambda: not leader.busy, timeout=WAIT_MS)


def test_conflicts_dialog_resolves_a_real_conflict(qtbot: QtBot, tmp_path: Path) -> None:
    world = World(tmp_path)
    d1 = world.setup_department(world.d1)
    number = next(c for c in world.cases(d1) if c.status == "open").case_number
    world.set(world.audit, number, notes="审管办意见")
    world.set(d1, number, notes="部门意见")
    world.apply(world.audit, world.export(d1, "audit"))
    db = open_database(world.audit)
    try:
        dialog = ConflictsDialog(db, AUDIT, world.d1)
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == 1
        assert (dialog.table.item(0, 2).text(), dialog.table.item(0, 3).text()) == (
            "审管办意见", "部门意见")
        assert dialog.resolve(take_theirs=True)
        assert dialog.table.rowCount() == 0 and list_conflicts(db) == []
        assert get_case(db, number).notes == "部门意见"
        other = ConflictsDialog(db, AUDIT, world.d2)
        qtbot.addWidget(other)
        assert other.table.rowCount() == 0 and not other.resolve(keep_mine=True)
    finally:
        db.dispose()


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A refusal in these tests must show in the widgets, never block on a modal box."""
    from PySide6.QtWidgets import QMessageBox

    def fail(*_args: object, **_kw: object) -> None:
        raise AssertionError("unexpected message box")

    monkeypatch.setattr(QMessageBox, "warning", fail)


def test_window_signs_in_on_a_file_with_accounts(start_window, demo_db: Path,  # type: ignore[no-untyped-def]
                                                 qtbot: QtBot) -> None:
    db = open_database(demo_db)
    accounts.add_account(db, local_user(Role.AUDIT), "王晓明", "audit", "audit-pass-1")
    db.dispose()
    window = start_window(str(demo_db))
    hooks = window.accounts
    assert hooks.needs_sign_in and hooks.login is not None
    # Until someone signs in nothing may be changed.
    assert window.edits.actor is not None and window.edits.actor.role is Role.LEADER
    assert not window.edits.may_edit("notes", None)
    hooks.login.user.setCurrentText("王晓明")
    hooks.login.password.setText("audit-pass-1")
    hooks.login.accept()
    assert window.edits.actor == AUDIT
    assert hooks.console_slot is not None and window.pages.indexOf(hooks.console_slot) > 0
    assert hooks.console.actor == AUDIT
    qtbot.waitUntil(lambda: not hooks.console.busy, timeout=WAIT_MS)  # type: ignore[union-attr]
    # File → Backups… opens the list for the signed-in user.
    assert hooks.backups_action.isEnabled()
    dialog = hooks.show_backups()
    assert dialog is not None and dialog.actor == AUDIT
    dialog.close()


def test_window_without_accounts_keeps_the_installation_actor(start_window,  # type: ignore[no-untyped-def]
                                                              demo_db: Path,
                                                              qtbot: QtBot) -> None:
    window = start_window(str(demo_db))
    hooks = window.accounts
    assert not hooks.needs_sign_in and hooks.login is None
    assert not hooks.sign_in_action.isEnabled()
    assert window.edits.actor is not None and window.edits.actor.role is Role.AUDIT
    assert hooks.console is not None
    qtbot.waitUntil(lambda: not hooks.console.busy, timeout=WAIT_MS)  # type: ignore[union-attr]


def test_users_dialog_adds_disables_and_resets(qtbot: QtBot, db: Database) -> None:
    installer = local_user(Role.AUDIT)
    first = UsersDialog(db, installer)
    qtbot.addWidget(first)
    assert first.table.rowCount() == 0
    first.name.setText("王晓明")
    first.role.setCurrentIndex(first.role.findData("audit"))
    first.password.setText("audit-pass-1")
    with qtbot.waitSignal(first.changed):
        assert first.add()
    assert first.password.text() == "" and first.table.rowCount() == 1
    # Now only a signed-in account manages the others.
    first.name.setText("李娜")
    first.role.setCurrentIndex(first.role.findData("clerk"))
    first.department.setText("民一庭")
    first.password.setText("clerk-pass-1")
    assert not first.add() and first.table.rowCount() == 1 and first.note.text()
    dialog = UsersDialog(db, AUDIT)
    qtbot.addWidget(dialog)
    dialog.name.setText("李娜")
    dialog.role.setCurrentIndex(dialog.role.findData("clerk"))
    dialog.department.setText("民一庭")
    dialog.password.setText("short")
    assert not dialog.add() and "6" in dialog.note.text()
    dialog.password.setText("clerk-pass-1")
    assert dialog.add() and dialog.table.rowCount() == 2
    assert accounts.authenticate(db, "李娜", "clerk-pass-1").department == "民一庭"
    row = next(i for i in range(2) if dialog.table.item(i, 0).text() == "李娜")
    dialog.table.selectRow(row)
    assert dialog.toggle()
    with pytest.raises(accounts.AuthenticationFailed):
        accounts.authenticate(db, "李娜", "clerk-pass-1")
    dialog.table.selectRow(row)
    assert dialog.toggle()
    dialog.table.selectRow(row)
    dialog.password.setText("clerk-pass-2")
    assert dialog.reset_password()
    assert accounts.authenticate(db, "李娜", "clerk-pass-2").name == "李娜"


def test_first_account_made_in_the_window_turns_sign_in_on(start_window,  # type: ignore[no-untyped-def]
                                                           demo_db: Path,
                                                           qtbot: QtBot) -> None:
    window = start_window(str(demo_db))
    hooks = window.accounts
    users = hooks.show_users()
    assert users is not None and hooks.users_action.isEnabled()
    users.name.setText("王晓明")
    users.role.setCurrentIndex(users.role.findData("audit"))
    users.password.setText("audit-pass-1")
    assert users.add()
    assert hooks.needs_sign_in and hooks.login is not None
    assert window.edits.actor is not None and window.edits.actor.role is Role.LEADER
    hooks.login.user.setCurrentText("王晓明")
    hooks.login.password.setText("audit-pass-1")
    hooks.login.accept()
    assert window.edits.actor == AUDIT
    qtbot.waitUntil(lambda: not hooks.console.busy, timeout=WAIT_MS)  # type: ignore[union-attr]


def test_users_dialog_changes_ones_own_password_with_the_current_one(qtbot: QtBot,
                                                                     db: Database) -> None:
    accounts.add_account(db, local_user(Role.AUDIT), "王晓明", "audit", "audit-pass-1")
    dialog = UsersDialog(db, AUDIT)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    dialog.ask_current_password = lambda: "not-my-password"  # type: ignore[method-assign]
    dialog.password.setText("audit-pass-2")
    assert not dialog.reset_password() and dialog.note.text()
    dialog.ask_current_password = lambda: "audit-pass-1"  # type: ignore[method-assign]
    dialog.password.setText("audit-pass-2")
    assert dialog.reset_password()
    assert accounts.authenticate(db, "王晓明", "audit-pass-2") == AUDIT


def test_console_export_can_be_cancelled_and_shows_what_was_sent(qtbot: QtBot, db: Database,
                                                                 tmp_path: Path) -> None:
    page = ConsolePage(today=lambda: TODAY)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.set_ledger(db, AUDIT)
    task = page.export_all(tmp_path / "outbox")
    assert task is not None
    task.cancel()  # before or during the run: stops at the next department
    with qtbot.waitSignal(page.failed, timeout=WAIT_MS):
        pass
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    written = len(list((tmp_path / "outbox").iterdir())) if (tmp_path / "outbox").exists() \
        else 0
    assert written < page.model.rowCount()
    assert sum(1 for r in page.model.rows if r.last_sent_seq) == written
    # The double click / button opens the conflicts of the selected department.
    page.view.selectRow(0)
    dialog = page.show_conflicts()
    assert dialog is not None and dialog.department == page.model.rows[0].department
    dialog.close()


def test_restore_from_the_window_reopens_the_ledger(start_window,  # type: ignore[no-untyped-def]
                                                    demo_db: Path, qtbot: QtBot) -> None:
    db = open_database(demo_db)
    number = _open_case(db)
    update_case(db, SYSTEM, number, {"notes": "备份时"})
    db.backup("manual")
    update_case(db, SYSTEM, number, {"notes": "备份后"})
    db.dispose()
    window = start_window(str(demo_db))
    dialog = window.accounts.show_backups()
    assert dialog is not None
    dialog.table.selectRow(0)
    chosen = dialog.selected()
    assert chosen is not None and chosen.reason == "manual"
    with qtbot.waitSignal(window.database_opened, timeout=WAIT_MS):
        dialog.restore(chosen.path)
    qtbot.waitUntil(lambda: window.loaded is not None and not window.stats_pending,
                    timeout=WAIT_MS)
    assert window.db is not None and get_case(window.db, number).notes == "备份时"
    dialog.close()
