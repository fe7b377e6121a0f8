"""The first-run wizard: set up this PC's ledger (audit office or one department), or look
around in the demo court first.

Shown when no ledger was opened before. The database is created by the same service as
`backlog-desk-cli init` when the user presses Finish, so a refused value (a file that
exists, an empty court code) keeps the wizard open with the reason next to the field.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from backlog_desk.services.actor import Actor, Role, local_user
from backlog_desk.services.errors import ServiceError
from backlog_desk.services.setup import init_database
from backlog_desk.store.database import StoreError

DEFAULT_FILE = "backlog-desk.db"


class IntroPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to Backlog Desk"))
        self.setSubTitle(self.tr(
            "Set up the ledger this computer works with, or look around in a demo court."))
        layout = QVBoxLayout(self)
        text = QLabel(self.tr(
            "Next asks for your court and where the ledger file is kept; the case list is "
            "then imported from the case-management system's export (File → Import)."), self)
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addSpacing(12)
        # A button of its own rather than a choice that turns Next into Finish: QWizard only
        # re-reads which page is the last one when the page changes.
        self.demo_button = QPushButton(self.tr(
            "Open the demo court instead (about 3,000 invented cases)"), self)
        self.demo_button.setObjectName("demoLedger")
        self.demo_button.clicked.connect(self._demo)
        layout.addWidget(self.demo_button)
        layout.addStretch(1)

    def _demo(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        wizard.wants_demo = True
        wizard.accept()


class CourtPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your court"))
        self.setSubTitle(self.tr(
            "The audit office (审管办) keeps the whole court's list; a department's computer "
            "keeps that department's cases."))
        form = QFormLayout(self)
        self.audit_radio = QRadioButton(self.tr("Audit office"), self)
        self.audit_radio.setObjectName("roleAudit")
        self.department_radio = QRadioButton(self.tr("Department"), self)
        self.department_radio.setObjectName("roleDepartment")
        self.audit_radio.setChecked(True)
        roles = QButtonGroup(self)
        roles.addButton(self.audit_radio)
        roles.addButton(self.department_radio)
        role_row = QHBoxLayout()
        role_row.addWidget(self.audit_radio)
        role_row.addWidget(self.department_radio)
        role_row.addStretch(1)
        form.addRow(self.tr("This computer is for:"), role_row)
        self.court_name = QLineEdit(self)
        self.court_name.setObjectName("courtName")
        self.court_name.setPlaceholderText(self.tr("e.g. 长春市二道区人民法院"))
        form.addRow(self.tr("Court name:"), self.court_name)
        self.court_code = QLineEdit(self)
        self.court_code.setObjectName("courtCode")
        self.court_code.setPlaceholderText(self.tr("as in case numbers, e.g. 吉0105"))
        form.addRow(self.tr("Court code:"), self.court_code)
        self.department = QLineEdit(self)
        self.department.setObjectName("department")
        self.department.setPlaceholderText(self.tr("e.g. 民一庭"))
        form.addRow(self.tr("Department:"), self.department)
        for edit in (self.court_name, self.court_code, self.department):
            edit.textChanged.connect(self.completeChanged)
        self.department_radio.toggled.connect(self._role_changed)
        self._role_changed()

    def _role_changed(self) -> None:
        self.department.setEnabled(self.department_radio.isChecked())
        self.completeChanged.emit()

    @property
    def role(self) -> Role:
        return Role.DEPARTMENT if self.department_radio.isChecked() else Role.AUDIT

    def isComplete(self) -> bool:
        filled = bool(self.court_name.text().strip() and self.court_code.text().strip())
        return filled and (self.role is Role.AUDIT or bool(self.department.text().strip()))


class LocationPage(QWizardPage):
    def __init__(self, default: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Where the ledger is kept"))
        self.setSubTitle(self.tr(
            "One file holds the whole ledger; back it up like any important document."))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(str(default), self)
        self.path_edit.setObjectName("databasePath")
        self.path_edit.textChanged.connect(self.completeChanged)
        self.browse_button = QPushButton(self.tr("Choose…"), self)
        self.browse_button.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New ledger file"), self.path_edit.text(),
            self.tr("Ledger databases (*.db);;All files (*)"))
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        return wizard.create_ledger()


class FirstRunWizard(QWizard):
    INTRO, COURT, LOCATION = range(3)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Backlog Desk — first start"))
        self.setObjectName("firstRun")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.intro = IntroPage(self)
        self.court = CourtPage(self)
        self.location = LocationPage(data_dir / DEFAULT_FILE, self)
        self.setPage(self.INTRO, self.intro)
        self.setPage(self.COURT, self.court)
        self.setPage(self.LOCATION, self.location)
        self.setStartId(self.INTRO)
        #: The ledger made by Finish (a file, or a postgresql:// URL); None for the demo.
        self.created: Path | str | None = None
        #: The user chose the demo court instead of a ledger of their own.
        self.wants_demo = False

    def create_ledger(self) -> bool:
        """Create the database from the answers; False (and the reason shown) if refused."""
        court = self.court
        text = self.location.path_edit.text().strip()
        # A postgresql:// URL names a shared ledger on the court's intranet, kept as typed.
        target: Path | str = text if "://" in text else Path(text).expanduser()
        role = court.role
        department = court.department.text().strip() if role is Role.DEPARTMENT else None
        # Setting up is the installation's own act (a department user may not create the
        # campaign the new file starts with); the audit log still names the person.
        actor = Actor(local_user(role, department).name, Role.SYSTEM)
        existed = not isinstance(target, Path) or target.exists()
        try:
            if isinstance(target, Path):
                target.parent.mkdir(parents=True, exist_ok=True)
            db = init_database(target, actor, court_name=court.court_name.text(),
                               court_code=court.court_code.text(), role=role,
                               department=department)
        except (ServiceError, StoreError, OSError) as exc:
            if not existed:
                # A refusal after the file was made leaves an empty schema; a second try
                # would then be told the file exists.
                for suffix in ("", "-wal", "-shm", "-journal"):
                    with contextlib.suppress(OSError):
                        Path(f"{target}{suffix}").unlink(missing_ok=True)
            self.location.error_label.setText(str(exc))
            return False
        db.dispose()
        self.created = target
        self.location.error_label.clear()
        return True
