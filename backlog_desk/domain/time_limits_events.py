"""Time-limit events of a case (延长、扣除、中止、程序转换), thresholds, and refusal of impossible
entries.

An event is a plain value; the store keeps them as rows and turns them back into these
classes. `validate_events` returns every problem as a value (never raises) so the GUI can show
all reasons at once and the service can refuse the entry with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeAlias

from .dates import format_date_cn
from .ledger import PROCEDURES
from .time_limit_rules import LimitUnit, Period, RuleTable, TrackRule

__all__ = [
    "KIND_LABELS",
    "KIND_NAMES",
    "Clock",
    "Deduction",
    "Event",
    "EventKind",
    "Extension",
    "Problem",
    "ProcedureChange",
    "Suspension",
    "Thresholds",
    "clock_at",
    "event_dates",
    "event_from_fields",
    "validate_events",
]


class EventKind(StrEnum):
    EXTENSION = "extension"
    DEDUCTION = "deduction"
    SUSPENSION = "suspension"
    PROCEDURE_CHANGE = "procedure_change"


KIND_LABELS: dict[EventKind, str] = {
    EventKind.EXTENSION: "延长审限",
    EventKind.DEDUCTION: "扣除审限",
    EventKind.SUSPENSION: "中止审理",
    EventKind.PROCEDURE_CHANGE: "程序转换",
}


@dataclass(frozen=True, slots=True)
class Extension:
    """An extension decided on ``decided_on``; ``approved_by_superior`` says whether a superior
    court (not the court's own president) approved it, which some extensions require."""

    decided_on: date
    length: Period
    approver: str = ""
    approved_by_superior: bool = False
    reason: str = ""

    @property
    def kind(self) -> EventKind:
        return EventKind.EXTENSION


@dataclass(frozen=True, slots=True)
class Deduction:
    """A period not counted (扣除审限) from ``start`` to ``end``; ``end`` None = still open."""

    start: date
    end: date | None
    reason: str
    approver: str = ""

    @property
    def kind(self) -> EventKind:
        return EventKind.DEDUCTION


@dataclass(frozen=True, slots=True)
class Suspension:
    """中止 from ``start`` to resumption on ``end`` (None = not resumed yet)."""

    start: date
    end: date | None
    reason: str
    approver: str = ""

    @property
    def kind(self) -> EventKind:
        return EventKind.SUSPENSION


@dataclass(frozen=True, slots=True)
class ProcedureChange:
    """A ruling changing the procedure, e.g. 简易程序 → 普通程序."""

    on: date
    to_procedure: str
    from_procedure: str = ""
    reason: str = ""

    @property
    def kind(self) -> EventKind:
        return EventKind.PROCEDURE_CHANGE


Event: TypeAlias = Extension | Deduction | Suspension | ProcedureChange


def event_dates(e: Event) -> tuple[date, date | None]:
    """(first date, end date or None) of any event."""
    if isinstance(e, Extension):
        return e.decided_on, None
    if isinstance(e, ProcedureChange):
        return e.on, None
    return e.start, e.end


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When the status says "approaching" and when a hidden over-limit flag is raised.

    Defaults follow LEGAL §2.7 where it gives a figure and are otherwise conservative local
    practice (❓, to confirm with the court): 15 days mirrors the 15-day extension application
    deadline of [L9] art. 1, so "approaching" leaves time to apply.
    """

    approaching_days: int = 15
    approaching_percent: int = 80
    # Withdrawal and refiling, closing and reopening the same dispute (LEGAL §2.7 item 7):
    # no statutory figure; a new case within these days of the old one's closing is flagged.
    refile_days: int = 90
    reopen_days: int = 180
    deduction_total_days: int = 180
    deduction_count: int = 3
    open_deduction_days: int = 90
    suspension_open_days: int = 180
    suspension_count: int = 3
    conversion_percent: int = 80

    def __post_init__(self) -> None:
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"threshold {name} must be a whole number ≥ 0, not {value!r}")
            if name.endswith("_percent") and value > 100:
                raise ValueError(f"threshold {name} is a percentage (0–100), not {value}")


@dataclass(frozen=True, slots=True)
class Problem:
    """Why an event cannot be recorded; ``index`` is its position in the list checked."""

    index: int
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Clock:
    """Which rule governs a case on a day and from when its limit runs."""

    procedure: str
    rule: TrackRule | None
    start: date
    change: ProcedureChange | None  # the last procedure change on or before the day


def clock_at(type_code: str, procedure: str, filing_date: date, events: Sequence[Event],
             day: date, rules: RuleTable) -> Clock:
    """The procedure in force on ``day`` and the start of its clock.

    ``procedure`` is the case's current procedure field; before the first recorded change the
    case ran under that change's ``from_procedure`` (when given).
    """
    changes = [e for e in events if isinstance(e, ProcedureChange)]
    if not changes:  # the common case: skip the sorting below
        return Clock(procedure, rules.find(type_code, procedure), filing_date, None)
    changes.sort(key=lambda e: e.on)
    done = [c for c in changes if c.on <= day]
    last: ProcedureChange | None = None
    if done:
        last = done[-1]
        current = last.to_procedure
    else:
        pending = [c for c in changes if c.on > day]
        current = (pending[0].from_procedure or procedure) if pending else procedure
    rule = rules.find(type_code, current)
    restart = last is not None and rule is not None and rule.restart_on_change
    return Clock(current, rule, last.on if restart and last is not None else filing_date, last)


def validate_events(type_code: str, procedure: str, filing_date: date, events: Sequence[Event],
                    rules: RuleTable, today: date | None = None) -> list[Problem]:
    """Every impossible entry in ``events``, in list order.

    Refused: a date before filing or (with ``today``) in the future; a period ending before it
    starts; a deduction or suspension without a reason; stopped periods that overlap (reported
    on the later one in the list); an extension where the rules allow none, or longer than the
    president may grant and not approved by a superior court; a change to an unknown or to the
    same procedure.
    """
    problems: list[Problem] = []
    for i, e in enumerate(events):
        first, end = event_dates(e)
        for d in (first, end):
            if d is not None and d < filing_date:
                problems.append(Problem(i, "before_filing", f"{format_date_cn(d)}早于立案日期"
                                        f"{format_date_cn(filing_date)}。"))
                break
            if d is not None and today is not None and d > today:
                problems.append(Problem(i, "in_future", f"{format_date_cn(d)}是将来的日期。"))
                break
        if isinstance(e, Deduction | Suspension):
            if e.end is not None and e.end < e.start:
                problems.append(Problem(i, "ends_before_start",
                                        f"结束日期{format_date_cn(e.end)}早于开始日期"
                                        f"{format_date_cn(e.start)}。"))
            if not e.reason.strip():
                problems.append(Problem(i, "reason_missing",
                                        f"{KIND_LABELS[e.kind]}必须写明事由。"))
            problems.extend(_overlaps(i, e, events))
        elif isinstance(e, Extension):
            problems.extend(_extension_problems(i, e, type_code, procedure, filing_date, events,
                                                rules))
        else:
            if e.to_procedure not in PROCEDURES or not e.to_procedure:
                problems.append(Problem(i, "unknown_procedure",
                                        f"“{e.to_procedure}”不是可选的适用程序。"))
            elif e.to_procedure == e.from_procedure:
                problems.append(Problem(i, "same_procedure",
                                        f"转换前后都是{e.to_procedure}。"))
    return problems


def _overlaps(i: int, e: Deduction | Suspension, events: Sequence[Event]) -> list[Problem]:
    # Half-open (start, end]: a period ending on day D and the next starting on D touch but do
    # not overlap, matching the day count (end − start).
    out = []
    for other in events[:i]:
        if not isinstance(other, Deduction | Suspension):
            continue
        if (other.end is None or e.start < other.end) and (e.end is None or other.start < e.end):
            until = format_date_cn(other.end) if other.end else "未结束"
            out.append(Problem(i, "overlap",
                               f"与已登记的{KIND_LABELS[other.kind]}（{format_date_cn(other.start)}"
                               f"至{until}）期间重叠。"))
    return out


def _extension_problems(i: int, e: Extension, type_code: str, procedure: str,
                        filing_date: date, events: Sequence[Event],
                        rules: RuleTable) -> list[Problem]:
    rule = clock_at(type_code, procedure, filing_date, events, e.decided_on, rules).rule
    if rule is None:
        return [Problem(i, "no_limit", f"“{type_code}”类案件没有法定审限，无需延长。")]
    if not rule.extensions:
        return [Problem(i, "not_extendable", f"{rule.name}的审限不能延长（{rule.source}）。")]
    if e.approved_by_superior:
        return []
    own = rule.president_extension
    if own is None:
        return [Problem(i, "needs_superior",
                        f"{rule.name}延长审限须经{rule.extensions[0].approver}批准。")]
    if own.length is not None:
        # Compare on real dates: "1 month" against "31 days" depends on where it starts.
        anchor = rule.base.end_from(filing_date)
        if e.length.end_from(anchor) > own.length.end_from(anchor):
            return [Problem(i, "too_long",
                            f"本院院长至多批准延长{own.length.label}，登记的延长{e.length.label}"
                            f"须经上级法院批准。")]
    return []


# What people type for a kind, in the window, on the command line and in export columns.
KIND_NAMES: dict[str, EventKind] = {
    **{k.value: k for k in EventKind},
    **{label: k for k, label in KIND_LABELS.items()},
    "延长": EventKind.EXTENSION, "延期": EventKind.EXTENSION, "扣除": EventKind.DEDUCTION,
    "中止": EventKind.SUSPENSION, "中止诉讼": EventKind.SUSPENSION,
    "中止执行": EventKind.SUSPENSION, "转换程序": EventKind.PROCEDURE_CHANGE,
    "简易转普通": EventKind.PROCEDURE_CHANGE, "程序变更": EventKind.PROCEDURE_CHANGE,
}


def event_from_fields(kind: str, start: date | None, end: date | None = None, *,
                      months: int | None = None, days: int | None = None, approver: str = "",
                      superior: bool = False, reason: str = "", to_procedure: str = "",
                      from_procedure: str = "") -> Event | str:
    """An event from loose fields, or the reason (one English sentence) why there is none.

    A superior-court approver (上级/高级/最高 in the name) counts as approved by a superior.
    """
    k = KIND_NAMES.get(kind.strip().lower()) or KIND_NAMES.get(kind.strip())
    if k is None:
        return f"unknown event kind {kind!r} (extension, deduction, suspension, procedure_change)"
    if start is None:
        return "a start (or decision) date is required"
    if k is EventKind.EXTENSION:
        if end is not None:
            return "an extension has a length (months or days), not an end date"
        if bool(months) == bool(days):
            return "an extension needs its length: months or days, one of them"
        if (months or days or 0) < 0:
            return "an extension's length must be positive"
        length = Period(months, LimitUnit.MONTHS) if months else Period(days or 0, LimitUnit.DAYS)
        sup = superior or any(w in approver for w in ("上级", "高级", "最高", "中级"))
        return Extension(start, length, approver.strip(), sup, reason.strip())
    if months or days:
        return f"a {k.value} has an end date, not a length"
    if k is EventKind.PROCEDURE_CHANGE:
        if not to_procedure.strip():
            return "a procedure change needs the new procedure"
        return ProcedureChange(start, to_procedure.strip(), from_procedure.strip(), reason.strip())
    cls = Deduction if k is EventKind.DEDUCTION else Suspension
    return cls(start, end, reason.strip(), approver.strip())
