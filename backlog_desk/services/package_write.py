"""Writing a planned package merge inside the apply transaction: the cases (grouped
executemany), baseline list, 审限 events, conflicts, last-agreed values, change log, campaign,
confirmations and the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, delete, insert, select, text, update
from sqlalchemy.orm import Session

from backlog_desk.exchange.package_file import VerifiedPackage
from backlog_desk.store import audit, sync, sync_prune
from backlog_desk.store.bulk import deferred_indexes, new_case_defaults
from backlog_desk.store.models import (
    BaselineEntry,
    Campaign,
    Case,
    InventoryConfirmation,
    SyncConflict,
    SyncPeer,
    TimeLimitEvent,
)
from backlog_desk.store.rows import execute_many, insert_rows

from . import event_sync
from .actor import Actor, Role
from .confirmations import merge_confirmations
from .directory import Directory
from .package_report import ApplyReport, Plan, Progress, sender_label
from .packages import DATE_FIELDS


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
    if values.keys().isdisjoint(_CONVERTED):
        return values  # plain text and number fields (most updates): written as they are
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
_CONVERTED = _MAPPED | DATE_FIELDS


def write_plan(s: Session, actor: Actor, pkg: VerifiedPackage, peer: SyncPeer, plan: Plan,
           report: ApplyReport, progress: Progress) -> None:
    conn = s.connection()
    before = sync.last_change(conn)
    now = dt.datetime.now()
    m = pkg.manifest
    source = f"{pkg.file.name} (#{m['seq']} from {sender_label(m)})"
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
    change, add_change = audit.Change, changes.append
    for cid, uuid, mine, take in plan.updates:
        row = _column_row(take, names, camp)
        key = tuple(row)
        groups.setdefault(key, []).append((*row.values(), now, cid))
        if "baseline" in take and camp is not None:
            (baseline_in if take["baseline"] else baseline_out).append(cid)
        for f, v in take.items():
            add_change(change("update", "case", uuid, f, _txt(mine.get(f)), _txt(v)))
    done = 0
    with _untracked_updates(conn, bool(plan.updates)) as untracked:
        for key, rows in groups.items():
            sets = ", ".join(f"{c} = ?" for c in key)
            sql = (f"UPDATE cases SET {sets}, updated_at = ?, row_version = row_version + 1 "
                   f"WHERE id = ?")
            step = _chunk(len(rows))
            for i in range(0, len(rows), step):
                execute_many(conn, sql, rows[i:i + step])
                done += len(rows[i:i + step])
                progress(f"updated {done} of {len(plan.updates)} cases")
    if untracked:
        # What the trigger would have logged and forget_changes below would keep.
        execute_many(conn, "INSERT INTO sync_change (case_id) VALUES (?)",
                     [(u[0],) for u in plan.updates if u[0] in plan.unsettled])
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
    # New, edited and deleted events, both ways (services/event_sync.py).
    changes.extend(event_sync.apply_events(s, actor, pkg, peer, report, source))
    progress("time-limit events added")
    _write_conflicts(s, actor, peer, plan, report, m, now)
    progress("conflicts recorded")
    # The plan holds most bases as the package's UTF-8 bytes: SQLite stores them as text
    # with a cast in the statement; other servers are given text.
    sqlite = conn.dialect.name == "sqlite"
    peer_id = peer.id  # an ORM attribute: read once, not 100,000 times
    base_rows = [(peer_id, cid if cid is not None else ids[uuid],
                  data if sqlite or isinstance(data, str) else data.decode())
                 for cid, uuid, data in plan.bases]
    value = "CAST(? AS TEXT)" if sqlite else "?"
    upsert = (f"INSERT INTO sync_base (peer_id, case_id, data) VALUES (?, ?, {value}) "
              "ON CONFLICT (peer_id, case_id) DO UPDATE SET data = excluded.data")
    step = _chunk(len(base_rows))
    for i in range(0, len(base_rows), step):
        execute_many(conn, upsert, base_rows[i:i + step])
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
    s.flush()
    # What every peer has now confirmed receiving leaves the change log (store/sync_prune).
    sync_prune.prune_confirmed(conn)
    changes.extend(names.d.changes)
    changes.append(audit.Change(
        "apply-package", "peer", sender_label(m), new_value=(
            f"{m['kind']} package #{m['seq']} ({pkg.fingerprint}): {report.new} new, "
            f"{report.updated} updated, {len(report.conflicts)} conflicts, "
            f"{len(report.refused)} refused"), old_value=pkg.sha256))
    progress("writing the audit log")
    audit.append(s, actor.name, changes, source=source, at=now)
    progress("committing")


@contextmanager
def _untracked_updates(conn: Connection, enabled: bool) -> Iterator[bool]:
    """Leave the change-log trigger on case updates out of the apply's UPDATEs (SQLite).

    The trigger logs every updated case, and forget_changes then deletes almost all of
    those entries again: the apply's own writes of the sender's values are no echo to send
    back. For 100,000 updates that was half a second of writing and deleting; the caller
    logs only the cases that must travel back. SQLite DDL is transactional: the trigger is
    put back from its own stored text before the commit, and a rollback or a killed
    process never loses it. Yields whether the trigger was left out."""
    ddl = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
        (_SYNC_UPDATE,)).scalar() if enabled and conn.dialect.name == "sqlite" else None
    if ddl is None:
        yield False
        return
    conn.exec_driver_sql(f"DROP TRIGGER {_SYNC_UPDATE}")
    yield True
    conn.exec_driver_sql(ddl)


_SYNC_UPDATE = "cases_sync_update"


def _sent_confirmations(pkg: VerifiedPackage) -> list[dict[str, Any]]:
    rows = pkg.setup().get("confirmations") if pkg.count("setup") else None
    return [r for r in rows or [] if isinstance(r, dict)]


def new_confirmations(s: Session, pkg: VerifiedPackage) -> int:
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


def _write_conflicts(s: Session, actor: Actor, peer: SyncPeer, plan: Plan,
                     report: ApplyReport, m: dict[str, Any], now: dt.datetime) -> None:
    open_rows = {(c.case_id, c.field): c for c in s.scalars(select(SyncConflict).where(
        SyncConflict.peer_id == peer.id, SyncConflict.resolved_at.is_(None)))}
    theirs_by = f"{m.get('created_by', '')} · {sender_label(m)}"
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
