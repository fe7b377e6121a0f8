"""A department's ledger made from the audit office's first (setup) package."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from backlog_desk.store import audit
from backlog_desk.store.database import open_database
from backlog_desk.store.models import (
    Campaign,
    CampaignPhase,
    CampaignTarget,
    CaseTypeRow,
    Court,
    Department,
)

from .actor import Actor, Role
from .directory import Directory
from .package_apply import _noop, _reject, _report_for, _verify, apply_package
from .package_report import ApplyReport, Progress
from .packages import set_meta


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
