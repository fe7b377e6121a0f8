"""A court's adjustments to the 审限 rule table, and the table in force on a day.

The shipped table (`time_limit_rules.DEFAULT_RULES`) and thresholds (`Thresholds`) are the
starting point; the audit office records changes as key = value with the day they take
effect, who made them and why. The table in force on a day applies, key by key, the latest
change effective on or before that day, so a status computed for an earlier day uses the
rules of that day. A changed row keeps its legal source and says that the court adjusted it.

Keys:
- a threshold name (`approaching_days`, `deduction_total_days`, … `reopen_days`): a whole
  number ≥ 0 (percentages 0–100);
- `<rule key>.base` (e.g. `civil_ordinary.base`): the limit, `6m`, `6个月`, `30d` or `30日`;
- `<rule key>.extension<N>` (N from 1): the length of the N-th allowed extension;
- `reminder.months`: the ages in months at which reminders fire, e.g. `4,9,10,12`;
- `reminder.window_days`: how many days ahead reminders look.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .dates import format_date_cn
from .time_limit_rules import DEFAULT_RULES, LimitUnit, Period, RuleTable, TrackRule
from .time_limits_events import Thresholds

__all__ = [
    "DEFAULT_REMINDER_MONTHS",
    "RuleSetting",
    "RulesInForce",
    "SettingProblem",
    "normalise_setting",
    "parse_period",
    "rules_in_force",
    "setting_keys",
]

DEFAULT_REMINDER_MONTHS: tuple[int, ...] = (4, 9, 10, 12)
DEFAULT_REMINDER_WINDOW = 7


class SettingProblem(ValueError):
    """A key that does not exist or a value it cannot take; the message says which."""


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """One recorded change: ``key`` = ``value`` from ``effective_from``."""

    key: str
    value: str
    effective_from: dt.date
    actor: str = ""
    reason: str = ""
    recorded_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class RulesInForce:
    """The rules a status on ``as_of`` is computed with, and the changes that made them."""

    as_of: dt.date
    rules: RuleTable
    thresholds: Thresholds
    reminder_months: tuple[int, ...]
    reminder_window_days: int
    applied: tuple[RuleSetting, ...]


_PERIOD = re.compile(r"^\s*(\d+)\s*(m|months?|个月|月|d|days?|日|天)\s*$", re.IGNORECASE)


def parse_period(text: str) -> Period:
    m = _PERIOD.match(text)
    if m is None:
        raise SettingProblem(f"{text!r} is not a period (write 6m, 6个月, 30d or 30日)")
    unit = LimitUnit.DAYS if m.group(2).lower()[0] in "d日天" else LimitUnit.MONTHS
    amount = int(m.group(1))
    if amount <= 0:
        raise SettingProblem(f"{text!r}: a period must be positive")
    return Period(amount, unit)


def _period_text(p: Period) -> str:
    return f"{p.amount}{'m' if p.unit is LimitUnit.MONTHS else 'd'}"


_THRESHOLD_NAMES = tuple(f.name for f in dataclasses.fields(Thresholds))


def setting_keys(rules: RuleTable = DEFAULT_RULES) -> dict[str, str]:
    """Every key a court may set, with its shipped value as text."""
    out = {name: str(getattr(Thresholds(), name)) for name in _THRESHOLD_NAMES}
    out["reminder.months"] = ",".join(map(str, DEFAULT_REMINDER_MONTHS))
    out["reminder.window_days"] = str(DEFAULT_REMINDER_WINDOW)
    for row in rules:
        out[f"{row.key}.base"] = _period_text(row.base)
        for i, ext in enumerate(row.extensions, 1):
            if ext.length is not None:
                out[f"{row.key}.extension{i}"] = _period_text(ext.length)
    return out


def normalise_setting(key: str, value: str, rules: RuleTable = DEFAULT_RULES) -> str:
    """The value in its stored form, or SettingProblem saying why it cannot be set."""
    key = key.strip()
    value = value.strip()
    if key in _THRESHOLD_NAMES:
        if not re.fullmatch(r"\d+", value):
            raise SettingProblem(f"{key} must be a whole number ≥ 0, not {value!r}")
        try:
            Thresholds(**{key: int(value)})
        except ValueError as exc:
            raise SettingProblem(str(exc)) from None
        return str(int(value))
    if key == "reminder.months":
        parts = [p for p in re.split(r"[,，\s]+", value) if p]
        if not parts or not all(re.fullmatch(r"\d+", p) and 0 < int(p) <= 600 for p in parts):
            raise SettingProblem(f"{key} must list months such as 4,9,10,12, not {value!r}")
        return ",".join(str(n) for n in sorted({int(p) for p in parts}))
    if key == "reminder.window_days":
        if not re.fullmatch(r"\d+", value) or not 0 < int(value) <= 366:
            raise SettingProblem(f"{key} must be a number of days from 1 to 366, not {value!r}")
        return str(int(value))
    rule_key, _, part = key.rpartition(".")
    row = rules.get(rule_key)
    if row is None or not (part == "base" or re.fullmatch(r"extension\d+", part)):
        raise SettingProblem(f"unknown setting {key!r} (see `rules` for the keys)")
    period = parse_period(value)
    if part != "base":
        n = int(part[len("extension"):])
        if not 1 <= n <= len(row.extensions):
            raise SettingProblem(f"{row.name} allows {len(row.extensions)} extension(s), "
                                 f"there is no extension {n}")
    return _period_text(period)


def _adjusted(row: TrackRule, part: str, period: Period, note: str) -> TrackRule:
    if part == "base":
        row = dataclasses.replace(row, base=period)
    else:
        n = int(part[len("extension"):]) - 1
        exts = list(row.extensions)
        exts[n] = dataclasses.replace(exts[n], length=period)
        row = dataclasses.replace(row, extensions=tuple(exts))
    return dataclasses.replace(row, source=f"{row.source}；{note}")


def rules_in_force(settings: Iterable[RuleSetting], as_of: dt.date,
                   rules: RuleTable = DEFAULT_RULES) -> RulesInForce:
    """The table, thresholds and reminder marks on ``as_of``: for each key the latest setting
    effective on or before that day (ties broken by the order given, the later wins)."""
    latest: dict[str, RuleSetting] = {}
    for s in settings:
        if s.effective_from > as_of:
            continue
        held = latest.get(s.key)
        if held is None or s.effective_from >= held.effective_from:
            latest[s.key] = s
    th_values: dict[str, int] = {}
    rows = {row.key: row for row in rules}
    months = DEFAULT_REMINDER_MONTHS
    window = DEFAULT_REMINDER_WINDOW
    for key, s in sorted(latest.items()):
        value = normalise_setting(key, s.value, rules)
        if key in _THRESHOLD_NAMES:
            th_values[key] = int(value)
        elif key == "reminder.months":
            months = tuple(int(p) for p in value.split(","))
        elif key == "reminder.window_days":
            window = int(value)
        else:
            rule_key, _, part = key.rpartition(".")
            what = "法定审限" if part == "base" else f"第{part[len('extension'):]}次延长期限"
            note = (f"本院自{format_date_cn(s.effective_from)}起将{what}调整为"
                    f"{parse_period(value).label}（{s.actor}：{s.reason}）")
            rows[rule_key] = _adjusted(rows[rule_key], part, parse_period(value), note)
    rule_changed = any(k not in _THRESHOLD_NAMES and not k.startswith("reminder.")
                       for k in latest)
    table = RuleTable(rows[r.key] for r in rules) if rule_changed else rules
    return RulesInForce(as_of, table, Thresholds(**th_values), months, window,
                        tuple(latest[k] for k in sorted(latest)))

