"""A small department workbook written by the exporter alone, without a database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from backlog_desk.exchange.workbook_export import WorkbookMeta, write_department_workbook

META = WorkbookMeta("吉0105", "长春市二道区人民法院", "民一庭", 1, "2026年旧存案件清结专项行动",
                    "abcdef0123456789", "5" * 32, dt.datetime(2026, 7, 15, 9, 30),
                    dt.date(2026, 8, 1))


def sample_rows(n: int = 5) -> list[dict[str, Any]]:
    rows = []
    for i in range(n):
        rows.append({
            "uuid": f"00000000-0000-7000-8000-{i:012d}", "row_version": 1 + i % 3,
            "case_number": f"（2021）吉0105民初{i + 1}号", "title": f"=张三{i}诉李四借款纠纷",
            "filing_date": dt.date(2021, 3, 1) + dt.timedelta(days=i), "department": "民一庭",
            "judge": "张伟", "leader": "赵铁柱" if i % 2 else "",
            "reason_category": "appraisal" if i % 2 else "", "reason": "等待鉴定" if i % 2 else "",
            "expected_close_date": dt.date(2026, 9, 30) if i % 2 else None,
            "measures": "", "closed_date": None, "close_manner": "", "notes": "0012" if i else "",
        })
    return rows


def write_sample(path: Path, n: int = 5) -> Path:
    write_department_workbook(path, META, sample_rows(n))
    return path
