"""A trigram full-text index of case numbers and titles (SQLite FTS5), for the ledger search.

"Any part of the case number or title" is a LIKE '%…%' that reads every case: about a second
on a million cases. An FTS5 table with the trigram tokenizer (SQLite 3.34+) finds the cases
that contain a fragment of three or more characters through its index instead. It is an
external-content table over `cases` (it stores only the index, not a second copy of the text)
kept in step by triggers; the ORM models do not describe it, since SQLAlchemy cannot.

PostgreSQL ledgers and SQLite builds without FTS5 do without it: callers fall back to LIKE.
The index only narrows the candidates; the LIKE condition still decides, so the matches are
exactly the same with and without it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, column, select, table, text

TABLE = "case_search"
#: FTS5 trigram matching needs at least this many characters in a fragment.
MIN_CHARS = 3

INSERT_TRIGGER = "case_search_insert"
_INSERT_SQL = (
    f"CREATE TRIGGER {INSERT_TRIGGER} AFTER INSERT ON cases BEGIN "
    f"INSERT INTO {TABLE} (rowid, case_number, title) "
    "VALUES (new.id, new.case_number, new.title); END")
TRIGGERS: tuple[str, ...] = (
    _INSERT_SQL,
    # External content: the old text must be handed back to remove its trigrams.
    f"CREATE TRIGGER case_search_delete AFTER DELETE ON cases BEGIN "
    f"INSERT INTO {TABLE} ({TABLE}, rowid, case_number, title) "
    "VALUES ('delete', old.id, old.case_number, old.title); END",
    f"CREATE TRIGGER case_search_update AFTER UPDATE OF case_number, title ON cases BEGIN "
    f"INSERT INTO {TABLE} ({TABLE}, rowid, case_number, title) "
    "VALUES ('delete', old.id, old.case_number, old.title); "
    f"INSERT INTO {TABLE} (rowid, case_number, title) "
    "VALUES (new.id, new.case_number, new.title); END",
)

_fts = table(TABLE, column("rowid"))


def fts5_available(conn: Connection) -> bool:
    """Can this SQLite build make a trigram FTS5 table?"""
    if conn.dialect.name != "sqlite":
        return False
    try:
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x, tokenize='trigram')")
    except Exception:
        return False
    conn.exec_driver_sql("DROP TABLE temp.fts5_probe")
    return True


def install(conn: Connection) -> None:
    """Create, fill and hook up the index (a migration step; about 30 s on a million cases)."""
    if not fts5_available(conn):
        return
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5(case_number, title, content='cases', "
        "content_rowid='id', tokenize='trigram')")
    conn.exec_driver_sql(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('rebuild')")
    for sql in TRIGGERS:
        conn.exec_driver_sql(sql)


def exists(conn: Connection) -> bool:
    if conn.dialect.name != "sqlite":
        return False
    return conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                             "AND name = :n"), {"n": TABLE}).scalar_one() > 0


def catch_up_sql(last_id: int) -> list[str]:
    """Index the cases above `last_id` and restore the insert trigger, after a bulk load
    that dropped it (store.bulk): one pass instead of a trigger call per row."""
    return [f"INSERT INTO {TABLE} (rowid, case_number, title) "
            f"SELECT id, case_number, title FROM cases WHERE id > {int(last_id)}",
            _INSERT_SQL]


def _phrase(fragment: str) -> str:
    # An FTS5 string: double quotes doubled; nothing inside is query syntax.
    return '"' + fragment.replace('"', '""') + '"'


def match_expression(number_key: str, title_key: str) -> str | None:
    """The MATCH text for "number contains `number_key` or title contains `title_key`";
    None when a fragment is too short for trigrams (the caller scans instead)."""
    if len(number_key) < MIN_CHARS or len(title_key) < MIN_CHARS:
        return None
    return f"case_number : {_phrase(number_key)} OR title : {_phrase(title_key)}"


def matching_ids(match: str, limit: int | None = None) -> Select[Any]:
    """SELECT of the ids of the cases the index finds (a superset of the LIKE matches)."""
    q = select(_fts.c.rowid).where(text(f"{TABLE} MATCH :match").bindparams(match=match))
    return q.limit(limit) if limit is not None else q
