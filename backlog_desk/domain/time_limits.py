"""审限 status of one case as of a date: deadline, days used and left, and how it was worked out.

Counting (LEGAL §2.1): the limit runs from the day after filing (the filing day is not
counted); an n-month limit ends on the same day n months later, or on the month end when the
filing day is a month end or the target month is shorter (`month_period_end`). Extensions are
added to the running deadline in the order they were decided; deducted days (扣除, and 中止 until
resumption, LEGAL §2.4/§2.5) push the deadline back day for day. A deduction from A to B stops
the clock for the days after A up to and including B, i.e. B − A days, the same "start day not
counted" rule (whether courts count both ends is ❓ LEGAL §5 item 4). A deduction still open on
the reference date counts up to that date, so its clock stays stopped and the days left do not
shrink. Overlapping stopped periods count once.

Procedure changes (LEGAL §2.6): civil and administrative simple → ordinary keeps counting from
filing under the new limit; criminal conversions restart the clock from the decision. Extensions
granted before a change belonged to the old track and are dropped.

The event classes and the checks that refuse impossible entries are in `time_limits_events`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .dates import format_date_cn
from .time_limit_rules import DEFAULT_RULES, RuleTable, TrackRule
from .time_limits_events import (
    Clock,
    Deduction,
    Event,
    Extension,
    ProcedureChange,
    Suspension,
    Thresholds,
    clock_at,
    event_dates,
)

__all__ = [
    "DEFAULT_THRESHOLDS",
    "STATE_LABELS",
    "HiddenFlag",
    "LimitState",
    "LimitStatus",
    "hidden_flags",
    "limit_status",
    "stopped_days",
    "stopped_intervals",
]

DEFAULT_THRESHOLDS = Thresholds()
_Say = Callable[[str], None]


class LimitState(StrEnum):
    WITHIN = "within"
    APPROACHING = "approaching"
    OVER = "over"
    NO_LIMIT = "no_limit"


STATE_LABELS: dict[LimitState, str] = {
    LimitState.WITHIN: "审限内",
    LimitState.APPROACHING: "临近届满",
    LimitState.OVER: "超审限",
    LimitState.NO_LIMIT: "无法定审限",
}


def stopped_intervals(events: Sequence[Event], rule: TrackRule, start: date,
                      until: date) -> list[tuple[date, date]]:
    """Merged (after, upto] spans in which the clock stood still, clipped to (start, until]."""
    spans: list[tuple[date, date]] = []
    for e in events:
        kind = type(e)
        if kind is Deduction:
            if not rule.deductions_apply:
                continue
        elif kind is not Suspension or not rule.suspension_applies:
            continue
        lo = max(e.start, start)  # type: ignore[union-attr]
        hi = min(e.end or until, until)  # type: ignore[union-attr]
        if hi > lo:
            spans.append((lo, hi))
    if len(spans) < 2:
        return spans
    spans.sort()
    merged: list[tuple[date, date]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def stopped_days(events: Sequence[Event], rule: TrackRule, start: date, until: date) -> int:
    return sum((hi - lo).days for lo, hi in stopped_intervals(events, rule, start, until))


@dataclass(frozen=True, slots=True)
class LimitStatus:
    """The 审限 of one case as of ``as_of``. Dates are None and state NO_LIMIT when no rule
    applies; ``days_used`` is then the plain age in days."""

    as_of: date
    procedure: str
    rule: TrackRule | None
    clock_start: date
    base_deadline: date | None
    extensions_applied: int
    deducted_days: int
    deadline: date | None
    limit_days: int | None
    days_used: int
    days_left: int | None
    state: LimitState
    clock_stopped: bool
    steps: tuple[str, ...]

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def _state(days_used: int, days_left: int, limit_days: int, th: Thresholds) -> LimitState:
    if days_left < 0:
        return LimitState.OVER
    if days_left <= th.approaching_days or days_used * 100 >= th.approaching_percent * limit_days:
        return LimitState.APPROACHING
    return LimitState.WITHIN


def limit_status(type_code: str, procedure: str, filing_date: date, events: Sequence[Event],
                 as_of: date, rules: RuleTable = DEFAULT_RULES,
                 thresholds: Thresholds = DEFAULT_THRESHOLDS, *,
                 explain: bool = True) -> LimitStatus:
    """Deadline, days used and left, and state of a case as of ``as_of``.

    Events dated after ``as_of`` are ignored (the status is what was known that day).
    ``explain=False`` skips building the Chinese steps (the all-cases list does not show them).
    Raises ValueError when ``as_of`` is before filing: a case cannot have a status before it
    exists.
    """
    if as_of < filing_date:
        raise ValueError(f"as_of {as_of} is before the filing date {filing_date}")
    clock = clock_at(type_code, procedure, filing_date, events, as_of, rules)
    steps: list[str] = []
    say = steps.append if explain else _discard
    rule = clock.rule
    if rule is None:
        age = (as_of - filing_date).days
        if explain:
            say(f"案件类型“{type_code}”（适用程序“{clock.procedure or '未填'}”）在审限规则表中"
                f"没有对应的法定审限，只显示立案以来的天数：{age}日。")
        return LimitStatus(as_of, clock.procedure, None, filing_date, None, 0, 0, None, None,
                           age, None, LimitState.NO_LIMIT, False, tuple(steps))
    start = clock.start
    if explain:
        _explain_start(say, type_code, clock, filing_date)
    base = rule.base.end_from(start)
    if explain:
        say(f"法定审限{rule.base.label}，自{format_date_cn(start)}次日起算，"
            f"届满日为{format_date_cn(base)}。")
    running = base
    applied = 0
    extensions = [e for e in events if type(e) is Extension]
    if len(extensions) > 1:
        extensions.sort(key=_decided_on)
    for ext in extensions:
        if ext.decided_on > as_of:
            continue
        if clock.change is not None and ext.decided_on < clock.change.on:
            if explain:
                say(f"{format_date_cn(ext.decided_on)}的延长决定属于转换前的程序，不再计入。")
            continue
        running = ext.length.end_from(running)
        applied += 1
        if explain:
            who = ext.approver or ("上级法院" if ext.approved_by_superior else "未填批准人")
            say(f"{format_date_cn(ext.decided_on)}经{who}批准延长{ext.length.label}，"
                f"届满日延至{format_date_cn(running)}。")
    spans = stopped_intervals(events, rule, start, as_of)
    deducted = sum((hi - lo).days for lo, hi in spans)
    if explain:
        for lo, hi in spans:
            say(f"{format_date_cn(lo)}至{format_date_cn(hi)}不计入审限（扣除或中止），"
                f"计{(hi - lo).days}日。")
    deadline = running + timedelta(days=deducted)
    if explain and deducted:
        say(f"不计入审限的期间合计{deducted}日，届满日顺延至{format_date_cn(deadline)}。")
    limit_days = (deadline - start).days - deducted
    days_used = (as_of - start).days - deducted
    days_left = (deadline - as_of).days
    stopped = _open_on(events, rule, as_of)
    state = _state(days_used, days_left, limit_days, thresholds)
    if explain:
        if stopped:
            say(f"截至{format_date_cn(as_of)}，审限处于扣除或中止期间，暂停计算。")
        tail = f"已超过审限{-days_left}日" if days_left < 0 else f"剩余{days_left}日"
        say(f"截至{format_date_cn(as_of)}，已用审限{days_used}日（共{limit_days}日），{tail}，"
            f"状态：{STATE_LABELS[state]}。")
    return LimitStatus(as_of, clock.procedure, rule, start, base, applied, deducted, deadline,
                       limit_days, days_used, days_left, state, stopped, tuple(steps))


def _discard(_: str) -> None:
    return None


def _decided_on(e: Extension) -> date:
    return e.decided_on


def _open_on(events: Sequence[Event], rule: TrackRule, day: date) -> bool:
    """Whether a deduction or suspension that applies to this rule covers the day after
    ``day``, i.e. the clock is still standing when the reference day ends."""
    for e in events:
        if isinstance(e, Deduction) and not rule.deductions_apply:
            continue
        if isinstance(e, Suspension) and not rule.suspension_applies:
            continue
        if isinstance(e, Deduction | Suspension) and e.start <= day and (
                e.end is None or e.end > day):
            return True
    return False


def _explain_start(say: _Say, type_code: str, clock: Clock, filing_date: date) -> None:
    rule = clock.rule
    assert rule is not None
    shown = clock.procedure or "未填"
    say(f"案件类型“{type_code}”，适用程序“{shown}”，按“{rule.name}”计算审限"
        f"（依据：{rule.source}）。")
    if clock.change is not None and clock.start != filing_date:
        say(f"{format_date_cn(clock.change.on)}由{clock.change.from_procedure or '原程序'}转为"
            f"{clock.change.to_procedure}，依法自转换决定之日重新计算审限。")
    elif clock.change is not None:
        say(f"{format_date_cn(clock.change.on)}由{clock.change.from_procedure or '原程序'}转为"
            f"{clock.change.to_procedure}，审限仍自立案之日起计算。")
    else:
        say(f"立案日期{format_date_cn(filing_date)}，审限自立案次日起算（立案当日不计入）。")



# --- hidden over-limit flags (隐性超审限, LEGAL §2.7) -------------------------------------------


@dataclass(frozen=True, slots=True)
class HiddenFlag:
    """A sign that a case is kept formally within its limit; ``message`` explains it in one
    Chinese sentence."""

    code: str
    message: str


def hidden_flags(type_code: str, procedure: str, filing_date: date, events: Sequence[Event],
                 as_of: date, rules: RuleTable = DEFAULT_RULES,
                 thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[HiddenFlag]:
    """Flags raised by the events known on ``as_of``, in a stable order: deductions,
    suspensions, extensions, procedure changes."""
    th = thresholds
    known = [e for e in events if event_dates(e)[0] <= as_of]
    flags: list[HiddenFlag] = []
    deductions: list[Deduction] = []
    suspensions: list[Suspension] = []
    extended = changed = False
    for e in known:
        kind = type(e)
        if kind is Deduction:
            deductions.append(e)  # type: ignore[arg-type]
        elif kind is Suspension:
            suspensions.append(e)  # type: ignore[arg-type]
        elif kind is Extension:
            extended = True
        else:
            changed = True
    total = _union_days(deductions, as_of) if deductions else 0
    if total > th.deduction_total_days:
        flags.append(HiddenFlag("deduction_total", f"扣除审限累计{total}日，超过"
                                f"{th.deduction_total_days}日，需核查扣除事由是否成立。"))
    if len(deductions) >= th.deduction_count:
        flags.append(HiddenFlag("deduction_repeated", f"已扣除审限{len(deductions)}次，达到"
                                                      f"{th.deduction_count}次，需核查是否反复扣除。"))
    for d in deductions:
        open_days = (as_of - d.start).days
        if d.end is None and open_days > th.open_deduction_days:
            flags.append(HiddenFlag("deduction_open", f"{format_date_cn(d.start)}起的扣除审限"
                                    f"（{d.reason}）已{open_days}日未结束，超过"
                                    f"{th.open_deduction_days}日。"))
    for s in suspensions:
        open_days = (as_of - s.start).days
        if s.end is None and open_days > th.suspension_open_days:
            flags.append(HiddenFlag("suspension_open", f"{format_date_cn(s.start)}起中止审理"
                                    f"（{s.reason}）已{open_days}日仍未恢复，超过"
                                    f"{th.suspension_open_days}日。"))
    if len(suspensions) >= th.suspension_count:
        flags.append(HiddenFlag("suspension_repeated", f"已中止审理{len(suspensions)}次，达到"
                                                       f"{th.suspension_count}次。"))
    if extended:
        flags.extend(_extension_flags(type_code, procedure, filing_date, known, rules, th))
    if changed:
        flags.extend(_conversion_flags(type_code, procedure, filing_date, known, rules, th))
    return flags


def _union_days(periods: Sequence[Deduction | Suspension], as_of: date) -> int:
    spans = sorted((p.start, min(p.end or as_of, as_of)) for p in periods)
    total, reach = 0, date.min
    for lo, hi in spans:
        lo = max(lo, reach)
        if hi > lo:
            total += (hi - lo).days
            reach = hi
    return total


def _extension_flags(type_code: str, procedure: str, filing_date: date, known: list[Event],
                     rules: RuleTable, th: Thresholds) -> list[HiddenFlag]:
    flags: list[HiddenFlag] = []
    extensions = sorted((e for e in known if isinstance(e, Extension)), key=lambda e: e.decided_on)
    counted: dict[int, int] = {}  # extensions per clock (keyed by the clock's last change)
    for ext in extensions:
        clock = clock_at(type_code, procedure, filing_date, known, ext.decided_on, rules)
        rule = clock.rule
        if rule is None:
            continue
        key = id(clock.change)
        k = counted.get(key, 0)
        counted[key] = k + 1
        when = format_date_cn(ext.decided_on)
        if k >= len(rule.extensions):
            flags.append(HiddenFlag("extension_excess", f"第{k + 1}次延长审限（{when}）超出"
                                    f"{rule.name}允许的{len(rule.extensions)}次延长。"))
        else:
            required = rule.extensions[k].approver
            if required.is_superior and not ext.approved_by_superior:
                flags.append(HiddenFlag("extension_unapproved", f"第{k + 1}次延长审限（{when}）"
                                        f"应报{required}批准，登记为{ext.approver or '未填批准人'}"
                                        f"批准。"))
        # The deadline the extension had to beat: everything known before the decision. It is
        # never earlier than the plain base limit, so only a later decision needs the full count.
        if ext.decided_on <= rule.base.end_from(clock.start):
            continue
        before = [e for e in known if not (isinstance(e, Extension)
                                           and e.decided_on >= ext.decided_on)]
        prior = limit_status(type_code, procedure, filing_date, before, ext.decided_on, rules,
                             th, explain=False)
        if prior.deadline is not None and ext.decided_on > prior.deadline:
            flags.append(HiddenFlag("extension_late", f"延长审限决定（{when}）晚于当时的审限届满日"
                                    f"{format_date_cn(prior.deadline)}，属于超审限后补办延长。"))
    return flags


def _conversion_flags(type_code: str, procedure: str, filing_date: date, known: list[Event],
                      rules: RuleTable, th: Thresholds) -> list[HiddenFlag]:
    flags: list[HiddenFlag] = []
    for change in (e for e in known if isinstance(e, ProcedureChange)):
        before = [e for e in known if not (isinstance(e, ProcedureChange) and e.on >= change.on)]
        old_proc = change.from_procedure or clock_at(
            type_code, procedure, filing_date, before, change.on, rules).procedure
        old_rule = rules.find(type_code, old_proc)
        new_rule = rules.find(type_code, change.to_procedure)
        # Only a change that keeps counting from filing (civil, administrative) can be used to
        # stretch the clock; criminal conversions restart lawfully (LEGAL §2.6).
        if old_rule is None or new_rule is None or new_rule.restart_on_change:
            continue
        if old_rule.base.end_from(filing_date) >= new_rule.base.end_from(filing_date):
            continue
        st = limit_status(type_code, old_proc, filing_date, before, change.on, rules, th,
                          explain=False)
        assert st.limit_days is not None and st.days_left is not None and st.deadline is not None
        when = format_date_cn(change.on)
        if st.days_left < 0:
            flags.append(HiddenFlag("conversion_late", f"{old_proc}审限已于"
                                    f"{format_date_cn(st.deadline)}届满，{when}才转为"
                                    f"{change.to_procedure}。"))
        elif st.days_used * 100 >= th.conversion_percent * st.limit_days:
            pct = st.days_used * 100 // st.limit_days
            flags.append(HiddenFlag("conversion_late", f"{old_proc}审限已用{st.days_used}日"
                                    f"（{pct}%）后，于{when}转为{change.to_procedure}。"))
    return flags
