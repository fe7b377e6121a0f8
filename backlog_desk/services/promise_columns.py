"""Promised close dates as ledger columns: SQL for the figures of `domain.promises` per case,
as of the ledger's day, for showing, sorting and filtering a million cases.

The day-independent pieces come from `promise_tally` (store.promise_tally, kept from the
audit log). A case without a row there has at most its one unchanged promise, its expected
close date; the only figure that depends on the day is whether the promise in force has
passed: before today and before the case was closed (a case closed by its promised day kept
it). So the day costs nothing to store: it is a condition on two indexed columns.

No index can hold an order that changes with the day, so sorting reads the cases that have
a figure in parts that each stay cheap on a million rows, then the cases without one in id
order (blanks go last, as in every column):

- promises moved and days moved are stored: the tally's index on them gives the order;
- promises missed: the tallied cases missed twice or more, sorted, then every case missed
  once in id order (a case without a tally row has at most one promise);
- days past promise: the cases without a tally row through the (expected_close_date,
  closed_date) index alone — longest first, only up to the expected date of the first
  page's last open case — with the tallied cases from the tally, which keeps a copy of the
  closing day so that without filters it is read alone.

A filter or a row looks up each case's tally row by a LEFT JOIN, in the order the rest of
the query reads the cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import aliased

from backlog_desk.store.models import Case, PromiseTally

__all__ = ["PROMISE_KEYS", "blank_rows", "missed_filter", "row_columns", "sorted_filled",
           "tally_table"]

#: Ledger sort keys of the promise columns → the tally column each one adds up.
PROMISE_KEYS: dict[str, str] = {
    "promise_missed": "missed",
    "promise_missed_days": "missed_days",
    "promise_moved": "moved",
    "promise_moved_days": "moved_days",
}
_DAY_DEPENDENT = frozenset({"promise_missed", "promise_missed_days"})

_Tally = aliased(PromiseTally)


def _days(dialect: str, later: Any, earlier: Any) -> ColumnElement[int]:
    if dialect == "sqlite":  # dates are ISO text there
        return cast(func.round(func.julianday(later) - func.julianday(earlier)), Integer)
    return cast(later - earlier, Integer)


def _end(cases: Any, today: dt.date) -> ColumnElement[Any]:
    """The last day a standing promise can be missed on: today, or the closing day."""
    day = literal(today, Date)
    return case((and_(cases.closed_date.is_not(None), cases.closed_date < day),
                 cases.closed_date), else_=day)


def _passed(cases: Any, promise: Any, today: dt.date) -> ColumnElement[bool]:
    return and_(promise.is_not(None), promise < _end(cases, today))


def _simple_passed(cases: Any, today: dt.date, upto: dt.date | None) -> ColumnElement[bool]:
    """A case's own expected date has passed while it was open (the case has no tally row),
    in a form SQLite answers from the (expected_close_date, closed_date) index alone.

    `upto`: only expected dates on or before that day (before today): one bound, so that
    the index range ends there.
    """
    expected = cases.expected_close_date
    before = (expected < literal(today, Date) if upto is None or upto >= today
              else expected <= literal(upto, Date))
    return and_(expected.is_not(None), before,
                or_(cases.closed_date.is_(None), cases.closed_date > expected))


def _figure(key: str, cases: Any, tally: Any, today: dt.date, dialect: str, *,
            outer: bool) -> ColumnElement[int]:
    """The figure of column `key` for a case joined to its tally row (`outer`: the row may
    be missing, then the case's expected date is its only promise)."""
    stored = func.coalesce(getattr(tally, PROMISE_KEYS[key]), 0)
    if key not in _DAY_DEPENDENT:
        return stored
    promise = (case((tally.case_id.is_(None), cases.expected_close_date),
                    else_=tally.standing) if outer else tally.standing)
    passed = _passed(cases, promise, today)
    if key == "promise_missed":
        return stored + case((passed, 1), else_=0)
    return stored + case((passed, _days(dialect, _end(cases, today), promise)), else_=0)


def row_columns(today: dt.date, dialect: str) -> list[ColumnElement[int]]:
    """The four figures of a row, in PROMISE_KEYS order; the query must outer-join
    `tally_table()` on the case id."""
    return [_figure(k, Case, _Tally, today, dialect, outer=True) for k in PROMISE_KEYS]


def tally_table() -> tuple[Any, ColumnElement[bool]]:
    """What `row_columns` needs joined (outer) to the cases, and on what."""
    return _Tally, _Tally.case_id == Case.id


def _outer(q: Select[Any]) -> tuple[Select[Any], Any]:
    """`q` (a select over the cases) with each case's tally row, if any: a LEFT JOIN keeps
    the cases as the outer loop, so a read in the order of the table's filters and primary
    key looks up one tally row per case instead of gathering the whole tally first."""
    tally = aliased(PromiseTally)
    return q.outerjoin(tally, tally.case_id == Case.id), tally


def blank_rows(q: Select[Any], key: str, today: dt.date, dialect: str) -> Select[Any]:
    """`q` restricted to the cases without a figure for column `key`."""
    q, tally = _outer(q)
    return q.where(_figure(key, Case, tally, today, dialect, outer=True) == 0)


def missed_filter(q: Select[Any], today: dt.date, dialect: str) -> Select[Any]:
    """The ledger filter "promised date missed": a promise missed at least once."""
    q, tally = _outer(q)
    return q.where(_figure("promise_missed", Case, tally, today, dialect, outer=True) > 0)


def sorted_filled(key: str, where: Any, today: dt.date, dialect: str, desc: bool, *,
                  limit: int | None = None,
                  first_value: Callable[[Select[Any]], Any] | None = None
                  ) -> list[Select[Any]]:
    """Ids of the filtered cases with a figure for `key`, by that figure (then by id), as
    queries to read one after the other.

    `where` applies the ledger's filters to a select over `Case` (None: no filter, then
    the tallied cases are read from the tally alone). With `limit` (only so many ids will
    be read) and `first_value` (runs a query, returns its first value) the
    longest-missed-first order reads only the cases that can be among the first `limit`.
    """
    if key == "promise_missed":
        return _missed_parts(where, today, dialect, desc)
    if key not in _DAY_DEPENDENT:
        # Stored figures: the tally's index on the column gives the order.
        tally = aliased(PromiseTally)
        column = getattr(tally, PROMISE_KEYS[key])
        q = _tallied(where, tally, tally.case_id).where(column > 0)
        return [q.order_by(column.desc() if desc else column.asc(),
                           tally.case_id.desc() if desc else tally.case_id.asc())]
    bound = None
    if desc and limit and first_value is not None:
        bound = _days_bound(where, today, limit, first_value)
    return [_days_sorted(where, today, dialect, desc, bound)]


def _tallied(where: Any, tally: Any, *columns: Any) -> Select[Any]:
    """`columns` of the tallied cases: from the tally alone without filters (a narrow
    table, its own closing-day copy), else joined to the filtered cases."""
    if where is None:
        return select(*columns)
    return where(select(*columns).select_from(Case).join(tally, tally.case_id == Case.id))


def _all(where: Any, q: Select[Any]) -> Select[Any]:
    return q if where is None else where(q)


def _ordered(parts: list[Select[Any]], desc: bool) -> Select[Any]:
    both = parts[0].subquery() if len(parts) == 1 else union_all(*parts).subquery()
    return select(both.c.id).order_by(both.c.k.desc() if desc else both.c.k.asc(),
                                      both.c.id.desc() if desc else both.c.id.asc())


def _missed_parts(where: Any, today: dt.date, dialect: str, desc: bool) -> list[Select[Any]]:
    # Without a tally row a case has missed at most its one promise, and so has a case
    # whose tally counts no miss: the order is the cases missed twice or more (among the
    # tally's rows with a miss), then every case missed once in id order — read in the
    # order of the table's filters and primary key, its first rows come at once instead of
    # after sorting a quarter of the ledger.
    tally = aliased(PromiseTally)
    figure = _figure("promise_missed", tally, tally, today, dialect, outer=False)
    many = _ordered([_tallied(where, tally, tally.case_id.label("id"), figure.label("k"))
                     .where(tally.missed > 0, figure > 1)], desc)
    once, row = _outer(_all(where, select(Case.id)))
    once = once.where(_figure("promise_missed", Case, row, today, dialect, outer=True) == 1)
    once = once.order_by(Case.id.desc() if desc else Case.id.asc())
    return [many, once] if desc else [once, many]


def _days_bound(where: Any, today: dt.date, limit: int,
                first_value: Callable[[Select[Any]], Any]) -> dt.date | None:
    # An open case without a tally row is late by today − its expected date. Take the
    # `limit`-th such case, latest first: `limit` open cases are later than by
    # today − its date D, and a closed case can be later than that only if its own
    # expected date is on or before D (it closed by today). So no case without a tally row
    # whose expected date is after D can be among the first `limit`: the index range up to
    # D is all that has to be read, instead of every promise that ever passed.
    q, tally = _outer(_all(where, select(Case.expected_close_date)))
    nth = (q.where(Case.closed_date.is_(None), Case.expected_close_date < literal(today, Date),
                   tally.case_id.is_(None))
           .order_by(Case.expected_close_date.asc()).offset(limit - 1).limit(1))
    value = first_value(nth)
    return value if isinstance(value, dt.date) else None


def _days_sorted(where: Any, today: dt.date, dialect: str, desc: bool,
                 bound: dt.date | None) -> Select[Any]:
    tally = aliased(PromiseTally)
    figure = _figure("promise_missed_days", tally, tally, today, dialect, outer=False)
    tallied = _tallied(where, tally, tally.case_id.label("id"),
                       figure.label("k")).where(figure > 0)
    # Without a tally row the figure is the days its one promise has been missed.
    plain, row = _outer(_all(where, select(
        Case.id.label("id"),
        _days(dialect, _end(Case, today), Case.expected_close_date).label("k"))))
    plain = plain.where(_simple_passed(Case, today, bound),
                        row.case_id.is_(None))
    return _ordered([plain, tallied], desc)
