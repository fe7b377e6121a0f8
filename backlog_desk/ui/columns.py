"""The ledger table's columns and the texts its cells show, marked for translation.

Kept apart from the model so the table view, the filters and the detail panel can name
columns without importing the paging machinery.
"""

from __future__ import annotations

from typing import NamedTuple

from backlog_desk.domain.ledger import Status


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for lupdate under `context`; translated later, where it is shown.

    A typed stand-in for PySide6's own (identical) function, whose stub returns `object`;
    the upper-case name is the one lupdate looks for.
    """
    return text


class Column(NamedTuple):
    key: str  # a sort key of services.ledger_view
    title: str  # English source text, translated in headerData
    width: int  # initial width in CJK characters
    hidden: bool = False  # hidden until the user shows it (header context menu)


COLUMNS: tuple[Column, ...] = (
    Column("case_number", QT_TRANSLATE_NOOP("LedgerModel", "Case number"), 13),
    Column("title", QT_TRANSLATE_NOOP("LedgerModel", "Case name"), 20),
    Column("filing_date", QT_TRANSLATE_NOOP("LedgerModel", "Filing date"), 6),
    Column("department", QT_TRANSLATE_NOOP("LedgerModel", "Department"), 6),
    Column("judge", QT_TRANSLATE_NOOP("LedgerModel", "Judge"), 4),
    Column("leader", QT_TRANSLATE_NOOP("LedgerModel", "Leader"), 5),
    Column("age_months", QT_TRANSLATE_NOOP("LedgerModel", "Age (months)"), 5),
    Column("age_bucket", QT_TRANSLATE_NOOP("LedgerModel", "Age group"), 6, hidden=True),
    Column("reason_category", QT_TRANSLATE_NOOP("LedgerModel", "Reason category"), 6),
    Column("reason", QT_TRANSLATE_NOOP("LedgerModel", "Reason not closed"), 20),
    Column("expected_close_date", QT_TRANSLATE_NOOP("LedgerModel", "Expected close"), 7),
    Column("measures", QT_TRANSLATE_NOOP("LedgerModel", "Measures"), 14, hidden=True),
    Column("status", QT_TRANSLATE_NOOP("LedgerModel", "Status"), 4),
    Column("closed_date", QT_TRANSLATE_NOOP("LedgerModel", "Closed on"), 6, hidden=True),
    Column("close_manner", QT_TRANSLATE_NOOP("LedgerModel", "Closed by"), 5, hidden=True),
    Column("notes", QT_TRANSLATE_NOOP("LedgerModel", "Notes"), 14, hidden=True),
    # Promised close dates (domain.promises, as of the window's day), asked for by users:
    # shown at the end; the days moved only on demand.
    Column("promise_missed", QT_TRANSLATE_NOOP("LedgerModel", "Promises missed"), 4),
    Column("promise_missed_days", QT_TRANSLATE_NOOP("LedgerModel", "Days past promise"), 4),
    Column("promise_moved", QT_TRANSLATE_NOOP("LedgerModel", "Promises moved"), 4),
    Column("promise_moved_days", QT_TRANSLATE_NOOP("LedgerModel", "Days moved"), 4,
           hidden=True),
)
COLUMN_BY_KEY: dict[str, int] = {c.key: i for i, c in enumerate(COLUMNS)}
DATE_COLUMNS = frozenset({"filing_date", "expected_close_date", "closed_date"})
#: Counts and days of promised close dates: right-aligned, blank for none.
PROMISE_COLUMNS = frozenset({"promise_missed", "promise_missed_days", "promise_moved",
                             "promise_moved_days"})
#: Columns a user may edit in the table (department-owned fields; services.cases decides).
EDITABLE_KEYS = frozenset({"reason_category", "reason", "expected_close_date", "measures",
                           "status", "closed_date", "close_manner", "notes"})

#: The default age groups (domain.ages.DEFAULT_AGE_BUCKETS) in the UI language.
AGE_BUCKET_TEXT: dict[str, str] = {
    "lt6m": QT_TRANSLATE_NOOP("LedgerModel", "Under 6 months"),
    "6to12m": QT_TRANSLATE_NOOP("LedgerModel", "6 to 12 months"),
    "1to2y": QT_TRANSLATE_NOOP("LedgerModel", "1 to 2 years"),
    "2to3y": QT_TRANSLATE_NOOP("LedgerModel", "2 to 3 years"),
    "gt3y": QT_TRANSLATE_NOOP("LedgerModel", "Over 3 years"),
}

STATUS_TEXT: dict[str, str] = {
    Status.OPEN: QT_TRANSLATE_NOOP("LedgerModel", "Open"),
    Status.CLOSED: QT_TRANSLATE_NOOP("LedgerModel", "Closed"),
}

#: Every field shown, in the ledger's order, with its label (English source text).
FIELD_TITLES: dict[str, str] = {
    "case_number": QT_TRANSLATE_NOOP("CaseDetail", "Case number"),
    "title": QT_TRANSLATE_NOOP("CaseDetail", "Case name"),
    "cause": QT_TRANSLATE_NOOP("CaseDetail", "Cause"),
    "filing_date": QT_TRANSLATE_NOOP("CaseDetail", "Filing date"),
    "age": QT_TRANSLATE_NOOP("CaseDetail", "Age"),
    "department": QT_TRANSLATE_NOOP("CaseDetail", "Department"),
    "judge": QT_TRANSLATE_NOOP("CaseDetail", "Judge"),
    "leader": QT_TRANSLATE_NOOP("CaseDetail", "Leader"),
    "procedure": QT_TRANSLATE_NOOP("CaseDetail", "Procedure"),
    "reason_category": QT_TRANSLATE_NOOP("CaseDetail", "Reason category"),
    "reason": QT_TRANSLATE_NOOP("CaseDetail", "Reason not closed"),
    "expected_close_date": QT_TRANSLATE_NOOP("CaseDetail", "Expected close date"),
    "measures": QT_TRANSLATE_NOOP("CaseDetail", "Measures"),
    "status": QT_TRANSLATE_NOOP("CaseDetail", "Status"),
    "closed_date": QT_TRANSLATE_NOOP("CaseDetail", "Closed on"),
    "close_manner": QT_TRANSLATE_NOOP("CaseDetail", "Closed by"),
    "committee_date": QT_TRANSLATE_NOOP("CaseDetail", "Committee review date"),
    "committee_decision": QT_TRANSLATE_NOOP("CaseDetail", "Committee decision"),
    "supervision_level": QT_TRANSLATE_NOOP("CaseDetail", "Supervision level"),
    "notes": QT_TRANSLATE_NOOP("CaseDetail", "Notes"),
    "closure_candidate": QT_TRANSLATE_NOOP("CaseDetail", "Closure candidate"),
}
