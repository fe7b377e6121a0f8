"""Conflicts from package exchange: listing them and resolving them (keep mine, take
theirs, or a new value). A resolution is an ordinary audited change of the case; it also
records that this side has now seen the other side's value, so the next package settles
the same conflict on the other side instead of raising it again."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text, update

from backlog_desk.domain.ledger import EDITABLE_FIELDS
from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.models import Case, SyncBase, SyncConflict, SyncPeer

from .actor import Actor
from .cases import case_view_query, check_case_state, parse_field_value
from .directory import Directory
from .errors import InvalidValue, NotFound
from .packages import peer_label


@dataclass(frozen=True)
class ConflictView:
    id: int
    case_number: str
    case_uuid: str
    department: str
    field: str
    mine: str | None
    theirs: str | None
    mine_by: str
    mine_at: dt.datetime | None
    theirs_by: str
    theirs_at: dt.datetime | None
    peer: str
    package_seq: int
    created_at: dt.datetime
    resolved_at: dt.datetime | None
    resolved_by: str
    resolution: str

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k in self.__dataclass_fields__:
            v = getattr(self, k)
            out[k] = v.isoformat(timespec="seconds") if isinstance(v, dt.datetime) else v
        return out


def list_conflicts(db: Database, *, include_resolved: bool = False) -> list[ConflictView]:
    q = (select(SyncConflict, Case.case_number, Case.uuid, SyncPeer)
         .join(Case, Case.id == SyncConflict.case_id)
         .join(SyncPeer, SyncPeer.id == SyncConflict.peer_id)
         .order_by(SyncConflict.id))
    if not include_resolved:
        q = q.where(SyncConflict.resolved_at.is_(None))
    out = []
    with db.read() as s:
        depts: dict[int, str] = {r[0]: r[1] for r in s.execute(text(
            "SELECT c.id, coalesce(d.name, '') FROM cases c JOIN sync_conflict k "
            "ON k.case_id = c.id LEFT JOIN department d ON d.id = c.department_id"))}
        for c, number, uuid, peer in s.execute(q):
            out.append(ConflictView(
                c.id, number, uuid, depts.get(c.case_id, ""), c.field, c.mine, c.theirs,
                c.mine_by, c.mine_at, c.theirs_by, c.theirs_at, peer_label(peer),
                c.package_seq, c.created_at, c.resolved_at, c.resolved_by, c.resolution))
    return out


def resolve_conflict(db: Database, actor: Actor, conflict_id: int, *, keep_mine: bool = False,
                     take_theirs: bool = False, value: str | None = None,
                     today: dt.date | None = None) -> ConflictView:
    """Resolve one open conflict in one transaction, audited."""
    if sum((keep_mine, take_theirs, value is not None)) != 1:
        raise InvalidValue("choose exactly one of keep mine, take theirs or a value",
                           field="resolution")
    today = today or dt.date.today()
    with db.session() as s:
        c = s.get(SyncConflict, conflict_id)
        if c is None:
            raise NotFound(f"no conflict {conflict_id}", field="conflict")
        if c.resolved_at is not None:
            raise InvalidValue(f"conflict {conflict_id} was resolved already "
                               f"({c.resolution} by {c.resolved_by})", field="conflict")
        row = s.execute(case_view_query().where(Case.id == c.case_id)).first()
        if row is None:
            raise NotFound(f"the case of conflict {conflict_id} is gone", field="conflict")
        view = row._asdict()
        number, uuid = view["case_number"], view["uuid"]
        actor.require_edit(c.field, view["department"] or None, number)
        chosen = c.mine if keep_mine else c.theirs if take_theirs else value
        how = "keep-mine" if keep_mine else "take-theirs" if take_theirs else "value"
        changes: list[audit.Change] = []
        if c.field in EDITABLE_FIELDS:
            new = parse_field_value(c.field, chosen or "")
            current = view[c.field]
            if new != current:
                state = dict(view)
                state[c.field] = new
                check_case_state(state, today)
                s.execute(update(Case).where(Case.id == c.case_id).values(
                    **_columns(s, c.field, new), updated_at=dt.datetime.now(),
                    row_version=Case.row_version + 1))
                changes.append(audit.Change("update", "case", uuid, c.field,
                                            _txt(current), _txt(new)))
        elif not keep_mine and chosen != c.mine:
            raise InvalidValue(f"{c.field} is set by the audit office's list, not by hand: "
                               "keep it or take theirs through a package", field=c.field)
        # Nothing about the case may have changed (keep mine), yet the decision must travel
        # back: touching the row puts it in the change log the next package reads.
        s.execute(update(Case).where(Case.id == c.case_id).values(
            row_version=Case.row_version + 1))
        base = s.get(SyncBase, (c.peer_id, c.case_id))
        if base is not None:
            data = json.loads(base.data)
            data[c.field] = _json_of(c.field, c.theirs)
            base.data = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        else:
            s.add(SyncBase(peer_id=c.peer_id, case_id=c.case_id, data=json.dumps(
                {c.field: _json_of(c.field, c.theirs)}, ensure_ascii=False)))
        c.resolved_at, c.resolved_by, c.resolution = dt.datetime.now(), actor.name, how
        changes.append(audit.Change("resolve-conflict", "case", uuid, c.field,
                                    c.theirs, f"{how}: {_txt(chosen)}"))
        audit.append(s, actor.name, changes, source=f"conflict {conflict_id}")
    found = [v for v in list_conflicts(db, include_resolved=True) if v.id == conflict_id]
    return found[0]


def _txt(v: Any) -> str:
    if v is None:
        return ""
    return v.isoformat() if isinstance(v, dt.date) else str(v)


def _json_of(field: str, stored: str | None) -> Any:
    """Back from the conflict's text to the value form packages compare."""
    if field in ("baseline", "closure_candidate"):
        return stored == "1"
    if field == "year":
        return int(stored) if stored else None
    if field in ("expected_close_date", "closed_date", "committee_date", "filing_date"):
        return stored or None
    return stored if stored is not None else ""


def _columns(s: Any, field: str, value: Any) -> dict[str, Any]:
    if field == "department":
        return {"department_id": Directory(s).department_id(str(value))}
    if field == "judge":
        return {"judge_id": Directory(s).person_id(str(value), "judge")}
    if field == "leader":
        return {"leader_id": Directory(s).leader_id(str(value))}
    return {field: value}
