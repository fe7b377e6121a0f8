"""Change tracking for package exchange: which cases changed, in what order.

Every insert or update of a case, and every insert, update or deletion of a case's 审限
event, appends the case's id to `sync_change` from a database trigger, whatever code made
the change (the field service, the importer's raw executemany, the workbook import, the
demo loader, freezing the baseline).
The row id is the local change sequence: a package to a peer carries every case changed
after the last change the peer has acknowledged. AUTOINCREMENT keeps ids from ever being
reused after the apply step removes the echo of a package it just took over unchanged.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

SQLITE_TRIGGERS = (
    "CREATE TRIGGER cases_sync_insert AFTER INSERT ON cases "
    "BEGIN INSERT INTO sync_change (case_id) VALUES (NEW.id); END",
    "CREATE TRIGGER cases_sync_update AFTER UPDATE ON cases "
    "BEGIN INSERT INTO sync_change (case_id) VALUES (NEW.id); END",
    "CREATE TRIGGER time_limit_event_sync_insert AFTER INSERT ON time_limit_event "
    "BEGIN INSERT INTO sync_change (case_id) VALUES (NEW.case_id); END",
    "CREATE TRIGGER time_limit_event_sync_update AFTER UPDATE ON time_limit_event "
    "BEGIN INSERT INTO sync_change (case_id) VALUES (NEW.case_id); END",
)

_PG = (
    "CREATE OR REPLACE FUNCTION cases_sync() RETURNS trigger AS $$ "
    "BEGIN INSERT INTO sync_change (case_id) VALUES (NEW.id); RETURN NULL; END; "
    "$$ LANGUAGE plpgsql",
    "CREATE TRIGGER cases_sync AFTER INSERT OR UPDATE ON cases FOR EACH ROW "
    "EXECUTE FUNCTION cases_sync()",
    "CREATE OR REPLACE FUNCTION time_limit_event_sync() RETURNS trigger AS $$ "
    "BEGIN INSERT INTO sync_change (case_id) VALUES (NEW.case_id); RETURN NULL; END; "
    "$$ LANGUAGE plpgsql",
    "CREATE TRIGGER time_limit_event_sync AFTER INSERT OR UPDATE ON time_limit_event "
    "FOR EACH ROW EXECUTE FUNCTION time_limit_event_sync()",
)


# Schema step 10: deleting an event is a change of its case too (the package then carries
# the case with its events and the deletion).
_SQLITE_EVENT_DELETE = (
    "CREATE TRIGGER time_limit_event_sync_delete AFTER DELETE ON time_limit_event "
    "BEGIN INSERT INTO sync_change (case_id) VALUES (OLD.case_id); END",
)
_PG_EVENT_DELETE = (
    "CREATE OR REPLACE FUNCTION time_limit_event_sync_delete() RETURNS trigger AS $$ "
    "BEGIN INSERT INTO sync_change (case_id) VALUES (OLD.case_id); RETURN NULL; END; "
    "$$ LANGUAGE plpgsql",
    "CREATE TRIGGER time_limit_event_sync_delete AFTER DELETE ON time_limit_event "
    "FOR EACH ROW EXECUTE FUNCTION time_limit_event_sync_delete()",
)


def install_event_delete_trigger(conn: Connection) -> None:
    for ddl in (_SQLITE_EVENT_DELETE if conn.dialect.name == "sqlite" else _PG_EVENT_DELETE):
        conn.execute(text(ddl))


def install_triggers(conn: Connection) -> None:
    for ddl in (SQLITE_TRIGGERS if conn.dialect.name == "sqlite" else _PG):
        conn.execute(text(ddl))


def last_change(conn: Connection) -> int:
    """The newest local change sequence (0 when nothing changed yet)."""
    return int(conn.execute(text("SELECT coalesce(max(id), 0) FROM sync_change")).scalar_one())


def changed_case_ids(conn: Connection, after: int) -> set[int]:
    """Ids of cases changed after local change `after`."""
    rows = conn.execute(text("SELECT DISTINCT case_id FROM sync_change WHERE id > :a"),
                        {"a": after})
    return {r[0] for r in rows}


def forget_changes(conn: Connection, after: int, keep_case_ids: set[int]) -> None:
    """Drop the change entries after `after` except those of `keep_case_ids`: the apply
    step's own writes of values the sender already holds must not travel back as an echo,
    while cases it merged with local changes must."""
    if not keep_case_ids:
        conn.execute(text("DELETE FROM sync_change WHERE id > :a"), {"a": after})
        return
    rows = conn.execute(text("SELECT id, case_id FROM sync_change WHERE id > :a"),
                        {"a": after}).fetchall()
    gone = [{"i": i} for i, case_id in rows if case_id not in keep_case_ids]
    if gone:
        conn.execute(text("DELETE FROM sync_change WHERE id = :i"), gone)
