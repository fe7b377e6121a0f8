"""`index-search`: take into the search index the cases a large import or a demo left out
of it (the window does this in the background whenever it opens a ledger)."""

from __future__ import annotations

import argparse

from backlog_desk.services.search_index import index_imported_cases, waiting_for_index

from .common import EXIT_OK, Register, emit, open_db


def cmd_index_search(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        done = index_imported_cases(db)
        left = waiting_for_index(db)
    finally:
        db.dispose()
    emit(args, {"indexed": done, "search_waiting": left},
         lambda: f"{done} cases taken into the search index; {left} wait")
    return EXIT_OK


def register(command: Register) -> None:
    p = command("index-search", cmd_index_search,
                "fill the search index with the cases a large import or demo left out")
    p.add_argument("db")
