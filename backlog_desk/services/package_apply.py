"""Applying a package: verify, check the address and the sender, merge, write atomically.

Order matters for the guarantees. The signature over every byte is checked before the
database is even opened; address, sender key and sequence are checked before anything is
planned; the whole merge is planned in memory (that plan *is* the dry run); only then is a
backup taken and the plan written in one transaction. A killed process leaves the database
as it was, because SQLite (and PostgreSQL) roll back an uncommitted transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, text, update
from sqlalchemy.orm import Session

from backlog_desk.domain.merge import CaseMerge, agreed_base, merge_case
from backlog_desk.exchange.package_file import PackageRefused, VerifiedPackage, verify_package
from backlog_desk.store import audit, sqlite_text, sync
from backlog_desk.store.bulk import deferred_indexes, new_case_defaults
from backlog_desk.store.database import Database, open_database
from backlog_desk.store.models import (
    BaselineEntry,
    Campaign,
    CampaignPhase,
    CampaignTarget,
    Case,
    CaseTypeRow,
    Court,
    Department,
    InventoryConfirmation,
    SyncConflict,
    SyncPeer,
    TimeLimitEvent,
)
from backlog_desk.store.rows import insert_rows

from .actor import Actor, Role
from .confirmations import merge_confirmations
from .directory import Directory
from .errors import ServiceError
from .packages import (
    CASE_FIELDS,
    DATE_FIELDS,
    DEPARTMENT_OWNED,
    case_json_query,
    identity,
    set_meta,
)

Progress = Callable[[str], None]
# A report lists this many field changes (all are counted and all are audit-logged).
CHANGES_LISTED = 2000


class PackageRejected(ServiceError):
    """The whole package is refused (authenticity, integrity, address); nothing was written."""


@dataclass(frozen=True)
class RefusedRow:
    case_number: str
    uuid: str
    reason: str

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ApplyReport:
    file: str
    sender: str
    fingerprint: str
    seq: int
    ack: int
    kind: str
    status: str = "applied"          # applied | dry-run | already-applied | created
    message: str = ""
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    changes: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)
    settled_conflicts: int = 0
    changed_fields: int = 0
    backup: str = ""
    # The sender's key was not known here before this package: people compare its
    # fingerprint by phone before trusting it.
    first_contact: bool = False
    # Inventory-list confirmations (排查立账) recorded from a department's package.
    confirmations: int = 0

    @property
    def dry_run(self) -> bool:
        return self.status == "dry-run"

    def as_json(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "refused"}
        out["refused"] = [r.as_json() for r in self.refused]
        out["dry_run"] = self.dry_run
        return out


@dataclass
class _Plan:
    new: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    updates: list[tuple[int, str, dict[str, Any], CaseMerge]] = field(default_factory=list)
    bases: list[tuple[int | None, str, str]] = field(default_factory=list)  # id, uuid, JSON
    unsettled: set[int] = field(default_factory=set)  # differ from the sender's after apply
    conflicts: list[tuple[int, str, str, Any, Any, Any]] = field(default_factory=list)
    agreed_fields: list[tuple[int, str]] = field(default_factory=list)  # (case id, field)


def _sender_label(m: dict[str, Any]) -> str:
    s = m.get("sender") or {}
    return "审管办 (audit office)" if s.get("role") == Role.AUDIT else \
        f"{s.get('department', '?')} (department)"


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
                               f"{_sender_label(m)} signs with key {peer.fingerprint} "
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
        raise _reject(pkg, f"it is signed by key {pkg.fingerprint}, but {_sender_label(m)} "
                           f"signs with key {peer.fingerprint} (known since its first package)")
    return peer


def _plan(conn: Connection, pkg: VerifiedPackage, peer_id: int | None, sender_role: str,
          sender_dept: str, report: ApplyReport, progress: Progress) -> _Plan:
    plan = _Plan()
    # Each local case as the same JSON text a package carries, with its base for this peer:
    # a case both sides hold alike is recognised by comparing two strings, unparsed.
    mine_rows: dict[str, tuple[int, str, str | None]] = {
        r[0]: (r[2], r[1], r[3]) for r in conn.execute(
            text(case_json_query(conn.dialect.name, "")), {"peer": peer_id or 0}).fetchall()}
    open_conflicts: dict[int, list[str]] = {}
    for cid, f in conn.execute(text(
            "SELECT case_id, field FROM sync_conflict WHERE peer_id = :p "
            "AND resolved_at IS NULL"), {"p": peer_id or 0}):
        open_conflicts.setdefault(cid, []).append(f)
    progress(f"planning {len(mine_rows)} local cases")
    from_dept = sender_role == Role.DEPARTMENT
    loads = json.loads
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
        same = mine_json == data_json
        if not same:
            theirs, mine = loads(data_json), loads(mine_json)
            same = theirs == mine
        if same:
            report.unchanged += 1
            if my_base_json != data_json:
                plan.bases.append((cid, uuid, data_json))
            plan.agreed_fields.extend((cid, f) for f in open_conflicts.get(cid, ()))
            continue
        number = str(theirs.get("case_number", ""))
        my_base: dict[str, Any] | None = None
        if my_base_json is not None and my_base_json == mine_json:
            # Nothing changed here since we last agreed: every difference is theirs to take.
            merge = CaseMerge({f: theirs.get(f) for f in CASE_FIELDS
                               if mine.get(f) != theirs.get(f)}, (), {})
        else:
            my_base = loads(my_base_json) if my_base_json else None
            their_base = loads(their_base_json) if their_base_json else None
            merge = merge_case(CASE_FIELDS, mine, theirs, their_base, my_base)
        if from_dept and (merge.take or merge.conflicts):
            if mine["department"] != sender_dept:
                report.refused.append(RefusedRow(number, uuid, (
                    f"the case belongs to {mine['department'] or 'no department'}, "
                    f"not {sender_dept}")))
                continue
            bad = sorted(f for f in (*merge.take, *merge.conflicts)
                         if f not in DEPARTMENT_OWNED)
            if bad:
                report.refused.append(RefusedRow(number, uuid, (
                    f"fields owned by the audit office: {', '.join(bad)}")))
                continue
        plan.bases.append((cid, uuid, data_json if not merge.conflicts
                           else encode(agreed_base(theirs, my_base, merge))))
        for f in open_conflicts.get(cid, ()):
            if f in merge.take or (f not in merge.conflicts and mine.get(f) == theirs.get(f)):
                plan.agreed_fields.append((cid, f))
        if merge.take:
            plan.updates.append((cid, uuid, mine, merge))
            for f, v in merge.take.items():
                report.changed_fields += 1
                if len(report.changes) < CHANGES_LISTED:
                    report.changes.append({"case_number": number, "field": f,
                                           "old": mine.get(f), "new": v})
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
    return plan


def _to_column(f: str, v: Any) -> Any:
    if f in DATE_FIELDS:
        return dt.date.fromisoformat(v) if v else None
    return v


class _Names:
    """Department and person ids by name, creating what is missing (audited)."""

    def __init__(self, s: Session) -> None:
        self.d = Directory(s)
        self.judges = {n: i for (n, r), i in self.d.people.items() if r == "head"}
        self.judges.update({n: i for (n, r), i in self.d.people.items() if r == "judge"})

    def judge(self, name: str, dept: str) -> int | None:
        if not name:
            return None
        if name not in self.judges:
            self.judges[name] = self.d.person_id(name, "judge", dept or None) or 0
        return self.judges[name]


def _column_row(values: dict[str, Any], names: _Names, campaign_id: int | None
                ) -> dict[str, Any]:
    """Column values for the package fields present in `values` (all of them for a new
    case): names become ids, dates become dates."""
    row = {f: _to_column(f, v) for f, v in values.items() if f not in _MAPPED}
    if "department" in values:
        row["department_id"] = names.d.department_id(values["department"] or "")
    if "judge" in values:
        row["judge_id"] = names.judge(values["judge"] or "", values.get("department") or "")
    if "leader" in values:
        row["leader_id"] = names.d.leader_id(values["leader"] or "")
    if "baseline" in values:
        row["baseline_campaign_id"] = campaign_id if values["baseline"] else None
    if "closure_candidate" in values:
        row["closure_candidate"] = bool(values["closure_candidate"])
    return row


_MAPPED = frozenset({"department", "judge", "leader", "baseline", "closure_candidate"})


def _executemany(conn: Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """Positional executemany: straight to the SQLite driver inside the session's
    transaction (SQLAlchemy's per-row parameter processing costs seconds at 100,000 rows),
    through SQLAlchemy elsewhere."""
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        sqlite_text.install()
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(sql, rows)
        finally:
            cursor.close()
        return
    names = [f"p{i}" for i in range(len(rows[0]))]
    named = sql
    for n in names:
        named = named.replace("?", f":{n}", 1)
    conn.execute(text(named), [dict(zip(names, r, strict=True)) for r in rows])


def _write(s: Session, actor: Actor, pkg: VerifiedPackage, peer: SyncPeer, plan: _Plan,
           report: ApplyReport, progress: Progress) -> None:
    conn = s.connection()
    before = sync.last_change(conn)
    now = dt.datetime.now()
    m = pkg.manifest
    source = f"{pkg.file.name} (#{m['seq']} from {_sender_label(m)})"
    camp = s.execute(select(Campaign.id).where(Campaign.active.is_(True))
                     .order_by(Campaign.id.desc())).scalar()
    names = _Names(s)
    changes: list[audit.Change] = []
    # Existing cases: only the columns taken are written (so indexes and the tally trigger
    # are touched only when their columns change), grouped by which columns they are, so
    # each group is one executemany.
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    baseline_in: list[int] = []
    baseline_out: list[int] = []
    for cid, uuid, mine, merge in plan.updates:
        row = _column_row(merge.take, names, camp)
        key = tuple(row)
        groups.setdefault(key, []).append((*row.values(), now, cid))
        if "baseline" in merge.take and camp is not None:
            (baseline_in if merge.take["baseline"] else baseline_out).append(cid)
        changes.extend(audit.Change("update", "case", uuid, f, _txt(mine.get(f)), _txt(v))
                       for f, v in merge.take.items())
    done = 0
    for key, rows in groups.items():
        sets = ", ".join(f"{c} = ?" for c in key)
        sql = (f"UPDATE cases SET {sets}, updated_at = ?, row_version = row_version + 1 "
               f"WHERE id = ?")
        step = _chunk(len(rows))
        for i in range(0, len(rows), step):
            _executemany(conn, sql, rows[i:i + step])
            done += len(rows[i:i + step])
            progress(f"updated {done} of {len(plan.updates)} cases")
    new_rows = []
    template = new_case_defaults(source="package", created_at=now, updated_at=now)
    for uuid, theirs in plan.new:
        row = dict(template, uuid=uuid)
        row.update(_column_row(theirs, names, camp))
        new_rows.append(row)
        changes.append(audit.Change("create", "case", uuid, new_value=theirs["case_number"]))
    step = _chunk(len(new_rows))
    # A setup package fills an empty ledger: indexes and the tally are rebuilt once at the end.
    with deferred_indexes(s, enabled=len(new_rows) > 5000):
        for i in range(0, len(new_rows), step):
            insert_rows(s, Case, new_rows[i:i + step])
            progress(f"added {min(i + step, len(new_rows))} of {len(new_rows)} cases")
    ids = {u: i for u, i in conn.execute(text("SELECT uuid, id FROM cases"))} \
        if plan.new else {}
    if plan.new and camp is not None:
        baseline_in.extend(ids[u] for u, t in plan.new if t.get("baseline"))
    if baseline_out:
        s.execute(delete(BaselineEntry).where(BaselineEntry.campaign_id == camp,
                                              BaselineEntry.case_id.in_(baseline_out)))
    if baseline_in:
        existing = {r[0] for r in s.execute(select(BaselineEntry.case_id).where(
            BaselineEntry.campaign_id == camp))}
        insert_rows(s, BaselineEntry, [{"campaign_id": camp, "case_id": c}
                                       for c in baseline_in if c not in existing])
    progress("baseline list updated")
    _write_events(s, pkg, ids, m["sender"]["role"])
    progress("time-limit events added")
    _write_conflicts(s, actor, peer, plan, report, m, now)
    progress("conflicts recorded")
    base_rows = [(peer.id, cid if cid is not None else ids[uuid], data)
                 for cid, uuid, data in plan.bases]
    upsert = ("INSERT INTO sync_base (peer_id, case_id, data) VALUES (?, ?, ?) "
              "ON CONFLICT (peer_id, case_id) DO UPDATE SET data = excluded.data")
    step = _chunk(len(base_rows))
    for i in range(0, len(base_rows), step):
        _executemany(conn, upsert, base_rows[i:i + step])
        progress(f"agreed values {min(i + step, len(base_rows))} of {len(base_rows)}")
    # Our own writes of values the sender already holds must not travel back as an echo.
    sync.forget_changes(conn, before, plan.unsettled)
    progress("change log updated")
    if m["sender"]["role"] == Role.AUDIT and camp is not None:
        _follow_campaign(s, camp, pkg.setup().get("campaign"))
    if m["sender"]["role"] == Role.DEPARTMENT and camp is not None:
        # The head's confirmation of the inventory list (排查立账) reaches the console here.
        report.confirmations = merge_confirmations(
            s, actor, _sent_confirmations(pkg), department=m["sender"].get("department", ""),
            campaign_id=camp, source=source)
    peer.last_received_seq = int(m["seq"])
    peer.last_received_at = now
    peer.acked_seq = max(peer.acked_seq, int(m.get("ack") or 0))
    changes.extend(names.d.changes)
    changes.append(audit.Change(
        "apply-package", "peer", _sender_label(m), new_value=(
            f"{m['kind']} package #{m['seq']} ({pkg.fingerprint}): {report.new} new, "
            f"{report.updated} updated, {len(report.conflicts)} conflicts, "
            f"{len(report.refused)} refused"), old_value=pkg.sha256))
    progress("writing the audit log")
    audit.append(s, actor.name, changes, source=source, at=now)
    progress("committing")


def _sent_confirmations(pkg: VerifiedPackage) -> list[dict[str, Any]]:
    rows = pkg.setup().get("confirmations") if pkg.count("setup") else None
    return [r for r in rows or [] if isinstance(r, dict)]


def _new_confirmations(s: Session, pkg: VerifiedPackage) -> int:
    """How many of a department's confirmations this ledger has not recorded (dry run)."""
    dept = (pkg.manifest.get("sender") or {}).get("department", "")
    known = set(s.execute(select(InventoryConfirmation.uuid)).scalars())
    return len({r.get("uuid") for r in _sent_confirmations(pkg)
                if r.get("department") == dept and r.get("uuid") not in known})


def _chunk(n: int) -> int:
    """Rows per statement batch: about four batches (progress a user can follow), at most
    20,000 rows (memory)."""
    return max(1, min(20_000, -(-n // 4)))


def _txt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    return str(v)


def _write_events(s: Session, pkg: VerifiedPackage, ids: dict[str, int],
                  sender_role: str) -> None:
    if sender_role != Role.AUDIT or not pkg.count("events"):
        return
    have = set(s.scalars(select(TimeLimitEvent.uuid)))
    if not ids:
        ids = {u: i for u, i in s.execute(select(Case.uuid, Case.id))}
    rows = []
    for uuid, case_uuid, data in pkg.events():
        if uuid in have or case_uuid not in ids:
            continue
        row = dict(data, uuid=uuid, case_id=ids[case_uuid])
        for k in ("start_date", "end_date"):
            row[k] = dt.date.fromisoformat(row[k]) if row[k] else None
        row["created_at"] = dt.datetime.fromisoformat(str(row["created_at"]))
        rows.append(row)
    for row in rows:
        s.execute(insert(TimeLimitEvent).values(**row))


def _last_edit(s: Session, uuid: str, f: str) -> tuple[str, dt.datetime | None]:
    row = s.execute(text(
        "SELECT actor, at FROM audit_log WHERE entity = 'case' AND entity_key = :k "
        "AND field = :f ORDER BY id DESC LIMIT 1"), {"k": uuid, "f": f}).first()
    if row is None:
        return "", None
    at = row[1] if isinstance(row[1], dt.datetime) else dt.datetime.fromisoformat(str(row[1]))
    return str(row[0]), at


def _write_conflicts(s: Session, actor: Actor, peer: SyncPeer, plan: _Plan,
                     report: ApplyReport, m: dict[str, Any], now: dt.datetime) -> None:
    open_rows = {(c.case_id, c.field): c for c in s.scalars(select(SyncConflict).where(
        SyncConflict.peer_id == peer.id, SyncConflict.resolved_at.is_(None)))}
    theirs_by = f"{m.get('created_by', '')} · {_sender_label(m)}"
    theirs_at = dt.datetime.fromisoformat(m["created_at"]) if m.get("created_at") else None
    for cid, uuid, f, mine, theirs, _ in plan.conflicts:
        existing = open_rows.pop((cid, f), None)
        if existing is not None:
            existing.theirs, existing.theirs_by, existing.theirs_at = (
                _txt(theirs), theirs_by, theirs_at)
            existing.package_seq = int(m["seq"])
            continue
        by, at = _last_edit(s, uuid, f)
        s.add(SyncConflict(peer_id=peer.id, case_id=cid, field=f, mine=_txt(mine),
                           theirs=_txt(theirs), mine_by=by, mine_at=at, theirs_by=theirs_by,
                           theirs_at=theirs_at, package_seq=int(m["seq"]), created_at=now,
                           resolved_by="", resolution=""))
    # An open conflict on a field the two sides now agree on was settled by the other side.
    for key in plan.agreed_fields:
        row = open_rows.get(key)
        if row is not None:
            row.resolved_at, row.resolved_by, row.resolution = now, actor.name, "settled"
            report.settled_conflicts += 1
    s.flush()


def _follow_campaign(s: Session, camp_id: int, data: dict[str, Any] | None) -> None:
    if not data:
        return
    frozen = data.get("frozen_at")
    s.execute(update(Campaign).where(Campaign.id == camp_id).values(
        frozen_at=dt.datetime.fromisoformat(frozen) if frozen else None,
        frozen_by=data.get("frozen_by") or ""))


def _report_for(pkg: VerifiedPackage) -> ApplyReport:
    m = pkg.manifest
    return ApplyReport(str(pkg.file), _sender_label(m), pkg.fingerprint, int(m["seq"]),
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
    progress = progress or _noop
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
                    report.confirmations = _new_confirmations(s, pkg)
                report.status = "dry-run"
                return report
        if backup:
            taken = db.backup("before-package")
            report.backup = str(taken or "")
            progress("backup taken")
        with db.session() as s:
            # Checked again inside the writing transaction: another apply may have won.
            _check_address(s, pkg)
            peer = _peer_for(s, pkg)
            if _already(report, peer):
                return report
            plan = _plan(s.connection(), pkg, peer.id, pkg.manifest["sender"]["role"],
                         pkg.manifest["sender"].get("department", ""), report, progress)
            _write(s, actor, pkg, peer, plan, report, progress)
        progress("done")
        return report
    finally:
        pkg.close()


def create_from_package(path: Path, actor: Actor, file: Path, *, dry_run: bool = False,
                        progress: Progress | None = None) -> ApplyReport:
    """Make a department's database from the audit office's first package.

    Built beside the target and renamed into place at the end, so an interrupted setup
    leaves no half-made ledger behind.
    """
    progress = progress or _noop
    path = Path(path)
    pkg = _verify(file)
    progress("signature verified")
    try:
        m = pkg.manifest
        rcpt = m.get("recipient") or {}
        if m.get("kind") != "setup" or rcpt.get("role") != Role.DEPARTMENT:
            raise _reject(pkg, f"{path.name} does not exist, and only the audit office's "
                               "first package for a department can create a database")
        report = _report_for(pkg)
        report.first_contact = True  # a new ledger knows no key yet
        report.new = pkg.count("cases")
        if dry_run:
            report.status = "dry-run"
            report.message = (f"would create {path.name} for department "
                              f"{rcpt.get('department')} with {report.new} cases")
            return report
        part = path.with_name(path.name + ".part")
        for p in (part, part.with_name(part.name + "-wal"), part.with_name(part.name + "-shm")):
            p.unlink(missing_ok=True)
        db = open_database(part, create=True)
        try:
            with db.session() as s:
                _setup_ledger(s, actor, pkg.setup(), rcpt.get("department", ""))
            progress("ledger created")
            inner = apply_package(db, actor, file, progress=progress, backup=False)
        finally:
            db.dispose()
        os.replace(part, path)
        inner.status = "created"
        inner.message = (f"created {path.name} for department {rcpt.get('department')}; "
                         f"compare the audit office's key fingerprint {inner.fingerprint} "
                         "with the one they read out to you")
        return inner
    finally:
        pkg.close()


def _date(v: Any) -> dt.date | None:
    return dt.date.fromisoformat(v) if v else None


def _setup_ledger(s: Session, actor: Actor, setup: dict[str, Any], department: str) -> None:
    court = setup.get("court") or {}
    s.execute(insert(Court).values(name=court.get("name", ""), code=court.get("code", "")))
    set_meta(s, "role", Role.DEPARTMENT)
    set_meta(s, "department", department)
    set_meta(s, "created_at", dt.datetime.now().isoformat(timespec="seconds"))
    d = Directory(s)
    for dept in setup.get("departments", []):
        d.department_id(dept["name"])
    for p in setup.get("people", []):
        d.person_id(p["name"], p["role"], p.get("department"))
    for dept in setup.get("departments", []):
        head, leader = dept.get("head"), dept.get("leader")
        s.execute(update(Department).where(Department.name == dept["name"]).values(
            sort_order=dept.get("sort_order", 0),
            head_id=d.people.get(tuple(head)) if head else None,
            leader_id=d.people.get(tuple(leader)) if leader else None))
    camp = setup.get("campaign")
    if camp:
        frozen = camp.get("frozen_at")
        cid = s.execute(insert(Campaign).values(
            name=camp["name"], cutoff_date=_date(camp["cutoff_date"]),
            reference_date=_date(camp["reference_date"]), start_date=_date(camp["start_date"]),
            end_date=_date(camp["end_date"]),
            frozen_at=dt.datetime.fromisoformat(frozen) if frozen else None,
            frozen_by=camp.get("frozen_by") or "", active=True,
        ).returning(Campaign.id)).scalar_one()
        for p in camp.get("phases", []):
            s.execute(insert(CampaignPhase).values(
                campaign_id=cid, key=p["key"], name=p["name"],
                start_date=_date(p["start_date"]), end_date=_date(p["end_date"])))
        for t in camp.get("targets", []):
            s.execute(insert(CampaignTarget).values(
                campaign_id=cid, key=t["key"], name=t["name"], due_date=_date(t["due_date"]),
                required_rate=t["required_rate"],
                filed_on_or_before=_date(t.get("filed_on_or_before"))))
    for t in setup.get("case_types", []):
        s.execute(insert(CaseTypeRow).values(**t))
    audit.append(s, actor.name, [
        audit.Change("create", "court", court.get("code", ""), new_value=court.get("name")),
        *d.changes])
