"""The audit office's console page: one row per department, with the exchange actions.

The rows come from `services.console`, read on a worker; exporting packages for all
departments runs on a worker too, with progress and cancel (cancel stops before the next
department: each package is its own transaction, so those written stay valid and recorded).
Conflicts are resolved one by one in a small dialog through `services.conflicts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.services.actor import Actor
from backlog_desk.services.conflicts import ConflictView, list_conflicts, resolve_conflict
from backlog_desk.services.console import Console, DepartmentStatus, console, export_all_packages
from backlog_desk.services.errors import Cancelled, ServiceError
from backlog_desk.store.database import Database

from . import i18n, workers

Index = QModelIndex | QPersistentModelIndex
DASH = "—"
LATE = QColor("#b3261e")
STALE = QColor("#9a6700")


def _t(text: str) -> str:
    return QCoreApplication.translate("ConsoleModel", text)


def _when(at: dt.datetime | None, seq: int | None) -> str:
    if at is None or seq is None:
        return DASH
    return i18n.arg(_t("%1, No. %2"), i18n.format_date(at.date()), seq)


def _confirmation(r: DepartmentStatus) -> str:
    if r.confirmed_at is None:
        return _t("overdue") if r.inventory_overdue else _t("not yet")
    text = i18n.arg(_t("%1 by %2"), i18n.format_date(r.confirmed_at.date()), r.confirmed_by)
    return text if r.confirmation_current else text + _t(" (list changed since)")


def _return(r: DepartmentStatus) -> str:
    if r.return_due is None:
        return DASH
    if r.return_overdue_days:
        return i18n.arg(_t("%1 days overdue"), r.return_overdue_days)
    return _t("received")


class ConsoleModel(QAbstractTableModel):
    """Rows of the console; read-only, replaced as a whole by `set_console`."""

    COLUMNS = (QT_TRANSLATE_NOOP("ConsoleModel", "Department"),
               QT_TRANSLATE_NOOP("ConsoleModel", "Inventory cases"),
               QT_TRANSLATE_NOOP("ConsoleModel", "Inventory list"),
               QT_TRANSLATE_NOOP("ConsoleModel", "Last package sent"),
               QT_TRANSLATE_NOOP("ConsoleModel", "Last package received"),
               QT_TRANSLATE_NOOP("ConsoleModel", "Return"),
               QT_TRANSLATE_NOOP("ConsoleModel", "Open conflicts"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DepartmentStatus] = []

    def set_console(self, view: Console | None) -> None:
        self.beginResetModel()
        self.rows = list(view.rows) if view is not None else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.COLUMNS):
                return _t(self.COLUMNS[section])
            return None
        return section + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) \
                or not 0 <= index.column() < len(self.COLUMNS):
            return None
        r, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.department, str(r.inventory_cases), _confirmation(r),
                    _when(r.last_sent_at, r.last_sent_seq),
                    _when(r.last_received_at, r.last_received_seq), _return(r),
                    str(r.open_conflicts) if r.open_conflicts else DASH)[col]
        if role == Qt.ItemDataRole.ForegroundRole:
            late = ((col == 2 and r.inventory_overdue) or (col == 5 and r.return_overdue_days)
                    or (col == 6 and r.open_conflicts))
            if late:
                return QBrush(LATE)
            if col == 2 and r.confirmed_at is not None and not r.confirmation_current:
                return QBrush(STALE)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return r.department
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ConflictsDialog(QDialog):
    """Open conflicts (optionally of one department): keep mine, take theirs or a value."""

    def __init__(self, db: Database, actor: Actor, department: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.department = db, actor, department
        self.setWindowTitle(self.tr("Conflicts") + (f" — {department}" if department else ""))
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([
            self.tr("Case"), self.tr("Field"), self.tr("Mine"), self.tr("Theirs"),
            self.tr("Changed by them"), self.tr("From")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.keep_button = QPushButton(self.tr("Keep mine"), self)
        self.take_button = QPushButton(self.tr("Take theirs"), self)
        self.value_button = QPushButton(self.tr("Type a value…"), self)
        self.keep_button.clicked.connect(lambda: self.resolve(keep_mine=True))
        self.take_button.clicked.connect(lambda: self.resolve(take_theirs=True))
        self.value_button.clicked.connect(self._ask_value)
        buttons = QHBoxLayout()
        for b in (self.keep_button, self.take_button, self.value_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.resize(900, 420)
        self.conflicts: list[ConflictView] = []
        self.reload()

    def reload(self) -> None:
        self.conflicts = [c for c in list_conflicts(self.db)
                          if self.department is None or c.department == self.department]
        self.table.setRowCount(len(self.conflicts))
        for i, c in enumerate(self.conflicts):
            who = f"{c.theirs_by} {c.theirs_at:%Y-%m-%d %H:%M}" if c.theirs_at else c.theirs_by
            for j, text in enumerate((c.case_number, c.field, c.mine or "", c.theirs or "",
                                      who, c.peer)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        if self.conflicts:
            self.table.selectRow(0)

    def selected(self) -> ConflictView | None:
        row = self.table.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _ask_value(self) -> None:
        c = self.selected()
        if c is None:
            return
        value, ok = QInputDialog.getText(self, self.tr("New value"), c.field, text=c.mine or "")
        if ok:
            self.resolve(value=value)

    def resolve(self, *, keep_mine: bool = False, take_theirs: bool = False,
                value: str | None = None) -> bool:
        """Resolve the selected conflict (one short transaction, on the GUI thread so a
        refusal shows at once); returns whether it was written."""
        c = self.selected()
        if c is None:
            return False
        try:
            resolve_conflict(self.db, self.actor, c.id, keep_mine=keep_mine,
                             take_theirs=take_theirs, value=value)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Cannot resolve the conflict"), str(exc))
            return False
        self.reload()
        return True


class ConsolePage(QWidget):
    """The page; `set_ledger` gives it the open file and the signed-in actor."""

    #: The console was read again (rows are in `model`).
    refreshed = Signal()
    #: Packages were written: the list of ExportResult.
    exported = Signal(list)
    #: Why the last background job failed.
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self._today = today
        self.db: Database | None = None
        self.actor: Actor | None = None
        self.model = ConsoleModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.show_conflicts())
        self.summary = QLabel(self)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.export_button = QPushButton(self.tr("Export packages for all departments…"),
                                         self)
        self.conflicts_button = QPushButton(self.tr("Resolve conflicts…"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.choose_export_folder)
        self.conflicts_button.clicked.connect(self.show_conflicts)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        for b in (self.refresh_button, self.export_button, self.conflicts_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self._task: workers.Task | None = None
        self.progress: QProgressDialog | None = None
        self.conflicts_dialog: ConflictsDialog | None = None

    def set_ledger(self, db: Database | None, actor: Actor | None) -> None:
        self.db, self.actor = db, actor
        self.model.set_console(None)
        may_act = actor is not None and actor.role.value in ("audit", "system")
        self.export_button.setEnabled(may_act)
        self.conflicts_button.setEnabled(actor is not None and actor.role.value != "leader")
        if db is not None:
            self.refresh()

    @property
    def busy(self) -> bool:
        return self._task is not None

    def refresh(self) -> workers.Task | None:
        db = self.db
        if db is None:
            return None
        today = self._today()
        self._task = workers.start(lambda _report: console(db, today),
                                   on_done=lambda view: self._shown(db, view),
                                   on_failed=self._failed)
        return self._task

    def _shown(self, db: Database, view: Console) -> None:
        self._task = None
        # The window (and this page) may have closed while the console was read: the
        # callback outlives the widgets, which must not be touched then.
        if not shiboken6.isValid(self.model) or db is not self.db:
            return
        self.model.set_console(view)
        overdue = sum(1 for r in view.rows if r.return_overdue_days)
        conflicts = sum(r.open_conflicts for r in view.rows)
        unconfirmed = sum(1 for r in view.rows if r.confirmed_at is None)
        self.summary.setText(i18n.arg(
            self.tr("%1 departments · returns overdue: %2 · inventory lists not confirmed: "
                    "%3 · open conflicts: %4"), len(view.rows), overdue, unconfirmed,
            conflicts))
        self.refreshed.emit()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        if not shiboken6.isValid(self.model):
            return  # closed meanwhile, as in _shown
        if self.progress is not None:
            self.progress.reset()
            self.progress = None
        message = str(exc)
        self.failed.emit(message)
        if isinstance(exc, Cancelled):
            self.refresh()  # the packages written before the cancel are sent: show them
        else:
            self.summary.setText(message)

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the packages"), str(Path.home()))
        if folder:
            self.export_all(Path(folder))

    def export_all(self, folder: Path) -> workers.Task | None:
        db, actor = self.db, self.actor
        if db is None or actor is None:
            return None
        dialog = QProgressDialog(self.tr("Writing packages…"), self.tr("Cancel"), 0, 0, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        self.progress = dialog

        def progressed(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

        self._task = workers.start(
            lambda report: export_all_packages(db, actor, folder, report=report),
            on_done=self._exported, on_failed=self._failed, on_progress=progressed)
        dialog.canceled.connect(self._task.cancel)
        return self._task

    def _exported(self, results: list[Any]) -> None:
        self._task = None
        if self.progress is not None:
            self.progress.reset()
            self.progress = None
        self.exported.emit(results)
        self.refresh()

    def selected_department(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].department if rows else None

    def show_conflicts(self) -> ConflictsDialog | None:
        if self.db is None or self.actor is None:
            return None
        dialog = ConflictsDialog(self.db, self.actor, self.selected_department(), self)
        dialog.finished.connect(lambda _r: self.refresh())
        self.conflicts_dialog = dialog
        dialog.open()
        return dialog
