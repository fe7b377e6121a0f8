"""Writing a package for a peer: everything the peer has not yet acknowledged.

The audit office's packages to a department that has never acknowledged one are *setup*
packages: the court, departments, people, campaign, case types and all the department's
cases, enough to create its database. After that a package carries each case changed since
the last change the peer has confirmed, so a lost package loses nothing: the next one
carries its content again.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from backlog_desk.exchange.package_file import FORMAT_VERSION, PackageContent, write_package
from backlog_desk.store import audit, sync
from backlog_desk.store.database import Database
from backlog_desk.store.models import (
    Campaign,
    CampaignPhase,
    CampaignTarget,
    CaseTypeRow,
    Court,
    Department,
    Person,
    SyncOutbox,
    SyncPeer,
    UserAccount,
)

from . import event_sync
from .actor import Actor, Role
from .confirmations import confirmation_rows
from .errors import InvalidValue, NotFound
from .packages import APP_VERSION, case_json_query, identity, peer_label


@dataclass(frozen=True)
class ExportResult:
    file: str
    recipient: str
    seq: int
    ack: int
    kind: str
    cases: int
    events: int
    bytes: int
    fingerprint: str

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _find_peer(s: Session, role: str, to: str) -> SyncPeer:
    if role == Role.AUDIT:
        if to == "audit":
            raise InvalidValue("this is the audit office's database: --to names a department",
                               field="to")
        if s.execute(select(Department.id).where(Department.name == to)).first() is None:
            raise NotFound(f"no department {to!r} in this ledger", field="to")
        peer = s.scalars(select(SyncPeer).where(SyncPeer.role == Role.DEPARTMENT,
                                                SyncPeer.department == to)).first()
        if peer is None:
            peer = SyncPeer(role=Role.DEPARTMENT, department=to, public_key="",
                            fingerprint="", last_sent_seq=0, last_received_seq=0,
                            acked_seq=0)
            s.add(peer)
            s.flush()
        return peer
    if to != "audit":
        raise InvalidValue(f"a department sends packages only to the audit office "
                           f"(--to audit), not to {to!r}", field="to")
    peer = s.scalars(select(SyncPeer).where(SyncPeer.role == Role.AUDIT)).first()
    if peer is None:
        raise NotFound("this database has not received the audit office's first package "
                       "yet, so it does not know where to send", field="to")
    return peer


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _rows(s: Session, model: Any, skip: tuple[str, ...] = ("id",)) -> list[dict[str, Any]]:
    cols = [c for c in model.__table__.columns if c.name not in skip]
    return [{c.name: _iso(v) for c, v in zip(cols, row, strict=True)}
            for row in s.execute(select(*cols))]


def setup_tables(s: Session) -> dict[str, Any]:
    """What a department's new database needs besides its cases."""
    court = s.execute(select(Court.name, Court.code)).first()
    people_by_id = {i: (n, r) for i, n, r in s.execute(
        select(Person.id, Person.name, Person.role))}
    depts = {i: n for i, n in s.execute(select(Department.id, Department.name))}
    camp = s.scalars(select(Campaign).where(Campaign.active.is_(True))
                     .order_by(Campaign.id.desc())).first()
    campaign: dict[str, Any] | None = None
    if camp is not None:
        campaign = {c.name: _iso(getattr(camp, c.name)) for c in Campaign.__table__.columns
                    if c.name != "id"}
        campaign["phases"] = [{k: v for k, v in r.items() if k != "campaign_id"}
                              for r in _rows(s, CampaignPhase)
                              if r["campaign_id"] == camp.id]
        campaign["targets"] = [{k: v for k, v in r.items() if k != "campaign_id"}
                               for r in _rows(s, CampaignTarget)
                               if r["campaign_id"] == camp.id]
    return {
        "court": {"name": court[0], "code": court[1]} if court else None,
        "departments": [
            {"name": d.name, "sort_order": d.sort_order,
             "head": people_by_id.get(d.head_id) if d.head_id else None,
             "leader": people_by_id.get(d.leader_id) if d.leader_id else None}
            for d in s.scalars(select(Department))],
        "people": [{"name": p.name, "role": p.role,
                    "department": depts.get(p.department_id) if p.department_id else None}
                   for p in s.scalars(select(Person))],
        "campaign": campaign,
        "case_types": _rows(s, CaseTypeRow, skip=()),
    }


def _events(conn: Connection, case_ids: list[int],
            uuid_of: dict[int, str]) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    cols = ("uuid", "case_id", "kind", "start_date", "end_date", "months", "days",
            "procedure", "from_procedure", "reason", "approver", "approved_by_superior",
            "created_at", "actor")
    wanted = set(case_ids)
    rows = conn.execute(text(f"SELECT {', '.join(cols)} FROM time_limit_event ORDER BY id"))
    for row in rows:
        if row[1] not in wanted:
            continue
        data = {c: _iso(v) for c, v in zip(cols, row, strict=True)
                if c not in ("uuid", "case_id")}
        if not isinstance(data["created_at"], str):
            data["created_at"] = str(data["created_at"])
        data["approved_by_superior"] = bool(data["approved_by_superior"])
        out.append((row[0], uuid_of[row[1]], json.dumps(data, ensure_ascii=False)))
    return out


def export_package(db: Database, actor: Actor, to: str, out: Path, *,
                   progress: Callable[[str], None] | None = None) -> ExportResult:
    """Write the next package for peer `to` (a department name, or "audit").

    `progress` receives a line per step; a GUI worker cancels by raising
    services.errors.Cancelled from it: the transaction rolls back and a file already
    written is removed, so the next package gets the same sequence number.
    """
    return _export(db, actor, to, Path(out), progress or (lambda _m: None))


def _export(db: Database, actor: Actor, to: str, out: Path,
            progress: Callable[[str], None]) -> ExportResult:
    if actor.role not in (Role.AUDIT, Role.DEPARTMENT, Role.SYSTEM):
        raise InvalidValue(f"{actor.name} ({actor.role}) may not send packages", field="to")
    with db.session() as s:
        me = identity(s)
        if me.role == Role.DEPARTMENT and s.execute(select(UserAccount.id).limit(1)).first():
            # The department's return is what its head vouches for (庭长 confirms it).
            actor.require_head("send the department's package", me.department)
        peer = _find_peer(s, me.role, to)
        conn = s.connection()
        up_to = sync.last_change(conn)
        seq = peer.last_sent_seq + 1
        setup = me.role == Role.AUDIT and peer.acked_seq == 0
        dialect = conn.dialect.name
        params: dict[str, Any] = {"peer": peer.id}
        dept_id = s.execute(select(Department.id).where(
            Department.name == peer.department)).scalar()
        if setup:
            where = "WHERE c.department_id = :d"
            params["d"] = dept_id
        else:
            acked = s.get(SyncOutbox, (peer.id, peer.acked_seq))
            params["a"] = acked.up_to_change if acked is not None else 0
            where = "WHERE c.id IN (SELECT case_id FROM sync_change WHERE id > :a)"
            if me.role == Role.AUDIT:
                # The department's cases, and cases it knows that have moved elsewhere.
                where += " AND (c.department_id = :d OR b.case_id IS NOT NULL)"
                params["d"] = dept_id
        rows = conn.execute(text(case_json_query(dialect, where)), params).fetchall()
        progress(f"{len(rows)} cases read")
        case_tuples = [(r[0], r[1], r[3]) for r in rows]
        uuid_of = {r[2]: r[0] for r in rows}
        # With their deletions and last agreed content (services/event_sync.py).
        events = event_sync.package_events(conn, peer.id, uuid_of)
        court = s.execute(select(Court.name, Court.code)).first()
        manifest = {
            "format": FORMAT_VERSION,
            "kind": "setup" if setup else "changes",
            "court_code": court[1] if court else "",
            "court_name": court[0] if court else "",
            "sender": {"installation": me.installation_id, "role": me.role,
                       "department": me.department, "fingerprint": me.fingerprint},
            "recipient": {"installation": peer.installation_id, "role": peer.role,
                          "department": peer.department},
            "seq": seq,
            "ack": peer.last_received_seq,
            "created_at": dt.datetime.now().isoformat(timespec="seconds"),
            "created_by": actor.name,
            "app_version": APP_VERSION,
            "cases": len(case_tuples),
        }
        extra = (setup_tables(s) if me.role == Role.AUDIT
                 else {"confirmations": confirmation_rows(s, me.department)})
        content = PackageContent(manifest, case_tuples, events, extra)
        size = write_package(out, content, me.private_key)
        try:
            progress("package written and signed")
        except BaseException:
            # Nothing will be recorded as sent: a file left behind would be a package its
            # sender does not know it sent, with a sequence number used again.
            out.unlink(missing_ok=True)
            raise
        s.add(SyncOutbox(peer_id=peer.id, seq=seq, up_to_change=up_to, cases=len(case_tuples),
                         created_at=dt.datetime.now()))
        peer.last_sent_seq = seq
        peer.last_sent_at = dt.datetime.now()
        audit.append(s, actor.name, [audit.Change(
            "export-package", "peer", peer_label(peer), new_value=(
                f"{manifest['kind']} package #{seq}, {len(case_tuples)} cases, "
                f"ack #{peer.last_received_seq}"))], source=out.name)
        result = ExportResult(str(out), peer_label(peer), seq, peer.last_received_seq,
                              str(manifest["kind"]), len(case_tuples), len(events), size,
                              me.fingerprint)
    return result
