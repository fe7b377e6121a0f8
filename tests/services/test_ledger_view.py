"""The table's paging service on SQLite and PostgreSQL: same orders, same filters."""

from __future__ import annotations

import pytest

from backlog_desk.services import cases
from backlog_desk.services.errors import InvalidValue
from backlog_desk.services.ledger_view import SORT_KEYS, LedgerQuery
from backlog_desk.store.database import Database

from .conftest import KNOWN_CASES


def test_ids_follow_the_sort_and_rows_match(ledger: Database) -> None:
    q = LedgerQuery(ledger)
    ids = q.ids("filing_date")
    assert len(ids) == len(KNOWN_CASES) == q.count()
    rows = q.rows(list(ids))
    dates = [rows[i].filing_date for i in ids]
    assert dates == sorted(dates)
    newest_first = q.ids("filing_date", descending=True)
    assert list(newest_first) == list(reversed(ids))
    for key in SORT_KEYS:  # every allowed key works on this dialect
        assert sorted(q.ids(key)) == sorted(ids)
    with pytest.raises(InvalidValue):
        q.ids("title; DROP TABLE cases")


def test_filters_agree_with_list_cases(ledger: Database) -> None:
    q = LedgerQuery(ledger).with_filters(department="民一庭", status="open")
    expected = {c.case_number for c in cases.list_cases(ledger, department="民一庭",
                                                          status="open")}
    assert {r.case_number for r in q.rows(list(q.ids())).values()} == expected
    found = LedgerQuery(ledger).with_filters(text="(2022)吉0105民初３３")
    assert [r.case_number for r in found.rows(list(found.ids())).values()] == [
        "（2022）吉0105民初33号"]
    judges = LedgerQuery(ledger).ids("judge")
    names = [r.judge for r in (LedgerQuery(ledger).rows(list(judges))[i] for i in judges)]
    assert names == sorted(names)
