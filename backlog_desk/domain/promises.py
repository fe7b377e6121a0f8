"""Promised close dates (预计结案日期): how often a case's promise was missed or moved.

The history of a case's expected close date comes from the audit log, one change per entry.
A promise is *moved* when it is changed to a later date (the days added count as moved
days); it is *missed* when its date passed while the case was still open — either it was
moved only after that day, or it is still standing and the reference day is past it (a case
closed by the promised day kept its promise). Totals add up per judge and per department.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

__all__ = ["PromiseChange", "PromiseRecord", "PromiseTotals", "promise_record", "totals_by"]


@dataclass(frozen=True, slots=True)
class PromiseChange:
    """The expected close date changed on ``on`` from ``old`` to ``new`` (None = blank)."""

    on: date
    old: date | None
    new: date | None


@dataclass(frozen=True, slots=True)
class PromiseRecord:
    promises: int      # dates promised (each non-blank value set)
    moved: int         # changes to a later date
    moved_days: int    # days added by those changes
    missed: int        # promised dates that passed while the case was open
    missed_days: int   # days past those dates (until moved, closed or the reference day)


def promise_record(changes: Sequence[PromiseChange], as_of: date,
                   closed_on: date | None = None) -> PromiseRecord:
    """The record of one case from its changes (in the order they were made)."""
    promises = moved = moved_days = missed = missed_days = 0
    current: date | None = None
    for ch in changes:
        if ch.new is not None:
            promises += 1
        if current is not None and ch.new is not None and ch.new > current:
            moved += 1
            moved_days += (ch.new - current).days
        if current is not None and current < ch.on and (closed_on is None
                                                         or closed_on > current):
            missed += 1
            missed_days += (min(ch.on, closed_on or ch.on) - current).days
        current = ch.new
    if current is not None:
        end = min(as_of, closed_on) if closed_on is not None else as_of
        if current < end:
            missed += 1
            missed_days += (end - current).days
    return PromiseRecord(promises, moved, moved_days, missed, missed_days)


@dataclass
class PromiseTotals:
    cases: int = 0
    promises: int = 0
    moved: int = 0
    moved_days: int = 0
    missed: int = 0
    missed_days: int = 0
    case_numbers: list[str] = field(default_factory=list)

    def add(self, number: str, r: PromiseRecord) -> None:
        self.cases += 1
        self.promises += r.promises
        self.moved += r.moved
        self.moved_days += r.moved_days
        self.missed += r.missed
        self.missed_days += r.missed_days
        if r.moved or r.missed:
            self.case_numbers.append(number)


def totals_by(records: Iterable[tuple[str, str, PromiseRecord]]) -> dict[str, PromiseTotals]:
    """(group, case number, record) → totals per group, groups in first-seen order."""
    out: dict[str, PromiseTotals] = {}
    for group, number, record in records:
        out.setdefault(group, PromiseTotals()).add(number, record)
    return out
