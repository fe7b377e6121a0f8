"""The leaders' view: 包保领导 suggested by age and assigned, per-leader and per-judge lists with
open counts, clearance rates and ranks, and the key categories of enforcement cases (seed 002).

Rates are those of the campaign: baseline cases closed by the as-of day ÷ baseline cases, ranked
with the campaign's ranking rule (`domain.rates.rank`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, select, update
from sqlalchemy.orm import Session, aliased

from backlog_desk.domain.ages import age_months
from backlog_desk.domain.leaders import ENFORCEMENT_CATEGORIES, LeaderLevel, suggested_leader_level
from backlog_desk.domain.ledger import Status
from backlog_desk.domain.rates import Tally, rank
from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.models import Case, CaseTag, Department, Person

from .actor import Actor
from .campaigns import backlog_condition, load_active
from .cases import resolve_case_number
from .errors import InvalidValue, NotFound

__all__ = [
    "ENFORCEMENT_CODES",
    "GroupLine",
    "LeaderSuggestion",
    "assign_suggested_leaders",
    "enforcement_cases",
    "leader_suggestions",
    "per_group",
    "tag_cases",
]

ENFORCEMENT_CODES = ("执", "执恢")
_Leader = aliased(Person)
_Judge = aliased(Person)


@dataclass(frozen=True)
class GroupLine:
    """One leader's or judge's line: open cases now, and the campaign rate with its rank."""

    name: str
    open_cases: int
    baseline: int
    closed: int
    rate: str | None
    rank: int | None

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "open": self.open_cases, "baseline": self.baseline,
                "closed": self.closed, "rate": self.rate, "rank": self.rank}


def per_group(db: Database, by: str, as_of: dt.date | None = None) -> list[GroupLine]:
    """Lines per leader (``by="leader"``) or per judge (``"judge"``), ranked by rate."""
    if by not in ("leader", "judge"):
        raise InvalidValue(f"group by leader or judge, not {by!r}", field="by")
    as_of = as_of or dt.date.today()
    person = _Leader if by == "leader" else _Judge
    key_col = Case.leader_id if by == "leader" else Case.judge_id
    with db.read() as s:
        camp = load_active(s)
        # the campaign's baseline: the frozen list, or the provisional backlog before it
        in_base = ((Case.baseline_campaign_id == camp.id) if camp and camp.frozen_at
                   else backlog_condition(camp.plan) if camp else (Case.id < 0))
        closed_by = and_(Case.status != Status.OPEN, Case.closed_date <= as_of)
        rows = s.execute(
            select(func.coalesce(person.name, ""),
                   func.sum(case((Case.status == Status.OPEN, 1), else_=0)),
                   func.sum(case((in_base, 1), else_=0)),
                   func.sum(case((and_(in_base, closed_by), 1), else_=0)))
            .select_from(Case).outerjoin(person, person.id == key_col)
            .group_by(person.name)).all()
    tallies = {(name or "未指定"): Tally(int(b or 0), int(c or 0)) for name, _o, b, c in rows}
    open_counts = {(name or "未指定"): int(o or 0) for name, o, _b, _c in rows}
    out = []
    for entry in rank(tallies):
        rate = None if entry.rate is None else f"{entry.rate * 100:.1f}%"
        out.append(GroupLine(entry.key, open_counts[entry.key], entry.tally.total,
                             entry.tally.closed, rate, entry.rank))
    return out


@dataclass(frozen=True)
class LeaderSuggestion:
    case_number: str
    department: str
    filing_date: dt.date
    level: LeaderLevel
    suggested: str
    current: str

    def as_json(self) -> dict[str, Any]:
        return {"case_number": self.case_number, "department": self.department,
                "filing_date": self.filing_date.isoformat(), "level": str(self.level),
                "suggested": self.suggested, "current": self.current}


def _reference(s: Session, as_of: dt.date | None) -> dt.date:
    if as_of is not None:
        return as_of
    camp = load_active(s)
    return camp.plan.reference_date if camp else dt.date(dt.date.today().year, 12, 31)


def _president(s: Session) -> str:
    return s.execute(select(Person.name).where(Person.role == "president")
                     .order_by(Person.id)).scalars().first() or ""


def leader_suggestions(db: Database, reference: dt.date | None = None, *,
                       only_differing: bool = True) -> list[LeaderSuggestion]:
    """Open cases whose suggested 包保领导 (院长 over 3 years at the campaign's reference day,
    the department's 分管院长 for 1–3 years) differs from the one recorded (or every case a
    year old with ``only_differing=False``)."""
    dept_leader = aliased(Person)
    with db.read() as s:
        ref = _reference(s, reference)
        president = _president(s)
        # Only cases about a year old at the reference day can have a 包保 leader; the exact
        # completed-months test is `suggested_leader_level` below.
        year_ago = ref - dt.timedelta(days=360)
        rows = s.execute(
            select(Case.case_number, Department.name, Case.filing_date,
                   func.coalesce(_Leader.name, ""), func.coalesce(dept_leader.name, ""))
            .outerjoin(Department, Department.id == Case.department_id)
            .outerjoin(dept_leader, dept_leader.id == Department.leader_id)
            .outerjoin(_Leader, _Leader.id == Case.leader_id)
            .where(Case.status == Status.OPEN, Case.filing_date <= year_ago)
            .order_by(Case.filing_date, Case.case_number)).all()
    out = []
    for number, dept, filed, current, vice in rows:
        level = suggested_leader_level(filed, ref)
        if level is LeaderLevel.NONE:
            continue
        suggested = president if level is LeaderLevel.PRESIDENT else vice
        if only_differing and suggested == current:
            continue
        out.append(LeaderSuggestion(number, dept or "", filed, level, suggested, current))
    return out


def assign_suggested_leaders(db: Database, actor: Actor, reference: dt.date | None = None, *,
                             overwrite: bool = False, source: str = "") -> int:
    """Record the suggested leader on every open case where it differs (only where none is
    recorded unless ``overwrite``); one transaction, each change in the audit log."""
    actor.require_audit("assign 包保 leaders")
    todo = [x for x in leader_suggestions(db, reference) if x.suggested
            and (overwrite or not x.current)]
    if not todo:
        return 0
    with db.session() as s:
        ids: dict[str, int] = dict(s.execute(
            select(Person.name, Person.id)
            .where(Person.role.in_(("president", "vice_president")))).tuples().all())
        by_number = {r[0]: (r[1], r[2]) for r in s.execute(
            select(Case.case_number, Case.id, Case.uuid)
            .where(Case.case_number.in_([x.case_number for x in todo])))}
        changes = []
        for x in todo:
            case_id, case_uuid = by_number[x.case_number]
            person_id = ids.get(x.suggested)
            if person_id is None:
                continue
            s.execute(update(Case).where(Case.id == case_id)
                      .values(leader_id=person_id, row_version=Case.row_version + 1,
                              updated_at=dt.datetime.now()))
            changes.append(audit.Change("update", "case", case_uuid, "leader",
                                        x.current or None, x.suggested))
        audit.append(s, actor.name, changes, source=source or "leaders")
    return len(changes)


def tag_cases(db: Database, actor: Actor, numbers: Iterable[str], category: str, *,
              remove: bool = False, source: str = "") -> int:
    """Tag (or untag) enforcement cases with one of seed 002's key categories."""
    actor.require_audit("tag cases")
    if category not in ENFORCEMENT_CATEGORIES:
        raise InvalidValue(f"unknown category {category!r}; one of "
                           + ", ".join(ENFORCEMENT_CATEGORIES), field="category")
    wanted = [resolve_case_number(n) for n in numbers]
    done = 0
    with db.session() as s:
        changes = []
        for number in wanted:
            row = s.execute(select(Case.id, Case.uuid, Case.type_code)
                            .where(Case.case_number == number)).first()
            if row is None:
                raise NotFound(f"no case {number} in this ledger", field="case_number")
            has = s.execute(select(CaseTag.tag).where(CaseTag.case_id == row.id,
                                                      CaseTag.tag == category)).first()
            if remove and has:
                s.execute(delete(CaseTag).where(CaseTag.case_id == row.id,
                                                CaseTag.tag == category))
                changes.append(audit.Change("untag", "case", row.uuid, "tag", category, None))
            elif not remove and not has:
                if row.type_code not in ENFORCEMENT_CODES:
                    raise InvalidValue(f"{number} is not an enforcement case", field="case")
                s.execute(insert(CaseTag).values(case_id=row.id, tag=category))
                changes.append(audit.Change("tag", "case", row.uuid, "tag", None, category))
            else:
                continue
            done += 1
        audit.append(s, actor.name, changes, source=source)
    return done


def enforcement_cases(db: Database, category: str | None = None,
                      as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Open enforcement cases with their categories; ``category`` filters. 超期限一年以上 is
    worked out from the filing date (open a year or more on ``as_of``), the others are tags."""
    as_of = as_of or dt.date.today()
    if category is not None and category not in ENFORCEMENT_CATEGORIES:
        raise InvalidValue(f"unknown category {category!r}", field="category")
    with db.read() as s:
        q = (select(Case.id, Case.case_number, Department.name, func.coalesce(_Judge.name, ""),
                    Case.filing_date)
             .outerjoin(Department, Department.id == Case.department_id)
             .outerjoin(_Judge, _Judge.id == Case.judge_id)
             .where(Case.status == Status.OPEN, Case.type_code.in_(ENFORCEMENT_CODES)))
        if category == "over_one_year":
            q = q.where(Case.filing_date <= as_of - dt.timedelta(days=360))
        elif category is not None:
            q = q.where(Case.id.in_(select(CaseTag.case_id).where(CaseTag.tag == category)))
        rows = s.execute(q.order_by(Case.filing_date, Case.case_number)).all()
        tags: dict[int, list[str]] = {}
        ids = [r[0] for r in rows]
        for i in range(0, len(ids), 5000):
            for cid, tag in s.execute(select(CaseTag.case_id, CaseTag.tag)
                                      .where(CaseTag.case_id.in_(ids[i:i + 5000]))):
                tags.setdefault(cid, []).append(tag)
    out = []
    for cid, number, dept, judge, filed in rows:
        cats = sorted(tags.get(cid, []), key=list(ENFORCEMENT_CATEGORIES).index)
        if age_months(filed, as_of) >= 12:
            cats.insert(0, "over_one_year")
        elif category == "over_one_year":
            continue
        out.append({"case_number": number, "department": dept or "", "judge": judge,
                    "filing_date": filed.isoformat(), "categories": cats,
                    "labels": [ENFORCEMENT_CATEGORIES[c] for c in cats]})
    return out

