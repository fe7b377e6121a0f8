"""Adds the reminders and leaders' pages (and View → 审限规则…) to the main window and keeps
them on the open ledger.

The reminders (日提醒) are worked out off the GUI thread when their page is shown, and again
for each ledger opened while it shows; the leaders' view when first shown or refreshed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from .editing import installation_actor
from .leaders_page import LeadersPage
from .reminders_page import RemindersPage
from .rules_dialog import RulesDialog

if TYPE_CHECKING:
    from .main_window import MainWindow

def attach_pages(window: MainWindow) -> tuple[RemindersPage, LeadersPage]:
    reminders = RemindersPage(window)
    leaders = LeadersPage(window)
    window.add_page(reminders, QCoreApplication.translate("SupervisionPages", "Reminders"))
    window.add_page(leaders, QCoreApplication.translate("SupervisionPages", "Leaders' view"))

    def opened(_target: str) -> None:
        loaded = window.loaded
        if loaded is None:
            return
        today = loaded.query.today
        reminders.set_database(loaded.db, today)
        leaders.set_database(loaded.db, today)

    def show_case(number: str) -> None:
        # The case in the ledger, found by its number, for the detail panel.
        window.apply_ledger_filter(text=number)

    def open_rules() -> None:
        loaded = window.loaded
        if loaded is None:
            return
        actor = window.edits.actor or installation_actor(loaded.db)
        dialog = RulesDialog(loaded.db, actor, window)
        dialog.open()

    rules_action = QAction(QCoreApplication.translate("SupervisionPages",
                                                    "Time-limit rules…"), window)
    rules_action.setObjectName("rulesAction")
    rules_action.triggered.connect(open_rules)
    window.view_menu.addAction(rules_action)
    window.database_opened.connect(opened)
    reminders.case_chosen.connect(show_case)
    return reminders, leaders
