"""Read the case system's export of 审限 events (延长、扣除、中止、程序转换) from .xlsx/.xls/.csv.

One row per event. The header row is found below any title rows by the usual column names;
cells are handed on as read (dates as dates or text), the service checks and converts them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import python_calamine as calamine

__all__ = ["COLUMNS", "EventListError", "EventRow", "read_event_list"]


class EventListError(Exception):
    """The file cannot be read as an event list at all; nothing is imported."""

    def __init__(self, message: str, *, file: str = "") -> None:
        super().__init__(message)
        self.file = file


# field → header names seen in case-system exports (compared without spaces and brackets)
COLUMNS: dict[str, tuple[str, ...]] = {
    "case_number": ("案号", "案件字号", "案件编号"),
    "kind": ("事项", "类型", "审限变更类型", "变更类型", "审限事项", "事项类型"),
    "start": ("开始日期", "起始日期", "决定日期", "批准日期", "起算日期", "中止日期",
              "扣除开始日期"),
    "end": ("结束日期", "截止日期", "恢复日期", "终止日期", "扣除结束日期"),
    "months": ("延长月数", "延长期限月", "延长期限", "延长月"),
    "days": ("延长天数", "延长日数", "延长期限天", "延长期限日"),
    "approver": ("批准人", "审批人", "批准机关", "审批"),
    "reason": ("事由", "理由", "原因", "扣除事由", "中止事由", "延长事由"),
    "to_procedure": ("转换后程序", "变更后程序", "转为"),
    "from_procedure": ("原程序", "转换前程序", "变更前程序"),
}
_LOOKUP = {name: field for field, names in COLUMNS.items() for name in names}
_REQUIRED = ("case_number", "kind", "start")


@dataclass(frozen=True)
class EventRow:
    row: int  # 1-based row number in the sheet or file
    values: dict[str, object]


def _norm(cell: object) -> str:
    return re.sub(r"[\s（）()【】\[\]:：]", "", str(cell or ""))


def _header(rows: list[list[object]]) -> tuple[int, dict[str, int]] | None:
    for i, row in enumerate(rows[:20]):
        found: dict[str, int] = {}
        for j, cell in enumerate(row):
            field = _LOOKUP.get(_norm(cell))
            if field and field not in found:
                found[field] = j
        if all(f in found for f in _REQUIRED):
            return i, found
    return None


def _rows_of(path: Path) -> list[list[object]]:
    name = path.name
    data = path.read_bytes()
    if data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        try:
            with calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)) as wb:
                return [list(r) for r in wb.get_sheet_by_index(0).to_python()]
        except BaseException as e:  # calamine's Rust panics derive from BaseException
            if isinstance(e, calamine.CalamineError | ValueError) or \
                    type(e).__name__ == "PanicException":
                raise EventListError(f"{name}: damaged or not a spreadsheet ({e})",
                                     file=name) from e
            raise
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise EventListError(f"{name}: neither a spreadsheet nor UTF-8/GB18030 text", file=name)
    delimiter = max(",\t;", key=lambda d: text[:4096].count(d))
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def read_event_list(path: Path) -> list[EventRow]:
    """The event rows of ``path`` (blank rows skipped), or EventListError."""
    try:
        rows = _rows_of(path)
    except OSError as e:
        raise EventListError(f"{path.name}: cannot be read ({e.strerror or e})",
                             file=path.name) from e
    found = _header(rows)
    if found is None:
        raise EventListError(f"{path.name}: no header row with 案号, 事项 (or 类型) and 开始日期 "
                             "in the first 20 rows", file=path.name)
    head, columns = found
    out = []
    for i, row in enumerate(rows[head + 1:], start=head + 2):
        values = {f: (row[j] if j < len(row) else None) for f, j in columns.items()}
        if all(v in (None, "") for v in values.values()):
            continue
        if _norm(values.get("case_number")) in ("案号", "合计"):
            continue
        out.append(EventRow(i, values))
    return out
