"""Burn-down of open baseline cases, recent pace, and when a target rate will be reached.

Everything works from *closure counts by day* (how many baseline cases were closed on each
date), which the store hands over already aggregated, so the work here grows with the number
of distinct days, never with the number of cases.

The projection is deliberately simple, because it is read by people deciding whether to push
a department: the pace is the number of closures in the last ``weeks`` whole weeks up to the
as-of day, divided by the days in that window; the remaining closures at that constant pace
give the day the target rate is reached, compared with the target's due day.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Literal

__all__ = [
    "DEFAULT_PACE_WEEKS",
    "MAX_PROJECTION_DAYS",
    "BurnPoint",
    "Projection",
    "ProjectionState",
    "burn_down",
    "closed_by",
    "needed_closures",
    "open_allowed",
    "pace_per_day",
    "project",
    "weekly_days",
]

DEFAULT_PACE_WEEKS = 4
# A trickle of closures would otherwise project a day centuries away (or past date.max);
# beyond ten years "at this pace it never gets there" is the honest answer.
MAX_PROJECTION_DAYS = 3653

ProjectionState = Literal["reached", "projected", "never", "over"]


@dataclass(frozen=True)
class BurnPoint:
    """Baseline cases still open at the end of ``day``."""

    day: date
    open: int


def weekly_days(start: date, as_of: date) -> list[date]:
    """``start``, a week later, … up to ``as_of``, always ending with ``as_of`` itself.

    Empty when ``as_of`` is before ``start`` (nothing of the campaign has happened yet).
    """
    if as_of < start:
        return []
    days = [start + timedelta(weeks=i) for i in range((as_of - start).days // 7 + 1)]
    if days[-1] != as_of:
        days.append(as_of)
    return days


def closed_by(closures: Mapping[date, int], day: date) -> int:
    """Closures made on or before ``day``."""
    return sum(n for d, n in closures.items() if d <= day)


def burn_down(total: int, closures: Mapping[date, int], days: Iterable[date]) -> list[BurnPoint]:
    """Open baseline cases at the end of each of ``days`` (given in ascending order)."""
    ordered = sorted(closures.items())
    points: list[BurnPoint] = []
    closed = 0
    i = 0
    for day in days:
        while i < len(ordered) and ordered[i][0] <= day:
            closed += ordered[i][1]
            i += 1
        points.append(BurnPoint(day, total - closed))
    return points


def needed_closures(total: int, required: Fraction) -> int:
    """Closures needed for ``closed / total >= required``: ceil(required × total)."""
    return math.ceil(required * total)


def open_allowed(total: int, required: Fraction) -> int:
    """The most cases that may still be open when the target is met."""
    return total - needed_closures(total, required)


def pace_per_day(closures: Mapping[date, int], as_of: date,
                 weeks: int = DEFAULT_PACE_WEEKS) -> Fraction:
    """Average closures per day over the ``weeks`` × 7 days ending with ``as_of``."""
    if weeks <= 0:
        raise ValueError(f"weeks must be positive, got {weeks}")
    first = as_of - timedelta(days=weeks * 7 - 1)
    n = sum(k for d, k in closures.items() if first <= d <= as_of)
    return Fraction(n, weeks * 7)


@dataclass(frozen=True)
class Projection:
    """When a scope (court or department) reaches a required rate at its recent pace.

    - ``state``: ``"reached"`` (already met on ``as_of``; ``day`` is None), ``"projected"``
      (``day`` is the day it gets there), ``"never"`` (no closures in the pace window, or so
      few that it would take more than ten years), ``"over"`` (the campaign has ended;
      nothing to project).
    - ``days_late``: ``day − due`` in days when projected: positive late, negative early,
      0 exactly on the due day; None otherwise.
    - ``remaining``: closures still needed on ``as_of``.
    """

    state: ProjectionState
    required: Fraction
    due: date
    as_of: date
    pace: Fraction
    remaining: int
    day: date | None = None
    days_late: int | None = None


def project(total: int, closed: int, required: Fraction, due: date, as_of: date,
            pace: Fraction, campaign_end: date) -> Projection:
    """Project the day ``closed / total`` reaches ``required`` at ``pace`` closures a day.

    The day is the first whose end sees enough closures: ``as_of + ceil(remaining / pace)``.
    A scope with no cases has nothing left to close, so it counts as reached.
    """
    remaining = max(needed_closures(total, required) - closed, 0)
    if remaining == 0:
        return Projection("reached", required, due, as_of, pace, 0)
    if as_of > campaign_end:
        return Projection("over", required, due, as_of, pace, remaining)
    days = math.ceil(remaining / pace) if pace > 0 else None
    if days is None or days > MAX_PROJECTION_DAYS:
        return Projection("never", required, due, as_of, pace, remaining)
    day = as_of + timedelta(days=days)
    return Projection("projected", required, due, as_of, pace, remaining, day,
                      (day - due).days)
