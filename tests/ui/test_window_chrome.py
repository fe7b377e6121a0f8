"""Menus, toolbar, shortcuts, pages and looks of the main window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from backlog_desk import app as app_module
from backlog_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

StartWindow = Callable[..., MainWindow]


def test_style_sheet_and_icon_are_loaded(qapp: QApplication) -> None:
    app_module.application([])
    sheet = qapp.styleSheet()
    assert "QTableView" in sheet and sheet == app_module.stylesheet()
    assert not qapp.windowIcon().isNull()


def test_shortcuts_toolbar_and_pages(start_window: StartWindow, demo_db: Path,
                                     qtbot: QtBot) -> None:
    window = start_window(str(demo_db))
    actions = window.findChildren(type(window.open_action))
    shortcuts = {a.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
                 for a in actions if not a.shortcut().isEmpty()}
    assert {"Ctrl+N", "Ctrl+O", "Ctrl+I", "Ctrl+F", "Ctrl+Z", "Ctrl+D", "F5", "Ctrl+Q",
            "Ctrl+,", "Ctrl+1"} <= shortcuts
    toolbar = {a for a in window.toolbar.actions() if not a.isSeparator()}
    assert {window.open_action, window.import_action, window.undo_action,
            window.redo_action, window.refresh_action} <= toolbar
    assert window.import_action.isEnabled()  # a ledger is open
    # A page added by another module gets a tab and a View-menu entry with the next key.
    page = QLabel("page")
    count = window.pages.count()
    window.add_page(page, "Extra")
    entry = next(a for a in window.view_menu.actions() if a.text() == "Extra")
    assert entry.shortcut().toString() == f"Ctrl+{count + 1}"
    entry.trigger()
    assert window.pages.currentWidget() is page
    window.ledger_action.trigger()
    assert window.pages.currentWidget() is window.ledger_page
    # Ctrl+F: back to the ledger with the search box focused.
    window.show_page(page)
    window.find_action.trigger()
    assert window.pages.currentWidget() is window.ledger_page
    screen = window.screen().availableGeometry()
    assert window.width() <= max(1360, screen.width())


def test_import_is_off_without_a_ledger(start_window: StartWindow) -> None:
    window = start_window(wait=False)  # first start: the wizard, no ledger yet
    assert window.loaded is None
    assert not window.import_action.isEnabled() and not window.refresh_action.isEnabled()
    assert window.import_file(Path("nothing.xlsx")) is None


def test_detail_panel_makes_room_on_other_pages(start_window: StartWindow, demo_db: Path,
                                                qtbot: QtBot) -> None:
    window = start_window(str(demo_db))
    dock = window.detail_dock
    qtbot.waitUntil(dock.isVisible)
    window.show_page(window.dashboard_slot)
    assert not dock.isVisible()  # the dashboard gets the whole width
    window.show_ledger()
    assert dock.isVisible()
    # Hidden by the user on the ledger page: stays hidden when coming back.
    dock.hide()
    window.show_page(window.reports_slot)
    window.show_ledger()
    assert not dock.isVisible()
    # Closing on another page saves the layout as left on the ledger page.
    dock.show()
    window.show_page(window.dashboard_slot)
    window.close()
    restored = start_window(str(demo_db))
    qtbot.waitUntil(restored.detail_dock.isVisible)
