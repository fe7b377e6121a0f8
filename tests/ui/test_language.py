"""Switching the interface language in Edit → Preferences: remembered in QSettings, used
from the next start (the --lang option still wins for one run)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from backlog_desk.ui import i18n
from backlog_desk.ui.main_window import MainWindow
from backlog_desk.ui.preferences import LANGUAGE_KEY, LANGUAGE_NAMES, PreferencesDialog

pytestmark = pytest.mark.gui

StartWindow = Callable[..., MainWindow]


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def choose_language(qtbot: QtBot, window: MainWindow, code: str) -> PreferencesDialog:
    window.preferences_action.trigger()
    dialog = window.preferences
    assert dialog is not None and dialog.isVisible()
    combo = dialog.language_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        LANGUAGE_NAMES[c] for c in i18n.LANGUAGES]
    combo.setCurrentIndex(combo.findData(code))
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    return dialog


def test_switch_to_english_and_back(start_window: StartWindow, demo_db: Path,
                                    settings: QSettings, qtbot: QtBot) -> None:
    window = start_window(str(demo_db))
    assert menu_titles(window)[0] == "文件(&F)"
    dialog = choose_language(qtbot, window, "en")
    assert dialog.note.text()  # says it applies from the next start
    assert settings.value(LANGUAGE_KEY) == "en"
    assert menu_titles(window)[0] == "文件(&F)"  # this window keeps its language
    window.close()

    english = start_window(str(demo_db))
    assert i18n.current_language() == "en"
    assert menu_titles(english)[0] == "&File"
    assert english.count_label.text().startswith("Showing ")
    choose_language(qtbot, english, "zh_CN")
    assert settings.value(LANGUAGE_KEY) == "zh_CN"
    english.close()

    chinese = start_window(str(demo_db))
    assert i18n.current_language() == "zh_CN"
    assert menu_titles(chinese)[0] == "文件(&F)"


def test_cancel_keeps_the_language_and_option_wins(start_window: StartWindow, demo_db: Path,
                                                   settings: QSettings) -> None:
    window = start_window(str(demo_db))
    window.preferences_action.trigger()
    dialog = window.preferences
    assert dialog is not None
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.reject()
    assert settings.value(LANGUAGE_KEY) is None
    window.close()
    settings.setValue(LANGUAGE_KEY, "en")
    again = start_window(str(demo_db), "--lang", "zh_CN")
    assert menu_titles(again)[0] == "文件(&F)"
    settings.setValue(LANGUAGE_KEY, "klingon")  # a hand-edited settings file
    third = start_window(str(demo_db))
    assert i18n.current_language() == "zh_CN" and menu_titles(third)[0] == "文件(&F)"
