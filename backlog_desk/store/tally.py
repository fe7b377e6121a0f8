"""A running count of baseline cases by department, filing month and closing date.

The dashboard must answer for a million cases in well under half a second; a GROUP BY over
the cases themselves takes 0.5-0.7 s here. Triggers keep this table (a few thousand rows)
in step with every insert, update and delete of a baseline case, whatever code made it, so
the counts cannot drift from the ledger; `check` recounts and compares.

Filing *month* is enough whenever the campaign's reference date and target filters fall on
month ends (the seed documents' campaigns do): a case's completed months to a month-end date
depend only on its filing month. Other campaigns are counted from the cases directly.
Open cases carry the closing date OPEN_DATE so the key never holds NULL.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, text

OPEN_DATE = dt.date(9999, 12, 31)

_TABLE = """
CREATE TABLE baseline_tally (
    campaign_id INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    filing_month VARCHAR(7) NOT NULL,
    closed_date DATE NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, department_id, filing_month, closed_date)
)"""

_SQLITE_KEY = {
    "OLD": ("OLD.baseline_campaign_id, coalesce(OLD.department_id, 0), "
            "substr(OLD.filing_date, 1, 7), coalesce(OLD.closed_date, '9999-12-31')"),
    "NEW": ("NEW.baseline_campaign_id, coalesce(NEW.department_id, 0), "
            "substr(NEW.filing_date, 1, 7), coalesce(NEW.closed_date, '9999-12-31')"),
}
_KEY_COLUMNS = "campaign_id, department_id, filing_month, closed_date"


def _sqlite_add(row: str) -> str:
    return (f"INSERT INTO baseline_tally ({_KEY_COLUMNS}, n) SELECT {_SQLITE_KEY[row]}, 1 "
            f"WHERE {row}.baseline_campaign_id IS NOT NULL "
            f"ON CONFLICT ({_KEY_COLUMNS}) DO UPDATE SET n = n + 1;")


def _sqlite_remove(row: str) -> str:
    return (f"UPDATE baseline_tally SET n = n - 1 WHERE {row}.baseline_campaign_id IS NOT NULL "
            f"AND ({_KEY_COLUMNS}) = ({_SQLITE_KEY[row]});")


SQLITE_TRIGGERS = (
    f"CREATE TRIGGER cases_tally_insert AFTER INSERT ON cases BEGIN {_sqlite_add('NEW')} END",
    f"CREATE TRIGGER cases_tally_delete AFTER DELETE ON cases BEGIN {_sqlite_remove('OLD')} END",
    "CREATE TRIGGER cases_tally_update AFTER UPDATE OF baseline_campaign_id, department_id, "
    f"filing_date, closed_date ON cases BEGIN {_sqlite_remove('OLD')} {_sqlite_add('NEW')} END",
)
SQLITE_TRIGGER_NAMES = ("cases_tally_insert", "cases_tally_delete", "cases_tally_update")

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION cases_tally() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.baseline_campaign_id IS NOT NULL THEN
    UPDATE baseline_tally SET n = n - 1
     WHERE campaign_id = OLD.baseline_campaign_id
       AND department_id = coalesce(OLD.department_id, 0)
       AND filing_month = to_char(OLD.filing_date, 'YYYY-MM')
       AND closed_date = coalesce(OLD.closed_date, DATE '9999-12-31');
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.baseline_campaign_id IS NOT NULL THEN
    INSERT INTO baseline_tally (campaign_id, department_id, filing_month, closed_date, n)
    VALUES (NEW.baseline_campaign_id, coalesce(NEW.department_id, 0),
            to_char(NEW.filing_date, 'YYYY-MM'),
            coalesce(NEW.closed_date, DATE '9999-12-31'), 1)
    ON CONFLICT (campaign_id, department_id, filing_month, closed_date)
    DO UPDATE SET n = baseline_tally.n + 1;
  END IF;
  RETURN NULL;
END; $$ LANGUAGE plpgsql"""
_PG_TRIGGER = (
    "CREATE TRIGGER cases_tally AFTER INSERT OR DELETE OR UPDATE OF baseline_campaign_id, "
    "department_id, filing_date, closed_date ON cases FOR EACH ROW EXECUTE FUNCTION "
    "cases_tally()"
)


def recount_sql(dialect: str) -> str:
    month = ("substr(filing_date, 1, 7)" if dialect == "sqlite"
             else "to_char(filing_date, 'YYYY-MM')")
    open_date = "'9999-12-31'" if dialect == "sqlite" else "DATE '9999-12-31'"
    return (f"SELECT baseline_campaign_id, coalesce(department_id, 0), {month}, "
            f"coalesce(closed_date, {open_date}), count(*) FROM cases "
            f"WHERE baseline_campaign_id IS NOT NULL GROUP BY 1, 2, 3, 4")


def rebuild_sql(dialect: str) -> tuple[str, str]:
    """Statements that make the table equal to a recount (used after bulk loads)."""
    return ("DELETE FROM baseline_tally",
            f"INSERT INTO baseline_tally ({_KEY_COLUMNS}, n) {recount_sql(dialect)}")


def install(conn: Connection) -> None:
    """Create the table and its triggers, and count what is already there."""
    conn.execute(text(_TABLE))
    if conn.dialect.name == "sqlite":
        for ddl in SQLITE_TRIGGERS:
            conn.execute(text(ddl))
    else:
        conn.execute(text(_PG_FUNCTION))
        conn.execute(text(_PG_TRIGGER))
    for sql in rebuild_sql(conn.dialect.name):
        conn.execute(text(sql))
