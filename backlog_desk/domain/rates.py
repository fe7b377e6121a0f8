"""Clearance rates (清结率), target progress and rankings, from pre-aggregated counts.

The store aggregates in SQL (``GROUP BY key, filing_date``) and hands over :class:`CountRow`
values, so work here grows with the number of groups, never with the number of cases.

Rates are exact ``Decimal`` quotients (28 significant digits, computed in a private context so
a caller's decimal context cannot change them); round only for display with
:func:`format_rate`. Comparisons against targets and between rates use exact fractions, so
1/3 and 2/6 are equal and 7/10 meets a required 0.70.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import Literal

from backlog_desk.domain.ages import AgeBucket, AgeBuckets
from backlog_desk.domain.campaign import Target

__all__ = [
    "CountRow",
    "RankedEntry",
    "Tally",
    "TargetState",
    "TargetStatus",
    "format_rate",
    "pace_rate",
    "rank",
    "tally_by_bucket",
    "tally_by_key",
    "target_status",
    "total_tally",
]

_CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)

TargetState = Literal["met", "on_track", "behind", "missed"]


def _divide(numerator: int, denominator: int) -> Decimal:
    return _CONTEXT.divide(Decimal(numerator), Decimal(denominator))


def _check_counts(total: int, closed: int) -> None:
    # Counts come from our own SQL, so a bad pair is a bug upstream, not a user-data problem.
    if total < 0 or closed < 0 or closed > total:
        raise ValueError(f"invalid counts: total={total}, closed={closed}")


@dataclass(frozen=True)
class Tally:
    """Baseline cases (``total``) and how many of them are closed."""

    total: int = 0
    closed: int = 0

    def __post_init__(self) -> None:
        _check_counts(self.total, self.closed)

    @property
    def open(self) -> int:
        return self.total - self.closed

    @property
    def rate(self) -> Decimal | None:
        """``closed / total`` as an unrounded Decimal; None when there are no cases."""
        if self.total == 0:
            return None
        return _divide(self.closed, self.total)

    def __add__(self, other: Tally) -> Tally:
        if not isinstance(other, Tally):
            return NotImplemented
        return Tally(self.total + other.total, self.closed + other.closed)


def format_rate(rate: Decimal | None, places: int = 2) -> str:
    """A rate as a percentage rounded half-up: 2/3 -> "66.67%"; None -> "—"."""
    if places < 0:
        raise ValueError(f"places must be >= 0, got {places}")
    if rate is None:
        return "—"
    if not rate.is_finite():
        raise ValueError(f"cannot format a non-finite rate: {rate}")
    # Contexts sized to the number so neither step rounds early: scaleb only shifts the
    # exponent, and quantize needs room for every integer digit plus the places.
    digits = len(rate.as_tuple().digits)
    percent = rate.scaleb(2, context=Context(prec=digits))
    room = max(percent.adjusted() + 1, 1) + places + 1
    quantized = percent.quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=Context(prec=room)
    )
    return f"{quantized:f}%"


@dataclass(frozen=True)
class CountRow:
    """One aggregated group from the store: baseline cases of one key filed on one date."""

    key: str
    filing_date: date
    total: int
    closed: int

    def __post_init__(self) -> None:
        _check_counts(self.total, self.closed)


def tally_by_key(rows: Iterable[CountRow]) -> dict[str, Tally]:
    """Tallies per ``key``, in order of first appearance in ``rows``."""
    totals: dict[str, list[int]] = {}
    for row in rows:
        acc = totals.setdefault(row.key, [0, 0])
        acc[0] += row.total
        acc[1] += row.closed
    return {key: Tally(total, closed) for key, (total, closed) in totals.items()}


def tally_by_bucket(rows: Iterable[CountRow], buckets: AgeBuckets, ref: date) -> dict[str, Tally]:
    """Tallies per age bucket at ``ref``, keyed by bucket key, every bucket in bucket order."""
    totals: dict[str, list[int]] = {bucket.key: [0, 0] for bucket in buckets}
    # Many rows share a filing date (one per key), so age each date once.
    bucket_of_date: dict[date, AgeBucket] = {}
    for row in rows:
        bucket = bucket_of_date.get(row.filing_date)
        if bucket is None:
            bucket = bucket_of_date[row.filing_date] = buckets.bucket_for(row.filing_date, ref)
        acc = totals[bucket.key]
        acc[0] += row.total
        acc[1] += row.closed
    return {key: Tally(total, closed) for key, (total, closed) in totals.items()}


def total_tally(rows: Iterable[CountRow]) -> Tally:
    """All rows summed."""
    total = closed = 0
    for row in rows:
        total += row.total
        closed += row.closed
    return Tally(total, closed)


def _required_fraction(target: Target) -> Fraction:
    if not target.required_rate.is_finite():
        raise ValueError(f"target {target.key!r} has a non-finite rate; validate the campaign")
    return Fraction(target.required_rate)


def _pace(target: Target, as_of: date, campaign_start: date) -> Fraction:
    # Whole days at the end of as_of, counting both campaign_start and due: 0 before the
    # start, 1/N at the end of the first day, the full rate at the end of the due day.
    period = (target.due - campaign_start).days + 1
    elapsed = (as_of - campaign_start).days + 1
    share = Fraction(1) if period <= 0 else Fraction(min(max(elapsed, 0), period), period)
    return _required_fraction(target) * share


def pace_rate(target: Target, as_of: date, campaign_start: date) -> Decimal:
    """The rate a target should have reached at the end of ``as_of`` to be on track.

    ``required_rate × elapsed / period`` where ``period`` counts the days from
    ``campaign_start`` to ``target.due`` inclusive and ``elapsed`` the days from
    ``campaign_start`` to ``as_of`` inclusive (clamped to 0..period). A due date before the
    start counts as fully elapsed.
    """
    pace = _pace(target, as_of, campaign_start)
    return _divide(pace.numerator, pace.denominator)


@dataclass(frozen=True)
class TargetStatus:
    """Where one target stands on ``as_of``; see :func:`target_status` for the states."""

    target: Target
    tally: Tally
    required: Decimal
    actual: Decimal | None
    gap_cases: int
    met: bool
    due_passed: bool
    days_left: int
    state: TargetState


def target_status(
    target: Target, rows: Iterable[CountRow], as_of: date, campaign_start: date
) -> TargetStatus:
    """Progress of ``target`` on ``as_of``, from baseline rows counted as of that day.

    Only rows the target applies to (:meth:`Target.applies_to`) are counted. ``rows`` must
    carry ``closed`` as of ``as_of``; this function cannot check that.

    - ``gap_cases``: further closures needed, ``ceil(required × total) − closed``, at least 0
      (10 cases at 80 % with 7 closed -> 1).
    - ``met``: ``closed / total >= required``, compared exactly. A target with no matching
      cases is met (nothing is left to close); its ``actual`` is None.
    - ``due_passed``: ``as_of`` is after ``due`` (the due day itself still counts);
      ``days_left`` = ``due − as_of`` in days, 0 on the due day, negative afterwards.
    - ``state``, first match wins:
      ``"met"`` — met (before or after the due date);
      ``"missed"`` — not met and the due date has passed;
      ``"on_track"`` — not met, not yet due, and ``actual >= pace_rate(...)`` (the required
      rate scaled by the elapsed share of the days from ``campaign_start`` to ``due``);
      ``"behind"`` — not met, not yet due, below that pace (always so on the due day itself).
    """
    tally = total_tally(row for row in rows if target.applies_to(row.filing_date))
    required = _required_fraction(target)
    needed = math.ceil(required * tally.total)
    gap = max(needed - tally.closed, 0)
    met = gap == 0
    days_left = (target.due - as_of).days
    due_passed = days_left < 0
    state: TargetState
    if met:
        state = "met"
    elif due_passed:
        state = "missed"
    elif Fraction(tally.closed, tally.total) >= _pace(target, as_of, campaign_start):
        state = "on_track"
    else:
        state = "behind"
    return TargetStatus(
        target=target,
        tally=tally,
        required=target.required_rate,
        actual=tally.rate,
        gap_cases=gap,
        met=met,
        due_passed=due_passed,
        days_left=days_left,
        state=state,
    )


@dataclass(frozen=True)
class RankedEntry:
    """One line of a ranking; ``rank`` is None for keys without baseline cases."""

    key: str
    tally: Tally
    rate: Decimal | None
    rank: int | None


def rank(tallies: Mapping[str, Tally]) -> list[RankedEntry]:
    """Rank keys (departments, judges) by clearance rate, highest first.

    Standard competition ranking: equal rates share a rank and the next rank skips (1, 2, 2,
    4). Rates are compared exactly (1/2 ties 5/10); case counts never break a tie. Within a
    tie, entries are listed by key (code-point order) so output is stable. Keys with no
    baseline cases (rate None) are unranked (rank None) and listed last, by key.
    """
    rated = [(Fraction(t.closed, t.total), key, t) for key, t in tallies.items() if t.total]
    rated.sort(key=lambda item: (-item[0], item[1]))
    entries: list[RankedEntry] = []
    previous: Fraction | None = None
    current_rank = 0
    for position, (fraction, key, tally) in enumerate(rated, start=1):
        if fraction != previous:
            current_rank = position
            previous = fraction
        entries.append(RankedEntry(key, tally, tally.rate, current_rank))
    unrated = sorted(key for key, t in tallies.items() if not t.total)
    entries.extend(RankedEntry(key, tallies[key], None, None) for key in unrated)
    return entries
