"""What the printed reports show, read inside the caller's transaction.

Each gatherer returns the plain data a renderer in backlog_desk.reports needs, and the
canonical rows its fingerprint is computed from: every printed field plus the case's uuid
and row_version, so an edit through the app shows even in a field the report leaves out.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, String, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from backlog_desk.domain.ages import DEFAULT_AGE_BUCKETS, age_months
from backlog_desk.domain.ledger import REASON_BY_KEY
from backlog_desk.domain.rates import (
    CountRow,
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
from .report_rewind import Rewind, chunks, rewind_line
from .stats import count_rows, tally_usable

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


# What the figures need of one case, as it was at the rewind's moment. Dates are ISO text
# (what SQLite returns, and what the canonical rows print), compared as text:
# (uuid, row_version, case_number, department, filing, status, closed, expected)
Fact = tuple[str, int, str, str, str, str, str | None, str | None]


def _iso(value: Any) -> str | None:
    # Raw driver values: ISO text on SQLite, dates on PostgreSQL.
    return None if value is None else str(value)


def _backlog_then(camp: StoredCampaign, filed: str, status: str, closed: str | None) -> bool:
    """campaigns.backlog_condition for a case whose fields were rewound (ISO dates)."""
    plan = camp.plan
    return filed <= plan.cutoff_date.isoformat() and (
        status == "open" or (closed is not None and closed >= plan.start.isoformat()))


def member_facts(s: Session, camp: StoredCampaign, rw: Rewind) -> list[Fact]:
    """Every member case's facts, the cases changed since the moment as they were then."""
    names = {i: n for i, n in s.execute(select(Department.id, Department.name))}
    touched = rw.touched
    cols = (Case.uuid, Case.row_version, Case.case_number, Case.department_id,
            type_coerce(Case.filing_date, String), Case.status,
            type_coerce(Case.closed_date, String), type_coerce(Case.expected_close_date, String))
    out: list[Fact] = []
    for u, v, n, d, f, st, c, e in s.connection().execute(select(*cols).where(membership(camp))):
        if u not in touched:
            out.append((u, v, n, names.get(d, ""), str(f), st, _iso(c), _iso(e)))
    frozen = camp.frozen_at is not None
    for part in chunks(sorted(touched - rw.created_after)):
        cond: list[ColumnElement[bool]] = [Case.uuid.in_(part)]
        if frozen:  # the frozen list itself is not rewound: it is fixed at the freeze
            cond.append(Case.baseline_campaign_id == camp.id)
        for u, v, n, d, f, st, c, e in s.connection().execute(select(*cols).where(*cond)):
            past = rw.past.get(u, {})
            fact: Fact = (
                u, v - rw.versions_back.get(u, 0), past.get("case_number", n),
                past["department"] if "department" in past else names.get(d, ""),
                past.get("filing_date") or str(f), past.get("status", st),
                (past["closed_date"] or None) if "closed_date" in past else _iso(c),
                (past["expected_close_date"] or None) if "expected_close_date" in past
                else _iso(e))
            if frozen or _backlog_then(camp, fact[4], fact[5], fact[6]):
                out.append(fact)
    return out


def _closed_then(fact: Fact, day: str) -> bool:
    return fact[5] == "closed" and fact[6] is not None and fact[6] <= day


def _open_then(status: str, closed: Any, day: Any) -> bool:
    """open_at for a rewound case (dates, or ISO text, on both sides)."""
    return status == "open" or (closed is not None and closed > day)


class Counts:
    """Count rows at any date: from the store (count_rows), or, when rewinding, from the
    member cases' facts as they were (exact filing dates, so the same figures)."""

    def __init__(self, s: Session, camp: StoredCampaign, rw: Rewind | None) -> None:
        self.s, self.camp = s, camp
        self.facts = member_facts(s, camp, rw) if rw else None
        # Per (department, filing date): how many cases, and the closure dates sorted, so
        # the closures up to any day are one bisection per group.
        self._groups: list[tuple[str, dt.date, int, list[str]]] = []
        if self.facts is not None:
            acc: dict[tuple[str, str], list[Any]] = {}
            for fact in self.facts:
                slot = acc.setdefault((fact[3], fact[4]), [0, []])
                slot[0] += 1
                if fact[5] == "closed" and fact[6] is not None:
                    slot[1].append(fact[6])
            self._groups = [(k, dt.date.fromisoformat(f), n, sorted(closed))
                            for (k, f), (n, closed) in sorted(acc.items())]

    def rows(self, day: dt.date) -> list[CountRow]:
        if self.facts is None:
            return count_rows(self.s, self.camp, day)
        iso = day.isoformat()
        return [CountRow(k, f, n, bisect_right(closed, iso))
                for k, f, n, closed in self._groups]

    def targets(self, as_of: dt.date, rows: list[CountRow]) -> list[TargetStatus]:
        # As stats.target_statuses: a target whose day has passed is judged by that day.
        plan = self.camp.plan
        at_due = {t.due: self.rows(t.due) for t in plan.targets if t.due < as_of}
        return [target_status(t, at_due.get(t.due, rows), as_of, plan.start)
                for t in plan.targets]


def _burndown(s: Session, camp: StoredCampaign, as_of: dt.date,
              total: int, facts: list[Fact] | None = None) -> list[tuple[dt.date, int]]:
    start = camp.plan.start
    if facts is not None:
        cutoff = as_of.isoformat()
        by_text = Counter(f[6] for f in facts if _closed_then(f, cutoff))
        return _weekly(start, as_of, total,
                       {dt.date.fromisoformat(d): n for d, n in by_text.items() if d})
    if tally_usable(camp):  # the trigger-kept counts: a few thousand rows at any scale
        q: Any = (select(BaselineTally.closed_date, func.sum(BaselineTally.n))
                  .where(BaselineTally.campaign_id == camp.id,
                         BaselineTally.closed_date <= as_of)
                  .group_by(BaselineTally.closed_date))
    else:
        q = (select(Case.closed_date, func.count())
             .where(membership(camp), Case.status == "closed", Case.closed_date <= as_of)
             .group_by(Case.closed_date))
    return _weekly(start, as_of, total, {d: int(n) for d, n in s.execute(q)})


def _weekly(start: dt.date, as_of: dt.date, total: int,
            by_day: dict[dt.date, int]) -> list[tuple[dt.date, int]]:
    points: list[tuple[dt.date, int]] = []
    day = start
    while day <= as_of:
        points.append((day, total - sum(n for d, n in by_day.items() if d <= day)))
        if day == as_of:
            break
        day = min(day + dt.timedelta(days=PERIOD_DAYS), as_of)
    return points


def gather_bulletin(s: Session, camp: StoredCampaign, as_of: dt.date,
                    department: str | None, overdue_limit: int,
                    rw: Rewind | None = None) -> tuple[BulletinData, list[str]]:
    plan = camp.plan
    period_start = as_of - dt.timedelta(days=PERIOD_DAYS - 1)
    counts = Counts(s, camp, rw)
    rows = counts.rows(as_of)
    before = counts.rows(period_start - dt.timedelta(days=1))
    targets = counts.targets(as_of, rows)
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
    if counts.facts is not None:
        assert rw is not None
        overdue, overdue_total, per_dept_counts, canon = _rewound_bulletin_parts(
            s, counts.facts, rw, as_of, department, overdue_limit)
    else:
        overdue, overdue_total, per_dept_counts, canon = _bulletin_parts(
            s, camp, as_of, department, overdue_limit)
    data = BulletinData(
        period_start=period_start, reference_date=plan.reference_date, total=total,
        closed_in_period=total.closed - total_tally(before).closed, departments=departments,
        buckets=[(b.label, by_bucket[b.key]) for b in DEFAULT_AGE_BUCKETS], targets=targets,
        reference_target=ref, burndown=_burndown(s, camp, as_of, total.total, counts.facts),
        campaign_start=plan.start, overdue=overdue, overdue_total=overdue_total,
        overdue_by_department=per_dept_counts)
    return data, canon


def _fact_line(f: Fact, cutoff: str) -> str:
    """The bulletin's canonical line of one case (the same text _bulletin_parts builds)."""
    done = _closed_then(f, cutoff)
    return (f"{f[0]}\x1f{f[1]}\x1f{f[3]}\x1f{f[4]}\x1f{'closed' if done else 'open'}\x1f"
            f"{f[6] if done else ''}\x1f{f[7] or ''}")


def _rewound_bulletin_parts(
        s: Session, facts: list[Fact], rw: Rewind, as_of: dt.date, department: str | None,
        limit: int) -> tuple[list[CaseLine], int, list[tuple[str, int]], list[str]]:
    day = as_of.isoformat()
    overdue = sorted(
        (f for f in facts if _open_then(f[5], f[6], day) and f[7] is not None
         and f[7] < day and (not department or f[3] == department)),
        key=lambda f: (f[7] or "", f[4], f[2]))
    per_dept = Counter(f[3] for f in overdue)
    shown = [f[0] for f in overdue[:limit]]
    by_uuid: dict[str, CaseLine] = {}
    for part in chunks(shown):
        for r in s.connection().execute(line_query().where(Case.uuid.in_(part))):
            by_uuid[r[0]] = to_line(rewind_line(r, rw), as_of)[0]
    return ([by_uuid[u] for u in shown], len(overdue),
            [(n or "未分配", c) for n, c in sorted(per_dept.items(), key=lambda i: (-i[1], i[0]))],
            [_fact_line(f, day) for f in facts])


def _bulletin_parts(s: Session, camp: StoredCampaign, as_of: dt.date, department: str | None,
                    overdue_limit: int
                    ) -> tuple[list[CaseLine], int, list[tuple[str, int]], list[str]]:
    overdue_cond = [membership(camp), open_at(as_of), Case.expected_close_date < as_of]
    if department:
        overdue_cond.append(_Dept.name == department)
    overdue_rows = s.execute(line_query().where(*overdue_cond)
                             .order_by(Case.expected_close_date, Case.filing_date,
                                       Case.case_number)
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
    return ([to_line(r, as_of)[0] for r in overdue_rows], sum(int(n) for _, n in per_dept),
            [(n or "未分配", int(c)) for n, c in per_dept], canon)


def gather_cases(s: Session, camp: StoredCampaign, kind: str, as_of: dt.date,
                 department: str | None, status: str | None,
                 rw: Rewind | None = None) -> tuple[CaseListData, list[str]]:
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
    raw: list[Any] = list(s.connection().execute(q))
    if rw:
        touched = rw.touched
        raw = [r for r in raw if r[0] not in touched]
        keep = _list_filter(kind, as_of, department, status)
        raw += [r for r in _rewound_lines(s, camp, rw) if keep(r)]
        raw.sort(key=lambda r: (r[4], r[2]))
    lines: list[CaseLine] = []
    canon: list[str] = []
    for r in raw:
        line, c = to_line(r, as_of)
        if line.age_months >= min_months:
            lines.append(line)
            canon.append(canonical_row(c))
    return CaseListData(lines, min_months, status), canon


def _rewound_lines(s: Session, camp: StoredCampaign, rw: Rewind) -> list[tuple[Any, ...]]:
    """line_query rows of the member cases changed since the moment, as they were then."""
    frozen = camp.frozen_at is not None
    out = []
    for part in chunks(sorted(rw.touched - rw.created_after)):
        cond: list[ColumnElement[bool]] = [Case.uuid.in_(part)]
        if frozen:
            cond.append(Case.baseline_campaign_id == camp.id)
        for r in s.connection().execute(line_query().where(*cond)):
            row = rewind_line(r, rw)
            if frozen or _backlog_then(camp, row[4].isoformat(), row[11], _iso(row[12])):
                out.append(row)
    return out


def _list_filter(kind: str, as_of: dt.date, department: str | None,
                 status: str | None) -> Callable[[Sequence[Any]], bool]:
    """gather_cases' SQL conditions, for rows rewound in Python."""
    year_ago = as_of - dt.timedelta(days=365)

    def keep(r: Sequence[Any]) -> bool:
        filed, dept, expected, st, closed = r[4], r[5], r[10], r[11], r[12]
        if department and dept != department:
            return False
        open_then = _open_then(st, closed, as_of)
        if kind == "committee":
            return open_then and filed <= year_ago
        if status == "open":
            return open_then
        if status == "closed":
            return st == "closed" and closed is not None and closed <= as_of
        if status == "overdue":
            return open_then and expected is not None and expected < as_of
        return True

    return keep


def _person(s: Session, person_id: Any) -> str:
    if person_id is None:
        return ""
    return s.execute(select(Person.name).where(Person.id == person_id)).scalar() or ""


def gather_superior(s: Session, camp: StoredCampaign, as_of: dt.date,
                    doc_number: str, rw: Rewind | None = None) -> tuple[SuperiorData, list[str]]:
    figures, canon_b = gather_bulletin(s, camp, as_of, None, 0, rw)
    long_open, canon_c = gather_cases(s, camp, "committee", as_of, None, None, rw)
    president = s.execute(select(Person.name).where(Person.role == "president")
                          .order_by(Person.id)).scalars().first() or ""
    # Tagged, so a case counted in the figures and listed in the attachment is two rows.
    canon = [f"fig\x1f{r}" for r in canon_b] + [f"list\x1f{r}" for r in canon_c]
    number = doc_number or f"〔{as_of.year}〕　　号"
    return SuperiorData(figures, long_open.cases, president, number), canon


def gather_acceptance(s: Session, camp: StoredCampaign, as_of: dt.date,
                      department: str, rw: Rewind | None = None
                      ) -> tuple[AcceptanceData, list[str]]:
    plan = camp.plan
    counts = Counts(s, camp, rw)
    rows = counts.rows(as_of)
    mine = [r for r in rows if r.key == department]
    at_due = {t.due: [r for r in counts.rows(t.due) if r.key == department]
              for t in plan.targets if t.due < as_of}
    targets = [target_status(t, at_due.get(t.due, mine), as_of, plan.start)
               for t in plan.targets]
    ranking = rank(tally_by_key(rows))
    entry = next((e for e in ranking if e.key == department), None)
    ledger, canon = gather_cases(s, camp, "ledger", as_of, department, None, rw)
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
