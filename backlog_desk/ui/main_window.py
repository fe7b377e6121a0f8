"""The main window: headline numbers above the ledger table, with filters and a status bar.

Opening a ledger (integrity check, statistics, the first id list) runs on a worker thread,
so the window paints at once even for a million-case file; filters and sorting re-read the
id list on the GUI thread, which SQL does in well under a second (shared/TECH.md §5).
"""

from __future__ import annotations

import datetime as dt
import logging
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backlog_desk import __version__
from backlog_desk.services.demo import create_demo
from backlog_desk.services.errors import Cancelled, NotFound, ServiceError
from backlog_desk.services.ledger_view import LedgerQuery, count_cases, department_names
from backlog_desk.services.setup import court_of
from backlog_desk.services.stats import CampaignStats, campaign_stats
from backlog_desk.store.database import Database, StoreError, open_database

from . import i18n, workers
from .headline import HeadlinePanel
from .ledger_model import COLUMN_BY_KEY, COLUMNS, LedgerModel

log = logging.getLogger(__name__)

RECENT_KEY = "recent_databases"
LAST_KEY = "last_database"
RECENT_MAX = 8
SEARCH_DELAY_MS = 300


@dataclass(frozen=True)
class Loaded:
    """Everything the window needs from a newly opened ledger, read on the worker thread."""

    target: str
    db: Database
    court_name: str
    stats: CampaignStats | None
    query: LedgerQuery
    ids: array[int]
    sort: tuple[str, bool]
    departments: list[str]
    total: int


def load_ledger(target: str, as_of: dt.date, sort: tuple[str, bool]) -> Loaded:
    """Open `target` and read what the first screen shows. Safe to run off the GUI thread."""
    db = open_database(target)
    try:
        try:
            stats: CampaignStats | None = campaign_stats(db, as_of=as_of)
        except NotFound:
            stats = None
        court_name = stats.court_name if stats else court_of(db)[0]
        query = LedgerQuery(db)
        return Loaded(target, db, court_name, stats, query, query.ids(*sort), sort,
                      department_names(db), count_cases(db))
    except BaseException:
        db.dispose()
        raise


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, StoreError | ServiceError | OSError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


class MainWindow(QMainWindow):
    #: The target (file path or URL) of a ledger that is now shown.
    database_opened = Signal(str)
    #: A message saying why opening or creating a ledger failed.
    open_failed = Signal(str)

    def __init__(self, settings: QSettings, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__()
        self.settings = settings
        self._today = today
        self.db: Database | None = None
        self.loaded: Loaded | None = None
        self._task: workers.Task | None = None
        self._progress: QProgressDialog | None = None
        self._closing = False
        self.model = LedgerModel(self)
        self.setWindowTitle(self.tr("Backlog Desk"))
        self._build_menus()
        self._build_central()
        self._build_status_bar()
        self.resize(1360, 860)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)  # type: ignore[arg-type]

    # --- construction -------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = QAction(self.tr("&Open database…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_database)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About Backlog Desk"), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

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
        self._reset_department_filter([])

        # Typing must not re-query on every keystroke: wait until the user pauses.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self.apply_filters)
        self.department_combo.currentIndexChanged.connect(self.apply_filters)
        self.status_combo.currentIndexChanged.connect(self.apply_filters)

        self.table = QTableView(central)
        self.table.setObjectName("ledger")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Fixed row heights: the view never asks a million rows for their size.
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        vertical.hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        # Widths from the font, never ResizeToContents: that would read every row. The
        # header text (longer in English) plus room for the sort arrow is the minimum.
        char = self.fontMetrics().horizontalAdvance("汉")
        for i, column in enumerate(COLUMNS):
            title = str(self.model.headerData(i, Qt.Orientation.Horizontal))
            needed = header.fontMetrics().horizontalAdvance(title) + 32
            self.table.setColumnWidth(i, max(column.width * char + 16, needed))
        header.setSortIndicator(COLUMN_BY_KEY["filing_date"], Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)
        self.model.modelReset.connect(self._update_counts)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel(self)
        self.count_label.setObjectName("counts")
        self.path_label = QLabel(self)
        self.path_label.setObjectName("path")
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.path_label)

    def _reset_department_filter(self, names: list[str]) -> None:
        combo = self.department_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All departments"), None)
        for name in names:
            combo.addItem(name, name)
        combo.setCurrentIndex(0)
        combo.blockSignals(False)

    # --- opening ------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._task is not None

    def open_database(self, target: str | Path) -> workers.Task:
        """Open a ledger on a worker; `database_opened` or `open_failed` follows."""
        text = str(target)
        as_of, sort = self._today(), self.model.sort_key
        self.statusBar().showMessage(i18n.arg(self.tr("Opening %1…"), text))
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        task = workers.start(lambda _report: load_ledger(text, as_of, sort),
                             on_done=self._on_loaded, on_failed=self._on_failed)
        self._task = task
        return task

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
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            self._on_failed(exc)

        task = workers.start(job, on_done=self.open_database, on_failed=failed,
                             on_progress=progressed)
        dialog.canceled.connect(task.cancel)
        self._task = task
        return task

    def _finish_task(self) -> None:
        self._task = None
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        while QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()

    def _on_failed(self, exc: BaseException) -> None:
        self._finish_task()
        self.statusBar().clearMessage()
        message = _error_text(exc)
        self.open_failed.emit(message)
        if not isinstance(exc, Cancelled):
            QMessageBox.warning(self, self.tr("Cannot open the ledger"), message)

    def _on_loaded(self, loaded: Loaded) -> None:
        self._finish_task()
        if self._closing:
            loaded.db.dispose()
            return
        self.statusBar().clearMessage()
        if self.db is not None:
            self.db.dispose()
        self.db, self.loaded = loaded.db, loaded
        self.headline.set_stats(loaded.stats, loaded.court_name)
        self.setWindowTitle(f"{self.tr('Backlog Desk')} — {loaded.court_name}"
                            if loaded.court_name else self.tr("Backlog Desk"))
        self._reset_department_filter(loaded.departments)
        self.status_combo.blockSignals(True)
        self.status_combo.setCurrentIndex(0)
        self.status_combo.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        reference = loaded.stats.campaign.reference_date if loaded.stats else self._today()
        # The user may have clicked a header while the file was opening.
        ids = loaded.ids if loaded.sort == self.model.sort_key else None
        self.model.set_query(loaded.query, reference, ids)
        self.path_label.setText(loaded.target)
        self._remember(loaded.target)
        self.database_opened.emit(loaded.target)

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
        if new == query:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.model.set_query(new)
        finally:
            QApplication.restoreOverrideCursor()

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
        items = [value] if isinstance(value, str) else list(value or [])  # type: ignore[arg-type]
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
        if self.db is not None:
            self.model.set_query(None)
            self.db.dispose()
            self.db = None
        super().closeEvent(event)
