"""The main window's menus and toolbar. Their texts keep the MainWindow translation context,
so moving them here changed no catalogue entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle

if TYPE_CHECKING:
    from .main_window import MainWindow

translate = QCoreApplication.translate


def build_menus(window: MainWindow) -> None:
    style = window.style()
    icon = style.standardIcon
    pixmap = QStyle.StandardPixmap
    file_menu = window.menuBar().addMenu(translate("MainWindow", "&File"))
    window.new_action = file_menu.addAction(translate("MainWindow", "&New ledger…"))
    window.new_action.setShortcut(QKeySequence.StandardKey.New)
    window.new_action.setIcon(icon(pixmap.SP_FileIcon))
    window.new_action.triggered.connect(lambda: window.run_first_run(window.demo_path))
    window.open_action = file_menu.addAction(translate("MainWindow", "&Open database…"))
    window.open_action.setShortcut(QKeySequence.StandardKey.Open)
    window.open_action.setIcon(icon(pixmap.SP_DialogOpenButton))
    window.open_action.triggered.connect(window.choose_database)
    window.recent_menu = file_menu.addMenu(translate("MainWindow", "Open &recent"))
    window.recent_menu.aboutToShow.connect(window._fill_recent_menu)
    file_menu.addSeparator()
    window.import_action = file_menu.addAction(translate("MainWindow", "&Import case list…"))
    window.import_action.setShortcut(QKeySequence("Ctrl+I"))
    window.import_action.setIcon(icon(pixmap.SP_ArrowDown))
    window.import_action.setToolTip(translate("MainWindow",
        "Import the case system's export (.xlsx, .xls, .csv); or drop the file on the "
        "window"))
    window.import_action.triggered.connect(window.choose_import)
    #: Where modules of other issues (workbooks, reports) add their file actions.
    window.file_menu = file_menu
    window._file_tail = file_menu.addSeparator()
    window.quit_action = file_menu.addAction(translate("MainWindow", "&Quit"))
    # Not StandardKey.Quit: that is empty on Windows, where most court PCs are.
    window.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    window.quit_action.triggered.connect(window.close)
    edit_menu = window.menuBar().addMenu(translate("MainWindow", "&Edit"))
    stack = window.edits.stack
    window.undo_action = stack.createUndoAction(window, translate("MainWindow", "&Undo"))
    window.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    window.undo_action.setIcon(icon(pixmap.SP_ArrowBack))
    window.redo_action = stack.createRedoAction(window, translate("MainWindow", "&Redo"))
    # Ctrl+Y is what court PCs (Windows, WPS) know; Ctrl+Shift+Z is the Linux habit.
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    window.redo_action.setIcon(icon(pixmap.SP_ArrowForward))
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)
    edit_menu.addSeparator()
    window.find_action = edit_menu.addAction(translate("MainWindow", "&Find case…"))
    window.find_action.setShortcut(QKeySequence.StandardKey.Find)
    window.find_action.triggered.connect(window.focus_search)
    window.clear_filters_action = edit_menu.addAction(translate("MainWindow", "&Clear filters"))
    window.clear_filters_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
    window.clear_filters_action.triggered.connect(window.filter_bar.clear)
    edit_menu.addSeparator()
    window.preferences_action = edit_menu.addAction(translate("MainWindow", "&Preferences…"))
    window.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
    window.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    window.preferences_action.triggered.connect(window.show_preferences)
    view_menu = window.menuBar().addMenu(translate("MainWindow", "&View"))
    window.view_menu = view_menu
    window.ledger_action = view_menu.addAction(translate("MainWindow", "&Ledger"))
    window.ledger_action.setShortcut(QKeySequence("Ctrl+1"))
    window.ledger_action.triggered.connect(window.show_ledger)
    window._pages_tail = view_menu.addSeparator()
    window.detail_action = window.detail_dock.toggleViewAction()
    window.detail_action.setText(translate("MainWindow", "Case &details"))
    window.detail_action.setShortcut(QKeySequence("Ctrl+D"))
    view_menu.addAction(window.detail_action)
    window.columns_menu = view_menu.addMenu(translate("MainWindow", "&Columns"))
    window.columns_menu.aboutToShow.connect(
        lambda: window.table.fill_column_menu(window.columns_menu))
    view_menu.addSeparator()
    window.refresh_action = view_menu.addAction(translate("MainWindow", "&Refresh"))
    window.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
    window.refresh_action.setIcon(icon(pixmap.SP_BrowserReload))
    window.refresh_action.triggered.connect(window.refresh)
    help_menu = window.menuBar().addMenu(translate("MainWindow", "&Help"))
    window.about_action = help_menu.addAction(translate("MainWindow", "&About Backlog Desk"))
    window.about_action.triggered.connect(window.show_about)
    for action in (window.import_action, window.refresh_action):
        action.setEnabled(False)  # until a ledger is open

def build_toolbar(window: MainWindow) -> None:
    bar = window.addToolBar(translate("MainWindow", "Main toolbar"))
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in (window.open_action, window.import_action, None, window.undo_action,
                   window.redo_action, None, window.refresh_action):
        if action is None:
            bar.addSeparator()
        else:
            bar.addAction(action)
    window.toolbar = bar
    window.view_menu.insertAction(window._pages_tail, bar.toggleViewAction())
