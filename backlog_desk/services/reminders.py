"""Reminders (日提醒、周督办) and promised close dates, for the reminders page, the leaders'
view and the command line.

Reminders use the deadline list (so the statutory deadline is the one the status shows) and
the rules in force (reminder ages and window are settings: `reminder.months`,
`reminder.window_days`). Promised dates come from the audit log: every change of a case's
expected close date is an entry there.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text

from backlog_desk.domain.dates import parse_date
from backlog_desk.domain.promises import (
    PromiseChange,
    PromiseRecord,
    PromiseTotals,
    promise_record,
)
from backlog_desk.domain.reminders import KIND_LABELS, Reminder, case_reminders
from backlog_desk.domain.time_limit_settings import rules_in_force
from backlog_desk.store.database import Database
from backlog_desk.store.models import AuditEntry, Case, Department, Person

from .cases import resolve_case_number
from .errors import InvalidValue
from .time_limit_rules import settings_in
from .time_limits import deadlines

__all__ = ["CaseReminders", "PromiseReport", "case_promises", "promise_report", "reminders"]


@dataclass(frozen=True)
class CaseReminders:
    case_number: str
    department: str
    judge: str
    filing_date: dt.date
    items: tuple[Reminder, ...]

    def as_json(self) -> dict[str, Any]:
        return {"case_number": self.case_number, "department": self.department,
                "judge": self.judge, "filing_date": self.filing_date.isoformat(),
                "reminders": [{"kind": str(r.kind), "label": r.label,
                               "due": r.due.isoformat(), "message": r.message}
                              for r in self.items]}


def reminders(db: Database, as_of: dt.date | None = None, *,
              department: str | None = None,
              progress: Callable[[int, int], None] | None = None
              ) -> tuple[list[CaseReminders], dict[str, int]]:
    """Every open case with at least one reminder on ``as_of`` (earliest due first), and how
    many reminders of each kind. ``progress(done, 3)`` is called between the steps (a
    cancelled window worker raises from it)."""
    as_of = as_of or dt.date.today()
    step = progress or _no_progress
    step(0, 3)
    with db.read() as s:
        force = rules_in_force(settings_in(s), as_of)
        promised = dict(s.execute(
            select(Case.case_number, Case.expected_close_date)
            .where(Case.expected_close_date.is_not(None), Case.expected_close_date < as_of,
                   Case.status == "open")).tuples().all())
    step(1, 3)
    listing = deadlines(db, as_of, flags=False)
    step(2, 3)
    out = []
    counts: Counter[str] = Counter()
    for row in listing.rows:
        if department and row.department != department:
            continue
        items = case_reminders(row.filing_date, as_of, deadline=row.deadline,
                               expected_close=promised.get(row.case_number),
                               months=force.reminder_months,
                               window_days=force.reminder_window_days)
        if items:
            out.append(CaseReminders(row.case_number, row.department, row.judge,
                                     row.filing_date, tuple(items)))
            counts.update(str(r.kind) for r in items)
    out.sort(key=lambda c: (c.items[0].due, c.case_number))
    return out, {k: counts.get(str(k), 0) for k in KIND_LABELS}


def _no_progress(_done: int, _total: int) -> None:
    return None


@dataclass(frozen=True)
class PromiseReport:
    as_of: dt.date
    cases: dict[str, PromiseRecord]
    by_judge: dict[str, PromiseTotals]
    by_department: dict[str, PromiseTotals]

    def as_json(self) -> dict[str, Any]:
        def tot(t: PromiseTotals) -> dict[str, Any]:
            return {"cases": t.cases, "promises": t.promises, "moved": t.moved,
                    "moved_days": t.moved_days, "missed": t.missed,
                    "missed_days": t.missed_days}

        return {"as_of": self.as_of.isoformat(),
                "cases": {n: {"promises": r.promises, "moved": r.moved,
                              "moved_days": r.moved_days, "missed": r.missed,
                              "missed_days": r.missed_days}
                          for n, r in self.cases.items() if r.moved or r.missed},
                "by_judge": {k: tot(v) for k, v in self.by_judge.items()},
                "by_department": {k: tot(v) for k, v in self.by_department.items()}}


class _Dates(dict[Any, "dt.date | None"]):
    """Stored date (ISO text on SQLite, a date on PostgreSQL) → date, each parsed once."""

    def __missing__(self, key: Any) -> dt.date | None:
        value = (None if key is None else key if isinstance(key, dt.date)
                 else dt.date.fromisoformat(str(key)[:10]))
        self[key] = value
        return value


def _day(value: str | None) -> dt.date | None:
    got = parse_date(value) if value else None
    return got if isinstance(got, dt.date) else None


def promise_report(db: Database, as_of: dt.date | None = None, *,
                   case_number: str | None = None) -> PromiseReport:
    """Promised close dates missed or moved, per case, judge and department, from every
    audited change of ``expected_close_date`` (imports, workbooks, edits).

    ``cases`` holds the cases with a promise missed or moved. Most cases have one promise and
    no change (the import's first value); those are counted without building a record each,
    since a million-case ledger has hundreds of thousands of them.
    """
    as_of = as_of or dt.date.today()
    number = resolve_case_number(case_number) if case_number is not None else None
    with db.read() as s:
        q = (select(AuditEntry.entity_key, AuditEntry.at, AuditEntry.old_value,
                    AuditEntry.new_value)
             .where(AuditEntry.entity == "case", AuditEntry.field == "expected_close_date")
             .order_by(AuditEntry.id))
        history: dict[str, list[PromiseChange]] = {}
        for key, at, old, new in s.execute(q):
            history.setdefault(key, []).append(PromiseChange(at.date(), _day(old), _day(new)))
        departments = dict(s.execute(select(Department.id, Department.name)).tuples().all())
        people = dict(s.execute(select(Person.id, Person.name)).tuples().all())
        # The cases whose promise changed, by id (few); then every case with a promise as
        # plain values: untyped SQL skips per-value date processing on a million rows.
        changed: dict[int, tuple[dt.date, list[PromiseChange]]] = {}
        keys = sorted(history)
        for i in range(0, len(keys), 500):
            for cid, uuid_, filed in s.execute(select(Case.id, Case.uuid, Case.filing_date)
                                               .where(Case.uuid.in_(keys[i:i + 500]))):
                changed[cid] = (filed, history[uuid_])
        sql = ("SELECT id, case_number, expected_close_date, closed_date, department_id, "
               "judge_id FROM cases WHERE expected_close_date IS NOT NULL")
        params: dict[str, Any] = {}
        if number is not None:
            sql += " AND case_number = :number"
            params["number"] = number
        rows = list(s.execute(text(sql), params).all())
        seen = {r[0] for r in rows}
        extra = [cid for cid in changed if cid not in seen]  # promise since withdrawn
        for i in range(0, len(extra), 500):
            eq = (select(Case.id, Case.case_number, Case.expected_close_date, Case.closed_date,
                         Case.department_id, Case.judge_id)
                  .where(Case.id.in_(extra[i:i + 500])))
            if number is not None:
                eq = eq.where(Case.case_number == number)
            rows += s.execute(eq).all()
    if number is not None and not rows:
        raise InvalidValue(f"no promised date recorded for {number}", field="case_number")
    day = _Dates()
    cases: dict[str, PromiseRecord] = {}
    by_judge: dict[str, PromiseTotals] = {}
    by_dept: dict[str, PromiseTotals] = {}
    for cid, case_no, expected_raw, closed_raw, dept_id, judge_id in rows:
        expected, closed = day[expected_raw], day[closed_raw]
        judge_name = people.get(judge_id, "未指定")
        dept_name = departments.get(dept_id, "未指定")
        judge = by_judge.get(judge_name) or by_judge.setdefault(judge_name, PromiseTotals())
        dept = by_dept.get(dept_name) or by_dept.setdefault(dept_name, PromiseTotals())
        hit = changed.get(cid)
        if hit is None:
            # one promise, never changed: missed when its day passed while the case was open
            end = as_of if closed is None or closed > as_of else closed
            if expected is None or expected >= end:
                for t in (judge, dept):
                    t.cases += 1
                    t.promises += expected is not None
                continue
            record = PromiseRecord(1, 0, 0, 1, (end - expected).days)
        else:
            filed, changes = hit
            if changes[0].old is not None:
                changes = [PromiseChange(filed, None, changes[0].old), *changes]
            record = promise_record(changes, as_of, closed)
        if record.moved or record.missed:
            cases[case_no] = record
        judge.add(case_no, record)
        dept.add(case_no, record)
    return PromiseReport(as_of, cases, by_judge, by_dept)


def case_promises(db: Database, case_number: str,
                  as_of: dt.date | None = None) -> tuple[PromiseRecord, list[PromiseChange]]:
    """One case's promised close dates: its record and every change (the detail panel; two
    indexed lookups)."""
    as_of = as_of or dt.date.today()
    number = resolve_case_number(case_number)
    with db.read() as s:
        row = s.execute(select(Case.uuid, Case.filing_date, Case.expected_close_date,
                               Case.closed_date).where(Case.case_number == number)).first()
        if row is None:
            raise InvalidValue(f"no case {number} in this ledger", field="case_number")
        changes = [PromiseChange(at.date(), _day(old), _day(new)) for at, old, new in s.execute(
            select(AuditEntry.at, AuditEntry.old_value, AuditEntry.new_value)
            .where(AuditEntry.entity == "case", AuditEntry.entity_key == row.uuid,
                   AuditEntry.field == "expected_close_date").order_by(AuditEntry.id))]
    if not changes and row.expected_close_date is not None:
        changes = [PromiseChange(row.filing_date, None, row.expected_close_date)]
    elif changes and changes[0].old is not None:
        changes.insert(0, PromiseChange(row.filing_date, None, changes[0].old))
    return promise_record(changes, as_of, row.closed_date), changes
