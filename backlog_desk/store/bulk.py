"""Fast insertion of many cases (demo and scale data, first import into an empty ledger).

SQLAlchemy Core executemany reaches ~68,000 rows/s here, the raw sqlite3 driver ~108,000
(shared/TECH.md §3a), so on SQLite the rows go straight to the driver, with dates written in
exactly the text form SQLAlchemy's Date/DateTime types read back. Secondary indexes are
dropped during the load and rebuilt once afterwards, which is faster than maintaining them
row by row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Index, insert

from .models import Case

CASE_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in Case.__table__.columns if c.name != "id"
)
_SECONDARY: tuple[Index, ...] = tuple(
    ix for ix in Case.__table__.indexes if not ix.unique  # type: ignore[attr-defined]
)


def _sqlite_value(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def _chunks(rows: Iterable[Mapping[str, Any]], size: int) -> Iterator[list[Mapping[str, Any]]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def insert_cases(conn: Connection, rows: Iterable[Mapping[str, Any]], *,
                 rebuild_indexes: bool = True, chunk: int = 20_000,
                 progress: Callable[[int], None] | None = None) -> int:
    """Insert case rows (dicts keyed by CASE_COLUMNS) inside the caller's transaction."""
    sqlite = conn.dialect.name == "sqlite"
    if rebuild_indexes:
        for ix in _SECONDARY:
            ix.drop(conn, checkfirst=True)
    n = 0
    if sqlite:
        cols = ", ".join(f'"{c}"' for c in CASE_COLUMNS)
        marks = ", ".join("?" for _ in CASE_COLUMNS)
        sql = f"INSERT INTO cases ({cols}) VALUES ({marks})"
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            for part in _chunks(rows, chunk):
                cursor.executemany(
                    sql, [tuple(_sqlite_value(r[c]) for c in CASE_COLUMNS) for r in part])
                n += len(part)
                if progress:
                    progress(n)
        finally:
            cursor.close()
    else:
        for part in _chunks(rows, chunk):
            conn.execute(insert(Case), part)
            n += len(part)
            if progress:
                progress(n)
    if rebuild_indexes:
        for ix in _SECONDARY:
            ix.create(conn, checkfirst=True)
    return n
