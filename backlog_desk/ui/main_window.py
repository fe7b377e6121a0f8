"""The main window: headline numbers above the ledger table, with filters and a status bar.

Nothing slow runs on the GUI thread. Opening a ledger (integrity check, first id list),
the campaign statistics and every re-sort or re-filter run on workers, so the window keeps
painting and scrolling even over a million cases (shared/TECH.md §5): the table appears as
soon as its ids are read, the headline numbers when their GROUP BY is done.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from backlog_desk import __version__
from backlog_desk.services.demo import create_demo
from backlog_desk.services.errors import Cancelled, NotFound, ServiceError
from backlog_desk.services.ledger_view import OpenedLedger, open_ledger
from backlog_desk.services.stats import CampaignStats, campaign_stats
from backlog_desk.store.database import Database, StoreError

from . import i18n, workers
from .headline import HeadlinePanel
from .ledger_model import LedgerModel, LedgerView

RECENT_KEY = "recent_databases"
LAST_KEY = "last_database"
RECENT_MAX = 8
SEARCH_DELAY_MS = 300


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
        self.model = LedgerModel(self, background=True)
        self.setWindowTitle(self.tr("Backlog Desk"))
        self._build_menus()
        self._build_central()
        self._build_status_bar()
        self.resize(1360, 860)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

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
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action: QAction = help_menu.addAction(self.tr("&About Backlog Desk"))
        self.about_action.triggered.connect(self.show_about)

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        self.headline = HeadlinePanel(central)
        layout.addWidget(self.headline)

        bar = QHBoxLayout()
        self.department_combo = QComboBox(central)
        self.department_combo.setObjectName("departmentFilter")
        self.department_combo.setMinimumContentsLength(8)
        self.status_combo = QComboBox(central)
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem(self.tr("All"), None)
        self.status_combo.addItem(self.tr("Open"), "open")
        self.status_combo.addItem(self.tr("Closed"), "closed")
        self.search_edit = QLineEdit(central)
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(self.tr("Case number or case name"))
        self.search_edit.setClearButtonEnabled(True)
        for text, widget in ((self.tr("Department:"), self.department_combo),
                             (self.tr("Status:"), self.status_combo),
                             (self.tr("Search:"), self.search_edit)):
            label = QLabel(text, central)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget, 1 if widget is self.search_edit else 0)
            bar.addSpacing(8)
        layout.addLayout(bar)
        self._reset_filters([])

        # Typing must not re-query on every keystroke: wait until the user pauses.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self.apply_filters)
        self.department_combo.currentIndexChanged.connect(self.apply_filters)
        self.status_combo.currentIndexChanged.connect(self.apply_filters)

        self.table = LedgerView(self.model, central)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)
        self.model.modelReset.connect(self._update_counts)
        self.model.loading.connect(self._show_loading)
        self.model.load_failed.connect(
            lambda message: self.statusBar().showMessage(message, 10_000))

    def _build_status_bar(self) -> None:
        self.count_label = QLabel(self)
        self.count_label.setObjectName("counts")
        self.path_label = QLabel(self)
        self.path_label.setObjectName("path")
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.path_label)

    def _reset_filters(self, departments: list[str]) -> None:
        widgets = (self.department_combo, self.status_combo, self.search_edit)
        for widget in widgets:
            widget.blockSignals(True)
        self.department_combo.clear()
        self.department_combo.addItem(self.tr("All departments"), None)
        for name in departments:
            self.department_combo.addItem(name, name)
        self.status_combo.setCurrentIndex(0)
        self.search_edit.clear()
        for widget in widgets:
            widget.blockSignals(False)

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
        previous, self.loaded = self.loaded, opened
        self._reset_filters(opened.departments)
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
        self._remember(opened.target)
        db, as_of = opened.db, self._today()
        self._stats_task = workers.start(
            lambda _report: _stats_or_none(db, as_of),
            on_done=lambda stats: self._on_stats(opened, stats),
            on_failed=lambda exc: self._on_stats_failed(opened, exc))
        self.database_opened.emit(opened.target)

    def _on_stats(self, opened: OpenedLedger, stats: CampaignStats | None) -> None:
        if opened is not self.loaded:
            return  # another ledger was opened meanwhile
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
        """Re-read the id list for the current department, status and search text."""
        self._search_timer.stop()
        query = self.model.query
        if query is None:
            return
        new = query.with_filters(department=self.department_combo.currentData(),
                                 status=self.status_combo.currentData(),
                                 text=self.search_edit.text())
        if new != query:
            self.model.set_query(new)

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

    def recent(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, [])
        # QSettings hands back a bare string for a one-item list in some formats.
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [str(v) for v in items if v]

    def _remember(self, target: str) -> None:
        items = [target] + [t for t in self.recent() if t != target]
        self.settings.setValue(RECENT_KEY, items[:RECENT_MAX])
        self.settings.setValue(LAST_KEY, target)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for target in self.recent():
            action = self.recent_menu.addAction(target)
            action.triggered.connect(lambda _checked=False, t=target: self.open_database(t))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Backlog Desk"), i18n.arg(self.tr(
            "<p><b>Backlog Desk</b> %1</p><p>Ledger of old open cases for "
            "backlog-clearance campaigns.</p>"), __version__))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        if self._task is not None:
            self._task.cancel()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        if self.loaded is not None:
            # Workers still reading this ledger hold their own connection; dispose only
            # closes idle ones, and theirs close when they finish.
            self.model.set_query(None)
            self.loaded.db.dispose()
        super().closeEvent(event)
