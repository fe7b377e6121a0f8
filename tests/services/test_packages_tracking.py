"""Change tracking for packages covers every path that changes cases, none of which knows
about packages: the triggers log them all."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from backlog_desk.domain.time_limits_events import Deduction
from backlog_desk.services import time_limits
from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.campaigns import freeze_baseline
from backlog_desk.services.demo import create_demo, write_demo_export
from backlog_desk.services.imports import import_case_list
from backlog_desk.services.setup import init_database
from backlog_desk.services.workbooks import (
    export_department_workbook,
    import_department_workbook,
)
from backlog_desk.store.database import open_database

from ..exchange.workbook_edit import Ledger
from .package_world import AS_OF, TODAY, World

AUDIT = Actor("王晓明", Role.AUDIT)


def _last(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT coalesce(max(id), 0) FROM sync_change").fetchone()[0])
    finally:
        con.close()


def _changed_since(path: Path, after: int) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute(
            "SELECT DISTINCT c.case_number FROM sync_change s JOIN cases c ON c.id = s.case_id "
            "WHERE s.id > ?", (after,))}
    finally:
        con.close()


def test_demo_import_freeze_edit_events_and_workbooks_are_all_tracked(
        tmp_path: Path) -> None:
    # Demo loader (raw driver inserts with deferred indexes): every case logged.
    demo = tmp_path / "demo.db"
    create_demo(demo, scale=120, seed=5, as_of=AS_OF)
    con = sqlite3.connect(demo)
    assert con.execute("SELECT count(*) FROM cases WHERE id NOT IN "
                       "(SELECT case_id FROM sync_change)").fetchone() == (0,)
    con.close()
    # The importer's bulk path into an empty ledger, then freezing the baseline.
    export = tmp_path / "export.xlsx"
    rows = write_demo_export(export, scale=120, seed=5, as_of=AS_OF)
    ledger = tmp_path / "ledger.db"
    db = init_database(ledger, AUDIT, court_name="长春市二道区人民法院", court_code="吉0105",
                       role="audit", campaign_year=2026)
    import_case_list(db, AUDIT, export)
    assert len(_changed_since(ledger, 0)) == rows
    mark = _last(ledger)
    frozen = freeze_baseline(db, AUDIT)
    assert len(_changed_since(ledger, mark)) == frozen > 0
    db.dispose()
    # A field edit and a 审限 event through the services.
    world = World(tmp_path / "w", scale=120)
    number = next(c.case_number for c in world.cases(world.audit) if c.status == "open")
    mark = _last(world.audit)
    world.set(world.audit, number, notes="备注")
    assert _changed_since(world.audit, mark) == {number}
    mark = _last(world.audit)
    db = open_database(world.audit)
    time_limits.add_event(db, AUDIT, number, Deduction(AS_OF - dt.timedelta(days=30), None,
                                                        "公告送达"), today=TODAY)
    db.dispose()
    assert _changed_since(world.audit, mark) == {number}
    # A department workbook coming back.
    case = world.case(world.audit, number)
    book = world.root / "dept.xlsx"
    db = open_database(world.audit)
    export_department_workbook(db, AUDIT, case.department, book)
    db.dispose()
    ledger_book = Ledger(book)
    ledger_book.set_case(number, 清结措施="每周督办")
    ledger_book.save()
    mark = _last(world.audit)
    db = open_database(world.audit)
    report = import_department_workbook(db, AUDIT, book, today=TODAY)
    db.dispose()
    assert len(report.updated) == 1
    assert _changed_since(world.audit, mark) == {number}
