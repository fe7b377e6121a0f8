"""Reader of the case list exported by a court's case-management system (or a hand-made ledger).

Input: .xlsx/.xlsm/.xls read with python-calamine (9x faster than openpyxl, TECH.md §2b), or
.csv in UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030. Output: clean rows keyed
by canonical field, every rejected row with its reasons, and every skipped row with why. Case
numbers are NOT validated here; the service parses them. The sheet layout rules (header
synonyms, totals and title rows, merged cells) live in `columns`.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import islice, repeat
from pathlib import Path
from typing import cast

import python_calamine as calamine

from backlog_desk.domain.dates import DateProblem
from backlog_desk.domain.text import to_text
from backlog_desk.exchange.columns import (
    DATE_FIELDS,
    FIELD_LABELS,
    ColumnConverter,
    HeaderMatch,
    MergedRange,
    apply_merged_ranges,
    best_partial_header,
    find_header_row,
    non_case_row_reason,
    possible_non_case_rows,
    rejected_rows,
)
from backlog_desk.exchange.gc_pause import gc_paused

__all__ = [
    "Cancelled",
    "CaseListError",
    "CaseListRead",
    "CaseListRow",
    "RowProblem",
    "read_case_list",
]

PROGRESS_EVERY = 5_000
HEADER_SEARCH_ROWS = 20  # non-blank rows searched for the header (title rows sit above it)
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A workbook with a password to open is an OLE2 container holding these streams (MS-OFFCRYPTO);
# directory entry names are stored in UTF-16LE.
_ENCRYPTION_STREAMS = tuple(s.encode("utf-16-le") for s in ("EncryptionInfo", "EncryptedPackage"))
_DELIMITERS = (",", "\t", ";")

Row = list[object]


class CaseListError(Exception):
    """The whole file cannot be read as a case list; the message names the file and says why."""


class Cancelled(Exception):
    """Reading stopped because the caller's `cancelled()` returned True."""


@dataclass(frozen=True)
class RowProblem:
    """Why a row was rejected; a row with several bad fields has one entry per field."""

    file: str
    sheet: str
    row: int  # 1-based row number as Excel/WPS shows it (line number for CSV)
    field: str  # canonical field name, or "" for whole-row problems
    value: str  # the offending raw value as text
    case_number: str  # raw case number of the row, "" if none
    reason: str  # English sentence, e.g. "filing date 2021-13-45 is not a real date (month 13)"


@dataclass(frozen=True)
class CaseListRow:
    sheet: str
    row: int
    values: Mapping[str, object]  # field -> cleaned str, or date/None for date fields
    raw_case_number: str  # the case-number cell as typed, only trimmed of outer whitespace


@dataclass(frozen=True)
class CaseListRead:
    """What a file holds. The good rows are kept column by column (`values`, `row_numbers`,
    `raw_case_numbers`, aligned), which is how the importer works on them; `rows` gives them
    one by one, built on first use."""

    file: str
    sheet: str  # "" for CSV
    header_row: int
    columns: Mapping[str, str]  # field -> header text as found
    unrecognised: tuple[str, ...]
    problems: tuple[RowProblem, ...]
    skipped: tuple[tuple[int, str], ...]  # (row, why): blank, totals, repeated header, ...
    values: Mapping[str, Sequence[object]]  # field -> one value per good row, as in rows
    row_numbers: Sequence[int]
    raw_case_numbers: Sequence[str]

    @cached_property
    def rows(self) -> tuple[CaseListRow, ...]:
        fields = list(self.values)
        dicts = map(dict, map(zip, repeat(fields), zip(*self.values.values(), strict=True)))
        return tuple(map(CaseListRow, repeat(self.sheet), self.row_numbers, dicts,
                         self.raw_case_numbers))


@dataclass
class _Table:
    """Cells of one sheet or CSV file, with its header found but not yet interpreted."""

    sheet: str
    rows: list[Row]
    line_numbers: list[int] | None  # CSV line of each row; None: row index + 1 (spreadsheets)
    merged: list[MergedRange]
    header: HeaderMatch


def read_case_list(
    path: Path,
    *,
    sheet: str | int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CaseListRead:
    """Read a case list file.

    `sheet` is a sheet name or 0-based index; by default the first worksheet (visible ones
    before hidden ones) with a recognisable header is read. It is ignored for CSV.
    `progress(done, total)` is called every PROGRESS_EVERY data rows and at the end;
    `cancelled()` is polled as often and Cancelled is raised when it returns True.
    Raises CaseListError when the file as a whole cannot be read.
    """
    path = Path(path)
    name, suffix = path.name, path.suffix.lower()
    if suffix not in SUFFIXES:
        raise CaseListError(f"{name}: only .xlsx, .xlsm, .xls and .csv files can be read")
    try:
        with path.open("rb") as f:
            magic = f.read(len(_OLE2_MAGIC))
    except OSError as e:
        raise CaseListError(f"{name}: cannot be opened ({e.strerror or e})") from e
    if not magic:
        raise CaseListError(f"{name}: the file is empty")
    _check_cancelled(cancelled, name)
    with gc_paused():
        if magic.startswith(_ZIP_MAGIC) or magic == _OLE2_MAGIC:
            table = _read_workbook(path, name, magic == _OLE2_MAGIC, sheet)
        elif suffix in (".csv", ".xls"):
            # Web-based court systems often "export to Excel" as tab-separated text named .xls.
            table = _read_text(path, name)
        else:
            raise CaseListError(f"{name}: not an Excel workbook (damaged, or not a spreadsheet)")
        _check_cancelled(cancelled, name)
        return _interpret(name, table, progress, cancelled)


def _check_cancelled(cancelled: Callable[[], bool] | None, name: str) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled(f"reading {name} was cancelled")


def _read_workbook(path: Path, name: str, is_ole2: bool, sheet: str | int | None) -> _Table:
    if is_ole2 and any(s in path.read_bytes() for s in _ENCRYPTION_STREAMS):
        raise CaseListError(
            f"{name}: the workbook is password-protected; remove the password in Excel or WPS "
            "and save it again"
        )
    try:
        suffix = path.suffix.lower()
        if (suffix == ".xls") if is_ole2 else (suffix in (".xlsx", ".xlsm")):
            workbook = calamine.CalamineWorkbook.from_path(path)
        else:
            # Content and extension disagree (an .xls saved under an .xlsx name, a workbook
            # named .csv): let calamine detect the format from the bytes, as Excel and WPS do.
            with path.open("rb") as f:
                workbook = calamine.CalamineWorkbook.from_filelike(f)
        with workbook:
            return _pick_sheet(workbook, name, sheet)
    except calamine.PasswordError as e:
        raise CaseListError(f"{name}: the workbook is password-protected") from e
    except (calamine.CalamineError, OSError) as e:
        raise CaseListError(f"{name}: damaged or not a spreadsheet ({e})") from e
    except BaseException as e:
        # A Rust panic in calamine on a malformed file arrives as pyo3's PanicException, which
        # derives from BaseException; it still only means "this file cannot be read".
        if type(e).__name__ == "PanicException":
            raise CaseListError(f"{name}: damaged or not a spreadsheet ({e})") from e
        raise


def _pick_sheet(workbook: calamine.CalamineWorkbook, name: str, sheet: str | int | None) -> _Table:
    names = workbook.sheet_names
    if isinstance(sheet, str):
        if sheet not in names:
            raise CaseListError(
                f"{name}: has no sheet named '{sheet}' (sheets: {', '.join(names)})"
            )
        order = [names.index(sheet)]
    elif isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise CaseListError(f"{name}: has no sheet number {sheet} ({len(names)} sheets)")
        order = [sheet]
    else:
        meta = workbook.sheets_metadata
        sheets = [i for i, m in enumerate(meta) if m.typ == calamine.SheetTypeEnum.WorkSheet]
        visible = [i for i in sheets if meta[i].visible == calamine.SheetVisibleEnum.Visible]
        order = visible + [i for i in sheets if i not in visible]
    best: tuple[str, HeaderMatch] | None = None
    has_data = False
    for index in order:
        found = workbook.get_sheet_by_index(index)
        # Search the first rows only; the whole sheet is converted once, for the chosen sheet.
        head = cast(
            "list[Row]", found.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS * 3)
        )
        has_data = has_data or any(c != "" for r in head for c in r)
        header = find_header_row(head, limit=HEADER_SEARCH_ROWS)
        if header is not None:
            rows = cast("list[Row]", found.to_python(skip_empty_area=False))
            return _Table(names[index], rows, None, found.merged_cell_ranges or [], header)
        partial = best_partial_header(head, limit=HEADER_SEARCH_ROWS)
        if partial and (best is None or len(partial.indexes) > len(best[1].indexes)):
            best = (names[index], partial)
    if not has_data:
        raise CaseListError(f"{name}: the workbook contains no data")
    raise CaseListError(_no_header_message(name, best))


def _no_header_message(name: str, best: tuple[str, HeaderMatch] | None) -> str:
    message = (
        f"{name}: no header row with both a case number column (案号) and a filing date column "
        "(立案日期/收案日期) was found"
    )
    if best is not None:
        where = f"sheet '{best[0]}' " if best[0] else ""
        message += (
            f"; closest: {where}row {best[1].row + 1} has {'、'.join(best[1].found.values())}"
        )
    return message


def _read_text(path: Path, name: str) -> _Table:
    try:
        text = _decode(path.read_bytes(), name)
    except OSError as e:
        raise CaseListError(f"{name}: cannot be read ({e.strerror or e})") from e
    head = text[:4096].lstrip().lower()
    if head.startswith("<") and ("<html" in head or "<table" in head):
        raise CaseListError(
            f"{name}: is a web page (HTML) saved under a spreadsheet name; open it in Excel or "
            "WPS and save it as .xlsx"
        )
    # The delimiter is the one under which a header row appears (most fields wins), which is
    # more reliable on Chinese text than csv.Sniffer's character statistics.
    best: tuple[str, HeaderMatch] | None = None
    for delimiter in _DELIMITERS:
        sample = list(islice(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 60))
        header = find_header_row(sample, limit=HEADER_SEARCH_ROWS)
        if header and (best is None or len(header.indexes) > len(best[1].indexes)):
            best = (delimiter, header)
    if best is None:
        sample = list(islice(csv.reader(io.StringIO(text, newline="")), 60))
        if not any(c.strip() for r in sample for c in r):
            raise CaseListError(f"{name}: the file contains no data")
        partial = best_partial_header(sample, limit=HEADER_SEARCH_ROWS)
        raise CaseListError(_no_header_message(name, ("", partial) if partial else None))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=best[0])
    rows: list[Row] = []
    line_numbers: list[int] = []
    width = max(best[1].indexes.values()) + 1
    line = 1
    try:
        for record in reader:
            # Writers drop trailing empty cells; pad so every mapped column exists.
            rows.append(cast("Row", record + [""] * (width - len(record))))
            line_numbers.append(line)
            line = reader.line_num + 1  # a quoted cell may span lines
    except csv.Error as e:
        raise CaseListError(f"{name}: malformed CSV near line {line} ({e})") from e
    return _Table("", rows, line_numbers, [], best[1])


def _decode(data: bytes, name: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export: UTF-16 with BOM, tab-separated.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise CaseListError(f"{name}: damaged UTF-16 text ({e.reason})") from e
    if b"\x00" in data[:8192]:
        raise CaseListError(f"{name}: not a spreadsheet or a text file (binary content)")
    try:
        # Strict UTF-8 first: GBK text is almost never valid UTF-8, while UTF-8 text often
        # decodes "successfully" as GB18030 into nonsense, so the order matters.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise CaseListError(f"{name}: not a text file in UTF-8 or GBK encoding") from e


def _interpret(
    name: str,
    table: _Table,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> CaseListRead:
    """Turn cells into rows, problems and skips, PROGRESS_EVERY rows at a time.

    Within a chunk the work goes column by column and in C where possible: each distinct value
    of a repetitive column (departments, judges, dates, reasons) is converted once, and the
    unique columns are cleaned by clean_texts' single scan. Python code runs per row only for
    the rare rows that are skipped or rejected.
    """
    header, rows, numbers, sheet = table.header, table.rows, table.line_numbers, table.sheet
    cn_col = header.indexes["case_number"]
    # A totals row puts 合计 in the first column of the table (often 序号, not mapped).
    first_col = next((c for c, v in enumerate(rows[header.row]) if to_text(v).strip()), cn_col)
    start = header.last_row + 1
    skip = apply_merged_ranges(rows, table.merged, start, header.indexes)
    fields = list(header.indexes)
    plan = [(c, ColumnConverter(f)) for f, c in header.indexes.items()]
    cn_pos = fields.index("case_number")
    date_pos = [(p, f) for p, f in enumerate(fields) if f in DATE_FIELDS]
    good: list[list[object]] = [[] for _ in fields]
    good_numbers: list[int] = []
    good_raw: list[str] = []
    problems: list[RowProblem] = []
    skipped: list[tuple[int, str]] = []
    total = len(rows) - start
    for lo in range(start, len(rows), PROGRESS_EVERY):
        _check_cancelled(cancelled, name)
        if progress is not None:
            progress(lo - start, total)
        hi = min(lo + PROGRESS_EVERY, len(rows))
        suspects = {i for i in skip if lo <= i < hi}
        suspects.update(lo + k for k in possible_non_case_rows(rows[lo:hi], cn_col, first_col))
        dropped = set()
        for i in sorted(suspects):
            why = skip.get(i) or non_case_row_reason(rows[i], cn_col)
            if why is not None:
                dropped.add(i)
                skipped.append((numbers[i] if numbers else i + 1, why))
        kept = [i for i in range(lo, hi) if i not in dropped] if dropped else range(lo, hi)
        chunk = [rows[i] for i in kept] if dropped else rows[lo:hi]
        if not chunk:
            continue
        # Transposed in C. CSV rows may differ in width, but each reaches the last mapped column.
        transposed = list(zip(*chunk, strict=False))
        raws = [transposed[c] for c, _ in plan]
        cols = [convert(raw) for raw, (_, convert) in zip(raws, plan, strict=True)]
        bad = rejected_rows(cols, cn_pos, date_pos)
        row_numbers = [numbers[i] for i in kept] if numbers else [i + 1 for i in kept]
        try:
            raw_cns = list(map(str.strip, raws[cn_pos]))
        except TypeError:  # a number or date typed into the case-number column
            raw_cns = [to_text(v).strip() for v in raws[cn_pos]]
        for k in sorted(bad):
            values = tuple(col[k] for col in cols)
            if not any(values):
                # Nothing in any recognised column (e.g. a pre-numbered empty template row).
                blank = not any(to_text(v).strip() for v in chunk[k])
                skipped.append((row_numbers[k],
                                "blank row" if blank else "no data in recognised columns"))
            else:
                where = (name, sheet, row_numbers[k])
                problems += _row_problems(where, values, [r[k] for r in raws], cn_pos, date_pos)
        if bad:
            keep = [k for k in range(len(chunk)) if k not in bad]
            cols = [[col[k] for k in keep] for col in cols]
            row_numbers = [row_numbers[k] for k in keep]
            raw_cns = [raw_cns[k] for k in keep]
        for column, converted in zip(good, cols, strict=True):
            column.extend(converted)
        good_numbers.extend(row_numbers)
        good_raw.extend(raw_cns)
    if progress is not None:
        progress(total, total)
    skipped.sort()
    return CaseListRead(
        file=name,
        sheet=sheet,
        header_row=numbers[header.row] if numbers else header.row + 1,
        columns=dict(header.found),
        unrecognised=header.unrecognised,
        problems=tuple(problems),
        skipped=tuple(skipped),
        values=dict(zip(fields, good, strict=True)),
        row_numbers=good_numbers,
        raw_case_numbers=good_raw,
    )


def _row_problems(
    where: tuple[str, str, int],
    values: tuple[object, ...],
    raw: list[object],
    cn_pos: int,
    date_pos: list[tuple[int, str]],
) -> list[RowProblem]:
    """One RowProblem per bad field of a rejected row: case number first, then dates."""
    raw_cn = to_text(raw[cn_pos]).strip()
    found = []
    if not values[cn_pos]:
        found.append(("case_number", "", "case number is missing"))
    for p, f in date_pos:
        v = values[p]
        if type(v) is DateProblem:
            found.append((f, to_text(raw[p]), f"{FIELD_LABELS[f]} {v.message}"))
        elif v is None and f == "filing_date":
            found.append((f, "", "filing date is missing"))
    return [RowProblem(*where, f, value, raw_cn, reason) for f, value, reason in found]
