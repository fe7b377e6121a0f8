"""Signing in to a ledger file that has user accounts.

Until someone signs in the window shows the ledger read-only (the actor is a signed-out
reader), so cancelling the dialog never grants more than a leader has. The password check
is one scrypt derivation (~50 ms), short enough for the GUI thread, and it lets a refusal
show at once in the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.services.accounts import authenticate, list_accounts
from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.errors import ServiceError
from backlog_desk.store.database import Database

#: The actor of a window whose user has not signed in: may read, may change nothing.
SIGNED_OUT = Actor("(not signed in)", Role.LEADER)


class LoginDialog(QDialog):
    #: The signed-in account's actor.
    signed_in = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None,
                 court_name: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Sign in"))
        self.user = QComboBox(self)
        self.user.setEditable(True)
        # Offer the active accounts' names: typing a Chinese name on a strange PC is slow.
        self.user.addItems([a.name for a in list_accounts(db) if a.active])
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if court_name:
            layout.addWidget(QLabel(court_name, self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.password.setFocus()

    def accept(self) -> None:
        try:
            actor = authenticate(self.db, self.user.currentText(), self.password.text(),
                                 via="window")
        except ServiceError as exc:
            self.error.setText(
                self.tr("Wrong user name or password") if "wrong user name" in str(exc)
                else self.tr("Too many failed sign-ins with this user name; try again in "
                             "a few minutes") if "too many failed" in str(exc)
                else str(exc))
            self.password.selectAll()
            self.password.setFocus()
            return
        self.password.clear()  # the clear text lives no longer than needed
        self.actor = actor
        self.signed_in.emit(actor)
        super().accept()
