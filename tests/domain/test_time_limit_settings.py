"""A court's adjustments of the 审限 rule table: the table in force on a day, validation of
keys and values, and the legal source kept beside a changed row."""

from __future__ import annotations

import datetime as dt

import pytest

from backlog_desk.domain.time_limit_rules import DEFAULT_RULES, LimitUnit, Period
from backlog_desk.domain.time_limit_settings import (
    DEFAULT_REMINDER_MONTHS,
    RuleSetting,
    SettingProblem,
    normalise_setting,
    parse_period,
    rules_in_force,
    setting_keys,
)
from backlog_desk.domain.time_limits import limit_status
from backlog_desk.domain.time_limits_events import Thresholds

D = dt.date


def test_no_settings_is_the_shipped_table() -> None:
    force = rules_in_force([], D(2026, 7, 15))
    assert force.rules is DEFAULT_RULES
    assert force.thresholds == Thresholds()
    assert force.reminder_months == DEFAULT_REMINDER_MONTHS == (4, 9, 10, 12)
    assert force.reminder_window_days == 7


@pytest.mark.parametrize(("text", "period"), [
    ("6m", Period(6, LimitUnit.MONTHS)), ("6个月", Period(6, LimitUnit.MONTHS)),
    ("30d", Period(30, LimitUnit.DAYS)), (" 30 日", Period(30, LimitUnit.DAYS)),
    ("15天", Period(15, LimitUnit.DAYS)),
])
def test_periods_as_typed(text: str, period: Period) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize(("key", "value", "why"), [
    ("nonsense", "1", "unknown setting"),
    ("civil_ordinary.base", "six", "not a period"),
    ("civil_ordinary.base", "0m", "positive"),
    ("civil_simple.extension2", "1m", "no extension 2"),
    ("approaching_percent", "120", "percentage"),
    ("approaching_days", "-3", "whole number"),
    ("reminder.months", "4,x", "list months"),
    ("reminder.window_days", "0", "from 1 to 366"),
])
def test_impossible_settings_are_refused_with_the_reason(key: str, value: str, why: str) -> None:
    with pytest.raises(SettingProblem, match=why):
        normalise_setting(key, value)


def test_every_listed_key_accepts_its_shipped_value() -> None:
    for key, value in setting_keys().items():
        assert normalise_setting(key, value) == value


def test_changes_apply_from_their_effective_day_and_keep_the_legal_source() -> None:
    settings = [
        RuleSetting("civil_ordinary.base", "7个月", D(2026, 1, 1), "王晓明", "试行"),
        RuleSetting("approaching_days", "20", D(2026, 1, 1), "王晓明", "提前预警"),
        RuleSetting("approaching_days", "25", D(2026, 8, 1), "王晓明", "再提前"),
        RuleSetting("reminder.months", "12, 4,9", D(2026, 1, 1), "王晓明", "周督办"),
    ]
    before = rules_in_force(settings, D(2025, 12, 31))
    assert before.rules is DEFAULT_RULES and before.thresholds.approaching_days == 15
    during = rules_in_force(settings, D(2026, 7, 15))
    row = during.rules.get("civil_ordinary")
    assert row is not None and row.base == Period(7, LimitUnit.MONTHS)
    assert row.source.startswith("民事诉讼法第152条")
    assert "本院自2026年1月1日起将法定审限调整为7个月（王晓明：试行）" in row.source
    assert during.thresholds.approaching_days == 20
    assert during.reminder_months == (4, 9, 12)
    assert rules_in_force(settings, D(2026, 8, 1)).thresholds.approaching_days == 25
    # the other rows are the shipped ones
    assert during.rules.get("civil_simple") == DEFAULT_RULES.get("civil_simple")


def test_status_follows_the_table_in_force() -> None:
    settings = [RuleSetting("civil_ordinary.base", "7m", D(2026, 1, 1))]
    filed = D(2025, 10, 31)
    old = limit_status("民初", "普通程序", filed, [], D(2025, 12, 1),
                       rules_in_force(settings, D(2025, 12, 1)).rules)
    new = limit_status("民初", "普通程序", filed, [], D(2026, 3, 1),
                       rules_in_force(settings, D(2026, 3, 1)).rules)
    assert old.deadline == D(2026, 4, 30)   # 6 months, month end
    assert new.deadline == D(2026, 5, 31)   # 7 months, month end


def test_an_extension_length_can_be_changed() -> None:
    settings = [RuleSetting("civil_ordinary.extension2", "6m", D(2026, 1, 1))]
    row = rules_in_force(settings, D(2026, 2, 1)).rules.get("civil_ordinary")
    assert row is not None and row.extensions[1].length == Period(6, LimitUnit.MONTHS)
    assert row.extensions[1].approver == DEFAULT_RULES.get("civil_ordinary").extensions[1].approver  # type: ignore[union-attr]
