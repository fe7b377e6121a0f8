"""The ledger's judge, leader, reason-category and campaign-target-group filters, on SQLite
and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from backlog_desk.services import cases
from backlog_desk.services.campaigns import active_campaign
from backlog_desk.services.errors import InvalidValue
from backlog_desk.services.ledger_view import (
    LedgerQuery,
    judge_names,
    leader_names,
    target_groups,
)
from backlog_desk.store.database import Database

from .conftest import AUDIT, KNOWN_CASES

TODAY = dt.date(2026, 7, 15)


def numbers(q: LedgerQuery) -> set[str]:
    found = {r.case_number for r in q.rows(list(q.ids())).values()}
    assert q.count() == len(found)
    return found


def test_judge_filter_and_names(ledger: Database) -> None:
    base = LedgerQuery(ledger, today=TODAY)
    assert judge_names(ledger) == sorted({c[3] for c in KNOWN_CASES})
    for judge in ("张伟", "刘洋", "赵敏"):
        assert numbers(base.with_filters(judge=judge)) == {
            c[0] for c in KNOWN_CASES if c[3] == judge}
    assert numbers(base.with_filters(judge="没这个人")) == set()
    both = base.with_filters(judge="刘洋", status="open")
    assert numbers(both) == {"（2025）吉0105民初44号", "（2026）吉0105民初1号"}
    assert both.is_filtered


def test_leader_filter_and_names(ledger: Database) -> None:
    assert leader_names(ledger) == []
    for number in ("（2019）吉0105民初11号", "（2021）吉0105执100号"):
        cases.update_case(ledger, AUDIT, number, {"leader": "苏洪涛"}, today=TODAY)
    assert leader_names(ledger) == ["苏洪涛"]
    q = LedgerQuery(ledger, today=TODAY).with_filters(leader="苏洪涛")
    assert numbers(q) == {"（2019）吉0105民初11号", "（2021）吉0105执100号"}
    assert numbers(q.with_filters(leader="苏洪涛", department="执行局")) == {
        "（2021）吉0105执100号"}


def test_reason_category_filter(ledger: Database) -> None:
    cases.update_case(ledger, AUDIT, "（2019）吉0105民初11号",
                      {"reason_category": "鉴定评估"}, today=TODAY)
    cases.update_case(ledger, AUDIT, "（2025）吉0105刑初5号",
                      {"reason_category": "publication"}, today=TODAY)
    base = LedgerQuery(ledger, today=TODAY)
    assert numbers(base.with_filters(reason_category="appraisal")) == {"（2019）吉0105民初11号"}
    assert numbers(base.with_filters(reason_category="publication")) == {
        "（2025）吉0105刑初5号"}
    assert numbers(base.with_filters(reason_category="bankruptcy")) == set()
    with pytest.raises(InvalidValue):
        base.with_filters(reason_category="鉴定评估")  # keys, not labels


def test_target_groups_select_by_filing_date(ledger: Database) -> None:
    plan = active_campaign(ledger).plan
    groups = target_groups(ledger)
    days = [g.filed_on_or_before for g in groups]
    assert days[0] == plan.cutoff_date
    assert set(days[1:]) == {t.filed_on_or_before for t in plan.targets
                             if t.filed_on_or_before} - {plan.cutoff_date}
    base = LedgerQuery(ledger, today=TODAY)
    for group in groups:
        q = base.with_filters(filed_on_or_before=group.filed_on_or_before)
        assert numbers(q) == {c[0] for c in KNOWN_CASES if c[1] <= group.filed_on_or_before}
    # A target of "filed on or before 2020-12-31" includes a case filed that very day.
    edge = base.with_filters(filed_on_or_before=dt.date(2020, 12, 31))
    assert numbers(edge) == {"（2019）吉0105民初11号", "（2020）吉0105民初22号"}


def test_first_ids_of_a_large_ledger(ledger: Database, db_target: str | Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from backlog_desk.services import ledger_view

    every = LedgerQuery(ledger).ids("case_number")
    assert LedgerQuery(ledger).ids("case_number", limit=3) == every[:3]
    assert LedgerQuery(ledger).ids("case_number", True, limit=2) == every[::-1][:2]
    monkeypatch.setattr(ledger_view, "FIRST_IDS_ABOVE", len(KNOWN_CASES) - 1)
    monkeypatch.setattr(ledger_view, "FIRST_IDS", 4)
    opened = ledger_view.open_ledger(str(db_target), ("case_number", False))
    try:
        assert not opened.complete and opened.total == len(KNOWN_CASES)
        assert opened.ids == every[:4]
    finally:
        opened.db.dispose()
