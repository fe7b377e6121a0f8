"""Burn-down, pace and projection, checked against hand-worked figures."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from backlog_desk.domain.projection import (
    MAX_PROJECTION_DAYS,
    BurnPoint,
    burn_down,
    closed_by,
    needed_closures,
    open_allowed,
    pace_per_day,
    project,
    weekly_days,
)

START = date(2026, 3, 30)
END = date(2026, 9, 30)


def test_weekly_days_run_from_the_start_and_end_on_as_of() -> None:
    assert weekly_days(START, date(2026, 4, 15)) == [
        date(2026, 3, 30), date(2026, 4, 6), date(2026, 4, 13), date(2026, 4, 15)]
    # as_of falling on a week boundary is not repeated
    assert weekly_days(START, date(2026, 4, 13)) == [
        date(2026, 3, 30), date(2026, 4, 6), date(2026, 4, 13)]
    assert weekly_days(START, START) == [START]
    assert weekly_days(START, START - timedelta(days=1)) == []


def test_burn_down_counts_closures_up_to_the_end_of_each_day() -> None:
    closures = {date(2026, 3, 30): 2, date(2026, 4, 6): 3, date(2026, 4, 7): 1,
                date(2026, 5, 1): 4}
    days = weekly_days(START, date(2026, 4, 15))
    assert burn_down(20, closures, days) == [
        BurnPoint(date(2026, 3, 30), 18), BurnPoint(date(2026, 4, 6), 15),
        BurnPoint(date(2026, 4, 13), 14), BurnPoint(date(2026, 4, 15), 14)]
    assert closed_by(closures, date(2026, 4, 6)) == 5


def test_needed_and_allowed_round_in_the_target_s_favour() -> None:
    # 80 % of 7 is 5.6: six closures needed, one case may stay open
    assert needed_closures(7, Fraction(4, 5)) == 6
    assert open_allowed(7, Fraction(4, 5)) == 1
    assert open_allowed(10, Fraction(4, 5)) == 2
    assert open_allowed(10, Fraction(1)) == 0


def test_pace_is_the_average_over_whole_weeks_ending_with_as_of() -> None:
    as_of = date(2026, 7, 15)
    closures = {
        as_of: 7,
        as_of - timedelta(days=27): 21,  # first day of the 4-week window
        as_of - timedelta(days=28): 100,  # one day too early
        as_of + timedelta(days=1): 100,  # after as_of
    }
    assert pace_per_day(closures, as_of) == Fraction(28, 28)
    assert pace_per_day(closures, as_of, weeks=1) == Fraction(7, 7)
    with pytest.raises(ValueError):
        pace_per_day(closures, as_of, weeks=0)


def test_projection_late_matches_the_issue_example() -> None:
    # 100 cases, 73 closed, 80 % due 2026-06-30; 1 closure a day from 2026-06-30 reaches
    # 80 on 2026-07-07: 7 days late.
    p = project(100, 73, Fraction(4, 5), date(2026, 6, 30), date(2026, 6, 30), Fraction(1),
                END)
    assert (p.state, p.day, p.days_late, p.remaining) == ("projected", date(2026, 7, 7), 7, 7)


def test_projection_early_and_on_the_day() -> None:
    due = date(2026, 9, 15)
    early = project(100, 50, Fraction(4, 5), due, date(2026, 7, 15), Fraction(3, 2), END)
    # 30 closures at 1.5 a day: 20 days, 2026-08-04, 42 days early
    assert (early.day, early.days_late) == (date(2026, 8, 4), -42)
    exact = project(100, 50, Fraction(4, 5), due, date(2026, 8, 16), Fraction(1), END)
    assert (exact.day, exact.days_late) == (due, 0)
    # a fractional day rounds up: 1 closure at 0.4 a day takes 3 days, not 2.5
    frac = project(10, 7, Fraction(4, 5), due, date(2026, 7, 1), Fraction(2, 5), END)
    assert frac.day == date(2026, 7, 4)


def test_projection_already_reached_never_and_campaign_over() -> None:
    due = date(2026, 6, 30)
    reached = project(10, 8, Fraction(4, 5), due, date(2026, 5, 1), Fraction(0), END)
    assert (reached.state, reached.day, reached.remaining) == ("reached", None, 0)
    # a scope with no cases has nothing to close
    assert project(0, 0, Fraction(4, 5), due, date(2026, 5, 1), Fraction(0), END).state == \
        "reached"
    never = project(10, 2, Fraction(4, 5), due, date(2026, 5, 1), Fraction(0), END)
    assert (never.state, never.day, never.days_late, never.remaining) == ("never", None, None, 6)
    # a trickle that would take more than ten years counts as never, never a date overflow
    trickle = Fraction(1, MAX_PROJECTION_DAYS)
    assert project(10**6, 0, Fraction(1), due, date(2026, 5, 1), trickle, END).state == "never"
    over = project(10, 2, Fraction(4, 5), due, END + timedelta(days=1), Fraction(5), END)
    assert (over.state, over.day, over.remaining) == ("over", None, 6)
    # reaching it counts even after the campaign
    assert project(10, 9, Fraction(4, 5), due, END + timedelta(days=1), Fraction(0),
                   END).state == "reached"
