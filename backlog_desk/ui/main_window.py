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
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QSettings,
    QSize,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from backlog_desk import __version__
from backlog_desk.services.errors import Cancelled, NotFound
from backlog_desk.services.ledger_view import OpenedLedger, open_ledger
from backlog_desk.services.stats import CampaignStats, campaign_stats
from backlog_desk.store.database import Database

from . import (
    i18n,
    recent,
    search_index,
    supervision_pages,
    window_accounts,
    window_imports,
    window_menus,
    window_workbooks,
    workers,
)
from .detail_panel import CaseDetailPanel
from .editing import CLOSURE_FIELDS, EditController
from .filter_bar import FilterBar
from .first_run import FirstRunWizard
from .headline import HeadlinePanel
from .lazy_page import LazyPage, PageT
from .ledger_model import ROW_ROLE, LedgerModel
from .ledger_table import LedgerView
from .preferences import PreferencesDialog
from .recent import LAST_KEY

if TYPE_CHECKING:
    from .dashboard_page import DashboardPage
    from .import_flow import ImportFlow
    from .reports_page import ReportsPage

translate = QCoreApplication.translate

__all__ = ["LAST_KEY", "MainWindow"]


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
                 today: Callable[[], dt.date] = dt.date.today,
                 demo_path: Path | None = None) -> None:
        super().__init__()
        if demo_path is None:
            location = QStandardPaths.StandardLocation.AppDataLocation
            demo_path = Path(QStandardPaths.writableLocation(location)) / "demo.db"
        #: Where the demo ledger is (made on demand); new ledgers are offered beside it.
        self.demo_path = demo_path
        self.preferences: PreferencesDialog | None = None
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
        #: (sort key, ids) of the whole ledger as last read, reused when filters are cleared.
        self._all_ids: tuple[tuple[str, bool], array[int]] | None = None
        self.first_run: FirstRunWizard | None = None
        self._stats_number = 0  # number of the latest statistics request
        self.model = LedgerModel(self, background=True)
        # Import case list…, and files dropped on the window.
        self.imports = window_imports.install(self)
        self.edits = EditController(self, today=today)
        self.setWindowTitle(self.tr("Backlog Desk"))
        self._build_central()
        self._build_detail()
        window_menus.build_menus(self)
        window_menus.build_toolbar(self)
        self._build_status_bar()
        # Pages other than the ledger are built when first shown: importing them and their
        # services would add a third to the time from start to the first ledger page.
        # The campaign dashboard (issue 4): a click on it filters the ledger page.
        self.dashboard_slot = self.add_lazy_page(
            translate("DashboardPage", "Dashboard"), self._build_dashboard)
        # Sign-in, File → Backups… and the console page (issue 6).
        self.accounts = window_accounts.install(self)
        # File → Export department workbooks… / Import department workbook… (issue 5).
        self.workbooks = window_workbooks.install(self)
        # Reminders and leaders' pages, View → 审限规则… (issue 8).
        self.supervision = supervision_pages.install(self)
        # Indexes the cases a large import left out of the search index, after each opening.
        self.search_index = search_index.install(self)
        # Printed reports: parameters, preview, save, print, sign, check (issue 7).
        self.reports_slot = self.add_lazy_page(
            translate("ReportsPage", "Reports"), self._build_reports)
        self.setAcceptDrops(True)
        self.resize(self._default_size())
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        #: Whether the dock still needs its first width (no layout was saved).
        self._size_dock = state is None or not self.restoreState(state)
        self.table.restore_from(settings)

    def _default_size(self) -> QSize:
        # Roomy on a 1920×1080 office screen, never larger than a small laptop's desktop.
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None or screen.isEmpty():
            return QSize(1360, 860)
        return QSize(min(1360, int(screen.width() * 0.92)),
                     min(860, int(screen.height() * 0.9)))

    @property
    def db(self) -> Database | None:
        return self.loaded.db if self.loaded else None

    # --- construction -------------------------------------------------------------------

    def _build_central(self) -> None:
        # The centre holds pages (ledger, dashboard, reports …) as tabs; other modules add
        # theirs through add_page, the ledger is always the first.
        self.pages = QTabWidget(self)
        self.pages.setObjectName("pages")
        self.pages.setDocumentMode(True)
        central = QWidget(self.pages)
        central.setObjectName("ledgerPage")
        self.ledger_page = central
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
        self.pages.addTab(central, self.tr("Ledger"))
        self.setCentralWidget(self.pages)
        self.model.modelReset.connect(self._update_counts)
        self.model.modelReset.connect(self._remember_all_ids)
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
        # The panel shows the ledger's current case: other pages get its width meanwhile.
        self._dock_hidden_for_page = False
        self.pages.currentChanged.connect(self._page_changed)

    def _page_changed(self, index: int) -> None:
        if self.pages.widget(index) is self.ledger_page:
            if self._dock_hidden_for_page:
                self._dock_hidden_for_page = False
                self.detail_dock.show()
        elif self.detail_dock.isVisible() and not self.detail_dock.isFloating():
            self._dock_hidden_for_page = True
            self.detail_dock.hide()

    def _build_status_bar(self) -> None:
        self.count_label = QLabel(self)
        self.count_label.setObjectName("counts")
        self.path_label = QLabel(self)
        self.path_label.setObjectName("path")
        # Permanent: a passing message ("Saved") must not hide what the filter shows.
        self.statusBar().addPermanentWidget(self.count_label)
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

    def run_first_run(self, demo: Path) -> FirstRunWizard:
        """Show the first-run wizard (also File → New ledger); Finish opens what it made, or
        the demo ledger at `demo` (created once). New ledgers go beside the demo by default."""
        wizard = FirstRunWizard(demo.parent, self)
        self.first_run = wizard

        def finished() -> None:
            if wizard.wants_demo:
                self.create_demo_and_open(demo)
            elif wizard.created is not None:
                self.open_database(wizard.created)

        wizard.accepted.connect(finished)
        wizard.open()
        return wizard

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
            # Imported here: the synthetic court's generator and xlsx writer cost a few
            # hundred milliseconds of every start otherwise, and only a first start needs them.
            from backlog_desk.services.demo import create_demo

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
        message = workers.error_text(exc)
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
        self.forget_cached_ids()
        previous, self.loaded = self.loaded, opened
        self.filter_bar.reset(opened.departments, opened.judges, opened.leaders,
                              opened.targets)
        self.edits.set_ledger(opened.db)
        self.detail.clear()
        # The user may have clicked a header while the file was opening.
        ids = opened.ids if opened.sort == self.model.sort_key else None
        self.model.set_query(opened.query, opened.reference_date or self._today(), ids)
        if ids is not None and not opened.complete:
            # Only the first screenfuls of a large ledger so far: shown now, the whole list
            # is read on a worker (and is not the list to keep for "all cases").
            self.model.reload()
            self.forget_cached_ids()
        if previous is not None:
            previous.db.dispose()
        self.setWindowTitle(f"{self.tr('Backlog Desk')} — {opened.court_name}"
                            if opened.court_name else self.tr("Backlog Desk"))
        self.stats, self.stats_pending = None, True
        self.headline.set_loading(opened.court_name)
        self.path_label.setText(opened.target)
        recent.remember(self.settings, opened.target)
        for action in (self.import_action, self.refresh_action):
            action.setEnabled(True)
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
        self.statusBar().showMessage(workers.error_text(exc))
        self.stats_ready.emit()

    # --- pages --------------------------------------------------------------------------

    def add_page(self, widget: QWidget, title: str) -> None:
        """Add a page (dashboard, reports …) after the existing ones, with a View menu
        entry and the next Ctrl+number shortcut."""
        self.pages.addTab(widget, title)
        action = QAction(title, self)
        number = self.pages.count()
        if number <= 9:
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda: self.show_page(widget))
        self.view_menu.insertAction(self._pages_tail, action)

    def add_lazy_page(self, title: str, build: Callable[[], PageT]) -> LazyPage[PageT]:
        """Add a page that `build` makes when the page is first shown or asked for."""
        slot: LazyPage[PageT] = LazyPage(build, self.pages)
        self.add_page(slot, title)
        return slot

    def _build_dashboard(self) -> DashboardPage:
        from . import dashboard_page
        return dashboard_page.install(self)

    def _build_reports(self) -> ReportsPage:
        from . import reports_page
        return reports_page.install(self)

    @property
    def dashboard_page(self) -> DashboardPage:
        return self.dashboard_slot.ensure()

    @property
    def reports_page(self) -> ReportsPage:
        return self.reports_slot.ensure()

    def show_page(self, widget: QWidget) -> None:
        # A page built lazily is shown through its tab (its slot).
        slot = widget.parentWidget()
        if isinstance(slot, LazyPage) and self.pages.indexOf(widget) < 0:
            widget = slot
        self.pages.setCurrentWidget(widget)

    def show_ledger(self) -> None:
        self.pages.setCurrentWidget(self.ledger_page)

    # --- filters and counts -------------------------------------------------------------

    def apply_ledger_filter(self, **fields: Any) -> None:
        """Show the ledger filtered by `fields` (the keywords of `LedgerQuery.with_filters`;
        the ones not given are cleared), e.g. from a click on the dashboard. The filter bar
        shows what was applied, so the user can change it from there."""
        self.filter_bar.set_values(**fields)
        self.show_ledger()
        self.apply_filters()

    def apply_filters(self) -> None:
        """Re-read the id list for the filters chosen in the filter bar."""
        values = self.filter_bar.values()
        query = self.model.query
        if query is None:
            return
        new = query.with_filters(**values)
        if new == query:
            return
        cached = self._all_ids
        if not new.is_filtered and cached is not None and cached[0] == self.model.sort_key:
            # Back to every case: the list is the one read before, not a million ids again.
            self.model.set_query(new, None, cached[1])
        else:
            self.model.set_query(new)

    def _remember_all_ids(self) -> None:
        query = self.model.query
        if query is not None and not query.is_filtered and not self.model.is_loading:
            self._all_ids = (self.model.sort_key, self.model.ids)

    def forget_cached_ids(self) -> None:
        """The ledger changed (edit, import, refresh): the next unfiltered view reads again."""
        self._all_ids = None

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
        self.forget_cached_ids()  # the edited field may be the sort column
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
            # The rest of a long list arrives as appended rows, not as a reset.
            self._remember_all_ids()

    def _update_counts(self) -> None:
        total = self.loaded.total if self.loaded else 0
        self.count_label.setText(i18n.arg(self.tr("Showing %1 of %2 cases"),
                                          f"{self.model.rowCount():,}", f"{total:,}"))

    # --- menus --------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.show_ledger()
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def refresh(self) -> None:
        """Read the ledger again (someone else may have changed a shared one)."""
        if self.loaded is None:
            return
        self.forget_cached_ids()
        self.model.reload()
        self.refresh_stats()
        if self.detail.case_id is not None:
            self.detail.reload()

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self)
        dialog.open()
        self.preferences = dialog

    # --- importing (ui/window_imports.py) ------------------------------------------------

    @property
    def _import(self) -> ImportFlow | None:
        """The import being checked or written, if any."""
        return self.imports.flow

    def choose_import(self) -> None:
        self.imports.choose()

    def import_file(self, path: Path) -> ImportFlow | None:
        return self.imports.import_file(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.imports.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.imports.drop(event)

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
        if self._dock_hidden_for_page:
            self.detail_dock.show()  # the layout as the user left it on the ledger page
        self.settings.setValue("window/state", self.saveState())
        self.table.save_to(self.settings)
        self.settings.sync()
        if self.loaded is not None:
            # Workers still reading this ledger hold their own connection; dispose only
            # closes idle ones, and theirs close when they finish.
            self.model.set_query(None)
            self.loaded.db.dispose()
        super().closeEvent(event)
