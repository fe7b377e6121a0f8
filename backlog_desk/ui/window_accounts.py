"""What accounts, backups and the console add to the main window, kept out of it.

`install(window)` adds File → Backups…, Sign in… and Users…, and (on the audit office's file)
the console page, and follows every ledger the window opens: a file with accounts opens
read-only (the signed-out actor) and asks who is there; the signed-in actor then edits,
imports and restores, so the audit log names that person.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from backlog_desk.services.accounts import has_accounts
from backlog_desk.services.actor import Actor, Role, local_user
from backlog_desk.store.database import Database

from . import i18n
from .login_dialog import SIGNED_OUT, LoginDialog

if TYPE_CHECKING:
    from backlog_desk.services.backups import RestoreResult
    from backlog_desk.services.package_apply import ApplyReport
    from backlog_desk.services.package_export import ExportResult

    from .backups_dialog import BackupsDialog
    from .console_page import ConsolePage
    from .lazy_page import LazyPage
    from .main_window import MainWindow
    from .package_dialogs import ApplyPackageFlow, ExportPackageDialog
    from .users_dialog import UsersDialog

# The dialogs and the console page are imported when first opened (start-up time).


class WindowAccounts(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        menu = window.file_menu
        tail = window._file_tail
        self.export_package_action = menu.addAction(self.tr("E&xport package…"))
        self.apply_package_action = menu.addAction(self.tr("&Apply package…"))
        self.new_from_package_action = menu.addAction(
            self.tr("New department ledger from &package…"))
        self.backups_action = menu.addAction(self.tr("&Backups…"))
        self.sign_in_action = menu.addAction(self.tr("&Sign in…"))
        self.users_action = menu.addAction(self.tr("&Users…"))
        self.apply_package_action.setToolTip(self.tr(
            "Preview and apply a package from the audit office or a department; or drop "
            "the .db file on the window"))
        for action in (self.export_package_action, self.apply_package_action,
                       self.new_from_package_action, self.backups_action,
                       self.sign_in_action, self.users_action):
            menu.removeAction(action)
            menu.insertAction(tail, action)
        self.export_package_action.triggered.connect(self.export_package)
        self.apply_package_action.triggered.connect(self.choose_package)
        self.new_from_package_action.triggered.connect(self.choose_setup_package)
        self.export_package_action.setEnabled(False)
        self.apply_package_action.setEnabled(False)
        self.export_dialog: ExportPackageDialog | None = None
        self.package_flow: ApplyPackageFlow | None = None
        self.backups_action.triggered.connect(self.show_backups)
        self.sign_in_action.triggered.connect(self.sign_in)
        self.users_action.triggered.connect(self.show_users)
        self.sign_in_action.setEnabled(False)
        self.users_action.setEnabled(False)
        self.backups_action.setEnabled(False)
        #: The console tab, added when an audit office's ledger is opened.
        self.console_slot: LazyPage[ConsolePage] | None = None
        self.login: LoginDialog | None = None
        self.backups: BackupsDialog | None = None
        self.users: UsersDialog | None = None
        self.needs_sign_in = False
        window.database_opened.connect(self._opened)

    @property
    def db(self) -> Database | None:
        return self.window.db

    @property
    def actor(self) -> Actor | None:
        return self.window.edits.actor

    def _opened(self, _target: str) -> None:
        db = self.db
        if db is None:
            return
        self.backups_action.setEnabled(db.path is not None)
        self.export_package_action.setEnabled(True)
        self.apply_package_action.setEnabled(True)
        self.users_action.setEnabled(True)
        self.needs_sign_in = has_accounts(db)
        self.sign_in_action.setEnabled(self.needs_sign_in)
        if self.needs_sign_in:
            # Read-only until someone signs in: cancelling grants no more than a leader has.
            self._set_actor(db, SIGNED_OUT)
            self.sign_in()
        else:
            self._set_actor(db, self.actor)

    @property
    def console(self) -> ConsolePage | None:
        """The console page (built now if it was not yet), None before an audit office's
        ledger was opened."""
        return self.console_slot.ensure() if self.console_slot is not None else None

    def _set_actor(self, db: Database, actor: Actor | None) -> None:
        self.window.edits.set_ledger(db, actor)
        audit_office = db.meta("role", Role.AUDIT) == Role.AUDIT
        if audit_office and self.console_slot is None:
            self.console_slot = self.window.add_lazy_page(self.tr("Console"),
                                                          self._build_console)
        if self.console_slot is not None:
            # A department's file has no console: the page hides rather than shows nothing.
            self.window.pages.setTabVisible(self.window.pages.indexOf(self.console_slot),
                                            audit_office)
            if self.console_slot.page is not None:
                self._console_follow(self.console_slot.page)

    def _build_console(self) -> ConsolePage:
        from .console_page import ConsolePage

        page = ConsolePage(self.window, today=self.window._today)
        self._console_follow(page)
        return page

    def _console_follow(self, page: ConsolePage) -> None:
        db = self.db
        audit_office = db is not None and db.meta("role", Role.AUDIT) == Role.AUDIT
        page.set_ledger(db if audit_office else None,
                        self.window.edits.actor if audit_office else None)

    def sign_in(self) -> LoginDialog | None:
        db = self.db
        if db is None:
            return None
        court = self.window.loaded.court_name if self.window.loaded else ""
        dialog = LoginDialog(db, self.window, court)
        dialog.signed_in.connect(lambda actor: self._signed_in(db, actor))
        self.login = dialog
        dialog.open()
        return dialog

    def _signed_in(self, db: Database, actor: Actor) -> None:
        if db is not self.db:
            return  # another ledger was opened meanwhile
        self._set_actor(db, actor)
        self.window.statusBar().showMessage(actor.name)

    def show_backups(self) -> BackupsDialog | None:
        db, actor = self.db, self.actor
        if db is None or actor is None:
            return None
        from .backups_dialog import BackupsDialog

        dialog = BackupsDialog(db, actor, self.window)
        dialog.restored.connect(self._restored)
        self.backups = dialog
        dialog.open()
        return dialog

    def show_users(self) -> UsersDialog | None:
        db, actor = self.db, self.actor
        if db is None or actor is None:
            return None
        from .users_dialog import UsersDialog

        dialog = UsersDialog(db, actor, self.window)
        dialog.changed.connect(lambda: self._accounts_changed(db))
        self.users = dialog
        dialog.open()
        return dialog

    def _accounts_changed(self, db: Database) -> None:
        # The first account turns sign-in on: whoever made it signs in now, like everyone
        # after them.
        if db is self.db and not self.needs_sign_in and has_accounts(db):
            if self.users is not None:
                self.users.close()  # its actor may no longer manage accounts
            self.needs_sign_in = True
            self.sign_in_action.setEnabled(True)
            self._set_actor(db, SIGNED_OUT)
            self.sign_in()

    def _restored(self, _result: RestoreResult) -> None:
        # Every cached page and id list is stale: open the file again, as after File → Open.
        loaded = self.window.loaded
        if loaded is not None:
            self.window.open_database(loaded.target)


    # --- packages ----------------------------------------------------------------------

    def export_package(self) -> ExportPackageDialog | None:
        db, actor = self.db, self.actor
        if db is None or actor is None:
            return None
        from .package_dialogs import ExportPackageDialog

        dialog = ExportPackageDialog(db, actor, self.window)
        dialog.exported.connect(self._exported)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def _exported(self, result: ExportResult) -> None:
        self.window.statusBar().showMessage(i18n.arg(
            self.tr("Package #%1 for %2 written to %3; our key fingerprint %4"),
            result.seq, result.recipient, result.file, result.fingerprint))
        if self.console_slot is not None and self.console_slot.page is not None:
            self._console_follow(self.console_slot.page)

    def choose_package(self) -> None:
        db = self.db
        start = str(Path(db.path).parent) if db is not None and db.path else ""
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Apply package"), start,
            self.tr("Packages (*.db);;All files (*)"))
        if path:
            self.apply_package(Path(path))

    def apply_package(self, path: Path) -> ApplyPackageFlow | None:
        """Dry run on a worker, preview, then apply on Apply (the drop target, too)."""
        db, actor = self.db, self.actor
        if db is None or actor is None:
            return None
        if self.package_flow is not None:
            self.window.statusBar().showMessage(
                self.tr("A package is already being applied"), 10_000)
            return None
        if db.path is not None and Path(path).resolve() == Path(db.path).resolve():
            return None  # the open ledger dropped on itself
        from .package_dialogs import ApplyPackageFlow

        flow = ApplyPackageFlow(db, actor, Path(path), self.window)
        flow.finished.connect(self._package_applied)
        flow.stopped.connect(self._package_stopped)
        self.package_flow = flow
        flow.start()
        return flow

    def choose_setup_package(self) -> None:
        package, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("The audit office's first package"), "",
            self.tr("Packages (*.db);;All files (*)"))
        if not package:
            return
        target, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save the department's ledger as"),
            str(Path(package).with_name(Path(package).stem + "-台账.db")),
            self.tr("Ledger databases (*.db);;All files (*)"))
        if target:
            self.new_from_package(Path(package), Path(target))

    def new_from_package(self, package: Path, target: Path) -> ApplyPackageFlow | None:
        """Preview, then make a department's ledger from the audit office's first package
        and open it (any ledger open now stays untouched)."""
        if self.package_flow is not None:
            self.window.statusBar().showMessage(
                self.tr("A package is already being applied"), 10_000)
            return None
        if target.exists():
            # create_from_package refuses an existing file; say it here, in words for this
            # dialog, rather than apply the package to whatever that file is.
            QMessageBox.warning(self.window, self.tr("Apply package"), i18n.arg(self.tr(
                "%1 already exists: choose a new file name for the department's ledger."),
                str(target)))
            return None
        from .package_dialogs import ApplyPackageFlow

        flow = ApplyPackageFlow(None, local_user(Role.DEPARTMENT), package, self.window,
                                create=target)
        flow.finished.connect(lambda report: self._ledger_created(target, report))
        flow.stopped.connect(self._package_stopped)
        self.package_flow = flow
        flow.start()
        return flow

    def _ledger_created(self, target: Path, report: ApplyReport) -> None:
        self.package_flow = None
        self.window.statusBar().showMessage(i18n.arg(
            self.tr("Department ledger created from package #%1 of %2: %3 cases"),
            report.seq, report.sender, report.new))
        self.window.open_database(target)

    def _package_applied(self, report: ApplyReport) -> None:
        self.package_flow = None
        self.window.statusBar().showMessage(i18n.arg(
            self.tr("Package #%1 from %2 applied: %3 new, %4 updated, %5 conflicts"),
            report.seq, report.sender, report.new, report.updated, len(report.conflicts)))
        # Every cached page is stale, as after a restore: open the file again.
        loaded = self.window.loaded
        if loaded is not None:
            self.window.open_database(loaded.target)

    def _package_stopped(self, message: str) -> None:
        self.package_flow = None
        if not message:
            self.window.statusBar().showMessage(
                self.tr("Package not applied; nothing was changed"), 10_000)


def install(window: MainWindow) -> WindowAccounts:
    return WindowAccounts(window)
