"""The ledger search right after a large import, while the trigram index has not taken in
the new cases yet, and after the catch-up that indexes them (store.search,
services.search_index): the search always finds exactly what a scan of every case finds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from backlog_desk.domain.case_number import search_key
from backlog_desk.domain.text import clean_text
from backlog_desk.exchange.synthetic import generate_cases, make_court, write_case_system_export
from backlog_desk.services import cases
from backlog_desk.services.errors import Cancelled
from backlog_desk.services.imports import import_case_list
from backlog_desk.services.ledger_view import LedgerQuery
from backlog_desk.services.search_index import index_imported_cases, waiting_for_index
from backlog_desk.services.setup import init_database
from backlog_desk.store import search
from backlog_desk.store.database import Database, open_database
from backlog_desk.store.models import Case

from .conftest import AUDIT, KNOWN_CASES, add_cases

ROWS = 10_500  # above the 10,000 new cases that take the import's bulk path


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    court = make_court(ROWS, seed=5)
    rows = list(generate_cases(court, ROWS, seed=5, as_of=dt.date(2026, 3, 1)))
    path = tmp_path_factory.mktemp("export") / "big.xlsx"
    write_case_system_export(court, rows, path, seed=5, as_of=dt.date(2026, 3, 1))
    return path, rows


@pytest.fixture
def empty(db_target: str | Path) -> Iterator[Database]:
    db = init_database(db_target, AUDIT, court_name="长春市二道区人民法院", court_code="吉0105",
                       role="audit", campaign_year=2026)
    yield db
    db.dispose()


def _has_index(db: Database) -> bool:
    with db.engine.connect() as conn:
        return search.exists(conn)


def _scan(db: Database, fragment: str) -> set[int]:
    """What the search must find: every case whose number or title contains the fragment,
    tested in Python on every case."""
    key = search_key(fragment).replace("(", "（").replace(")", "）")
    title = clean_text(fragment)
    with db.read() as s:
        return {i for i, n, t in s.execute(select(Case.id, Case.case_number, Case.title))
                if key in n or title in (t or "")}


def _found(db: Database, fragment: str) -> set[int]:
    return set(LedgerQuery(db).with_filters(text=fragment).ids())


def _index_finds(db: Database, number: str) -> set[int]:
    """The cases the trigram index alone finds for a whole case number."""
    with db.engine.connect() as conn:
        return set(conn.execute(search.matching_ids(
            search.match_expression(number, number) or "")).scalars())


def _fragments(db: Database, rows: list[dict[str, Any]]) -> list[str]:
    picked = [rows[0], rows[len(rows) // 2], rows[-1]]
    return [*(str(r["case_number"])[1:-1] for r in picked),  # inner number fragments
            *(str(r["title"])[2:8] for r in picked),  # inner title fragments
            "民初", "执恢", "借款合同", "zzz"]


def _integrity(db: Database) -> None:
    """FTS5's own check that the index holds exactly the number and title of every case
    (raises otherwise, e.g. when a text it never indexed was deleted from it)."""
    with db.session() as s:
        s.execute(text(f"INSERT INTO {search.TABLE} ({search.TABLE}, rank) "
                       "VALUES ('integrity-check', 1)"))


def test_imported_cases_are_found_before_and_after_the_catch_up(
        empty: Database, export: tuple[Path, list[dict[str, Any]]]) -> None:
    path, rows = export
    report = import_case_list(empty, AUDIT, path)
    assert report.added == len(rows) and report.rejected == []
    indexed = _has_index(empty)  # SQLite with FTS5; PostgreSQL searches by LIKE alone
    # The import left its cases for later: the index alone does not know them yet.
    assert report.search_waiting == (len(rows) if indexed else 0)
    assert waiting_for_index(empty) == report.search_waiting
    one = str(rows[len(rows) // 2]["case_number"])
    if indexed:
        assert _index_finds(empty, one) == set()
    fragments = _fragments(empty, rows)
    before = {f: _found(empty, f) for f in fragments}
    for f in fragments:
        assert before[f] == _scan(empty, f), f
    assert before[fragments[1]]  # the middle case's number is found
    assert index_imported_cases(empty) == report.search_waiting
    assert waiting_for_index(empty) == 0
    assert index_imported_cases(empty) == 0  # nothing left: a no-op
    for f in fragments:
        assert _found(empty, f) == before[f], f
    if indexed:
        with empty.read() as s:
            wanted = s.execute(select(Case.id).where(Case.case_number == one)).scalar_one()
            config = dict(s.execute(text(
                f"SELECT k, v FROM {search.TABLE}_config "
                "WHERE k IN ('automerge', 'crisismerge', 'hashsize')")).all())
        assert _index_finds(empty, one) == {wanted}
        assert config == search.DEFAULTS  # the bulk settings did not outlive the catch-up
        _integrity(empty)


def test_edits_while_the_index_is_behind_keep_it_consistent(
        tmp_path: Path, export: tuple[Path, list[dict[str, Any]]]) -> None:
    db = init_database(tmp_path / "ledger.db", AUDIT, court_name="长春市二道区人民法院",
                       court_code="吉0105", role="audit", campaign_year=2026)
    try:
        if not _has_index(db):
            pytest.skip("this SQLite build has no FTS5 trigram tokenizer")
        add_cases(db, KNOWN_CASES)  # indexed as they are inserted
        path, rows = export
        report = import_case_list(db, AUDIT, path)
        assert report.search_waiting == report.added > 10_000  # only the new cases wait
        waiting_case = str(rows[0]["case_number"])
        gone = str(rows[1]["case_number"])
        # A changed title of an indexed case and of one not indexed yet; a case added
        # meanwhile; a deleted indexed case and a deleted waiting one (no service deletes
        # cases, but nothing may corrupt the index if something outside the app does).
        cases.update_case(db, AUDIT, "（2019）吉0105民初11号", {"title": "王某诉李某借款合同纠纷"})
        cases.update_case(db, AUDIT, waiting_case, {"title": "钱某诉孙某房屋租赁合同纠纷"})
        add_cases(db, [("（2026）吉0105民初777号", dt.date(2026, 2, 2), "民一庭", "张伟",
                        "open", None)])
        with db.session() as s:
            s.execute(text("DELETE FROM cases WHERE case_number IN (:a, :b)"),
                      {"a": "（2021）吉0105执100号", "b": gone})
        for fragment in ("借款合同纠纷", "房屋租赁合同", "民初777", "执100", gone[1:-1],
                         "案件0", "民初", str(rows[5]["title"])[1:6]):
            assert _found(db, fragment) == _scan(db, fragment), fragment
        assert _found(db, "房屋租赁合同") and _found(db, "民初777")
        assert index_imported_cases(db) == report.added - 1 + 1  # one deleted, one added
        _integrity(db)
        for fragment in ("借款合同纠纷", "房屋租赁合同", "民初777", "执100", "案件0"):
            assert _found(db, fragment) == _scan(db, fragment), fragment
    finally:
        db.dispose()


def test_a_stopped_catch_up_keeps_its_work_and_the_next_opening_finishes_it(
        tmp_path: Path, export: tuple[Path, list[dict[str, Any]]]) -> None:
    target = tmp_path / "ledger.db"
    db = init_database(target, AUDIT, court_name="长春市二道区人民法院", court_code="吉0105",
                       role="audit", campaign_year=2026)
    path, rows = export
    try:
        if not _has_index(db):
            pytest.skip("this SQLite build has no FTS5 trigram tokenizer")
        import_case_list(db, AUDIT, path)
        calls: list[tuple[int, int]] = []

        def stop_after_first(done: int, total: int) -> None:
            calls.append((done, total))
            if done:
                raise Cancelled()

        # Small transactions, but at most eight for the whole catch-up.
        chunk = -(-len(rows) // 8)
        with pytest.raises(Cancelled):
            search.catch_up(db.engine, chunk=1_000, progress=stop_after_first)
        assert calls == [(0, len(rows)), (chunk, len(rows))]
        assert waiting_for_index(db) == len(rows) - chunk
        fragments = _fragments(db, rows)
        for f in fragments:
            assert _found(db, f) == _scan(db, f), f
    finally:
        db.dispose()
    # As after a crash: the file on disk says which cases still wait, and they are found.
    again = open_database(target)
    try:
        assert waiting_for_index(again) == len(rows) - chunk
        assert _found(again, fragments[-4]) == _scan(again, fragments[-4])
        assert index_imported_cases(again) == len(rows) - chunk
        _integrity(again)
        for f in fragments:
            assert _found(again, f) == _scan(again, f), f
    finally:
        again.dispose()


def test_a_cancelled_large_import_leaves_the_index_as_it_was(
        tmp_path: Path, export: tuple[Path, list[dict[str, Any]]]) -> None:
    db = init_database(tmp_path / "ledger.db", AUDIT, court_name="长春市二道区人民法院",
                       court_code="吉0105", role="audit", campaign_year=2026)
    schema = "SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'case_search%'"
    try:
        if not _has_index(db):
            pytest.skip("this SQLite build has no FTS5 trigram tokenizer")
        add_cases(db, KNOWN_CASES)
        with db.read() as s:
            before = set(s.execute(text(schema)).all())
        asked = 0
        backups = tmp_path / "ledger.backups"

        def cancel_midway() -> bool:
            # Once the backup before writing is taken, the import asks before each chunk of
            # inserts: the second time, one chunk is in and the search index's triggers are
            # already replaced inside the transaction.
            nonlocal asked
            if any(backups.glob("*before-import*")):
                asked += 1
            return asked == 2

        with pytest.raises(Cancelled):
            import_case_list(db, AUDIT, export[0], cancelled=cancel_midway)
        assert asked == 2
        with db.read() as s:
            assert set(s.execute(text(schema)).all()) == before
            assert s.execute(select(func.count()).select_from(Case)).scalar_one() == len(
                KNOWN_CASES)
        assert waiting_for_index(db) == 0
        _integrity(db)
    finally:
        db.dispose()
