"""审限 events, status of one case, and the deadline list of every open case.

Events are checked by the domain (`validate_events`) against the case's other events before
anything is written; the event and its audit entry go in one transaction. The deadline list
reads the open cases in one query and their events in a second, then computes in Python, so
its cost does not grow with round trips.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import Date, DateTime, bindparam, select, text
from sqlalchemy.orm import Session, aliased

from backlog_desk.domain.dates import format_date_cn
from backlog_desk.domain.ledger import Status
from backlog_desk.domain.time_limit_rules import LimitUnit, Period, RuleTable
from backlog_desk.domain.time_limit_settings import rules_in_force
from backlog_desk.domain.time_limits import (
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
from backlog_desk.domain.time_limits_refiling import EarlierCase, refiling_flags
from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.models import (
    Case,
    Department,
    Person,
    TimeLimitEvent,
    TimeLimitEventRemoved,
)

from .actor import Actor, Role
from .cases import resolve_case_number
from .errors import InvalidValue, NotFound, PermissionDenied
from .time_limit_rules import settings_in

__all__ = [
    "CaseLimit",
    "DeadlineList",
    "DeadlineRow",
    "add_event",
    "case_events",
    "case_limit_status",
    "deadlines",
    "delete_event",
    "event_records",
    "update_event",
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
    title: str = ""


_Dept = aliased(Department)
_Judge = aliased(Person)


def _case_select() -> Any:
    return (select(Case.id, Case.uuid, Case.case_number, Case.type_code, Case.procedure,
                   Case.filing_date, _Dept.name, _Judge.name, Case.closed_date, Case.title)
            .outerjoin(_Dept, _Dept.id == Case.department_id)
            .outerjoin(_Judge, _Judge.id == Case.judge_id))


def _load_case(s: Session, number: str) -> _CaseRow:
    row = s.execute(_case_select().where(Case.case_number == number)).first()
    if row is None:
        raise NotFound(f"no case {number} in this ledger", field="case_number")
    return _CaseRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6] or "", row[7] or "",
                    row[8], row[9] or "")


def _earlier_cases(s: Session, title: str, type_code: str, filed: dt.date,
                   th: Thresholds) -> list[EarlierCase]:
    """Closed cases of the same name and type code closed within the refiling thresholds
    before ``filed`` (one index lookup)."""
    if not title:
        return []
    since = filed - dt.timedelta(days=max(th.refile_days, th.reopen_days))
    rows = s.execute(select(Case.case_number, Case.title, Case.type_code, Case.filing_date,
                            Case.closed_date, Case.close_manner)
                     .where(Case.title == title, Case.type_code == type_code,
                            Case.closed_date >= since, Case.closed_date <= filed))
    return [EarlierCase(*r) for r in rows]


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
              today: dt.date | None = None, rules: RuleTable | None = None) -> str:
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
        if rules is None:
            rules = rules_in_force(settings_in(s), today).rules
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
class EventRecord:
    """A recorded event with what identifies it (to edit or delete it)."""

    uuid: str
    event: Event
    created_at: dt.datetime
    actor: str


def event_records(db: Database, case_number: str) -> list[EventRecord]:
    number = resolve_case_number(case_number)
    with db.read() as s:
        case = _load_case(s, number)
        rows = s.execute(select(TimeLimitEvent.uuid, TimeLimitEvent.created_at,
                                TimeLimitEvent.actor, *_EVENT_COLUMNS)
                         .where(TimeLimitEvent.case_id == case.id)
                         .order_by(TimeLimitEvent.id)).all()
        return [EventRecord(r.uuid, _to_event(r), r.created_at, r.actor) for r in rows]


def _event_case(s: Session, event_uuid: str) -> tuple[TimeLimitEvent, _CaseRow]:
    row = s.execute(select(TimeLimitEvent).where(TimeLimitEvent.uuid == event_uuid.strip())
                    ).scalar_one_or_none()
    if row is None:
        raise NotFound(f"no time-limit event {event_uuid!r}", field="event")
    number = s.execute(select(Case.case_number).where(Case.id == row.case_id)).scalar_one()
    return row, _load_case(s, number)


def _shown(key: str, values: dict[str, Any]) -> str:
    shown = {k: (v.isoformat() if isinstance(v, dt.date) else v)
             for k, v in values.items() if v not in (None, "", False)}
    return json.dumps({"uuid": key, **shown}, ensure_ascii=False, sort_keys=True)


def update_event(db: Database, actor: Actor, event_uuid: str, event: Event, *,
                 source: str = "", today: dt.date | None = None,
                 rules: RuleTable | None = None) -> None:
    """Correct a recorded event (same checks as a new one, against the case's other
    events). The change travels in the next package (services/event_sync.py)."""
    today = today or dt.date.today()
    with db.session() as s:
        row, case = _event_case(s, event_uuid)
        _require_may_record(actor, case.department, case.case_number)
        others = s.execute(select(TimeLimitEvent.uuid, *_EVENT_COLUMNS)
                           .where(TimeLimitEvent.case_id == case.id)
                           .order_by(TimeLimitEvent.id)).all()
        events = [event if r.uuid == row.uuid else _to_event(r) for r in others]
        index = next(i for i, r in enumerate(others) if r.uuid == row.uuid)
        if rules is None:
            rules = rules_in_force(settings_in(s), today).rules
        problems = [p for p in validate_events(case.type_code, case.procedure,
                                               case.filing_date, events, rules, today)
                    if p.index == index]
        if problems:
            raise InvalidValue(f"{KIND_LABELS[event.kind]} of {case.case_number} refused: "
                               + " ".join(p.message for p in problems), field=problems[0].code)
        before = {c.key: getattr(row, c.key) for c in _EVENT_COLUMNS if c.key != "case_id"}
        values = _row_values(event)
        if values == before:
            return
        for k, v in values.items():
            setattr(row, k, v)
        audit.append(s, actor.name, [audit.Change(
            "update", "time_limit_event", case.uuid, str(event.kind),
            _shown(row.uuid, before), _shown(row.uuid, values))], source=source)


def delete_event(db: Database, actor: Actor, event_uuid: str, *, source: str = "") -> None:
    """Delete an event recorded by mistake. Remembered as deleted, so the deletion travels
    in the next package and a package still carrying the event does not bring it back."""
    with db.session() as s:
        row, case = _event_case(s, event_uuid)
        _require_may_record(actor, case.department, case.case_number)
        before = {c.key: getattr(row, c.key) for c in _EVENT_COLUMNS if c.key != "case_id"}
        s.add(TimeLimitEventRemoved(uuid=row.uuid, case_id=row.case_id,
                                    removed_at=dt.datetime.now(), actor=actor.name))
        s.delete(row)
        audit.append(s, actor.name, [audit.Change(
            "delete", "time_limit_event", case.uuid, str(row.kind),
            _shown(row.uuid, before), None)], source=source)


@dataclass(frozen=True)
class CaseLimit:
    """What the case's detail panel shows: status with its steps, flags, and the events."""

    case_number: str
    status: LimitStatus
    flags: tuple[HiddenFlag, ...]
    events: tuple[Event, ...]


def case_limit_status(db: Database, case_number: str, as_of: dt.date | None = None, *,
                      rules: RuleTable | None = None,
                      thresholds: Thresholds | None = None) -> CaseLimit:
    """Status, steps and flags of one case as of ``as_of`` (default today), or as of its
    closing date when it closed earlier; by the rules in force that day unless given."""
    as_of = as_of or dt.date.today()
    number = resolve_case_number(case_number)
    with db.read() as s:
        case = _load_case(s, number)
        events = _events_of(s, case.id)
        settings = settings_in(s)
        force = rules_in_force(settings, as_of)
        earlier = _earlier_cases(s, case.title, case.type_code, case.filing_date,
                                 thresholds or force.thresholds)
    if as_of < case.filing_date:
        raise InvalidValue(f"{number} was filed on {case.filing_date}, after {as_of}",
                           field="as_of")
    if case.closed_date is not None and case.closed_date < as_of:
        # A closed case's clock stopped when it closed: show whether it closed in time.
        as_of = case.closed_date
    force = rules_in_force(settings, as_of)
    rules = rules or force.rules
    thresholds = thresholds or force.thresholds
    status = limit_status(case.type_code, case.procedure, case.filing_date, events, as_of,
                          rules, thresholds)
    flags = hidden_flags(case.type_code, case.procedure, case.filing_date, events, as_of,
                         rules, thresholds)
    flags += refiling_flags(number, case.title, case.type_code, case.filing_date, earlier,
                            thresholds)
    return CaseLimit(number, status, tuple(flags), tuple(events))


class DeadlineRow(NamedTuple):
    """One line of the deadline list (a tuple: a third of a million are made at once)."""

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


# The list reads a third of a million cases: plain SQL with untyped result columns skips the
# per-value date processing of the ORM (dates are turned into `date` once per distinct value
# below), and names come from two small id → name maps instead of joins.
_OPEN_WHERE = ("c.filing_date <= :as_of AND (c.status = :open OR c.closed_date > :as_of)")
_CASES_SQL = text(
    "SELECT c.id, c.case_number, c.type_code, c.procedure, c.filing_date, c.department_id, "
    f"c.judge_id FROM cases c WHERE {_OPEN_WHERE}"
).bindparams(bindparam("as_of", type_=Date))
_EVENTS_FROM = (
    "SELECT e.case_id, e.kind, e.start_date, e.end_date, e.months, e.days, e.procedure, "
    "e.from_procedure, e.reason, e.approver, e.approved_by_superior FROM time_limit_event e "
    f"JOIN cases c ON c.id = e.case_id WHERE {_OPEN_WHERE}")
_EVENTS_SQL = text(f"{_EVENTS_FROM} ORDER BY e.id").bindparams(bindparam("as_of", type_=Date))
# Events recorded by a moment: a report made again as it was printed then.
_EVENTS_KNOWN_SQL = text(f"{_EVENTS_FROM} AND e.created_at <= :known_at ORDER BY e.id"
                         ).bindparams(bindparam("as_of", type_=Date),
                                      bindparam("known_at", type_=DateTime))


class _Days(dict[Any, dt.date]):
    """Stored date (ISO text on SQLite, a date on PostgreSQL) → date, each value parsed once."""

    def __missing__(self, key: Any) -> dt.date:
        value = key if isinstance(key, dt.date) else dt.date.fromisoformat(str(key)[:10])
        self[key] = value
        return value


def _raw_event(r: Any, day: _Days) -> Event:
    _cid, kind, start, end, months, days_, procedure, from_procedure, reason, approver, sup = r
    if kind == "extension":
        length = (Period(months, LimitUnit.MONTHS) if months
                  else Period(days_, LimitUnit.DAYS))
        return Extension(day[start], length, approver, bool(sup), reason)
    if kind == "procedure_change":
        return ProcedureChange(day[start], procedure, from_procedure, reason)
    cls = Deduction if kind == "deduction" else Suspension
    return cls(day[start], None if end is None else day[end], reason, approver)


_EARLIER_SQL = text(
    "SELECT n.id, n.title, o.case_number, o.title, o.type_code, o.filing_date, o.closed_date, "
    "o.close_manner FROM cases n JOIN cases o ON o.title = n.title AND o.type_code = "
    f"n.type_code AND o.closed_date <= n.filing_date WHERE {_OPEN_WHERE.replace('c.', 'n.')} "
    "AND n.title <> ''"
).bindparams(bindparam("as_of", type_=Date))


def deadlines(db: Database, as_of: dt.date | None = None, *, rules: RuleTable | None = None,
              thresholds: Thresholds | None = None, refiling: bool = False,
              flags: bool = True) -> DeadlineList:
    """Status and flags of every case open on ``as_of``, most urgent first (over the limit,
    then fewest days left; cases without a statutory limit last), by the rules in force on
    ``as_of`` unless given.

    ``refiling`` adds the withdrawn-and-refiled / closed-and-reopened flags, which need an
    index lookup by case name for every open case (seconds more on a million-case ledger);
    ``flags=False`` leaves the hidden over-limit flags out (the reminders need deadlines only).
    """
    as_of = as_of or dt.date.today()
    with db.read() as s:
        return deadline_list(s, as_of, rules=rules, thresholds=thresholds, refiling=refiling,
                             flags=flags)


def deadline_list(s: Session, as_of: dt.date, *, rules: RuleTable | None = None,
                  thresholds: Thresholds | None = None, refiling: bool = False,
                  known_at: dt.datetime | None = None, flags: bool = True) -> DeadlineList:
    """`deadlines` inside the caller's read transaction (reports gather everything they
    print from one snapshot); ``known_at`` leaves out events and rule changes recorded
    after that moment."""
    params: dict[str, Any] = {"as_of": as_of, "open": str(Status.OPEN), "known_at": known_at}
    day = _Days()
    departments = dict(s.execute(select(Department.id, Department.name)).tuples().all())
    people = dict(s.execute(select(Person.id, Person.name)).tuples().all())
    force = rules_in_force(settings_in(s, known_at), as_of)
    rules = rules or force.rules
    thresholds = thresholds or force.thresholds
    cases = s.execute(_CASES_SQL, params).all()
    by_case: dict[int, list[Event]] = {}
    events_sql = _EVENTS_SQL if known_at is None else _EVENTS_KNOWN_SQL
    for r in s.execute(events_sql, params).all():
        by_case.setdefault(r[0], []).append(_raw_event(r, day))
    earlier: dict[int, tuple[str, list[EarlierCase]]] = {}
    if refiling:
        for r in s.execute(_EARLIER_SQL, params).all():
            earlier.setdefault(r[0], (r[1], []))[1].append(EarlierCase(
                r[2], r[3], r[4], day[r[5]], day[r[6]], r[7] or ""))
    # The list creates a few hundred thousand objects that all stay alive; the cyclic
    # collector would re-walk every one of them many times over (they hold no cycles), which
    # costs more than the computation when the caller still holds an earlier list.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        out = _rows(cases, by_case, departments, people, day, as_of, rules, thresholds,
                    earlier, flags)
        out.sort(key=_urgency)
    finally:
        if was_enabled:
            gc.enable()
    counts = Counter(r.state for r in out)
    return DeadlineList(as_of, tuple(out), {str(k): v for k, v in counts.items()})


def case_row(s: Session, case_id: int, number: str, type_code: str, procedure: str,
             filed: dt.date, department: str, judge: str, title: str, as_of: dt.date, *,
             known_at: dt.datetime | None = None, refiling: bool = False) -> DeadlineRow:
    """One case's line of the deadline list from given field values (a report made again for
    an earlier moment passes the values the case had then)."""
    force = rules_in_force(settings_in(s, known_at), as_of)
    q = select(*_EVENT_COLUMNS).where(TimeLimitEvent.case_id == case_id)
    if known_at is not None:
        q = q.where(TimeLimitEvent.created_at <= known_at)
    events = [_to_event(r) for r in s.execute(q.order_by(TimeLimitEvent.id))]
    status = limit_status(type_code, procedure, filed, events, as_of, force.rules,
                          force.thresholds, explain=False)
    flags = hidden_flags(type_code, procedure, filed, events, as_of, force.rules,
                         force.thresholds)
    if refiling:
        flags += refiling_flags(number, title, type_code, filed,
                                _earlier_cases(s, title, type_code, filed, force.thresholds),
                                force.thresholds)
    return DeadlineRow(number, department, judge, type_code, procedure, filed,
                       status.rule.name if status.rule else "", status.deadline,
                       status.days_used, status.days_left, status.state,
                       status.clock_stopped, tuple(flags))


def _urgency(r: DeadlineRow) -> tuple[bool, int, str]:
    return (r.days_left is None, r.days_left if r.days_left is not None else 0, r.case_number)


def _rows(cases: Iterable[Any], by_case: dict[int, list[Event]], departments: dict[int, str],
          people: dict[int, str], day: _Days, as_of: dt.date, rules: RuleTable,
          th: Thresholds, earlier: dict[int, tuple[str, list[EarlierCase]]],
          with_flags: bool = True) -> list[DeadlineRow]:
    out: list[DeadlineRow] = []
    add = out.append
    dept_of, person_of, events_of = departments.get, people.get, by_case.get
    # Without events the status depends only on these three values; a court's open cases share
    # a few thousand filing dates, so the cache turns a million computations into thousands.
    plain: dict[tuple[str, str, Any], tuple[LimitStatus, str]] = {}
    for case_id, number, code, procedure, filed_raw, dept_id, judge_id in cases:
        events = events_of(case_id)
        filed = day[filed_raw]
        flags: tuple[HiddenFlag, ...] = ()
        if events:
            status = limit_status(code, procedure, filed, events, as_of, rules, th,
                                  explain=False)
            track = status.rule.name if status.rule else ""
            if with_flags:
                flags = tuple(hidden_flags(code, procedure, filed, events, as_of, rules, th))
        else:
            key = (code, procedure, filed_raw)
            known = plain.get(key)
            if known is None:
                st = limit_status(code, procedure, filed, (), as_of, rules, th, explain=False)
                known = plain[key] = (st, st.rule.name if st.rule else "")
            status, track = known
        if earlier and case_id in earlier:
            title, olds = earlier[case_id]
            flags += tuple(refiling_flags(number, title, code, filed, olds, th))
        add(DeadlineRow(number, dept_of(dept_id, ""), person_of(judge_id, ""), code, procedure,
                        filed, track, status.deadline,
                        status.days_used, status.days_left, status.state,
                        status.clock_stopped, flags))
    return out


def describe(row: DeadlineRow) -> str:
    """One line for the command line and logs."""
    if row.deadline is None:
        return f"{row.case_number}\t{row.department}\t{STATE_LABELS[row.state]}"
    left = row.days_left if row.days_left is not None else 0
    tail = f"超{-left}日" if left < 0 else f"剩{left}日"
    flags = "".join(f"\n    ⚑ {f.message}" for f in row.flags)
    return (f"{row.case_number}\t{row.department}\t{row.judge}\t届满{format_date_cn(row.deadline)}"
            f"\t{tail}\t{STATE_LABELS[row.state]}{flags}")
