"""Editing an exported department workbook the way a clerk's spreadsheet program would:
through openpyxl, which rewrites styles and the whole package on save."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from backlog_desk.exchange.workbook_layout import LEDGER_SHEET, META_SHEET


class Ledger:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.wb = openpyxl.load_workbook(path)
        self.ws: Worksheet = self.wb[LEDGER_SHEET]
        self.cols = {str(c.value): c.column for c in self.ws[1] if c.value}

    def row_of(self, case_number: str) -> int:
        for r in range(2, self.ws.max_row + 1):
            if self.ws.cell(r, self.cols["案号"]).value == case_number:
                return r
        raise KeyError(case_number)

    def get(self, row: int, header: str) -> Any:
        return self.ws.cell(row, self.cols[header]).value

    def set(self, row: int, header: str, value: object) -> None:
        self.ws.cell(row, self.cols[header]).value = value

    def set_case(self, case_number: str, **by_header: object) -> int:
        r = self.row_of(case_number)
        for header, value in by_header.items():
            self.set(r, header, value)
        return r

    def values(self, row: int) -> list[Any]:
        return [c.value for c in self.ws[row]]

    def append(self, values: list[Any]) -> int:
        r = self.ws.max_row + 1
        for c, v in enumerate(values, start=1):
            self.ws.cell(r, c).value = v
        return r

    def append_by_header(self, **by_header: object) -> int:
        r = self.ws.max_row + 1
        for header, value in by_header.items():
            self.set(r, header, value)
        return r

    def set_meta(self, key: str, value: str) -> None:
        ws = self.wb[META_SHEET]
        for row in ws.iter_rows():
            if row[0].value == key:
                row[1].value = value
                return
        raise KeyError(key)

    def save(self, out: Path | None = None) -> Path:
        target = out or self.path
        self.wb.save(target)
        return target


def replace_part(src: Path, out: Path, part: str, data: bytes | None) -> Path:
    """A copy of the package with one part replaced (or removed when data is None)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename == part:
                if data is not None:
                    zout.writestr(part, data)
            else:
                zout.writestr(info, zin.read(info))
    out.write_bytes(buf.getvalue())
    return out
