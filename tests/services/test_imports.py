"""Importing the case system's export: counts, rejections, conflicts, idempotence, updates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, text

from backlog_desk.exchange.synthetic import generate_cases, make_court, write_case_system_export
from backlog_desk.services import cases
from backlog_desk.services.errors import Cancelled, InvalidValue, PermissionDenied
from backlog_desk.services.imports import import_case_list
from backlog_desk.services.search_index import index_imported_cases
from backlog_desk.services.setup import init_database
from backlog_desk.store import search
from backlog_desk.store.database import Database
from backlog_desk.store.models import AuditEntry, Case, Department, ImportBatch, Person
from tests.exchange.messy_files import (
    MESSY_GOOD,
    MESSY_PROBLEMS,
    cn,
    write_csv,
    write_messy_xlsx,
    write_random_bytes,
    write_xlsx,
)

from .conftest import AUDIT, CLERK, audit_count

HEADER = ["案号", "案件名称", "立案日期", "承办部门", "承办人", "案件状态", "结案日期"]


@pytest.fixture
def empty(db_target: str | Path) -> Iterator[Database]:
    db = init_database(db_target, AUDIT, court_name="长春市二道区人民法院", court_code="吉0105",
                       role="audit", campaign_year=2026)
    yield db
    db.dispose()


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def _snapshot(db: Database) -> list[tuple[object, ...]]:
    return [(c.case_number, c.title, c.filing_date, c.department, c.judge, c.status,
             c.closed_date, c.closure_candidate) for c in cases.list_cases(db)]


def test_messy_workbook_imports_good_rows_and_names_every_rejected_one(
        empty: Database, tmp_path: Path) -> None:
    path = write_messy_xlsx(tmp_path)
    report = import_case_list(empty, AUDIT, path)
    assert (report.added, report.updated, report.unchanged) == (len(MESSY_GOOD), 0, 0)
    assert [(i.row, i.field, i.case_number) for i in report.rejected] == [
        (row, field, number) for row, field, _value, number, _reason in MESSY_PROBLEMS]
    assert all(i.file == path.name and i.sheet == "未结案件" for i in report.rejected)
    assert report.columns["case_number"] and report.columns["filing_date"]
    stored = {c.case_number: c for c in cases.list_cases(empty)}
    for number, filed, dept, judge, leader, expected in MESSY_GOOD.values():
        c = stored[number]
        assert (c.filing_date, c.department, c.judge, c.leader, c.expected_close_date) == (
            filed, dept, judge, leader, expected)
    assert report.backup is not None or not isinstance(empty.path, Path)


def test_same_file_twice_changes_nothing(empty: Database, tmp_path: Path) -> None:
    path = write_messy_xlsx(tmp_path)
    import_case_list(empty, AUDIT, path)
    before, entries, batches = _snapshot(empty), audit_count(empty), _count(empty, ImportBatch)
    again = import_case_list(empty, AUDIT, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(MESSY_GOOD))
    assert again.closure_candidates == [] and again.backup is None
    assert _snapshot(empty) == before
    assert (audit_count(empty), _count(empty, ImportBatch)) == (entries, batches)


def test_newer_export_updates_and_flags_vanished_cases(empty: Database, tmp_path: Path) -> None:
    first = write_xlsx(tmp_path, "week1.xlsx", {"案件": [
        HEADER,
        [cn(1), "张三诉李四", dt.date(2021, 3, 5), "民一庭", "张伟", "未结", None],
        [cn(2), "王五诉赵六", dt.date(2021, 3, 6), "民一庭", "张伟", "未结", None],
        [cn(3), "孙七诉周八", dt.date(2021, 3, 7), "民一庭", "刘洋", "未结", None],
    ]})
    import_case_list(empty, AUDIT, first)
    cases.update_case(empty, CLERK, cn(1), {"reason": "鉴定中"}, today=dt.date(2026, 5, 1))
    second = write_xlsx(tmp_path, "week2.xlsx", {"案件": [
        HEADER,
        [cn(1), "张三诉李四", dt.date(2021, 3, 5), "民一庭", "刘洋", "未结", None],  # new judge
        [cn(2), "王五诉赵六", dt.date(2021, 3, 6), "民一庭", "张伟", "已结",
         dt.date(2026, 4, 20)],                                                    # closed
        [cn(4), "吴九诉郑十", dt.date(2021, 3, 9), "民一庭", "张伟", "未结", None],  # new
    ]})
    report = import_case_list(empty, AUDIT, second)
    assert (report.added, report.updated, report.unchanged) == (1, 2, 0)
    assert report.closure_candidates == [cn(3)]
    assert {(c.case_number, c.field, c.old, c.new) for c in report.changes} == {
        (cn(1), "judge", "张伟", "刘洋"), (cn(2), "status", "open", "closed"),
        (cn(2), "closed_date", "", "2026-04-20")}
    one = cases.get_case(empty, cn(1))
    assert (one.judge, one.reason) == ("刘洋", "鉴定中")  # the department's reason survives
    assert cases.get_case(empty, cn(3)).closure_candidate
    assert cases.get_case(empty, cn(3)).status == "open"  # flagged, never closed
    with empty.read() as s:
        sources = set(s.execute(select(AuditEntry.source).where(
            AuditEntry.field == "judge")).scalars())
    assert sources == {"week2.xlsx"}


def test_same_case_twice_with_different_data_is_a_conflict(empty: Database,
                                                           tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, "dup.xlsx", {"案件": [
        HEADER,
        [cn(1), "张三诉李四", dt.date(2021, 3, 5), "民一庭", "张伟", "未结", None],
        [cn(2), "王五诉赵六", dt.date(2021, 3, 6), "民一庭", "张伟", "未结", None],
        ["(2021)吉0105民初1号", "张三诉李四", dt.date(2021, 3, 5), "民二庭", "张伟", "未结",
         None],
        [cn(2), "王五诉赵六", dt.date(2021, 3, 6), "民一庭", "张伟", "未结", None],
    ]})
    report = import_case_list(empty, AUDIT, path)
    assert report.added == 1  # case 2 (its exact repeat counted once)
    assert sorted((c.row, c.field) for c in report.conflicts) == [(2, "department"),
                                                                  (4, "department")]
    assert "rows 2, 4" in report.conflicts[0].reason
    assert [c.case_number for c in cases.list_cases(empty)] == [cn(2)]


def test_rejections_leave_good_rows_and_bad_numbers_are_named(empty: Database,
                                                              tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, "bad.xlsx", {"案件": [
        HEADER,
        ["（2018）渝0114号", "无类型", dt.date(2018, 1, 2), "民一庭", "张伟", "未结", None],
        ["(2011)东辽民初字第某某号", "占位", dt.date(2011, 1, 2), "民一庭", "张伟", "未结", None],
        [cn(5), "好的", dt.date(2021, 1, 2), "民一庭", "张伟", "已结", None],
        [cn(6), "好的", dt.date(2021, 1, 2), "民一庭", "张伟", "未结", None],
    ]})
    report = import_case_list(empty, AUDIT, path)
    assert [(i.row, i.field) for i in report.rejected] == [
        (2, "case_number"), (3, "case_number"), (4, "closed_date")]
    assert report.added == 1


def test_dry_run_and_cancel_leave_the_database_exactly_as_it_was(
        empty: Database, tmp_path: Path) -> None:
    path = write_messy_xlsx(tmp_path)
    entries = audit_count(empty)
    dry = import_case_list(empty, AUDIT, path, dry_run=True)
    assert dry.added == len(MESSY_GOOD) and dry.dry_run
    assert _count(empty, Case) == 0 and audit_count(empty) == entries
    calls = iter(range(1000))
    with pytest.raises(Cancelled):
        # Let the file be read, then cancel inside the write transaction.
        import_case_list(empty, AUDIT, path, cancelled=lambda: next(calls) > 3)
    assert _count(empty, Case) == 0 and audit_count(empty) == entries
    assert _count(empty, ImportBatch) == 0


def test_bad_files_and_permissions(empty: Database, tmp_path: Path) -> None:
    junk = write_random_bytes(tmp_path, "cases.xlsx")
    with pytest.raises(InvalidValue, match=r"cases\.xlsx") as err:
        import_case_list(empty, AUDIT, junk)
    assert err.value.field == "file"
    with pytest.raises(PermissionDenied):
        import_case_list(empty, CLERK, write_messy_xlsx(tmp_path))
    assert _count(empty, Case) == 0


def test_gbk_csv_export(empty: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "export.csv", encoding="gbk")
    report = import_case_list(empty, AUDIT, path)
    assert report.added == 2 and [i.field for i in report.rejected] == ["filing_date"]
    assert cases.get_case(empty, cn(1)).judge == "张三"


def test_synthetic_messy_export_round_trips(empty: Database, tmp_path: Path) -> None:
    court = make_court(120, seed=3)
    rows = [c for c in generate_cases(court, 120, seed=3, as_of=dt.date(2026, 3, 1))
            if c["status"] == "open"]
    path = tmp_path / "export.xlsx"
    write_case_system_export(court, rows, path, messy=True, seed=3, as_of=dt.date(2026, 3, 1))
    report = import_case_list(empty, AUDIT, path)
    assert report.rejected == [] and report.conflicts == []
    assert report.added == len(rows)
    stored = {c.case_number: c for c in cases.list_cases(empty)}
    for r in rows:
        c = stored[str(r["case_number"])]
        assert (c.filing_date, c.department, c.judge) == (r["filing_date"], r["department"],
                                                          r["judge"])


def test_large_import_defers_indexes_and_still_logs_every_new_case(
        empty: Database, tmp_path: Path) -> None:
    # 12,000 rows take the bulk path (secondary indexes, tally and change-log triggers
    # dropped inside the transaction and rebuilt at its end); the result must be the same as
    # row-by-row maintenance: every case in the change log once, in insertion order, and
    # the triggers and indexes back in place for the next change.
    court = make_court(12_000, seed=4)
    rows = list(generate_cases(court, 12_000, seed=4, as_of=dt.date(2026, 3, 1)))
    path = tmp_path / "big.xlsx"
    write_case_system_export(court, rows, path, seed=4, as_of=dt.date(2026, 3, 1))
    schema = "SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger')"
    sqlite = isinstance(empty.path, Path)
    if sqlite:
        with empty.read() as s:
            before = set(s.execute(text(schema)).all())
    report = import_case_list(empty, AUDIT, path)
    assert report.added == len(rows) >= 10_000 and report.rejected == []
    with empty.read() as s:
        ids = list(s.execute(select(Case.id).order_by(Case.id)).scalars())
        logged = list(s.execute(text("SELECT case_id FROM sync_change ORDER BY id")).scalars())
        stored = {n: (f, st) for n, f, st in s.execute(
            select(Case.case_number, Case.filing_date, Case.status))}
        if sqlite:
            # All back but the search index's insert trigger: the new cases wait for the
            # catch-up after the commit, and so would any case added meanwhile.
            after = set(s.execute(text(schema)).all())
            assert after == (before - {("trigger", search.INSERT_TRIGGER)}
                             if report.search_waiting else before)
    assert report.search_waiting in (0, len(rows))
    assert index_imported_cases(empty) == report.search_waiting
    if sqlite:
        with empty.read() as s:
            assert set(s.execute(text(schema)).all()) == before
    assert logged == ids and len(ids) == len(rows)
    assert stored == {str(r["case_number"]): (r["filing_date"], r["status"]) for r in rows}
    one = str(rows[0]["case_number"])
    cases.update_case(empty, AUDIT, one, {"notes": "跟进"})
    with empty.read() as s:
        last = s.execute(text("SELECT case_id FROM sync_change ORDER BY id DESC")).first()
        assert last is not None and last[0] == s.execute(
            select(Case.id).where(Case.case_number == one)).scalar_one()


def test_status_from_closed_date_when_the_file_has_no_status_column(
        empty: Database, tmp_path: Path) -> None:
    header = ["案号", "案件名称", "立案日期", "承办部门", "承办人", "结案日期"]
    path = write_xlsx(tmp_path, "no-status.xlsx", {"案件": [
        header,
        [cn(1), "张三诉李四", dt.date(2021, 3, 5), "民一庭", "张伟", dt.date(2026, 4, 1)],
        [cn(2), "王五诉赵六", dt.date(2021, 3, 6), "民一庭", "张伟", None],
        [cn(3), "钱七诉孙八", dt.date(2021, 3, 7), "民一庭", "张伟", dt.date(2020, 1, 1)],
    ]})
    report = import_case_list(empty, AUDIT, path)
    assert (report.added, [(i.row, i.field) for i in report.rejected]) == (
        2, [(4, "closed_date")])
    assert (cases.get_case(empty, cn(1)).status, cases.get_case(empty, cn(2)).status) == (
        "closed", "open")
    # A row with no closed date says nothing about the status: a case closed in the ledger
    # is not reopened by it.
    cases.update_case(empty, AUDIT, cn(2), {"status": "closed", "closed_date": "2026-05-01"})
    again = import_case_list(empty, AUDIT, path)
    assert again.added == 0
    assert not any(c.field == "status" for c in again.changes)
    assert cases.get_case(empty, cn(2)).status == "closed"


def test_new_judges_and_leaders_are_created_once_with_role_department_and_audit(
        empty: Database, tmp_path: Path) -> None:
    """The people an import names are created in one statement: each once, judges in the
    department of the first row naming them, leaders as vice-presidents unless the court
    already has them as president, each with its own audit entry."""
    with empty.session() as s:
        s.execute(insert(Person).values(name="院长甲", role="president"))
    header = [*HEADER[:5], "包保领导"]
    path = write_xlsx(tmp_path, "people.xlsx", {"案件": [
        header,
        [cn(3), "甲诉乙", dt.date(2021, 3, 5), "民二庭", "李娜", "院长甲"],
        [cn(1), "丙诉丁", dt.date(2021, 3, 6), "民一庭", "张伟", "副院长乙"],
        [cn(2), "戊诉己", dt.date(2021, 3, 7), "民二庭", "张伟", "副院长乙"],
        [cn(4), "庚诉辛", dt.date(2021, 3, 8), "民一庭", "王芳", None],
    ]})
    assert import_case_list(empty, AUDIT, path).added == 4
    with empty.read() as s:
        people = {(p.name, p.role): p.department_id for p in s.scalars(select(Person))}
        depts = {id_: name for id_, name in s.execute(select(Department.id, Department.name))}
        created = list(s.scalars(select(AuditEntry.entity_key).where(
            AuditEntry.entity == "person", AuditEntry.action == "create")
            .order_by(AuditEntry.id)))
    assert {k: depts.get(v) if v else None for k, v in people.items()} == {
        ("院长甲", "president"): None, ("张伟", "judge"): "民一庭", ("李娜", "judge"): "民二庭",
        ("王芳", "judge"): "民一庭", ("副院长乙", "vice_president"): None}
    # New cases go in case-number order, so people are met in that order too.
    assert created == ["judge:张伟", "judge:李娜", "judge:王芳", "vice_president:副院长乙"]
    stored = {c.case_number: (c.judge, c.leader) for c in cases.list_cases(empty)}
    assert stored == {cn(1): ("张伟", "副院长乙"), cn(2): ("张伟", "副院长乙"),
                      cn(3): ("李娜", "院长甲"), cn(4): ("王芳", "")}

