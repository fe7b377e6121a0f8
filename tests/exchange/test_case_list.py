"""read_case_list against real messy files: exact rows, problems, skips and file errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import python_calamine

from backlog_desk.exchange.case_list import (
    Cancelled,
    CaseListError,
    CaseListRead,
    RowProblem,
    read_case_list,
)
from backlog_desk.exchange.columns import map_header_row, match_header, normalise_header
from tests.exchange import messy_files as mf
from tests.exchange.messy_files import cn


@pytest.fixture
def messy(tmp_path: Path) -> CaseListRead:
    return read_case_list(mf.write_messy_xlsx(tmp_path))


# --- the messy workbook ------------------------------------------------------------------------


def test_header_found_under_title_rows(messy: CaseListRead) -> None:
    assert messy.file == "messy.xlsx"
    assert messy.sheet == "未结案件"
    assert messy.header_row == mf.MESSY_HEADER_ROW
    assert dict(messy.columns) == mf.MESSY_COLUMNS
    assert messy.unrecognised == mf.MESSY_UNRECOGNISED


def test_good_rows_exactly(messy: CaseListRead) -> None:
    got = {
        r.row: (
            r.values["case_number"],
            r.values["filing_date"],
            r.values["department"],
            r.values["judge"],
            r.values["leader"],
            r.values["expected_close_date"],
        )
        for r in messy.rows
    }
    assert got == mf.MESSY_GOOD
    assert all(r.sheet == "未结案件" for r in messy.rows)


def test_values_are_typed_and_complete(messy: CaseListRead) -> None:
    first = messy.rows[0]
    assert set(first.values) == set(mf.MESSY_COLUMNS)
    assert first.values == {
        "case_number": cn(1),
        "title": "张三诉李四民间借贷纠纷",
        "cause": "民间借贷纠纷",
        "filing_date": date(2021, 3, 5),
        "department": "民一庭",
        "judge": "张三",
        "leader": "李四",
        "reason": "鉴定中",
        "expected_close_date": date(2023, 6, 30),
        "closed_date": None,
        "notes": "",
    }
    for row in messy.rows:
        for field, value in row.values.items():
            if field.endswith("_date"):
                assert value is None or type(value) is date
            else:
                assert type(value) is str


def test_full_width_case_number_is_cleaned_but_raw_is_kept(messy: CaseListRead) -> None:
    row7 = next(r for r in messy.rows if r.row == 7)
    assert row7.values["case_number"] == "（2021）吉0105民初3号"
    assert row7.raw_case_number == "（２０２１）吉０１０５民初３号"


def test_rejected_rows_with_row_field_value_and_reason(messy: CaseListRead) -> None:
    expected = [
        RowProblem("messy.xlsx", "未结案件", row, field, value, number, reason)
        for row, field, value, number, reason in mf.MESSY_PROBLEMS
    ]
    assert list(messy.problems) == expected


def test_skipped_rows(messy: CaseListRead) -> None:
    assert messy.skipped == mf.MESSY_SKIPPED


def test_every_data_row_is_accounted_for(messy: CaseListRead) -> None:
    seen = (
        [r.row for r in messy.rows]
        + [p.row for p in messy.problems]
        + [row for row, _ in messy.skipped]
    )
    assert sorted(set(seen)) == list(range(5, 24))


# --- smaller workbooks for single features ---------------------------------------------------


def _read(tmp_path: Path, rows: list[list[object]], **kwargs: object) -> CaseListRead:
    path = mf.write_xlsx(tmp_path, "t.xlsx", {"清单": rows}, **kwargs)  # type: ignore[arg-type]
    return read_case_list(path)


def test_vertically_merged_case_number_makes_continuation_rows(tmp_path: Path) -> None:
    read = _read(
        tmp_path,
        [["案号", "立案日期", "承办人"], [cn(1), date(2021, 3, 5), "张三"], ["", "", "李四"]],
        merges={"清单": [("A2:A3", cn(1))]},
    )
    assert [(r.row, r.values["judge"]) for r in read.rows] == [(2, "张三")]
    assert read.skipped == ((3, "continuation of the case in row 2 (merged case number cell)"),)
    assert read.problems == ()


def test_merged_filing_date_is_filled_down(tmp_path: Path) -> None:
    read = _read(
        tmp_path,
        [["案号", "立案日期"], [cn(1), date(2021, 3, 5)], [cn(2), ""]],
        merges={"清单": [("B2:B3", date(2021, 3, 5))]},
    )
    assert [r.values["filing_date"] for r in read.rows] == [date(2021, 3, 5)] * 2


def test_merged_totals_row_is_a_totals_row(tmp_path: Path) -> None:
    read = _read(
        tmp_path,
        [["序号", "案号", "立案日期"], [1, cn(1), "2021-03-05"], ["合计：1件", "", ""]],
        merges={"清单": [("A3:B3", "合计：1件")]},
    )
    assert read.skipped == ((3, "totals row (合计：1件)"),)


def test_two_line_header(tmp_path: Path) -> None:
    read = _read(
        tmp_path,
        [
            ["案号", "立案日期", "承办情况", ""],
            ["", "", "承办部门", "承办人"],
            [cn(1), "2021-03-05", "民一庭", "张三"],
        ],
        merges={"清单": [("A1:A2", "案号"), ("B1:B2", "立案日期"), ("C1:D1", "承办情况")]},
    )
    assert read.header_row == 1
    assert list(read.columns) == ["case_number", "filing_date", "department", "judge"]
    assert read.unrecognised == ()
    assert [(r.row, r.values["department"], r.values["judge"]) for r in read.rows] == [
        (3, "民一庭", "张三")
    ]


def test_template_rows_and_titles_inside_the_data(tmp_path: Path) -> None:
    read = _read(
        tmp_path,
        [
            ["序号", "案号", "立案日期", "承办人"],
            [1, cn(1), "2021-03-05", "张三"],
            ["", "一、民一庭", "", ""],
            [2, "", "", ""],  # a pre-numbered empty template row
            ["", "民二庭（2件）", "", ""],
            ["总计", "", "", ""],
        ],
    )
    assert [r.row for r in read.rows] == [2]
    assert read.skipped == (
        (3, "title or section row (一、民一庭)"),
        (4, "no data in recognised columns"),
        (6, "totals row (总计)"),
    )
    # A lone cell with digits might be a case number: it is reported, never silently dropped.
    assert [(p.row, p.field, p.case_number) for p in read.problems] == [
        (5, "filing_date", "民二庭（2件）")
    ]


def test_first_sheet_with_a_header_is_read(tmp_path: Path) -> None:
    path = mf.write_xlsx(
        tmp_path,
        "t.xlsx",
        {
            "填表说明": [["请按模板填写"], ["案号一栏必填"]],
            "清单": [["案号", "立案日期"], [cn(1), "2021-03-05"]],
            "另一张": [["案号", "立案日期"], [cn(9), "2021-03-09"]],
        },
    )
    assert read_case_list(path).sheet == "清单"
    other = read_case_list(path, sheet="另一张")
    assert (other.sheet, other.rows[0].values["case_number"]) == ("另一张", cn(9))
    assert read_case_list(path, sheet=2).sheet == "另一张"
    with pytest.raises(CaseListError, match=r"t\.xlsx: has no sheet named '没有'"):
        read_case_list(path, sheet="没有")
    with pytest.raises(CaseListError, match=r"t\.xlsx: has no sheet number 7 \(3 sheets\)"):
        read_case_list(path, sheet=7)
    with pytest.raises(CaseListError, match="no header row"):
        read_case_list(path, sheet="填表说明")


def test_visible_sheet_before_hidden_one(tmp_path: Path) -> None:
    path = mf.write_xlsx(
        tmp_path,
        "t.xlsx",
        {
            "旧表": [["案号", "立案日期"], [cn(1), "2021-03-05"]],
            "新表": [["案号", "立案日期"], [cn(2), "2021-03-06"]],
        },
        hidden=("旧表",),
        active="新表",
    )
    assert read_case_list(path).sheet == "新表"


def test_progress_and_cancel(tmp_path: Path) -> None:
    lines = [["案号", "立案日期"]] + [[cn(i), "2021-03-05"] for i in range(12_000)]
    path = mf.write_csv(tmp_path, "big.csv", encoding="utf-8", lines=lines)
    calls: list[tuple[int, int]] = []
    read = read_case_list(path, progress=lambda done, total: calls.append((done, total)))
    assert len(read.rows) == 12_000
    assert calls == [(0, 12_000), (5_000, 12_000), (10_000, 12_000), (12_000, 12_000)]

    polls = iter([False, False, False, True])
    with pytest.raises(Cancelled, match=r"reading big\.csv was cancelled"):
        read_case_list(path, cancelled=lambda: next(polls))


# --- CSV and .xls ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ","),
        ("gbk", ","),
        ("gb18030", "\t"),
        ("utf-8", "\t"),
        ("utf-8-sig", ";"),
        ("utf-16", "\t"),
    ],
)
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    read = read_case_list(
        mf.write_csv(tmp_path, "list.csv", encoding=encoding, delimiter=delimiter)
    )
    assert (read.file, read.sheet, read.header_row) == ("list.csv", "", 2)
    assert list(read.columns) == ["case_number", "filing_date", "judge", "title"]
    got = {
        r.row: (
            r.values["case_number"],
            r.values["filing_date"],
            r.values["judge"],
            r.values["title"],
        )
        for r in read.rows
    }
    assert got == mf.CSV_GOOD
    assert read.problems == (
        RowProblem(
            "list.csv",
            "",
            mf.CSV_PROBLEM_LINE,
            "filing_date",
            "2021-13-45",
            cn(3),
            "filing date 2021-13-45 is not a real date (month 13)",
        ),
    )
    assert read.skipped == mf.CSV_SKIPPED


def test_tab_separated_text_named_xls(tmp_path: Path) -> None:
    path = mf.write_csv(tmp_path, "export.xls", encoding="gbk", delimiter="\t")
    read = read_case_list(path)
    assert [r.row for r in read.rows] == [3, 4]


@pytest.mark.skipif(mf.xlwt is None, reason="xlwt is not installed")
def test_xls_workbook(tmp_path: Path) -> None:
    read = read_case_list(mf.write_xls(tmp_path))
    assert (read.sheet, read.header_row) == ("清单", 3)
    got = [
        (
            r.row,
            r.values["case_number"],
            r.values["filing_date"],
            r.values["department"],
            r.values["judge"],
        )
        for r in read.rows
    ]
    assert got == [
        (4, cn(1), date(2021, 3, 5), "民一庭", "张三"),
        (5, cn(2), date(2021, 3, 6), "民一庭", "李四"),
        (6, cn(3), date(2021, 3, 7), "民一庭", ""),
    ]
    assert read.skipped == ((7, "totals row (合计)"),)


@pytest.mark.skipif(mf.xlwt is None, reason="xlwt is not installed")
def test_xls_saved_under_xlsx_name_is_read(tmp_path: Path) -> None:
    path = mf.write_xls(tmp_path)
    renamed = path.rename(tmp_path / "really_old.xlsx")
    assert len(read_case_list(renamed).rows) == 3


def test_xlsx_saved_under_xls_name_is_read(tmp_path: Path) -> None:
    path = mf.write_messy_xlsx(tmp_path, "messy.xls")
    assert len(read_case_list(path).rows) == len(mf.MESSY_GOOD)


# --- files that cannot be read -----------------------------------------------------------------


def _error(path: Path) -> str:
    with pytest.raises(CaseListError) as info:
        read_case_list(path)
    message = str(info.value)
    assert message.startswith(path.name + ": ")
    return message


def test_random_bytes_named_xlsx(tmp_path: Path) -> None:
    message = _error(mf.write_random_bytes(tmp_path, "noise.xlsx"))
    assert message == "noise.xlsx: not an Excel workbook (damaged, or not a spreadsheet)"


def test_random_bytes_behind_a_zip_signature(tmp_path: Path) -> None:
    message = _error(mf.write_random_bytes(tmp_path, "fake.xlsx", prefix=b"PK\x03\x04"))
    assert message.startswith("fake.xlsx: damaged or not a spreadsheet (")


def test_truncated_xlsx(tmp_path: Path) -> None:
    source = mf.write_messy_xlsx(tmp_path)
    message = _error(mf.write_truncated(source, tmp_path, "cut.xlsx"))
    assert message.startswith("cut.xlsx: damaged or not a spreadsheet (")


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    assert "damaged or not a spreadsheet" in _error(mf.write_zip_not_workbook(tmp_path))


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert _error(path) == "empty.xlsx: the file is empty"


def test_missing_file(tmp_path: Path) -> None:
    assert _error(tmp_path / "gone.xlsx").startswith("gone.xlsx: cannot be opened (")


def test_workbook_with_only_a_title(tmp_path: Path) -> None:
    path = mf.write_xlsx(tmp_path, "title.xlsx", {"Sheet1": [[mf.TITLE], [], ["制表：审管办"]]})
    assert _error(path) == (
        "title.xlsx: no header row with both a case number column (案号) and a filing date "
        "column (立案日期/收案日期) was found"
    )


def test_header_without_filing_date_says_what_was_found(tmp_path: Path) -> None:
    path = mf.write_xlsx(tmp_path, "half.xlsx", {"清单": [[mf.TITLE], ["案号", "承办人", "序号"]]})
    assert _error(path).endswith("; closest: sheet '清单' row 2 has 案号、承办人")


def test_workbook_without_cells(tmp_path: Path) -> None:
    path = mf.write_xlsx(tmp_path, "blank.xlsx", {"Sheet1": []})
    assert _error(path) == "blank.xlsx: the workbook contains no data"


def test_password_protected_workbook(tmp_path: Path) -> None:
    assert "password-protected" in _error(mf.write_encrypted_ole2(tmp_path))


def test_wrong_extension(tmp_path: Path) -> None:
    path = mf.write_csv(tmp_path, "list.txt", encoding="utf-8")
    assert _error(path) == "list.txt: only .xlsx, .xlsm, .xls and .csv files can be read"


def test_html_named_xls(tmp_path: Path) -> None:
    path = tmp_path / "web.xls"
    path.write_text("<html><body><table><tr><td>案号</td></tr></table></body></html>")
    assert "is a web page (HTML)" in _error(path)


def test_binary_csv(tmp_path: Path) -> None:
    message = _error(mf.write_random_bytes(tmp_path, "noise.csv", prefix=b"\x00"))
    assert message == "noise.csv: not a spreadsheet or a text file (binary content)"


def test_csv_in_an_unknown_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"\xff" + "案号,立案日期\n".encode() + b"\x80\xff\n")
    assert _error(path) == "latin.csv: not a text file in UTF-8 or GBK encoding"


def test_csv_without_header(tmp_path: Path) -> None:
    path = mf.write_csv(tmp_path, "x.csv", encoding="utf-8", lines=[["a", "b"], ["1", "2"]])
    assert "no header row" in _error(path)


def test_the_encrypted_test_file_is_a_real_ole2_container(tmp_path: Path) -> None:
    # Guards the test above: calamine itself must see an OLE2 file, not garbage.
    path = mf.write_encrypted_ole2(tmp_path, "locked.xls")
    with pytest.raises(python_calamine.CalamineError) as info:
        python_calamine.CalamineWorkbook.from_path(path)
    assert "Cannot find Workbook stream" in str(info.value)  # it read the directory


# --- header matching -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("案号", "case_number"),
        ("案 号", "case_number"),
        ("*案号", "case_number"),
        ("案号：", "case_number"),
        ("案件字号", "case_number"),
        ("立案日期\n（必填）", "filing_date"),
        ("收案时间(yyyy-mm-dd)", "filing_date"),
        ("承办法官", "judge"),
        ("分管院领导", "leader"),
        ("预计结案时间", "expected_close_date"),
        ("结案状态", "status"),
        ("审理程序", "procedure"),
        ("备　注", "notes"),
        ("序号", None),
        ("审限状态", None),
        (None, None),
    ],
)
def test_match_header(header: object, field: str | None) -> None:
    assert match_header(header) == field


def test_normalise_header() -> None:
    assert normalise_header(" 立案\n日期 （必填）* ") == "立案日期"


def test_preferred_synonym_wins_over_later_duplicate() -> None:
    match = map_header_row(["案件编号", "立案日期", "案号"])
    assert match.indexes["case_number"] == 2
    assert match.unrecognised == ("案件编号",)


def test_workbook_named_csv_is_read(tmp_path: Path) -> None:
    path = mf.write_messy_xlsx(tmp_path, "exported.csv")
    read = read_case_list(path)
    assert (read.sheet, len(read.rows)) == ("未结案件", len(mf.MESSY_GOOD))
