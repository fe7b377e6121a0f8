"""Read-only paging of the ledger for a table view that may hold a million cases.

The window never loads the ledger into Python objects. It asks for the ids of the matching
cases in display order once (`LedgerQuery.ids`, 8 bytes per case in an `array('q')`) and then
for the few hundred rows on screen by primary key (`LedgerQuery.rows`). Every position in the
list then costs the same small query, where `LIMIT … OFFSET` paging would cost seconds near
the end of a re-sorted million-row table (shared/TECH.md §5, "id list" model).

SQLAlchemy Core only (no ORM objects: a million of them would take gigabytes), and nothing
here is specific to SQLite, so the same code serves a PostgreSQL ledger.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, String, func, select
from sqlalchemy.orm import aliased

from backlog_desk.domain.ages import DEFAULT_AGE_BUCKETS, AgeBucket
from backlog_desk.domain.case_number import search_key
from backlog_desk.domain.ledger import Status
from backlog_desk.domain.text import clean_text
from backlog_desk.store.database import Database, open_database
from backlog_desk.store.models import Case, Department, Person

from .campaigns import active_campaign
from .errors import InvalidValue, NotFound
from .setup import court_of

__all__ = [
    "AGE_BUCKET_KEYS",
    "SORT_KEYS",
    "LedgerQuery",
    "LedgerRow",
    "OpenedLedger",
    "count_cases",
    "department_names",
    "open_ledger",
]

# Fetching ids in slices keeps the peak memory at one slice of driver rows plus the array,
# instead of a million-tuple list next to the array.
_ID_BATCH = 50_000
# Far below SQLite's 32,766 bound-parameter limit and PostgreSQL's 65,535.
MAX_PAGE = 5_000

_BUCKETS: dict[str, AgeBucket] = {b.key: b for b in DEFAULT_AGE_BUCKETS}
AGE_BUCKET_KEYS: tuple[str, ...] = tuple(_BUCKETS)

_Dept = aliased(Department)
_Judge = aliased(Person)
_Leader = aliased(Person)


class LedgerRow(NamedTuple):
    """What one table row shows; a slim CaseView (names already joined)."""

    id: int
    case_number: str
    title: str
    filing_date: dt.date
    department: str
    judge: str
    leader: str
    reason_category: str
    reason: str
    expected_close_date: dt.date | None
    status: str
    closed_date: dt.date | None
    measures: str
    close_manner: str
    notes: str


@dataclass(frozen=True)
class _SortKey:
    # Columns to order by, in priority order; the case id is always appended as the final
    # tie-breaker so equal values keep a stable order across re-queries.
    columns: tuple[Any, ...]  # mapped attributes and column expressions
    # Ages are the reverse of filing dates: the oldest case has the highest age.
    reverse: bool = False
    # Outer-joined names, optional dates and empty texts go last in both directions (a
    # blank is never what the user sorts to find), and SQLite (NULLs first) and PostgreSQL
    # (NULLs last) then show the same order. Off for indexed columns that are never empty,
    # so their ORDER BY can walk the index.
    blanks_last: bool = False
    join: Any = None


# The allow-list of sortable columns; user input never reaches ORDER BY as text.
_SORTS: dict[str, _SortKey] = {
    "case_number": _SortKey((Case.case_number,)),
    "title": _SortKey((Case.title,), blanks_last=True),
    "filing_date": _SortKey((Case.filing_date,)),
    "department": _SortKey((_Dept.sort_order, _Dept.name), blanks_last=True, join=_Dept),
    "judge": _SortKey((_Judge.name,), blanks_last=True, join=_Judge),
    "leader": _SortKey((_Leader.name,), blanks_last=True, join=_Leader),
    "age_months": _SortKey((Case.filing_date,), reverse=True),
    "reason": _SortKey((Case.reason,), blanks_last=True),
    "expected_close_date": _SortKey((Case.expected_close_date,), blanks_last=True),
    "status": _SortKey((Case.status,)),
    "age_bucket": _SortKey((Case.filing_date,), reverse=True),
    "reason_category": _SortKey((Case.reason_category,), blanks_last=True),
    "measures": _SortKey((Case.measures,), blanks_last=True),
    "closed_date": _SortKey((Case.closed_date,), blanks_last=True),
    "close_manner": _SortKey((Case.close_manner,), blanks_last=True),
    "notes": _SortKey((Case.notes,), blanks_last=True),
}
SORT_KEYS: tuple[str, ...] = tuple(_SORTS)

_JOIN_ON: dict[Any, ColumnElement[bool]] = {
    _Dept: _Dept.id == Case.department_id,
    _Judge: _Judge.id == Case.judge_id,
    _Leader: _Leader.id == Case.leader_id,
}


@dataclass(frozen=True)
class LedgerQuery:
    """The filters of the ledger table; build a new one with `with_filters` to change them.

    - `department`: exact department name; an unknown name matches nothing.
    - `status`: "open", "closed" or None for both.
    - `text`: a case-number fragment typed in any bracket or digit width, or part of the
      title (the same tolerant matching as `services.cases.find_cases`).
    - `age_bucket`: key of one of `DEFAULT_AGE_BUCKETS` ("lt6m" … "gt3y"), the age counted
      to `reference_date` (the campaign's "by the end of this year"; `today` without one).
    - `overdue`: open cases whose expected close date is before `today`.
    - `no_reason`: open cases with neither a reason category nor a reason text.

    `today` and `reference_date` default to the real date when the query runs; the window
    passes its own so that a session started before midnight keeps one consistent day.
    """

    db: Database
    department: str | None = None
    status: str | None = None
    text: str = ""
    age_bucket: str | None = None
    overdue: bool = False
    no_reason: bool = False
    reference_date: dt.date | None = None
    today: dt.date | None = None

    def __post_init__(self) -> None:
        if self.status not in (None, Status.OPEN, Status.CLOSED):
            raise InvalidValue(f"status must be open or closed, not {self.status!r}",
                               field="status")
        if self.age_bucket is not None and self.age_bucket not in _BUCKETS:
            raise InvalidValue(f"age bucket must be one of {', '.join(_BUCKETS)}, "
                               f"not {self.age_bucket!r}", field="age_bucket")

    def with_filters(self, *, department: str | None = None, status: str | None = None,
                     text: str = "", age_bucket: str | None = None, overdue: bool = False,
                     no_reason: bool = False) -> LedgerQuery:
        return replace(self, department=department or None, status=status or None,
                       text=text.strip(), age_bucket=age_bucket or None, overdue=overdue,
                       no_reason=no_reason)

    @property
    def is_filtered(self) -> bool:
        return bool(self.department or self.status or self.text or self.age_bucket
                    or self.overdue or self.no_reason)

    def _day(self) -> dt.date:
        return self.today or dt.date.today()

    def _where(self, q: Select[Any]) -> Select[Any]:
        if self.department:
            # A scalar subquery instead of a join keeps the plan on the
            # (department_id, status, filing_date) index.
            dept_id = select(Department.id).where(Department.name == self.department)
            q = q.where(Case.department_id == dept_id.scalar_subquery())
        if self.status:
            q = q.where(Case.status == self.status)
        if self.text:
            q = q.where(_text_condition(self.text))
        if self.age_bucket:
            # Ages become a filing-date range, so the condition is a plain range on the
            # indexed filing_date and agrees with domain.ages for every date.
            bucket = _BUCKETS[self.age_bucket]
            after, upto = DEFAULT_AGE_BUCKETS.filing_date_range(
                bucket, self.reference_date or self._day())
            if after is not None:
                q = q.where(Case.filing_date > after)
            if upto is not None:
                q = q.where(Case.filing_date <= upto)
        if self.overdue:
            q = q.where(Case.status == Status.OPEN, Case.expected_close_date < self._day())
        if self.no_reason:
            q = q.where(Case.status == Status.OPEN,
                        func.coalesce(Case.reason, "") == "",
                        func.coalesce(Case.reason_category, "") == "")
        return q

    def ids(self, sort_column: str = "filing_date", descending: bool = False, *,
            progress: Callable[[int, int], None] | None = None) -> array[int]:
        """Ids of the matching cases in display order (ties broken by id).

        `progress(read, 0)` is called after every batch of ids; it may raise (Cancelled) to
        stop a read that a newer one has made useless.
        """
        key = _SORTS.get(sort_column)
        if key is None:
            raise InvalidValue(
                f"cannot sort by {sort_column!r}; sortable columns: {', '.join(SORT_KEYS)}",
                field="sort_column")
        q = self._where(select(Case.id))
        if key.join is not None:
            q = q.outerjoin(key.join, _JOIN_ON[key.join])
        desc = descending != key.reverse
        order: list[ColumnElement[Any]] = []
        for col in key.columns:
            if key.blanks_last and _is_text(col):
                col = func.nullif(col, "")
            term = col.desc() if desc else col.asc()
            order.append(term.nulls_last() if key.blanks_last else term)
        order.append(Case.id.desc() if desc else Case.id.asc())
        return _read_ids(self.db, q.order_by(*order), progress)

    def count(self) -> int:
        """How many cases match the filters (without fetching their ids)."""
        q = self._where(select(func.count()).select_from(Case))
        with self.db.engine.connect() as conn:
            return int(conn.execute(q).scalar_one())

    def rows(self, ids: Sequence[int]) -> dict[int, LedgerRow]:
        """The rows with these ids, keyed by id; ids that no longer exist are left out.

        Meant for one screenful or page (at most MAX_PAGE ids); the filters are not applied,
        since the ids already came from `ids()`.
        """
        if len(ids) > MAX_PAGE:
            raise ValueError(f"rows() takes at most {MAX_PAGE} ids, got {len(ids)}")
        if not ids:
            return {}
        q = _row_query().where(Case.id.in_([int(i) for i in ids]))
        with self.db.engine.connect() as conn:
            return {r[0]: LedgerRow(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "", r[6] or "",
                                    r[7] or "", r[8] or "", r[9], r[10], r[11], r[12] or "",
                                    r[13] or "", r[14] or "")
                    for r in conn.execute(q)}


def _read_ids(db: Database, q: Select[Any],
              progress: Callable[[int, int], None] | None) -> array[int]:
    out: array[int] = array("q")
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            # Straight from the driver's cursor: SQLAlchemy's per-row Row objects cost 2.3 s
            # for a million ids, the bare cursor 0.9 s. Safe here because pysqlite results are
            # not pre-buffered by SQLAlchemy and integer ids need no type processing.
            result = conn.execute(q)
            try:
                while rows := result.cursor.fetchmany(_ID_BATCH):
                    out.extend(map(itemgetter(0), rows))
                    if progress:
                        progress(len(out), 0)
            finally:
                result.close()
        else:
            # A server-side cursor keeps PostgreSQL from sending a million rows at once.
            result = conn.execution_options(yield_per=_ID_BATCH).execute(q)
            for part in result.scalars().partitions():
                out.extend(part)
                if progress:
                    progress(len(out), 0)
    return out


def _is_text(col: ColumnElement[Any]) -> bool:
    return isinstance(col.type, String)


def _text_condition(text: str) -> ColumnElement[bool]:
    # Stored numbers are canonical with full-width brackets (（2021）…), so the fragment is
    # brought to the same form; titles are compared after the same cleaning as on import.
    key = search_key(text).replace("(", "（").replace(")", "）")
    title_key = clean_text(text)
    return (Case.case_number.contains(key, autoescape=True)
            | Case.title.contains(title_key, autoescape=True))


def _row_query() -> Select[Any]:
    return (
        select(
            Case.id, Case.case_number, Case.title, Case.filing_date,
            _Dept.name, _Judge.name, _Leader.name, Case.reason_category, Case.reason,
            Case.expected_close_date, Case.status, Case.closed_date, Case.measures,
            Case.close_manner, Case.notes,
        )
        .outerjoin(_Dept, _JOIN_ON[_Dept])
        .outerjoin(_Judge, _JOIN_ON[_Judge])
        .outerjoin(_Leader, _JOIN_ON[_Leader])
    )


def count_cases(db: Database) -> int:
    """All cases in the ledger, whatever the filters."""
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Case)).scalar_one())


def department_names(db: Database) -> list[str]:
    """Departments in the court's own order (sort_order), for the filter list."""
    q = select(Department.name).order_by(Department.sort_order, Department.name)
    with db.engine.connect() as conn:
        return [str(n) for n in conn.execute(q).scalars()]


@dataclass(frozen=True)
class OpenedLedger:
    """What a window shows first of a ledger, read in one go (off the GUI thread)."""

    target: str
    db: Database
    court_name: str
    #: The campaign's age reference date ("by the end of this year"); None without a campaign.
    reference_date: dt.date | None
    query: LedgerQuery
    ids: array[int]
    sort: tuple[str, bool]
    departments: list[str]
    total: int


def open_ledger(target: str, sort: tuple[str, bool] = ("filing_date", False)) -> OpenedLedger:
    """Open (check, upgrade) a ledger and read the first id list. The campaign statistics are
    left to the caller: at a million cases they take seconds, the table need not wait."""
    db = open_database(target)
    try:
        try:
            reference: dt.date | None = active_campaign(db).plan.reference_date
        except NotFound:
            reference = None
        query = LedgerQuery(db)
        return OpenedLedger(target, db, court_of(db)[0], reference, query, query.ids(*sort),
                            sort, department_names(db), count_cases(db))
    except BaseException:
        db.dispose()
        raise
