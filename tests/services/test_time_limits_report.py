"""`report deadlines` (审限预警清单): a real PDF through the report framework, by department,
with the cases over and approaching the limit and the hidden over-limit flags."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from backlog_desk.domain.time_limits_events import Suspension
from backlog_desk.services import time_limits as tl
from backlog_desk.services.reports import generate_report
from backlog_desk.store.database import Database

from .conftest import AUDIT

RECENT = "（2026）吉0105民初1号"    # 民一庭, filed 2026-01-05: ordinary limit ends 2026-07-05
MID = "（2025）吉0105民初44号"      # 民一庭, filed 2025-06-30: over the limit
CRIMINAL = "（2025）吉0105刑初5号"  # 刑事审判庭


def _text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_deadlines_report_by_department(ledger: Database, tmp_path: Path) -> None:
    tl.add_event(ledger, AUDIT, RECENT, Suspension(dt.date(2026, 1, 10), None, "等待另案"),
                 today=dt.date(2026, 7, 15))
    out = tmp_path / "审限预警清单.pdf"
    result = generate_report(ledger, "deadlines", out, user="王晓明",
                             as_of=dt.date(2027, 7, 15))
    assert result.pages >= 1 and out.exists()
    text = _text(out).replace(" ", "")
    assert "审限预警清单" in text
    assert "民一庭：超审限" in text and "刑事审判庭：超审限" in text
    # the suspension open 551 days is flagged and explained in its sentence
    assert "中止审理（等待另案）已551日仍未恢复" in text.replace("\n", "")
    assert MID in text.replace("\n", "")
    # one department only
    dept = generate_report(ledger, "deadlines", tmp_path / "民一庭.pdf", user="王晓明",
                           as_of=dt.date(2027, 7, 15), department="民一庭")
    only = _text(tmp_path / "民一庭.pdf").replace(" ", "")
    assert "刑事审判庭" not in only and dept.fingerprint != result.fingerprint
