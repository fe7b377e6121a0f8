"""The data of the 审限预警清单 report (`report deadlines`): the deadline list by department,
with the refiling flags, gathered in the report's read transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from backlog_desk.domain.ledger import Status
from backlog_desk.domain.time_limits import STATE_LABELS, LimitState
from backlog_desk.reports.deadlines_report import DeadlineLine, DeadlinesData, DepartmentBlock
from backlog_desk.store.models import Case, Department, Person

from .report_rewind import Rewind, chunks, past_date
from .time_limits import DeadlineRow, _urgency, case_row, deadline_list

__all__ = ["gather_deadlines"]

_Judge = aliased(Person)


def _rewound(s: Session, rows: list[DeadlineRow], as_of: dt.date,
             rw: Rewind) -> list[DeadlineRow]:
    by_number = {r.case_number: r for r in rows}
    for part in chunks(sorted(rw.touched)):
        found = s.execute(
            select(Case.id, Case.uuid, Case.case_number, Case.type_code, Case.procedure,
                   Case.filing_date, Department.name, _Judge.name, Case.status,
                   Case.closed_date, Case.title)
            .outerjoin(Department, Department.id == Case.department_id)
            .outerjoin(_Judge, _Judge.id == Case.judge_id)
            .where(Case.uuid.in_(part))).all()
        for (case_id, uuid, number, code, procedure, filed, dept, judge, status, closed,
             title) in found:
            by_number.pop(number, None)
            if uuid in rw.created_after:
                continue
            past = rw.past.get(uuid, {})
            number = past.get("case_number", number)
            filed = past_date(past["filing_date"]) if "filing_date" in past else filed
            status = past.get("status", status)
            closed = past_date(past["closed_date"]) if "closed_date" in past else closed
            if filed is None or filed > as_of or not (
                    status == Status.OPEN or (closed is not None and closed > as_of)):
                continue
            by_number[number] = case_row(
                s, case_id, number, code, past.get("procedure", procedure), filed,
                past.get("department", dept or ""), past.get("judge", judge or ""),
                past.get("title", title), as_of, known_at=rw.moment, refiling=True)
    return sorted(by_number.values(), key=_urgency)


def gather_deadlines(s: Session, as_of: dt.date, department: str | None,
                     rw: Rewind | None = None) -> tuple[DeadlinesData, list[str]]:
    """Cases over or approaching the limit or flagged, grouped by department (most urgent
    first within each), and the canonical lines the fingerprint covers.

    With a rewind (a report made again as it was at an earlier moment) the events and rule
    changes recorded since are left out and the cases changed since are taken as they were.
    """
    listing = deadline_list(s, as_of, refiling=True, known_at=rw.moment if rw else None)
    all_rows = list(listing.rows)
    if rw:
        all_rows = _rewound(s, all_rows, as_of, rw)
    rows = [r for r in all_rows if department is None or r.department == department]
    attention = [r for r in rows if r.state in (LimitState.OVER, LimitState.APPROACHING)
                 or r.flags]
    blocks: dict[str, list[DeadlineLine]] = {}
    counts: dict[str, list[int]] = {}
    for r in attention:
        blocks.setdefault(r.department, []).append(DeadlineLine(
            r.case_number, r.judge, r.filing_date, r.track, r.deadline, r.days_left,
            STATE_LABELS[r.state], tuple(f.message for f in r.flags)))
        c = counts.setdefault(r.department, [0, 0, 0])
        c[0] += r.state is LimitState.OVER
        c[1] += r.state is LimitState.APPROACHING
        c[2] += bool(r.flags)
    departments = [DepartmentBlock(name, counts[name][0], counts[name][1], counts[name][2],
                                   lines) for name, lines in sorted(blocks.items())]
    data = DeadlinesData(
        open_cases=len(rows),
        over=sum(1 for r in rows if r.state is LimitState.OVER),
        approaching=sum(1 for r in rows if r.state is LimitState.APPROACHING),
        flagged=sum(1 for r in rows if r.flags), departments=departments)
    canon = [f"{r.case_number}|{r.department}|{r.deadline}|{r.days_left}|{r.state}|"
             + ",".join(f.code for f in r.flags) for r in attention]
    return data, canon
