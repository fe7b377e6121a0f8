"""Department workbooks from the window: export for one, several or all departments, and the
import of a returned workbook with a preview before anything is written.

Both run their service call on a worker (ui/workers.py). Cancelling an export removes the
workbook being written (the service writes to a partial file and renames it when complete);
cancelling an import, even while it writes, rolls its one transaction back.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.exchange.workbook_layout import COLUMN_BY_KEY
from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.errors import Cancelled
from backlog_desk.services.workbooks import (
    ExportResult,
    WorkbookImportReport,
    default_deadline,
    department_names,
    export_department_workbook,
    import_department_workbook,
    write_import_errors,
)
from backlog_desk.store.database import Database

from . import i18n, workers

_STEPS = 1000  # progress units per department, so several exports share one bar


def workbook_name(department: str) -> str:
    """The file a department's workbook is saved as (the department's name leads, so a folder
    of them sorts by department)."""
    safe = "".join("_" if ch in '\\/:*?"<>|' else ch for ch in department).strip() or "部门"
    return f"{safe}积案清结台账.xlsx"


class ExportWorkbooksDialog(workers.JobDialog):
    """Choose departments, a folder and a return deadline; Export writes one workbook each."""

    #: The results of a finished export (one ExportResult per department).
    exported = Signal(list)

    def __init__(self, db: Database, actor: Actor, folder: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportWorkbooks")
        self.setWindowTitle(self.tr("Export department workbooks"))
        self.resize(560, 520)
        self.db, self.actor = db, actor
        self.results: list[ExportResult] = []
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Departments:"), self))
        self.departments = QListWidget(self)
        self.departments.setObjectName("departments")
        names = department_names(db)
        if actor.role is Role.DEPARTMENT:
            names = [n for n in names if n == actor.department]
        for name in names:
            item = QListWidgetItem(name, self.departments)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if len(names) == 1
                               else Qt.CheckState.Unchecked)
        layout.addWidget(self.departments, 1)
        picks = QHBoxLayout()
        self.all_button = QPushButton(self.tr("Select all"), self)
        self.none_button = QPushButton(self.tr("Select none"), self)
        self.all_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        self.none_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        picks.addWidget(self.all_button)
        picks.addWidget(self.none_button)
        picks.addStretch(1)
        layout.addLayout(picks)
        form = QFormLayout()
        row = QHBoxLayout()
        self.folder = QLineEdit(str(folder) if folder else "", self)
        self.folder.setObjectName("folder")
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Output folder:"), row)
        self.deadline = QDateEdit(self)
        self.deadline.setObjectName("deadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        d = default_deadline(db)
        self.deadline.setDate(QDate(d.year, d.month, d.day))
        form.addRow(self.tr("Return deadline:"), self.deadline)
        layout.addLayout(form)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.status = QLabel("", self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton(self.tr("Export"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(buttons)

    def _check_all(self, state: Qt.CheckState) -> None:
        for i in range(self.departments.count()):
            self.departments.item(i).setCheckState(state)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Output folder"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def chosen(self) -> list[str]:
        return [self.departments.item(i).text() for i in range(self.departments.count())
                if self.departments.item(i).checkState() == Qt.CheckState.Checked]

    def set_chosen(self, names: list[str]) -> None:
        for i in range(self.departments.count()):
            item = self.departments.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in names
                               else Qt.CheckState.Unchecked)

    def start(self) -> workers.Task | None:
        """Export the checked departments on a worker; None (and why, in the status line)
        when nothing can start."""
        if self.task is not None:
            return None
        names = self.chosen()
        folder = Path(self.folder.text().strip()) if self.folder.text().strip() else None
        if not names:
            self.status.setText(self.tr("Choose at least one department."))
            return None
        if folder is None or not folder.is_dir():
            self.status.setText(self.tr("Choose an existing output folder."))
            return None
        q = self.deadline.date()
        deadline = dt.date(q.year(), q.month(), q.day())
        db, actor = self.db, self.actor

        def job(report: workers.Report) -> list[ExportResult]:
            results = []
            for i, name in enumerate(names):
                def step(done: int, total: int, i: int = i) -> None:
                    report(i * _STEPS + (done * _STEPS // total if total else 0),
                           len(names) * _STEPS)

                report(i * _STEPS, len(names) * _STEPS)
                results.append(export_department_workbook(
                    db, actor, name, folder / workbook_name(name), deadline=deadline,
                    progress=step))
            report(len(names) * _STEPS, len(names) * _STEPS)
            return results

        self.export_button.setEnabled(False)
        self.status.setText(i18n.arg(self.tr("Exporting %1 workbook(s)…"), str(len(names))))
        self.progress.setRange(0, len(names) * _STEPS)
        self.progress.setValue(0)
        self.task = workers.start(job, on_done=self._done, on_failed=self._failed,
                                  on_progress=self._progressed, parent=self)
        return self.task

    def _progressed(self, done: int, total: int) -> None:
        if total:
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _done(self, results: list[ExportResult]) -> None:
        self.task = None
        self.results = results
        self.export_button.setEnabled(True)
        self.status.setText(i18n.arg(
            self.tr("Exported %1 workbook(s), %2 cases, to %3"), str(len(results)),
            f"{sum(r.rows for r in results):,}",
            str(Path(results[0].file).parent) if results else ""))
        self.cancel_button.setText(self.tr("Close"))
        self.exported.emit(results)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.export_button.setEnabled(True)
        self.progress.setValue(0)
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("Cancelled; the workbook being written was removed "
                                        "(finished ones are kept)."))
        else:
            self.status.setText(i18n.arg(self.tr("Export failed: %1"), str(exc)))




class WorkbookImportDialog(workers.JobDialog):
    """A returned workbook: checked on a worker (a dry run), shown row by row, then applied
    in one transaction (backup first) on Apply, or left alone on Cancel."""

    #: The report once the import has been applied.
    applied = Signal(object)

    def __init__(self, db: Database, actor: Actor, path: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workbookImport")
        self.setWindowTitle(self.tr("Import department workbook"))
        self.resize(980, 600)
        self.db, self.actor, self.path = db, actor, Path(path)
        self.report: WorkbookImportReport | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel(i18n.arg(self.tr("File: %1"), self.path.name), self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        form = QFormLayout()
        #: The count labels by name, for tests and screen readers.
        self.counts: dict[str, QLabel] = {}
        for key, text in (("unchanged", self.tr("Unchanged:")),
                          ("updated", self.tr("Cases updated:")),
                          ("added", self.tr("New cases proposed:")),
                          ("flagged", self.tr("Flagged for the audit office:")),
                          ("rejected", self.tr("Rejected:"))):
            label = QLabel("–", self)
            label.setObjectName(f"count_{key}")
            self.counts[key] = label
            form.addRow(text, label)
        layout.addLayout(form)
        self.rows = QTableWidget(0, 6, self)
        self.rows.setObjectName("classifiedRows")
        self.rows.setHorizontalHeaderLabels([
            self.tr("Class"), self.tr("Sheet"), self.tr("Row"), self.tr("Column"),
            self.tr("Case number"), self.tr("Change or reason")])
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rows.verticalHeader().setVisible(False)
        self.rows.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.rows, 1)
        self.warnings = QLabel("", self)
        self.warnings.setWordWrap(True)
        layout.addWidget(self.warnings)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 4)
        layout.addWidget(self.progress)
        self.status = QLabel("", self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(self)
        self.errors_button = buttons.addButton(self.tr("Save error workbook…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button = buttons.addButton(self.tr("Apply"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.errors_button.setEnabled(False)
        self.apply_button.setEnabled(False)
        self.errors_button.clicked.connect(lambda: self.save_errors())
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(buttons)

    def start(self) -> workers.Task:
        """The dry run: read and classify every row, write nothing."""
        self.status.setText(self.tr("Checking the workbook…"))
        return self._run(dry_run=True)

    def _run(self, dry_run: bool) -> workers.Task:
        db, actor, path = self.db, self.actor, self.path

        def job(report: workers.Report) -> WorkbookImportReport:
            return import_department_workbook(db, actor, path, dry_run=dry_run,
                                              progress=report)

        self.apply_button.setEnabled(False)
        self.task = workers.start(job, on_done=self._checked if dry_run else self._applied,
                                  on_failed=self._failed, on_progress=self._progressed,
                                  parent=self)
        return self.task

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _checked(self, report: WorkbookImportReport) -> None:
        self.task = None
        self.report = report
        self.heading.setText(i18n.arg(self.tr("File: %1 — department %2, export %3"),
                                      self.path.name, report.department, report.export_id))
        values = {"unchanged": report.unchanged, "updated": len(report.updated),
                  "added": len(report.added), "flagged": len(report.flagged),
                  "rejected": len(report.rejected)}
        for key, value in values.items():
            self.counts[key].setText(f"{value:,}")
        self._fill(report)
        self.warnings.setText("\n".join(report.warnings))
        self.errors_button.setEnabled(bool(report.rejected or report.added or report.flagged))
        self.apply_button.setEnabled(bool(report.updated))
        self.status.setText(self.tr("Nothing is written until you click Apply.")
                            if report.updated else
                            self.tr("Nothing to apply: the ledger already holds every entry "
                                    "of this workbook that can be taken."))

    def _fill(self, report: WorkbookImportReport) -> None:
        label = {"updated": self.tr("Updated"), "added": self.tr("New case proposed"),
                 "flagged": self.tr("Flagged"), "rejected": self.tr("Rejected")}
        lines: list[tuple[str, str, int, str, str, str]] = []
        for u in report.updated:
            for ch in u.changes:
                # The column as the clerk sees it (状态 follows from 结案日期, it has none).
                column = COLUMN_BY_KEY[ch.field].header if ch.field in COLUMN_BY_KEY else ch.field
                lines.append((label["updated"], u.sheet, u.row, column, u.case_number,
                              f"{ch.old or '∅'} → {ch.new or '∅'}"))
        for kind, issues in (("added", report.added), ("flagged", report.flagged),
                             ("rejected", report.rejected)):
            for i in issues:
                lines.append((label[kind], i.sheet, i.row, i.column or i.field, i.case_number,
                              i.reason))
        self.rows.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, value in enumerate(line):
                item = QTableWidgetItem(str(value))
                if c == 2:
                    item.setData(Qt.ItemDataRole.DisplayRole, value)  # sorts as a number
                self.rows.setItem(r, c, item)
        self.rows.resizeColumnsToContents()
        self.rows.horizontalHeader().setStretchLastSection(True)

    def apply(self) -> workers.Task | None:
        """Import for real: the service classifies again (the ledger may have moved on since
        the preview), takes a backup and writes every good row in one transaction."""
        if self.report is None or self.task is not None:
            return None
        self.status.setText(self.tr("Applying…"))
        self.errors_button.setEnabled(False)
        return self._run(dry_run=False)

    def _applied(self, report: WorkbookImportReport) -> None:
        self.task = None
        self.report = report
        self.status.setText(i18n.arg(self.tr("Applied: %1 cases updated; backup %2"),
                                     f"{len(report.updated):,}",
                                     Path(report.backup).name if report.backup else "–"))
        self.errors_button.setEnabled(bool(report.rejected or report.added or report.flagged))
        self.cancel_button.setText(self.tr("Close"))
        self.applied.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("Cancelled; the ledger is unchanged."))
        else:
            self.status.setText(i18n.arg(self.tr("The workbook cannot be imported: %1"),
                                         str(exc)))
        self.apply_button.setEnabled(False)

    def save_errors(self, out: Path | None = None) -> Path | None:
        """Write the error workbook (rejected cells red, flagged rows yellow, each with a
        comment saying why) to `out`, asking where when not given."""
        if self.report is None:
            return None
        if out is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save error workbook"),
                str(self.path.with_name(self.path.stem + "_问题清单.xlsx")),
                self.tr("Excel workbooks (*.xlsx)"))
            if not chosen:
                return None
            out = Path(chosen)
        write_import_errors(self.report, out)
        self.status.setText(i18n.arg(self.tr("Error workbook saved: %1"), str(out)))
        return out
