"""The first-run wizard, driven through its pages as a user does: a department PC's new
ledger, a refused location, and the File menu's way back into it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from pytestqt.qtbot import QtBot

from backlog_desk.services.setup import court_of
from backlog_desk.store.database import open_database
from backlog_desk.ui.first_run import DEFAULT_FILE, FirstRunWizard
from backlog_desk.ui.main_window import LAST_KEY, MainWindow

pytestmark = pytest.mark.gui

StartWindow = Callable[..., MainWindow]
OPEN_TIMEOUT_MS = 30_000


def type_text(widget: QWidget, text: str) -> None:
    """Chinese arrives from the input method as committed text (QTest's key clicks only
    know ASCII)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click(qtbot: QtBot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_new_department_ledger(start_window: StartWindow, qtbot: QtBot, tmp_path: Path,
                               settings: QSettings) -> None:
    window = start_window(wait=False)
    wizard = window.first_run
    assert wizard is not None and wizard.isVisible()
    assert wizard.currentPage() is wizard.intro
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    court = wizard.court
    assert wizard.currentPage() is court
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # nothing typed yet
    qtbot.mouseClick(court.department_radio, Qt.MouseButton.LeftButton)
    type_text(court.court_name, "长春市二道区人民法院")
    type_text(court.court_code, "吉0105")
    assert not next_button.isEnabled()  # a department PC needs its department
    type_text(court.department, "民一庭")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    location = wizard.location
    # The default is in the per-user data folder (the tests' own).
    assert location.path_edit.text() == str(tmp_path / "data" / DEFAULT_FILE)
    target = tmp_path / "ledgers" / "二道区.db"
    location.path_edit.setText(str(target))
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(lambda: window.loaded is not None and not window.stats_pending,
                    timeout=OPEN_TIMEOUT_MS)
    assert not wizard.isVisible()
    assert window.loaded is not None and window.loaded.target == str(target)
    assert window.model.rowCount() == 0
    assert settings.value(LAST_KEY) == str(target)
    assert not (tmp_path / "data" / "demo.db").exists()
    db = open_database(target)
    try:
        assert court_of(db)[:2] == ("长春市二道区人民法院", "吉0105")
        assert db.meta("role") == "department" and db.meta("department") == "民一庭"
    finally:
        db.dispose()


def test_existing_file_is_refused_on_the_page(start_window: StartWindow, qtbot: QtBot,
                                              tmp_path: Path) -> None:
    window = start_window(wait=False)
    wizard = window.first_run
    assert wizard is not None
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    type_text(wizard.court.court_name, "某某人民法院")
    type_text(wizard.court.court_code, "吉0199")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    taken = tmp_path / "taken.db"
    taken.write_bytes(b"someone's notes")
    wizard.location.path_edit.setText(str(taken))
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.isVisible() and wizard.currentPage() is wizard.location
    assert "exists" in wizard.location.error_label.text()
    assert taken.read_bytes() == b"someone's notes"
    assert window.loaded is None
    # Back to the court page and forward again keeps what was typed.
    click(qtbot, wizard, QWizard.WizardButton.BackButton)
    assert wizard.court.court_code.text() == "吉0199"


def test_new_ledger_from_file_menu(start_window: StartWindow, demo_db: Path,
                                   qtbot: QtBot) -> None:
    window = start_window(str(demo_db))
    assert window.first_run is None
    window.new_action.trigger()
    wizard = window.first_run
    assert wizard is not None and wizard.isVisible()
    wizard.reject()
    assert window.loaded is not None and window.loaded.target == str(demo_db)
