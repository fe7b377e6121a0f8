"""The id-list ledger model and the paging service behind it, on a real demo ledger."""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Sequence
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from backlog_desk.domain.ages import age_months
from backlog_desk.services.cases import find_cases, list_cases
from backlog_desk.services.errors import InvalidValue
from backlog_desk.services.ledger_view import (
    MAX_PAGE,
    SORT_KEYS,
    LedgerQuery,
    LedgerRow,
    count_cases,
    department_names,
)
from backlog_desk.store.database import Database
from backlog_desk.ui import ledger_model
from backlog_desk.ui.ledger_model import (
    COLUMN_BY_KEY,
    COLUMNS,
    PAGE_SIZE,
    ROW_ROLE,
    SORT_ROLE,
    LedgerModel,
)

pytestmark = pytest.mark.gui

REFERENCE = dt.date(2026, 12, 31)


class CountingQuery(LedgerQuery):
    """A LedgerQuery that records every page it is asked for."""

    fetched: list[int]

    def rows(self, ids: Sequence[int]) -> dict[int, LedgerRow]:
        self.fetched.append(len(ids))
        return super().rows(ids)


def counting(db: Database) -> CountingQuery:
    query = CountingQuery(db)
    object.__setattr__(query, "fetched", [])
    return query


def loaded_model(db: Database, query: LedgerQuery | None = None) -> LedgerModel:
    model = LedgerModel()
    model.set_query(query or LedgerQuery(db), REFERENCE)
    return model


def values(model: LedgerModel, key: str) -> list[Any]:
    col = COLUMN_BY_KEY[key]
    return [model.index(r, col).data(SORT_ROLE) for r in range(model.rowCount())]


def test_model_passes_qt_model_tester(db: Database, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(loaded_model(db))


def test_rows_are_fetched_lazily_in_pages(db: Database) -> None:
    query = counting(db)
    model = loaded_model(db, query)
    assert model.rowCount() == count_cases(db) > 10 * PAGE_SIZE
    assert query.fetched == []  # showing the count reads no row
    model.index(0, 0).data()
    model.index(PAGE_SIZE - 1, 3).data()
    assert query.fetched == [PAGE_SIZE]
    model.index(PAGE_SIZE, 0).data()
    assert query.fetched == [PAGE_SIZE, PAGE_SIZE]
    last = model.rowCount() - 1
    model.index(last, 0).data()
    assert query.fetched[-1] == model.rowCount() - (last // PAGE_SIZE) * PAGE_SIZE


def test_page_cache_is_bounded_lru(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger_model, "MAX_PAGES", 2)
    query = counting(db)
    model = loaded_model(db, query)
    for page in (0, 1, 0, 2):  # page 0 was used more recently than 1, so 1 is evicted
        model.row_at(page * PAGE_SIZE)
    assert model.cached_pages == 2 and len(query.fetched) == 3
    model.row_at(0)
    assert len(query.fetched) == 3
    model.row_at(PAGE_SIZE)
    assert len(query.fetched) == 4


def test_cells_show_what_the_service_stores(db: Database) -> None:
    model = loaded_model(db)
    first = list_cases(db)[0]  # same default order: filing date, then id
    row = model.index(0, 0).data(ROW_ROLE)
    assert isinstance(row, LedgerRow)
    assert row.case_number == first.case_number
    shown = {c.key: model.index(0, i).data() for i, c in enumerate(COLUMNS)}
    assert shown["case_number"] == first.case_number
    assert shown["title"] == first.title
    assert shown["filing_date"] == first.filing_date.isoformat()
    assert shown["department"] == first.department
    assert shown["judge"] == first.judge
    assert shown["leader"] == first.leader
    assert shown["age_months"] == str(age_months(first.filing_date, REFERENCE))
    assert shown["status"] == {"open": "未结", "closed": "已结"}[first.status]
    expected = first.expected_close_date.isoformat() if first.expected_close_date else ""
    assert shown["expected_close_date"] == expected
    assert model.index(0, COLUMN_BY_KEY["age_months"]).data(
        Qt.ItemDataRole.TextAlignmentRole) is not None


@pytest.mark.parametrize("key", SORT_KEYS)
def test_every_column_sorts_both_ways_in_sql(db: Database, key: str) -> None:
    model = loaded_model(db)
    col = COLUMN_BY_KEY[key]
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(col, order)
        assert model.sort_key == (key, order == Qt.SortOrder.DescendingOrder)
        got = values(model, key)
        assert len(got) == count_cases(db)
        if key in ("department",):
            continue  # ordered by the court's department order, checked below
        present = [v for v in got if v != ""]
        # Empty values (no leader, no expected date) come last in both directions.
        assert got[len(present):] == [""] * (len(got) - len(present))
        descending = order == Qt.SortOrder.DescendingOrder
        assert present == sorted(present, reverse=descending), key


def test_department_sort_follows_the_courts_order(db: Database) -> None:
    model = loaded_model(db)
    model.sort(COLUMN_BY_KEY["department"], Qt.SortOrder.AscendingOrder)
    rank = {name: i for i, name in enumerate(department_names(db))}
    got = [rank[str(v)] for v in values(model, "department") if v]
    assert got == sorted(got)


def test_age_sorts_oldest_case_first_when_descending(db: Database) -> None:
    model = loaded_model(db)
    model.sort(COLUMN_BY_KEY["age_months"], Qt.SortOrder.DescendingOrder)
    ages = values(model, "age_months")
    assert ages[0] == max(ages) and ages[-1] == min(ages) and ages[0] != ages[-1]


def test_filters_match_the_case_service(db: Database) -> None:
    base = LedgerQuery(db)
    name = department_names(db)[0]
    q = base.with_filters(department=name, status="open")
    expected = list_cases(db, department=name, status="open")
    assert q.count() == len(q.ids()) == len(expected) > 0
    assert base.with_filters(department="没有这个庭").count() == 0
    number = list_cases(db)[5].case_number
    fragment = number.replace("（", "[").replace("）", "]")[:-1]
    by_service = {c.case_number for c in find_cases(db, fragment, limit=10_000)}
    by_query = base.with_filters(text=fragment)
    rows = by_query.rows(by_query.ids()[:MAX_PAGE])
    assert number in {r.case_number for r in rows.values()}
    assert {r.case_number for r in rows.values()} == by_service


def test_query_refuses_what_is_not_allowed(db: Database) -> None:
    with pytest.raises(InvalidValue):
        LedgerQuery(db).ids("filing_date; DROP TABLE cases")
    with pytest.raises(InvalidValue):
        LedgerQuery(db, status="pending")
    with pytest.raises(ValueError):
        LedgerQuery(db).rows(list(range(MAX_PAGE + 1)))
    assert LedgerQuery(db).rows([]) == {}


def test_ids_are_a_compact_array(db: Database) -> None:
    ids = LedgerQuery(db).ids()
    assert isinstance(ids, array) and ids.typecode == "q"
    assert len(set(ids)) == len(ids) == count_cases(db)


def test_deleted_rows_show_empty_not_crash(db: Database) -> None:
    model = LedgerModel()
    query = LedgerQuery(db)
    ids = query.ids()
    ids.append(10**12)  # an id that no longer exists
    model.set_query(query, REFERENCE, ids)
    assert model.index(model.rowCount() - 1, 0).data() is None


def test_header_titles_follow_the_language(db: Database) -> None:
    from backlog_desk.ui import i18n

    model = loaded_model(db)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "案号"
    i18n.install("en")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Case number"
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"


def test_background_reads_apply_only_the_newest_request(db: Database, qtbot: QtBot) -> None:
    model = LedgerModel(background=True)
    query = LedgerQuery(db)
    model.set_query(query, REFERENCE, query.ids())  # ids given: shown at once
    assert model.rowCount() == count_cases(db) and not model.is_loading
    resets: list[None] = []
    model.modelReset.connect(lambda: resets.append(None))
    with qtbot.waitSignal(model.loading, timeout=30_000,
                          check_params_cb=lambda busy: busy is False):
        model.sort(COLUMN_BY_KEY["filing_date"], Qt.SortOrder.DescendingOrder)
        assert model.is_loading
        # A second click before the first list arrives: the first one must never show.
        model.sort(COLUMN_BY_KEY["case_number"], Qt.SortOrder.AscendingOrder)
    assert resets == [None]
    assert model.sort_key == ("case_number", False)
    numbers = values(model, "case_number")
    assert numbers == sorted(numbers) and len(numbers) == count_cases(db)


def test_background_read_shows_the_first_ids_then_appends_the_rest(
        db: Database, qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    total = count_cases(db)
    first = 7
    assert total > first
    model = LedgerModel(background=True, first_ids=first)
    # The Qt model tester watches every signal: the append must be a well-formed insert.
    qtmodeltester.check(model)
    resets: list[None] = []
    inserted: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(None))
    model.rowsInserted.connect(lambda _p, start, end: inserted.append((start, end)))
    seen_partial: list[int] = []
    # The view is current (shows the new order) while the rest of the list is still read.
    model.modelReset.connect(lambda: seen_partial.append(model.rowCount()))
    with qtbot.waitSignal(model.loading, timeout=30_000,
                          check_params_cb=lambda busy: busy is False):
        model.set_query(LedgerQuery(db), REFERENCE)
        assert not model.is_current and model.is_loading
    assert seen_partial == [first] and resets == [None]
    assert inserted == [(first, total - 1)]
    assert model.is_current and not model.is_loading
    assert list(model.ids) == list(LedgerQuery(db).ids())
    dates = values(model, "filing_date")
    assert dates == sorted(dates) and len(dates) == total


def test_a_stale_first_window_never_lands(db: Database, qtbot: QtBot) -> None:
    model = LedgerModel(background=True, first_ids=5)
    query = LedgerQuery(db)
    model.set_query(query, REFERENCE, query.ids())
    with qtbot.waitSignal(model.loading, timeout=30_000,
                          check_params_cb=lambda busy: busy is False):
        model.sort(COLUMN_BY_KEY["filing_date"], Qt.SortOrder.DescendingOrder)
        model.sort(COLUMN_BY_KEY["case_number"], Qt.SortOrder.DescendingOrder)
    # Neither the first window nor the whole list of the superseded sort arrives later.
    qtbot.wait(200)
    numbers = values(model, "case_number")
    assert numbers == sorted(numbers, reverse=True) and len(numbers) == count_cases(db)
    assert model.sort_key == ("case_number", True)


def test_a_reload_of_the_same_list_keeps_the_view(db: Database, qtbot: QtBot) -> None:
    model = LedgerModel(background=True, first_ids=5)
    query = LedgerQuery(db)
    model.set_query(query, REFERENCE, query.ids())
    resets: list[None] = []
    model.modelReset.connect(lambda: resets.append(None))
    with qtbot.waitSignal(model.loading, timeout=30_000,
                          check_params_cb=lambda busy: busy is False):
        model.reload()
    # Same ids in the same order: no reset (the scroll position and selection stay).
    assert resets == [] and model.rowCount() == count_cases(db)
