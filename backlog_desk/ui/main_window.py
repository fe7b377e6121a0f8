"""The main window: headline numbers above the ledger table, with filters, the case detail
panel (a dock beside the table), undo/redo of edits and a status bar.

Nothing slow runs on the GUI thread. Opening a ledger (integrity check, first id list),
the campaign statistics and every re-sort or re-filter run on workers, so the window keeps
painting and scrolling even over a million cases (shared/TECH.md §5): the table appears as
soon as its ids are read, the headline numbers when their GROUP BY is done.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from backlog_desk import __version__
from backlog_desk.services.demo import create_demo
from backlog_desk.services.errors import Cancelled, NotFound, ServiceError
from backlog_desk.services.ledger_view import OpenedLedger, open_ledger
from backlog_desk.services.stats import CampaignStats, campaign_stats
from backlog_desk.store.database import Database, StoreError

from . import i18n, recent, workers
from .detail_panel import CaseDetailPanel
from .editing import CLOSURE_FIELDS, EditController
from .filter_bar import FilterBar
from .headline import HeadlinePanel
from .ledger_model import ROW_ROLE, LedgerModel
from .ledger_table import LedgerView
from .recent import LAST_KEY

__all__ = ["LAST_KEY", "MainWindow"]


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, StoreError | ServiceError | OSError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _stats_or_none(db: Database, as_of: dt.date) -> CampaignStats | None:
    try:
        return campaign_stats(db, as_of=as_of)
    except NotFound:  # a ledger without a campaign still shows its cases
        return None


class MainWindow(QMainWindow):
    #: The target (file path or URL) of a ledger whose table is now shown.
    database_opened = Signal(str)
    #: A message saying why opening or creating a ledger failed.
    open_failed = Signal(str)
    #: The headline numbers of the open ledger are shown (or known to be absent).
    stats_ready = Signal()

    def __init__(self, settings: QSettings, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__()
        self.settings = settings
        self._today = today
        self.loaded: OpenedLedger | None = None
        self.stats: CampaignStats | None = None
        self.stats_pending = False
        self._task: workers.Task | None = None
        self._stats_task: workers.Task | None = None
        self._progress: QProgressDialog | None = None
        self._closing = False
        self._opening = 0  # number of the latest open request
        self._stats_number = 0  # number of the latest statistics request
        self.model = LedgerModel(self, background=True)
        self.edits = EditController(self, today=today)
        self.setWindowTitle(self.tr("Backlog Desk"))
        self._build_central()
        self._build_detail()
        self._build_menus()
        self._build_status_bar()
        self.resize(1360, 860)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        #: Whether the dock still needs its first width (no layout was saved).
        self._size_dock = state is None or not self.restoreState(state)
        self.table.restore_from(settings)

    @property
    def db(self) -> Database | None:
        return self.loaded.db if self.loaded else None

    # --- construction -------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = file_menu.addAction(self.tr("&Open database…"))
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_database)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction(self.tr("&Quit"))
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        stack = self.edits.stack
        self.undo_action = stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, self.tr("&Redo"))
        # Ctrl+Y is what court PCs (Windows, WPS) know; Ctrl+Shift+Z is the Linux habit.
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.detail_action = self.detail_dock.toggleViewAction()
        self.detail_action.setText(self.tr("Case &details"))
        self.detail_action.setShortcut(QKeySequence("Ctrl+D"))
        view_menu.addAction(self.detail_action)
        self.columns_menu = view_menu.addMenu(self.tr("&Columns"))
        self.columns_menu.aboutToShow.connect(
            lambda: self.table.fill_column_menu(self.columns_menu))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action: QAction = help_menu.addAction(self.tr("&About Backlog Desk"))
        self.about_action.triggered.connect(self.show_about)

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        self.headline = HeadlinePanel(central)
        layout.addWidget(self.headline)

        self.filter_bar = FilterBar(central)
        # Kept as attributes: the tests and the dashboard (issue 4) drive them directly.
        self.department_combo = self.filter_bar.department_combo
        self.status_combo = self.filter_bar.status_combo
        self.search_edit = self.filter_bar.search_edit
        self.filter_bar.changed.connect(self.apply_filters)
        layout.addWidget(self.filter_bar)

        self.table = LedgerView(self.model, central)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)
        self.model.modelReset.connect(self._update_counts)
        self.model.loading.connect(self._show_loading)
        for signal in (self.model.load_failed, self.edits.failed):
            signal.connect(lambda message: self.statusBar().showMessage(message, 10_000))
        self.model.edit_refused.connect(self._edit_refused)
        self.model.set_editing(self.edits.may_edit, lambda row, changes: self.edits.edit(
            row.id, row.case_number, changes))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.edits.changed.connect(self._case_changed)

    def _build_detail(self) -> None:
        self.detail = CaseDetailPanel(self)
        self.detail.editor = self.edits.edit
        self.detail.may_edit = self.edits.may_edit
        self.detail_dock = QDockWidget(self.tr("Case details"), self)
        self.detail_dock.setObjectName("detailDock")
        self.detail_dock.setWidget(self.detail)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.detail_dock)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel(self)
        self.count_label.setObjectName("counts")
        self.path_label = QLabel(self)
        self.path_label.setObjectName("path")
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.path_label)

    # --- opening ------------------------------------------------------------------------

    def open_database(self, target: str | Path) -> workers.Task:
        """Open a ledger on a worker; `database_opened` or `open_failed` follows. Only the
        latest request counts: a file chosen while another is still opening replaces it."""
        text, sort = str(target), self.model.sort_key
        self._opening += 1
        number = self._opening
        self.statusBar().showMessage(i18n.arg(self.tr("Opening %1…"), text))
        self._task = workers.start(lambda _report: open_ledger(text, sort),
                                   on_done=lambda opened: self._on_opened(opened, number),
                                   on_failed=lambda exc: self._on_failed(exc, number))
        return self._task

    def create_demo_and_open(self, path: Path) -> workers.Task:
        """Create the demo ledger at `path` (once) with a cancellable progress dialog."""
        if path.exists():
            return self.open_database(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        dialog = QProgressDialog(self.tr("Creating the demo ledger…"), self.tr("Cancel"),
                                 0, 0, self)
        dialog.setWindowTitle(self.tr("Backlog Desk"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # Only shown if the job takes longer than this, so a fast PC sees no flash.
        dialog.setMinimumDuration(500)
        self._progress = dialog

        def job(report: workers.Report) -> str:
            create_demo(path, scale="S", progress=report)
            return str(path)

        def progressed(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

        def failed(exc: BaseException) -> None:
            # A cancelled or failed demo leaves a half-made file; remove it so the next
            # start tries again instead of opening an empty ledger.
            for suffix in ("", "-wal", "-shm"):
                # Windows refuses while the failed job's connection is still open.
                with contextlib.suppress(OSError):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            self._on_failed(exc)

        self._task = workers.start(job, on_done=self.open_database, on_failed=failed,
                                   on_progress=progressed)
        dialog.canceled.connect(self._task.cancel)
        return self._task

    def _finish_task(self) -> None:
        self._task = None
        self.statusBar().clearMessage()
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None

    def _on_failed(self, exc: BaseException, number: int | None = None) -> None:
        if number is not None and number != self._opening:
            return
        self._finish_task()
        message = _error_text(exc)
        self.open_failed.emit(message)
        if not isinstance(exc, Cancelled):
            QMessageBox.warning(self, self.tr("Cannot open the ledger"), message)

    def _on_opened(self, opened: OpenedLedger, number: int) -> None:
        if self._closing or number != self._opening:
            opened.db.dispose()
            return
        self._finish_task()
        # The window's day (injected in tests) decides "expected date passed" and ages.
        opened = dataclasses.replace(opened, query=dataclasses.replace(
            opened.query, today=self._today(), reference_date=opened.reference_date))
        previous, self.loaded = self.loaded, opened
        self.filter_bar.reset(opened.departments)
        self.edits.set_ledger(opened.db)
        self.detail.clear()
        # The user may have clicked a header while the file was opening.
        ids = opened.ids if opened.sort == self.model.sort_key else None
        self.model.set_query(opened.query, opened.reference_date or self._today(), ids)
        if previous is not None:
            previous.db.dispose()
        self.setWindowTitle(f"{self.tr('Backlog Desk')} — {opened.court_name}"
                            if opened.court_name else self.tr("Backlog Desk"))
        self.stats, self.stats_pending = None, True
        self.headline.set_loading(opened.court_name)
        self.path_label.setText(opened.target)
        recent.remember(self.settings, opened.target)
        self.refresh_stats()
        self.database_opened.emit(opened.target)

    def refresh_stats(self) -> None:
        """Count the headline numbers again on a worker (after opening or an edit)."""
        opened = self.loaded
        if opened is None:
            return
        self._stats_number += 1
        number, db, as_of = self._stats_number, opened.db, self._today()
        self.stats_pending = True
        self._stats_task = workers.start(
            lambda _report: _stats_or_none(db, as_of),
            on_done=lambda stats: self._on_stats(opened, stats, number),
            on_failed=lambda exc: self._on_stats_failed(opened, exc))

    def _on_stats(self, opened: OpenedLedger, stats: CampaignStats | None,
                  number: int) -> None:
        if opened is not self.loaded or number != self._stats_number:
            return  # another ledger was opened, or the numbers recounted, meanwhile
        self._stats_task, self.stats, self.stats_pending = None, stats, False
        self.headline.set_stats(stats, opened.court_name)
        self.stats_ready.emit()

    def _on_stats_failed(self, opened: OpenedLedger, exc: BaseException) -> None:
        if opened is not self.loaded:
            return
        self._stats_task, self.stats_pending = None, False
        self.headline.set_stats(None, opened.court_name)
        self.statusBar().showMessage(_error_text(exc))
        self.stats_ready.emit()

    # --- filters and counts -------------------------------------------------------------

    def apply_filters(self) -> None:
        """Re-read the id list for the filters chosen in the filter bar."""
        values = self.filter_bar.values()
        query = self.model.query
        if query is None:
            return
        new = query.with_filters(**values)
        if new != query:
            self.model.set_query(new)

    # --- selection and edits ------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row is None or self.loaded is None:
            self.detail.clear()
            return
        if row.id != self.detail.case_id:
            self.detail.show_case(self.loaded.db, row.case_number, row.id,
                                  self.model.reference_date)

    def _case_changed(self, case_id: int, fields: list[str]) -> None:
        self.model.refresh_case(case_id)
        if self.detail.case_id == case_id:
            self.detail.reload()
        self.statusBar().showMessage(self.tr("Saved"), 3_000)
        # The headline counts closures only; a new reason or date leaves it as it is, and
        # recounting a million-case ledger for it would be wasted work.
        if CLOSURE_FIELDS & set(fields):
            self.refresh_stats()

    def _edit_refused(self, message: str, row: int, column: int) -> None:
        self.statusBar().showMessage(i18n.arg(self.tr("Not saved: %1"), message), 15_000)
        rect = self.table.visualRect(self.model.index(row, column))
        QToolTip.showText(self.table.viewport().mapToGlobal(rect.bottomLeft()), message,
                          self.table)

    def _show_loading(self, loading: bool) -> None:
        # Only the table shows it is busy; menus and scrolling keep working.
        viewport = self.table.viewport()
        if loading:
            viewport.setCursor(Qt.CursorShape.BusyCursor)
            self.count_label.setText(self.tr("Loading…"))
        else:
            viewport.unsetCursor()
            self._update_counts()

    def _update_counts(self) -> None:
        total = self.loaded.total if self.loaded else 0
        self.count_label.setText(i18n.arg(self.tr("Showing %1 of %2 cases"),
                                          f"{self.model.rowCount():,}", f"{total:,}"))

    # --- menus --------------------------------------------------------------------------

    def choose_database(self) -> None:
        start = str(Path(self.loaded.target).parent) if self.loaded else ""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open database"), start,
            self.tr("Ledger databases (*.db *.sqlite);;All files (*)"))
        if path:
            self.open_database(path)

    def _fill_recent_menu(self) -> None:
        recent.fill_menu(self.recent_menu, self.settings, self.open_database, self.tr("(none)"))

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Backlog Desk"), i18n.arg(self.tr(
            "<p><b>Backlog Desk</b> %1</p><p>Ledger of old open cases for "
            "backlog-clearance campaigns.</p>"), __version__))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._size_dock:
            # A dock takes a width only once the window is laid out at its real size.
            self._size_dock = False
            QTimer.singleShot(0, lambda: self.resizeDocks(
                [self.detail_dock], [self.detail.sizeHint().width()], Qt.Orientation.Horizontal))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        if self._task is not None:
            self._task.cancel()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.table.save_to(self.settings)
        self.settings.sync()
        if self.loaded is not None:
            # Workers still reading this ledger hold their own connection; dispose only
            # closes idle ones, and theirs close when they finish.
            self.model.set_query(None)
            self.loaded.db.dispose()
        super().closeEvent(event)
