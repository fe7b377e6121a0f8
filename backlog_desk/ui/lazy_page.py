"""A tab whose page is built the first time it is needed.

The dashboard, reminders, leaders', reports and console pages each pull in their services
(statistics, time limits, report layouts, packages) when their module is imported: a clerk
who opens the app to edit the ledger should not wait for them. The window adds a LazyPage
per tab at start; the page's module is imported and its widget made when the tab is first
shown, or when code asks for the page (`ensure`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

__all__ = ["LazyPage"]

PageT = TypeVar("PageT", bound=QWidget)


class LazyPage(QWidget, Generic[PageT]):
    def __init__(self, build: Callable[[], PageT], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build: Callable[[], PageT] | None = build
        self.page: PageT | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self.page is not None

    def ensure(self) -> PageT:
        """The page, built now if it was not yet."""
        if self.page is None:
            build, self._build = self._build, None
            assert build is not None, "page builder re-entered"
            page = build()
            self.page = page
            self.layout().addWidget(page)
            self.setObjectName(page.objectName() + "Slot" if page.objectName() else "")
            return page
        return self.page

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure()
        super().showEvent(event)
