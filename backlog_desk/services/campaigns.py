"""Campaigns: storing the plan, and freezing the baseline list that every rate divides by."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, and_, func, insert, literal, or_, select, update
from sqlalchemy.orm import Session

from backlog_desk.domain.campaign import Campaign, Phase, Target
from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.models import BaselineEntry, CampaignPhase, CampaignTarget, Case
from backlog_desk.store.models import Campaign as CampaignRow

from .actor import Actor
from .errors import InvalidValue, NotFound


@dataclass(frozen=True)
class StoredCampaign:
    id: int
    plan: Campaign
    frozen_at: dt.datetime | None
    frozen_by: str


def add_campaign(session: Session, actor: Actor, plan: Campaign) -> int:
    actor.require_audit("create a campaign")
    problems = plan.validate()
    if problems:
        raise InvalidValue("; ".join(p.message for p in problems), field="campaign")
    session.execute(update(CampaignRow).values(active=False))
    cid = session.execute(insert(CampaignRow).values(
        name=plan.name, cutoff_date=plan.cutoff_date, reference_date=plan.reference_date,
        start_date=plan.start, end_date=plan.end, frozen_by="", active=True,
    ).returning(CampaignRow.id)).scalar_one()
    for p in plan.phases:
        session.execute(insert(CampaignPhase).values(
            campaign_id=cid, key=p.key, name=p.name, start_date=p.start, end_date=p.end))
    for t in plan.targets:
        session.execute(insert(CampaignTarget).values(
            campaign_id=cid, key=t.key, name=t.name, due_date=t.due,
            required_rate=str(t.required_rate), filed_on_or_before=t.filed_on_or_before))
    audit.append(session, actor.name, [audit.Change("create", "campaign", str(cid),
                                                    new_value=plan.name)])
    return int(cid)


def load_active(session: Session) -> StoredCampaign | None:
    row = session.execute(
        select(CampaignRow).where(CampaignRow.active.is_(True)).order_by(CampaignRow.id.desc())
    ).scalars().first()
    if row is None:
        return None
    phases = tuple(
        Phase(p.key, p.name, p.start_date, p.end_date)
        for p in session.execute(
            select(CampaignPhase).where(CampaignPhase.campaign_id == row.id)
            .order_by(CampaignPhase.start_date)).scalars()
    )
    targets = tuple(
        Target(t.key, t.name, t.due_date, Decimal(t.required_rate), t.filed_on_or_before)
        for t in session.execute(
            select(CampaignTarget).where(CampaignTarget.campaign_id == row.id)
            .order_by(CampaignTarget.due_date, CampaignTarget.id)).scalars()
    )
    plan = Campaign(name=row.name, cutoff_date=row.cutoff_date,
                    reference_date=row.reference_date, start=row.start_date,
                    end=row.end_date, phases=phases, targets=targets)
    return StoredCampaign(row.id, plan, row.frozen_at, row.frozen_by)


def active_campaign(db: Database) -> StoredCampaign:
    with db.read() as s:
        found = load_active(s)
    if found is None:
        raise NotFound("no campaign is set up in this database")
    return found


def backlog_condition(plan: Campaign) -> ColumnElement[bool]:
    """Cases in the backlog of a campaign before its list is frozen: filed on or before the
    cutoff and still open when the campaign started."""
    return and_(
        Case.filing_date <= plan.cutoff_date,
        or_(Case.status == "open", Case.closed_date >= plan.start),
    )


def freeze_baseline(db: Database, actor: Actor) -> int:
    """Freeze the campaign's list (排查立账 is over): the verified backlog becomes the fixed
    denominator. Returns the number of cases in it. Freezing twice is refused."""
    actor.require_audit("freeze the baseline")
    with db.session() as s:
        camp = load_active(s)
        if camp is None:
            raise NotFound("no campaign is set up in this database")
        if camp.frozen_at is not None:
            raise InvalidValue(
                f"the baseline of {camp.plan.name} was frozen on "
                f"{camp.frozen_at:%Y-%m-%d} by {camp.frozen_by}", field="baseline")
        members = select(literal(camp.id), Case.id).where(backlog_condition(camp.plan))
        s.execute(insert(BaselineEntry).from_select(["campaign_id", "case_id"], members))
        s.execute(update(Case).where(backlog_condition(camp.plan))
                  .values(baseline_campaign_id=camp.id))
        n = s.execute(select(func.count()).select_from(BaselineEntry)
                      .where(BaselineEntry.campaign_id == camp.id)).scalar_one()
        now = dt.datetime.now()
        s.execute(update(CampaignRow).where(CampaignRow.id == camp.id)
                  .values(frozen_at=now, frozen_by=actor.name))
        audit.append(s, actor.name, [audit.Change("freeze", "campaign", str(camp.id),
                                                  new_value=f"{n} cases")])
    return int(n)
