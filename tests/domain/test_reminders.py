"""Reminders, promised close dates and the leaders' rules, on hand-worked dates."""

from __future__ import annotations

import datetime as dt

import pytest

from backlog_desk.domain.leaders import LeaderLevel, suggested_leader_level
from backlog_desk.domain.promises import PromiseChange, promise_record, totals_by
from backlog_desk.domain.reminders import case_reminders

D = dt.date


def _kinds(rs: list) -> list[tuple[str, dt.date]]:  # type: ignore[type-arg]
    return [(str(r.kind), r.due) for r in rs]


def test_age_marks_within_the_next_seven_days() -> None:
    # filed 2026-03-10: 4 months complete on 2026-07-10 → due within (07-05 .. 07-12)
    rs = case_reminders(D(2026, 3, 10), D(2026, 7, 5), months=(4, 9, 10, 12))
    assert _kinds(rs) == [("age_mark", D(2026, 7, 10))]
    assert rs[0].message == "立案已近4个月，将于2026年7月10日届满4个月。"
    # the window is inclusive at both ends: due today, due in exactly 7 days, not in 8
    assert _kinds(case_reminders(D(2026, 3, 10), D(2026, 7, 10), months=(4,))) == [
        ("age_mark", D(2026, 7, 10))]
    assert _kinds(case_reminders(D(2026, 3, 10), D(2026, 7, 3), months=(4,))) == [
        ("age_mark", D(2026, 7, 10))]
    assert case_reminders(D(2026, 3, 10), D(2026, 7, 2), months=(4,)) == []


def test_month_ends_and_leap_years() -> None:
    # filed on a month end: completes 12 months on the month end (2024 is a leap year)
    rs = case_reminders(D(2023, 2, 28), D(2024, 2, 25), months=(12,))
    # and, becoming a year old in 2024, it is next year's backlog too
    assert _kinds(rs) == [("age_mark", D(2024, 2, 29)), ("year_end", D(2024, 2, 29))]
    assert "1年" in rs[0].message
    # filed 2024-02-29: 12 months complete on 2025-02-28
    assert _kinds(case_reminders(D(2024, 2, 29), D(2025, 2, 21), months=(12,)))[0] == (
        "age_mark", D(2025, 2, 28))


def test_statutory_deadline_in_the_window() -> None:
    rs = case_reminders(D(2026, 1, 20), D(2026, 7, 15), deadline=D(2026, 7, 20), months=())
    assert _kinds(rs) == [("limit_due", D(2026, 7, 20))]
    assert rs[0].message == "审限将于2026年7月20日届满（还有5日）。"
    assert case_reminders(D(2026, 1, 20), D(2026, 7, 15), deadline=D(2026, 7, 23),
                          months=()) == []
    # already over: that is the deadline list's business, not a reminder
    assert case_reminders(D(2026, 1, 20), D(2026, 7, 15), deadline=D(2026, 7, 14),
                          months=()) == []


def test_expected_close_date_passed() -> None:
    rs = case_reminders(D(2025, 1, 2), D(2026, 7, 15), expected_close=D(2026, 6, 30), months=())
    assert _kinds(rs) == [("promise_passed", D(2026, 6, 30))]
    assert rs[0].message == "预计结案日期2026年6月30日已过15日仍未结案。"
    assert case_reminders(D(2025, 1, 2), D(2026, 7, 15), expected_close=D(2026, 7, 15),
                          months=()) == []


def test_next_years_backlog() -> None:
    # a year old on 2026-11-30, before 12-31: next year's backlog
    rs = case_reminders(D(2025, 11, 30), D(2026, 7, 15), months=())
    assert _kinds(rs) == [("year_end", D(2026, 11, 30))]
    assert "年底前未结即成为次年积案" in rs[0].message
    # a year old only in 2027, or already a year old: not this reminder
    assert case_reminders(D(2026, 1, 1), D(2026, 7, 15), months=()) == []
    assert case_reminders(D(2025, 7, 1), D(2026, 7, 15), months=()) == []


def test_a_kept_promise_is_neither_missed_nor_moved() -> None:
    changes = [PromiseChange(D(2026, 3, 1), None, D(2026, 6, 30))]
    r = promise_record(changes, D(2026, 7, 15), closed_on=D(2026, 6, 20))
    assert (r.promises, r.moved, r.missed) == (1, 0, 0)


def test_moved_and_missed_promises_are_counted_with_days() -> None:
    changes = [
        PromiseChange(D(2026, 3, 1), None, D(2026, 4, 30)),
        PromiseChange(D(2026, 5, 10), D(2026, 4, 30), D(2026, 6, 30)),   # missed by 10, +61
        PromiseChange(D(2026, 6, 1), D(2026, 6, 30), D(2026, 7, 10)),    # moved early, +10
    ]
    r = promise_record(changes, D(2026, 7, 15))                        # open: 5 days past
    assert (r.promises, r.moved, r.moved_days) == (3, 2, 71)
    assert (r.missed, r.missed_days) == (2, 15)
    closed = promise_record(changes, D(2026, 7, 15), closed_on=D(2026, 7, 12))
    assert (closed.missed, closed.missed_days) == (2, 12)


def test_promise_totals_add_up_per_group() -> None:
    a = promise_record([PromiseChange(D(2026, 3, 1), None, D(2026, 4, 30))], D(2026, 5, 10))
    b = promise_record([PromiseChange(D(2026, 3, 1), None, D(2026, 9, 30))], D(2026, 5, 10))
    t = totals_by([("张伟", "甲", a), ("张伟", "乙", b), ("刘洋", "丙", a)])
    assert (t["张伟"].cases, t["张伟"].missed, t["张伟"].missed_days) == (2, 1, 10)
    assert t["张伟"].case_numbers == ["甲"] and t["刘洋"].missed == 1


@pytest.mark.parametrize(("filed", "level"), [
    (D(2020, 12, 31), LeaderLevel.PRESIDENT),       # seed 000: filed by 2020-12-31
    (D(2021, 1, 1), LeaderLevel.VICE_PRESIDENT),
    (D(2022, 12, 31), LeaderLevel.VICE_PRESIDENT),  # filed by 2022-12-31: 1–3 years
    (D(2023, 1, 1), LeaderLevel.NONE),
])
def test_baobao_leader_by_age_at_the_reference_day(filed: dt.date, level: LeaderLevel) -> None:
    assert suggested_leader_level(filed, D(2023, 12, 31)) is level
