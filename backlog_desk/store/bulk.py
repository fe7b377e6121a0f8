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

from . import sqlite_text, tally
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


def _deferral_sql() -> list[str]:
    """Drop the secondary case indexes and the tally triggers before a large load: per-row
    index maintenance and trigger upserts cost seconds that one rebuild at the end does not."""
    return ([f"DROP INDEX IF EXISTS {ix.name}" for ix in _SECONDARY]
            + [f"DROP TRIGGER IF EXISTS {name}" for name in tally.SQLITE_TRIGGER_NAMES])


def _restore_sql() -> list[str]:
    """Rebuild what `_deferral_sql` dropped and recount the tally from the cases."""
    indexes = [f"CREATE INDEX IF NOT EXISTS {ix.name} ON cases "
               f"({', '.join(c.name for c in ix.columns)})" for ix in _SECONDARY]
    return [*indexes, *tally.SQLITE_TRIGGERS, *tally.rebuild_sql("sqlite")]


@contextmanager
def deferred_indexes(session: Session, enabled: bool = True) -> Iterator[None]:
    """Inside the session's transaction, drop the secondary case indexes and tally triggers,
    and rebuild them (and recount the tally) at the end. Rebuilding once is several times
    faster than maintaining them row by row when many rows arrive at once. SQLite DDL is
    transactional, so a rollback brings everything back as it was."""
    conn = session.connection()
    if not enabled or conn.dialect.name != "sqlite":
        yield
        return
    for statement in _deferral_sql():
        conn.exec_driver_sql(statement)
    yield
    for statement in _restore_sql():
        conn.exec_driver_sql(statement)


def load_cases(db: Database, rows: Iterable[Sequence[Any]], *, chunk: int = 20_000,
               progress: Callable[[int], None] | None = None,
               after_load: Iterable[str] = ()) -> int:
    """Insert case rows (tuples in CASE_COLUMNS order) in one transaction and run the SQL
    statements in `after_load` inside it (e.g. filling the baseline list)."""
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
        for statement in _deferral_sql():
            con.execute(statement)
        cols = ", ".join(f'"{c}"' for c in CASE_COLUMNS)
        sql = f"INSERT INTO cases ({cols}) VALUES ({', '.join('?' for _ in CASE_COLUMNS)})"
        for part in _chunks(rows, chunk):
            con.executemany(sql, part)
            n += len(part)
            if progress:
                progress(n)
        for statement in [*_restore_sql(), *after_load]:
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

