"""Reading a department workbook back: safe unpacking, the meta sheet, rows as text.

Pure of the database: the service decides what each row means for the ledger. The package is
checked before any parser sees it (a zip bomb or an XML entity bomb must be refused by
looking, not by trying), then python-calamine reads it (9x faster than openpyxl, TECH.md §2b).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import compress
from operator import and_, eq, itemgetter
from pathlib import Path
from typing import cast

import python_calamine as calamine

from backlog_desk.domain.dates import parse_date
from backlog_desk.domain.text import clean_text, clean_texts, to_text
from backlog_desk.exchange.gc_pause import gc_paused

from .workbook_layout import (
    COLUMN_BY_HEADER,
    COLUMNS,
    DATE_FIELDS,
    EDITABLE_FIELDS,
    IDENTITY_FIELDS,
    LEDGER_SHEET,
    LOCKED_FIELDS,
    META_KEYS,
    META_SHEET,
    checksums_of,
    edits_hash,
    edits_hashes_of,
    row_checksum,
)

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # a 100,000-row ledger sheet compresses about 8:1; bombs go far beyond 200:1
RATIO_FLOOR = 1024 * 1024  # tiny parts (styles, rels) may compress oddly well; they are bounded
HEADER_SEARCH_ROWS = 10
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAMS = tuple(s.encode("utf-16-le") for s in ("EncryptionInfo", "EncryptedPackage"))
_FORBIDDEN_XML = (b"<!DOCTYPE", b"<!ENTITY")
# The reader (calamine) makes a dense grid from the first to the last cell: one stray cell
# far out (typed at XFD1048576, or planted) would ask for billions of cells and abort the
# process. A department sheet has a few dozen columns and far fewer than 300,000 rows.
MAX_COLUMN = "AZ"
MAX_ROWS = 300_000
_FAR_CELL = re.compile(rb'<c r="(?:[B-Z][A-Z]|[A-Z]{3})|<row r="(?:[3-9]\d{5}|\d{7})')
_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")

Row = list[object]


class WorkbookError(Exception):
    """The file as a whole cannot be used; the message names the file and says why."""


class SheetRow:
    """One data row: `row` is 1-based, as Excel/WPS show it; `cells` maps column key -> cell
    as text (dates in ISO form). The dict is made on first use: most rows of a returned
    workbook are only ever looked at a whole column at a time (WorkbookRead.column)."""

    __slots__ = ("_cells", "_keys", "_values", "row")

    def __init__(self, row: int, cells: dict[str, str] | None = None, *,
                 keys: Sequence[str] = (), values: Sequence[str] = ()) -> None:
        self.row = row
        self._cells = cells
        self._keys, self._values = keys, values

    @property
    def cells(self) -> dict[str, str]:
        if self._cells is None:
            self._cells = dict(zip(self._keys, self._values, strict=True))
        return self._cells

    def __repr__(self) -> str:
        return f"SheetRow({self.row!r}, {self.cells!r})"


@dataclass
class WorkbookRead:
    file: str
    sheet: str
    meta: dict[str, str]
    header_row: int  # 1-based
    columns: dict[str, int]  # column key -> 0-based column index found
    missing: list[str]  # headers of columns not found
    numbers: list[int]  # the 1-based sheet row of each data row, in order
    raw_header: list[str]
    cells: list[Row] = field(default_factory=list)  # each data row's cells as read, for the
    # error report (kept as read: converting 1.6 million cells nobody looks at costs seconds;
    # empty when read without keep_cells)
    values: dict[str, list[str]] = field(default_factory=dict)  # column key -> the cells of
    # the data rows as text, in row order (what checks a whole column at once reads)

    @property
    def raw_rows(self) -> list[tuple[int, Row]]:
        """(sheet row, cells as read) of every data row (none when read without cells)."""
        return list(zip(self.numbers, self.cells, strict=True)) if self.cells else []

    def column(self, key: str) -> list[str]:
        found = self.values.get(key)
        return found if found is not None else [""] * len(self.numbers)

    def row_at(self, i: int) -> SheetRow:
        """The i-th data row (0-based, in sheet order) as one object."""
        return SheetRow(self.numbers[i], keys=list(self.values),
                        values=[v[i] for v in self.values.values()])

    @cached_property
    def rows(self) -> list[SheetRow]:
        """Every data row as an object, made on first use: the import itself works a column
        at a time and makes objects only for the few rows it must look at one by one."""
        keys = list(self.values)
        if not keys:
            return [SheetRow(n, {}) for n in self.numbers]
        return [SheetRow(n, keys=keys, values=texts) for n, texts in
                zip(self.numbers, zip(*self.values.values(), strict=True), strict=True)]


def check_package(path: Path) -> None:
    """Refuse, with one message, anything that is not a plain, bounded .xlsx package."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            magic = fh.read(8)
    except OSError as exc:
        raise WorkbookError(f"{name}: cannot be opened ({exc.strerror or exc})") from exc
    if not magic:
        raise WorkbookError(f"{name}: the file is empty")
    if magic == _OLE2_MAGIC:
        if size <= MAX_FILE_BYTES and any(s in path.read_bytes() for s in _ENCRYPTION_STREAMS):
            raise WorkbookError(f"{name}: the workbook is password-protected; remove the "
                                "password in Excel or WPS and save it again as .xlsx")
        raise WorkbookError(f"{name}: an old .xls workbook, not the .xlsx that was sent out; "
                            "save it as .xlsx (Excel workbook) and import again")
    if not magic.startswith(_ZIP_MAGIC):
        raise WorkbookError(f"{name}: not an .xlsx workbook (damaged, or not a spreadsheet)")
    if size > MAX_FILE_BYTES:
        raise WorkbookError(f"{name}: {size} bytes, larger than any department workbook "
                            f"({MAX_FILE_BYTES} at most)")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_members(name, infos)
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    _scan_xml(name, zf, info)
    except (zipfile.BadZipFile, zlib.error) as exc:
        raise WorkbookError(f"{name}: the workbook is damaged or truncated ({exc})") from exc
    except (OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise WorkbookError(f"{name}: the workbook is damaged ({exc})") from exc


def _check_members(name: str, infos: Sequence[zipfile.ZipInfo]) -> None:
    names = {i.filename for i in infos}
    missing = [p for p in _REQUIRED_PARTS if p not in names]
    if missing:
        raise WorkbookError(f"{name}: not an .xlsx workbook (no {', '.join(missing)} inside)")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise WorkbookError(f"{name}: the workbook's parts are encrypted; remove the "
                                "password and save it again")
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise WorkbookError(f"{name}: unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB "
                                "(a zip bomb, or not a department workbook); refused")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size,
                                                                             1):
            raise WorkbookError(f"{name}: part {info.filename} is compressed "
                                f"{info.file_size // max(info.compress_size, 1)}:1 (a zip bomb); "
                                "refused")


def _scan_xml(name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Look for a DTD before any parser does: no workbook part needs one, and an entity
    declaration is how a billion-laughs bomb starts. Reading is bounded by the declared size
    (zipfile stops there and checks the CRC), which _check_members has already bounded."""
    tail = b""
    read = 0
    sheet = info.filename.startswith("xl/worksheets/")
    with zf.open(info) as fh:
        while block := fh.read(1 << 20):
            read += len(block)
            if read > MAX_UNPACKED_BYTES:
                raise WorkbookError(f"{name}: part {info.filename} unpacks beyond its size")
            # Both markers start with "<!", rare in a workbook: one fast search per block, and
            # the seam with the previous block looked at on its own (no copy of the block).
            if (b"<!" in block or b"<!" in tail + block[:16]) and any(
                    m in tail + block for m in _FORBIDDEN_XML):
                raise WorkbookError(f"{name}: part {info.filename} declares a DTD or XML "
                                    "entities, which no workbook needs (an entity bomb?); refused")
            if sheet and (far := _FAR_CELL.search(tail + block)):
                raise WorkbookError(
                    f"{name}: sheet part {info.filename} has a cell beyond column "
                    f"{MAX_COLUMN} or row {MAX_ROWS:,} ({far.group().decode()}…); delete "
                    "the cells outside the ledger and save again")
            tail = block[-16:]


def read_workbook(path: Path, *, keep_cells: bool = True) -> WorkbookRead:
    """Check, then read the meta sheet and the ledger sheet. Raises WorkbookError.
    `keep_cells=False` keeps only the rows' texts, not the cells as read (`cells`,
    `raw_rows`: only the error report needs them), so the 100,000 row lists are freed at
    once instead of being scanned by the garbage collector when it resumes."""
    check_package(path)
    with gc_paused():
        return _interpret(path.name, *_read_sheets(path), keep_cells=keep_cells)


def _read_sheets(path: Path) -> tuple[dict[str, str], list[Row]]:
    name = path.name
    try:
        with calamine.CalamineWorkbook.from_path(path) as wb:
            names = list(wb.sheet_names)
            meta = _read_meta(name, wb, names)
            if LEDGER_SHEET not in names:
                raise WorkbookError(f"{name}: has no sheet named {LEDGER_SHEET} "
                                    f"(sheets: {', '.join(names)})")
            cells = cast("list[Row]",
                         wb.get_sheet_by_name(LEDGER_SHEET).to_python(skip_empty_area=False))
    except calamine.PasswordError as exc:
        raise WorkbookError(f"{name}: the workbook is password-protected") from exc
    except (calamine.CalamineError, OSError, ValueError) as exc:
        raise WorkbookError(f"{name}: damaged or not a spreadsheet ({exc})") from exc
    except BaseException as exc:
        # A Rust panic in calamine on a malformed file arrives as pyo3's PanicException.
        if type(exc).__name__ == "PanicException":
            raise WorkbookError(f"{name}: damaged or not a spreadsheet ({exc})") from exc
        raise
    return meta, cells


def _read_meta(name: str, wb: calamine.CalamineWorkbook, names: list[str]) -> dict[str, str]:
    if META_SHEET not in names:
        raise WorkbookError(f"{name}: not a workbook exported by Backlog Desk (its hidden "
                            f"{META_SHEET} sheet is missing); it cannot be matched to a "
                            "department — ask the audit office for a new export")
    meta: dict[str, str] = {}
    for r in cast("list[Row]", wb.get_sheet_by_name(META_SHEET).to_python()):
        if len(r) >= 2 and to_text(r[0]) in META_KEYS:
            meta[to_text(r[0])] = to_text(r[1]).strip()
    lacking = [k for k in ("court_code", "department", "campaign_id", "export_id", "secret")
               if not meta.get(k)]
    if lacking:
        raise WorkbookError(f"{name}: the hidden {META_SHEET} sheet lacks {', '.join(lacking)}; "
                            "the workbook cannot be matched to its export")
    return meta


def _find_header(rows: list[Row]) -> int | None:
    for i, r in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = {clean_text(c) for c in r}
        if "案号" in texts and len(texts & COLUMN_BY_HEADER.keys()) >= 3:
            return i
    return None


def _interpret(name: str, meta: dict[str, str], cells: list[Row], *,
               keep_cells: bool = True) -> WorkbookRead:
    if not any(c != "" for r in cells for c in r):
        raise WorkbookError(f"{name}: the {LEDGER_SHEET} sheet is empty")
    h = _find_header(cells)
    if h is None:
        raise WorkbookError(f"{name}: no header row with 案号 and the ledger's columns in the "
                            f"first {HEADER_SEARCH_ROWS} rows of {LEDGER_SHEET}")
    raw_header = [to_text(c) for c in cells[h]]
    columns: dict[str, int] = {}
    for i, text in enumerate(raw_header):
        col = COLUMN_BY_HEADER.get(clean_text(text))
        if col is not None and col.key not in columns:
            columns[col.key] = i
    missing = [c.header for c in COLUMNS if c.key not in columns]
    width = max(columns.values(), default=0) + 1
    body = cells[h + 1:]
    # A row with any truthy cell is not blank (tested in C); the few others are blank only
    # when every cell is empty (a 0 or FALSE cell is not).
    kept = list(map(any, body))
    if not all(kept):
        for i, r in enumerate(body):
            if not kept[i]:
                kept[i] = r.count("") + r.count(None) != len(r)
    numbers = list(compress(range(h + 2, h + 2 + len(body)), kept))
    rows = list(compress(body, kept))
    if rows and min(map(len, rows)) < width:
        rows = [r if len(r) >= width else r + [""] * (width - len(r)) for r in rows]
    if rows and len(rows[0]) <= _TRANSPOSE_WIDTH:
        # One C pass turns rows into columns (only for a narrow sheet: a cell typed far to
        # the right would make thousands of empty columns).
        by_index: list[Sequence[object]] = list(zip(*rows, strict=False))
    else:
        by_index = [list(map(itemgetter(c), rows)) for c in range(width)]
    values = {key: _column_texts(by_index[c]) for key, c in columns.items()} if rows else {
        key: [] for key in columns}
    return WorkbookRead(name, LEDGER_SHEET, meta, h + 1, columns, missing, numbers, raw_header,
                        rows if keep_cells else [], values)


_TRANSPOSE_WIDTH = 64


_NUMBER_TYPES = frozenset((bool, int, float))


def _column_texts(values: Sequence[object]) -> list[str]:
    """The cells of one column as trimmed text (to_text). Most cells are strings, trimmed in
    C; dates and numbers repeat, so each distinct one is converted once."""
    try:
        return list(map(str.strip, cast("Sequence[str]", values)))
    except TypeError:  # not all strings (str.strip refuses a date or a number)
        pass
    kinds = set(map(type, values))
    if len(kinds & _NUMBER_TYPES) > 1:
        # 1 == 1.0 == True would share one key of a plain dict, but read differently.
        keyed = list(zip(map(type, values), values, strict=True))
        typed = {k: to_text(k[1]).strip() for k in set(keyed)}
        return list(map(typed.__getitem__, keyed))
    texts = {v: to_text(v).strip() for v in set(values) if type(v) is not str}
    # texts.get(v, v): a string is its own text (no string equals a key of another type).
    return list(map(str.strip, cast("Iterator[str]", map(texts.get, values, values))))


def locked_from_cells(cells: dict[str, str]) -> dict[str, str]:
    """Locked fields of a row as the checksum saw them at export: cleaned text, ISO dates
    (a date cell that came back as text, 2021/3/5 or a serial, still gives the same sum)."""
    out: dict[str, str] = {}
    for key in LOCKED_FIELDS:
        raw = cells.get(key, "")
        if key == "filing_date":
            out[key] = _iso_day(raw)
        else:
            out[key] = clean_text(raw)
    return out


@lru_cache(maxsize=65536)
def _iso_day(raw: str) -> str:
    d = parse_date(raw)
    return d.isoformat() if isinstance(d, dt.date) else raw


def edits_untouched(row: SheetRow) -> bool:
    """True when the department's cells are as exported (see layout.edits_hash); False when
    edited, or when the hidden column is gone and nothing can be said."""
    given = row.cells.get("edit_hash", "")
    if not given:
        return False
    texts = {k: _iso_day(row.cells.get(k, "")) if k in DATE_FIELDS else
             clean_text(row.cells.get(k, "")) for k in EDITABLE_FIELDS}
    return edits_hash(texts) == given.lower()


def checksum_matches(secret: str, row: SheetRow) -> bool:
    uuid, version, given = (row.cells.get(k, "") for k in IDENTITY_FIELDS)
    try:
        v = int(float(version))
    except (ValueError, OverflowError):  # "abc", "nan", "inf" typed over the hidden cell
        return False
    return row_checksum(secret, uuid, v, locked_from_cells(row.cells)) == given.lower()


def verify_rows(read: WorkbookRead) -> tuple[list[bool], list[bool]]:
    """checksum_matches and edits_untouched of every row, computed column by column and
    hashed by layout.checksums_of without a Python call per row.

    The sums were made of the cells' texts cleaned as at export (clean_text, ISO dates), and
    an exported cell holds that very text unless the ledger's own text was unclean, so the
    cells are hashed as read first; only the rows that do not match (edited, altered, an
    unclean ledger text, a date turned into text by another program) are normalised and
    hashed again. Normalising is idempotent, so a row matches as read only if it matches
    normalised: the result is exactly that of the per-row functions."""
    secret = read.meta["secret"]
    column = read.column
    versions = column("row_version")
    canonical = {v: _version_text(v) for v in set(versions)}
    numbered = list(map(canonical.__getitem__, versions))
    uuids = column("uuid")

    def sums(rows: list[int] | None, locked: list[list[str]]) -> list[str]:
        return checksums_of(secret, _take(uuids, rows), _take(numbered, rows), locked)

    # A row whose version is not a number cannot match, whatever its sum.
    sums_ok = list(map(and_, map(bool, numbered),
                       _matching(column("checksum"), [column(k) for k in LOCKED_FIELDS],
                                 LOCKED_FIELDS, sums)))
    untouched = _matching(column("edit_hash"), [column(k) for k in EDITABLE_FIELDS],
                          EDITABLE_FIELDS, lambda _rows, texts: edits_hashes_of(texts))
    return sums_ok, untouched


def _matching(given: list[str], cells: list[list[str]], keys: Sequence[str],
              digest: Callable[[list[int] | None, list[list[str]]], list[str]]) -> list[bool]:
    """Which rows' `given` sums match the digest of their cells, as read or normalised."""
    expected = list(map(str.lower, given))
    ok = list(map(and_, map(bool, expected), map(eq, digest(None, cells), expected)))
    retry = [i for i, good in enumerate(ok) if not good]
    if retry:
        normalised = [_normalised(k, _take(c, retry)) for k, c in zip(keys, cells, strict=True)]
        for i, found in zip(retry, digest(retry, normalised), strict=True):
            ok[i] = bool(expected[i]) and found == expected[i]
    return ok


def _take(values: list[str], rows: list[int] | None) -> list[str]:
    return values if rows is None else [values[i] for i in rows]


def _normalised(key: str, values: list[str]) -> list[str]:
    """A column's texts as the export summed them: clean text, dates in ISO form."""
    if key in DATE_FIELDS:
        days = {v: _iso_day(v) for v in set(values)}
        return list(map(days.__getitem__, values))
    return clean_texts(values)


def _version_text(version: str) -> str:
    """The row version as the checksum saw it (str of the int), "" when not a number."""
    try:
        return str(int(float(version)))
    except (ValueError, OverflowError):  # "abc", "nan", "inf" typed over the hidden cell
        return ""
