"""Writing a department's ledger as a workbook a clerk edits in Excel, WPS or LibreOffice.

xlsxwriter builds everything but the data rows of the ledger sheet: styles, column formats,
validation, protection, print setup, the cover and the hidden meta sheet. The 1.5 million data
cells are then written here straight into that sheet's XML, column by column, while the
package is copied to its final place: xlsxwriter spends about 30 us of Python per cell
(bookkeeping, then XML escaping one cell at a time), ten times what a cell costs here, where
each distinct string is escaped once into the shared-string table. The result has the layout
Excel and WPS themselves write (shared strings, `<dimension>`, styles per cell).

The sheet is protected without a password: the protection keeps a clerk from changing the
case facts by accident; the hidden checksum on every row is what tells the import a row was
altered or retyped.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from backlog_desk.domain.dates import MAX_DATE, MIN_DATE
from backlog_desk.domain.ledger import Kind
from backlog_desk.domain.text import clean_text, clean_texts, to_text

from .workbook_layout import (
    COLUMNS,
    COVER_SHEET,
    EDITABLE_FIELDS,
    FORMAT_VERSION,
    LEDGER_SHEET,
    LOCKED_FIELDS,
    MANNER_CHOICES,
    META_SHEET,
    REASON_LABEL_BY_KEY,
    REASON_LABELS,
    SHEET_PASSWORD,
    checksums_of,
    edits_hashes_of,
)

EXTRA_ROWS = 500  # empty rows below the data keep validation, for cases the department adds
_EPOCH = dt.date(1899, 12, 30)
_DATE_FORMAT = "yyyy-mm-dd"
_MAX_ROW = 1_048_575
_MAX_STRING = 32767  # Excel's limit for one cell (xlsxwriter cuts there too)
# zlib level 1: the sheet's XML is most of the work of compressing, and level 1 packs it
# nearly as small (the XML repeats itself) in a third of the time of the default level 6.
_COMPRESS_LEVEL = 1
_CHUNK = 4000  # rows generated per step: bounded memory, and a point to report progress
# What XML text cannot hold as is: markup characters, control characters (written as Excel's
# _xHHHH_ escapes), and a literal _xHHHH_ (which Excel would otherwise decode).
_XML_UNSAFE = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]|_x[0-9A-Fa-f]{4}_")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_LITERAL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class WorkbookMeta:
    court_code: str
    court_name: str
    department: str
    campaign_id: int
    campaign_name: str
    export_id: str
    secret: str
    exported_at: dt.datetime
    deadline: dt.date | None

    def as_pairs(self, rows: int) -> list[tuple[str, str]]:
        return [
            ("format", FORMAT_VERSION), ("court_code", self.court_code),
            ("court_name", self.court_name), ("department", self.department),
            ("campaign_id", str(self.campaign_id)), ("campaign_name", self.campaign_name),
            ("export_id", self.export_id), ("secret", self.secret),
            ("exported_at", self.exported_at.isoformat(timespec="seconds")),
            ("deadline", self.deadline.isoformat() if self.deadline else ""),
            ("rows", str(rows)),
        ]


def write_department_workbook(path: Path, meta: WorkbookMeta,
                              rows: Iterable[Mapping[str, Any]],
                              progress: Progress | None = None) -> int:
    """Write the workbook; `rows` are mappings with the ledger fields of COLUMNS (dates as
    date objects, reason_category as its key) plus uuid and row_version. Returns the count.
    `progress(done, total)` is called between chunks of rows; an exception it raises (a
    cancel) stops the writing, and the caller removes the partial file."""
    data = rows if isinstance(rows, list) else list(rows)
    n = len(data)
    shell = io.BytesIO()
    wb = xlsxwriter.Workbook(shell, {
        "in_memory": True,
        # A case name starting with "=" or a number-like note must stay text, never a formula.
        "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
    })
    try:
        cover = wb.add_worksheet(COVER_SHEET)
        ledger = wb.add_worksheet(LEDGER_SHEET)
        hidden = wb.add_worksheet(META_SHEET)
        formats = _write_ledger(wb, ledger, meta, n)
        _write_cover(wb, cover, meta, n)
        for r, (key, value) in enumerate(meta.as_pairs(n)):
            hidden.write_string(r, 0, key)
            hidden.write_string(r, 1, value)
        hidden.very_hidden()
        cover.activate()
        wb.set_properties({"title": f"{meta.department}积案清结台账",
                           "company": meta.court_name, "comments": f"export {meta.export_id}"})
        sheet_part = f"xl/worksheets/sheet{wb.worksheets().index(ledger) + 1}.xml"
    finally:
        wb.close()
    styles = [f.xf_index or 0 for f in formats]
    with zipfile.ZipFile(shell) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=_COMPRESS_LEVEL) as out:
        sst_part = "xl/sharedStrings.xml"
        for info in src.infolist():
            if info.filename not in (sheet_part, sst_part):
                out.writestr(info, src.read(info))
        sheet_xml = src.read(sheet_part).decode("utf-8")
        sst_xml = src.read(sst_part).decode("utf-8")
        found = re.search(r'<sst [^>]*?count="(\d+)" uniqueCount="(\d+)"', sst_xml)
        if found is None:  # pragma: no cover - xlsxwriter always writes both counts
            raise RuntimeError("unexpected shared-string table from xlsxwriter")
        strings = _SharedStrings(int(found.group(2)))
        # Data rows go right after the header row, before the open rows below the data.
        cut = sheet_xml.index("</row>", sheet_xml.index("<sheetData>")) + len("</row>")
        # Parts opened by name take the archive's compression and level.
        with out.open(sheet_part, "w", force_zip64=True) as fh:
            fh.write(sheet_xml[:cut].encode("utf-8"))
            _write_rows(fh, meta.secret, data, styles, strings, progress)
            fh.write(sheet_xml[cut:].encode("utf-8"))
        head = sst_xml[:found.start(1)] + str(int(found.group(1)) + strings.used) \
            + sst_xml[found.end(1):found.start(2)] + str(strings.next_index) \
            + sst_xml[found.end(2):]
        end = head.rindex("</sst>")
        with out.open(sst_part, "w", force_zip64=True) as fh:
            fh.write(head[:end].encode("utf-8"))
            for block in strings.xml_blocks():
                fh.write(block)
            fh.write(head[end:].encode("utf-8"))
    return n


class _SharedStrings:
    """The strings of the data rows, appended to the table xlsxwriter started."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.index: dict[str, int] = {}
        self.used = 0

    @property
    def next_index(self) -> int:
        return self.first + len(self.index)

    def xml_blocks(self) -> Iterable[bytes]:
        items = list(self.index)
        for i in range(0, len(items), 20000):
            yield "".join(map(_si, items[i:i + 20000])).encode("utf-8")


def _si(text: str) -> str:
    if _XML_UNSAFE.search(text) is not None:
        text = _LITERAL_ESCAPE.sub(r"_x005F_\1", text)
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    if text[:1].isspace() or text[-1:].isspace():
        return f'<si><t xml:space="preserve">{text}</t></si>'
    return f"<si><t>{text}</t></si>"


def _write_rows(fh: IO[bytes], secret: str, data: list[Mapping[str, Any]], styles: list[int],
                strings: _SharedStrings, progress: Progress | None) -> None:
    total = len(data)
    for start in range(0, total, _CHUNK):
        if progress is not None:
            progress(start, total)
        chunk = data[start:start + _CHUNK]
        columns = _chunk_columns(secret, chunk)
        first = start + 2  # 1-based sheet row of the chunk's first row (row 1 is the header)
        cells = [_cells(c, kind, styles[c], columns[c], first, strings)
                 for c, kind in enumerate(_KINDS)]
        fh.write("".join(
            f'<row r="{r}">{"".join(row)}</row>'
            for r, row in enumerate(zip(*cells, strict=True), start=first)).encode("utf-8"))
    if progress is not None:
        progress(total, total)


_TEXT, _DATE, _NUMBER, _HEX = 0, 1, 2, 3
# The hidden identity and sums differ on every row and are plain hex: written in the cell
# itself (an inline string), they spare the shared-string table 300,000 entries.
_KINDS = tuple(_DATE if c.kind is Kind.DATE else _NUMBER if c.key == "row_version"
               else _HEX if c.key in ("uuid", "checksum", "edit_hash") else _TEXT
               for c in COLUMNS)
_LETTERS = tuple(xl_col_to_name(c) for c in range(len(COLUMNS)))


def _cells(c: int, kind: int, style: int, values: list[Any], first: int,
           strings: _SharedStrings) -> list[str]:
    head = f'<c r="{_LETTERS[c]}'
    out: list[str] = []
    add = out.append
    if kind == _TEXT:
        mid = f'" s="{style}" t="s"><v>'
        index = strings.index
        get = index.get
        base = strings.first
        used = 0
        for r, v in enumerate(values, start=first):
            if not v:
                add("")
                continue
            i = get(v)
            if i is None:
                i = index[v] = base + len(index)
            used += 1
            add(f"{head}{r}{mid}{i}</v></c>")
        strings.used += used
    elif kind == _HEX:
        mid = f'" s="{style}" t="inlineStr"><is><t>'
        for r, v in enumerate(values, start=first):
            add(f"{head}{r}{mid}{v}</t></is></c>" if v else "")
    else:
        mid = f'" s="{style}"><v>'
        for r, v in enumerate(values, start=first):
            add("" if v is None or v == "" else f"{head}{r}{mid}{v}</v></c>")
    return out


def _chunk_columns(secret: str, chunk: list[Mapping[str, Any]]) -> list[list[Any]]:
    """The cell values of a chunk, column by column: text as written (str, cut at Excel's
    limit), dates as serial numbers, and the two hidden sums computed over whole columns."""
    raw: dict[str, list[Any]] = {key: [row.get(key) for row in chunk] for key in
           (*LOCKED_FIELDS, *EDITABLE_FIELDS, "uuid", "row_version")}
    raw["reason_category"] = [REASON_LABEL_BY_KEY.get(v or "", v or "")
                              for v in raw["reason_category"]]
    serials: dict[dt.date, int] = {}

    def serial(v: Any) -> int | None:
        if v is None or v == "":
            return None
        found = serials.get(v)
        if found is None:
            found = serials[v] = (v - _EPOCH).days
        return found

    def as_text(v: Any) -> str:
        if v is None:
            return ""
        return v.isoformat() if isinstance(v, dt.date) else str(v)

    def summed(keys: tuple[str, ...]) -> list[list[str]]:
        return [[serial_text(v) for v in raw[k]] if k in _DATE_KEYS else
                clean_texts([v if type(v) is str else as_text(v) for v in raw[k]])
                for k in keys]

    def serial_text(v: Any) -> str:
        return v.isoformat() if isinstance(v, dt.date) else clean_text(v)

    locked = summed(LOCKED_FIELDS)
    edits = summed(EDITABLE_FIELDS)
    uuids = [str(u) for u in raw["uuid"]]
    versions = [int(v) for v in raw["row_version"]]
    checksums = checksums_of(secret, uuids, list(map(str, versions)), locked)
    # A row may bring the hash of its values as first exported (a workbook rewritten from a
    # returned one keeps telling the import which cells the clerk changed).
    given = [row.get("edit_hash") for row in chunk]
    edit_sums = [g or h for g, h in zip(given, edits_hashes_of(edits), strict=True)]
    out: list[list[Any]] = []
    for col, kind in zip(COLUMNS, _KINDS, strict=True):
        key = col.key
        if key == "checksum":
            out.append(checksums)
        elif key == "edit_hash":
            out.append(edit_sums)
        elif key == "uuid":
            out.append(uuids)
        elif key == "row_version":
            out.append(versions)
        elif kind == _DATE:
            out.append([serial(v) for v in raw[key]])
        else:
            out.append([v if type(v) is str and len(v) <= _MAX_STRING else _cell_text(v)
                        for v in raw[key]])
    return out


_DATE_KEYS = frozenset(c.key for c in COLUMNS if c.kind is Kind.DATE)


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    s = v if type(v) is str else str(v)
    return s[:_MAX_STRING] if len(s) > _MAX_STRING else s


def _write_ledger(wb: xlsxwriter.Workbook, ws: Worksheet, meta: WorkbookMeta,
                  n: int) -> list[Format]:
    """Everything of the ledger sheet but its data rows; returns each column's cell format."""
    shade = "#E7E6E6"
    header = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                            "text_wrap": True, "valign": "vcenter", "align": "center"})
    locked_text = wb.add_format({"bg_color": shade, "locked": True})
    locked_date = wb.add_format({"bg_color": shade, "locked": True, "num_format": _DATE_FORMAT})
    edit_text = wb.add_format({"locked": False})
    edit_date = wb.add_format({"locked": False, "num_format": _DATE_FORMAT})
    hidden_fmt = wb.add_format({"locked": True})
    formats = []
    for c, col in enumerate(COLUMNS):
        if col.hidden:
            fmt = hidden_fmt
        elif col.kind is Kind.DATE:
            fmt = locked_date if col.locked else edit_date
        else:
            fmt = locked_text if col.locked else edit_text
        # The column format covers the empty cells of the data rows too, so a blank locked
        # cell needs no cell record of its own (fewer cells to write and to read back).
        ws.set_column(c, c, col.width, fmt, {"hidden": col.hidden})
        ws.write_string(0, c, col.header, header)
        formats.append(fmt)
    visible_last = max(c for c, col in enumerate(COLUMNS) if not col.hidden)
    last_open = min(n + EXTRA_ROWS, _MAX_ROW)
    for open_row in range(n + 1, last_open + 1):
        # Rows below the data are unlocked whole, so a department can add a missing case.
        ws.set_row(open_row, None, edit_text)
    _validations(ws, last_open)
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, max(n, 1), visible_last)
    ws.set_row(0, 30)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.repeat_rows(0)
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, max(n, 1), visible_last)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header(f"&C{meta.court_name} {meta.department} 积案清结台账")
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.protect(SHEET_PASSWORD, {
        "autofilter": True, "sort": False, "format_columns": True, "format_rows": True,
        "insert_rows": True, "select_locked_cells": True, "select_unlocked_cells": True,
    })
    return formats


def _col(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


def _validations(ws: Worksheet, last_row: int) -> None:
    def rng(key: str) -> tuple[int, int, int, int]:
        c = _col(key)
        return (1, c, last_row, c)

    ws.data_validation(*rng("reason_category"), {
        "validate": "list", "source": list(REASON_LABELS), "ignore_blank": True,
        "input_title": "未结原因类别", "input_message": "请从下拉列表中选择",
        "error_title": "未结原因类别", "error_message": "请从下拉列表中选择一个类别",
    })
    ws.data_validation(*rng("close_manner"), {
        "validate": "list", "source": list(MANNER_CHOICES), "ignore_blank": True,
        "error_title": "结案方式", "error_message": "请从下拉列表中选择结案方式",
    })
    for key, title in (("expected_close_date", "预计结案日期"), ("closed_date", "结案日期")):
        ws.data_validation(*rng(key), {
            "validate": "date", "criteria": "between", "minimum": MIN_DATE,
            "maximum": MAX_DATE, "ignore_blank": True,
            "input_title": title, "input_message": "日期格式：2026-09-30",
            "error_title": title, "error_message": "请输入日期，例如 2026-09-30",
        })


def _write_cover(wb: xlsxwriter.Workbook, ws: Worksheet, meta: WorkbookMeta, n: int) -> None:
    title = wb.add_format({"bold": True, "font_size": 16})
    label = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    value = wb.add_format({"border": 1, "text_wrap": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 80)
    ws.write_string(0, 0, f"{meta.court_name} {meta.department} 积案清结台账", title)
    deadline = (f"{meta.deadline.year}年{meta.deadline.month}月{meta.deadline.day}日"
                if meta.deadline else "（见通知）")
    facts = [
        ("法院", f"{meta.court_name}（{meta.court_code}）"), ("承办部门", meta.department),
        ("专项行动", meta.campaign_name), ("案件数", str(n)), ("报送截止日期", deadline),
        ("导出时间", meta.exported_at.strftime("%Y-%m-%d %H:%M")), ("导出编号", meta.export_id),
    ]
    for r, (k, v) in enumerate(facts, start=2):
        ws.write_string(r, 0, k, label)
        ws.write_string(r, 1, v, value)
    steps = [
        "填写说明：",
        f"1. 请在“{LEDGER_SHEET}”工作表中逐案填写：未结原因类别（下拉选择）、未结原因、"
        "预计结案日期、清结措施；已结案件填写结案日期和结案方式；其他情况写在备注中。",
        "2. 灰色列（案号、案件名称、立案日期、承办部门、承办人、包保领导）由审管办维护，请勿修改；"
        "如有错误，请在备注中说明。",
        "3. 日期请按 2026-09-30 格式填写。",
        "4. 不属于本部门的案件，请在备注中写明“非本部门案件”；"
        "已结但无结案日期的，请在备注中写明“已结案”。",
        "5. 清单中遗漏的案件，请在表格末尾空行中补充案号、案件名称、立案日期等信息，由审管办核实。",
        "6. 请勿删除、复制或移动行，请勿删除隐藏列；保存为 .xlsx 格式后按期报送审管办。",
    ]
    for r, text in enumerate(steps, start=len(facts) + 3):
        ws.merge_range(r, 0, r, 1, text, wrap)
        ws.set_row(r, 32 if r > len(facts) + 3 else 18)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 1)
    ws.hide_gridlines(2)


@dataclass(frozen=True)
class CellNote:
    row: int  # 1-based sheet row of the input
    column: int | None  # 0-based column of the input, None for the whole row
    reason: str
    severe: bool  # rejected (red) or only flagged for the audit office (yellow)


def write_error_workbook(path: Path, meta: Mapping[str, str], header: list[str],
                         rows: Iterable[tuple[int, list[object]]], notes: Iterable[CellNote],
                         hidden_headers: Iterable[str] = ()) -> int:
    """A copy of the returned ledger rows with each problem cell filled and commented, and a
    last column saying why. It keeps the hidden meta sheet and identity columns, so the clerk
    can correct this copy and send it back in place of the original. Returns the rows noted."""
    by_row: dict[int, list[CellNote]] = {}
    for note in notes:
        by_row.setdefault(note.row, []).append(note)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                         "strings_to_numbers": False, "strings_to_urls": False})
    try:
        ws = wb.add_worksheet(LEDGER_SHEET)
        head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        red = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        yellow = wb.add_format({"bg_color": "#FFEB9C"})
        hide = set(hidden_headers)
        for c, text in enumerate(header):
            ws.write_string(0, c, text, head)
            ws.set_column(c, c, 14, None, {"hidden": text in hide})
        why_col = len(header)
        ws.write_string(0, why_col, "问题说明", head)
        ws.set_column(why_col, why_col, 60)
        out_row = 0
        for out_row, (sheet_row, cells) in enumerate(rows, start=1):
            found = by_row.get(sheet_row, [])
            marks = {n.column: n for n in found if n.column is not None}
            for c, value in enumerate(cells):
                text = to_text(value)
                mark = marks.get(c)
                fmt = None if mark is None else (red if mark.severe else yellow)
                if text or fmt is not None:
                    ws.write_string(out_row, c, text, fmt)
                if mark is not None:
                    ws.write_comment(out_row, c, mark.reason[:2000], {"x_scale": 2, "y_scale": 2})
            if found:
                fmt = red if any(n.severe for n in found) else yellow
                ws.write_string(out_row, why_col,
                                f"第{sheet_row}行：" + "；".join(n.reason for n in found), fmt)
        ws.freeze_panes(1, 1)
        ws.autofilter(0, 0, max(out_row, 1), why_col)
        hidden = wb.add_worksheet(META_SHEET)
        for r, (key, value) in enumerate(meta.items()):
            hidden.write_string(r, 0, key)
            hidden.write_string(r, 1, value)
        hidden.very_hidden()
    finally:
        wb.close()
    return len(by_row)
