"""Importing 审限 events from a case-system export (.xlsx and .csv): good rows applied after a
backup, bad rows reported with row and reason, the same file twice changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from backlog_desk import cli
from backlog_desk.services import time_limits as tl
from backlog_desk.services.errors import InvalidValue
from backlog_desk.services.time_limits_import import import_events
from backlog_desk.store.database import Database
from backlog_desk.store.models import TimeLimitEvent

from .conftest import AUDIT, CLERK, audit_count

HEADER = ["案号", "审限变更类型", "开始日期", "结束日期", "延长期限（月）", "批准人", "事由",
          "转换后程序"]
ROWS: list[list[object]] = [
    ["（2026）吉0105民初1号", "扣除审限", dt.datetime(2026, 2, 1), dt.datetime(2026, 3, 1), None,
     "庭长", "鉴定", None],
    ["(2026)吉0105民初1号", "延长审限", "2026年6月20日", None, 6, "本院院长", "案情复杂", None],
    ["（2025）吉0105民初44号", "中止", "2026.1.10", None, None, "", "等待另案审理", None],
    ["（2025）吉0105民初44号", "程序转换", "2025-08-01", None, None, "", "", "普通程序"],
    # rejected: overlaps the first deduction
    ["（2026）吉0105民初1号", "扣除", "2026-02-10", "2026-02-20", None, "", "公告", None],
    # rejected: impossible date, unknown case, unparseable number, unknown kind
    ["（2026）吉0105民初1号", "扣除", "2026-13-45", None, None, "", "鉴定", None],
    ["（2026）吉0105民初999号", "扣除", "2026-02-01", None, None, "", "鉴定", None],
    ["不是案号", "扣除", "2026-02-01", None, None, "", "鉴定", None],
    ["（2026）吉0105民初1号", "休假", "2026-02-01", None, None, "", "", None],
]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["长春市二道区人民法院 审限变更情况表"])   # a title row above the header
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _count(db: Database) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(TimeLimitEvent)).scalar_one())


def test_good_rows_applied_bad_rows_reported(ledger: Database, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "审限变更.xlsx", ROWS)
    before = audit_count(ledger)
    result = import_events(ledger, AUDIT, path, today=dt.date(2026, 7, 15))
    assert (result.rows, result.added, result.known) == (9, 4, 0)
    reasons = {r["row"]: r["reason"] for r in result.rejected}
    assert sorted(reasons) == [7, 8, 9, 10, 11]
    assert "期间重叠" in reasons[7]
    assert "is not a date" in reasons[8]
    assert "no case" in reasons[9]
    assert "unknown event kind" in reasons[11]
    assert _count(ledger) == 4
    assert audit_count(ledger) == before + 5            # four events and the batch entry
    events = tl.case_events(ledger, "（2026）吉0105民初1号")
    assert [e.kind.value for e in events] == ["deduction", "extension"]
    if ledger.path is not None:
        assert result.backup and Path(result.backup).exists()
    # the statuses use the imported events: 6 months + 6 extended + 28 days deducted
    st = tl.case_limit_status(ledger, "（2026）吉0105民初1号", dt.date(2026, 7, 15)).status
    assert st.deadline == dt.date(2027, 2, 2)


def test_the_same_file_again_changes_nothing(ledger: Database, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "events.xlsx", ROWS[:4])
    import_events(ledger, AUDIT, path, today=dt.date(2026, 7, 15))
    n, audits = _count(ledger), audit_count(ledger)
    again = import_events(ledger, AUDIT, path, today=dt.date(2026, 7, 15))
    assert (again.added, again.known, again.rejected) == (0, 4, [])
    assert _count(ledger) == n and audit_count(ledger) == audits + 1  # the batch entry only


def test_dry_run_and_csv(ledger: Database, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("案号,类型,开始日期,结束日期,延长天数,审批人,原因\n"
                    "（2026）吉0105民初1号,扣除审限,2026-02-01,2026-03-01,,,鉴定\n"
                    "\n"
                    "（2026）吉0105民初1号,延长,2026-06-20,,30,本院院长,\n", encoding="gb18030")
    n, audits = _count(ledger), audit_count(ledger)
    dry = import_events(ledger, AUDIT, path, dry_run=True, today=dt.date(2026, 7, 15))
    assert (dry.rows, dry.added, dry.rejected) == (2, 2, [])
    assert _count(ledger) == n and audit_count(ledger) == audits
    done = import_events(ledger, AUDIT, path, today=dt.date(2026, 7, 15))
    assert done.added == 2 and _count(ledger) == n + 2


def test_unreadable_file_and_other_departments_cases(ledger: Database, tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InvalidValue, match="damaged or not a spreadsheet"):
        import_events(ledger, AUDIT, bad)
    nohead = tmp_path / "y.csv"
    nohead.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(InvalidValue, match="no header row"):
        import_events(ledger, AUDIT, nohead)
    # a department clerk may record only its own department's cases
    path = _xlsx(tmp_path / "z.xlsx", [["（2025）吉0105刑初5号", "中止", "2026-01-10", None,
                                        None, "", "被告人患病", None]])
    result = import_events(ledger, CLERK, path, today=dt.date(2026, 7, 15))
    assert result.added == 0 and "may not record" in result.rejected[0]["reason"]


def test_cli_import_events(ledger: Database, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    if ledger.path is None:
        pytest.skip("the command line test needs a file")
    path = _xlsx(tmp_path / "events.xlsx", ROWS)
    code = cli.main(["import-events", str(ledger.path), str(path), "--dry-run", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and doc["dry_run"] and doc["added"] == 4 and len(doc["rejected"]) == 5
    assert _count(ledger) == 0
    assert cli.main(["import-events", str(ledger.path), str(tmp_path / "none.xlsx")]) == 1
