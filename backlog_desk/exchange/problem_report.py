"""A workbook listing what an import refused, for the clerk who must fix the source file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import xlsxwriter

HEADERS = ("类别", "文件", "工作表", "行号", "字段", "值", "案号", "原因")
WIDTHS = (8, 28, 12, 6, 18, 24, 30, 60)


def write_problem_report(path: Path, sections: Iterable[tuple[str, Sequence[object]]]) -> int:
    """Write one row per problem. Each section is (category label, problems); a problem is any
    object with file, sheet, row, field, value, case_number and reason attributes."""
    wb = xlsxwriter.Workbook(str(path))
    try:
        ws = wb.add_worksheet("问题清单")
        head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        for col, (title, width) in enumerate(zip(HEADERS, WIDTHS, strict=True)):
            ws.write(0, col, title, head)
            ws.set_column(col, col, width)
        ws.freeze_panes(1, 0)
        n = 0
        for label, problems in sections:
            for p in problems:
                n += 1
                ws.write_row(
                    n,
                    0,
                    [
                        label,
                        str(getattr(p, "file", "")),
                        str(getattr(p, "sheet", "")),
                        int(getattr(p, "row", 0)),
                        str(getattr(p, "field", "")),
                        str(getattr(p, "value", "")),
                        str(getattr(p, "case_number", "")),
                        str(getattr(p, "reason", "")),
                    ],
                )
        ws.autofilter(0, 0, max(n, 1), len(HEADERS) - 1)
    finally:
        wb.close()
    return n
