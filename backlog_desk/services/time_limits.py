"""审限 events, status of one case, and the deadline list of every open case.

Events are checked by the domain (`validate_events`) against the case's other events before
anything is written; the event and its audit entry go in one transaction. The deadline list
reads the open cases in one query and their events in a second, then computes in Python, so
its cost does not grow with round trips.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, aliased

from backlog_desk.domain.dates import format_date_cn
from backlog_desk.domain.ledger import Status
from backlog_desk.domain.time_limit_rules import DEFAULT_RULES, LimitUnit, Period, RuleTable
from backlog_desk.domain.time_limits import (
    DEFAULT_THRESHOLDS,
    STATE_LABELS,
    HiddenFlag,
    LimitState,
    LimitStatus,
    hidden_flags,
    limit_status,
)
from backlog_desk.domain.time_limits_events import (
    KIND_LABELS,
    Deduction,
    Event,
    EventKind,
    Extension,
    ProcedureChange,
    Suspension,
    Thresholds,
    validate_events,
)
from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.models import Case, Department, Person, TimeLimitEvent

from .actor import Actor, Role
from .cases import resolve_case_number
from .errors import InvalidValue, NotFound, PermissionDenied

__all__ = [
    "CaseLimit",
    "DeadlineList",
    "DeadlineRow",
    "add_event",
    "case_events",
    "case_limit_status",
    "deadlines",
]


def _row_values(event: Event) -> dict[str, Any]:
    """The stored columns of a domain event (the inverse of `_to_event`)."""
    values: dict[str, Any] = {"kind": str(event.kind), "end_date": None, "months": None,
                              "days": None, "procedure": "", "from_procedure": "",
                              "reason": "", "approver": "", "approved_by_superior": False}
    if isinstance(event, Extension):
        values.update(start_date=event.decided_on, approver=event.approver, reason=event.reason,
                      approved_by_superior=event.approved_by_superior)
        unit = "months" if event.length.unit is LimitUnit.MONTHS else "days"
        values[unit] = event.length.amount
    elif isinstance(event, ProcedureChange):
        values.update(start_date=event.on, procedure=event.to_procedure,
                      from_procedure=event.from_procedure, reason=event.reason)
    else:
        values.update(start_date=event.start, end_date=event.end, reason=event.reason,
                      approver=event.approver)
    return values


def _to_event(row: Any) -> Event:
    kind = EventKind(row.kind)
    if kind is EventKind.EXTENSION:
        length = (Period(row.months, LimitUnit.MONTHS) if row.months
                  else Period(row.days, LimitUnit.DAYS))
        return Extension(row.start_date, length, row.approver, bool(row.approved_by_superior),
                         row.reason)
    if kind is EventKind.PROCEDURE_CHANGE:
        return ProcedureChange(row.start_date, row.procedure, row.from_procedure, row.reason)
    cls = Deduction if kind is EventKind.DEDUCTION else Suspension
    return cls(row.start_date, row.end_date, row.reason, row.approver)


_EVENT_COLUMNS = (TimeLimitEvent.case_id, TimeLimitEvent.kind, TimeLimitEvent.start_date,
                  TimeLimitEvent.end_date, TimeLimitEvent.months, TimeLimitEvent.days,
                  TimeLimitEvent.procedure, TimeLimitEvent.from_procedure,
                  TimeLimitEvent.reason, TimeLimitEvent.approver,
                  TimeLimitEvent.approved_by_superior)


@dataclass(frozen=True)
class _CaseRow:
    id: int
    uuid: str
    case_number: str
    type_code: str
    procedure: str
    filing_date: dt.date
    department: str
    judge: str
    closed_date: dt.date | None


_Dept = aliased(Department)
_Judge = aliased(Person)


def _case_select() -> Any:
    return (select(Case.id, Case.uuid, Case.case_number, Case.type_code, Case.procedure,
                   Case.filing_date, _Dept.name, _Judge.name, Case.closed_date)
            .outerjoin(_Dept, _Dept.id == Case.department_id)
            .outerjoin(_Judge, _Judge.id == Case.judge_id))


def _load_case(s: Session, number: str) -> _CaseRow:
    row = s.execute(_case_select().where(Case.case_number == number)).first()
    if row is None:
        raise NotFound(f"no case {number} in this ledger", field="case_number")
    return _CaseRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6] or "", row[7] or "",
                    row[8])


def _events_of(s: Session, case_id: int) -> list[Event]:
    rows = s.execute(select(*_EVENT_COLUMNS).where(TimeLimitEvent.case_id == case_id)
                     .order_by(TimeLimitEvent.id))
    return [_to_event(r) for r in rows]


def _require_may_record(actor: Actor, department: str, number: str) -> None:
    # Judges record extensions and deductions for their own department's cases (the
    # department owns a case's progress); the audit office may record for any case.
    if actor.role in (Role.AUDIT, Role.SYSTEM):
        return
    if actor.role is Role.DEPARTMENT and department == actor.department:
        return
    why = ("leaders have read-only access" if actor.role is Role.LEADER
           else f"the case belongs to {department or 'no department'}, not {actor.department}")
    raise PermissionDenied(f"{actor.name} may not record time-limit events of {number}: {why}")


def add_event(db: Database, actor: Actor, case_number: str, event: Event, *, source: str = "",
              today: dt.date | None = None, rules: RuleTable = DEFAULT_RULES) -> str:
    """Record one event after checking it against the case's other events; returns its uuid.

    Refuses (InvalidValue, nothing written) with every reason the domain gives for the new
    entry; problems of older entries (e.g. after a court changed its rules) do not block it.
    """
    today = today or dt.date.today()
    number = resolve_case_number(case_number)
    with db.session() as s:
        case = _load_case(s, number)
        _require_may_record(actor, case.department, number)
        existing = _events_of(s, case.id)
        problems = [p for p in validate_events(case.type_code, case.procedure, case.filing_date,
                                               [*existing, event], rules, today)
                    if p.index == len(existing)]
        if problems:
            raise InvalidValue(f"{KIND_LABELS[event.kind]} of {number} refused: "
                               + " ".join(p.message for p in problems), field=problems[0].code)
        values = _row_values(event)
        key = str(uuid.uuid4())
        s.add(TimeLimitEvent(uuid=key, case_id=case.id, created_at=dt.datetime.now(),
                             actor=actor.name, **values))
        shown = {k: (v.isoformat() if isinstance(v, dt.date) else v)
                 for k, v in values.items() if v not in (None, "", False)}
        audit.append(s, actor.name, [audit.Change(
            "add", "time_limit_event", case.uuid, str(event.kind), None,
            json.dumps({"uuid": key, **shown}, ensure_ascii=False, sort_keys=True))],
            source=source)
    return key


def case_events(db: Database, case_number: str) -> list[Event]:
    number = resolve_case_number(case_number)
    with db.read() as s:
        return _events_of(s, _load_case(s, number).id)


@dataclass(frozen=True)
class CaseLimit:
    """What the case's detail panel shows: status with its steps, flags, and the events."""

    case_number: str
    status: LimitStatus
    flags: tuple[HiddenFlag, ...]
    events: tuple[Event, ...]


def case_limit_status(db: Database, case_number: str, as_of: dt.date | None = None, *,
                      rules: RuleTable = DEFAULT_RULES,
                      thresholds: Thresholds = DEFAULT_THRESHOLDS) -> CaseLimit:
    """Status, steps and flags of one case as of ``as_of`` (default today), or as of its
    closing date when it closed earlier."""
    as_of = as_of or dt.date.today()
    number = resolve_case_number(case_number)
    with db.read() as s:
        case = _load_case(s, number)
        events = _events_of(s, case.id)
    if as_of < case.filing_date:
        raise InvalidValue(f"{number} was filed on {case.filing_date}, after {as_of}",
                           field="as_of")
    if case.closed_date is not None and case.closed_date < as_of:
        # A closed case's clock stopped when it closed: show whether it closed in time.
        as_of = case.closed_date
    status = limit_status(case.type_code, case.procedure, case.filing_date, events, as_of,
                          rules, thresholds)
    flags = hidden_flags(case.type_code, case.procedure, case.filing_date, events, as_of,
                         rules, thresholds)
    return CaseLimit(number, status, tuple(flags), tuple(events))


@dataclass(frozen=True)
class DeadlineRow:
    case_number: str
    department: str
    judge: str
    type_code: str
    procedure: str
    filing_date: dt.date
    track: str
    deadline: dt.date | None
    days_used: int
    days_left: int | None
    state: LimitState
    clock_stopped: bool
    flags: tuple[HiddenFlag, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "case_number": self.case_number, "department": self.department,
            "judge": self.judge, "type_code": self.type_code, "procedure": self.procedure,
            "filing_date": self.filing_date.isoformat(), "track": self.track,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "days_used": self.days_used, "days_left": self.days_left,
            "state": str(self.state), "state_label": STATE_LABELS[self.state],
            "clock_stopped": self.clock_stopped,
            "flags": [{"code": f.code, "message": f.message} for f in self.flags],
        }


@dataclass(frozen=True)
class DeadlineList:
    as_of: dt.date
    rows: tuple[DeadlineRow, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def flagged(self) -> int:
        return sum(1 for r in self.rows if r.flags)

    def needing_attention(self) -> list[DeadlineRow]:
        """Over, approaching or flagged: what the warning list (审限预警清单) prints."""
        return [r for r in self.rows
                if r.state in (LimitState.OVER, LimitState.APPROACHING) or r.flags]


def _open_on(as_of: dt.date) -> ColumnElement[bool]:
    # Open on the day: filed by then and either still open or closed only later.
    return (Case.filing_date <= as_of) & or_(Case.status == Status.OPEN,
                                             Case.closed_date > as_of)


def deadlines(db: Database, as_of: dt.date | None = None, *, rules: RuleTable = DEFAULT_RULES,
              thresholds: Thresholds = DEFAULT_THRESHOLDS) -> DeadlineList:
    """Status and flags of every case open on ``as_of``, most urgent first (over the limit,
    then fewest days left; cases without a statutory limit last)."""
    as_of = as_of or dt.date.today()
    with db.read() as s:
        cases = s.execute(_case_select().where(_open_on(as_of))).all()
        by_case: dict[int, list[Event]] = {}
        rows = s.execute(select(*_EVENT_COLUMNS).join(Case, Case.id == TimeLimitEvent.case_id)
                         .where(_open_on(as_of)).order_by(TimeLimitEvent.id))
        for r in rows:
            by_case.setdefault(r.case_id, []).append(_to_event(r))
    out = list(_rows(cases, by_case, as_of, rules, thresholds))
    out.sort(key=lambda r: (r.days_left is None, r.days_left if r.days_left is not None else 0,
                            r.case_number))
    counts = Counter(str(r.state) for r in out)
    return DeadlineList(as_of, tuple(out), dict(counts))


def _rows(cases: Iterable[Any], by_case: dict[int, list[Event]], as_of: dt.date,
          rules: RuleTable, th: Thresholds) -> Iterable[DeadlineRow]:
    no_events: list[Event] = []
    # Without events the status depends only on these three values; a court's open cases share
    # a few thousand filing dates, so the cache turns a million computations into thousands.
    plain: dict[tuple[str, str, dt.date], LimitStatus] = {}
    for c in cases:
        case_id, _uuid, number, code, procedure, filed, dept, judge, _closed = c
        events = by_case.get(case_id, no_events)
        if events:
            status = limit_status(code, procedure, filed, events, as_of, rules, th,
                                  explain=False)
        else:
            key = (code, procedure, filed)
            status = plain.get(key) or plain.setdefault(key, limit_status(
                code, procedure, filed, events, as_of, rules, th, explain=False))
        flags = (tuple(hidden_flags(code, procedure, filed, events, as_of, rules, th))
                 if events else ())
        yield DeadlineRow(number, dept or "", judge or "", code, procedure, filed,
                          status.rule.name if status.rule else "", status.deadline,
                          status.days_used, status.days_left, status.state,
                          status.clock_stopped, flags)


def describe(row: DeadlineRow) -> str:
    """One line for the command line and logs."""
    if row.deadline is None:
        return f"{row.case_number}\t{row.department}\t{STATE_LABELS[row.state]}"
    left = row.days_left if row.days_left is not None else 0
    tail = f"超{-left}日" if left < 0 else f"剩{left}日"
    flags = "".join(f"\n    ⚑ {f.message}" for f in row.flags)
    return (f"{row.case_number}\t{row.department}\t{row.judge}\t届满{format_date_cn(row.deadline)}"
            f"\t{tail}\t{STATE_LABELS[row.state]}{flags}")
