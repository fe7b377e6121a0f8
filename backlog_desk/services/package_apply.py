"""Applying a package: verify, check the address and the sender, merge, write atomically.

Order matters for the guarantees. The signature over every byte is checked before the
database is even opened; address, sender key and sequence are checked before anything is
planned; the whole merge is planned in memory (that plan *is* the dry run); only then is a
backup taken and the plan written in one transaction. A killed process leaves the database
as it was, because SQLite (and PostgreSQL) roll back an uncommitted transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from backlog_desk.domain.merge import agreed_base, merge_case
from backlog_desk.exchange.gc_pause import gc_paused
from backlog_desk.exchange.package_file import PackageRefused, VerifiedPackage, verify_package
from backlog_desk.store.database import Database
from backlog_desk.store.models import Court, Department, SyncPeer

from . import event_sync
from .actor import Actor, Role
from .package_report import (
    CHANGES_LISTED,
    ApplyReport,
    PackageRejected,
    Plan,
    Progress,
    RefusedRow,
    sender_label,
)
from .package_write import new_confirmations, write_plan
from .packages import CASE_FIELDS, DEPARTMENT_OWNED, case_json_query, identity

__all__ = ["ApplyReport", "PackageRejected", "RefusedRow", "apply_package"]


def _reject(pkg_or_path: VerifiedPackage | Path, why: str) -> PackageRejected:
    name = pkg_or_path.file.name if isinstance(pkg_or_path, VerifiedPackage) \
        else Path(pkg_or_path).name
    return PackageRejected(f"{name}: refused, {why}; nothing was applied", field="package",
                           file=str(name))


def _verify(file: Path) -> VerifiedPackage:
    try:
        return verify_package(Path(file))
    except PackageRefused as exc:
        raise PackageRejected(str(exc), field="package", file=str(file)) from exc


def _check_address(s: Session, pkg: VerifiedPackage) -> None:
    m = pkg.manifest
    me = identity(s)
    court = s.execute(select(Court.name, Court.code)).first()
    code = court[1] if court else ""
    if m.get("court_code") != code:
        raise _reject(pkg, f"it is for court {m.get('court_name')} ({m.get('court_code')}), "
                           f"this ledger belongs to {court[0] if court else '?'} ({code})")
    rcpt = m.get("recipient") or {}
    if rcpt.get("role") != me.role or (me.role == Role.DEPARTMENT
                                       and rcpt.get("department") != me.department):
        to = ("the audit office" if rcpt.get("role") == Role.AUDIT
              else f"department {rcpt.get('department')}")
        here = ("the audit office" if me.role == Role.AUDIT
                else f"department {me.department}")
        raise _reject(pkg, f"it is addressed to {to}, this database is {here}'s")
    if rcpt.get("installation") and rcpt["installation"] != me.installation_id:
        raise _reject(pkg, "it is addressed to another installation of the same office "
                           f"({rcpt['installation']})")
    sender = m.get("sender") or {}
    if sender.get("role") == me.role:
        raise _reject(pkg, "packages travel between the audit office and departments only")
    if sender.get("fingerprint") != pkg.fingerprint:
        raise _reject(pkg, "the key it is signed with is not the one its manifest names")


def _peer_for(s: Session, pkg: VerifiedPackage) -> SyncPeer:
    """The known sender, or a new one trusted on first use. A known sender whose key
    differs is refused: someone else signed this package."""
    m = pkg.manifest
    sender = m["sender"]
    key_hex = pkg.public_key.hex()
    peer = s.scalars(select(SyncPeer).where(
        SyncPeer.installation_id == sender["installation"])).first()
    if peer is None:
        if sender["role"] == Role.AUDIT:
            peer = s.scalars(select(SyncPeer).where(SyncPeer.role == Role.AUDIT)).first()
        else:
            dept = sender.get("department", "")
            if s.execute(select(Department.id).where(Department.name == dept)).first() is None:
                raise _reject(pkg, f"it comes from department {dept!r}, unknown to this ledger")
            peer = s.scalars(select(SyncPeer).where(SyncPeer.role == Role.DEPARTMENT,
                                                    SyncPeer.department == dept)).first()
        if peer is not None and peer.installation_id:
            raise _reject(pkg, f"it is signed by key {pkg.fingerprint}, but "
                               f"{sender_label(m)} signs with key {peer.fingerprint} "
                               "(known since its first package)")
        if peer is None:
            peer = SyncPeer(role=sender["role"], department=sender.get("department", ""),
                            last_sent_seq=0, last_received_seq=0, acked_seq=0)
            s.add(peer)
        peer.installation_id = sender["installation"]
        peer.public_key = key_hex
        peer.fingerprint = pkg.fingerprint
        s.flush()
    elif peer.public_key != key_hex:
        raise _reject(pkg, f"it is signed by key {pkg.fingerprint}, but {sender_label(m)} "
                           f"signs with key {peer.fingerprint} (known since its first package)")
    return peer


def _local_cases(conn: Connection, peer_id: int | None, pkg: VerifiedPackage
                 ) -> dict[str, tuple[int, bytes, bytes | None]]:
    """The local cases the package carries (or all of them), each as the same JSON a
    package carries, with its base for this peer, as UTF-8 bytes like the package's rows
    (VerifiedPackage.raw_cases): a case both sides hold alike is recognised by comparing
    two byte strings, unparsed and undecoded."""
    params = {"peer": peer_id or 0}
    if conn.dialect.name != "sqlite":
        return {u: (i, d.encode(), b.encode() if b is not None else None)
                for u, d, i, b in conn.execute(text(case_json_query(conn.dialect.name, "")),
                                               params)}
    # The driver's own cursor on the session's connection (same transaction): 100,000
    # rows through SQLAlchemy's result objects cost half a second more.
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        carried = pkg.count("cases")
        local = cursor.execute("SELECT count(*) FROM cases").fetchone()[0]
        # A package of a few cases for a large ledger: only those cases are read (their
        # uuids in a temporary table), not every case of the ledger.
        few = carried * 4 < local
        if few:
            cursor.execute("CREATE TEMP TABLE IF NOT EXISTS package_case (uuid TEXT "
                           "PRIMARY KEY)")
            cursor.execute("DELETE FROM temp.package_case")
            cursor.executemany("INSERT OR IGNORE INTO temp.package_case VALUES (?)",
                               list(pkg.case_uuids()))
        where = "WHERE c.uuid IN (SELECT uuid FROM temp.package_case)" if few else ""
        sql = (f"WITH mine (uuid, data, id, base) AS ({case_json_query('sqlite', where)}) "
               "SELECT uuid, id, CAST(data AS BLOB), CAST(base AS BLOB) FROM mine")
        rows = {u: (i, d, b) for u, i, d, b in cursor.execute(sql, params)}
        if few:
            cursor.execute("DROP TABLE temp.package_case")
        return rows
    finally:
        cursor.close()


def _differing(mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """Their value of every field that differs from mine. `mine` is built here in
    CASE_FIELDS order; a package of this version has its fields in the same order, so the
    two are compared value by value (twice as fast as looking every field up)."""
    if tuple(theirs) == CASE_FIELDS:
        return {f: t for f, m, t in zip(CASE_FIELDS, mine.values(), theirs.values(),
                                         strict=True) if m != t}
    mget, tget = mine.get, theirs.get
    return {f: tget(f) for f in CASE_FIELDS if mget(f) != tget(f)}


def _merge_seen(mine: dict[str, Any], theirs: dict[str, Any], my_base: dict[str, Any] | None
                ) -> tuple[dict[str, Any], tuple[str, ...]]:
    """merge_case when the sender's base is my current case, as (take, keep): no field can
    conflict. A differing field is theirs to take, unless they hold the value I last agreed
    on (then mine stays, as merge_field decides), without parsing their base."""
    take = _differing(mine, theirs)
    if not my_base:
        return take, ()
    keep = tuple(f for f, v in take.items() if f in my_base and my_base[f] == v)
    for f in keep:
        del take[f]
    return take, keep


def _same(plan: Plan, report: ApplyReport, cid: int, uuid: str, data_json: bytes,
          my_base_json: bytes | None, open_conflicts: dict[int, list[str]]) -> None:
    """Both sides hold the same values: agreed, and any open conflict of the case is
    settled."""
    report.unchanged += 1
    if my_base_json != data_json:
        plan.bases.append((cid, uuid, data_json))
    plan.agreed_fields.extend((cid, f) for f in open_conflicts.get(cid, ()))


def _owned(report: ApplyReport, mine: dict[str, Any], theirs: dict[str, Any],
           take: dict[str, Any], conflicts: Iterable[str], uuid: str,
           sender_dept: str) -> bool:
    """Whether a department's changes to this case are its own to make; if not, the row
    is refused (listed in the report) and nothing of it is applied."""
    if not take and not conflicts:
        return True
    number = str(theirs.get("case_number", ""))
    if mine["department"] != sender_dept:
        report.refused.append(RefusedRow(number, uuid, (
            f"the case belongs to {mine['department'] or 'no department'}, "
            f"not {sender_dept}")))
        return False
    if take.keys() <= DEPARTMENT_OWNED and DEPARTMENT_OWNED.issuperset(conflicts):
        return True
    bad = sorted(f for f in (*take, *conflicts) if f not in DEPARTMENT_OWNED)
    if bad:
        report.refused.append(RefusedRow(number, uuid, (
            f"fields owned by the audit office: {', '.join(bad)}")))
        return False
    return True


def _list_changes(report: ApplyReport, theirs: dict[str, Any], mine: dict[str, Any],
                  take: dict[str, Any]) -> None:
    """Count the fields taken; list the first CHANGES_LISTED (all are audit-logged)."""
    report.changed_fields += len(take)
    changes = report.changes
    if len(changes) < CHANGES_LISTED:
        number = str(theirs.get("case_number", ""))
        for f, v in take.items():
            if len(changes) < CHANGES_LISTED:
                changes.append({"case_number": number, "field": f, "old": mine.get(f),
                                "new": v})


def _plan(conn: Connection, pkg: VerifiedPackage, peer_id: int | None, sender_role: str,
          sender_dept: str, report: ApplyReport, progress: Progress) -> Plan:
    plan = Plan()
    mine_rows = _local_cases(conn, peer_id, pkg)
    open_conflicts: dict[int, list[str]] = {}
    for cid, f in conn.execute(text(
            "SELECT case_id, field FROM sync_conflict WHERE peer_id = :p "
            "AND resolved_at IS NULL"), {"p": peer_id or 0}):
        open_conflicts.setdefault(cid, []).append(f)
    progress(f"planning {len(mine_rows)} local cases")
    from_dept = sender_role == Role.DEPARTMENT
    # orjson: the plan parses two JSON documents for each changed case, 200,000 for a
    # package of 100,000 changes; the json module took 2.5 times as long.
    loads = orjson.loads
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for uuid, data_json, their_base_json in pkg.raw_cases():
        cur = mine_rows.get(uuid)
        if cur is None:
            theirs = loads(data_json)
            number = str(theirs.get("case_number", ""))
            if from_dept:
                report.refused.append(RefusedRow(number, uuid, (
                    "not a case of this ledger: new cases come from the audit office")))
                continue
            plan.new.append((uuid, theirs))
            plan.bases.append((None, uuid, data_json))
            continue
        cid, mine_json, my_base_json = cur
        if mine_json == data_json:
            _same(plan, report, cid, uuid, data_json, my_base_json, open_conflicts)
            continue
        theirs, mine = loads(data_json), loads(mine_json)
        oc = open_conflicts.get(cid)
        if my_base_json is not None and my_base_json == mine_json:
            # Nothing changed here since we last agreed: every difference is theirs to take
            # (the usual case, kept short: a package may carry 100,000 of them). No
            # difference at all counts as unchanged, as below.
            take = _differing(mine, theirs)
            if from_dept and not _owned(report, mine, theirs, take, (), uuid, sender_dept):
                continue
            plan.bases.append((cid, uuid, data_json))
            if oc:
                plan.agreed_fields.extend((cid, f) for f in oc)
            if take:
                plan.updates.append((cid, uuid, mine, take))
                _list_changes(report, theirs, mine, take)
            else:
                report.unchanged += 1
            continue
        if theirs == mine:
            _same(plan, report, cid, uuid, data_json, my_base_json, open_conflicts)
            continue
        my_base = loads(my_base_json) if my_base_json else None
        if their_base_json is not None and their_base_json == mine_json:
            # The sender had agreed to exactly my values: the usual way back after a
            # package went out. Nothing can conflict (see _merge_seen).
            take, keep = _merge_seen(mine, theirs, my_base)
            if from_dept and not _owned(report, mine, theirs, take, (), uuid, sender_dept):
                continue
            plan.bases.append((cid, uuid, data_json))
            if oc:
                plan.agreed_fields.extend((cid, f) for f in oc
                                          if f in take or mine.get(f) == theirs.get(f))
            if take:
                plan.updates.append((cid, uuid, mine, take))
                _list_changes(report, theirs, mine, take)
            elif not keep:
                report.unchanged += 1
            if keep:
                report.kept += 1
                plan.unsettled.add(cid)
            continue
        number = str(theirs.get("case_number", ""))
        their_base = loads(their_base_json) if their_base_json else None
        merge = merge_case(CASE_FIELDS, mine, theirs, their_base, my_base)
        if from_dept and not _owned(report, mine, theirs, merge.take, merge.conflicts, uuid,
                                    sender_dept):
            continue
        plan.bases.append((cid, uuid, data_json if not merge.conflicts
                           else encode(agreed_base(theirs, my_base, merge))))
        for f in oc or ():
            if f in merge.take or (f not in merge.conflicts and mine.get(f) == theirs.get(f)):
                plan.agreed_fields.append((cid, f))
        if merge.take:
            plan.updates.append((cid, uuid, mine, merge.take))
            _list_changes(report, theirs, mine, merge.take)
        elif not merge.keep and not merge.conflicts:
            report.unchanged += 1
        if merge.keep:
            report.kept += 1
        if not merge.settled:
            plan.unsettled.add(cid)
        for f, (m_val, t_val) in merge.conflicts.items():
            plan.conflicts.append((cid, uuid, f, m_val, t_val, theirs))
            report.conflicts.append({"case_number": number, "field": f, "mine": m_val,
                                     "theirs": t_val})
    report.new = len(plan.new)
    report.updated = len(plan.updates)
    progress(f"planned: {report.new} new, {report.updated} updated, "
             f"{len(report.conflicts)} conflicts")
    return plan


def _report_for(pkg: VerifiedPackage) -> ApplyReport:
    m = pkg.manifest
    return ApplyReport(str(pkg.file), sender_label(m), pkg.fingerprint, int(m["seq"]),
                       int(m.get("ack") or 0), str(m.get("kind")))


def _noop(_: str) -> None:
    pass


def _already(report: ApplyReport, peer: SyncPeer) -> bool:
    """Fresh and idempotent: a sequence applied before (or older) changes nothing."""
    if report.seq > peer.last_received_seq:
        return False
    report.status = "already-applied"
    report.message = (f"package #{report.seq} from {report.sender} is not new (last applied "
                      f"#{peer.last_received_seq}); nothing changed")
    return True


def apply_package(db: Database, actor: Actor, file: Path, *, dry_run: bool = False,
                  progress: Progress | None = None, backup: bool = True) -> ApplyReport:
    """Apply (or with dry_run, preview) a package to an existing ledger.

    `progress` receives a line per step; a GUI worker cancels by raising
    services.errors.Cancelled from it, which rolls the whole transaction back.
    """
    with gc_paused():
        return _apply(db, actor, Path(file), dry_run, progress or _noop, backup)


def _apply(db: Database, actor: Actor, file: Path, dry_run: bool, progress: Progress,
           backup: bool) -> ApplyReport:
    if actor.role not in (Role.AUDIT, Role.DEPARTMENT, Role.SYSTEM):
        raise PackageRejected(f"{actor.name} ({actor.role}) may not apply packages")
    pkg = _verify(file)
    progress("signature verified")
    try:
        report = _report_for(pkg)
        # Checked in a read transaction that is never committed: a first-seen peer and the
        # identity are written only by a real apply, together with everything else.
        with db.read() as s:
            _check_address(s, pkg)
            report.first_contact = s.scalars(select(SyncPeer.id).where(
                SyncPeer.installation_id == pkg.manifest["sender"]["installation"])
            ).first() is None
            peer = _peer_for(s, pkg)
            if _already(report, peer):
                return report
            progress("address and sender checked")
            if dry_run:
                _plan(s.connection(), pkg, peer.id, pkg.manifest["sender"]["role"],
                      pkg.manifest["sender"].get("department", ""), report, progress)
                if pkg.manifest["sender"]["role"] == Role.DEPARTMENT:
                    report.confirmations = new_confirmations(s, pkg)
                event_sync.apply_events(s, actor, pkg, peer, report, "", write=False)
                report.status = "dry-run"
                return report
        # The backup is copied on a second thread while the merge is planned (reading only):
        # the copy mostly waits on the disk, and the driver lets the planning run meanwhile.
        # Nothing is written before it is complete; if it fails, nothing is written at all.
        with ThreadPoolExecutor(max_workers=1) as pool:
            taken = pool.submit(db.backup, "before-package") if backup else None
            with db.session() as s:
                # Checked again inside the writing transaction: another apply may have won.
                _check_address(s, pkg)
                peer = _peer_for(s, pkg)
                if _already(report, peer):
                    return report
                plan = _plan(s.connection(), pkg, peer.id, pkg.manifest["sender"]["role"],
                             pkg.manifest["sender"].get("department", ""), report, progress)
                if taken is not None:
                    report.backup = str(taken.result() or "")
                    progress("backup taken")
                write_plan(s, actor, pkg, peer, plan, report, progress)
        progress("done")
        return report
    finally:
        pkg.close()

