"""What the printed reports show, read inside the caller's transaction.

Each gatherer returns the plain data a renderer in backlog_desk.reports needs, and the
canonical rows its fingerprint is computed from: every printed field plus the case's uuid
and row_version, so an edit through the app shows even in a field the report leaves out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, String, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from backlog_desk.domain.ages import DEFAULT_AGE_BUCKETS, age_months
from backlog_desk.domain.ledger import REASON_BY_KEY
from backlog_desk.domain.rates import (
    TargetStatus,
    rank,
    tally_by_bucket,
    tally_by_key,
    target_status,
    total_tally,
)
from backlog_desk.reports.fingerprint import canonical_row
from backlog_desk.reports.model import (
    AcceptanceData,
    BulletinData,
    CaseLine,
    CaseListData,
    DepartmentLine,
    SuperiorData,
)
from backlog_desk.store.models import BaselineTally, Case, Department, Person

from .campaigns import StoredCampaign, backlog_condition
from .stats import count_rows, tally_usable, target_statuses

PERIOD_DAYS = 7  # 周调度: "closed this period" and the rank change compare with a week ago
COMMITTEE_MONTHS = 12  # 长期未结: open more than a year (seed 000, 集中攻坚)


_Dept = aliased(Department)
_Judge = aliased(Person)


def membership(camp: StoredCampaign) -> ColumnElement[bool]:
    # Same rule as stats: the frozen list once there is one, the provisional backlog before.
    if camp.frozen_at is not None:
        return Case.baseline_campaign_id == camp.id
    return backlog_condition(camp.plan)


def open_at(as_of: dt.date) -> ColumnElement[bool]:
    # A case closed after the report date was still open on it.
    return or_(Case.status == "open", Case.closed_date > as_of)


def _closed_by(status: str, closed: dt.date | None, as_of: dt.date) -> bool:
    return status == "closed" and closed is not None and closed <= as_of


def line_query() -> Any:
    return (select(Case.uuid, Case.row_version, Case.case_number, Case.title, Case.filing_date,
                   _Dept.name, _Judge.name, Case.reason_category, Case.reason, Case.measures,
                   Case.expected_close_date, Case.status, Case.closed_date, Case.close_manner,
                   Case.committee_date, Case.committee_decision)
            .outerjoin(_Dept, _Dept.id == Case.department_id)
            .outerjoin(_Judge, _Judge.id == Case.judge_id))


def to_line(r: Any, as_of: dt.date) -> tuple[CaseLine, tuple[object, ...]]:
    """The printed line and its canonical row for the fingerprint (every printed field, plus
    uuid and row_version so any edit through the app shows)."""
    (uuid, version, number, title, filed, dept, judge, cat, reason, measures, expected,
     status, closed, manner, c_date, c_decision) = r
    category = REASON_BY_KEY.get(cat) if cat else None
    closed_then = _closed_by(status, closed, as_of)
    line = CaseLine(
        uuid=uuid, case_number=number, title=title, filing_date=filed, department=dept or "",
        judge=judge or "", reason_category=category.label if category else (cat or ""),
        lawful=category.lawful if category else None, reason=reason, measures=measures,
        expected_close_date=expected, status="closed" if closed_then else "open",
        closed_date=closed if closed_then else None,
        close_manner=manner if closed_then else "", committee_date=c_date,
        committee_decision=c_decision, age_months=age_months(filed, as_of))
    canon = (uuid, version, number, title, filed, line.department, line.judge, cat, reason,
             measures, expected, line.status, line.closed_date, line.close_manner, c_date,
             c_decision)
    return line, canon


def _reference_target(targets: Sequence[TargetStatus], as_of: dt.date) -> TargetStatus | None:
    """What departments are measured against: the court-wide target most recently due, or
    before any is due, the first one coming."""
    whole = [t for t in targets if t.target.filed_on_or_before is None]
    due = [t for t in whole if t.target.due <= as_of]
    return due[-1] if due else (whole[0] if whole else None)


def _burndown(s: Session, camp: StoredCampaign, as_of: dt.date,
              total: int) -> list[tuple[dt.date, int]]:
    start = camp.plan.start
    if tally_usable(camp):  # the trigger-kept counts: a few thousand rows at any scale
        q: Any = (select(BaselineTally.closed_date, func.sum(BaselineTally.n))
                  .where(BaselineTally.campaign_id == camp.id,
                         BaselineTally.closed_date <= as_of)
                  .group_by(BaselineTally.closed_date))
    else:
        q = (select(Case.closed_date, func.count())
             .where(membership(camp), Case.status == "closed", Case.closed_date <= as_of)
             .group_by(Case.closed_date))
    by_day = {d: int(n) for d, n in s.execute(q)}
    points: list[tuple[dt.date, int]] = []
    day = start
    while day <= as_of:
        points.append((day, total - sum(n for d, n in by_day.items() if d <= day)))
        if day == as_of:
            break
        day = min(day + dt.timedelta(days=PERIOD_DAYS), as_of)
    return points


def gather_bulletin(s: Session, camp: StoredCampaign, as_of: dt.date,
                     department: str | None, overdue_limit: int) -> tuple[BulletinData, list[str]]:
    plan = camp.plan
    period_start = as_of - dt.timedelta(days=PERIOD_DAYS - 1)
    rows = count_rows(s, camp, as_of)
    before = count_rows(s, camp, period_start - dt.timedelta(days=1))
    targets = target_statuses(s, camp, as_of, rows)
    ref = _reference_target(targets, as_of)
    previous = {e.key: e.rank for e in rank(tally_by_key(before))}
    closed_before = {k: t.closed for k, t in tally_by_key(before).items()}
    departments = []
    for e in rank(tally_by_key(rows)):
        need = math.ceil(Fraction(ref.required) * e.tally.total) if ref else 0
        departments.append(DepartmentLine(
            e.key, e.tally, e.tally.closed - closed_before.get(e.key, 0), e.rank,
            previous.get(e.key), max(need - e.tally.closed, 0)))
    total = total_tally(rows)
    by_bucket = tally_by_bucket(rows, DEFAULT_AGE_BUCKETS, plan.reference_date)
    overdue_cond = [membership(camp), open_at(as_of), Case.expected_close_date < as_of]
    if department:
        overdue_cond.append(_Dept.name == department)
    overdue_rows = s.execute(line_query().where(*overdue_cond)
                             .order_by(Case.expected_close_date, Case.filing_date, Case.id)
                             .limit(overdue_limit)).all()
    per_dept = s.execute(select(_Dept.name, func.count())
                         .select_from(Case).outerjoin(_Dept, _Dept.id == Case.department_id)
                         .where(*overdue_cond).group_by(_Dept.name)
                         .order_by(func.count().desc(), _Dept.name)).all()
    # The figures depend on every baseline case: its department, filing date and closure.
    # Lines are built here in canonical form (fields joined by \x1f; str() of a date is its
    # ISO form), from Core rows straight off the connection: at 100,000 cases the generic
    # path through ORM results and canonical_row took three times as long.
    names = {i: n for i, n in s.execute(select(Department.id, Department.name))}
    cutoff = as_of.isoformat()
    canon: list[str] = []
    for u, v, d, f, st, c, e in s.connection().execute(
            select(Case.uuid, Case.row_version, Case.department_id,
                   type_coerce(Case.filing_date, String), Case.status,
                   type_coerce(Case.closed_date, String),
                   type_coerce(Case.expected_close_date, String))
            .where(membership(camp))):
        # Raw driver values: ISO text on SQLite, dates on PostgreSQL; str() makes both text.
        closed = str(c) if c is not None else ""
        done = st == "closed" and closed != "" and closed <= cutoff
        canon.append(f"{u}\x1f{v}\x1f{names.get(d, '')}\x1f{f}\x1f"
                     f"{'closed' if done else 'open'}\x1f{closed if done else ''}\x1f"
                     f"{e if e is not None else ''}")
    data = BulletinData(
        period_start=period_start, reference_date=plan.reference_date, total=total,
        closed_in_period=total.closed - total_tally(before).closed, departments=departments,
        buckets=[(b.label, by_bucket[b.key]) for b in DEFAULT_AGE_BUCKETS], targets=targets,
        reference_target=ref, burndown=_burndown(s, camp, as_of, total.total),
        campaign_start=plan.start, overdue=[to_line(r, as_of)[0] for r in overdue_rows],
        overdue_total=sum(int(n) for _, n in per_dept),
        overdue_by_department=[(n or "未分配", int(c)) for n, c in per_dept])
    return data, canon


def gather_cases(s: Session, camp: StoredCampaign, kind: str, as_of: dt.date,
                  department: str | None, status: str | None) -> tuple[CaseListData, list[str]]:
    cond = [membership(camp)]
    if department:
        cond.append(_Dept.name == department)
    min_months = 0
    if kind == "committee":
        min_months = COMMITTEE_MONTHS
        # A year is at least 365 days, so this narrows in SQL; age_months decides exactly.
        cond += [open_at(as_of), Case.filing_date <= as_of - dt.timedelta(days=365)]
    elif status == "open":
        cond.append(open_at(as_of))
    elif status == "closed":
        cond += [Case.status == "closed", Case.closed_date <= as_of]
    elif status == "overdue":
        cond += [open_at(as_of), Case.expected_close_date < as_of]
    q = line_query().where(*cond).order_by(Case.filing_date, Case.case_number)
    lines: list[CaseLine] = []
    canon: list[str] = []
    for r in s.connection().execute(q):
        line, c = to_line(r, as_of)
        if line.age_months >= min_months:
            lines.append(line)
            canon.append(canonical_row(c))
    return CaseListData(lines, min_months, status), canon


def _person(s: Session, person_id: Any) -> str:
    if person_id is None:
        return ""
    return s.execute(select(Person.name).where(Person.id == person_id)).scalar() or ""


def gather_superior(s: Session, camp: StoredCampaign, as_of: dt.date,
                    doc_number: str) -> tuple[SuperiorData, list[str]]:
    figures, canon_b = gather_bulletin(s, camp, as_of, None, 0)
    long_open, canon_c = gather_cases(s, camp, "committee", as_of, None, None)
    president = s.execute(select(Person.name).where(Person.role == "president")
                          .order_by(Person.id)).scalars().first() or ""
    # Tagged, so a case counted in the figures and listed in the attachment is two rows.
    canon = [f"fig\x1f{r}" for r in canon_b] + [f"list\x1f{r}" for r in canon_c]
    number = doc_number or f"〔{as_of.year}〕　　号"
    return SuperiorData(figures, long_open.cases, president, number), canon


def gather_acceptance(s: Session, camp: StoredCampaign, as_of: dt.date,
                      department: str) -> tuple[AcceptanceData, list[str]]:
    plan = camp.plan
    rows = count_rows(s, camp, as_of)
    mine = [r for r in rows if r.key == department]
    at_due = {t.due: [r for r in count_rows(s, camp, t.due) if r.key == department]
              for t in plan.targets if t.due < as_of}
    targets = [target_status(t, at_due.get(t.due, mine), as_of, plan.start)
               for t in plan.targets]
    ranking = rank(tally_by_key(rows))
    entry = next((e for e in ranking if e.key == department), None)
    ledger, canon = gather_cases(s, camp, "ledger", as_of, department, None)
    cases = ledger.cases
    open_cases = [c for c in cases if c.status == "open"]
    manners = Counter(c.close_manner for c in cases if c.status == "closed")
    problems = [
        ("超过预计结案日期仍未结案的", sum(1 for c in open_cases if c.expected_close_date
                                          and c.expected_close_date < as_of)),
        ("未结案件未填写预计结案日期的", sum(1 for c in open_cases
                                             if c.expected_close_date is None)),
        ("未结案件未填写未结原因的", sum(1 for c in open_cases if not c.reason.strip())),
        ("立案满一年仍未结、尚未经审判委员会研究的", sum(
            1 for c in open_cases if c.age_months >= COMMITTEE_MONTHS
            and not c.committee_decision)),
    ]
    dept = s.execute(select(Department.head_id, Department.leader_id)
                     .where(Department.name == department)).first()
    head = _person(s, dept[0]) if dept else ""
    leader = _person(s, dept[1]) if dept else ""
    data = AcceptanceData(
        department=department, tally=total_tally(mine), rank=entry.rank if entry else None,
        ranked=sum(1 for e in ranking if e.rank is not None), targets=targets, cases=cases,
        manners=manners.most_common(), problems=problems, head=head, leader=leader)
    return data, canon
