"""审限 events in packages: new, edited and deleted events travel both ways.

A package carries every event of each case it carries, and each deleted event of those
cases, with the sender's last agreed content (store/event_sync.py). The receiver merges each
event like a case field, three-way: the same content on both sides is agreed; a side that
did not change since it last agreed takes the other's; a side whose content the other still
holds as agreed keeps its own. When both changed the same event differently (edited or
deleted), the audit office's version stands, on both sides: 审限 changes are approved by the
president and registered by the audit office, so its record is the court's. The
department's version is not lost: the audit log of both sides has an `event-conflict` entry
with both versions, and the apply report lists it. From a department, only events of its
own cases are taken; others are refused row by row.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from backlog_desk.exchange.package_file import VerifiedPackage
from backlog_desk.store import audit
from backlog_desk.store import event_sync as rows
from backlog_desk.store.models import SyncPeer

from .actor import Actor, Role
from .package_report import CHANGES_LISTED, ApplyReport, RefusedRow, sender_label

ENTITY = "time_limit_event"


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else str(value)


def package_events(conn: Connection, peer_id: int,
                   uuid_of: dict[int, str]) -> list[tuple[str, str, str]]:
    """The events (and deletions) of the carried cases `uuid_of` (case id → uuid), as the
    package's `events` rows: uuid, case uuid, JSON."""
    if not uuid_of:
        return []
    agreed = rows.bases(conn, peer_id)
    out: list[tuple[str, str, str]] = []
    for e in rows.event_rows(conn, uuid_of):
        data: dict[str, Any] = json.loads(rows.content_json(e))
        data.update(created_at=_text(e["created_at"]), actor=e["actor"], deleted=False,
                    base=agreed.get(e["uuid"]))
        out.append((e["uuid"], uuid_of[e["case_id"]], json.dumps(data, ensure_ascii=False)))
    for uuid, case_id, removed_at, actor in rows.removed_rows(conn, uuid_of):
        data = {"deleted": True, "removed_at": _text(removed_at), "removed_by": actor,
                "base": agreed.get(uuid)}
        out.append((uuid, uuid_of[case_id], json.dumps(data, ensure_ascii=False)))
    return out


def _case_info(s: Session, case_uuids: set[str]) -> dict[str, tuple[int, str, str]]:
    """case uuid → (id, case number, department name) for those cases this ledger holds."""
    depts = {i: n for i, n in s.execute(text("SELECT id, name FROM department"))}
    wanted = sorted(case_uuids)
    out = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        marks = ", ".join(f":u{k}" for k in range(len(chunk)))
        for uuid, cid, number, dept_id in s.execute(text(
                f"SELECT uuid, id, case_number, department_id FROM cases WHERE uuid IN "
                f"({marks})"), {f"u{k}": u for k, u in enumerate(chunk)}):
            out[uuid] = (cid, number, depts.get(dept_id, ""))
    return out


def apply_events(s: Session, actor: Actor, pkg: VerifiedPackage, peer: SyncPeer,
                 report: ApplyReport, source: str, *, write: bool = True
                 ) -> list[audit.Change]:
    """Merge the package's events into this ledger inside the apply transaction; returns
    the audit-log entries (written by the caller with the rest). With `write` False (the
    dry run) only the report is filled."""
    if not pkg.count("events"):
        return []
    conn = s.connection()
    m = pkg.manifest
    sender = m.get("sender") or {}
    from_dept = sender.get("role") == Role.DEPARTMENT
    incoming = list(pkg.events())
    cases = _case_info(s, {c for _u, c, _d in incoming})
    case_ids = [v[0] for v in cases.values()]
    mine = {e["uuid"]: e for e in rows.event_rows(conn, case_ids)}
    removed = {r[0] for r in rows.removed_rows(conn, case_ids)}
    agreed = rows.bases(conn, peer.id)
    now = dt.datetime.now()
    who = f"{m.get('created_by', '')} · {sender_label(m)}"
    changes: list[audit.Change] = []
    new_bases: list[tuple[str, str]] = []
    refused_cases: set[str] = set()
    writes = _Writes(who, now)
    for uuid, case_uuid, data in incoming:
        case = cases.get(case_uuid)
        if case is None:
            continue  # a case this ledger does not hold (refused with the case rows)
        cid, number, dept = case
        if from_dept and dept != sender.get("department"):
            if case_uuid not in refused_cases:
                refused_cases.add(case_uuid)
                report.refused.append(RefusedRow(number, case_uuid, (
                    f"time-limit events of a case of {dept or 'no department'}, "
                    f"not {sender.get('department')}")))
            continue
        theirs = rows.DELETED if data.get("deleted") else rows.content_json(data)
        local = mine.get(uuid)
        here = rows.content_json(local) if local is not None else rows.DELETED
        my_base = agreed.get(uuid)
        their_base = data.get("base")
        if theirs == here:
            if my_base != theirs:
                new_bases.append((uuid, theirs))
            continue
        they_only = (here in (my_base, their_base)
                     or (my_base is None and local is None and uuid not in removed))
        me_only = theirs in (my_base, their_base)
        label = "time_limit_event"
        if me_only and not they_only:
            continue  # our own change travels back with our next package
        if not they_only:
            # Both changed it: the audit office's version stands (see the module text).
            changes.append(audit.Change(
                "event-conflict", ENTITY, case_uuid, _kind(data, local),
                _shown(uuid, here), _shown(uuid, theirs)))
            label = "time_limit_event (both changed: the audit office's version stands)"
            if from_dept:
                _listed(report, number, label, here, here)
                continue
        changes.append(writes.take(uuid, cid, case_uuid, local, uuid in removed, data,
                                   theirs, here))
        _listed(report, number, label, here, theirs)
        new_bases.append((uuid, theirs))
    if not write:
        return []
    writes.run(conn)
    rows.set_bases(conn, peer.id, new_bases)
    return changes


def _kind(*events: dict[str, Any] | None) -> str:
    for e in events:
        if e and e.get("kind"):
            return str(e["kind"])
    return ""


def _shown(uuid: str, content: str) -> str | None:
    """An event as the audit log shows it: its uuid and content, or None when deleted."""
    if not content:
        return None
    return f'{{"uuid":"{uuid}",{content[1:]}'


def _listed(report: ApplyReport, number: str, field: str, old: str, new: str) -> None:
    if len(report.changes) < CHANGES_LISTED:
        report.changes.append({"case_number": number, "field": field,
                               "old": old or None, "new": new or None})


_SETS = ", ".join(f"{f} = :{f}" for f in rows.CONTENT)


class _Writes:
    """The event writes of one package, done as one executemany per statement: a package
    can carry tens of thousands of events."""

    def __init__(self, who: str, now: dt.datetime) -> None:
        self.who, self.now = who, now
        self.deleted: list[dict[str, Any]] = []
        self.tombstones: list[dict[str, Any]] = []
        self.updated: list[dict[str, Any]] = []
        self.inserted: list[dict[str, Any]] = []
        self.revived: list[dict[str, Any]] = []

    def take(self, uuid: str, case_id: int, case_uuid: str, local: dict[str, Any] | None,
             was_removed: bool, data: dict[str, Any], theirs: str, here: str
             ) -> audit.Change:
        kind = _kind(data, local)
        if theirs == rows.DELETED:
            self.deleted.append({"u": uuid})
            if not was_removed:
                self.tombstones.append({"u": uuid, "c": case_id, "t": self.now, "a": str(
                    data.get("removed_by") or self.who)[:60]})
            return audit.Change("delete", ENTITY, case_uuid, kind, _shown(uuid, here), None)
        values = rows.content_values(data)
        if local is not None:
            self.updated.append(dict(values, uuid=uuid))
            return audit.Change("update", ENTITY, case_uuid, kind, _shown(uuid, here),
                                _shown(uuid, theirs))
        if was_removed:
            self.revived.append({"u": uuid})
        created = data.get("created_at")
        self.inserted.append(dict(
            values, uuid=uuid, case_id=case_id,
            created_at=dt.datetime.fromisoformat(str(created)) if created else self.now,
            actor=str(data.get("actor") or self.who)[:60]))
        return audit.Change("add", ENTITY, case_uuid, kind, _shown(uuid, here),
                            _shown(uuid, theirs))

    def run(self, conn: Connection) -> None:
        statements = (
            (self.deleted, "DELETE FROM time_limit_event WHERE uuid = :u"),
            (self.tombstones, "INSERT INTO time_limit_event_removed (uuid, case_id, "
                              "removed_at, actor) VALUES (:u, :c, :t, :a)"),
            (self.updated, f"UPDATE time_limit_event SET {_SETS} WHERE uuid = :uuid"),
            (self.revived, "DELETE FROM time_limit_event_removed WHERE uuid = :u"),
            (self.inserted, "INSERT INTO time_limit_event (uuid, case_id, created_at, actor, "
                            + ", ".join(rows.CONTENT) + ") VALUES (:uuid, :case_id, "
                            ":created_at, :actor, " + ", ".join(f":{f}" for f in rows.CONTENT)
                            + ")"),
        )
        for params, sql in statements:
            if params:
                conn.execute(text(sql), params)
