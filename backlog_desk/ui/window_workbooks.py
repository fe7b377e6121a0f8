"""File → Export department workbooks… and Import department workbook… (issue 5).

Only the menu entries are made at start; the dialogs (and the workbook services behind
them) are imported when one is first opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog

from . import i18n
from .editing import installation_actor

if TYPE_CHECKING:
    from backlog_desk.services.actor import Actor
    from backlog_desk.services.workbooks import WorkbookImportReport
    from backlog_desk.store.database import Database

    from .main_window import MainWindow
    from .workbook_dialogs import ExportWorkbooksDialog, WorkbookImportDialog


class WindowWorkbooks(QObject):
    """File → Export department workbooks… and Import department workbook…, next to the
    import of the case list, for the ledger the window has open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        menu = window.file_menu
        self.export_action = QAction(self.tr("Export department workbooks…"), menu)
        self.import_action = QAction(self.tr("Import department workbook…"), menu)
        self.export_action.setToolTip(self.tr(
            "One protected, validated workbook per department, for clerks without the app"))
        self.import_action.setToolTip(self.tr(
            "Take a returned department workbook back, with a preview before anything is "
            "written"))
        actions = menu.actions()
        # Right after Import case list… (the menu always goes on to Quit after it).
        before = actions[actions.index(window.import_action) + 1]
        for action in (self.export_action, self.import_action):
            menu.insertAction(before, action)
        self.export_action.triggered.connect(self.export_workbooks)
        self.import_action.triggered.connect(self.choose_workbook)
        #: The dialog last opened (kept so it is not garbage-collected while shown).
        self.dialog: QDialog | None = None

    def _ledger(self) -> tuple[Database, Actor] | None:
        loaded = self.window.loaded
        if loaded is None:
            self.window.statusBar().showMessage(self.tr("Open a ledger first"), 10_000)
            return None
        return loaded.db, self.window.edits.actor or installation_actor(loaded.db)

    def _folder(self) -> Path:
        db = self.window.db
        if db is not None and db.path is not None:
            return Path(db.path).parent
        return Path.home()

    def export_workbooks(self) -> ExportWorkbooksDialog | None:
        ledger = self._ledger()
        if ledger is None:
            return None
        from .workbook_dialogs import ExportWorkbooksDialog
        dialog = ExportWorkbooksDialog(*ledger, folder=self._folder(), parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def choose_workbook(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import department workbook"), str(self._folder()),
            self.tr("Excel workbooks (*.xlsx);;All files (*)"))
        if path:
            self.import_workbook(Path(path))

    def import_workbook(self, path: Path) -> WorkbookImportDialog | None:
        ledger = self._ledger()
        if ledger is None:
            return None
        from .workbook_dialogs import WorkbookImportDialog
        dialog = WorkbookImportDialog(*ledger, path=path, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self._applied)
        self.dialog = dialog
        dialog.open()
        dialog.start()
        return dialog

    def _applied(self, report: WorkbookImportReport) -> None:
        self.window.statusBar().showMessage(i18n.arg(
            self.tr("Imported %1: %2 cases updated"), Path(report.file).name,
            f"{len(report.updated):,}"), 15_000)
        loaded = self.window.loaded
        if loaded is not None:
            # The table, headline and detail show the ledger as read: read it again.
            self.window.open_database(loaded.target)


def install(window: MainWindow) -> WindowWorkbooks:
    return WindowWorkbooks(window)
