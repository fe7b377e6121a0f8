"""File → Users…: the accounts of the open ledger; add, disable or enable, reset a password.

Every action is one short service call on the GUI thread (a scrypt hash, ~50 ms), so a
refusal (wrong role, weak password, duplicate name) shows at once in the dialog. The
services decide who may do what; the dialog only offers it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.services import accounts
from backlog_desk.services.actor import AccountRole, Actor
from backlog_desk.services.errors import ServiceError
from backlog_desk.store.database import Database

ROLE_LABELS = {AccountRole.CLERK: QT_TRANSLATE_NOOP("UsersDialog", "Clerk"),
               AccountRole.HEAD: QT_TRANSLATE_NOOP("UsersDialog", "Department head"),
               AccountRole.AUDIT: QT_TRANSLATE_NOOP("UsersDialog", "Audit office"),
               AccountRole.LEADER: QT_TRANSLATE_NOOP("UsersDialog", "Leader")}


def _role(role: AccountRole) -> str:
    return QCoreApplication.translate("UsersDialog", ROLE_LABELS[role])


class UsersDialog(QDialog):
    #: The accounts changed (one was added, disabled, enabled or its password reset).
    changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("Users"))
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"),
                                              self.tr("Department"), self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.name = QLineEdit(self)
        self.role = QComboBox(self)
        for role in AccountRole:
            self.role.addItem(f"{_role(role)} ({role.value})", role.value)
        self.department = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Department"), self.department)
        form.addRow(self.tr("Password"), self.password)
        self.add_button = QPushButton(self.tr("Add user"), self)
        self.toggle_button = QPushButton(self.tr("Disable / enable"), self)
        self.reset_button = QPushButton(self.tr("Set this password"), self)
        self.add_button.clicked.connect(self.add)
        self.toggle_button.clicked.connect(self.toggle)
        self.reset_button.clicked.connect(self.reset_password)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.toggle_button, self.reset_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addWidget(close)
        self.resize(640, 520)
        self.accounts: list[accounts.AccountInfo] = []
        self.reload()

    def reload(self) -> None:
        self.accounts = accounts.list_accounts(self.db)
        self.table.setRowCount(len(self.accounts))
        for i, a in enumerate(self.accounts):
            state = self.tr("active") if a.active else self.tr("disabled")
            for j, text in enumerate((a.name, _role(a.role), a.department, state)):
                self.table.setItem(i, j, QTableWidgetItem(text))

    def selected(self) -> accounts.AccountInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows else None

    def _run(self, action: str, call: object) -> bool:
        try:
            call()  # type: ignore[operator]
        except ServiceError as exc:
            self.note.setText(str(exc))
            return False
        finally:
            self.password.clear()  # never kept longer than one action
        self.note.setText(action)
        self.reload()
        self.changed.emit()
        return True

    def add(self) -> bool:
        name = self.name.text()
        ok = self._run(self.tr("User added."), lambda: accounts.add_account(
            self.db, self.actor, name, self.role.currentData(), self.password.text(),
            self.department.text().strip() or None))
        if ok:
            self.name.clear()
        return ok

    def toggle(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        return self._run(self.tr("Saved."), lambda: accounts.set_active(
            self.db, self.actor, chosen.name, not chosen.active))

    def ask_current_password(self) -> str | None:
        """The signed-in user's current password, asked for when they change their own."""
        text, ok = QInputDialog.getText(self, self.tr("Change password"),
                                        self.tr("Current password"),
                                        QLineEdit.EchoMode.Password)
        return text if ok else None

    def reset_password(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        old = None
        if chosen.name == self.actor.name and self.actor.account is not None:
            old = self.ask_current_password()
            if old is None:
                return False
        return self._run(self.tr("Password set."), lambda: accounts.change_password(
            self.db, self.actor, chosen.name, self.password.text(), old_password=old))
