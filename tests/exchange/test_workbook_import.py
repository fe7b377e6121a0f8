"""Reading a returned workbook: bad and hostile files are refused with one clear message
before any parser expands them; a workbook saved by openpyxl still reads."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from backlog_desk.exchange.workbook_import import WorkbookError, check_package, read_workbook

from .bad_workbooks import bad_files
from .sample_workbook import write_sample
from .workbook_edit import Ledger

BAD = ["empty_file", "text", "random_bytes", "random_zip_magic", "truncated", "ole2_password",
       "ole2_xls", "entity_bomb", "no_workbook_part", "zip_bomb", "empty_sheet", "no_meta_sheet"]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("bad")
    return bad_files(write_sample(folder / "valid.xlsx"), folder / "bad")


@pytest.mark.parametrize("name", BAD)
def test_bad_file_gets_one_clear_message(files: dict[str, tuple[Path, str]], name: str) -> None:
    path, expect = files[name]
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    message = str(info.value)
    assert message.startswith(path.name + ":") and expect in message
    assert "\n" not in message


def test_entity_bomb_is_refused_before_parsing(files: dict[str, tuple[Path, str]]) -> None:
    path, _ = files["entity_bomb"]
    with pytest.raises(WorkbookError, match="sharedStrings"):
        check_package(path)


def test_zip_bomb_is_refused_by_its_declared_sizes(files: dict[str, tuple[Path, str]]) -> None:
    path, _ = files["zip_bomb"]
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/media/image1.bin")
    assert info.file_size > 200 * info.compress_size
    with pytest.raises(WorkbookError, match=r"image1\.bin is compressed"):
        check_package(path)


def test_openpyxl_round_trip_reads_the_same_cells(tmp_path: Path) -> None:
    original = read_workbook(write_sample(tmp_path / "a.xlsx"))
    Ledger(tmp_path / "a.xlsx").save(tmp_path / "b.xlsx")
    again = read_workbook(tmp_path / "b.xlsx")
    assert [r.cells for r in again.rows] == [r.cells for r in original.rows]
    assert again.meta == original.meta


def _with_cell(valid: Path, out: Path, row: int, ref: str) -> Path:
    """`valid` with one more cell typed far out in every sheet (as a slip of Ctrl+End)."""
    with zipfile.ZipFile(valid) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/worksheets/") and b"</sheetData>" in data:
                cell = (f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c>'
                        "</row></sheetData>").encode()
                data = data.replace(b"</sheetData>", cell, 1)
            zout.writestr(info, data)
    return out


@pytest.mark.parametrize(("row", "ref"), [(1048576, "XFD1048576"), (7, "BA7"), (7, "AAA7"),
                                          (300000, "A300000")])
def test_a_cell_far_outside_the_ledger_is_refused_before_parsing(tmp_path: Path, row: int,
                                                                 ref: str) -> None:
    # The reader would allocate a grid up to that cell (billions of cells for XFD1048576)
    # and abort the whole process; the check names the part and what to delete.
    path = _with_cell(write_sample(tmp_path / "valid.xlsx"), tmp_path / "far.xlsx", row, ref)
    with pytest.raises(WorkbookError, match=r"far\.xlsx: sheet part xl/worksheets/.* beyond "
                                            r"column AZ or row 300,000"):
        check_package(path)


def test_cells_within_the_bounds_still_read(tmp_path: Path) -> None:
    path = _with_cell(write_sample(tmp_path / "valid.xlsx"), tmp_path / "near.xlsx", 299999,
                      "AZ299999")
    check_package(path)
