"""The ledger's promised-date columns against domain.promises (through the audit-log report
of services.reminders): random histories of expected close dates, closures recorded late,
reopenings, sorting, the filter, the rebuild a schema upgrade runs; on every database target."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from backlog_desk.services import cases as case_service
from backlog_desk.services import promise_columns
from backlog_desk.services.check import check_database
from backlog_desk.services.demo import create_demo
from backlog_desk.services.ledger_view import LedgerQuery
from backlog_desk.services.promise_columns import PROMISE_KEYS
from backlog_desk.services.reminders import promise_report
from backlog_desk.store import audit, promise_tally
from backlog_desk.store.database import Database, open_database
from backlog_desk.store.models import Case

from .conftest import AUDIT, add_cases

D = dt.date


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _log_change(db: Database, number: str, at: dt.datetime, new: dt.date | None) -> None:
    """Change a case's expected date as a service does (row and audit entry in one
    transaction), on a chosen day: the services stamp the real clock."""
    with db.session() as s:
        uuid, old = s.execute(select(Case.uuid, Case.expected_close_date)
                              .where(Case.case_number == number)).one()
        s.execute(update(Case).where(Case.case_number == number)
                  .values(expected_close_date=new))
        audit.append(s, "测试", [audit.Change("update", "case", uuid, "expected_close_date",
                                              _iso(old), _iso(new))], at=at)


def _set_closed(db: Database, number: str, closed: dt.date | None) -> None:
    with db.session() as s:
        s.execute(update(Case).where(Case.case_number == number).values(
            closed_date=closed, status="open" if closed is None else "closed"))


def _figures(db: Database, as_of: dt.date) -> dict[str, tuple[int, int, int, int]]:
    query = LedgerQuery(db, today=as_of)
    ids = list(query.ids("case_number"))
    rows = query.rows(ids)
    return {r.case_number: (r.promise_missed, r.promise_missed_days, r.promise_moved,
                            r.promise_moved_days) for r in rows.values()}


def _expected(db: Database, as_of: dt.date) -> dict[str, tuple[int, int, int, int]]:
    report = promise_report(db, as_of)
    return {n: (r.missed, r.missed_days, r.moved, r.moved_days)
            for n, r in report.cases.items()}


def _random_ledger(db: Database, seed: int, n: int = 70) -> list[str]:
    rng = random.Random(seed)
    numbers = [f"（2021）吉0105民初{1000 + i}号" for i in range(n)]
    add_cases(db, [(num, D(2021, 1, 1) + dt.timedelta(days=rng.randrange(300)), "民一庭",
                    rng.choice(["张伟", "刘洋"]), "open", None) for num in numbers])
    for number in numbers:
        if rng.random() < 0.4:
            # a first promise written without an audit entry (as an import creates a case)
            with db.session() as s:
                s.execute(update(Case).where(Case.case_number == number).values(
                    expected_close_date=D(2023, 1, 1) + dt.timedelta(days=rng.randrange(900))))
        day = dt.datetime(2023, 1, 1, 9) + dt.timedelta(days=rng.randrange(400))
        for _ in range(rng.choice([0, 0, 1, 2, 3, 5])):
            day += dt.timedelta(days=rng.randrange(0, 200), minutes=rng.randrange(600))
            new = (None if rng.random() < 0.12 else
                   day.date() + dt.timedelta(days=rng.randrange(-60, 240)))
            _log_change(db, number, day, new)
            if rng.random() < 0.1:
                _set_closed(db, number, day.date() - dt.timedelta(days=rng.randrange(90)))
                if rng.random() < 0.5:
                    _set_closed(db, number, None)  # reopened
        r = rng.random()
        if r < 0.35:  # closed, sometimes recorded with an earlier day than the last change
            _set_closed(db, number, D(2023, 6, 1) + dt.timedelta(days=rng.randrange(800)))
    return numbers


@pytest.mark.parametrize("seed", [1, 2])
def test_figures_agree_with_the_domain_for_random_histories(ledger: Database,
                                                              seed: int) -> None:
    numbers = _random_ledger(ledger, seed)
    for as_of in (D(2024, 3, 1), D(2025, 7, 15), D(2027, 1, 1)):
        got = _figures(ledger, as_of)
        want = _expected(ledger, as_of)
        assert {n: f for n, f in got.items() if any(f)} == want, as_of
    # the histories did produce every kind of figure
    late = _expected(ledger, D(2027, 1, 1))
    assert sum(1 for f in late.values() if f[0] > 1) >= 3
    assert sum(1 for f in late.values() if f[2] > 0) >= 10
    assert len(numbers) == 70


@pytest.mark.parametrize("column", list(PROMISE_KEYS))
def test_sorting_and_filter_match_the_figures(ledger: Database, column: str) -> None:
    _random_ledger(ledger, 3)
    as_of = D(2025, 9, 1)
    query = LedgerQuery(ledger, today=as_of)
    every = list(query.ids("case_number"))
    rows = query.rows(every)
    value = {i: getattr(rows[i], column) for i in every}
    for desc in (True, False):
        filled = sorted((i for i in every if value[i]),
                        key=lambda i: (value[i], i), reverse=desc)
        blank = sorted((i for i in every if not value[i]), reverse=desc)
        assert list(query.ids(column, desc)) == filled + blank
        assert list(query.ids(column, desc, limit=7)) == (filled + blank)[:7]
        assert list(query.ids(column, desc, limit=len(filled) + 3)) == \
            (filled + blank)[:len(filled) + 3]
    missed = query.with_filters(promise_missed=True)
    assert set(missed.ids("filing_date")) == {i for i in every if rows[i].promise_missed}
    assert missed.count() == sum(1 for i in every if rows[i].promise_missed) > 5
    # with other filters, sorted by the column itself (the tally joined to the cases)
    both = query.with_filters(promise_missed=True, status="open")
    chosen = [i for i in every if rows[i].promise_missed and rows[i].status == "open"]
    for desc in (True, False):
        filled = sorted((i for i in chosen if value[i]), key=lambda i: (value[i], i),
                        reverse=desc)
        blank = sorted((i for i in chosen if not value[i]), reverse=desc)
        assert list(both.ids(column, desc)) == filled + blank
        assert list(both.ids(column, desc, limit=3)) == (filled + blank)[:3]


def test_rebuild_from_the_log_equals_what_the_triggers_kept(ledger: Database) -> None:
    _random_ledger(ledger, 4)
    # moved on its very day: not missed (the day itself is still within the promise)
    number = "（2019）吉0105民初11号"
    _log_change(ledger, number, dt.datetime(2024, 1, 2, 9), D(2024, 3, 1))
    _log_change(ledger, number, dt.datetime(2024, 3, 1, 17), D(2024, 5, 1))
    assert _figures(ledger, D(2024, 4, 1))[number] == (0, 0, 1, 61)
    sql = ("SELECT case_id, promises, moved, moved_days, missed, missed_days, standing "
           "FROM promise_tally ORDER BY case_id")
    miss_sql = "SELECT case_id, promised, moved_on FROM promise_miss ORDER BY case_id, id"
    with ledger.engine.connect() as conn:
        kept, kept_misses = conn.execute(text(sql)).all(), conn.execute(text(miss_sql)).all()
    with ledger.engine.begin() as conn:
        assert promise_tally.rebuild(conn) == len(kept) > 20
    with ledger.engine.connect() as conn:
        assert conn.execute(text(sql)).all() == kept
        assert conn.execute(text(miss_sql)).all() == kept_misses
    assert sum(1 for r in kept if r[4]) > 3


def test_edits_through_the_service_and_a_late_closure(ledger: Database) -> None:
    # The service stamps today's date: a promise ten days old moved today is missed by ten
    # days; a closure recorded later on a day before that promise means it was kept.
    today = dt.date.today()
    number = "（2025）吉0105民初44号"  # open, filed 2025-06-30
    case_service.update_case(ledger, AUDIT, number,
                             {"expected_close_date": _iso(today - dt.timedelta(days=10))})
    assert _figures(ledger, today)[number] == (1, 10, 0, 0)
    case_service.update_case(ledger, AUDIT, number,
                             {"expected_close_date": _iso(today + dt.timedelta(days=30))})
    assert _figures(ledger, today)[number] == (1, 10, 1, 40)
    assert _figures(ledger, today + dt.timedelta(days=35))[number] == (2, 15, 1, 40)
    case_service.update_case(ledger, AUDIT, number,
                             {"closed_date": _iso(today - dt.timedelta(days=20)),
                              "close_manner": "调解"})
    assert _figures(ledger, today + dt.timedelta(days=35))[number] == (0, 0, 1, 40)
    for day in (today, today + dt.timedelta(days=35)):
        assert {n: f for n, f in _figures(ledger, day).items() if any(f)} == \
            _expected(ledger, day)
    case_service.update_case(ledger, AUDIT, number, {"status": "open"})
    assert _figures(ledger, today)[number] == (1, 10, 1, 40)


def test_longest_missed_first_page_is_the_head_of_the_whole_order(tmp_path: Path) -> None:
    # The first page of "days past promise, longest first" reads only the expected dates up
    # to a bound (promise_columns._days_bound); on a court with many open cases past their
    # promise the bound exists, and the page must be exactly the head of the full order.
    as_of = D(2026, 7, 15)
    create_demo(tmp_path / "demo.db", scale="S", seed=1, as_of=as_of)
    db = open_database(tmp_path / "demo.db")
    try:
        numbers = [c.case_number for c in case_service.list_cases(db, status="open")[:40]]
        for i, number in enumerate(numbers):  # some cases with a history, in the tally
            _log_change(db, number, dt.datetime(2025, 1, 1 + i % 28, 10), D(2025, 3, 1))
            _log_change(db, number, dt.datetime(2025, 6, 1, 10), D(2026, 1, 1 + i % 28))
        query = LedgerQuery(db, today=as_of)
        bounds: list[object] = []

        def first_value(q: object) -> object:
            bounds.append(query._first_value(q))  # type: ignore[arg-type]
            return bounds[-1]

        promise_columns.sorted_filled("promise_missed_days", query._where, as_of, "sqlite",
                                      True, limit=100, first_value=first_value)
        assert isinstance(bounds[0], dt.date) and bounds[0] < as_of
        whole = list(query.ids("promise_missed_days", True))
        for n in (*range(1, 400, 3), 700):
            assert list(query.ids("promise_missed_days", True, limit=n)) == whole[:n]
        rows = query.rows(whole[:100])
        days = [rows[i].promise_missed_days for i in whole[:100]]
        assert days == sorted(days, reverse=True) and days[0] > days[-1] > 0
    finally:
        db.dispose()


def test_check_compares_the_tally_with_the_audit_log(ledger: Database) -> None:
    _random_ledger(ledger, 5)
    item = next(i for i in check_database(ledger).items if i.name == "promise_tally")
    assert item.ok, item.detail
    with ledger.session() as s:  # a tally changed behind the triggers' back
        s.execute(text("UPDATE promise_tally SET moved_days = moved_days + 1 "
                       "WHERE case_id = (SELECT min(case_id) FROM promise_tally)"))
    item = next(i for i in check_database(ledger).items if i.name == "promise_tally")
    assert not item.ok and item.detail.startswith("1 cases")
