"""Campaign progress: baseline, closed, rates by department, age bucket and target.

The database does the counting (one GROUP BY over a covering index, so a million cases take
a fraction of a second); the domain functions turn the counts into rates, ranks and target
states, so the rules live in one tested place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from backlog_desk.domain.ages import DEFAULT_AGE_BUCKETS, AgeBuckets
from backlog_desk.domain.campaign import Campaign
from backlog_desk.domain.rates import (
    CountRow,
    RankedEntry,
    Tally,
    TargetStatus,
    format_rate,
    rank,
    tally_by_bucket,
    tally_by_key,
    target_status,
    total_tally,
)
from backlog_desk.store.database import Database
from backlog_desk.store.models import BaselineTally, Case, Court, Department, Person

from .campaigns import StoredCampaign, backlog_condition, load_active
from .errors import NotFound

GroupBy = Literal["department", "judge"]
_Q = Decimal("0.0001")  # rates in JSON: four places, e.g. "0.8123"


@dataclass(frozen=True)
class CampaignStats:
    court_name: str
    court_code: str
    campaign: Campaign
    as_of: dt.date
    frozen: bool
    total: Tally
    departments: list[RankedEntry]
    judges: list[RankedEntry] | None
    buckets: list[tuple[str, str, Tally]]  # (key, label, tally) in bucket order
    targets: list[TargetStatus]

    def as_json(self) -> dict[str, Any]:
        return {
            "court": {"name": self.court_name, "code": self.court_code},
            "campaign": self.campaign.name,
            "as_of": self.as_of.isoformat(),
            "reference_date": self.campaign.reference_date.isoformat(),
            "baseline_frozen": self.frozen,
            **_tally_json(self.total),
            "departments": [_ranked_json(e) for e in self.departments],
            **({"judges": [_ranked_json(e) for e in self.judges]} if self.judges else {}),
            "age_buckets": [
                {"key": k, "label": label, **_tally_json(t)} for k, label, t in self.buckets
            ],
            "targets": [_target_json(t) for t in self.targets],
        }


def _rate_text(t: Tally) -> str | None:
    return None if t.rate is None else str(t.rate.quantize(_Q))


def _tally_json(t: Tally) -> dict[str, Any]:
    return {"baseline": t.total, "closed": t.closed, "open": t.open,
            "clearance_rate": _rate_text(t), "clearance_rate_percent": format_rate(t.rate)}


def _ranked_json(e: RankedEntry) -> dict[str, Any]:
    return {"name": e.key, "rank": e.rank, **_tally_json(e.tally)}


def _target_json(t: TargetStatus) -> dict[str, Any]:
    return {
        "key": t.target.key, "name": t.target.name, "due": t.target.due.isoformat(),
        "filed_on_or_before": (t.target.filed_on_or_before.isoformat()
                               if t.target.filed_on_or_before else None),
        "required": str(t.required), "required_percent": format_rate(t.required, 0),
        "actual": None if t.actual is None else str(t.actual.quantize(_Q)),
        "actual_percent": format_rate(t.actual), "met": t.met, "state": t.state,
        "days_left": t.days_left, "gap_cases": t.gap_cases,
        "baseline": t.tally.total, "closed": t.tally.closed,
    }


def _membership(camp: StoredCampaign) -> ColumnElement[bool]:
    if camp.frozen_at is not None:
        return Case.baseline_campaign_id == camp.id
    return backlog_condition(camp.plan)


def _month_end(d: dt.date) -> bool:
    return (d + dt.timedelta(days=1)).day == 1


def tally_usable(camp: StoredCampaign) -> bool:
    """The month-grained tally gives exact figures when the baseline is frozen and every
    date that splits cases by filing date (reference date, target filters) is a month end."""
    plan = camp.plan
    return camp.frozen_at is not None and _month_end(plan.reference_date) and all(
        t.filed_on_or_before is None or _month_end(t.filed_on_or_before) for t in plan.targets)


def _last_day(month: str) -> dt.date:
    year, mon = int(month[:4]), int(month[5:7])
    first_next = dt.date(year + mon // 12, mon % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def count_rows(session: Session, camp: StoredCampaign, as_of: dt.date,
               by: GroupBy = "department", *, use_tally: bool = True) -> list[CountRow]:
    """Baseline cases grouped by (department or judge, filing date) with closures to as_of.

    From the trigger-kept tally when it is exact (each month's cases then stand on the
    month's last day), otherwise from the cases themselves.
    """
    table = Department if by == "department" else Person
    names = {i: n for i, n in session.execute(select(table.id, table.name))}
    if use_tally and by == "department" and tally_usable(camp):
        closed_n = func.sum(case((BaselineTally.closed_date <= as_of, BaselineTally.n),
                                 else_=0))
        tq = (select(BaselineTally.department_id, BaselineTally.filing_month,
                    func.sum(BaselineTally.n), closed_n)
             .where(BaselineTally.campaign_id == camp.id)
             .group_by(BaselineTally.department_id, BaselineTally.filing_month))
        return [CountRow(names.get(k, ""), _last_day(m), int(n), int(c or 0))
                for k, m, n, c in session.execute(tq) if n]
    closed = func.sum(case((and_(Case.status == "closed", Case.closed_date <= as_of), 1),
                           else_=0))
    if by == "judge":
        # Judges are ranked on their whole baseline, not by age, so one group per judge
        # (a far smaller GROUP BY than judge x filing date).
        jq = (select(Case.judge_id, func.count(), closed).where(_membership(camp))
              .group_by(Case.judge_id))
        day = camp.plan.reference_date
        return [CountRow(names.get(k, "") if k is not None else "", day, int(n), int(c or 0))
                for k, n, c in session.execute(jq)]
    key_col = Case.department_id
    q = (select(key_col, Case.filing_date, func.count(), closed)
         .where(_membership(camp))
         .group_by(key_col, Case.filing_date))
    return [CountRow(names.get(k, "") if k is not None else "", d, int(n), int(c or 0))
            for k, d, n, c in session.execute(q)]


def target_statuses(session: Session, camp: StoredCampaign, as_of: dt.date,
                    rows: list[CountRow]) -> list[TargetStatus]:
    """Each target's state; one whose day has passed is judged by the closures made by that
    day, so a late rush does not turn a missed target into a met one."""
    plan = camp.plan
    at_due = {t.due: count_rows(session, camp, t.due) for t in plan.targets if t.due < as_of}
    return [target_status(t, at_due.get(t.due, rows), as_of, plan.start)
            for t in plan.targets]


def campaign_stats(db: Database, *, as_of: dt.date | None = None, by_judge: bool = False,
                   buckets: AgeBuckets = DEFAULT_AGE_BUCKETS) -> CampaignStats:
    as_of = as_of or dt.date.today()
    with db.read() as s:
        camp = load_active(s)
        if camp is None:
            raise NotFound("no campaign is set up in this database")
        court = s.execute(select(Court.name, Court.code)).first()
        rows = count_rows(s, camp, as_of)
        targets = target_statuses(s, camp, as_of, rows)
        judge_rows = count_rows(s, camp, as_of, "judge") if by_judge else None
    plan = camp.plan
    by_bucket = tally_by_bucket(rows, buckets, plan.reference_date)
    return CampaignStats(
        court_name=court[0] if court else "", court_code=court[1] if court else "",
        campaign=plan, as_of=as_of, frozen=camp.frozen_at is not None,
        total=total_tally(rows),
        departments=rank(tally_by_key(rows)),
        judges=rank(tally_by_key(judge_rows)) if judge_rows is not None else None,
        buckets=[(b.key, b.label, by_bucket[b.key]) for b in buckets],
        targets=targets,
    )
