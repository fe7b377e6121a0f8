"""The audit office's console over real packages, confirmations and conflicts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from backlog_desk.services.actor import AccountRole, Actor, Role
from backlog_desk.services.campaigns import load_active
from backlog_desk.services.cases import update_case
from backlog_desk.services.confirmations import (
    confirm_inventory,
    confirmation_rows,
    merge_confirmations,
)
from backlog_desk.services.conflicts import list_conflicts, resolve_conflict
from backlog_desk.services.console import console, export_all_packages
from backlog_desk.services.errors import Cancelled, PermissionDenied
from backlog_desk.services.workbooks import export_department_workbook, import_department_workbook
from backlog_desk.store.database import Database, open_database
from tests.exchange.workbook_edit import Ledger

from .package_world import AUDIT, TODAY, World


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def _row(world: World, dept: str, today: dt.date = TODAY):  # type: ignore[no-untyped-def]
    db = open_database(world.audit)
    try:
        return next(r for r in console(db, today).rows if r.department == dept)
    finally:
        db.dispose()


def test_a_new_campaign_shows_nothing_sent_and_returns_overdue(world: World) -> None:
    db = open_database(world.audit)
    try:
        view = console(db, TODAY)
    finally:
        db.dispose()
    assert len(view.rows) >= 2
    for r in view.rows:
        assert (r.last_sent_seq, r.last_received_seq, r.confirmed_at) == (None, None, None)
        assert r.open_conflicts == 0
        # The clearing phase ended on 2026-06-30: 20 days before TODAY, nothing came back.
        assert r.return_due == dt.date(2026, 6, 30) and r.return_overdue_days == 20
        assert r.inventory_due == dt.date(2026, 3, 31) and r.inventory_overdue
    assert sum(r.inventory_cases for r in view.rows) > 0
    # Before any phase has ended nothing is overdue.
    early = _row(world, world.d1, dt.date(2026, 3, 30))
    assert early.return_overdue_days == 0 and early.inventory_due is None


def test_packages_confirmations_and_conflicts_show_per_department(world: World) -> None:
    d1 = world.setup_department(world.d1)
    row = _row(world, world.d1)
    assert row.last_sent_seq == 1 and row.last_received_seq is None
    assert row.last_sent_at is not None and row.return_overdue_days == 20
    number = next(c for c in world.cases(d1) if c.status == "open").case_number
    world.set(world.audit, number, notes="审管办意见")
    world.set(d1, number, notes="部门意见")
    world.apply(world.audit, world.export(d1, "audit"))
    row = _row(world, world.d1)
    assert row.last_received_seq == 1 and row.return_overdue_days == 0
    assert row.open_conflicts == 1
    assert _row(world, world.d2).open_conflicts == 0

    head = Actor("陈刚", Role.DEPARTMENT, world.d1, AccountRole.HEAD)
    db = open_database(world.audit)
    try:
        confirm_inventory(db, head, world.d1)
        row = next(r for r in console(db, TODAY).rows if r.department == world.d1)
        assert row.confirmed_by == "陈刚" and row.confirmation_current
        assert not row.inventory_overdue
        # The audit office moves a case into the department: the confirmed list is stale.
        other = next(c for c in world.cases(world.audit, world.d2)
                     if c.status == "open" and c.filing_date <= dt.date(2025, 12, 31))
        update_case(db, AUDIT, other.case_number, {"department": world.d1}, today=TODAY)
        row = next(r for r in console(db, TODAY).rows if r.department == world.d1)
        assert row.confirmed_at is not None and not row.confirmation_current
        (conflict,) = list_conflicts(db)
        resolve_conflict(db, AUDIT, conflict.id, take_theirs=True, today=TODAY)
        assert next(r for r in console(db, TODAY).rows
                    if r.department == world.d1).open_conflicts == 0
    finally:
        db.dispose()


def test_export_for_all_departments_at_once(world: World, tmp_path: Path) -> None:
    db = open_database(world.audit)
    try:
        seen: list[tuple[int, int]] = []
        out = tmp_path / "outbox"
        results = export_all_packages(db, AUDIT, out,
                                      report=lambda d, t: seen.append((d, t)))
        rows = console(db, TODAY).rows
        assert len(results) == len(rows) and seen[-1] == (len(rows), len(rows))
        assert sorted(p.name for p in out.iterdir()) == sorted(Path(r.file).name
                                                               for r in results)
        assert all(r.last_sent_seq == 1 for r in rows)
        for who in (Actor("苏洪涛", Role.LEADER, None, AccountRole.LEADER),
                    Actor("李娜", Role.DEPARTMENT, world.d1, AccountRole.CLERK)):
            with pytest.raises(PermissionDenied):
                export_all_packages(db, who, tmp_path / "nope")
        assert all(r.last_sent_seq == 1 for r in console(db, TODAY).rows)
    finally:
        db.dispose()
    # The packages are real: a department is set up from its own.
    mine = next(r for r in results if r.recipient.startswith(world.d1) or
                world.d1 in r.file)
    report = world.apply(world.path(world.d1), Path(mine.file))
    assert report.new > 0


def test_confirmations_travel_as_rows_and_merge_once(world: World) -> None:
    d1 = world.setup_department(world.d1)
    head = Actor("陈刚", Role.DEPARTMENT, world.d1, AccountRole.HEAD)
    dept_db = open_database(d1)
    try:
        done = confirm_inventory(dept_db, head, world.d1, note="已逐案核对")
        with dept_db.read() as s:
            rows = confirmation_rows(s)
    finally:
        dept_db.dispose()
    assert [r["confirmed_by"] for r in rows] == ["陈刚"]
    db = open_database(world.audit)
    try:
        with db.session() as s:
            camp = load_active(s)
            assert camp is not None
            forged = dict(rows[0], uuid="x-1", department=world.d2)
            assert merge_confirmations(s, AUDIT, [*rows, forged], department=world.d1,
                                       campaign_id=camp.id) == 1
            assert merge_confirmations(s, AUDIT, rows, department=world.d1,
                                       campaign_id=camp.id) == 0
        row = next(r for r in console(db, TODAY).rows if r.department == world.d1)
        # The department's list and the audit office's are the same: the fingerprint holds.
        assert row.confirmed_by == "陈刚" and row.confirmation_current
        assert row.inventory_cases == done.cases
        assert next(r for r in console(db, TODAY).rows
                    if r.department == world.d2).confirmed_at is None
    finally:
        db.dispose()


def test_cancelling_the_export_keeps_the_packages_already_written(world: World,
                                                                  tmp_path: Path) -> None:
    def cancel_after_first(done: int, _total: int) -> None:
        if done >= 1:
            raise Cancelled()

    db = open_database(world.audit)
    try:
        with pytest.raises(Cancelled):
            export_all_packages(db, AUDIT, tmp_path / "out", report=cancel_after_first)
        sent = [r.last_sent_seq for r in console(db, TODAY).rows]
    finally:
        db.dispose()
    # Each package is its own transaction: the first stays written and recorded, and the
    # next run numbers on from it.
    assert sent[0] == 1 and set(sent[1:]) == {None}
    assert len(list((tmp_path / "out").iterdir())) == 1


def test_a_returned_workbook_counts_as_the_departments_return(world: World,
                                                              tmp_path: Path) -> None:
    db = open_database(world.audit)
    try:
        book_path = tmp_path / "台账.xlsx"
        export_department_workbook(db, AUDIT, world.d2, book_path)
        number = next(c for c in world.cases(world.audit, world.d2)
                      if c.status == "open").case_number
        book = Ledger(book_path)
        book.set_case(number, 清结措施="每周催办")
        book.save()
        assert _row(world, world.d2).return_overdue_days == 20
        report = import_department_workbook(db, AUDIT, book_path, today=TODAY)
        assert report.applied
        row = next(r for r in console(db, TODAY).rows if r.department == world.d2)
        assert row.last_workbook_at is not None and row.return_overdue_days == 0
        assert row.last_received_seq is None  # no package: the workbook was the return
        assert next(r for r in console(db, TODAY).rows
                    if r.department == world.d1).return_overdue_days == 20
    finally:
        db.dispose()


def test_console_on_every_database_target(ledger: Database) -> None:
    """The same rows from SQLite and PostgreSQL (the shared-server setup)."""
    head = Actor("陈刚", Role.DEPARTMENT, "民一庭", AccountRole.HEAD)
    confirm_inventory(ledger, head, "民一庭")
    rows = {r.department: r for r in console(ledger, TODAY).rows}
    assert rows["民一庭"].inventory_cases == 4 and rows["民一庭"].confirmation_current
    assert rows["执行局"].confirmed_at is None and rows["执行局"].inventory_cases == 2
    assert all(r.last_sent_seq is None and r.open_conflicts == 0 for r in rows.values())
