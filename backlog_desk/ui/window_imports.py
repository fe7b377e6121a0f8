"""Importing the case system's export from the window: File → Import case list…, and files
dropped on the window (a case list is imported, a package applied), each with a preview
first (ui/import_flow.py). Texts keep the MainWindow translation context they had there."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from . import i18n
from .editing import installation_actor

if TYPE_CHECKING:
    from backlog_desk.services.imports import ImportReport

    from .import_flow import ImportFlow
    from .main_window import MainWindow

translate = QCoreApplication.translate


class WindowImports(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        #: The import being checked or written (one at a time).
        self.flow: ImportFlow | None = None

    def _status(self, text: str, ms: int) -> None:
        self.window.statusBar().showMessage(text, ms)

    def choose(self) -> None:
        loaded = self.window.loaded
        start = str(Path(loaded.target).parent) if loaded else ""
        path, _ = QFileDialog.getOpenFileName(
            self.window, translate("MainWindow", "Import case list"), start,
            translate("MainWindow", "Case system exports (*.xlsx *.xls *.csv);;All files (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> ImportFlow | None:
        """Check `path` (dry run) on a worker, show the preview, import on Import."""
        loaded = self.window.loaded
        if loaded is None:
            self._status(translate("MainWindow", "Open a ledger before importing"), 10_000)
            return None
        if self.flow is not None:
            self._status(translate("MainWindow", "An import is already running"), 10_000)
            return None
        from .import_flow import ImportFlow

        actor = self.window.edits.actor or installation_actor(loaded.db)
        flow = ImportFlow(loaded.db, actor, path, self.window)
        self.flow = flow
        flow.finished.connect(self._imported)
        flow.stopped.connect(self._stopped)
        flow.start()
        return flow

    def _imported(self, report: ImportReport) -> None:
        self.flow = None
        self._status(i18n.arg(
            translate("MainWindow", "Imported %1: %2 new, %3 updated, %4 rejected"),
            Path(report.file).name, f"{report.added:,}", f"{report.updated:,}",
            f"{len(report.rejected) + len(report.conflicts):,}"), 15_000)
        loaded = self.window.loaded
        if loaded is not None:
            # New departments, judges and totals: read the ledger again as on opening.
            self.window.open_database(loaded.target)

    def _stopped(self, message: str) -> None:
        self.flow = None
        if message:
            QMessageBox.warning(self.window, translate("MainWindow", "Import failed"), message)
        else:
            self._status(translate("MainWindow", "Import cancelled; nothing was changed"),
                         10_000)

    # --- drag and drop --------------------------------------------------------------------

    @staticmethod
    def _dropped(event: QDragEnterEvent | QDropEvent) -> tuple[Path, bool] | None:
        """The dropped file and whether it is a package, if it is one file we can take."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        path = Path(urls[0].toLocalFile())
        from .import_flow import importable
        from .package_dialogs import is_package

        if is_package(path):
            return path, True
        return (path, False) if importable(path) else None

    def drag_enter(self, event: QDragEnterEvent) -> None:
        if self.window.loaded is not None and self._dropped(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def drop(self, event: QDropEvent) -> None:
        dropped = self._dropped(event)
        if dropped is None:
            event.ignore()
            return
        event.acceptProposedAction()
        path, package = dropped
        if package:
            self.window.accounts.apply_package(path)  # preview first, as File → Apply package…
        else:
            self.import_file(path)


def install(window: MainWindow) -> WindowImports:
    return WindowImports(window)
