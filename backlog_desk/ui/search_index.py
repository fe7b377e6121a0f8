"""Indexing imported cases for the ledger search in the background.

A large import leaves its new cases out of the search's trigram index so that the import
dialog does not wait for them (services.imports.index_imported_cases). The window opens the
ledger again after every import, and a ledger imported from the command line or left behind
by a crash is opened the same way, so each opening starts the catch-up here: short
transactions on a worker, with the progress in the status bar. The search is right
meanwhile (it tests the cases not indexed yet directly), only a little slower.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from backlog_desk.services.errors import Cancelled
from backlog_desk.services.search_index import index_imported_cases

from . import i18n, workers

if TYPE_CHECKING:
    from .main_window import MainWindow


class SearchIndexer(QObject):
    """Starts the catch-up whenever the window has opened a ledger; stops it (after the
    chunk being written, which is committed and kept) when another ledger is opened or the
    application quits."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.task: workers.Task | None = None
        #: Cases indexed by the last catch-up that finished (for tests and the status bar).
        self.indexed: int | None = None
        self._message = ""
        window.database_opened.connect(self._opened)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _opened(self, _target: str) -> None:
        self.stop()
        opened = self.window.loaded
        if opened is None or not opened.db.is_sqlite:
            return
        db = opened.db
        self.indexed = None
        # Bound methods, so Qt drops the connections if the window goes first; the Task has
        # no parent, so it outlives this object until its job has stopped (asked to, below).
        self.task = workers.start(lambda report: index_imported_cases(db, progress=report),
                                  on_done=self._done, on_failed=self._failed,
                                  on_progress=self._progress)
        self.destroyed.connect(self.task.cancel)

    def _show(self, text: str, timeout: int = 0) -> None:
        self._message = text
        self.window.statusBar().showMessage(text, timeout)

    def _current(self) -> bool:
        # A catch-up on a ledger opened before this one reports after it was replaced.
        return self.task is not None and self.sender() is self.task

    def _progress(self, done: int, total: int) -> None:
        if total and self._current():
            self._show(i18n.arg(self.tr("Indexing imported cases for search: %1 of %2…"),
                                f"{done:,}", f"{total:,}"))

    def _clear(self) -> None:
        # Only our own message: the window may have said something else since.
        if self._message and self.window.statusBar().currentMessage() == self._message:
            self.window.statusBar().clearMessage()
        self._message = ""

    def _done(self, indexed: int) -> None:
        if not self._current():
            return
        self.task, self.indexed = None, indexed
        self._clear()
        if indexed:
            self._show(i18n.arg(self.tr("Search index up to date (%1 cases added)"),
                                f"{indexed:,}"), 10_000)

    def _failed(self, exc: BaseException) -> None:
        if not self._current():
            return
        self.task = None
        self._clear()
        if not isinstance(exc, Cancelled):
            # The search still finds everything without the index; say why it is slower.
            self._show(i18n.arg(self.tr("Could not index the imported cases for search: %1"),
                                workers.error_text(exc)), 15_000)


def install(window: MainWindow) -> SearchIndexer:
    return SearchIndexer(window)
