"""Fast loading of many cases into a new ledger (demo and scale data).

SQLAlchemy Core executemany reaches ~68,000 rows/s here, the raw sqlite3 driver ~108,000
(shared/TECH.md §3a), so on SQLite the rows go straight to the driver. The load runs with a
rollback journal instead of WAL (WAL would write every page twice: once to the log, once at
the checkpoint) and without secondary indexes, which are rebuilt once at the end. It is meant
for a file nobody else has open yet; everything else goes through normal transactions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any

from sqlalchemy import Index, insert, text
from sqlalchemy.orm import Session

from . import search, sqlite_text, sync, tally
from .database import Database
from .models import Case

CASE_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in Case.__table__.columns if c.name != "id"
)
_SECONDARY: tuple[Index, ...] = tuple(
    ix for ix in Case.__table__.indexes if not ix.unique  # type: ignore[attr-defined]
)


def new_case_defaults(**overrides: Any) -> dict[str, Any]:
    """Every column of a new case row (all but id) with the model's default, None where it
    has none: the one template the importer and the demo loader start from."""
    row: dict[str, Any] = {}
    for c in Case.__table__.columns:
        if c.name != "id":
            default = c.default
            row[c.name] = default.arg if default is not None and default.is_scalar else None
    row.update(overrides)
    return row


def _chunks(rows: Iterable[Sequence[Any]], size: int) -> Iterator[list[Sequence[Any]]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


_SYNC_INSERT = "cases_sync_insert"
_SYNC_INSERT_SQL = next(t for t in sync.SQLITE_TRIGGERS if f" {_SYNC_INSERT} " in t)


def _deferral_sql(tracked: bool, searchable: bool = False,
                  search_later: bool = False) -> list[str]:
    """Drop the secondary case indexes, the tally triggers and (when the schema has change
    tracking) the per-row change-log trigger before a large load: per-row index maintenance
    and trigger inserts cost seconds that one rebuild at the end does not."""
    return ([f"DROP INDEX IF EXISTS {ix.name}" for ix in _SECONDARY]
            + [f"DROP TRIGGER IF EXISTS {name}" for name in tally.SQLITE_TRIGGER_NAMES]
            + ([f"DROP TRIGGER IF EXISTS {_SYNC_INSERT}"] if tracked else [])
            # The search index's insert trigger too: the new rows are indexed in one pass,
            # at the end or, with `search_later`, after the commit (search.catch_up).
            + ((search.defer_sql() if search_later
                else [f"DROP TRIGGER IF EXISTS {search.INSERT_TRIGGER}"])
               if searchable else []))


def _restore_sql(tracked: bool, last_id: int, searchable: bool = False) -> list[str]:
    """Rebuild what `_deferral_sql` dropped, recount the tally from the cases, and log the
    cases inserted meanwhile (ids above `last_id`, in id order, which is the order the
    trigger would have logged them in) as changes. The search index is filled with FTS5's
    bulk settings (search.FAST), merged into one segment and given its defaults back."""
    indexes = [f"CREATE INDEX IF NOT EXISTS {ix.name} ON cases "
               f"({', '.join(c.name for c in ix.columns)})" for ix in _SECONDARY]
    catch_up = [f"INSERT INTO sync_change (case_id) SELECT id FROM cases "
                f"WHERE id > {int(last_id)} ORDER BY id", _SYNC_INSERT_SQL] if tracked else []
    indexed = [*search.config_sql(search.FAST),
               *search.catch_up_sql(last_id),
               f"INSERT INTO {search.TABLE} ({search.TABLE}) VALUES ('optimize')",
               *search.config_sql(search.DEFAULTS)] if searchable else []
    return [*indexes, *tally.SQLITE_TRIGGERS, *tally.rebuild_sql("sqlite"), *catch_up,
            *indexed]


def _tracking(execute: Callable[[str], Any]) -> tuple[bool, int]:
    """Whether the change-log insert trigger exists, and the highest case id now."""
    tracked = execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                      f"AND name = '{_SYNC_INSERT}'").fetchone()[0] > 0
    return tracked, execute("SELECT coalesce(max(id), 0) FROM cases").fetchone()[0]


def _searchable(execute: Callable[[str], Any]) -> bool:
    """Whether the search index's insert trigger exists (store.search, schema step 8)."""
    return execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                   f"AND name = '{search.INSERT_TRIGGER}'").fetchone()[0] > 0


@contextmanager
def deferred_indexes(session: Session, enabled: bool = True, *,
                     search_later: bool = False) -> Iterator[None]:
    """Inside the session's transaction, drop the secondary case indexes and tally triggers,
    and rebuild them (and recount the tally) at the end. Rebuilding once is several times
    faster than maintaining them row by row when many rows arrive at once. SQLite DDL is
    transactional, so a rollback brings everything back as it was.

    With `search_later` the new cases are left out of the search index, for the caller to
    index after the commit (search.catch_up): the search finds them meanwhile all the same."""
    conn = session.connection()
    if not enabled or conn.dialect.name != "sqlite":
        yield
        return
    tracked, last_id = _tracking(conn.exec_driver_sql)
    searchable = _searchable(conn.exec_driver_sql)
    for statement in _deferral_sql(tracked, searchable, search_later):
        conn.exec_driver_sql(statement)
    yield
    for statement in _restore_sql(tracked, last_id, searchable and not search_later):
        conn.exec_driver_sql(statement)


def load_cases(db: Database, rows: Iterable[Sequence[Any]], *, chunk: int = 20_000,
               progress: Callable[[int], None] | None = None,
               after_load: Iterable[str] = (), search_later: bool = False) -> int:
    """Insert case rows (tuples in CASE_COLUMNS order) in one transaction and run the SQL
    statements in `after_load` inside it (e.g. filling the baseline list). With
    `search_later` the new cases are left for search.catch_up, as in deferred_indexes."""
    n = 0
    if db.path is None:
        with db.engine.begin() as conn:
            for part in _chunks(rows, chunk):
                conn.execute(insert(Case), [dict(zip(CASE_COLUMNS, r, strict=True))
                                            for r in part])
                n += len(part)
                if progress:
                    progress(n)
            for sql in after_load:
                conn.execute(text(sql))
        return n
    sqlite_text.install()
    db.engine.dispose()  # no pooled connection may hold the WAL while the mode changes
    con = sqlite3.connect(db.path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA cache_size=-262144")
        con.execute("PRAGMA foreign_keys=ON")
        con.execute("BEGIN")
        tracked, last_id = _tracking(con.execute)
        searchable = _searchable(con.execute)
        for statement in _deferral_sql(tracked, searchable, search_later):
            con.execute(statement)
        cols = ", ".join(f'"{c}"' for c in CASE_COLUMNS)
        sql = f"INSERT INTO cases ({cols}) VALUES ({', '.join('?' for _ in CASE_COLUMNS)})"
        for part in _chunks(rows, chunk):
            con.executemany(sql, part)
            n += len(part)
            if progress:
                progress(n)
        for statement in [*_restore_sql(tracked, last_id, searchable and not search_later),
                          *after_load]:
            con.execute(statement)
        con.execute("COMMIT")
        con.execute("PRAGMA journal_mode=WAL")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    finally:
        con.close()
    return n

