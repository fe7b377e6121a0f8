"""A trigram full-text index of case numbers and titles (SQLite FTS5), for the ledger search.

"Any part of the case number or title" is a LIKE '%…%' that reads every case: about a second
on a million cases. An FTS5 table with the trigram tokenizer (SQLite 3.34+) finds the cases
that contain a fragment of three or more characters through its index instead. It is an
external-content table over `cases` (it stores only the index, not a second copy of the text)
kept in step by triggers; the ORM models do not describe it, since SQLAlchemy cannot.

PostgreSQL ledgers and SQLite builds without FTS5 do without it: callers fall back to LIKE.
The index only narrows the candidates; the LIKE condition still decides, so the matches are
exactly the same with and without it.

A large import leaves its new cases out of the index ("behind", `defer_sql`) so that the
user does not wait for them to be indexed (about 0.9 s CPU per 100,000 cases); `catch_up`
indexes them afterwards in short transactions of its own. While the index is behind, its
insert trigger is absent, so every case inserted meanwhile is left out too: the cases not
indexed are exactly those with an id above the highest indexed one (new rows always get a
higher id than any existing row), and `candidate_ids` adds them to what the index finds.
The delete and update triggers only touch cases that are indexed (telling FTS5 to forget a
text it never indexed would corrupt it). A crash at any point leaves one of the two states,
each consistent; the window catches up when it next opens the ledger.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Connection,
    Engine,
    Select,
    column,
    func,
    select,
    table,
    text,
    union_all,
)

TABLE = "case_search"
#: FTS5 trigram matching needs at least this many characters in a fragment.
MIN_CHARS = 3

INSERT_TRIGGER = "case_search_insert"
DELETE_TRIGGER = "case_search_delete"
UPDATE_TRIGGER = "case_search_update"
_INSERT_SQL = (
    f"CREATE TRIGGER {INSERT_TRIGGER} AFTER INSERT ON cases BEGIN "
    f"INSERT INTO {TABLE} (rowid, case_number, title) "
    "VALUES (new.id, new.case_number, new.title); END")
# External content: the old text must be handed back to remove its trigrams.
_DELETE_BODY = (f"BEGIN INSERT INTO {TABLE} ({TABLE}, rowid, case_number, title) "
                "VALUES ('delete', old.id, old.case_number, old.title); END")
_UPDATE_BODY = (f"BEGIN INSERT INTO {TABLE} ({TABLE}, rowid, case_number, title) "
                "VALUES ('delete', old.id, old.case_number, old.title); "
                f"INSERT INTO {TABLE} (rowid, case_number, title) "
                "VALUES (new.id, new.case_number, new.title); END")
_DELETE_ON = f"CREATE TRIGGER {DELETE_TRIGGER} AFTER DELETE ON cases "
_UPDATE_ON = f"CREATE TRIGGER {UPDATE_TRIGGER} AFTER UPDATE OF case_number, title ON cases "
TRIGGERS: tuple[str, ...] = (_INSERT_SQL, _DELETE_ON + _DELETE_BODY, _UPDATE_ON + _UPDATE_BODY)
# While the index is behind: only a case that is indexed (has its docsize row) is forgotten
# or re-indexed; one that is not waits, with its current text, for the catch-up.
_INDEXED = f"WHEN EXISTS (SELECT 1 FROM {TABLE}_docsize WHERE id = old.id) "
_GUARDED: tuple[str, ...] = (_DELETE_ON + _INDEXED + _DELETE_BODY,
                             _UPDATE_ON + _INDEXED + _UPDATE_BODY)
_DROP = tuple(f"DROP TRIGGER IF EXISTS {name}"
              for name in (INSERT_TRIGGER, DELETE_TRIGGER, UPDATE_TRIGGER))

_fts = table(TABLE, column("rowid"))
_cases = table("cases", column("id"))

#: FTS5's settings for filling many rows at once: pending terms collected in up to 64 MB of
#: memory instead of 1 MB, so a few large segments are written instead of thousands of small
#: ones, and no merging meanwhile (measured ~1.0 s against 1.45-1.65 s CPU for 100,000
#: cases). DEFAULTS are SQLite's, which the index has the rest of the time.
FAST = {"automerge": 0, "crisismerge": 1000, "hashsize": 64 << 20}
DEFAULTS = {"automerge": 4, "crisismerge": 16, "hashsize": 1 << 20}
#: Cases indexed per catch-up transaction (~0.4 s): an edit made in the window meanwhile
#: waits at most that long for the write lock, and a cancel stops after it.
CATCH_UP_CHUNK = 50_000


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


def config_sql(values: dict[str, int]) -> list[str]:
    """Statements setting FTS5 options of the index (stored in it, so they persist)."""
    return [f"INSERT INTO {TABLE} ({TABLE}, rank) VALUES ('{k}', {int(v)})"
            for k, v in values.items()]


def defer_sql() -> list[str]:
    """Leave the cases inserted from now on out of the index ("behind"): no insert
    trigger, and delete/update triggers that skip the cases not indexed. For the index's
    owner's transaction (store.bulk); `catch_up` ends it."""
    return [*_DROP, *_GUARDED]


def _names(conn: Connection) -> set[str]:
    return set(conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE name IN (?, ?)",
        (TABLE, INSERT_TRIGGER)).scalars())


def behind(conn: Connection) -> int | None:
    """While the index is behind: the highest indexed case id (every case above it, and
    none at or below it, waits to be indexed). None when the index is complete or absent."""
    if conn.dialect.name != "sqlite":
        return None
    names = _names(conn)
    if TABLE not in names or INSERT_TRIGGER in names:
        return None
    return int(conn.exec_driver_sql(
        f"SELECT coalesce(max(id), 0) FROM {TABLE}_docsize").scalar_one())


def waiting(conn: Connection) -> int:
    """How many cases wait to be indexed (0 when the index is complete or absent)."""
    upto = behind(conn)
    if upto is None:
        return 0
    return int(conn.execute(select(func.count()).where(_cases.c.id > upto)).scalar_one())


def catch_up(engine: Engine, *, chunk: int = CATCH_UP_CHUNK,
             progress: Callable[[int, int], None] | None = None) -> int:
    """Index the cases a large import left out, `chunk` at a time, each chunk its own
    transaction; the one that indexes the last of them restores the triggers. Returns how
    many cases were indexed. `progress(done, total)` is called before the first transaction
    and after each commit, and may raise to stop: what is committed stays consistent, the
    rest waits for the next call."""
    with engine.connect() as conn:
        total = waiting(conn)
        if behind(conn) is None:
            return 0
    # Each transaction writes one segment and none is merged meanwhile; at most about eight
    # keep FTS5's automatic merging gradual (16 at one level would make the next edit merge
    # them all at once). Merging them now instead ('optimize') cost 0.3 s more per 100,000.
    chunk = max(chunk, -(-total // 8))
    if progress is not None:
        progress(0, total)
    done = 0
    while True:
        with engine.begin() as conn:
            # The first statement writes, so the write lock is taken before anything is read
            # and no other writer can slip in between reading the state and indexing.
            for sql in config_sql(FAST):
                conn.exec_driver_sql(sql)
            upto = behind(conn)
            left = 0 if upto is None else waiting(conn)
            last = left <= chunk
            if upto is not None and left:
                bound = "" if last else (
                    f" AND id <= (SELECT id FROM cases WHERE id > {upto} ORDER BY id "
                    f"LIMIT 1 OFFSET {chunk - 1})")
                conn.exec_driver_sql(
                    f"INSERT INTO {TABLE} (rowid, case_number, title) SELECT id, "
                    f"case_number, title FROM cases WHERE id > {upto}{bound} ORDER BY id")
                done += min(left, chunk)
            if last and upto is not None:
                for sql in (*_DROP, *TRIGGERS):
                    conn.exec_driver_sql(sql)
            for sql in config_sql(DEFAULTS):
                conn.exec_driver_sql(sql)
        if progress is not None:
            progress(done, done + left - min(left, chunk))
        if last:
            return done


def candidate_ids(conn: Connection, match: str, frequent: int
                  ) -> Select[Any] | CompoundSelect | None:
    """The ids a search must test with LIKE: those the index finds plus, while it is
    behind, every case it has not indexed yet. None when the index cannot narrow the search:
    absent, or `frequent` candidates or more (a scan in display order finds the first
    screenful sooner). Counting stops at `frequent`, so this costs milliseconds."""
    names = _names(conn) if conn.dialect.name == "sqlite" else set()
    if TABLE not in names:
        return None
    found = conn.execute(select(func.count()).select_from(
        matching_ids(match, frequent).subquery())).scalar_one()
    upto = behind(conn)
    if upto is None:
        return matching_ids(match) if found < frequent else None
    waiting_ids = select(_cases.c.id).where(_cases.c.id > upto)
    found += conn.execute(select(func.count()).select_from(
        waiting_ids.limit(frequent).subquery())).scalar_one()
    return union_all(matching_ids(match), waiting_ids) if found < frequent else None


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
