"""File → Backups…: the automatic backups of the open ledger, how many are kept, restore.

Restoring runs on a worker (the copy and the integrity check read the whole file); the
window reopens the ledger when `restored` arrives, since every cached page is stale then.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.services.actor import Actor
from backlog_desk.services.backups import (
    MAX_KEPT,
    BackupInfo,
    RestoreResult,
    list_backups,
    restore_backup,
    set_backups_kept,
)
from backlog_desk.services.errors import Cancelled, ServiceError
from backlog_desk.store.database import Database

from . import i18n, workers


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:,.0f} KB"


class BackupsDialog(QDialog):
    #: A backup was restored: the RestoreResult.
    restored = Signal(object)
    #: Why a restore failed (nothing was changed).
    restore_failed = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("Backups"))
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Size"),
                                              self.tr("Reason")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.keep = QSpinBox(self)
        self.keep.setRange(1, MAX_KEPT)
        self.keep.setValue(db.backups_kept())
        self.keep_button = QPushButton(self.tr("Apply"), self)
        self.keep_button.clicked.connect(self.apply_keep)
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        self.restore_button.clicked.connect(self.ask_restore)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        keep_row = QHBoxLayout()
        keep_row.addWidget(QLabel(self.tr("Backups kept"), self))
        keep_row.addWidget(self.keep)
        keep_row.addWidget(self.keep_button)
        keep_row.addStretch(1)
        keep_row.addWidget(self.restore_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(keep_row)
        layout.addWidget(self.note)
        layout.addWidget(close)
        self.resize(720, 420)
        self.backups: list[BackupInfo] = []
        self._task: workers.Task | None = None
        self.progress: QProgressDialog | None = None
        self.reload()

    def reload(self) -> None:
        try:
            self.backups = list_backups(self.db)
        except ServiceError as exc:  # a PostgreSQL ledger: the server's tools back it up
            self.backups = []
            self.note.setText(str(exc))
        self.table.setRowCount(len(self.backups))
        for i, b in enumerate(self.backups):
            when = f"{i18n.format_date(b.at.date())} {b.at:%H:%M:%S}"
            for j, text in enumerate((when, _size(b.size), b.reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(b.path))
                if j == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None and self._task is None)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def apply_keep(self) -> None:
        try:
            set_backups_kept(self.db, self.actor, self.keep.value())
        except ServiceError as exc:
            self.note.setText(str(exc))
            return
        self.note.setText(i18n.arg(self.tr("The newest %1 backups are kept."),
                                   self.keep.value()))
        self.reload()

    def ask_restore(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        answer = QMessageBox.question(self, self.tr("Restore backup"), i18n.arg(
            self.tr("Replace the ledger by the backup of %1? The current state is backed up "
                    "first, so this can be undone."),
            f"{i18n.format_date(chosen.at.date())} {chosen.at:%H:%M:%S}"))
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(chosen.path)

    def restore(self, backup: Path) -> workers.Task:
        db, actor = self.db, self.actor
        dialog = QProgressDialog(self.tr("Restoring the backup…"), "", 0, 0, self)
        # Not cancellable: the copy is one transaction and takes seconds at most.
        dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        self.progress = dialog
        self.restore_button.setEnabled(False)
        self._task = workers.start(
            lambda report: restore_backup(db, actor, backup, report=report),
            on_done=self._restored, on_failed=self._failed,
            on_progress=lambda done, total: (dialog.setMaximum(total), dialog.setValue(done)))
        return self._task

    def _finish(self) -> None:
        self._task = None
        if self.progress is not None:
            self.progress.reset()
            self.progress = None

    def _restored(self, result: RestoreResult) -> None:
        self._finish()
        self.note.setText(i18n.arg(self.tr("Restored %1; the state before is in %2."),
                                   result.restored_from.name, result.safety_backup.name))
        self.reload()
        self.restored.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        message = str(exc)
        self.note.setText(message)
        self._selection_changed()
        self.restore_failed.emit(message)
        if not isinstance(exc, Cancelled) and self.isVisible():
            QMessageBox.warning(self, self.tr("Cannot restore the backup"), message)
