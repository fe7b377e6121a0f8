"""The window indexes, in the background, the cases an import (here: one from the command
line, or one cut short by a crash) left out of the search index, each time it opens a
ledger."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.search_index import waiting_for_index
from backlog_desk.services.setup import init_database
from backlog_desk.store import search
from backlog_desk.store.database import open_database
from backlog_desk.ui.main_window import MainWindow
from tests.services.conftest import KNOWN_CASES, add_cases

pytestmark = pytest.mark.gui
TIMEOUT_MS = 60_000


def test_opening_a_ledger_indexes_the_cases_waiting_for_the_search(
        start_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot) -> None:
    target = tmp_path / "court.db"
    db = init_database(target, Actor("王晓明", Role.AUDIT), court_name="长春市二道区人民法院",
                       court_code="吉0105", role="audit", campaign_year=2026)
    try:
        with db.engine.begin() as conn:
            if not search.exists(conn):
                pytest.skip("this SQLite build has no FTS5 trigram tokenizer")
            # What a large import leaves behind (store.bulk with search_later).
            for sql in search.defer_sql():
                conn.exec_driver_sql(sql)
        add_cases(db, KNOWN_CASES)
        assert waiting_for_index(db) == len(KNOWN_CASES)
    finally:
        db.dispose()
    window = start_window(str(target))
    indexer = window.search_index
    qtbot.waitUntil(lambda: indexer.indexed is not None, timeout=TIMEOUT_MS)
    assert indexer.indexed == len(KNOWN_CASES) and indexer.task is None
    assert f"{len(KNOWN_CASES):,}" in window.statusBar().currentMessage()
    again = open_database(target)
    try:
        assert waiting_for_index(again) == 0
        with again.session() as s:  # the index holds exactly every case's number and title
            s.execute(text(f"INSERT INTO {search.TABLE} ({search.TABLE}, rank) "
                           "VALUES ('integrity-check', 1)"))
    finally:
        again.dispose()
    # Opened again with nothing waiting: the catch-up finds nothing to do.
    window.open_database(target)
    qtbot.waitUntil(lambda: indexer.task is None and indexer.indexed == 0,
                    timeout=TIMEOUT_MS)
