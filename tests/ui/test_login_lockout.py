"""The sign-in dialog after repeated failures: the lockout is said, and every attempt from
the window is in the sign-in log (services.accounts)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from backlog_desk.services import accounts
from backlog_desk.services.accounts import LOCK_AFTER
from backlog_desk.services.actor import Role, local_user
from backlog_desk.store.database import Database
from backlog_desk.ui.login_dialog import LoginDialog


@pytest.fixture
def staffed(db: Database) -> Database:
    accounts.add_account(db, local_user(Role.AUDIT), "王晓明", "audit", "audit-pass-1")
    admin = accounts.authenticate(db, "王晓明", "audit-pass-1")
    accounts.add_account(db, admin, "李娜", "clerk", "clerk-pass-1", "民一庭")
    return db


def test_login_dialog_says_the_name_is_locked_and_logs_window_sign_ins(
        qtbot: QtBot, staffed: Database) -> None:
    dialog = LoginDialog(staffed)
    qtbot.addWidget(dialog)
    dialog.user.setCurrentText("李娜")
    for _ in range(LOCK_AFTER):
        dialog.password.setText("guess-guess")
        dialog.accept()
    dialog.password.setText("clerk-pass-1")
    dialog.accept()
    assert dialog.actor is None
    assert dialog.error.text() == QCoreApplication.translate(
        "LoginDialog", "Too many failed sign-ins with this user name; try again in a few "
        "minutes")
    log = accounts.sign_ins(staffed, user="李娜")
    assert [r.outcome for r in log[:2]] == ["locked", "wrong password"]
    assert all(r.where.startswith("window on ") for r in log[:LOCK_AFTER + 1])
