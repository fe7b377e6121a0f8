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
