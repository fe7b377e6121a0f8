"""The demo court: deterministic, complete, and sound by `check`."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from backlog_desk.services.check import check_database
from backlog_desk.services.demo import create_demo
from backlog_desk.store.database import open_database

AS_OF = dt.date(2026, 7, 15)


def _rows(path: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT uuid, case_number, filing_date, department_id, judge_id, "
                           "status, closed_date, baseline_campaign_id FROM cases "
                           "ORDER BY id").fetchall()
    finally:
        con.close()


def test_same_seed_same_court_and_every_case_assigned(tmp_path: Path) -> None:
    a = create_demo(tmp_path / "a.db", scale=250, seed=5, as_of=AS_OF)
    b = create_demo(tmp_path / "b.db", scale=250, seed=5, as_of=AS_OF)
    c = create_demo(tmp_path / "c.db", scale=250, seed=6, as_of=AS_OF)
    assert a.baseline == b.baseline == c.baseline == 250 and a.cases == b.cases > 250
    rows = _rows(tmp_path / "a.db")
    assert rows == _rows(tmp_path / "b.db")
    assert rows != _rows(tmp_path / "c.db")
    assert all(r[3] is not None and r[4] is not None for r in rows)  # department, judge
    assert sum(1 for r in rows if r[7] is not None) == 250


def test_demo_passes_check(tmp_path: Path) -> None:
    create_demo(tmp_path / "d.db", scale=200, seed=2, as_of=AS_OF)
    db = open_database(tmp_path / "d.db")
    report = check_database(db)
    db.dispose()
    assert report.ok, [i for i in report.items if not i.ok]


def test_cases_were_last_touched_before_the_demo_day(tmp_path: Path) -> None:
    # The dashboard's "no progress for 30 days" needs a spread of past days: some open
    # cases touched within the month before the demo's day, some before it.
    create_demo(tmp_path / "t.db", scale=300, seed=3, as_of=AS_OF)
    con = sqlite3.connect(tmp_path / "t.db")
    try:
        rows = con.execute("SELECT status, updated_at, closed_date, filing_date "
                           "FROM cases").fetchall()
    finally:
        con.close()
    end_of_day = dt.datetime.combine(AS_OF, dt.time(23, 59))
    month_ago = dt.datetime.combine(AS_OF - dt.timedelta(days=30), dt.time())
    touched = [dt.datetime.fromisoformat(r[1]) for r in rows]
    assert all(t <= end_of_day for t in touched)
    assert all(t.date() >= dt.date.fromisoformat(r[3]) for t, r in zip(touched, rows, strict=True))
    assert all(t.date() == dt.date.fromisoformat(r[2])
               for t, r in zip(touched, rows, strict=True) if r[0] == "closed" and r[2])
    open_touched = [t for t, r in zip(touched, rows, strict=True) if r[0] == "open"]
    stale = sum(t < month_ago for t in open_touched)
    assert 0 < stale < len(open_touched)


def test_a_large_demo_leaves_its_search_index_to_be_filled_and_finds_all_the_same(
        tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from backlog_desk.cli import main
    from backlog_desk.services.demo import SEARCH_LATER_FROM
    from backlog_desk.services.ledger_view import LedgerQuery
    from backlog_desk.services.search_index import waiting_for_index

    path = tmp_path / "big.db"
    assert main(["demo", str(path), "--scale", str(SEARCH_LATER_FROM), "--as-of",
                 AS_OF.isoformat(), "--json"]) == 0
    made = json.loads(capsys.readouterr().out)
    assert made["search_waiting"] == made["cases"] > SEARCH_LATER_FROM
    db = open_database(path)
    try:
        con = sqlite3.connect(path)
        case_id, number = con.execute("SELECT id, case_number FROM cases "
                                      "ORDER BY id DESC LIMIT 1").fetchone()
        con.close()
        fragment = number[number.index("）") + 1:]  # 吉0105…号, found by the trigram search
        before = LedgerQuery(db).with_filters(text=fragment).ids("filing_date", False)
        assert case_id in before  # not in the index yet, found all the same
    finally:
        db.dispose()
    assert main(["index-search", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"indexed": made["cases"],
                                                   "search_waiting": 0}
    db = open_database(path)
    try:
        assert waiting_for_index(db) == 0
        after = LedgerQuery(db).with_filters(text=fragment).ids("filing_date", False)
        assert list(after) == list(before)
    finally:
        db.dispose()
