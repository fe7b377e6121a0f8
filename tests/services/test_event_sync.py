"""Edits and deletions of 审限 events travel in packages, both ways; conflicts follow a rule."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from backlog_desk.domain.time_limits_events import Deduction, Event
from backlog_desk.services import time_limits as tl
from backlog_desk.services.errors import PermissionDenied
from backlog_desk.store.database import open_database

from .package_world import TODAY, World

D1 = Deduction(dt.date(2026, 2, 2), dt.date(2026, 2, 20), "等待鉴定", "院长")


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path, scale=200)


def _plain_case(world: World, db: Path, dept: str, k: int = 0) -> str:
    """An open case of `dept` filed before 2026 with no events yet."""
    found = []
    for c in world.cases(db, dept):
        if c.status == "open" and c.filing_date < dt.date(2025, 12, 1) and \
                not _records(db, c.case_number):
            found.append(c.case_number)
    return found[k]


def _records(db_path: Path, number: str) -> list[tl.EventRecord]:
    db = open_database(db_path)
    try:
        return tl.event_records(db, number)
    finally:
        db.dispose()


def _events(db_path: Path, number: str) -> dict[str, Event]:
    return {r.uuid: r.event for r in _records(db_path, number)}


def _do(world: World, db_path: Path, what: str, *args: object) -> object:
    db = open_database(db_path)
    try:
        fn = getattr(tl, what)
        if what == "delete_event":
            return fn(db, world.actor_of(db_path), *args)
        return fn(db, world.actor_of(db_path), *args, today=TODAY)
    finally:
        db.dispose()


def _audit_actions(db_path: Path, action: str) -> list[tuple[str, str | None, str | None]]:
    con = sqlite3.connect(db_path)
    try:
        return list(con.execute(
            "SELECT field, old_value, new_value FROM audit_log WHERE entity = "
            "'time_limit_event' AND action = ? ORDER BY id", (action,)))
    finally:
        con.close()


def _exchange(world: World, d1: Path) -> None:
    """One round: the audit office to the department, then back."""
    world.apply(d1, world.export(world.audit, world.d1))
    world.apply(world.audit, world.export(d1, "audit"))


def test_edit_and_delete_travel_from_the_audit_office_and_back(world: World) -> None:
    d1 = world.setup_department(world.d1)
    n = _plain_case(world, world.audit, world.d1)
    key = _do(world, world.audit, "add_event", n, D1)
    world.apply(d1, world.export(world.audit, world.d1))
    assert _events(d1, n) == {key: D1}
    # The audit office corrects the end date: the department gets the correction.
    fixed = Deduction(D1.start, dt.date(2026, 3, 1), D1.reason, D1.approver)
    _do(world, world.audit, "update_event", key, fixed)
    report = world.apply(d1, world.export(world.audit, world.d1))
    assert _events(d1, n) == {key: fixed}
    assert any(c["field"] == "time_limit_event" for c in report.changes)
    assert _audit_actions(d1, "update")[-1][2] is not None
    # The department edits it in turn (its own case): the audit office gets that.
    mine = Deduction(D1.start, dt.date(2026, 3, 5), "补充鉴定", D1.approver)
    _do(world, d1, "update_event", key, mine)
    world.apply(world.audit, world.export(d1, "audit"))
    assert _events(world.audit, n) == {key: mine}
    # The audit office deletes it: deleted at the department too, and it stays deleted
    # when a later package still carries the case.
    _do(world, world.audit, "delete_event", key)
    world.apply(d1, world.export(world.audit, world.d1))
    assert _events(d1, n) == {}
    _exchange(world, d1)
    _exchange(world, d1)
    assert _events(d1, n) == {} and _events(world.audit, n) == {}
    assert _audit_actions(d1, "delete")[-1][0] == "deduction"


def test_a_lost_package_with_an_edit_is_recovered(world: World) -> None:
    d1 = world.setup_department(world.d1)
    n = _plain_case(world, world.audit, world.d1)
    key = _do(world, world.audit, "add_event", n, D1)
    _exchange(world, d1)
    fixed = Deduction(D1.start, dt.date(2026, 3, 1), D1.reason, D1.approver)
    _do(world, world.audit, "update_event", key, fixed)
    world.export(world.audit, world.d1)  # lost
    world.apply(world.audit, world.export(d1, "audit"))  # a round trip meanwhile
    world.apply(d1, world.export(world.audit, world.d1))
    assert _events(d1, n) == {key: fixed}


def test_both_edit_the_same_event_the_audit_office_version_stands_on_both(
        world: World) -> None:
    d1 = world.setup_department(world.d1)
    n = _plain_case(world, world.audit, world.d1)
    key = _do(world, world.audit, "add_event", n, D1)
    _exchange(world, d1)
    theirs = Deduction(D1.start, dt.date(2026, 3, 9), "本庭更正", D1.approver)
    ours = Deduction(D1.start, dt.date(2026, 3, 1), "审管办更正", D1.approver)
    _do(world, d1, "update_event", key, theirs)
    _do(world, world.audit, "update_event", key, ours)
    to_dept, to_audit = world.export(world.audit, world.d1), world.export(d1, "audit")
    at_audit = world.apply(world.audit, to_audit)
    at_dept = world.apply(d1, to_dept)
    assert _events(world.audit, n) == {key: ours} == _events(d1, n)
    # Not silent: both sides logged the conflict with both versions.
    for path in (world.audit, d1):
        (field, old, new), = _audit_actions(path, "event-conflict")
        assert field == "deduction" and {"本庭更正" in (old or "") + (new or ""),
                                         "审管办更正" in (old or "") + (new or "")} == {True}
    assert any("audit office's version stands" in c["field"] for c in at_audit.changes)
    assert any("audit office's version stands" in c["field"] for c in at_dept.changes)
    # Settled: further rounds change nothing, and a later edit by the department travels.
    _exchange(world, d1)
    assert _events(world.audit, n) == {key: ours} == _events(d1, n)
    later = Deduction(D1.start, dt.date(2026, 3, 3), "本庭再更正", D1.approver)
    _do(world, d1, "update_event", key, later)
    world.apply(world.audit, world.export(d1, "audit"))
    assert _events(world.audit, n) == {key: later}


def test_deleted_by_the_department_edited_by_the_audit_office_comes_back(
        world: World) -> None:
    d1 = world.setup_department(world.d1)
    n = _plain_case(world, world.audit, world.d1)
    key = _do(world, world.audit, "add_event", n, D1)
    _exchange(world, d1)
    ours = Deduction(D1.start, dt.date(2026, 3, 1), "审管办更正", D1.approver)
    _do(world, d1, "delete_event", key)
    _do(world, world.audit, "update_event", key, ours)
    to_dept, to_audit = world.export(world.audit, world.d1), world.export(d1, "audit")
    world.apply(world.audit, to_audit)
    assert _events(world.audit, n) == {key: ours}
    world.apply(d1, to_dept)
    assert _events(d1, n) == {key: ours}
    _exchange(world, d1)
    assert _events(world.audit, n) == {key: ours} == _events(d1, n)


def test_events_of_another_departments_case_are_refused(world: World) -> None:
    d1 = world.setup_department(world.d1)
    n = _plain_case(world, world.audit, world.d1)
    key = _do(world, world.audit, "add_event", n, D1)
    _exchange(world, d1)
    # The audit office moves the case away; meanwhile the department edits its event.
    world.set(world.audit, n, department=world.d2)
    _do(world, d1, "update_event", key,
        Deduction(D1.start, dt.date(2026, 3, 9), "本庭更正", D1.approver))
    report = world.apply(world.audit, world.export(d1, "audit"))
    assert any(r.case_number == n for r in report.refused)
    assert _events(world.audit, n) == {key: D1}
    # And the services refuse a department's edit of another department's case.
    other = _plain_case(world, world.audit, world.d2)
    k2 = _do(world, world.audit, "add_event", other, D1)
    db = open_database(world.audit)
    try:
        with pytest.raises(PermissionDenied):
            tl.delete_event(db, world.actor_of(d1), k2)
    finally:
        db.dispose()


def test_cli_lists_edits_and_deletes_events(world: World,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from backlog_desk.cli import main

    n = _plain_case(world, world.audit, world.d1)
    key = _do(world, world.audit, "add_event", n, D1)
    capsys.readouterr()
    assert main(["events", str(world.audit), n, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["events"]
    assert [e["uuid"] for e in listed] == [key] and listed[0]["end"] == "2026-02-20"
    assert main(["edit-event", str(world.audit), str(key), "--kind", "扣除", "--start",
                 "2026-02-02", "--end", "2026-03-01", "--reason", "等待鉴定", "--json"]) == 0
    assert _events(world.audit, n)[str(key)].end == dt.date(2026, 3, 1)  # type: ignore[union-attr]
    # An impossible correction is refused and changes nothing.
    assert main(["edit-event", str(world.audit), str(key), "--kind", "扣除", "--start",
                 "2026-02-02", "--end", "2026-01-01", "--reason", "x", "--json"]) == 1
    assert main(["delete-event", str(world.audit), str(key), "--json"]) == 0
    assert _events(world.audit, n) == {}
    assert main(["delete-event", str(world.audit), str(key), "--json"]) == 1


def test_the_dry_run_shows_event_changes_and_writes_nothing(world: World) -> None:
    from .package_world import dump

    d1 = world.setup_department(world.d1)
    n = _plain_case(world, world.audit, world.d1)
    key = _do(world, world.audit, "add_event", n, D1)
    _exchange(world, d1)
    _do(world, world.audit, "update_event", key,
        Deduction(D1.start, dt.date(2026, 3, 1), D1.reason, D1.approver))
    package = world.export(world.audit, world.d1)
    before = dump(d1)
    preview = world.apply(d1, package, dry_run=True)
    assert preview.status == "dry-run"
    assert [(c["case_number"], c["field"]) for c in preview.changes
            if "time_limit_event" in c["field"]] == [(n, "time_limit_event")]
    assert dump(d1) == before and _events(d1, n) == {key: D1}


@pytest.mark.postgres
def test_events_travel_between_postgresql_and_sqlite(pg_url: str, tmp_path: Path) -> None:
    """The delete trigger, the event upserts and the log pruning on PostgreSQL."""
    from backlog_desk.services import cases as case_service
    from backlog_desk.services.demo import create_demo
    from backlog_desk.services.package_apply import apply_package
    from backlog_desk.services.package_export import export_package
    from backlog_desk.services.package_setup import create_from_package

    from .package_world import AS_OF, AUDIT, clerk

    create_demo(pg_url, scale=150, seed=7, as_of=AS_OF)
    audit = open_database(pg_url)
    try:
        opens = [c for c in case_service.list_cases(audit, status="open")
                 if c.filing_date < dt.date(2025, 12, 1)]
        dept = opens[0].department
        a, b = [c.case_number for c in opens if c.department == dept][:2]
        ka = tl.add_event(audit, AUDIT, a, D1, today=TODAY)
        kb = tl.add_event(audit, AUDIT, b, D1, today=TODAY)
        export_package(audit, AUDIT, dept, tmp_path / "p1.db")
        dept_db = tmp_path / "dept.db"
        create_from_package(dept_db, clerk(dept), tmp_path / "p1.db")
        local = open_database(dept_db)
        fixed = Deduction(D1.start, dt.date(2026, 3, 1), "本庭更正", D1.approver)
        tl.update_event(local, clerk(dept), ka, fixed, today=TODAY)
        tl.delete_event(audit, AUDIT, kb)
        export_package(local, clerk(dept), "audit", tmp_path / "q1.db")
        before = _pg_log(audit)
        apply_package(audit, AUDIT, tmp_path / "q1.db")
        assert {r.uuid: r.event for r in tl.event_records(audit, a)} == {ka: fixed}
        # The demo's entries went once the department acknowledged its setup package; the
        # deletion made after it stays until the department confirms it.
        assert before > 100 and 1 <= _pg_log(audit) <= 3
        export_package(audit, AUDIT, dept, tmp_path / "p2.db")
        apply_package(local, clerk(dept), tmp_path / "p2.db")
        assert tl.event_records(local, b) == []
        assert {r.uuid: r.event for r in tl.event_records(local, a)} == {ka: fixed}
        local.dispose()
    finally:
        audit.dispose()


def _pg_log(db: object) -> int:
    from sqlalchemy import text

    with db.read() as s:  # type: ignore[attr-defined]
        return int(s.execute(text("SELECT count(*) FROM sync_change")).scalar_one())
