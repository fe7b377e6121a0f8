"""Fixtures for the GUI tests: offscreen Qt, one demo ledger per session, private settings."""

from __future__ import annotations

import os

# Before any Qt import: CI machines and developers' SSH sessions have no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backlog_desk import app as app_module
from backlog_desk.services.demo import create_demo
from backlog_desk.store.database import Database, open_database
from backlog_desk.ui import i18n
from backlog_desk.ui.main_window import MainWindow

#: The day the demo data and every headline number are computed for (test modules repeat
#: it rather than importing conftest, whose module name is not unique across test folders).
AS_OF = dt.date(2026, 7, 15)
OPEN_TIMEOUT_MS = 30_000

# Nothing a test does may land in the real user's data or settings folders.
QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo ledger per session (3,240 cases: more than a dozen model pages)."""
    path = tmp_path_factory.mktemp("template") / "demo.db"
    create_demo(path, scale="S", seed=1, as_of=AS_OF)
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy: tests that open a ledger may write to it (WAL files, upgrades)."""
    target = tmp_path / "ledger.db"
    shutil.copy2(demo_template, target)
    return target


@pytest.fixture
def db(demo_db: Path) -> Iterator[Database]:
    database = open_database(demo_db)
    yield database
    database.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def chinese_ui(qapp: QApplication) -> Iterator[None]:
    """Every test starts in the default language and leaves it so for the next one."""
    i18n.install("zh_CN")
    yield
    i18n.install("zh_CN")


@pytest.fixture
def start_window(qtbot: QtBot, settings: QSettings,
                 tmp_path: Path) -> Callable[..., MainWindow]:
    """`start_window(*argv)`: the real `backlog-desk` start-up, waited for until the ledger
    and its headline numbers show (pass wait=False to watch it fail instead)."""

    def start(*argv: str, wait: bool = True) -> MainWindow:
        window = app_module.start(list(argv), settings=settings, data_dir=tmp_path / "data",
                                  today=lambda: AS_OF)
        qtbot.addWidget(window)
        if wait:
            qtbot.waitUntil(lambda: window.loaded is not None and not window.stats_pending,
                            timeout=OPEN_TIMEOUT_MS)
        return window

    return start
