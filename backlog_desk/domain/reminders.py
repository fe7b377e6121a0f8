"""Reminders (日提醒、周督办): what needs doing in the next days, case by case.

Four kinds, each with the day it falls due and one Chinese sentence:
- the statutory deadline falls within the window (审限将届满);
- the case completes one of the reminder ages (default 4, 9, 10 and 12 months: the seeds'
  warnings at 4 months for ordinary procedure, 9 months for extended cases, from 10 months,
  and one year) within the window;
- the expected close date the department promised has passed (已过预计结案日期);
- the case is not a year old yet but will be by 12-31 of the year (次年积案, so that clearing
  old cases does not breed new ones: 边清边积).
A case completes n months on `month_period_end(filing, n)`, the rule ages use everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from .ages import month_period_end
from .dates import format_date_cn

__all__ = ["KIND_LABELS", "Reminder", "ReminderKind", "case_reminders"]


class ReminderKind(StrEnum):
    LIMIT_DUE = "limit_due"
    AGE_MARK = "age_mark"
    PROMISE_PASSED = "promise_passed"
    YEAR_END = "year_end"


KIND_LABELS: dict[ReminderKind, str] = {
    ReminderKind.LIMIT_DUE: "审限将届满",
    ReminderKind.AGE_MARK: "即将达到提醒时长",
    ReminderKind.PROMISE_PASSED: "已过预计结案日期",
    ReminderKind.YEAR_END: "年底将满一年",
}


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: ReminderKind
    due: date
    message: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


# The list asks for the same (filing date, months) pairs for a third of a million cases.
_period_end = lru_cache(maxsize=1 << 16)(month_period_end)


def _months_label(n: int) -> str:
    return f"{n // 12}年" if n % 12 == 0 else f"{n}个月"


def case_reminders(filing_date: date, as_of: date, *, deadline: date | None = None,
                   expected_close: date | None = None, months: Sequence[int] = (4, 9, 10, 12),
                   window_days: int = 7) -> list[Reminder]:
    """The reminders of one open case on ``as_of``; the window is the ``window_days`` days
    after ``as_of`` (``as_of`` itself counts as due today)."""
    until = as_of + timedelta(days=window_days)
    out: list[Reminder] = []
    if deadline is not None and as_of <= deadline <= until:
        left = (deadline - as_of).days
        out.append(Reminder(ReminderKind.LIMIT_DUE, deadline,
                            f"审限将于{format_date_cn(deadline)}届满（还有{left}日）。"))
    for n in months:
        reached = _period_end(filing_date, n)
        if as_of <= reached <= until:
            out.append(Reminder(ReminderKind.AGE_MARK, reached,
                                f"立案已近{_months_label(n)}，将于{format_date_cn(reached)}"
                                f"届满{_months_label(n)}。"))
    if expected_close is not None and expected_close < as_of:
        late = (as_of - expected_close).days
        out.append(Reminder(ReminderKind.PROMISE_PASSED, expected_close,
                            f"预计结案日期{format_date_cn(expected_close)}已过{late}日仍未结案。"))
    one_year = _period_end(filing_date, 12)
    year_end = date(as_of.year, 12, 31)
    if as_of < one_year <= year_end:
        out.append(Reminder(ReminderKind.YEAR_END, one_year,
                            f"将于{format_date_cn(one_year)}满一年，年底前未结即成为次年积案。"))
    if len(out) > 1:
        out.sort(key=_due)
    return out


def _due(r: Reminder) -> date:
    return r.due
