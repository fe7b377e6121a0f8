"""Demo and scale databases: a synthetic court with its campaign under way."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

from sqlalchemy import func, insert, literal, select, update

from backlog_desk.exchange.synthetic import SCALES, generate_cases, make_court
from backlog_desk.store import audit
from backlog_desk.store.bulk import insert_cases
from backlog_desk.store.database import Database
from backlog_desk.store.models import BaselineEntry, Campaign, Case, Department

from .actor import SYSTEM, Actor
from .campaigns import active_campaign
from .directory import Directory
from .setup import init_database


@dataclass(frozen=True)
class DemoResult:
    path: str
    court: str
    cases: int
    baseline: int
    seconds: float


def _case_rows(cases: Iterator[Mapping[str, Any]], directory: Directory, campaign_id: int,
               cutoff: dt.date, start: dt.date, seed: int,
               now: dt.datetime) -> Iterator[dict[str, Any]]:
    # uuid4 would make the demo differ on every run; a seeded uuid keeps it deterministic.
    rng = Random(seed)
    depts = directory.departments
    judges = {name: i for (name, role), i in directory.people.items() if role == "judge"}
    leaders = {name: i for (name, role), i in directory.people.items()
               if role in ("president", "vice_president")}
    for c in cases:
        number = str(c["case_number"])
        type_code = str(c["type_code"])
        filed = c["filing_date"]
        assert isinstance(filed, dt.date)
        closed = c["closed_date"]
        in_baseline = filed <= cutoff and (c["status"] == "open" or (
            isinstance(closed, dt.date) and closed >= start))
        yield {
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "case_number": number, "case_number_raw": number,
            "year": int(number[1:5]), "court_code": "", "type_code": type_code,
            "family": "", "title": c["title"], "cause": c["cause"], "filing_date": filed,
            "department_id": depts.get(str(c["department"])),
            "judge_id": judges.get(str(c["judge"])),
            "leader_id": leaders.get(str(c["leader"])),
            "procedure": c["procedure"], "reason_category": c["reason_category"],
            "reason": c["reason"], "expected_close_date": c["expected_close_date"],
            "measures": c["measures"], "status": c["status"], "closed_date": closed,
            "close_manner": c["close_manner"], "committee_date": None,
            "committee_decision": "", "supervision_level": "", "notes": c["notes"],
            "baseline_campaign_id": campaign_id if in_baseline else None,
            "closure_candidate": False, "source": "demo", "created_at": now,
            "updated_at": now, "row_version": 1,
        }


def create_demo(target: str | Path, *, scale: str | int = "S", seed: int = 1,
                as_of: dt.date | None = None, actor: Actor = SYSTEM,
                progress: Callable[[int, int], None] | None = None) -> DemoResult:
    """Create a new database holding a synthetic court, its campaign and a frozen baseline."""
    started = dt.datetime.now()
    as_of = as_of or dt.date.today()
    court = make_court(scale, seed)
    db = init_database(target, actor, court_name=court.name, court_code=court.code,
                       role="audit", campaign_year=as_of.year)
    camp = active_campaign(db)
    expected = SCALES[scale] if isinstance(scale, str) else int(scale)
    with db.session() as s:
        directory = Directory(s)
        for d in court.departments:
            directory.department_id(d.name)
        for p in court.people:
            directory.person_id(p.name, p.role, p.department)
        by_name = {d.name: d for d in court.departments}
        for name, dept_id in directory.departments.items():
            d = by_name.get(name)
            if d is None:
                continue
            s.execute(update(Department).where(Department.id == dept_id).values(
                head_id=directory.people.get((d.head, "head")),
                leader_id=directory.people.get((d.leader, "vice_president"))))
        rows = _case_rows(generate_cases(court, scale, seed, as_of=as_of), directory, camp.id,
                          camp.plan.cutoff_date, camp.plan.start, seed, started)
        n = insert_cases(s.connection(), rows,
                         progress=(lambda k: progress(k, expected)) if progress else None)
        s.execute(insert(BaselineEntry).from_select(
            ["campaign_id", "case_id"],
            select(literal(camp.id), Case.id).where(Case.baseline_campaign_id == camp.id)))
        baseline = s.execute(select(func.count()).select_from(Case)
                             .where(Case.baseline_campaign_id == camp.id)).scalar_one()
        s.execute(update(Campaign).where(Campaign.id == camp.id).values(
            frozen_at=dt.datetime.combine(camp.plan.start, dt.time(9)), frozen_by=actor.name))
        audit.append(s, actor.name, [
            audit.Change("demo", "court", court.code, new_value=f"{n} synthetic cases"),
            audit.Change("freeze", "campaign", str(camp.id), new_value=f"{baseline} cases"),
        ])
    path = str(db.path or db.url)
    db.dispose()
    seconds = (dt.datetime.now() - started).total_seconds()
    return DemoResult(path, court.name, n, int(baseline), seconds)

