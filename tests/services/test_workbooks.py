"""Department workbook round trip: export, edit with openpyxl, import; every row class,
idempotence, conflicts, permissions, the error workbook and the command line."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from backlog_desk import cli
from backlog_desk.services import cases
from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.demo import create_demo
from backlog_desk.services.errors import Cancelled, InvalidValue, PermissionDenied
from backlog_desk.services.setup import init_database
from backlog_desk.services.workbooks import (
    WorkbookImportReport,
    export_department_workbook,
    import_department_workbook,
    write_import_errors,
)
from backlog_desk.store.database import Database, open_database
from backlog_desk.store.models import AppMeta, AuditEntry
from tests.conftest import _postgres_or_skip
from tests.exchange.bad_workbooks import bad_files
from tests.exchange.workbook_edit import Ledger

AS_OF = dt.date(2026, 7, 15)
DEPT, OTHER = "民一庭", "民二庭"
AUDIT = Actor("王晓明", Role.AUDIT)
CLERK = Actor("李娜", Role.DEPARTMENT, DEPT)


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    create_demo(path, scale=300, seed=1, as_of=AS_OF)
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, demo_master: Path, tmp_path: Path) -> Iterator[Database]:
    if request.param == "postgres":
        # The same demo court, built on the server (a file copy is all SQLite needs).
        url = _postgres_or_skip()
        create_demo(url, scale=300, seed=1, as_of=AS_OF)
        database = open_database(url)
        yield database
        database.dispose()
        return
    copy = tmp_path / "court.db"
    src, dst = sqlite3.connect(demo_master), sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    database = open_database(copy)
    yield database
    database.dispose()


def export(db: Database, tmp_path: Path, dept: str = DEPT, name: str = "民一庭台账.xlsx") -> Path:
    out = tmp_path / name
    export_department_workbook(db, AUDIT, dept, out, deadline=dt.date(2026, 8, 1))
    return out


def run(db: Database, path: Path, actor: Actor = AUDIT,
        dry_run: bool = False) -> WorkbookImportReport:
    return import_department_workbook(db, actor, path, dry_run=dry_run, today=AS_OF)


def snapshot(db: Database) -> tuple[list[dict[str, object]], int]:
    with db.read() as s:
        n = s.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return [c.as_json() for c in cases.list_cases(db)], int(n)


def dept_cases(db: Database, status: str | None = None) -> list[cases.CaseView]:
    return cases.list_cases(db, department=DEPT, status=status)


def test_unedited_round_trip_through_openpyxl_changes_nothing(db: Database,
                                                              tmp_path: Path) -> None:
    path = export(db, tmp_path)
    Ledger(path).save()  # load and save: openpyxl rewrites styles, shared strings, everything
    before = snapshot(db)
    report = run(db, path)
    assert report.rows == len(dept_cases(db)) > 20
    assert (report.unchanged, report.updated, report.rejected, report.added) == (
        report.rows, [], [], [])
    assert snapshot(db) == before and report.backup is None


def test_updated_rows_apply_field_by_field_with_audit_and_backup(db: Database,
                                                                 tmp_path: Path) -> None:
    path = export(db, tmp_path)
    open_a, open_b = dept_cases(db, "open")[:2]
    book = Ledger(path)
    book.set_case(open_a.case_number, 未结原因类别="鉴定评估", 未结原因="等待鉴定结论",
                  预计结案日期=dt.datetime(2026, 9, 30), 清结措施="每周催办鉴定机构")
    book.set_case(open_b.case_number, 结案日期=dt.datetime(2026, 7, 10), 结案方式="调解")
    book.save()
    report = run(db, path)
    by_case = {u.case_number: {c.field: (c.old, c.new) for c in u.changes}
               for u in report.updated}
    assert by_case[open_a.case_number]["reason_category"][1] == "appraisal"
    assert by_case[open_a.case_number]["expected_close_date"][1] == "2026-09-30"
    assert by_case[open_b.case_number] == {"closed_date": ("", "2026-07-10"),
                                           "close_manner": ("", "调解"),
                                           "status": ("open", "closed")}
    assert report.applied
    # A file is backed up first; a PostgreSQL server by its own tools (the import is still
    # one transaction there).
    assert (Path(report.backup).exists() if db.path is not None else report.backup is None)
    a = cases.get_case(db, open_a.case_number)
    assert (a.reason_category, a.reason, a.expected_close_date, a.measures) == (
        "appraisal", "等待鉴定结论", dt.date(2026, 9, 30), "每周催办鉴定机构")
    b = cases.get_case(db, open_b.case_number)
    assert (b.status, b.closed_date, b.close_manner) == ("closed", dt.date(2026, 7, 10), "调解")
    with db.read() as s:
        logged = s.execute(select(AuditEntry.entity_key, AuditEntry.field, AuditEntry.source)
                           .where(AuditEntry.action == "update")).all()
    assert {(k, f) for k, f, src in logged if src == path.name} >= {
        (open_a.uuid, "reason"), (open_b.uuid, "closed_date"), (open_b.uuid, "status")}


def test_second_import_of_the_same_file_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = export(db, tmp_path)
    book = Ledger(path)
    book.set_case(dept_cases(db, "open")[0].case_number, 清结措施="庭长督办")
    book.save()
    first = run(db, path)
    assert len(first.updated) == 1 and first.applied
    after_first = snapshot(db)
    second = run(db, path)
    assert (second.updated, second.rejected, second.applied) == ([], [], False)
    assert second.unchanged == second.rows
    assert snapshot(db) == after_first


def test_dates_as_text_and_reordered_rows_still_verify(db: Database, tmp_path: Path) -> None:
    path = export(db, tmp_path)
    book = Ledger(path)
    target = dept_cases(db, "open")[0]
    data = [book.values(r) for r in range(2, book.ws.max_row + 1)]
    random.Random(3).shuffle(data)
    fcol = book.cols["立案日期"] - 1
    for i, values in enumerate(data, start=2):
        values[fcol] = values[fcol].strftime("%Y/%m/%d")  # the filing date came back as text
        for c, v in enumerate(values, start=1):
            book.ws.cell(i, c).value = v
    book.set_case(target.case_number, 预计结案日期="2026年9月30日")
    book.save()
    report = run(db, path)
    assert report.rejected == []
    assert [(u.case_number, [c.field for c in u.changes]) for u in report.updated] == [
        (target.case_number, ["expected_close_date"])]
    assert cases.get_case(db, target.case_number).expected_close_date == dt.date(2026, 9, 30)


def test_new_case_rows_are_flagged_not_added_and_retyped_rows_rejected(
        db: Database, tmp_path: Path) -> None:
    path = export(db, tmp_path)
    book = Ledger(path)
    existing = dept_cases(db)[0]
    new_row = book.append_by_header(案号="(2024)吉0105民初9999号", 案件名称="张三诉李四借款纠纷",
                                    立案日期="2024-03-01", 承办人="张伟")
    retyped = book.append_by_header(案号=existing.case_number, 案件名称=existing.title,
                                    备注="重新录入")
    book.save()
    n_before = len(cases.list_cases(db))
    report = run(db, path)
    assert [(i.row, i.case_number) for i in report.added] == [
        (new_row, "(2024)吉0105民初9999号")]
    assert "not added" in report.added[0].reason
    assert [(i.row, i.column) for i in report.rejected] == [(retyped, "案号")]
    assert "lacks its hidden identity" in report.rejected[0].reason
    assert len(cases.list_cases(db)) == n_before


def test_not_ours_and_already_closed_notes_are_flagged(db: Database, tmp_path: Path) -> None:
    path = export(db, tmp_path)
    a, b = dept_cases(db, "open")[:2]
    book = Ledger(path)
    row_a = book.set_case(a.case_number, 备注="非本部门案件，应属民二庭")
    row_b = book.set_case(b.case_number, 备注="已结案，待补录结案日期")
    book.save()
    report = run(db, path)
    assert sorted((i.row, i.case_number) for i in report.flagged) == sorted(
        [(row_a, a.case_number), (row_b, b.case_number)])
    assert "not its case" in next(i.reason for i in report.flagged if i.row == row_a)
    assert cases.get_case(db, a.case_number).notes == "非本部门案件，应属民二庭"
    assert cases.get_case(db, b.case_number).status == "open"


def test_rejected_rows_name_sheet_row_column_and_good_rows_still_apply(
        db: Database, tmp_path: Path) -> None:
    other_path = export(db, tmp_path, OTHER, "民二庭台账.xlsx")
    other = Ledger(other_path)
    foreign = other.values(2)
    path = export(db, tmp_path)
    book = Ledger(path)
    good, bad_date, bad_cat, future = (x.case_number for x in dept_cases(db, "open")[:4])
    altered, dup = (x.case_number for x in dept_cases(db, "closed")[:2])
    book.set_case(good, 清结措施="约谈当事人")
    r_alt = book.set_case(altered, 案件名称="改过的案件名称")
    r_date = book.set_case(bad_date, 预计结案日期="2026-13-45")
    r_cat = book.set_case(bad_cat, 未结原因类别="不知道")
    r_future = book.set_case(future, 结案日期=dt.datetime(2026, 8, 1), 结案方式="判决")
    r_dup = book.append(book.values(book.row_of(dup)))
    r_foreign = book.append(foreign)
    book.save()
    before_other = cases.get_case(db, foreign[0])
    report = run(db, path)
    got = {(i.row, i.column) for i in report.rejected}
    assert got == {(r_alt, "案件名称"), (r_date, "预计结案日期"), (r_cat, "未结原因类别"),
                   (r_future, "结案日期"), (r_dup, "案号"), (r_foreign, "承办部门")}
    assert all(i.sheet == "台账" and i.file == path.name for i in report.rejected)
    reasons = {i.row: i.reason for i in report.rejected}
    assert "locked" in reasons[r_alt] and "future" in reasons[r_future]
    assert OTHER in reasons[r_foreign]
    assert [u.case_number for u in report.updated] == [good]
    assert cases.get_case(db, good).measures == "约谈当事人"
    assert cases.get_case(db, foreign[0]) == before_other


def test_case_changed_in_the_ledger_since_the_export_is_not_overwritten(
        db: Database, tmp_path: Path) -> None:
    path = export(db, tmp_path)
    target = dept_cases(db, "open")[0]
    cases.update_case(db, AUDIT, target.case_number, {"reason": "审管办已更新"}, today=AS_OF)
    book = Ledger(path)
    row = book.set_case(target.case_number, 未结原因="部门填写的原因")
    book.save()
    report = run(db, path)
    assert [(i.row, i.column) for i in report.rejected] == [(row, "版本")]
    assert cases.get_case(db, target.case_number).reason == "审管办已更新"


def test_department_imports_only_its_own_workbook(db: Database, tmp_path: Path) -> None:
    own = export(db, tmp_path)
    book = Ledger(own)
    book.set_case(dept_cases(db, "open")[0].case_number, 清结措施="部门自己导入")
    book.save()
    assert len(run(db, own, CLERK).updated) == 1
    other = export(db, tmp_path, OTHER, "民二庭台账.xlsx")
    before = snapshot(db)
    with pytest.raises(PermissionDenied, match="only its own workbook"):
        run(db, other, CLERK)
    with pytest.raises(PermissionDenied, match="read-only"):
        run(db, own, Actor("院长", Role.LEADER))
    with pytest.raises(PermissionDenied):
        export_department_workbook(db, CLERK, OTHER, tmp_path / "x.xlsx")
    assert snapshot(db) == before


def test_workbook_of_another_court_is_refused(db: Database, tmp_path: Path) -> None:
    path = export(db, tmp_path)
    other = init_database(tmp_path / "other.db", AUDIT, court_name="长春市南关区人民法院",
                          court_code="吉0102", role="audit", campaign_year=2026)
    try:
        with pytest.raises(InvalidValue, match=r"吉0105.*吉0102"):
            run(other, path)
    finally:
        other.dispose()


def test_dropped_identity_columns_are_refused_precisely(db: Database, tmp_path: Path) -> None:
    path = export(db, tmp_path)
    book = Ledger(path)
    book.ws.delete_cols(book.cols["案件标识"], 3)
    book.save()
    before = snapshot(db)
    with pytest.raises(InvalidValue, match="hidden columns 案件标识、版本、校验码 are gone"):
        run(db, path)
    assert snapshot(db) == before


def test_altered_export_record_is_refused(db: Database, tmp_path: Path) -> None:
    path = export(db, tmp_path)
    book = Ledger(path)
    book.set_meta("secret", "0" * 32)
    book.save()
    with pytest.raises(InvalidValue, match="export record differs"):
        run(db, path)


def test_error_workbook_marks_bad_cells_and_its_corrected_copy_imports(
        db: Database, tmp_path: Path) -> None:
    path = export(db, tmp_path)
    target = dept_cases(db, "open")[0]
    book = Ledger(path)
    row = book.set_case(target.case_number, 预计结案日期="明年")
    book.save()
    report = run(db, path)
    errors = tmp_path / "问题.xlsx"
    assert write_import_errors(report, errors) == 1
    marked = openpyxl.load_workbook(errors)["台账"]
    cols = {c.value: c.column for c in marked[1]}
    out_row = next(r for r in range(2, marked.max_row + 1)
                   if marked.cell(r, cols["案号"]).value == target.case_number)
    cell = marked.cell(out_row, cols["预计结案日期"])
    assert cell.fill.fgColor.rgb.endswith("FFC7CE") and "not a date" in cell.comment.text
    assert f"第{row}行" in marked.cell(out_row, cols["问题说明"]).value
    fixed = Ledger(errors)
    fixed.set(out_row, "预计结案日期", "2026-10-31")
    fixed.save()
    again = run(db, errors)
    assert again.rejected == [] and [u.case_number for u in again.updated] == [
        target.case_number]


def test_cli_export_dry_run_json_and_bad_file(db: Database, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = str(db.path) if db.path is not None else str(db.url)  # a file, or the server
    out = tmp_path / "dept.xlsx"
    assert cli.main(["export-workbook", target, "--department", DEPT, "--out", str(out),
                     "--json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["rows"] == len(dept_cases(db)) and out.exists()
    book = Ledger(out)
    book.set_case(dept_cases(db, "open")[0].case_number, 清结措施="cli")
    book.save()
    before = snapshot(db)
    assert cli.main(["import-workbook", target, str(out), "--dry-run", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["counts"]["updated"] == 1 and doc["dry_run"] and not doc["applied"]
    assert snapshot(db) == before
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    assert cli.main(["import-workbook", target, str(junk), "--json"]) == 1
    err = json.loads(capsys.readouterr().out)
    assert "not an .xlsx workbook" in err["error"] and err["field"] == "file"


BAD = ["empty_file", "text", "random_bytes", "truncated", "ole2_password", "ole2_xls",
       "entity_bomb", "zip_bomb", "empty_sheet", "no_meta_sheet"]


def test_bad_files_are_refused_with_one_message_and_the_ledger_untouched(
        db: Database, tmp_path: Path) -> None:
    files = bad_files(export(db, tmp_path), tmp_path / "bad")
    before = snapshot(db)
    for name in BAD:
        path, expect = files[name]
        with pytest.raises(InvalidValue) as info:
            run(db, path)
        assert expect in str(info.value) and info.value.file == str(path), name
    assert snapshot(db) == before
    assert not (tmp_path / "court.backups").exists()


def test_row_the_department_left_alone_is_unchanged_though_the_ledger_moved_on(
        db: Database, tmp_path: Path) -> None:
    path = export(db, tmp_path)
    closed_meanwhile, edited = dept_cases(db, "open")[:2]
    cases.update_case(db, AUDIT, closed_meanwhile.case_number,
                      {"closed_date": "2026-07-01", "close_manner": "判决"}, today=AS_OF)
    book = Ledger(path)
    book.set_case(edited.case_number, 清结措施="新措施")
    book.save()
    report = run(db, path)
    assert report.rejected == []
    assert [u.case_number for u in report.updated] == [edited.case_number]
    assert cases.get_case(db, closed_meanwhile.case_number).closed_date == dt.date(2026, 7, 1)


def test_untouched_rows_are_still_checked_against_the_ledger(db: Database,
                                                             tmp_path: Path) -> None:
    """Rows returned as exported are settled a column at a time; the ledger still decides
    for a note that flags its row and for a case moved to another department meanwhile."""
    noted, moved = dept_cases(db, "open")[:2]
    cases.update_case(db, AUDIT, noted.case_number, {"notes": "非本部门案件"}, today=AS_OF)
    path = export(db, tmp_path)
    cases.update_case(db, AUDIT, moved.case_number, {"department": OTHER}, today=AS_OF)
    report = run(db, path, dry_run=True)
    book = Ledger(path)
    assert [(i.row, i.case_number, i.column) for i in report.flagged] == [
        (book.row_of(noted.case_number), noted.case_number, "备注")]
    assert [(i.row, i.column) for i in report.rejected] == [
        (book.row_of(moved.case_number), "承办部门")]
    assert OTHER in report.rejected[0].reason
    assert report.unchanged == report.rows - 1 and report.updated == []


def _cancel_at(step: int) -> Callable[[int, int], None]:
    calls = []

    def progress(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == step:
            raise Cancelled()
    return progress


def test_cancelled_export_leaves_no_file_and_no_record(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "out" / "民一庭台账.xlsx"
    out.parent.mkdir()
    before = snapshot(db)
    with pytest.raises(Cancelled):
        # The last report comes after every row is written, before the file is complete.
        export_department_workbook(db, AUDIT, DEPT, out, progress=_cancel_at(2))
    assert list(out.parent.iterdir()) == []
    assert snapshot(db) == before
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(AppMeta)
                         .where(AppMeta.key.like("wbx:%"))).scalar_one() == 0


def test_import_cancelled_while_writing_rolls_back(db: Database, tmp_path: Path) -> None:
    path = export(db, tmp_path)
    target = dept_cases(db, "open")[0]
    book = Ledger(path)
    book.set_case(target.case_number, 清结措施="不应写入")
    book.save()
    before = snapshot(db)
    steps: list[int] = []

    def progress(done: int, total: int) -> None:
        steps.append(done)
        if steps.count(3) == 2:  # the second report of step 3 comes inside the transaction
            raise Cancelled()
    with pytest.raises(Cancelled):
        import_department_workbook(db, AUDIT, path, today=AS_OF, progress=progress)
    assert snapshot(db) == before
    assert cases.get_case(db, target.case_number).measures == target.measures
    report = run(db, path)  # and nothing stands in the way of doing it properly afterwards
    assert report.applied and cases.get_case(db, target.case_number).measures == "不应写入"
