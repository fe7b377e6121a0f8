"""The change log shrinks to what some peer has not confirmed, and nothing is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .package_world import World


def _log(db: Path) -> list[int]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT id FROM sync_change ORDER BY id")]
    finally:
        con.close()


def _mark(db: Path, peer: str, seq: int) -> int:
    """The local change id recorded with package `seq` to `peer` (a department or audit)."""
    con = sqlite3.connect(db)
    try:
        return int(con.execute(
            "SELECT o.up_to_change FROM sync_outbox o JOIN sync_peer p ON p.id = o.peer_id "
            "WHERE (p.department = ? OR p.role = ?) AND o.seq = ?",
            (peer, peer, seq)).fetchone()[0])
    finally:
        con.close()


def _open(world: World, db: Path, dept: str, k: int) -> str:
    return [c for c in world.cases(db, dept) if c.status == "open"][k].case_number


def test_round_trip_prunes_both_logs_to_the_unconfirmed(tmp_path: Path) -> None:
    world = World(tmp_path, scale=200)
    full = len(_log(world.audit))
    d1 = world.setup_department(world.d1)  # audit → d1 #1 (setup)
    n1, n2 = _open(world, d1, world.d1, 0), _open(world, d1, world.d1, 1)
    world.set(world.audit, n1, supervision_level="院级督办")  # after setup #1
    world.set(d1, n2, reason="等待鉴定")
    dept_log = _log(d1)
    assert dept_log, "the department's own change is logged"

    # d1 → audit #1, acknowledging setup #1: the audit office's log keeps only what came
    # after that package's mark (its own later change), not the demo load before it.
    mark = _mark(world.audit, world.d1, 1)
    kept_before = [i for i in _log(world.audit) if i > mark]
    assert world.apply(world.audit, world.export(d1, "audit")).updated == 1
    after = _log(world.audit)
    assert len(after) < full
    assert all(i > mark for i in after[:-1])  # the newest entry always stays
    assert set(kept_before) <= set(after)
    # The department has not been acknowledged yet: its log is all still there.
    assert _log(d1) == dept_log

    # audit → d1 #2 acknowledges d1's #1: now the department's log is pruned as well.
    dmark = _mark(d1, "audit", 1)
    back = world.apply(d1, world.export(world.audit, world.d1))
    assert back.updated == 1 and world.case(d1, n1).supervision_level == "院级督办"
    assert all(i > dmark for i in _log(d1)[:-1])
    assert len([i for i in _log(d1) if i <= dmark]) <= 1  # at most the newest entry


def test_a_lost_package_is_still_recovered_after_pruning(tmp_path: Path) -> None:
    world = World(tmp_path, scale=200)
    d1 = world.setup_department(world.d1)
    world.apply(world.audit, world.export(d1, "audit"))  # acknowledges setup #1
    a, b = _open(world, d1, world.d1, 0), _open(world, d1, world.d1, 1)
    world.set(world.audit, a, supervision_level="督办A")
    world.export(world.audit, world.d1)                    # #2: lost on the way
    world.set(world.audit, b, supervision_level="督办B")
    # Another round trip happens meanwhile: d1 still acknowledges only #1, so the change
    # of `a` (after #1's mark) must survive the pruning it triggers.
    world.set(d1, b, notes="本庭备注")
    world.apply(world.audit, world.export(d1, "audit"))
    assert any(i > _mark(world.audit, world.d1, 1) for i in _log(world.audit))
    latest = world.export(world.audit, world.d1)           # #3 carries a and b
    report = world.apply(d1, latest)
    assert report.status == "applied"
    assert world.case(d1, a).supervision_level == "督办A"
    assert world.case(d1, b).supervision_level == "督办B"
    assert world.cases(d1) == world.cases(world.audit, world.d1)


def test_a_department_that_never_answered_holds_the_log_back(tmp_path: Path) -> None:
    world = World(tmp_path, scale=200)
    d1 = world.setup_department(world.d1)
    setup2 = world.export(world.audit, world.d2)  # for d2: not applied, not acknowledged
    d2_mark = _mark(world.audit, world.d2, 1)
    n = _open(world, world.audit, world.d2, 0)
    m = _open(world, world.audit, world.d2, 1)
    world.set(world.audit, n, supervision_level="院级督办")  # d2 will need this,
    world.set(world.audit, m, notes="审管办备注")  # and this
    before = [i for i in _log(world.audit) if i > d2_mark]
    world.apply(world.audit, world.export(d1, "audit"))  # d1 acknowledges its setup
    after = _log(world.audit)
    # Pruned up to d2's first package (the lower of the two marks), nothing above it.
    assert all(i > d2_mark for i in after[:-1])
    assert [i for i in after if i in set(before)] == before
    # d2 finally applies its setup, answers, and gets the change made after it.
    d2 = world.path(world.d2)
    world.apply(d2, setup2)
    world.apply(world.audit, world.export(d2, "audit"))
    world.apply(d2, world.export(world.audit, world.d2))
    assert world.case(d2, n).supervision_level == "院级督办"
    assert world.case(d2, m).notes == "审管办备注"
    assert world.cases(d2) == world.cases(world.audit, world.d2)
