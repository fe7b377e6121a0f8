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
