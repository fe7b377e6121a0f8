"""`check`: is the file sound, is the audit log unbroken, do the ledger's own rules hold?"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, or_, select, text

from backlog_desk.store import audit, promise_tally, tally
from backlog_desk.store.database import Database
from backlog_desk.store.migrations import LATEST_VERSION
from backlog_desk.store.models import BaselineEntry, Campaign, Case


@dataclass(frozen=True)
class CheckItem:
    name: str
    ok: bool
    detail: str


@dataclass
class CheckReport:
    items: list[CheckItem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(i.ok for i in self.items)

    def add(self, name: str, ok: bool, detail: str) -> None:
        self.items.append(CheckItem(name, ok, detail))

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok,
                "checks": [{"name": i.name, "ok": i.ok, "detail": i.detail} for i in self.items]}


def check_database(db: Database) -> CheckReport:
    report = CheckReport()
    with db.read() as s:
        if db.is_sqlite:
            rows = [r[0] for r in s.execute(text("PRAGMA integrity_check"))]
            report.add("integrity", rows == ["ok"], "; ".join(rows[:5]))
            fk = s.execute(text("PRAGMA foreign_key_check")).fetchall()
            report.add("foreign_keys", not fk, f"{len(fk)} rows point to missing records")
        version = db.meta("schema_version")
        report.add("schema_version", version == str(LATEST_VERSION),
                   f"schema {version}, app {LATEST_VERSION}")
        checked, breaks = audit.verify_chain(s)
        detail = f"{checked} entries, chain intact" if not breaks else "; ".join(
            f"entry {b.entry_id}: {b.reason}" for b in breaks[:5])
        report.add("audit_chain", not breaks, detail)
        bad_closed = s.execute(select(func.count()).select_from(Case).where(or_(
            and_(Case.status == "closed", Case.closed_date.is_(None)),
            and_(Case.status == "open", Case.closed_date.is_not(None)),
            Case.status.not_in(["open", "closed"]),
        ))).scalar_one()
        report.add("closure_fields", bad_closed == 0,
                   f"{bad_closed} cases whose status disagrees with their closed date")
        before_filing = s.execute(select(func.count()).select_from(Case).where(
            Case.closed_date < Case.filing_date)).scalar_one()
        report.add("closure_dates", before_filing == 0,
                   f"{before_filing} cases closed before they were filed")
        for camp_id, frozen in s.execute(
                select(Campaign.id, Campaign.frozen_at).where(Campaign.active.is_(True))):
            if frozen is None:
                continue
            listed = s.execute(select(func.count()).select_from(BaselineEntry)
                               .where(BaselineEntry.campaign_id == camp_id)).scalar_one()
            pointed = s.execute(select(func.count()).select_from(Case)
                                .where(Case.baseline_campaign_id == camp_id)).scalar_one()
            report.add(f"baseline_{camp_id}", listed == pointed,
                       f"frozen list {listed} cases, ledger marks {pointed}")
        kept = {tuple(r[:4]): r[4] for r in s.execute(text(
            "SELECT campaign_id, department_id, filing_month, closed_date, n "
            "FROM baseline_tally WHERE n <> 0"))}
        recount = {tuple(r[:4]): r[4] for r in s.execute(text(
            tally.recount_sql(db.engine.dialect.name)))}
        report.add("baseline_tally", kept == recount,
                   f"{len(recount)} groups match a recount" if kept == recount else
                   f"{len(set(kept.items()) ^ set(recount.items()))} groups differ")
        differ = promise_tally.mismatches(s.connection())
        report.add("promise_tally", differ == 0,
                   "promised-date tally matches the audit log" if not differ else
                   f"{differ} cases' promised-date tally differs from the audit log")
    return report
