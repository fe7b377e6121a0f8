"""The exported department workbook as a clerk's spreadsheet program sees it (read back with
openpyxl): sheets, headers, locked and shaded columns, protection, validation, print setup,
hidden identity, and checksums the reader can verify."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from backlog_desk.exchange.workbook_export import write_department_workbook
from backlog_desk.exchange.workbook_import import checksum_matches, read_workbook
from backlog_desk.exchange.workbook_layout import COLUMNS, REASON_LABELS

from .sample_workbook import META, sample_rows, write_sample


@pytest.fixture
def book(tmp_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(write_sample(tmp_path / "dept.xlsx"))


def test_sheets_cover_and_very_hidden_meta(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["说明", "台账", "_meta"]
    assert book["_meta"].sheet_state == "veryHidden"
    assert book.active.title == "说明"
    cover = "\n".join(str(c.value) for row in book["说明"].iter_rows() for c in row if c.value)
    for text in ("长春市二道区人民法院", "民一庭", "2026年旧存案件清结专项行动", "2026年8月1日",
                 "请勿修改", "非本部门案件"):
        assert text in cover
    meta = {r[0].value: r[1].value for r in book["_meta"].iter_rows()}
    assert (meta["court_code"], meta["department"], meta["export_id"], meta["rows"]) == (
        "吉0105", "民一庭", "abcdef0123456789", "5")


def test_headers_locking_shading_and_hidden_identity(book: openpyxl.Workbook) -> None:
    ws = book["台账"]
    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    assert [c.header for c in COLUMNS[:13]] == [
        "案号", "案件名称", "立案日期", "承办部门", "承办人", "包保领导", "未结原因类别",
        "未结原因", "预计结案日期", "清结措施", "结案日期", "结案方式", "备注"]
    assert ws.protection.sheet and ws.protection.autoFilter is False  # False = allowed
    for i, col in enumerate(COLUMNS, start=1):
        cell = ws.cell(3, i)
        letter = cell.column_letter
        # an empty cell takes its column's format
        styled = cell if cell.value is not None else ws.column_dimensions[letter]
        assert styled.protection.locked is col.locked, col.header
        # adjacent identical columns are stored as one range (min..max)
        dim = next(d for d in ws.column_dimensions.values() if d.min <= i <= (d.max or d.min))
        assert bool(dim.hidden) is col.hidden, col.header
        if col.locked and not col.hidden:
            assert cell.fill.fgColor.rgb.endswith("E7E6E6"), col.header
    # a title that starts with "=" stays text, a note "0012" keeps its zeros
    assert ws["B2"].value == "=张三0诉李四借款纠纷" and ws["B2"].data_type == "s"
    assert ws.cell(3, 13).value == "0012"
    # rows below the data are open for cases the department adds, also in the locked columns
    assert ws.row_dimensions[7].protection.locked is False and ws.max_row == 6
    assert ws.row_dimensions[506].protection.locked is False


def test_validation_freeze_filter_and_print_setup(book: openpyxl.Workbook) -> None:
    ws = book["台账"]
    found = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    by_type = {(dv.type, dv.formula1) for dv in found.values()}
    assert ("list", '"' + ",".join(REASON_LABELS) + '"') in by_type
    assert any(t == "date" for t, _ in by_type)
    assert {str(dv.sqref).split(":")[0] for dv in found.values()} == {"G2", "I2", "K2", "L2"}
    assert all(dv.showErrorMessage for dv in found.values())
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == "A1:M6"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    # fitToWidth is left out when it is 1, the default of the file format
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"


def test_reader_gets_meta_rows_and_valid_checksums(tmp_path: Path) -> None:
    read = read_workbook(write_sample(tmp_path / "dept.xlsx"))
    assert read.meta["secret"] == META.secret and read.missing == []
    assert [r.row for r in read.rows] == [2, 3, 4, 5, 6]
    assert all(checksum_matches(META.secret, r) for r in read.rows)
    first = read.rows[1].cells
    assert (first["filing_date"], first["reason_category"], first["expected_close_date"]) == (
        "2021-03-02", "鉴定评估", "2026-09-30")
    assert first["uuid"] == sample_rows()[1]["uuid"] and first["row_version"] == "2"


def test_checksum_catches_a_changed_locked_cell_and_a_foreign_key(tmp_path: Path) -> None:
    read = read_workbook(write_sample(tmp_path / "dept.xlsx"))
    row = read.rows[0]
    assert not checksum_matches("6" * 32, row)
    for key, value in (("judge", "李四"), ("filing_date", "2021-03-02"), ("row_version", "2")):
        changed = type(row)(row.row, {**row.cells, key: value})
        assert not checksum_matches(META.secret, changed), key
    same = type(row)(row.row, {**row.cells, "filing_date": "2021/3/1", "judge": " 张伟 "})
    assert checksum_matches(META.secret, same)


AWKWARD = ["A & B <有限公司>", "literal _x0041_ stays", " padded both ends ", "tab\there",
           "line\nbreak", "bell\x07char", "'quoted\"", "=SUM(A1:A2)", "12345", "x" * 40000]


def test_awkward_text_survives_and_rows_still_verify(tmp_path: Path) -> None:
    """The data rows are written as XML by the exporter itself: markup characters, Excel's
    _xHHHH_ escapes, control characters, edge spaces and over-long text must come back as a
    spreadsheet program and the importer read them."""
    rows = sample_rows(len(AWKWARD))
    for row, text in zip(rows, AWKWARD, strict=True):
        row["title"] = text
        row["measures"] = text
    path = tmp_path / "awkward.xlsx"
    write_department_workbook(path, META, rows)
    ws = openpyxl.load_workbook(path)["台账"]
    titles = [ws.cell(r, 2).value for r in range(2, len(AWKWARD) + 2)]
    assert titles[:5] == AWKWARD[:5]
    assert titles[5] == "bell_x0007_char"  # as Excel escapes it (openpyxl leaves it so)
    assert titles[6:9] == AWKWARD[6:9]
    assert titles[9] == "x" * 32767  # Excel's limit for one cell
    assert ws.cell(2, 2).data_type == "s" and ws.cell(10, 2).data_type == "s"  # text, not numbers
    read = read_workbook(path)
    got = [r.cells["measures"] for r in read.rows]
    assert got[:2] == AWKWARD[:2] and got[3:9] == AWKWARD[3:9] and got[2] == AWKWARD[2].strip()
    # Every row verifies but the one whose locked title had to be cut.
    assert [checksum_matches(META.secret, r) for r in read.rows] == [True] * 9 + [False]
