"""Importing the case system's export: counts, rejections, conflicts, idempotence, updates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from backlog_desk.exchange.synthetic import generate_cases, make_court, write_case_system_export
from backlog_desk.services import cases
from backlog_desk.services.errors import Cancelled, InvalidValue, PermissionDenied
from backlog_desk.services.imports import import_case_list
from backlog_desk.services.setup import init_database
from backlog_desk.store.database import Database
from backlog_desk.store.models import AuditEntry, Case, ImportBatch
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
