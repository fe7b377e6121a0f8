"""Keeping the ledger search's trigram index up with large imports (store.search).

A large import leaves its new cases out of the index, so that nobody waits for them to be
indexed while importing (about 0.9 s CPU per 100,000 cases); the search finds them all the
same, by testing the cases not indexed yet directly. This module indexes them afterwards: the
window runs it in the background each time it opens a ledger (and it opens the ledger again
after an import). Kept apart from services.imports so that the window need not load the
case-list reader to run it.
"""

from __future__ import annotations

from collections.abc import Callable

from backlog_desk.store import search
from backlog_desk.store.database import Database


def waiting_for_index(db: Database) -> int:
    """How many cases the search index has not taken in yet (0 on PostgreSQL)."""
    with db.engine.connect() as conn:
        return search.waiting(conn)


def index_imported_cases(db: Database,
                         progress: Callable[[int, int], None] | None = None) -> int:
    """Index the cases that large imports left out of the search index, in short
    transactions of 50,000 or more cases (about 0.4 s each); returns how many. `progress(done,
    total)` is called before the first and after each, and may raise (Cancelled) to stop:
    the rest waits, still found by the search, for the next call. Not a change of the
    ledger's data, so no backup and no audit entry."""
    return search.catch_up(db.engine, progress=progress)
