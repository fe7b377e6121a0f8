"""The table's paging service on SQLite and PostgreSQL: same orders, same filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from backlog_desk.domain.case_number import search_key
from backlog_desk.domain.text import clean_text
from backlog_desk.services import cases
from backlog_desk.services.demo import create_demo
from backlog_desk.services.errors import InvalidValue
from backlog_desk.services.ledger_view import SORT_KEYS, LedgerQuery
from backlog_desk.store import search
from backlog_desk.store.database import Database, open_database

from .conftest import AUDIT, KNOWN_CASES


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


def _search_index_check(db: Database) -> None:
    # FTS5's own check that every case's number and title are indexed as they are now.
    with db.session() as s:
        s.execute(text(f"INSERT INTO {search.TABLE} ({search.TABLE}) "
                       "VALUES ('integrity-check')"))


FRAGMENTS = ("吉0105民初", "执100", "案件1", "(2022)吉0105民初３３", "（2019）", "民初",
             "zzz", 'a"b', "案件")


def test_search_finds_exactly_what_a_scan_finds(ledger: Database) -> None:
    if ledger.is_sqlite:
        with ledger.engine.connect() as conn:
            assert search.exists(conn)  # step 8 built the trigram index
    everything = LedgerQuery(ledger)
    rows = everything.rows(list(everything.ids()))
    for fragment in FRAGMENTS:
        key = search_key(fragment).replace("(", "（").replace(")", "）")
        expected = [i for i in everything.ids()
                    if key in rows[i].case_number or clean_text(fragment) in rows[i].title]
        assert list(everything.with_filters(text=fragment).ids()) == expected, fragment
    assert len(everything.with_filters(text="执100").ids()) == 1


def test_search_index_follows_edits(ledger: Database) -> None:
    q = LedgerQuery(ledger)
    assert len(q.with_filters(text="借款合同纠纷").ids()) == 0
    cases.update_case(ledger, AUDIT, "（2019）吉0105民初11号", {"title": "王某诉李某借款合同纠纷"})
    found = q.with_filters(text="借款合同纠纷")
    assert [r.case_number for r in found.rows(list(found.ids())).values()] == [
        "（2019）吉0105民初11号"]
    # The old title is gone from the index, not only from the table.
    assert list(q.with_filters(text="案件0").ids()) == []
    if ledger.is_sqlite:
        _search_index_check(ledger)


def test_bulk_loaded_cases_are_searchable(tmp_path: Path) -> None:
    # The demo loader drops the index's insert trigger and indexes the rows in one pass.
    create_demo(tmp_path / "demo.db", scale=300)
    db = open_database(tmp_path / "demo.db")
    try:
        _search_index_check(db)
        q = LedgerQuery(db)
        ids = q.ids()
        sample = q.rows(list(ids[:50]))
        for row in list(sample.values())[:5]:
            fragment = row.case_number[1:-1]  # no brackets or 号: a true inner fragment
            assert row.id in q.with_filters(text=fragment).ids()
        with db.engine.connect() as conn:
            assert conn.execute(text(
                f"SELECT count(*) FROM {search.TABLE}_docsize")).scalar_one() == len(ids)
    finally:
        db.dispose()


def test_first_ids_are_the_start_of_the_whole_list(ledger: Database) -> None:
    # Blank-last sorts read their first ids in two parts (the filled values through an
    # index, then the blanks); the result must be exactly the head of the full order.
    cases.update_case(ledger, AUDIT, "（2020）吉0105民初22号",
                      {"expected_close_date": "2026-09-30", "reason": "等待鉴定"})
    cases.update_case(ledger, AUDIT, "（2025）吉0105民初44号",
                      {"expected_close_date": "2026-08-01", "reason": "公告送达"})
    for q in (LedgerQuery(ledger), LedgerQuery(ledger).with_filters(status="open")):
        for key in SORT_KEYS:
            for descending in (False, True):
                whole = list(q.ids(key, descending))
                for limit in (1, 2, 3, len(whole), len(whole) + 5):
                    assert list(q.ids(key, descending, limit=limit)) == whole[:limit], (
                        key, descending, limit)


@pytest.mark.parametrize("key", ["judge", "expected_close_date", "reason", "title"])
def test_blank_last_orders_match_python(ledger: Database, key: str) -> None:
    cases.update_case(ledger, AUDIT, "（2020）吉0105民初22号",
                      {"expected_close_date": "2026-09-30", "reason": "等待鉴定"})
    cases.update_case(ledger, AUDIT, "（2021）吉0105执100号",
                      {"expected_close_date": "2026-09-30", "reason": "等待鉴定"})
    q = LedgerQuery(ledger)
    rows = q.rows(list(q.ids()))
    filled = [i for i in rows if getattr(rows[i], key) not in (None, "")]
    blank = [i for i in rows if i not in filled]
    for descending in (False, True):
        expected = (sorted(filled, key=lambda i: (getattr(rows[i], key), i),
                           reverse=descending)
                    + sorted(blank, reverse=descending))
        assert list(q.ids(key, descending)) == expected
