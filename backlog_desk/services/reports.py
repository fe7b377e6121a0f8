"""Printed reports: gather the data in one read transaction, fingerprint it, render the PDF.

Everything a report prints and its fingerprint come from the same transaction (a consistent
snapshot on SQLite WAL and PostgreSQL), so a figure on the paper and the hash under it can
never describe two different states of the ledger. Rendering happens after the transaction
ends: laying out a few hundred pages must not hold a read snapshot open.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from backlog_desk.reports import (
    acceptance,
    bulletin,
    committee,
    deadlines_report,
    ledger_report,
    superior,
)
from backlog_desk.reports.deadlines_report import DeadlinesData
from backlog_desk.reports.fingerprint import fingerprint_lines
from backlog_desk.reports.model import (
    AcceptanceData,
    BulletinData,
    CaseListData,
    ReportMeta,
    SuperiorData,
)
from backlog_desk.store.database import Database
from backlog_desk.store.models import Court, Department

from .campaigns import load_active
from .deadline_report import gather_deadlines
from .errors import InvalidValue, NotFound
from .report_data import gather_acceptance, gather_bulletin, gather_cases, gather_superior
from .report_kinds import KINDS
from .report_rewind import end_of_day, load_rewind

LEDGER_STATUSES = ("open", "closed", "overdue")
_TITLES = {"bulletin": bulletin.TITLE, "committee": committee.TITLE,
           "ledger": ledger_report.TITLE, "superior": superior.TITLE,
           "acceptance": acceptance.TITLE, "deadlines": deadlines_report.TITLE}
_CODES = {"bulletin": "TB", "committee": "SW", "ledger": "TZ", "superior": "BG",
          "acceptance": "YS", "deadlines": "SX"}
ReportData = BulletinData | CaseListData | SuperiorData | AcceptanceData | DeadlinesData
OVERDUE_LIMIT = 300  # the bulletin lists the longest-overdue cases; the ledger prints all
RECORD_SCHEME = "bd-report-1"


@dataclass(frozen=True)
class Prepared:
    """A report's data and fingerprint, before rendering."""

    kind: str
    court_name: str
    campaign_name: str
    as_of: dt.date
    department: str | None
    fingerprint: str
    data: ReportData
    cases: int
    # The moment the data is shown as at: the read itself, or for a past as-of date the
    # end of that day, changes logged after it undone (report_rewind).
    data_at: dt.datetime
    params: dict[str, Any]  # what prepare() was called with, to make the report again
    lines: list[str]  # the canonical rows the fingerprint covers


@dataclass(frozen=True)
class ReportResult:
    kind: str
    path: str
    report_id: str
    fingerprint: str
    pages: int
    cases: int
    seconds: float
    data_at: dt.datetime | None = None
    signed: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "file": self.path, "report_id": self.report_id,
                "fingerprint": self.fingerprint, "fingerprint_short": self.fingerprint[:16],
                "pages": self.pages, "cases": self.cases, "seconds": round(self.seconds, 2),
                "data_at": self.data_at.isoformat() if self.data_at else None,
                "signed": self.signed}


def prepare(db: Database, kind: str, *, as_of: dt.date | None = None,
            department: str | None = None, status: str | None = None,
            overdue_limit: int = OVERDUE_LIMIT, doc_number: str = "",
            data_at: dt.datetime | None = None) -> Prepared:
    """Read everything a report shows, in one read transaction, and fingerprint it.

    ``doc_number`` (文号) is printed on the superior report only; ``department`` is required
    for the acceptance report and filters the committee list, the ledger and the bulletin's
    list of overdue cases.

    ``data_at``: show the cases as they stood at that moment, every change logged after it
    undone. By default, for an as-of date before today, the end of that day: a report made
    again later shows exactly what one made on that day showed. Pass ``datetime.now()`` to
    show a past date with everything entered since (a closure recorded late, say).
    """
    if kind not in KINDS:
        raise InvalidValue(f"unknown report {kind!r}; one of {', '.join(KINDS)}", field="kind")
    if status and (kind != "ledger" or status not in LEDGER_STATUSES):
        raise InvalidValue(f"--status {status!r}: only the ledger takes a status, one of "
                           f"{', '.join(LEDGER_STATUSES)}", field="status")
    if kind == "acceptance" and not department:
        raise InvalidValue("the acceptance report is for one department: give --department",
                           field="department")
    if kind == "superior" and department:
        raise InvalidValue("the report to the intermediate court covers the whole court",
                           field="department")
    as_of = as_of or dt.date.today()
    started = dt.datetime.now()
    moment = data_at or min(end_of_day(as_of), started)
    with db.read() as s:
        camp = load_active(s)
        if camp is None:
            raise NotFound("no campaign is set up in this database")
        court = s.execute(select(Court.name)).scalar() or ""
        if department and s.execute(select(Department.id).where(
                Department.name == department)).first() is None:
            raise NotFound(f"no department {department!r} in this ledger", field="department")
        # Nothing can be logged after a moment that has not passed: skip the audit-log read.
        rw = load_rewind(s, moment) if moment < started else None
        if camp.frozen_at is not None and camp.frozen_at > moment:
            camp = replace(camp, frozen_at=None)  # frozen later: the provisional list then
        data: ReportData
        if kind == "bulletin":
            data, canon = gather_bulletin(s, camp, as_of, department, overdue_limit, rw)
            n = data.total.total
        elif kind == "superior":
            data, canon = gather_superior(s, camp, as_of, doc_number, rw)
            n = data.figures.total.total
        elif kind == "deadlines":
            data, canon = gather_deadlines(s, as_of, department, rw)
            n = sum(len(b.lines) for b in data.departments)
        elif kind == "acceptance":
            assert department is not None  # checked above
            data, canon = gather_acceptance(s, camp, as_of, department, rw)
            n = len(data.cases)
        else:
            data, canon = gather_cases(s, camp, kind, as_of, department, status, rw)
            n = len(data.cases)
    params = {"court": court, "campaign": camp.plan.name, "as_of": as_of,
              "department": department, "status": status,
              "frozen": camp.frozen_at is not None,
              "overdue_limit": overdue_limit if kind == "bulletin" else None,
              "doc_number": doc_number if kind == "superior" else None}
    call = {"kind": kind, "as_of": as_of.isoformat(), "department": department,
            "status": status, "overdue_limit": overdue_limit, "doc_number": doc_number}
    return Prepared(kind, court, camp.plan.name, as_of, department,
                    fingerprint_lines(kind, params, canon), data, n, moment, call, canon)


_RENDER: dict[str, Callable[[Path, ReportMeta, Any], int]] = {
    "bulletin": bulletin.build, "committee": committee.build, "ledger": ledger_report.build,
    "superior": superior.build, "acceptance": acceptance.build,
    "deadlines": deadlines_report.build}


def render_prepared(p: Prepared, out: Path, *, user: str,
                    generated_at: dt.datetime | None = None,
                    on_page: Callable[[int], None] | None = None) -> tuple[str, int]:
    generated_at = generated_at or dt.datetime.now().replace(microsecond=0)
    report_id = f"{_CODES[p.kind]}-{generated_at:%Y%m%d-%H%M%S}-{p.fingerprint[:4].upper()}"
    title = _TITLES[p.kind]
    if p.kind == "acceptance":  # a department's own report: 民一庭旧存案件清结验收报告
        title = f"{p.department}{title}"
    record = {"scheme": RECORD_SCHEME, "report_id": report_id, "fingerprint": p.fingerprint,
              "data_at": p.data_at.isoformat(timespec="microseconds"),
              "generated_at": generated_at.isoformat(), "user": user, "params": p.params}
    meta = ReportMeta(kind=p.kind, title=title, court_name=p.court_name,
                      campaign_name=p.campaign_name, as_of=p.as_of, report_id=report_id,
                      generated_at=generated_at, user=user, fingerprint=p.fingerprint,
                      department=p.department,
                      record=json.dumps(record, ensure_ascii=True, sort_keys=True),
                      on_page=on_page)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        return report_id, _RENDER[p.kind](out, meta, p.data)
    except BaseException:
        out.unlink(missing_ok=True)  # cancelled or failed: no half-written report is left
        raise


def generate_report(db: Database, kind: str, out: Path, *, user: str,
                    as_of: dt.date | None = None, department: str | None = None,
                    status: str | None = None, doc_number: str = "",
                    generated_at: dt.datetime | None = None,
                    data_at: dt.datetime | None = None,
                    progress: Callable[[int, int], None] | None = None) -> ReportResult:
    """Gather, fingerprint and render. ``progress(done, total)``, if given, is called before
    the read and for every page laid out (total 0: the page count is not known yet)."""
    started = time.perf_counter()
    if progress is not None:
        progress(0, 0)
    p = prepare(db, kind, as_of=as_of, department=department, status=status,
                doc_number=doc_number, data_at=data_at)
    report_id, pages = render_prepared(
        p, out, user=user, generated_at=generated_at,
        on_page=(lambda n: progress(n, 0)) if progress is not None else None)
    return ReportResult(kind, str(out), report_id, p.fingerprint, pages, p.cases,
                        time.perf_counter() - started, p.data_at)
