"""Reading the ledger and changing one case, field by field, with validation and audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session, aliased

from backlog_desk.domain.case_number import parse_case_number, search_key
from backlog_desk.domain.dates import DateProblem, parse_date
from backlog_desk.domain.ledger import (
    CLOSE_MANNERS,
    EDITABLE_FIELDS,
    FIELD_BY_NAME,
    PROCEDURES,
    REASON_BY_KEY,
    REASON_BY_LABEL,
    TEXT_LIMITS,
    Kind,
    Status,
)
from backlog_desk.domain.text import clean_person_name, clean_text
from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.models import Case, Department, Person

from .actor import Actor
from .directory import Directory
from .errors import InvalidValue, NotFound


@dataclass(frozen=True)
class CaseView:
    uuid: str
    case_number: str
    case_number_raw: str
    title: str
    cause: str
    type_code: str
    family: str
    filing_date: dt.date
    department: str
    judge: str
    leader: str
    procedure: str
    reason_category: str
    reason: str
    expected_close_date: dt.date | None
    measures: str
    status: str
    closed_date: dt.date | None
    close_manner: str
    committee_date: dt.date | None
    committee_decision: str
    supervision_level: str
    notes: str
    closure_candidate: bool

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            out[name] = value.isoformat() if isinstance(value, dt.date) else value
        return out


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


_Dept = aliased(Department)
_Judge = aliased(Person)
_Leader = aliased(Person)


def case_view_query() -> Select[Any]:
    """Cases with department, judge and leader names joined: the columns of CaseView."""
    return (
        select(
            Case.uuid, Case.case_number, Case.case_number_raw, Case.title, Case.cause,
            Case.type_code, Case.family, Case.filing_date,
            _Dept.name.label("department"), _Judge.name.label("judge"),
            _Leader.name.label("leader"), Case.procedure, Case.reason_category, Case.reason,
            Case.expected_close_date, Case.measures, Case.status, Case.closed_date,
            Case.close_manner, Case.committee_date, Case.committee_decision,
            Case.supervision_level, Case.notes, Case.closure_candidate,
        )
        .outerjoin(_Dept, _Dept.id == Case.department_id)
        .outerjoin(_Judge, _Judge.id == Case.judge_id)
        .outerjoin(_Leader, _Leader.id == Case.leader_id)
    )


def _to_view(row: Any) -> CaseView:
    d = row._asdict()
    for k in ("department", "judge", "leader"):
        d[k] = d[k] or ""
    d["closure_candidate"] = bool(d["closure_candidate"])
    return CaseView(**d)


def list_cases(db: Database, *, department: str | None = None, status: str | None = None,
               limit: int | None = None) -> list[CaseView]:
    q = case_view_query()
    if department:
        q = q.where(_Dept.name == department)
    if status:
        if status not in (Status.OPEN, Status.CLOSED):
            raise InvalidValue(f"status must be open or closed, not {status!r}", field="status")
        q = q.where(Case.status == status)
    q = q.order_by(Case.filing_date, Case.id)
    if limit:
        q = q.limit(limit)
    with db.read() as s:
        return [_to_view(r) for r in s.execute(q)]


def resolve_case_number(text: str) -> str:
    """The canonical form of what a user typed; a clear error if it is not a case number."""
    parsed = parse_case_number(text)
    if not parsed.valid or parsed.normalized is None:
        reason = parsed.error.message if parsed.error else "not a case number"
        raise InvalidValue(f"{text!r}: {reason}", field="case_number")
    return parsed.normalized


def get_case(db: Database, case_number: str) -> CaseView:
    number = resolve_case_number(case_number)
    with db.read() as s:
        row = s.execute(case_view_query().where(Case.case_number == number)).first()
    if row is None:
        raise NotFound(f"no case {number} in this ledger", field="case_number")
    return _to_view(row)


def find_cases(db: Database, fragment: str, limit: int = 50) -> list[CaseView]:
    """Cases whose number contains the fragment in any width/bracket form, or whose title does."""
    key = search_key(fragment).replace("(", "（").replace(")", "）")
    text_key = clean_text(fragment)
    q = case_view_query().where(
        Case.case_number.contains(key, autoescape=True) | Case.title.contains(text_key,
                                                                             autoescape=True)
    ).order_by(Case.filing_date).limit(limit)
    with db.read() as s:
        return [_to_view(r) for r in s.execute(q)]


def _text_for_audit(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def parse_field_value(name: str, raw: str) -> object:
    """A typed value for a settable field, or InvalidValue naming the field and why.
    Shared by `set`, the window and the workbook import so all refuse the same things."""
    field = FIELD_BY_NAME[name]
    if field.kind is Kind.DATE:
        parsed = parse_date(raw)
        if isinstance(parsed, DateProblem):
            raise InvalidValue(f"{name}: {parsed.message}", field=name)
        return parsed
    if name in ("judge", "leader"):
        return clean_person_name(raw)
    value = clean_text(raw)
    if name == "status":
        aliases = {"未结": Status.OPEN, "已结": Status.CLOSED, "open": Status.OPEN,
                   "closed": Status.CLOSED}
        if value not in aliases:
            raise InvalidValue(f"status: {raw!r} is not one of open, closed, 未结, 已结",
                               field=name)
        return str(aliases[value])
    if name == "reason_category":
        if value in REASON_BY_LABEL:
            return REASON_BY_LABEL[value].key
        if value and value not in REASON_BY_KEY:
            known = ", ".join(REASON_BY_KEY)
            raise InvalidValue(f"reason_category: {raw!r} is not one of {known}", field=name)
        return value
    if name == "close_manner" and value and value not in CLOSE_MANNERS:
        raise InvalidValue(
            f"close_manner: {raw!r} is not one of {', '.join(CLOSE_MANNERS)}", field=name)
    if name == "procedure" and value not in PROCEDURES:
        raise InvalidValue(
            f"procedure: {raw!r} is not one of {', '.join(p for p in PROCEDURES if p)}",
            field=name)
    limit = TEXT_LIMITS.get(name)
    if limit and len(value) > limit:
        raise InvalidValue(f"{name}: {len(value)} characters, at most {limit} allowed",
                           field=name)
    return value


def check_case_state(state: Mapping[str, Any], today: dt.date) -> None:
    """Refuse a case whose fields contradict each other (closure, dates against filing)."""
    filed: dt.date = state["filing_date"]
    closed = state["closed_date"]
    if state["status"] == Status.CLOSED:
        if closed is None:
            raise InvalidValue("a closed case needs closed_date (结案日期)", field="closed_date")
        if closed < filed:
            raise InvalidValue(f"closed_date {closed} is before the filing date {filed}",
                               field="closed_date")
        if closed > today:
            raise InvalidValue(f"closed_date {closed} is in the future", field="closed_date")
    expected = state["expected_close_date"]
    if expected is not None and expected < filed:
        raise InvalidValue(
            f"expected_close_date {expected} is before the filing date {filed}",
            field="expected_close_date")
    committee = state["committee_date"]
    if committee is not None and committee < filed:
        raise InvalidValue(f"committee_date {committee} is before the filing date {filed}",
                           field="committee_date")


def update_case(db: Database, actor: Actor, case_number: str, changes: Mapping[str, str], *,
                source: str = "", today: dt.date | None = None) -> list[FieldChange]:
    """Change fields of one case in one transaction; refuses the whole change on any bad value.

    Setting closed_date implies status=closed; reopening (status=open) clears the closure.
    """
    today = today or dt.date.today()
    number = resolve_case_number(case_number)
    unknown = [f for f in changes if f not in EDITABLE_FIELDS]
    if unknown:
        allowed = ", ".join(sorted(EDITABLE_FIELDS))
        raise InvalidValue(f"cannot set {', '.join(unknown)}; settable fields: {allowed}",
                           field=unknown[0])
    parsed = {name: parse_field_value(name, raw) for name, raw in changes.items()}
    if parsed.get("closed_date") is not None and "status" not in parsed:
        parsed["status"] = str(Status.CLOSED)
    if parsed.get("status") == Status.OPEN:
        parsed.setdefault("closed_date", None)
        parsed.setdefault("close_manner", "")
    with db.session() as s:
        current = s.execute(case_view_query().where(Case.case_number == number)).first()
        if current is None:
            raise NotFound(f"no case {number} in this ledger", field="case_number")
        view = _to_view(current)
        for name in parsed:
            actor.require_edit(name, view.department or None, number)
        state = {k: getattr(view, k) for k in view.__dataclass_fields__}
        state.update(parsed)
        check_case_state(state, today)
        done = [FieldChange(k, _text_for_audit(getattr(view, k)), _text_for_audit(v))
                for k, v in parsed.items() if getattr(view, k) != v]
        if not done:
            return []
        values = _column_values(s, {c.field: parsed[c.field] for c in done})
        s.execute(update(Case).where(Case.uuid == view.uuid).values(
            **values, updated_at=dt.datetime.now(), row_version=Case.row_version + 1))
        audit.append(s, actor.name, [
            audit.Change("update", "case", view.uuid, c.field, c.old, c.new) for c in done
        ], source=source)
    return done


def _column_values(s: Session, values: Mapping[str, object]) -> dict[str, object]:
    out = dict(values)
    directory = Directory(s)
    if "department" in out:
        out["department_id"] = directory.department_id(str(out.pop("department")))
    if "judge" in out:
        out["judge_id"] = directory.person_id(str(out.pop("judge")), "judge")
    if "leader" in out:
        out["leader_id"] = directory.leader_id(str(out.pop("leader")))
    return out
