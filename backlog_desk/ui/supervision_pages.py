"""Adds the reminders and leaders' pages (and View → 审限规则…) to the main window and keeps
them on the open ledger.

The pages are built when first shown (their modules import the time-limit services); the
reminders (日提醒) are then worked out off the GUI thread, and again for each ledger opened
while the page shows; the leaders' view when first shown or refreshed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction

from . import i18n
from .editing import installation_actor

if TYPE_CHECKING:
    from .lazy_page import LazyPage
    from .leaders_page import LeadersPage
    from .main_window import MainWindow
    from .reminders_page import RemindersPage

translate = QCoreApplication.translate

#: The reminders (日提醒) are worked out as soon as a ledger of up to this many cases is open;
#: a larger one (a whole court's, ~15 s CPU at a million cases) when its page is opened.
REMIND_AT_START_MAX = 200_000


class SupervisionPages(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.reminders_slot: LazyPage[RemindersPage] = window.add_lazy_page(
            translate("SupervisionPages", "Reminders"), self._build_reminders)
        self.leaders_slot: LazyPage[LeadersPage] = window.add_lazy_page(
            translate("SupervisionPages", "Leaders' view"), self._build_leaders)
        rules_action = QAction(translate("SupervisionPages", "Time-limit rules…"), window)
        rules_action.setObjectName("rulesAction")
        rules_action.triggered.connect(self.open_rules)
        window.view_menu.addAction(rules_action)
        window.database_opened.connect(self._opened)
        window.stats_ready.connect(self._remind_on_start)
        self._reminded: object | None = None  # the opened ledger reminded of at start

    @property
    def reminders(self) -> RemindersPage:
        return self.reminders_slot.ensure()

    @property
    def leaders(self) -> LeadersPage:
        return self.leaders_slot.ensure()

    def _build_reminders(self) -> RemindersPage:
        from .reminders_page import RemindersPage

        page = RemindersPage(self.window)
        page.case_chosen.connect(self._show_case)
        page.ready.connect(lambda: self._show_count(page))
        self._follow(page)
        return page

    def _build_leaders(self) -> LeadersPage:
        from .leaders_page import LeadersPage

        page = LeadersPage(self.window)
        self._follow(page)
        return page

    def _follow(self, page: RemindersPage | LeadersPage) -> None:
        loaded = self.window.loaded
        if loaded is not None:
            page.set_database(loaded.db, loaded.query.today)

    def _opened(self, _target: str) -> None:
        for slot in (self.reminders_slot, self.leaders_slot):
            if slot.page is not None:
                self._follow(slot.page)

    def _remind_on_start(self) -> None:
        loaded = self.window.loaded
        if loaded is None or loaded is self._reminded:
            return
        self._reminded = loaded
        if loaded.total <= REMIND_AT_START_MAX:
            self.reminders.refresh()  # the page's worker; the count shows on its tab

    def _show_count(self, page: RemindersPage) -> None:
        count = len(page.items)
        pages = self.window.pages
        pages.setTabText(pages.indexOf(self.reminders_slot), i18n.arg(
            translate("SupervisionPages", "Reminders (%1)"), count))
        if count:
            self.window.statusBar().showMessage(i18n.arg(translate(
                "SupervisionPages", "Reminders: %1 cases need attention; see the Reminders page"),
                f"{count:,}"), 15_000)

    def _show_case(self, number: str) -> None:
        # The case in the ledger, found by its number, for the detail panel.
        self.window.apply_ledger_filter(text=number)

    def open_rules(self) -> None:
        loaded = self.window.loaded
        if loaded is None:
            return
        from .rules_dialog import RulesDialog

        actor = self.window.edits.actor or installation_actor(loaded.db)
        dialog = RulesDialog(loaded.db, actor, self.window)
        dialog.open()


def install(window: MainWindow) -> SupervisionPages:
    return SupervisionPages(window)
