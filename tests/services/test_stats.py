"""Campaign figures computed from the database, checked against hand counts of KNOWN_CASES."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from backlog_desk.services.campaigns import freeze_baseline
from backlog_desk.services.errors import InvalidValue, PermissionDenied
from backlog_desk.services.stats import campaign_stats
from backlog_desk.store.database import Database

from .conftest import AUDIT, CLERK, add_cases

AS_OF = dt.date(2026, 7, 15)


def test_headline_departments_and_ranking(ledger: Database) -> None:
    st = campaign_stats(ledger, as_of=AS_OF)
    # 9 cases: one filed after the cutoff and one closed before the campaign are not backlog.
    assert (st.total.total, st.total.closed, st.total.open) == (7, 4, 3)
    assert st.total.rate == Decimal(4) / Decimal(7)
    assert not st.frozen
    assert [(e.key, e.rank, e.tally.total, e.tally.closed) for e in st.departments] == [
        ("执行局", 1, 2, 2), ("民一庭", 2, 4, 2), ("刑事审判庭", 3, 1, 0)]
    doc = st.as_json()
    assert doc["clearance_rate"] == "0.5714"
    assert doc["clearance_rate_percent"] == "57.14%"


def test_age_buckets_use_the_campaign_reference_date(ledger: Database) -> None:
    st = campaign_stats(ledger, as_of=AS_OF)
    buckets = {k: (t.total, t.closed) for k, _label, t in st.buckets}
    assert buckets == {"lt6m": (0, 0), "6to12m": (0, 0), "1to2y": (2, 0), "2to3y": (1, 1),
                       "gt3y": (4, 3)}


def test_targets_judged_on_their_day_and_by_pace(ledger: Database) -> None:
    st = campaign_stats(ledger, as_of=AS_OF)
    by_key = {t.target.key: t for t in st.targets}
    old = by_key["old_100"]  # filed on or before 2023-12-31, 100 % by 06-30
    assert (old.tally.total, old.tally.closed, old.state) == (4, 2, "missed")
    all80 = by_key["all_80"]  # closures on 06-30 itself count
    assert (all80.tally.closed, all80.gap_cases, all80.state) == (3, 3, "missed")
    all95 = by_key["all_95"]
    assert (all95.tally.closed, all95.gap_cases, all95.days_left) == (4, 3, 62)
    assert all95.state == "behind"


def test_as_of_ignores_later_closures(ledger: Database) -> None:
    st = campaign_stats(ledger, as_of=dt.date(2026, 5, 1))
    assert (st.total.total, st.total.closed) == (7, 1)


def test_frozen_baseline_is_the_fixed_denominator(ledger: Database) -> None:
    with pytest.raises(PermissionDenied):
        freeze_baseline(ledger, CLERK)
    assert freeze_baseline(ledger, AUDIT) == 7
    with pytest.raises(InvalidValue, match="frozen"):
        freeze_baseline(ledger, AUDIT)
    # A case found later does not change the frozen list.
    add_cases(ledger, [("（2020）吉0105民初77号", dt.date(2020, 1, 1), "民一庭", "张伟", "open",
                        None)])
    st = campaign_stats(ledger, as_of=AS_OF)
    assert st.frozen
    assert (st.total.total, st.total.closed) == (7, 4)


def test_rates_per_judge(ledger: Database) -> None:
    st = campaign_stats(ledger, as_of=AS_OF, by_judge=True)
    assert st.judges is not None
    assert {(e.key, e.tally.total, e.tally.closed) for e in st.judges} == {
        ("张伟", 2, 1), ("刘洋", 2, 1), ("赵敏", 2, 2), ("孙丽", 1, 0)}


def test_tally_kept_by_triggers_equals_a_count_of_the_cases(ledger: Database) -> None:
    from backlog_desk.domain.ages import DEFAULT_AGE_BUCKETS
    from backlog_desk.domain.rates import tally_by_bucket, tally_by_key
    from backlog_desk.services import cases
    from backlog_desk.services.campaigns import load_active
    from backlog_desk.services.check import check_database
    from backlog_desk.services.stats import count_rows, tally_usable

    freeze_baseline(ledger, AUDIT)
    today = dt.date(2026, 8, 1)
    # Close, reopen, move to another department: each change must move the tally with it.
    cases.update_case(ledger, AUDIT, "（2019）吉0105民初11号",
                      {"closed_date": "2026-07-20", "close_manner": "判决"}, today=today)
    cases.update_case(ledger, AUDIT, "（2022）吉0105民初33号", {"status": "open"}, today=today)
    cases.update_case(ledger, AUDIT, "（2025）吉0105民初44号", {"department": "民二庭"},
                      today=today)
    with ledger.read() as s:
        camp = load_active(s)
        assert camp is not None and tally_usable(camp)
        for day in (dt.date(2026, 6, 30), dt.date(2026, 7, 20), today):
            fast = count_rows(s, camp, day)
            slow = count_rows(s, camp, day, use_tally=False)
            assert tally_by_key(fast) == tally_by_key(slow)
            ref = camp.plan.reference_date
            assert tally_by_bucket(fast, DEFAULT_AGE_BUCKETS, ref) == tally_by_bucket(
                slow, DEFAULT_AGE_BUCKETS, ref)
    st = campaign_stats(ledger, as_of=today)
    assert {e.key: (e.tally.total, e.tally.closed) for e in st.departments} == {
        "执行局": (2, 2), "民一庭": (3, 2), "民二庭": (1, 0), "刑事审判庭": (1, 0)}
    assert {i.name: i.ok for i in check_database(ledger).items}["baseline_tally"]
