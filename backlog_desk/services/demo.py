"""Demo and scale databases: a synthetic court with its campaign under way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

from sqlalchemy import func, select, update

from backlog_desk.exchange.synthetic import (
    SCALES,
    generate_cases,
    make_court,
    write_case_system_export,
)
from backlog_desk.store import audit, sqlite_text
from backlog_desk.store.bulk import CASE_COLUMNS, load_cases, new_case_defaults
from backlog_desk.store.ids import uuid7_batch
from backlog_desk.store.models import BaselineEntry, Campaign, Department

from .actor import SYSTEM, Actor
from .campaigns import active_campaign
from .directory import Directory
from .search_index import waiting_for_index
from .setup import init_database


@dataclass(frozen=True)
class DemoResult:
    path: str
    court: str
    cases: int
    baseline: int
    seconds: float
    #: Cases left for the search index (services.search_index), as after a large import.
    search_waiting: int = 0


#: From this many cases the demo leaves its search index to be filled after it is made
#: (~10 s of a million-case demo), as a large import does; smaller ones are indexed at once.
SEARCH_LATER_FROM = 10_000


_ID_BLOCK = 4096


def _case_rows(cases: Iterator[Mapping[str, Any]], directory: Directory, campaign_id: int,
               cutoff: dt.date, start: dt.date, seed: int,
               now: dt.datetime, as_of: dt.date, *,
               as_text: bool = False) -> Iterator[list[Any]]:
    """Rows in CASE_COLUMNS order, built from a template: a million of them must be cheap.
    With `as_text` dates and times are given as the text the SQLite driver's adapters would
    write (store.sqlite_text), each distinct value formatted once instead of per row."""
    rng = Random(seed)  # seeded identities keep the demo the same on every run
    depts = directory.departments
    # Department heads (庭长) carry cases too; a plain judge of the same name wins.
    judges = {name: i for (name, role), i in directory.people.items() if role == "head"}
    judges.update({name: i for (name, role), i in directory.people.items() if role == "judge"})
    leaders = {name: i for (name, role), i in directory.people.items()
               if role in ("president", "vice_president")}
    col = {name: i for i, name in enumerate(CASE_COLUMNS)}
    defaults = new_case_defaults(source="demo", created_at=now, updated_at=now)
    template: list[Any] = [defaults[c] for c in CASE_COLUMNS]
    text: dict[Any, Any] = {None: None}

    def written(value: Any) -> Any:
        if not as_text:
            return value
        got = text.get(value)
        if got is None and value is not None:
            got = text[value] = (sqlite_text.datetime_text(value)
                                 if isinstance(value, dt.datetime) else value.isoformat())
        return got

    template = [written(v) if isinstance(v, dt.date) else v for v in template]
    date_columns = [col[k] for k in ("filing_date", "expected_close_date", "closed_date")]
    copied = [(col[k], k) for k in (
        "case_number", "type_code", "title", "cause", "filing_date", "procedure",
        "reason_category", "reason", "expected_close_date", "measures", "status",
        "closed_date", "close_manner", "notes")]
    i_uuid, i_raw, i_year = col["uuid"], col["case_number_raw"], col["year"]
    i_dept, i_judge, i_leader = col["department_id"], col["judge_id"], col["leader_id"]
    i_base, i_updated = col["baseline_campaign_id"], col["updated_at"]
    # When a clerk last touched each case: the demo's "no progress for 30 days" count (the
    # dashboard's risks) needs a spread of past days, not the moment the demo was made.
    # About half the open cases were touched in the last 30 days, as in a running campaign.
    touch_days = 60
    latest = min(now, dt.datetime.combine(as_of, dt.time(17)))
    touch_rng = Random(seed + 1)  # its own stream, independent of the identities'
    recent = [as_of - dt.timedelta(days=d) for d in range(touch_days)]
    touched_at: dict[dt.date, Any] = {}
    ms = int(dt.datetime.combine(start, dt.time()).timestamp() * 1000)
    ids: list[str] = []
    k = 0
    for c in cases:
        row = template.copy()
        for i, key in copied:
            row[i] = c[key]
        number = c["case_number"]
        if k == len(ids):
            # Identities a block at a time, each block a millisecond after the last: the
            # seeded generator makes the same ones on every run, ~20 times faster than one
            # uuid7 call per case.
            ms += 1
            ids, k = uuid7_batch(_ID_BLOCK, ms, rng), 0
        row[i_uuid] = ids[k]
        k += 1
        row[i_raw] = number
        row[i_year] = int(number[1:5])
        row[i_dept] = depts.get(c["department"])
        row[i_judge] = judges.get(c["judge"])
        row[i_leader] = leaders.get(c["leader"])
        filed, closed = c["filing_date"], c["closed_date"]
        if filed <= cutoff and (closed is None or closed >= start):
            row[i_base] = campaign_id
        touched = max(closed or recent[touch_rng.randrange(touch_days)], filed)
        at = touched_at.get(touched)
        if at is None:
            at = touched_at[touched] = written(
                min(latest, dt.datetime.combine(touched, dt.time(16))))
        row[i_updated] = at
        if as_text:
            for i in date_columns:
                row[i] = written(row[i])
        yield row


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
            if (dept := by_name.get(name)) is not None:
                s.execute(update(Department).where(Department.id == dept_id).values(
                    head_id=directory.people.get((dept.head, "head")),
                    leader_id=directory.people.get((dept.leader, "vice_president"))))
    rows = _case_rows(generate_cases(court, scale, seed, as_of=as_of), directory, camp.id,
                      camp.plan.cutoff_date, camp.plan.start, seed, started, as_of,
                      as_text=db.path is not None)
    fill_baseline = (f"INSERT INTO baseline_entry (campaign_id, case_id) SELECT {camp.id}, id "
                     f"FROM cases WHERE baseline_campaign_id = {camp.id}")
    n = load_cases(db, rows, after_load=[fill_baseline],
                   progress=(lambda k: progress(k, expected)) if progress else None,
                   search_later=expected >= SEARCH_LATER_FROM)
    with db.session() as s:
        baseline = s.execute(select(func.count()).select_from(BaselineEntry)
                             .where(BaselineEntry.campaign_id == camp.id)).scalar_one()
        s.execute(update(Campaign).where(Campaign.id == camp.id).values(
            frozen_at=dt.datetime.combine(camp.plan.start, dt.time(9)), frozen_by=actor.name))
        audit.append(s, actor.name, [
            audit.Change("demo", "court", court.code, new_value=f"{n} synthetic cases"),
            audit.Change("freeze", "campaign", str(camp.id), new_value=f"{baseline} cases"),
        ])
    path = str(db.path or db.url)
    waiting = waiting_for_index(db)
    db.dispose()
    seconds = (dt.datetime.now() - started).total_seconds()
    return DemoResult(path, court.name, n, int(baseline), seconds, waiting)



def write_demo_export(path: Path, *, scale: str | int = "S", seed: int = 1,
                      as_of: dt.date | None = None, messy: bool = False) -> int:
    """The same synthetic court's open cases as a case-management-system export (.xlsx):
    what an audit office would import. Returns the number of case rows written."""
    as_of = as_of or dt.date.today()
    court = make_court(scale, seed)
    open_cases = (c for c in generate_cases(court, scale, seed, as_of=as_of)
                  if c["status"] == "open")
    return write_case_system_export(court, open_cases, path, messy=messy, seed=seed,
                                    as_of=as_of)
