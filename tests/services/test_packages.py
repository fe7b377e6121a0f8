"""Package exchange between the audit office and two departments, on real files."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from backlog_desk.services.conflicts import list_conflicts, resolve_conflict
from backlog_desk.services.package_apply import PackageRejected
from backlog_desk.services.packages import identity
from backlog_desk.store.database import open_database

from .package_world import World, clerk, dump


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def _open_number(world: World, db: Path, dept: str, k: int = 0) -> str:
    return [c for c in world.cases(db, dept) if c.status == "open"][k].case_number


def _conflicts(db_path: Path) -> list:  # type: ignore[type-arg]
    db = open_database(db_path)
    try:
        return list_conflicts(db)
    finally:
        db.dispose()


def test_full_cycle_audit_office_to_two_departments_and_back(world: World) -> None:
    d1 = world.setup_department(world.d1)
    d2 = world.setup_department(world.d2)
    # Each department's new ledger holds exactly its own cases, with their content.
    for dept, path in ((world.d1, d1), (world.d2, d2)):
        mine = {c.uuid: c for c in world.cases(path)}
        theirs = {c.uuid: c for c in world.cases(world.audit, dept)}
        assert mine == theirs and mine
    # Departments fill in reasons; the audit office reassigns a judge meanwhile.
    n1, n2 = _open_number(world, d1, world.d1), _open_number(world, d2, world.d2)
    world.set(d1, n1, reason="等待鉴定结论", expected_close_date="2026-09-30")
    world.set(d2, n2, measures="每周督办", reason_category="鉴定评估")
    world.set(world.audit, n1, supervision_level="院级督办")
    for path in (d1, d2):
        report = world.apply(world.audit, world.export(path, "audit"))
        assert report.status == "applied" and report.updated == 1 and not report.refused
    got1, got2 = world.case(world.audit, n1), world.case(world.audit, n2)
    assert (got1.reason, str(got1.expected_close_date)) == ("等待鉴定结论", "2026-09-30")
    assert got1.supervision_level == "院级督办"  # the audit office's own change kept
    assert (got2.measures, got2.reason_category) == ("每周督办", "appraisal")
    # ... and back: the department gets the audit office's change, nothing else moves.
    back = world.apply(d1, world.export(world.audit, world.d1))
    assert back.updated == 1 and not back.conflicts
    assert world.case(d1, n1).supervision_level == "院级督办"
    assert world.cases(d1) == world.cases(world.audit, world.d1)
    # Fingerprints: what the department recorded is the audit office's real key.
    db = open_database(world.audit)
    with db.read() as s:
        audit_fp = identity(s).fingerprint
    db.dispose()
    assert back.fingerprint == audit_fp
    # A package with nothing new for the other side still carries the acknowledgement.
    again = world.apply(world.audit, world.export(d1, "audit"))
    assert again.updated == 0 and again.new == 0


def test_concurrent_edits_same_field_conflict_different_fields_merge(world: World) -> None:
    d1 = world.setup_department(world.d1)
    number = _open_number(world, d1, world.d1)
    world.set(world.audit, number, notes="审管办：请说明", measures="审管办措施")
    world.set(d1, number, notes="本庭：已说明", reason="当事人下落不明")
    to_dept, to_audit = world.export(world.audit, world.d1), world.export(d1, "audit")
    at_dept = world.apply(d1, to_dept)
    at_audit = world.apply(world.audit, to_audit)
    # Different fields merged automatically on both sides.
    for path in (d1, world.audit):
        case = world.case(path, number)
        assert (case.measures, case.reason) == ("审管办措施", "当事人下落不明")
    # The same field: a conflict on each side, nothing overwritten.
    assert world.case(d1, number).notes == "本庭：已说明"
    assert world.case(world.audit, number).notes == "审管办：请说明"
    assert at_dept.conflicts == [{"case_number": number, "field": "notes",
                                  "mine": "本庭：已说明", "theirs": "审管办：请说明"}]
    assert len(at_audit.conflicts) == 1
    conflict = _conflicts(d1)[0]
    assert (conflict.mine_by, conflict.field) == ("李娜", "notes")
    assert conflict.theirs_by.startswith("王晓明")
    # The department resolves with a new value; it travels and settles the audit office.
    db = open_database(d1)
    resolve_conflict(db, clerk(world.d1), conflict.id, value="双方核实后的说明")
    db.dispose()
    settle = world.apply(world.audit, world.export(d1, "audit"))
    assert settle.settled_conflicts == 1 and not settle.conflicts
    assert world.case(world.audit, number).notes == "双方核实后的说明"
    assert _conflicts(world.audit) == []
    # Nothing comes back as a new conflict at the department either.
    final = world.apply(d1, world.export(world.audit, world.d1))
    assert not final.conflicts and _conflicts(d1) == []
    assert world.cases(d1) == world.cases(world.audit, world.d1)


def test_lost_package_loses_nothing(world: World) -> None:
    d1 = world.setup_department(world.d1)
    a, b = _open_number(world, d1, world.d1, 0), _open_number(world, d1, world.d1, 1)
    world.set(world.audit, a, supervision_level="市级督办")
    world.export(world.audit, world.d1)  # lost on the way
    world.set(world.audit, b, committee_decision="限期结案")
    report = world.apply(d1, world.export(world.audit, world.d1))
    assert report.seq == 3 and report.updated == 2
    assert world.case(d1, a).supervision_level == "市级督办"
    assert world.case(d1, b).committee_decision == "限期结案"


def test_lost_setup_package_is_sent_again_whole(world: World) -> None:
    world.export(world.audit, world.d1)  # lost
    report = world.apply(world.path(world.d1), world.export(world.audit, world.d1))
    assert report.status == "created" and report.kind == "setup"
    assert world.cases(world.path(world.d1)) == world.cases(world.audit, world.d1)


def test_replayed_and_older_packages_change_nothing(world: World) -> None:
    d1 = world.setup_department(world.d1)
    number = _open_number(world, d1, world.d1)
    world.set(world.audit, number, supervision_level="院级督办")
    older = world.export(world.audit, world.d1)
    world.set(world.audit, number, supervision_level="市级督办")
    newer = world.export(world.audit, world.d1)
    assert world.apply(d1, newer).status == "applied"
    before = dump(d1)
    replay = world.apply(d1, newer)
    late = world.apply(d1, older)
    assert replay.status == late.status == "already-applied"
    assert "nothing changed" in replay.message and "#3" in late.message
    assert dump(d1) == before
    assert world.case(d1, number).supervision_level == "市级督办"


def test_dry_run_previews_without_writing(world: World) -> None:
    d1 = world.setup_department(world.d1)
    number = _open_number(world, d1, world.d1)
    world.set(world.audit, number, supervision_level="院级督办")
    package = world.export(world.audit, world.d1)
    before = dump(d1)
    preview = world.apply(d1, package, dry_run=True)
    assert preview.status == "dry-run" and preview.changes == [
        {"case_number": number, "field": "supervision_level", "old": "", "new": "院级督办"}]
    assert dump(d1) == before
    assert world.apply(d1, package).updated == 1


def test_package_for_another_department_or_court_is_refused_whole(world: World,
                                                                  tmp_path: Path) -> None:
    d2 = world.setup_department(world.d2)
    for_d1 = world.export(world.audit, world.d1)
    before = dump(d2)
    with pytest.raises(PackageRejected, match=f"addressed to department {world.d1}"):
        world.apply(d2, for_d1)
    # The audit office does not take a package addressed to a department.
    with pytest.raises(PackageRejected, match="addressed to department"):
        world.apply(world.audit, for_d1)
    other = World(tmp_path / "other")  # the same demo court under another code
    con = sqlite3.connect(other.audit)
    con.execute("UPDATE court SET code = '吉0199', name = '另一法院'")
    con.commit()
    con.close()
    with pytest.raises(PackageRejected, match="for court 另一法院"):
        world.apply(d2, other.export(other.audit, world.d2))
    assert dump(d2) == before


def test_package_signed_by_another_key_is_refused(world: World, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    d1 = world.setup_department(world.d1)
    before = dump(d1)
    # A copy of the audit office's ledger on another PC (no key file there), given a key
    # of its own under the same installation id...
    forged = tmp_path / "forged.db"
    shutil.copy(world.audit, forged)
    monkeypatch.setenv("BACKLOG_DESK_KEY_DIR", str(tmp_path / "another-pc"))
    from backlog_desk.exchange.package_file import new_private_key, public_key_of
    from backlog_desk.store.signing_key import key_file, write_key
    con = sqlite3.connect(forged)
    inst = con.execute("SELECT value FROM app_meta WHERE key = 'installation_id'").fetchone()[0]
    key = new_private_key()
    write_key(key_file(inst), key)
    con.execute("UPDATE app_meta SET value = ? WHERE key = 'signing_public_key'",
                (public_key_of(key).hex(),))
    con.commit()
    con.close()
    with pytest.raises(PackageRejected, match=r"signed by key .* but 审管办"):
        world.apply(d1, world.export(forged, world.d1, actor=world.actor_of(world.audit)))
    # ... or a whole new installation claiming to be the audit office.
    con = sqlite3.connect(forged)
    con.execute("DELETE FROM app_meta WHERE key IN ('installation_id', 'signing_public_key')")
    con.commit()
    con.close()
    with pytest.raises(PackageRejected, match="known since its first package"):
        world.apply(d1, world.export(forged, world.d1, actor=world.actor_of(world.audit)))
    assert dump(d1) == before


def test_ownership_violations_are_refused_row_by_row(world: World) -> None:
    d1 = world.setup_department(world.d1)
    good, audit_owned, moved = (_open_number(world, d1, world.d1, k) for k in range(3))
    world.set(d1, good, reason="合法修改")
    world.set(d1, moved, reason="已移送前的修改")
    # The audit office moved a case to another department meanwhile.
    world.set(world.audit, moved, department=world.d2)
    # A department installation whose file was edited by hand (or by a rogue tool).
    con = sqlite3.connect(d1)
    con.execute("UPDATE cases SET title = '篡改的案件名称', reason = '顺带' "
                "WHERE case_number = ?", (audit_owned,))
    con.execute("INSERT INTO cases (uuid, case_number, case_number_raw, year, court_code, "
                "type_code, family, title, cause, filing_date, procedure, reason_category, "
                "reason, measures, status, close_manner, committee_decision, "
                "supervision_level, notes, source, created_at, updated_at, row_version, "
                "closure_candidate) SELECT 'forged-uuid', '（2020）吉0105民初99999号', "
                "'x', 2020, court_code, type_code, family, 'x', '', filing_date, '', '', '', "
                "'', 'open', '', '', '', '', 'x', created_at, updated_at, 1, 0 FROM cases "
                "LIMIT 1")
    con.commit()
    con.close()
    report = world.apply(world.audit, world.export(d1, "audit"))
    refused = {r.case_number: r.reason for r in report.refused}
    assert set(refused) == {audit_owned, moved, "（2020）吉0105民初99999号"}
    assert "title" in refused[audit_owned]
    assert f"belongs to {world.d2}" in refused[moved]
    assert "new cases come from the audit office" in refused["（2020）吉0105民初99999号"]
    assert world.case(world.audit, good).reason == "合法修改"
    assert world.case(world.audit, audit_owned).title != "篡改的案件名称"
    assert world.case(world.audit, moved).reason != "已移送前的修改"


def test_damaged_files_are_refused_before_anything_is_written(world: World,
                                                              tmp_path: Path) -> None:
    d1 = world.setup_department(world.d1)
    world.set(world.audit, _open_number(world, d1, world.d1), notes="x")
    package = world.export(world.audit, world.d1)
    data = package.read_bytes()
    before = dump(d1)
    bad = tmp_path / "bad.db"
    cases = {
        "truncated": data[: len(data) // 2],
        "truncated trailer": data[:-3],
        "one byte added": data + b"\x00",
        "not SQLite": b"PK\x03\x04 this is a zip, not a package" * 40,
        "empty": b"",
        "only the database": data[:4096],
    }
    for what, content in cases.items():
        bad.write_bytes(content)
        with pytest.raises(PackageRejected, match="refused"):
            world.apply(d1, bad)
        assert dump(d1) == before, what
    # And a file that is not there at all.
    with pytest.raises(PackageRejected, match="cannot be read"):
        world.apply(d1, tmp_path / "missing.db")


def test_new_database_only_from_a_setup_package(world: World) -> None:
    d1 = world.setup_department(world.d1)
    later = world.export(d1, "audit")
    target = world.root / "fresh.db"
    with pytest.raises(PackageRejected, match="only the audit office's first package"):
        world.apply(target, later)
    assert not target.exists()


@pytest.mark.postgres
def test_audit_office_on_postgresql_exchanges_with_a_sqlite_department(
        pg_url: str, tmp_path: Path) -> None:
    """The triggers, the JSON the server builds and the upserts on PostgreSQL."""
    from backlog_desk.services import cases as case_service
    from backlog_desk.services.demo import create_demo
    from backlog_desk.services.package_apply import apply_package
    from backlog_desk.services.package_export import export_package
    from backlog_desk.services.package_setup import create_from_package

    from .package_world import AS_OF, AUDIT, TODAY

    create_demo(pg_url, scale=150, seed=7, as_of=AS_OF)
    audit = open_database(pg_url)
    try:
        dept = case_service.list_cases(audit, limit=1)[0].department
        export_package(audit, AUDIT, dept, tmp_path / "p1.db")
        dept_db = tmp_path / "dept.db"
        create_from_package(dept_db, clerk(dept), tmp_path / "p1.db")
        local = open_database(dept_db)
        number = next(c.case_number for c in case_service.list_cases(local)
                      if c.status == "open")
        case_service.update_case(local, clerk(dept), number, {"reason": "等待鉴定"},
                                 today=TODAY)
        case_service.update_case(audit, AUDIT, number, {"supervision_level": "院级督办"},
                                 today=TODAY)
        export_package(local, clerk(dept), "audit", tmp_path / "q1.db")
        report = apply_package(audit, AUDIT, tmp_path / "q1.db")
        assert report.updated == 1 and not report.refused and not report.conflicts
        got = case_service.get_case(audit, number)
        assert (got.reason, got.supervision_level) == ("等待鉴定", "院级督办")
        export_package(audit, AUDIT, dept, tmp_path / "p2.db")
        back = apply_package(local, clerk(dept), tmp_path / "p2.db")
        assert back.updated == 1
        assert case_service.list_cases(local) == case_service.list_cases(audit,
                                                                          department=dept)
        local.dispose()
    finally:
        audit.dispose()


def test_cancelling_mid_apply_rolls_everything_back(world: World) -> None:
    from backlog_desk.services.errors import Cancelled
    from backlog_desk.services.package_apply import apply_package

    d1 = world.setup_department(world.d1)
    world.set(world.audit, _open_number(world, d1, world.d1), supervision_level="院级督办")
    package = world.export(world.audit, world.d1)
    before = dump(d1)

    def cancel_late(step: str) -> None:
        if step == "writing the audit log":
            raise Cancelled()

    db = open_database(d1)
    try:
        with pytest.raises(Cancelled):
            apply_package(db, clerk(world.d1), package, progress=cancel_late)
        assert dump(d1) == before
        assert apply_package(db, clerk(world.d1), package).updated == 1
    finally:
        db.dispose()
