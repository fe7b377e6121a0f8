"""Everything the campaign dashboard shows for one as-of day, read in one call.

One query fetches closure counts of the baseline grouped by department, filing month (or
date) and closing date: from the trigger-kept `baseline_tally` (a few thousand rows for a
million cases) when it is exact, otherwise from the cases. Rates, target states, burn-down,
pace and projections are then computed from those counts by the domain functions, so a
department's figures here agree with `stats` and the reports to the case.

The cases at risk are counted with the ledger's own filters (`LedgerQuery`), so the number
on the dashboard is exactly what the ledger shows when the user clicks it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from backlog_desk.domain.campaign import Campaign, Target
from backlog_desk.domain.projection import (
    DEFAULT_PACE_WEEKS,
    BurnPoint,
    Projection,
    burn_down,
    open_allowed,
    pace_per_day,
    project,
    weekly_days,
)
from backlog_desk.domain.rates import (
    CountRow,
    Tally,
    TargetStatus,
    format_rate,
    rank,
    target_status,
)
from backlog_desk.store.database import Database
from backlog_desk.store.models import BaselineTally, Case, Court, Department
from backlog_desk.store.tally import OPEN_DATE

from .campaigns import StoredCampaign, backlog_condition, load_active
from .errors import NotFound
from .ledger_view import LedgerQuery
from .stats import tally_usable

__all__ = [
    "STALE_DAYS",
    "Dashboard",
    "DepartmentLine",
    "LedgerFocus",
    "RiskCount",
    "TargetLine",
    "cases_at_risk",
    "dashboard",
]

#: "No progress": an open case nobody has changed for this many days.
STALE_DAYS = 30

RiskKey = Literal["overdue", "no_reason", "stale"]


@dataclass(frozen=True)
class LedgerFocus:
    """What the ledger should show after a click on the dashboard: maps onto `LedgerQuery`
    fields (see `filters`)."""

    department: str | None = None
    status: str | None = None
    overdue: bool = False
    no_reason: bool = False
    stale_days: int | None = None
    age_bucket: str | None = None
    #: The baseline's cutoff: the open cases filed by then are the open baseline cases (a
    #: case added to the ledger after the list was frozen aside).
    filed_on_or_before: dt.date | None = None

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `LedgerQuery.with_filters` (the other filters off)."""
        return {"department": self.department, "status": self.status,
                "age_bucket": self.age_bucket, "overdue": self.overdue,
                "no_reason": self.no_reason, "stale_days": self.stale_days,
                "filed_on_or_before": self.filed_on_or_before}

    def query(self, db: Database, today: dt.date,
              reference_date: dt.date | None = None) -> LedgerQuery:
        return LedgerQuery(db, reference_date=reference_date,
                           today=today).with_filters(**self.filters())


@dataclass(frozen=True)
class TargetLine:
    """One campaign target for the court: its state and where the recent pace leads."""

    status: TargetStatus
    projection: Projection

    @property
    def target(self) -> Target:
        return self.status.target


@dataclass(frozen=True)
class DepartmentLine:
    """A department's rate, rank, state against the headline target and its projection."""

    name: str
    tally: Tally
    rank: int | None
    target: TargetStatus | None
    projection: Projection | None
    #: None for the cases with no department: the ledger has no filter for "none".
    focus: LedgerFocus | None


@dataclass(frozen=True)
class RiskCount:
    key: RiskKey
    count: int
    focus: LedgerFocus


@dataclass(frozen=True)
class Dashboard:
    court_name: str
    campaign: Campaign
    as_of: dt.date
    frozen: bool
    pace_weeks: int
    total: Tally
    targets: list[TargetLine]
    #: The target the bars, burn-down and department projections are measured against: the
    #: first one over the whole baseline still to come (the last one once all have passed).
    headline: Target | None
    departments: list[DepartmentLine]
    #: Open baseline cases week by week from the campaign start to `as_of`.
    burn_down: list[BurnPoint]
    #: (due, most cases that may still be open) of each target over the whole baseline.
    target_points: list[tuple[Target, BurnPoint]]
    #: The court's projection against `headline`; None without one.
    projection: Projection | None
    #: The projected burn-down from `as_of` (dashed on the chart); empty when nothing to draw.
    projection_line: list[BurnPoint]
    risks: list[RiskCount]
    #: The open baseline cases (the "open" figure).
    open_focus: LedgerFocus

    def as_json(self) -> dict[str, Any]:
        return {
            "court": self.court_name, "campaign": self.campaign.name,
            "as_of": self.as_of.isoformat(), "baseline_frozen": self.frozen,
            "pace_weeks": self.pace_weeks, **_tally_json(self.total),
            "headline_target": self.headline.key if self.headline else None,
            "projection": _projection_json(self.projection),
            "targets": [{
                "key": t.target.key, "name": t.target.name, "due": t.target.due.isoformat(),
                "required_percent": format_rate(t.status.required, 0),
                "actual_percent": format_rate(t.status.actual), "state": t.status.state,
                "days_left": t.status.days_left, "gap_cases": t.status.gap_cases,
                "projection": _projection_json(t.projection)} for t in self.targets],
            "departments": [{
                "name": d.name, "rank": d.rank, **_tally_json(d.tally),
                "state": d.target.state if d.target else None,
                "projection": _projection_json(d.projection)} for d in self.departments],
            "burn_down": [{"day": p.day.isoformat(), "open": p.open} for p in self.burn_down],
            "target_points": [{"key": t.key, "day": p.day.isoformat(), "open": p.open}
                              for t, p in self.target_points],
            "projection_line": [{"day": p.day.isoformat(), "open": p.open}
                                for p in self.projection_line],
            "at_risk": [{"key": r.key, "count": r.count, "filter": r.focus.filters()}
                        for r in self.risks],
        }


def _tally_json(t: Tally) -> dict[str, Any]:
    return {"baseline": t.total, "closed": t.closed, "open": t.open,
            "clearance_rate_percent": format_rate(t.rate)}


def _projection_json(p: Projection | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"state": p.state, "required_percent": format_rate(Decimal(p.required.numerator)
                                                              / p.required.denominator, 0),
            "due": p.due.isoformat(), "day": p.day.isoformat() if p.day else None,
            "days_late": p.days_late, "remaining": p.remaining,
            "closures_per_day": round(float(p.pace), 2)}


@dataclass(frozen=True)
class _Group:
    """Baseline cases of one department closed on one day (None: still open).

    `n[cutoff]` counts those filed on or before `cutoff` (a target's filter), `n[None]` all
    of them: SQL sums them per target filter, so Python handles departments × closing
    days (a couple of thousand groups), not filing dates as well.
    """

    department: str
    closed: dt.date | None
    n: dict[dt.date | None, int]


def _cutoffs(plan: Campaign) -> list[dt.date]:
    return sorted({t.filed_on_or_before for t in plan.targets
                   if t.filed_on_or_before is not None})


def _groups(session: Session, camp: StoredCampaign) -> list[_Group]:
    names = {i: n for i, n in session.execute(select(Department.id, Department.name))}
    cutoffs = _cutoffs(camp.plan)
    if tally_usable(camp):
        # Every cutoff is a month end here, so "filed in or before the cutoff's month" is
        # exactly "filed on or before the cutoff".
        filed = [func.sum(case((BaselineTally.filing_month <= c.strftime("%Y-%m"),
                                BaselineTally.n), else_=0)) for c in cutoffs]
        q = (select(BaselineTally.department_id, BaselineTally.closed_date,
                    func.sum(BaselineTally.n), *filed)
             .where(BaselineTally.campaign_id == camp.id, BaselineTally.n > 0)
             .group_by(BaselineTally.department_id, BaselineTally.closed_date))
        return [_Group(names.get(r[0], ""), None if r[1] == OPEN_DATE else r[1],
                       _counts(cutoffs, r[2:])) for r in session.execute(q)]
    member = (Case.baseline_campaign_id == camp.id if camp.frozen_at is not None
              else backlog_condition(camp.plan))
    closed = case((Case.status == "closed", Case.closed_date), else_=None)
    filed_c = [func.sum(case((Case.filing_date <= c, 1), else_=0)) for c in cutoffs]
    cq = (select(Case.department_id, closed, func.count(), *filed_c)
          .where(member).group_by(Case.department_id, closed))
    return [_Group(names.get(r[0], "") if r[0] is not None else "", r[1],
                   _counts(cutoffs, r[2:])) for r in session.execute(cq)]


def _counts(cutoffs: list[dt.date], values: Any) -> dict[dt.date | None, int]:
    out: dict[dt.date | None, int] = {None: int(values[0] or 0)}
    for c, v in zip(cutoffs, values[1:], strict=True):
        out[c] = int(v or 0)
    return out


def _tally(groups: Iterable[_Group], day: dt.date, cutoff: dt.date | None = None) -> Tally:
    total = closed = 0
    for g in groups:
        n = g.n[cutoff]
        total += n
        if g.closed is not None and g.closed <= day:
            closed += n
    return Tally(total, closed)


def _closures(groups: Iterable[_Group], cutoff: dt.date | None = None) -> dict[dt.date, int]:
    out: dict[dt.date, int] = defaultdict(int)
    for g in groups:
        if g.closed is not None and g.n[cutoff]:
            out[g.closed] += g.n[cutoff]
    return dict(out)


def _status(target: Target, groups: list[_Group], as_of: dt.date,
            plan: Campaign) -> TargetStatus:
    # A target whose day has passed is judged by the closures made by that day (as in
    # stats), so a late rush does not turn a missed target into a met one. The tally is
    # handed over as one row dated on the cutoff, which the target applies to.
    tally = _tally(groups, min(as_of, target.due), target.filed_on_or_before)
    row = CountRow("", target.filed_on_or_before or plan.cutoff_date, tally.total, tally.closed)
    return target_status(target, [row], as_of, plan.start)


def _projection(target: Target, groups: list[_Group], as_of: dt.date, plan: Campaign,
                weeks: int) -> Projection:
    cutoff = target.filed_on_or_before
    tally = _tally(groups, as_of, cutoff)
    pace = pace_per_day(_closures(groups, cutoff), as_of, weeks)
    return project(tally.total, tally.closed, Fraction(target.required_rate), target.due,
                   as_of, pace, plan.end)


def _headline(plan: Campaign, as_of: dt.date) -> Target | None:
    whole = sorted((t for t in plan.targets if t.filed_on_or_before is None),
                   key=lambda t: t.due)
    upcoming = [t for t in whole if t.due >= as_of]
    return upcoming[0] if upcoming else (whole[-1] if whole else None)


def _projection_line(total: int, closures: dict[dt.date, int], proj: Projection | None,
                     end: dt.date) -> list[BurnPoint]:
    if proj is None or proj.state not in ("projected", "never"):
        return []
    now_open = total - sum(n for d, n in closures.items() if d <= proj.as_of)
    start = BurnPoint(proj.as_of, now_open)
    if proj.state == "never" or proj.day is None:
        return [start, BurnPoint(max(end, proj.as_of), now_open)]
    if proj.day <= end or proj.as_of >= end:
        # Drawn to the day the target level is reached: it ends on the target's level.
        return [start, BurnPoint(proj.day, now_open - proj.remaining)]
    # Beyond the campaign's end the chart would have to shrink the campaign to show it:
    # the line stops at the end, where it shows how many would still be open then.
    closed_by_end = math.floor(proj.pace * (end - proj.as_of).days)
    return [start, BurnPoint(end, now_open - closed_by_end)]


RISKS: tuple[tuple[RiskKey, LedgerFocus], ...] = (
    ("overdue", LedgerFocus(overdue=True)),
    ("no_reason", LedgerFocus(no_reason=True)),
    ("stale", LedgerFocus(stale_days=STALE_DAYS)),
)


def cases_at_risk(db: Database, as_of: dt.date | None = None,
                  reference_date: dt.date | None = None) -> list[RiskCount]:
    """Open cases at risk on `as_of`, counted with the ledger's own conditions.

    One pass over the cases for all three counts: each is a SUM over the WHERE clause the
    ledger builds for that focus, so a count and the ledger it opens cannot disagree. It
    scans the table (no index covers expected dates, reasons and change times together).
    """
    as_of = as_of or dt.date.today()
    sums = []
    for _key, focus in RISKS:
        cond = focus.query(db, as_of, reference_date)._where(select(Case.id)).whereclause
        sums.append(func.sum(case((cond, 1), else_=0)) if cond is not None else func.count())
    # Every risk is about open cases, so the others need not be looked at.
    q = select(*sums).select_from(Case).where(Case.status == "open")
    with db.engine.connect() as conn:
        counts = conn.execute(q).one()
    return [RiskCount(key, int(n or 0), focus)
            for (key, focus), n in zip(RISKS, counts, strict=True)]


def dashboard(db: Database, *, as_of: dt.date | None = None,
              pace_weeks: int = DEFAULT_PACE_WEEKS, risks: bool = True) -> Dashboard:
    """The dashboard of the active campaign on `as_of` (today by default). Read-only.

    With `risks=False` the cases at risk are left empty: counting them scans every case
    (about a second at a million), so the window shows the rest first and counts them with
    `cases_at_risk` next.
    """
    as_of = as_of or dt.date.today()
    with db.read() as s:
        camp = load_active(s)
        if camp is None:
            raise NotFound("no campaign is set up in this database")
        court = s.execute(select(Court.name)).scalar()
        groups = _groups(s, camp)
        order = [n for n, in s.execute(select(Department.name)
                                        .order_by(Department.sort_order, Department.name))]
    plan = camp.plan
    total = _tally(groups, as_of)
    targets = [TargetLine(_status(t, groups, as_of, plan),
                          _projection(t, groups, as_of, plan, pace_weeks))
               for t in plan.targets]
    headline = _headline(plan, as_of)

    by_dept: dict[str, list[_Group]] = defaultdict(list)
    for g in groups:
        by_dept[g.department].append(g)
    position = {n: i for i, n in enumerate(order)}
    ranked = rank({k: _tally(v, as_of) for k, v in by_dept.items()})
    departments = [
        DepartmentLine(
            e.key, e.tally, e.rank,
            _status(headline, by_dept[e.key], as_of, plan) if headline else None,
            _projection(headline, by_dept[e.key], as_of, plan, pace_weeks) if headline else None,
            LedgerFocus(department=e.key, status="open", filed_on_or_before=plan.cutoff_date)
            if e.key else None)
        for e in ranked]
    # The court's own order (庭室 order), the way every bulletin lists them.
    departments.sort(key=lambda d: (position.get(d.name, len(position)), d.name))

    closures = _closures(groups)
    start = min(plan.start, as_of)
    burn = burn_down(total.total, closures, weekly_days(start, as_of))
    points = []
    for t in plan.targets:
        if t.filed_on_or_before is None:
            points.append((t, BurnPoint(t.due, open_allowed(total.total,
                                                            Fraction(t.required_rate)))))
    court_projection = next((line.projection for line in targets
                             if headline is not None and line.target == headline), None)
    return Dashboard(
        court_name=court or "", campaign=plan, as_of=as_of, frozen=camp.frozen_at is not None,
        pace_weeks=pace_weeks, total=total, targets=targets, headline=headline,
        departments=departments, burn_down=burn, target_points=points,
        projection=court_projection,
        projection_line=_projection_line(total.total, closures, court_projection, plan.end),
        risks=cases_at_risk(db, as_of, plan.reference_date) if risks else [],
        open_focus=LedgerFocus(status="open", filed_on_or_before=plan.cutoff_date),
    )
