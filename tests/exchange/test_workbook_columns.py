"""The reader's whole-column paths give exactly what the per-row definitions give: the text of
every cell, the blank rows skipped, and each row's two hidden sums verified (as read first,
normalised for the rows that do not match as read)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import openpyxl

from backlog_desk.domain.text import to_text
from backlog_desk.exchange.workbook_export import write_department_workbook
from backlog_desk.exchange.workbook_import import (
    _column_texts,
    checksum_matches,
    edits_untouched,
    read_workbook,
    verify_rows,
)
from backlog_desk.exchange.workbook_layout import (
    checksum_of,
    checksums_of,
    edits_hash_of,
    edits_hashes_of,
)

from .sample_workbook import META, sample_rows
from .workbook_edit import Ledger


def test_bulk_sums_are_the_per_row_sums() -> None:
    rng = random.Random(5)
    words = ["", "张伟", " 民一庭 ", "2021-03-01", "（2021）吉0105民初1号", "a\x1fb", "１２"]
    uuids = [f"u{i}" for i in range(50)]
    versions = [str(rng.randint(1, 9)) for _ in uuids]
    locked = [[rng.choice(words) for _ in uuids] for _ in range(6)]
    edits = [[rng.choice(words) for _ in uuids] for _ in range(7)]
    assert checksums_of("s", uuids, versions, locked) == [
        checksum_of("s", u, int(v), [c[i] for c in locked])
        for i, (u, v) in enumerate(zip(uuids, versions, strict=True))]
    assert edits_hashes_of(edits) == [edits_hash_of([c[i] for c in edits])
                                      for i in range(len(uuids))]


def test_column_texts_are_each_cells_text() -> None:
    columns: list[list[object]] = [
        ["a", " b ", "", "\u3000c\u3000", "d\n"],
        [dt.date(2021, 3, 1), "", "2021/3/1", dt.date(2021, 3, 1), " x"],
        [1.0, 2.5, "", 3.0, 0.0],
        [1.0, 1, True, False, 0],  # equal as dict keys, different as text
        [dt.datetime(2021, 3, 1), dt.datetime(2021, 3, 1, 8, 30), "", True, 7],
    ]
    for values in columns:
        assert _column_texts(values) == [to_text(v).strip() for v in values]
    assert _column_texts((1.0, 1, True)) == ["1", "1", "TRUE"]


def test_blank_rows_skipped_but_a_row_of_zeros_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "dept.xlsx"
    write_department_workbook(path, META, sample_rows(3))
    book = Ledger(path)
    book.ws.insert_rows(3)  # a blank row between the first and second case
    zero = book.append_by_header(案号=0, 备注=False)
    book.save()
    read = read_workbook(path)
    assert read.numbers == [2, 4, 5, zero]
    assert [r.cells["case_number"] for r in read.rows][-1] == "0"
    assert read.rows[-1].cells["notes"] == "FALSE"
    assert [n for n, _ in read.raw_rows] == read.numbers
    lean = read_workbook(path, keep_cells=False)
    assert lean.values == read.values and lean.raw_rows == [] and lean.numbers == read.numbers


def test_a_cell_far_to_the_right_reads_the_same_rows(tmp_path: Path) -> None:
    path = tmp_path / "dept.xlsx"
    write_department_workbook(path, META, sample_rows(4))
    narrow = read_workbook(path)
    wb = openpyxl.load_workbook(path)
    # Column AZ, the last one a ledger sheet may use (workbook_import.MAX_COLUMN): the rows
    # are transposed column by column, the empty ones included.
    wb["台账"].cell(3, 52).value = "远处的备注"
    wb.save(path)
    wide = read_workbook(path)
    assert [r.cells for r in wide.rows] == [r.cells for r in narrow.rows]
    assert len(wide.raw_rows[0][1]) >= 52


def test_verify_rows_agrees_with_the_row_by_row_checks(tmp_path: Path) -> None:
    rows = sample_rows(40)
    for i, row in enumerate(rows):
        if i % 5 == 1:
            row["title"] = f"张三{i}  诉李四 "  # unclean ledger text: the sum is of the clean form
        if i % 7 == 2:
            row["reason"] = "\u3000等待鉴定\u3000"
    path = tmp_path / "dept.xlsx"
    write_department_workbook(path, META, rows)
    book = Ledger(path)
    edits = {
        2: ("立案日期", "2021/3/1"), 3: ("承办人", "李四"), 4: ("版本", "abc"),
        5: ("版本", "2.0"), 6: ("校验码", None), 7: ("原值校验", None),
        8: ("清结措施", "每周督办"), 9: ("预计结案日期", "2026年9月30日"), 10: ("案号", "x"),
        12: ("承办人", " 张伟 "), 13: ("备注", "０１２"), 15: ("原值校验", "ABCDEF123456"),
        16: ("立案日期", dt.datetime(2021, 3, 16)), 18: ("版本", "nan"), 20: ("案件标识", "z"),
    }
    for r, (header, value) in edits.items():
        book.set(r, header, value)
    upper = book.get(11, "校验码")
    book.set(11, "校验码", upper.upper())
    book.save()
    read = read_workbook(path)
    sums_ok, untouched = verify_rows(read)
    assert sums_ok == [checksum_matches(META.secret, r) for r in read.rows]
    assert untouched == [edits_untouched(r) for r in read.rows]
    # Both outcomes occur, through both passes (as read, and normalised).
    assert 0 < sums_ok.count(False) < len(sums_ok) and untouched.count(False) > 0
    by_row = dict(zip(read.numbers, zip(sums_ok, untouched, strict=True), strict=True))
    assert by_row[2] == (True, True) and by_row[3] == (False, True)  # text date; retyped judge
    assert by_row[11][0] and by_row[12][0] and by_row[4] == (False, True)
    assert by_row[7] == (True, False) and by_row[8] == (True, False)
