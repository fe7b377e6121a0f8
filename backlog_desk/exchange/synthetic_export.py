"""Writing synthetic cases as a case-management-system export (.xlsx), tidy or messy.

The messy variant reproduces what real exports look like (half-width brackets, full-width
digits, spaces, a missing 号, dates as text in several forms, padded names, blank rows, a
合计 row, header synonyms) so the importer can be tested and benchmarked on it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

import xlsxwriter

from backlog_desk.domain.ledger import STATUS_LABELS, Status

if TYPE_CHECKING:
    from .synthetic import SynthCourt

OPEN = Status.OPEN.value
CLOSED = Status.CLOSED.value


# --- case-management-system export -----------------------------------------------------------

EXPORT_HEADERS: tuple[str, ...] = (
    "序号",
    "案号",
    "案件名称",
    "案由",
    "立案日期",
    "承办部门",
    "承办人",
    "适用程序",
    "案件状态",
    "结案日期",
    "结案方式",
)
MESSY_HEADER_SYNONYMS: dict[str, str] = {
    "案号": "案件字号",
    "立案日期": "收案日期",
    "承办人": "承办法官",
    "承办部门": "承办庭室",
}
_CONSTANT_MEMORY_ABOVE = 200_000  # rows; xlsxwriter's in-memory mode costs ~2.4 KB a row
_EXCEL_EPOCH = date(1899, 12, 30).toordinal()
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_NUMBER_FORMS = ("half_width", "full_width", "spaces", "no_hao")
_DATE_FORMS = ("dot", "slash", "compact", "chinese")

_Row = tuple[object, ...]


def _export_row(case: Mapping[str, object]) -> _Row:
    status = case.get("status", OPEN)
    return (
        case.get("case_number", ""),
        case.get("title", ""),
        case.get("cause", ""),
        case.get("filing_date"),
        case.get("department", ""),
        case.get("judge", ""),
        case.get("procedure", ""),
        STATUS_LABELS.get(str(status), str(status)),
        case.get("closed_date"),
        case.get("close_manner", ""),
    )


def _mess_number(text: str, form: str) -> str:
    if form == "half_width":
        return text.replace("（", "(").replace("）", ")")
    if form == "full_width":
        return text.translate(_FULL_WIDTH_DIGITS)
    if form == "spaces":
        return " " + text.replace("）", "） ", 1)
    return text.removesuffix("号")


def _mess_date(d: date, form: str) -> str:
    if form == "dot":
        return f"{d.year}.{d.month}.{d.day}"
    if form == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if form == "compact":
        return f"{d.year:04d}{d.month:02d}{d.day:02d}"
    return f"{d.year}年{d.month}月{d.day}日"


def _messy_row(row: _Row, index: int, rng: random.Random, padded_yet: bool) -> _Row:
    """One row as a careless export shows it; the first rows carry one form each so that even
    a short file contains every form."""
    values = list(row)
    r = rng.random()  # each case-number form on ~3 % of rows
    form = (
        _NUMBER_FORMS[index] if index < 4 else (_NUMBER_FORMS[int(r / 0.03)] if r < 0.12 else None)
    )
    if isinstance(values[0], str) and form:
        values[0] = _mess_number(values[0], form)
    for col in (3, 8):
        d = values[col]
        r = rng.random()  # each text-date form on ~2.5 % of dates
        form = (
            _DATE_FORMS[index]
            if index < 4 and col == 3
            else (_DATE_FORMS[int(r / 0.025)] if r < 0.1 else None)
        )
        if isinstance(d, date) and form:
            values[col] = _mess_date(d, form)
    judge = values[5]
    if isinstance(judge, str) and len(judge) == 2 and (not padded_yet or rng.random() < 0.5):
        values[5] = judge[0] + "　" + judge[1]
    return tuple(values)


def write_case_system_export(
    court: SynthCourt,
    cases: Iterable[Mapping[str, object]],
    path: Path,
    *,
    messy: bool = False,
    seed: int = 1,
    as_of: date | None = None,
) -> int:
    """Write ``cases`` as a case-management-system export (.xlsx); return the case rows written.

    Layout: merged title row "<court>未结案件清单（截至Y年M月D日）", header row
    (``EXPORT_HEADERS``), one row per case, dates as date cells. ``as_of`` is the date in the
    title; without it, the latest filing or closing date among the rows (among the first
    200,000 when more are streamed, since then the title must be written first). ``messy``
    (deterministic by ``seed``) adds what real exports contain: header synonyms, odd case
    numbers, text dates, padded two-character names, blank rows and a 合计 row.
    """
    rows = (_export_row(c) for c in cases)
    head = list(islice(rows, _CONSTANT_MEMORY_ABOVE + 1))
    big = len(head) > _CONSTANT_MEMORY_ABOVE
    if as_of is None:
        seen = [d for row in head for d in (row[3], row[8]) if isinstance(d, date)]
        as_of = max(seen) if seen else None
    title = f"{court.name}未结案件清单" + (
        f"（截至{as_of.year}年{as_of.month}月{as_of.day}日）" if as_of else ""
    )
    headers = [MESSY_HEADER_SYNONYMS.get(h, h) if messy else h for h in EXPORT_HEADERS]
    rng = random.Random(f"backlog-desk/export/{seed}")
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": big})
    try:
        if as_of is not None:  # fixed metadata keeps the file identical for identical input
            workbook.set_properties({"created": datetime(as_of.year, as_of.month, as_of.day)})
        sheet = workbook.add_worksheet("未结案件")
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.merge_range(
            0,
            0,
            0,
            len(headers) - 1,
            title,
            workbook.add_format({"bold": True, "align": "center", "font_size": 14}),
        )
        sheet.write_row(1, 0, headers, workbook.add_format({"bold": True, "border": 1}))
        for col, width in enumerate((7, 28, 44, 22, 12, 14, 10, 10, 9, 12, 12)):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(2, 0)
        write_number, write_string = sheet.write_number, sheet.write_string
        line = 2
        written = 0
        padded = False
        for row in chain(head, rows):
            if messy:
                if rng.random() < 0.004 or written == 5:
                    line += 1  # a blank row, as exports stitched from several queries have
                row = _messy_row(row, written, rng, padded)
                padded = padded or "　" in str(row[5])
            written += 1
            write_number(line, 0, written)
            for col, value in enumerate(row, 1):
                if isinstance(value, date):
                    write_number(line, col, value.toordinal() - _EXCEL_EPOCH, date_format)
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    write_number(line, col, value)
                elif value is not None and value != "":
                    write_string(line, col, str(value))
            line += 1
        if messy:
            line += 1
            write_string(line, 0, "合计")
            write_string(line, 1, f"共{written}件")
    finally:
        workbook.close()
    return written
