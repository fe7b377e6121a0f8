"""A department head's confirmation of the department's inventory list (排查立账).

During the inventory phase each department checks the list the audit office sent and the
head confirms it. The confirmation records how many cases and a SHA-256 over their case
numbers, so the console can tell a confirmation of today's list from one of a list that has
changed since (cases added, moved or removed after the head signed off).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.models import BaselineEntry, Case, Department, InventoryConfirmation

from .actor import Actor
from .campaigns import StoredCampaign, backlog_condition, load_active
from .errors import InvalidValue, NotFound

ENTITY = "inventory"


@dataclass(frozen=True)
class Confirmation:
    department: str
    confirmed_at: dt.datetime
    confirmed_by: str
    cases: int
    fingerprint: str
    note: str

    def as_json(self) -> dict[str, Any]:
        return {"department": self.department,
                "confirmed_at": self.confirmed_at.isoformat(timespec="seconds"),
                "confirmed_by": self.confirmed_by, "cases": self.cases,
                "fingerprint": self.fingerprint, "note": self.note}


def inventory_list(s: Session, camp: StoredCampaign, department: str) -> list[str]:
    """Case numbers of the department's list: the frozen baseline once frozen, before that
    the cases the baseline would take."""
    q = select(Case.case_number).join(Department, Case.department_id == Department.id) \
        .where(Department.name == department)
    if camp.frozen_at is not None:
        q = q.join(BaselineEntry, BaselineEntry.case_id == Case.id) \
            .where(BaselineEntry.campaign_id == camp.id)
    else:
        q = q.where(backlog_condition(camp.plan))
    return sorted(s.execute(q).scalars())


def inventory_counts(s: Session, camp: StoredCampaign) -> dict[str, int]:
    """Cases on each department's list, in one grouped query."""
    q = select(Department.name, func.count()).join(Case, Case.department_id == Department.id)
    if camp.frozen_at is not None:
        q = q.join(BaselineEntry, BaselineEntry.case_id == Case.id) \
            .where(BaselineEntry.campaign_id == camp.id)
    else:
        q = q.where(backlog_condition(camp.plan))
    return {name: int(n) for name, n in s.execute(q.group_by(Department.name))}


def list_fingerprint(case_numbers: list[str]) -> str:
    return hashlib.sha256("\n".join(case_numbers).encode("utf-8")).hexdigest()


def confirm_inventory(db: Database, actor: Actor, department: str, *,
                      note: str = "") -> Confirmation:
    """Record that the head of `department` confirms its current inventory list."""
    actor.require_head("confirm the inventory list (排查立账)", department)
    now = dt.datetime.now()
    with db.session() as s:
        camp = load_active(s)
        if camp is None:
            raise NotFound("no campaign is set up in this database")
        numbers = inventory_list(s, camp, department)
        if not numbers and s.execute(select(Department.id).where(
                Department.name == department)).first() is None:
            raise InvalidValue(f"no department named {department!r}", field="department")
        fp = list_fingerprint(numbers)
        s.add(InventoryConfirmation(uuid=str(uuid.uuid4()), campaign_id=camp.id,
                                    department=department, confirmed_at=now,
                                    confirmed_by=actor.name, cases=len(numbers),
                                    fingerprint=fp, note=note.strip()))
        audit.append(s, actor.name, [audit.Change(
            "confirm", ENTITY, department, "cases", None, f"{len(numbers)} {fp[:16]}")],
            source="inventory")
    return Confirmation(department, now, actor.name, len(numbers), fp, note.strip())


def latest_confirmations(s: Session, campaign_id: int) -> dict[str, Confirmation]:
    """The newest confirmation of each department for the campaign."""
    out: dict[str, Confirmation] = {}
    rows = s.execute(select(InventoryConfirmation)
                     .where(InventoryConfirmation.campaign_id == campaign_id)
                     .order_by(InventoryConfirmation.confirmed_at,
                               InventoryConfirmation.id)).scalars()
    for r in rows:
        out[r.department] = Confirmation(r.department, r.confirmed_at, r.confirmed_by,
                                         r.cases, r.fingerprint, r.note)
    return out


def confirmation_rows(s: Session, department: str | None = None) -> list[dict[str, Any]]:
    """The confirmations as plain rows (for a package to carry), oldest first."""
    q = select(InventoryConfirmation).order_by(InventoryConfirmation.confirmed_at,
                                               InventoryConfirmation.id)
    if department is not None:
        q = q.where(InventoryConfirmation.department == department)
    return [{"uuid": r.uuid, "campaign_id": r.campaign_id, "department": r.department,
             "confirmed_at": r.confirmed_at.isoformat(), "confirmed_by": r.confirmed_by,
             "cases": r.cases, "fingerprint": r.fingerprint, "note": r.note}
            for r in s.execute(q).scalars()]


def merge_confirmations(s: Session, actor: Actor, rows: list[dict[str, Any]], *,
                        department: str, campaign_id: int, source: str = "package") -> int:
    """Record confirmations another installation made (a package from `department`) inside
    the caller's transaction: rows of other departments are ignored, a uuid already known
    is not added twice. Returns how many were new."""
    known = set(s.execute(select(InventoryConfirmation.uuid)).scalars())
    added = 0
    for r in rows:
        if r.get("department") != department or r.get("uuid") in known:
            continue
        s.add(InventoryConfirmation(
            uuid=str(r["uuid"]), campaign_id=campaign_id, department=department,
            confirmed_at=dt.datetime.fromisoformat(str(r["confirmed_at"])),
            confirmed_by=str(r.get("confirmed_by", ""))[:60], cases=int(r.get("cases", 0)),
            fingerprint=str(r.get("fingerprint", ""))[:64], note=str(r.get("note", ""))))
        known.add(str(r["uuid"]))
        added += 1
        audit.append(s, actor.name, [audit.Change(
            "confirm", ENTITY, department, "cases", None,
            f"{r.get('cases')} {str(r.get('fingerprint', ''))[:16]} by {r.get('confirmed_by')}")],
            source=source)
    return added
