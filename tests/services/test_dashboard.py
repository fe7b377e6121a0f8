"""The dashboard service: figures by hand from KNOWN_CASES, agreement with `stats` on both
counting paths, and at-risk counts that match what the ledger shows for the same focus."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import pytest
from sqlalchemy import update

from backlog_desk.services import cases
from backlog_desk.services.campaigns import freeze_baseline
from backlog_desk.services.dashboard import (
    STALE_DAYS,
    LedgerFocus,
    cases_at_risk,
    dashboard,
)
from backlog_desk.services.demo import create_demo
from backlog_desk.services.ledger_view import LedgerQuery
from backlog_desk.services.stats import campaign_stats
from backlog_desk.store.database import Database, open_database
from backlog_desk.store.models import Case

from .conftest import AUDIT

AS_OF = dt.date(2026, 7, 15)
REFERENCE = dt.date(2026, 12, 31)
OPEN_NUMBERS = {"（2019）吉0105民初11号", "（2025）吉0105民初44号", "（2025）吉0105刑初5号",
                "（2026）吉0105民初1号"}


def numbers(q: LedgerQuery) -> set[str]:
    return {r.case_number for r in q.rows(list(q.ids())).values()}


@pytest.mark.parametrize("frozen", [False, True], ids=["cases", "tally"])
def test_figures_burn_down_and_projection_by_hand(ledger: Database, frozen: bool) -> None:
    if frozen:  # the frozen baseline is counted from the trigger-kept tally
        freeze_baseline(ledger, AUDIT)
    d = dashboard(ledger, as_of=AS_OF)
    assert d.frozen is frozen
    assert (d.total.total, d.total.closed, d.total.open) == (7, 4, 3)
    # closures: 04-02, 05-10, 06-30, 07-01
    assert [(p.day, p.open) for p in d.burn_down][:3] == [
        (dt.date(2026, 3, 30), 7), (dt.date(2026, 4, 6), 6), (dt.date(2026, 4, 13), 6)]
    assert [(p.day, p.open) for p in d.burn_down][-4:] == [
        (dt.date(2026, 6, 29), 5), (dt.date(2026, 7, 6), 3), (dt.date(2026, 7, 13), 3),
        (AS_OF, 3)]
    assert [(t.key, p.day, p.open) for t, p in d.target_points] == [
        ("all_80", dt.date(2026, 6, 30), 1), ("all_95", dt.date(2026, 9, 15), 0)]
    assert d.headline is not None and d.headline.key == "all_95"
    # 7 needed at 95 %, 4 closed; 2 closures in the last 28 days: 3 / (1/14) = 42 days
    p = d.projection
    assert p is not None
    assert (p.state, p.pace, p.remaining, p.day, p.days_late) == (
        "projected", Fraction(1, 14), 3, dt.date(2026, 8, 26), -20)
    assert [(b.day, b.open) for b in d.projection_line] == [
        (AS_OF, 3), (dt.date(2026, 8, 26), 0)]

    targets = {line.target.key: line for line in d.targets}
    old = targets["old_100"]  # filed by 2023-12-31: 4 cases, 2 closed by 06-30
    assert (old.status.tally.total, old.status.tally.closed, old.status.state) == (4, 2, "missed")
    assert old.status.days_left == -15
    # the 07-01 closure counts for the projection: 1 left at 1/28 a day, 43 days late
    assert (old.projection.day, old.projection.days_late) == (dt.date(2026, 8, 12), 43)
    assert targets["all_95"].status.days_left == 62

    depts = {line.name: line for line in d.departments}
    assert set(depts) == {"民一庭", "执行局", "刑事审判庭"}
    assert (depts["执行局"].rank, depts["执行局"].projection.state) == (1, "reached")  # type: ignore[union-attr]
    civil = depts["民一庭"]
    assert (civil.tally.total, civil.tally.closed, civil.rank) == (4, 2, 2)
    assert civil.target is not None and civil.target.state == "behind"
    assert civil.projection is not None
    assert (civil.projection.day, civil.projection.days_late) == (dt.date(2026, 9, 9), -6)
    crim = depts["刑事审判庭"]
    assert crim.projection is not None and crim.projection.state == "never"
    cutoff = dt.date(2025, 12, 31)
    assert crim.focus == LedgerFocus(department="刑事审判庭", status="open",
                                     filed_on_or_before=cutoff)
    # the open figures open exactly the open baseline cases (the 2026 case is not one)
    assert numbers(d.open_focus.query(ledger, AS_OF)) == OPEN_NUMBERS - {"（2026）吉0105民初1号"}
    assert civil.focus is not None
    assert civil.focus.query(ledger, AS_OF).count() == civil.tally.open == 2


def test_campaign_over_and_before_start(ledger: Database) -> None:
    after = dashboard(ledger, as_of=dt.date(2026, 10, 10))
    assert after.headline is not None and after.headline.key == "all_95"
    assert after.projection is not None and after.projection.state == "over"
    assert after.projection_line == []
    before = dashboard(ledger, as_of=dt.date(2026, 3, 1))
    assert [(p.day, p.open) for p in before.burn_down] == [(dt.date(2026, 3, 1), 7)]
    assert before.headline is not None and before.headline.key == "all_80"
    assert before.projection is not None and before.projection.state == "never"


def _same_as_stats(db: Database, day: dt.date) -> None:
    d = dashboard(db, as_of=day, risks=False)
    st = campaign_stats(db, as_of=day)
    assert d.total == st.total
    assert {(e.key, e.tally, e.rank) for e in st.departments} == {
        (line.name, line.tally, line.rank) for line in d.departments}
    assert [line.status for line in d.targets] == st.targets


@pytest.mark.parametrize("frozen", [False, True], ids=["cases", "tally"])
def test_agrees_with_stats(ledger: Database, frozen: bool) -> None:
    if frozen:
        freeze_baseline(ledger, AUDIT)
    for day in (dt.date(2026, 3, 1), dt.date(2026, 6, 30), AS_OF, dt.date(2026, 10, 1)):
        _same_as_stats(ledger, day)


def test_agrees_with_stats_on_a_demo_court(tmp_path: Path) -> None:
    create_demo(tmp_path / "demo.db", scale=600, seed=3, as_of=AS_OF)
    db = open_database(tmp_path / "demo.db")
    try:
        for day in (dt.date(2026, 5, 20), dt.date(2026, 6, 30), AS_OF):
            _same_as_stats(db, day)
        d = dashboard(db, as_of=AS_OF)
        # the burn-down ends on today's open figure and never rises
        opens = [p.open for p in d.burn_down]
        assert opens[-1] == d.total.open and opens == sorted(opens, reverse=True)
        # a click on the open figure or a department's bar shows as many cases as it says
        assert d.open_focus.query(db, AS_OF).count() == d.total.open
        for line in d.departments:
            assert line.focus is not None
            assert line.focus.query(db, AS_OF).count() == line.tally.open
    finally:
        db.dispose()


def test_risk_counts_are_what_the_ledger_shows(ledger: Database) -> None:
    risks = {r.key: r for r in cases_at_risk(ledger, AS_OF, REFERENCE)}
    # nobody has touched the ledger since 2026-03-01: every open case is stale, none has a
    # reason, none an expected date
    assert {k: r.count for k, r in risks.items()} == {
        "overdue": 0, "no_reason": 4, "stale": 4}
    assert numbers(risks["stale"].focus.query(ledger, AS_OF, REFERENCE)) == OPEN_NUMBERS

    cases.update_case(ledger, AUDIT, "（2019）吉0105民初11号", {"reason": "等待鉴定结论"})
    cases.update_case(ledger, AUDIT, "（2025）吉0105民初44号",
                      {"expected_close_date": "2026-07-01"})
    # Both edits are stamped with the real clock, after AS_OF: neither case is stale. Date
    # one inside the 30-day window to count it as progress the ordinary way.
    with ledger.session() as s:
        s.execute(update(Case).where(Case.case_number == "（2019）吉0105民初11号")
                  .values(updated_at=dt.datetime(2026, 7, 1, 10)))
    risks = {r.key: r for r in cases_at_risk(ledger, AS_OF, REFERENCE)}
    assert {k: r.count for k, r in risks.items()} == {
        "overdue": 1, "no_reason": 3, "stale": 2}
    for risk in risks.values():
        q = risk.focus.query(ledger, AS_OF, REFERENCE)
        assert q.count() == risk.count == len(q.ids())
    assert numbers(risks["overdue"].focus.query(ledger, AS_OF, REFERENCE)) == {
        "（2025）吉0105民初44号"}
    assert "（2019）吉0105民初11号" not in numbers(
        risks["no_reason"].focus.query(ledger, AS_OF, REFERENCE))
    assert "（2019）吉0105民初11号" not in numbers(
        risks["stale"].focus.query(ledger, AS_OF, REFERENCE))


def test_stale_filter_boundary(ledger: Database) -> None:
    """Changed 30 days before today (at any hour) is recent; a second earlier is stale."""
    number = "（2019）吉0105民初11号"
    base = LedgerQuery(ledger, today=AS_OF)
    for when, stale in ((dt.datetime(2026, 6, 15, 0, 0), False),
                        (dt.datetime(2026, 6, 14, 23, 59, 59), True)):
        with ledger.session() as s:
            s.execute(update(Case).where(Case.case_number == number).values(updated_at=when))
        q = base.with_filters(stale_days=STALE_DAYS)
        assert (number in numbers(q)) is stale
        assert q.is_filtered
    # closed cases are never "no progress", however old their last change
    assert "（2020）吉0105民初22号" not in numbers(base.with_filters(stale_days=STALE_DAYS))
    assert not base.with_filters(stale_days=None).is_filtered


def test_focus_maps_onto_ledger_filters(ledger: Database) -> None:
    focus = LedgerFocus(department="民一庭", status="open")
    assert numbers(focus.query(ledger, AS_OF)) == {
        "（2019）吉0105民初11号", "（2025）吉0105民初44号", "（2026）吉0105民初1号"}
    assert LedgerQuery(ledger).with_filters(**focus.filters()).department == "民一庭"


def test_a_projection_past_the_campaign_end_is_cut_at_the_end(ledger: Database) -> None:
    # Two closures (06-30, 07-01) in the 70 days to 09-01: 3 more need 105 days.
    d = dashboard(ledger, as_of=dt.date(2026, 9, 1), pace_weeks=10, risks=False)
    p = d.projection
    assert p is not None
    assert (p.day, p.days_late) == (dt.date(2026, 12, 15), 91)
    assert [(b.day, b.open) for b in d.projection_line] == [
        (dt.date(2026, 9, 1), 3), (dt.date(2026, 9, 30), 3)]
