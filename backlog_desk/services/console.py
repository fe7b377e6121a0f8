"""The audit office's console: where each department stands in the exchange.

One row per department: the last package sent to it and received from it (when, sequence
number), whether its head has confirmed the inventory list (排查立账) and whether that
confirmation still matches the list, whether its return is overdue, and its open conflicts.

A department returns its ledger at the end of every campaign phase (the deadline the
workbook cover states too), as a package or as its workbook: a return is overdue once a
phase has ended and nothing came back from the department since that phase began. The
inventory list is due by the end of the inventory phase.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backlog_desk.domain.campaign import Phase
from backlog_desk.store.database import Database
from backlog_desk.store.models import AuditEntry, Court, Department, ImportBatch

from .actor import Actor
from .campaigns import load_active
from .confirmations import inventory_counts, latest_confirmations, list_fingerprint
from .confirmations import inventory_list as _inventory_list
from .conflicts import list_conflicts
from .errors import Cancelled, NotFound
from .package_export import ExportResult, export_package
from .packages import list_peers

Report = Callable[[int, int], None]
INVENTORY_PHASE = "inventory"


@dataclass(frozen=True)
class DepartmentStatus:
    department: str
    inventory_cases: int
    last_sent_at: dt.datetime | None
    last_sent_seq: int | None
    last_received_at: dt.datetime | None
    last_received_seq: int | None
    confirmed_at: dt.datetime | None
    confirmed_by: str
    # False when the list changed after the head confirmed it (cases added, moved, removed).
    confirmation_current: bool
    inventory_due: dt.date | None
    # The department's workbook (for clerks without the app) imported last.
    last_workbook_at: dt.datetime | None
    return_due: dt.date | None
    return_overdue_days: int
    open_conflicts: int

    @property
    def inventory_overdue(self) -> bool:
        return self.confirmed_at is None and self.inventory_due is not None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k in self.__dataclass_fields__:
            v = getattr(self, k)
            out[k] = (v.isoformat(timespec="seconds") if isinstance(v, dt.datetime)
                      else v.isoformat() if isinstance(v, dt.date) else v)
        return out


@dataclass(frozen=True)
class Console:
    as_of: dt.date
    rows: list[DepartmentStatus]

    def as_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "departments": [r.as_json() for r in self.rows]}


def _last_ended(phases: tuple[Phase, ...], today: dt.date) -> Phase | None:
    ended = [p for p in phases if p.end < today]
    return max(ended, key=lambda p: p.end) if ended else None


def _workbook_returns(s: Session) -> dict[str, dt.datetime]:
    """When each department's workbook last came back (services/workbooks.py logs the
    department with every imported workbook)."""
    ids = [str(i) for i in s.execute(select(ImportBatch.id).where(
        ImportBatch.kind == "department_workbook")).scalars()]
    out: dict[str, dt.datetime] = {}
    if not ids:
        return out
    rows = s.execute(select(AuditEntry.at, AuditEntry.new_value).where(
        AuditEntry.entity == "import_batch", AuditEntry.action == "import",
        AuditEntry.entity_key.in_(ids)))
    for at, value in rows:
        try:
            dept = json.loads(value or "{}").get("department")
        except (ValueError, AttributeError):
            continue
        if dept and (dept not in out or at > out[dept]):
            out[dept] = at
    return out


def console(db: Database, today: dt.date | None = None) -> Console:
    today = today or dt.date.today()
    with db.read() as s:
        camp = load_active(s)
        if camp is None:
            raise NotFound("no campaign is set up in this database")
        departments = list(s.execute(select(Department.name)
                                     .order_by(Department.sort_order, Department.name))
                           .scalars())
        peers = {p.department: p for p in list_peers(s) if p.department}
        confirmed = latest_confirmations(s, camp.id)
        workbooks = _workbook_returns(s)
        counts = inventory_counts(s, camp)
        # Only a confirmed list needs its fingerprint compared: one query per confirmation.
        current = {d: c.fingerprint == list_fingerprint(_inventory_list(s, camp, d))
                   for d, c in confirmed.items()}
    conflicts = Counter(c.department for c in list_conflicts(db))
    inventory = next((p for p in camp.plan.phases if p.key == INVENTORY_PHASE), None)
    inventory_due = inventory.end if inventory is not None and inventory.end < today else None
    due_phase = _last_ended(camp.plan.phases, today)
    rows = []
    for d in departments:
        peer, conf = peers.get(d), confirmed.get(d)
        received = peer.last_received_at if peer is not None else None
        # A return is a package from the department or its workbook, whichever came last.
        returned = max((t for t in (received, workbooks.get(d)) if t is not None),
                       default=None)
        overdue = 0
        if due_phase is not None and (returned is None or returned.date() < due_phase.start):
            overdue = (today - due_phase.end).days
        rows.append(DepartmentStatus(
            department=d, inventory_cases=counts.get(d, 0),
            last_sent_at=peer.last_sent_at if peer else None,
            last_sent_seq=(peer.last_sent_seq or None) if peer else None,
            last_received_at=received,
            last_received_seq=(peer.last_received_seq or None) if peer else None,
            confirmed_at=conf.confirmed_at if conf else None,
            confirmed_by=conf.confirmed_by if conf else "",
            confirmation_current=current.get(d, False),
            inventory_due=inventory_due if conf is None else None,
            last_workbook_at=workbooks.get(d),
            return_due=due_phase.end if due_phase is not None else None,
            return_overdue_days=overdue,
            open_conflicts=conflicts.get(d, 0)))
    return Console(today, rows)


def package_name(court_code: str, department: str, when: dt.datetime) -> str:
    return f"{court_code}-{department}-{when:%Y%m%d-%H%M%S}.db"


def export_all_packages(db: Database, actor: Actor, folder: Path,
                        departments: list[str] | None = None,
                        report: Report | None = None) -> list[ExportResult]:
    """A package for every department (or those named) into `folder`, one transaction each:
    a failure stops the run, keeping the packages already written and recorded."""
    actor.require_audit("export packages for all departments")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with db.read() as s:
        code = s.execute(select(Court.code)).scalar_one_or_none() or "court"
        names = departments or list(s.execute(
            select(Department.name).order_by(Department.sort_order, Department.name)).scalars())
    now = dt.datetime.now()
    done: list[ExportResult] = []
    for i, name in enumerate(names):
        if report is not None:
            report(i, len(names))
        done.append(export_package(db, actor, name, folder / package_name(code, name, now)))
    if report is not None:
        # Everything is written already; a late cancel changes nothing.
        with contextlib.suppress(Cancelled):
            report(len(names), len(names))
    return done
