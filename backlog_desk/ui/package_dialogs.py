"""File → Export package… and Apply package… (or a .db dropped on the window).

Applying always starts with a dry run on a worker: the preview lists what would change,
the conflicts and the refused rows, and the sender's key fingerprint, which on first
contact people compare by phone before pressing Apply. A package refused whole (signature,
integrity, address) shows its one message and nothing else happens. Apply and export run
on workers too; Cancel raises Cancelled at the service's next progress step, so its
transaction rolls back and the ledger stays as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.errors import Cancelled, ServiceError
from backlog_desk.services.ledger_view import department_names
from backlog_desk.services.package_apply import ApplyReport, apply_package
from backlog_desk.services.package_export import ExportResult, export_package
from backlog_desk.services.package_setup import create_from_package
from backlog_desk.store.database import Database

from . import i18n, workers
from .columns import FIELD_TITLES

AUDIT_RECIPIENT = "audit"


def is_package(path: Path) -> bool:
    """What a dropped file must look like to be offered as a package."""
    return path.suffix.lower() == ".db" and path.is_file()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def _field_title(key: str) -> str:
    """The field's label as the case detail shows it; the key for a field it does not."""
    title = FIELD_TITLES.get(key)
    return QCoreApplication.translate("CaseDetail", title) if title else key


def _table(headers: list[str], rows: list[list[str]], parent: QWidget, *,
           field_column: int | None = None) -> QTableWidget:
    """A read-only table; the field column shows labels and keeps the key as UserRole."""
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(_field_title(value) if c == field_column else value)
            if c == field_column:
                item.setData(Qt.ItemDataRole.UserRole, value)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    return table


class _StepProgress(QObject):
    """Carries the service's step lines to a progress dialog: the worker's signal only
    counts steps, the text of the last one is read on the GUI thread."""

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.last = ""
        self.steps = 0

    def job_callback(self, report: workers.Report) -> Any:
        def say(message: str) -> None:
            self.last = message
            self.steps += 1
            report(self.steps, 0)  # raises Cancelled once Cancel was pressed

        return say

    def show(self, _done: int, _total: int) -> None:
        self.dialog.setLabelText(self.last)


def _progress_dialog(parent: QWidget, label: str, cancel: str) -> QProgressDialog:
    dialog = QProgressDialog(label, cancel, 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


# --- export --------------------------------------------------------------------------------


class ExportPackageDialog(QDialog):
    """Choose the recipient and the file; the package is written on a worker."""

    #: The package was written: the ExportResult.
    exported = Signal(object)
    #: Why nothing was written ("" when the user cancelled).
    stopped = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.task: workers.Task | None = None
        self.progress: QProgressDialog | None = None
        self.result_: ExportResult | None = None
        self.setWindowTitle(self.tr("Export package"))
        self.recipient = QComboBox(self)
        self.department = db.meta("department") or ""
        if db.meta("role", Role.AUDIT) == Role.DEPARTMENT:
            self.recipient.addItem(self.tr("Audit office (审管办)"), AUDIT_RECIPIENT)
        else:
            for name in department_names(db):
                self.recipient.addItem(name, name)
        self.file = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Send to"), self.recipient)
        form.addRow(self.tr("Package file"), row)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.recipient.currentIndexChanged.connect(self._suggest_file)
        self._suggest_file()

    def _suggest_file(self) -> None:
        folder = Path(self.db.path).parent if self.db.path else Path.home()
        to = self.recipient.currentData() or ""
        sender = self.department or "审管办"
        target = "审管办" if to == AUDIT_RECIPIENT else to
        self.file.setText(str(folder / f"{sender}-至-{target}.db"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export package"), self.file.text(),
            self.tr("Packages (*.db);;All files (*)"))
        if path:
            self.file.setText(path)

    def start_export(self) -> workers.Task | None:
        out = Path(self.file.text().strip())
        to = self.recipient.currentData()
        if not to or not self.file.text().strip():
            return None
        if self.db.path is not None and out.resolve() == Path(self.db.path).resolve():
            QMessageBox.warning(self, self.tr("Export package"),
                                self.tr("The package cannot overwrite the ledger itself."))
            return None
        self.export_button.setEnabled(False)
        self.progress = _progress_dialog(self, self.tr("Writing the package…"),
                                         self.tr("Cancel"))
        steps = _StepProgress(self.progress)
        db, actor = self.db, self.actor

        def job(report: workers.Report) -> ExportResult:
            return export_package(db, actor, str(to), out, progress=steps.job_callback(report))

        self.task = workers.start(job, on_done=self._done, on_failed=self._failed,
                                  on_progress=steps.show, parent=self)
        self.progress.canceled.connect(self.task.cancel)
        self.progress.show()
        return self.task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _close_progress(self) -> None:
        self.task = None
        if self.progress is not None:
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None
        self.export_button.setEnabled(True)

    def _done(self, result: ExportResult) -> None:
        self._close_progress()
        self.result_ = result
        self.exported.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        if isinstance(exc, Cancelled):
            self.stopped.emit("")
            return
        message = str(exc) if isinstance(exc, ServiceError) else repr(exc)
        self.stopped.emit(message)
        QMessageBox.warning(self, self.tr("Export package"), message)


# --- apply ---------------------------------------------------------------------------------


class PackagePreview(QDialog):
    """What a package would change, before anything is written."""

    def __init__(self, report: ApplyReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Apply package"))
        self.resize(900, 600)
        layout = QVBoxLayout(self)
        self.summary = QLabel(i18n.arg(
            self.tr("%1 package #%2 from %3, acknowledging our #%4"),
            self.tr("Setup") if report.kind == "setup" else self.tr("Changes"),
            report.seq, report.sender, report.ack), self)
        layout.addWidget(self.summary)
        self.fingerprint = QLabel(i18n.arg(self.tr("Sender's key fingerprint: %1"),
                                           report.fingerprint), self)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.fingerprint.font()
        font.setBold(True)
        self.fingerprint.setFont(font)
        layout.addWidget(self.fingerprint)
        self.first_contact = QLabel(self.tr(
            "This is the first package from this sender. Before applying it, call the "
            "sender and compare this fingerprint with the one their screen shows: if it "
            "differs, do not apply the package. Later packages are checked against this key "
            "automatically."), self)
        self.first_contact.setWordWrap(True)
        self.first_contact.setStyleSheet("color: #a61b1b;")
        self.first_contact.setVisible(report.first_contact)
        layout.addWidget(self.first_contact)
        # On first contact Apply waits for this tick: trusting a key is a person's decision.
        self.compared = QCheckBox(self.tr(
            "I have compared the fingerprint with the sender by phone; it is the same"), self)
        self.compared.setVisible(report.first_contact)
        layout.addWidget(self.compared)
        self.counts = {
            "new": QLabel(f"{report.new:,}", self),
            "updated": QLabel(f"{report.updated:,}", self),
            "kept": QLabel(f"{report.kept:,}", self),
            "conflicts": QLabel(f"{len(report.conflicts):,}", self),
            "refused": QLabel(f"{len(report.refused):,}", self),
        }
        form = QFormLayout()
        form.addRow(self.tr("New cases"), self.counts["new"])
        form.addRow(self.tr("Updated cases"), self.counts["updated"])
        form.addRow(self.tr("Cases keeping local changes"), self.counts["kept"])
        form.addRow(self.tr("Conflicts"), self.counts["conflicts"])
        form.addRow(self.tr("Refused rows"), self.counts["refused"])
        layout.addLayout(form)
        self.tabs = QTabWidget(self)
        self.changes = _table(
            [self.tr("Case number"), self.tr("Field"), self.tr("Now"), self.tr("After")],
            [[c["case_number"], c["field"], _text(c["old"]), _text(c["new"])]
             for c in report.changes], self, field_column=1)
        self.conflicts = _table(
            [self.tr("Case number"), self.tr("Field"), self.tr("Ours"), self.tr("Theirs")],
            [[c["case_number"], c["field"], _text(c["mine"]), _text(c["theirs"])]
             for c in report.conflicts], self, field_column=1)
        self.refused = _table(
            [self.tr("Case number"), self.tr("Reason")],
            [[r.case_number, r.reason] for r in report.refused], self)
        self.tabs.addTab(self.changes, i18n.arg(self.tr("Changes (%1)"),
                                                f"{report.changed_fields:,}"
                                                if report.changed_fields
                                                else f"{len(report.changes):,}"))
        self.tabs.addTab(self.conflicts, i18n.arg(self.tr("Conflicts (%1)"),
                                                  f"{len(report.conflicts):,}"))
        self.tabs.addTab(self.refused, i18n.arg(self.tr("Refused (%1)"),
                                                f"{len(report.refused):,}"))
        layout.addWidget(self.tabs, 1)
        if report.changed_fields > len(report.changes):
            # The service lists the first CHANGES_LISTED; all are applied and audit-logged.
            layout.addWidget(QLabel(i18n.arg(
                self.tr("The first %1 of %2 field changes are listed; all are applied and "
                        "recorded in the audit log."),
                f"{len(report.changes):,}", f"{report.changed_fields:,}"), self))
        if report.message:
            note = QLabel(report.message, self)
            note.setWordWrap(True)
            layout.addWidget(note)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(self.tr("Apply"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if report.first_contact:
            self.apply_button.setEnabled(False)
            self.compared.toggled.connect(self.apply_button.setEnabled)


class ApplyPackageFlow(QObject):
    """Dry run → preview → apply, each slow step on a worker with progress and cancel."""

    #: The package was applied: the ApplyReport.
    finished = Signal(object)
    #: Nothing was changed: the message shown, or "" when the user cancelled.
    stopped = Signal(str)

    def __init__(self, db: Database | None, actor: Actor, file: Path, parent: QWidget, *,
                 create: Path | None = None) -> None:
        """Apply `file` to the open ledger `db`, or (db None) make the department's new
        ledger `create` from the audit office's first package."""
        super().__init__(parent)
        self.db, self.actor, self.file = db, actor, Path(file)
        self.create = create
        self.parent_widget = parent
        self.task: workers.Task | None = None
        self.progress: QProgressDialog | None = None
        self.preview: PackagePreview | None = None
        self.report: ApplyReport | None = None
        self.message = ""

    def start(self) -> None:
        self._run(True, self.tr("Checking the package…"))

    def apply(self) -> None:
        self._run(False, self.tr("Applying the package…"))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _run(self, dry_run: bool, label: str) -> None:
        self.progress = _progress_dialog(self.parent_widget, label, self.tr("Cancel"))
        steps = _StepProgress(self.progress)
        db, actor, file, create = self.db, self.actor, self.file, self.create

        def job(report: workers.Report) -> ApplyReport:
            if db is None and create is not None:
                return create_from_package(create, actor, file, dry_run=dry_run,
                                           progress=steps.job_callback(report))
            assert db is not None
            return apply_package(db, actor, file, dry_run=dry_run,
                                 progress=steps.job_callback(report))

        self.task = workers.start(
            job, on_done=self._checked if dry_run else self._applied,
            on_failed=self._failed, on_progress=steps.show, parent=self)
        self.progress.canceled.connect(self.task.cancel)
        self.progress.show()

    def _close_progress(self) -> None:
        self.task = None
        if self.progress is not None:
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None

    def _checked(self, report: ApplyReport) -> None:
        self._close_progress()
        if report.status == "already-applied":
            self._stop(report.message, warn=False)
            return
        self.preview = PackagePreview(report, self.parent_widget)
        self.preview.accepted.connect(self.apply)
        self.preview.rejected.connect(lambda: self._stop(""))
        self.preview.open()

    def _applied(self, report: ApplyReport) -> None:
        self._close_progress()
        self.report = report
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        if isinstance(exc, Cancelled):
            self._stop("")
            return
        self._stop(str(exc) if isinstance(exc, ServiceError) else repr(exc), warn=True)

    def _stop(self, message: str, *, warn: bool = True) -> None:
        self.message = message
        if message:
            box = QMessageBox.warning if warn else QMessageBox.information
            box(self.parent_widget, self.tr("Apply package"), message)
        self.stopped.emit(message)
