"""Per-case tally of promised close dates, kept by triggers on the audit log.

`domain.promises.promise_record` folds a case's audited changes of `expected_close_date` into
promises made, moved (and days moved) and missed (and days missed). The ledger sorts and
filters a million cases by those figures, so the parts that do not depend on the reference
day are stored here, per case that has any audited change of its expected date:

- `promises`, `moved`, `moved_days`: counted change by change, as the domain does;
- `standing`: the promise in force after the last change (the fold's ``current``);
- `closed_date`: a copy of the case's, so that the ledger can sort the tallied cases by
  their figures from this narrow table alone;
- `promise_miss`: one row per promise that was replaced after its day had passed (the day
  promised and the day it was changed); `missed`/`missed_days` are their count and days,
  recounted whenever the case's closing date changes, because a case closed by the promised
  day kept that promise.

What does depend on the day, the standing promise having passed while the case is open, is
worked out in SQL from `standing` (or, for a case without audited changes, its
`expected_close_date`) when the ledger is read (services.promise_columns).

Triggers on the audit log, not the service layer, keep it: every writer of an expected date
(edits, imports, workbooks, packages, undo) logs the change there in its own transaction,
so the tally follows the same history as the domain's record, whatever code wrote it, and
is rolled back with it. A case's first logged change whose old value is a date counts that
date as a promise made before the log (as `services.reminders` does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

TABLE = "promise_tally"
MISS_TABLE = "promise_miss"

_WHEN = "NEW.entity = 'case' AND NEW.field = 'expected_close_date'"
_CASE_ID = "(SELECT id FROM cases WHERE uuid = NEW.entity_key)"


def _sqlite_recount(case_id: str, only_if: str = "") -> str:
    # A miss counts unless the case was closed by the promised day; its days run until the
    # change, or the closing day if that came first (domain.promises).
    days = ("CAST(round(julianday(CASE WHEN c.closed_date IS NOT NULL AND c.closed_date < "
            "m.moved_on THEN c.closed_date ELSE m.moved_on END) - julianday(m.promised)) "
            "AS INTEGER)")
    return (f"UPDATE {TABLE} SET (missed, missed_days) = (SELECT count(*), "
            f"coalesce(sum({days}), 0) FROM {MISS_TABLE} m JOIN cases c ON c.id = m.case_id "
            f"WHERE m.case_id = {case_id} AND (c.closed_date IS NULL "
            f"OR c.closed_date > m.promised)) WHERE case_id = {case_id} {only_if};")


_SQLITE_CHANGE = f"""
CREATE TRIGGER audit_promise_tally AFTER INSERT ON audit_log WHEN {_WHEN}
BEGIN
  INSERT INTO {TABLE} (case_id, promises, moved, moved_days, missed, missed_days, standing,
                       closed_date)
  SELECT id, date(NEW.old_value) IS NOT NULL, 0, 0, 0, 0, date(NEW.old_value), closed_date
    FROM cases WHERE uuid = NEW.entity_key
  ON CONFLICT (case_id) DO NOTHING;
  INSERT INTO {MISS_TABLE} (case_id, promised, moved_on)
  SELECT case_id, standing, date(NEW.at) FROM {TABLE}
   WHERE case_id = {_CASE_ID} AND standing < date(NEW.at);
  {_sqlite_recount(_CASE_ID, "AND standing < date(NEW.at)")}
  UPDATE {TABLE} SET
    promises = promises + (date(NEW.new_value) IS NOT NULL),
    moved = moved + CASE WHEN date(NEW.new_value) > standing THEN 1 ELSE 0 END,
    moved_days = moved_days + CASE WHEN date(NEW.new_value) > standing
      THEN CAST(round(julianday(NEW.new_value) - julianday(standing)) AS INTEGER) ELSE 0 END,
    standing = date(NEW.new_value)
   WHERE case_id = {_CASE_ID};
END"""

_SQLITE_CLOSED = f"""
CREATE TRIGGER cases_promise_closed AFTER UPDATE OF closed_date ON cases
WHEN NEW.closed_date IS NOT OLD.closed_date
 AND EXISTS (SELECT 1 FROM {TABLE} WHERE case_id = NEW.id)
BEGIN
  UPDATE {TABLE} SET closed_date = NEW.closed_date WHERE case_id = NEW.id;
  {_sqlite_recount("NEW.id")}
END"""

_SQLITE_DELETE = f"""
CREATE TRIGGER cases_promise_delete AFTER DELETE ON cases
BEGIN
  DELETE FROM {MISS_TABLE} WHERE case_id = OLD.id;
  DELETE FROM {TABLE} WHERE case_id = OLD.id;
END"""

SQLITE_TRIGGERS = (_SQLITE_CHANGE, _SQLITE_CLOSED, _SQLITE_DELETE)

_PG_FUNCTIONS = (
    # Audit values are ISO dates; anything else is no date (as SQLite's date() says).
    """CREATE OR REPLACE FUNCTION promise_day(v text) RETURNS date AS $$
    SELECT CASE WHEN v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN v::date END
    $$ LANGUAGE sql IMMUTABLE""",
    f"""CREATE OR REPLACE FUNCTION promise_recount(cid integer) RETURNS void AS $$
    UPDATE {TABLE} SET (missed, missed_days) = (
      SELECT count(*), coalesce(sum(CASE WHEN c.closed_date IS NOT NULL
                                          AND c.closed_date < m.moved_on
                                         THEN c.closed_date ELSE m.moved_on END
                                    - m.promised), 0)
        FROM {MISS_TABLE} m JOIN cases c ON c.id = m.case_id
       WHERE m.case_id = cid AND (c.closed_date IS NULL OR c.closed_date > m.promised))
     WHERE case_id = cid
    $$ LANGUAGE sql""",
    f"""CREATE OR REPLACE FUNCTION audit_promise_tally() RETURNS trigger AS $$
    DECLARE
      cid integer;
      old_day date := promise_day(NEW.old_value);
      new_day date := promise_day(NEW.new_value);
      cur date;
      closed date;
    BEGIN
      SELECT id, closed_date INTO cid, closed FROM cases WHERE uuid = NEW.entity_key;
      IF cid IS NULL THEN RETURN NULL; END IF;
      INSERT INTO {TABLE} (case_id, promises, moved, moved_days, missed, missed_days, standing,
                           closed_date)
      VALUES (cid, CASE WHEN old_day IS NULL THEN 0 ELSE 1 END, 0, 0, 0, 0, old_day, closed)
      ON CONFLICT (case_id) DO NOTHING;
      SELECT standing INTO cur FROM {TABLE} WHERE case_id = cid;
      IF cur < NEW.at::date THEN
        INSERT INTO {MISS_TABLE} (case_id, promised, moved_on) VALUES (cid, cur, NEW.at::date);
        PERFORM promise_recount(cid);
      END IF;
      UPDATE {TABLE} SET
        promises = promises + CASE WHEN new_day IS NULL THEN 0 ELSE 1 END,
        moved = moved + CASE WHEN new_day > cur THEN 1 ELSE 0 END,
        moved_days = moved_days + CASE WHEN new_day > cur THEN new_day - cur ELSE 0 END,
        standing = new_day
       WHERE case_id = cid;
      RETURN NULL;
    END; $$ LANGUAGE plpgsql""",
    f"""CREATE OR REPLACE FUNCTION cases_promise() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        DELETE FROM {MISS_TABLE} WHERE case_id = OLD.id;
        DELETE FROM {TABLE} WHERE case_id = OLD.id;
      ELSIF NEW.closed_date IS DISTINCT FROM OLD.closed_date
            AND EXISTS (SELECT 1 FROM {TABLE} WHERE case_id = NEW.id) THEN
        UPDATE {TABLE} SET closed_date = NEW.closed_date WHERE case_id = NEW.id;
        PERFORM promise_recount(NEW.id);
      END IF;
      RETURN NULL;
    END; $$ LANGUAGE plpgsql""",
)
_PG_TRIGGERS = (
    f"CREATE TRIGGER audit_promise_tally AFTER INSERT ON audit_log FOR EACH ROW "
    f"WHEN ({_WHEN}) EXECUTE FUNCTION audit_promise_tally()",
    "CREATE TRIGGER cases_promise AFTER DELETE OR UPDATE OF closed_date ON cases "
    "FOR EACH ROW EXECUTE FUNCTION cases_promise()",
)


def install(conn: Connection) -> None:
    """Create the triggers (the tables exist) and fill the tally from the audit log."""
    if conn.dialect.name == "sqlite":
        for ddl in SQLITE_TRIGGERS:
            conn.execute(text(ddl))
    else:
        for ddl in (*_PG_FUNCTIONS, *_PG_TRIGGERS):
            conn.execute(text(ddl))
    rebuild(conn)


@dataclass
class CaseTally:
    """One case's stored pieces, as the triggers keep them."""

    promises: int = 0
    moved: int = 0
    moved_days: int = 0
    missed: int = 0
    missed_days: int = 0
    standing: dt.date | None = None
    closed_date: dt.date | None = None
    misses: list[tuple[dt.date, dt.date]] = field(default_factory=list)  # (promised, on)


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def fold(changes: Iterable[tuple[object, object, object]],
         closed: dt.date | None) -> CaseTally:
    """The tally of one case from its logged (at, old, new) changes in log order: the
    triggers' arithmetic, for a rebuild and for checking them."""
    t: CaseTally | None = None
    for at, old, new in changes:
        on, new_day = _date(at), _date(new)
        assert on is not None
        if t is None:
            old_day = _date(old)
            t = CaseTally(promises=int(old_day is not None), standing=old_day)
        cur = t.standing
        if cur is not None and cur < on:
            t.misses.append((cur, on))
        t.promises += new_day is not None
        if cur is not None and new_day is not None and new_day > cur:
            t.moved += 1
            t.moved_days += (new_day - cur).days
        t.standing = new_day
    t = t or CaseTally()
    t.closed_date = closed
    for promised, on in t.misses:
        if closed is None or closed > promised:
            t.missed += 1
            t.missed_days += ((closed if closed is not None and closed < on else on)
                              - promised).days
    return t


def _folded(conn: Connection) -> dict[int, CaseTally]:
    """Every case's tally as a fold of the audit log (log order)."""
    history: dict[int, list[tuple[object, object, object]]] = {}
    closed: dict[int, dt.date | None] = {}
    rows = conn.execute(text(
        "SELECT c.id, c.closed_date, a.at, a.old_value, a.new_value FROM audit_log a "
        "JOIN cases c ON c.uuid = a.entity_key "
        "WHERE a.entity = 'case' AND a.field = 'expected_close_date' ORDER BY a.id"))
    for case_id, closed_date, at, old, new in rows:
        history.setdefault(case_id, []).append((at, old, new))
        closed[case_id] = _date(closed_date)
    return {case_id: fold(changes, closed[case_id]) for case_id, changes in history.items()}


def _row(t: CaseTally) -> tuple[object, ...]:
    return (t.promises, t.moved, t.moved_days, t.missed, t.missed_days, t.standing,
            t.closed_date)


def mismatches(conn: Connection) -> int:
    """How many cases' stored tally differs from a fold of the audit log (`check`)."""
    want = {case_id: _row(t) for case_id, t in _folded(conn).items()}
    got = {r[0]: tuple(_date(v) if i >= 5 else v for i, v in enumerate(r[1:]))
           for r in conn.execute(text(
               f"SELECT case_id, promises, moved, moved_days, missed, missed_days, standing, "
               f"closed_date FROM {TABLE}"))}
    return sum(1 for k in want.keys() | got.keys() if want.get(k) != got.get(k))


def rebuild(conn: Connection) -> int:
    """Make both tables equal to a fold of the audit log; returns the cases tallied."""
    conn.execute(text(f"DELETE FROM {MISS_TABLE}"))
    conn.execute(text(f"DELETE FROM {TABLE}"))
    tallies, misses = [], []
    for case_id, t in _folded(conn).items():
        tallies.append({"case_id": case_id, "promises": t.promises, "moved": t.moved,
                        "moved_days": t.moved_days, "missed": t.missed,
                        "missed_days": t.missed_days, "standing": t.standing,
                        "closed_date": t.closed_date})
        misses += [{"case_id": case_id, "promised": p, "moved_on": on} for p, on in t.misses]
    if tallies:
        conn.execute(text(
            f"INSERT INTO {TABLE} (case_id, promises, moved, moved_days, missed, missed_days, "
            "standing, closed_date) VALUES (:case_id, :promises, :moved, :moved_days, :missed, "
            ":missed_days, :standing, :closed_date)"), tallies)
    if misses:
        conn.execute(text(f"INSERT INTO {MISS_TABLE} (case_id, promised, moved_on) "
                          "VALUES (:case_id, :promised, :moved_on)"), misses)
    return len(tallies)
