"""The fast paths of applying a package keep every guarantee: the change log still says
which merged cases must travel back (the apply leaves its trigger out of its own UPDATEs),
the trigger is back afterwards (and after a cancelled apply), the backup copied beside the
planning is complete before anything is written, and old-style text rows still compare."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from backlog_desk.exchange.package_file import verify_package
from backlog_desk.services.errors import Cancelled
from backlog_desk.services.package_apply import apply_package
from backlog_desk.store.database import open_database

from .package_world import World, clerk, dump


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def _open_numbers(world: World, db: Path, dept: str, n: int) -> list[str]:
    return [c.case_number for c in world.cases(db, dept) if c.status == "open"][:n]


def _uuids_in(package: Path) -> set[str]:
    pkg = verify_package(package)
    try:
        return {u for u, _, _ in pkg.raw_cases()}
    finally:
        pkg.close()


def _uuid(db: Path, number: str) -> str:
    con = sqlite3.connect(db)
    try:
        return str(con.execute("SELECT uuid FROM cases WHERE case_number = ?",
                               (number,)).fetchone()[0])
    finally:
        con.close()


def _trigger_sql(db: Path) -> str | None:
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                          "AND name = 'cases_sync_update'").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def test_a_merged_case_still_travels_back_and_a_settled_one_does_not(world: World) -> None:
    d1 = world.setup_department(world.d1)
    x, y = _open_numbers(world, d1, world.d1, 2)
    # The department's note on X reaches the audit office, which has its own note: a
    # conflict there. Its next package acknowledges the department's package, so the
    # department's own change of X is no longer "unconfirmed" by the log's mark alone.
    world.set(d1, x, notes="本庭：已说明")
    world.set(world.audit, x, notes="审管办：请说明")
    assert world.apply(world.audit, world.export(d1, "audit")).conflicts
    world.set(world.audit, x, measures="审管办措施")
    world.set(world.audit, y, supervision_level="院级督办")
    report = world.apply(d1, world.export(world.audit, world.d1))
    # X: measures taken, notes in conflict (unsettled); Y: taken whole (settled).
    assert report.updated == 2 and [c["field"] for c in report.conflicts] == ["notes"]
    assert world.case(d1, x).measures == "审管办措施"
    back = _uuids_in(world.export(d1, "audit"))
    assert _uuid(d1, x) in back          # what the department still holds travels back
    assert _uuid(d1, y) not in back      # the taken values are no echo


def test_the_change_log_trigger_is_back_after_an_apply(world: World) -> None:
    d1 = world.setup_department(world.d1)
    original = _trigger_sql(d1)
    assert original is not None
    numbers = _open_numbers(world, d1, world.d1, 3)
    for number in numbers:
        world.set(world.audit, number, supervision_level="市级督办")
    assert world.apply(d1, world.export(world.audit, world.d1)).updated == 3
    assert _trigger_sql(d1) == original
    # A later edit here is logged by it, and so travels in the next package.
    world.set(d1, numbers[0], reason="等待鉴定结论")
    assert _uuids_in(world.export(d1, "audit")) == {_uuid(d1, numbers[0])}


def test_cancelled_while_updating_leaves_everything_with_the_trigger(world: World) -> None:
    d1 = world.setup_department(world.d1)
    original = _trigger_sql(d1)
    for number in _open_numbers(world, d1, world.d1, 2):
        world.set(world.audit, number, supervision_level="院级督办")
    package = world.export(world.audit, world.d1)
    before = dump(d1)
    steps: list[str] = []

    def cancel_while_updating(step: str) -> None:
        steps.append(step)
        if step.startswith("updated "):
            raise Cancelled()

    db = open_database(d1)
    try:
        with pytest.raises(Cancelled):
            apply_package(db, clerk(world.d1), package, progress=cancel_while_updating)
        # The backup was complete before the first write (its step comes first).
        assert steps.index("backup taken") < steps.index(steps[-1])
    finally:
        db.dispose()
    assert dump(d1) == before and _trigger_sql(d1) == original
    assert world.apply(d1, package).updated == 2


def test_backup_is_a_complete_copy_of_the_ledger_before_the_package(world: World) -> None:
    d1 = world.setup_department(world.d1)
    number = _open_numbers(world, d1, world.d1, 1)[0]
    world.set(world.audit, number, supervision_level="院级督办")
    package = world.export(world.audit, world.d1)
    con = sqlite3.connect(d1)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = dump(d1)
    report = world.apply(d1, package)
    assert report.updated == 1 and report.backup
    backup = Path(report.backup)
    con = sqlite3.connect(backup)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    assert dump(backup) == before != dump(d1)


def test_bases_stay_text_and_old_text_rows_compare_as_equal(world: World) -> None:
    d1 = world.setup_department(world.d1)
    con = sqlite3.connect(d1)
    try:
        # The package's rows arrive as bytes: what is stored must still be text.
        assert {r[0] for r in con.execute("SELECT DISTINCT typeof(data) FROM sync_base")} \
            == {"text"}
    finally:
        con.close()
    # Nothing changed on either side: everything unchanged, nothing written to cases.
    report = world.apply(d1, world.export(world.audit, world.d1))
    assert (report.updated, report.new, report.conflicts) == (0, 0, [])


def _apply_noting(db_path: Path, package: Path, dept: str) -> tuple[Any, list[str]]:
    steps: list[str] = []
    db = open_database(db_path)
    try:
        return apply_package(db, clerk(dept), package, progress=steps.append), steps
    finally:
        db.dispose()


def test_a_small_package_reads_only_its_cases_a_large_one_reads_all(world: World) -> None:
    d1 = world.setup_department(world.d1)
    world.apply(world.audit, world.export(d1, "audit"))  # acknowledges the setup package
    everything = world.cases(d1)
    numbers = [c.case_number for c in everything if c.status == "open"]
    # One case changed: only that local case is read (and merged right).
    world.set(world.audit, numbers[0], supervision_level="院级督办")
    report, steps = _apply_noting(d1, world.export(world.audit, world.d1), world.d1)
    assert report.updated == 1 and "planning 1 local cases" in steps
    assert world.case(d1, numbers[0]).supervision_level == "院级督办"
    # Most cases changed: the whole ledger is read in one pass; the result is the same
    # as the audit office's.
    for case in everything:
        world.set(world.audit, case.case_number, supervision_level="市级督办")
    report, steps = _apply_noting(d1, world.export(world.audit, world.d1), world.d1)
    assert report.updated == len(everything)
    assert f"planning {len(everything)} local cases" in steps
    assert world.cases(d1) == world.cases(world.audit, world.d1)


def test_the_seen_merge_decides_as_merge_case_does() -> None:
    import random

    from backlog_desk.domain.merge import merge_case
    from backlog_desk.services.package_apply import _merge_seen
    from backlog_desk.services.packages import CASE_FIELDS

    rng = random.Random(6)
    pool = ["", "甲", "乙", None, 1, True]
    for _ in range(3000):
        mine = {f: rng.choice(pool) for f in CASE_FIELDS}
        theirs = dict(mine)
        for f in rng.sample(CASE_FIELDS, rng.randint(1, 6)):
            theirs[f] = rng.choice(pool)
        my_base = rng.choice([None, {}, {f: rng.choice(pool) for f in CASE_FIELDS},
                              {f: rng.choice(pool) for f in CASE_FIELDS[:10]}])
        # The sender's base is my current case: what _merge_seen is for.
        expected = merge_case(CASE_FIELDS, mine, theirs, dict(mine), my_base)
        take, keep = _merge_seen(mine, theirs, my_base)
        assert (take, sorted(keep), {}) == (
            expected.take, sorted(expected.keep), expected.conflicts)


def test_the_audit_log_names_the_file_by_its_sha256(world: World) -> None:
    import hashlib

    d1 = world.setup_department(world.d1)
    number = _open_numbers(world, d1, world.d1, 1)[0]
    world.set(world.audit, number, supervision_level="院级督办")
    package = world.export(world.audit, world.d1)
    world.apply(d1, package)
    con = sqlite3.connect(d1)
    try:
        logged = con.execute("SELECT old_value FROM audit_log WHERE action = 'apply-package' "
                             "ORDER BY id DESC LIMIT 1").fetchone()[0]
    finally:
        con.close()
    assert logged == hashlib.sha256(package.read_bytes()).hexdigest()
