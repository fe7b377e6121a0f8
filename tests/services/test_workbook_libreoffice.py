"""Round trip through LibreOffice (headless `soffice --convert-to xlsx`): a workbook edited and
re-saved by another office suite keeps every edit and every hidden identity. Skipped, saying
why, where LibreOffice is not installed (`.ci/run` installs it)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from backlog_desk.services import cases
from backlog_desk.store.database import Database
from tests.exchange.workbook_edit import Ledger

from .test_workbooks import DEPT, db, demo_master, dept_cases, export, run  # noqa: F401

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed; "
                                "apt-get install libreoffice-calc-nogui")


def through_libreoffice(src: Path, folder: Path) -> Path:
    out = folder / "lo-out"
    subprocess.run([str(SOFFICE), "--headless", "--norestore",
                    f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
                    str(src)], check=True, capture_output=True, timeout=180)
    return out / src.name


def test_libreoffice_round_trip_keeps_every_edit(db: Database,  # noqa: F811
                                                 tmp_path: Path) -> None:
    path = export(db, tmp_path)
    a, b, c = dept_cases(db, "open")[:3]
    book = Ledger(path)
    book.set_case(a.case_number, 未结原因类别="公告送达", 未结原因="公告期间",
                  清结措施="LibreOffice", 预计结案日期=dt.datetime(2026, 10, 1))
    book.set_case(b.case_number, 结案日期=dt.datetime(2026, 7, 1), 结案方式="撤诉")
    book.set_case(c.case_number, 备注="非本部门案件")
    book.save()
    saved = through_libreoffice(path, tmp_path)
    report = run(db, saved)
    assert report.rejected == [] and report.warnings == []
    changed = {u.case_number: sorted(ch.field for ch in u.changes) for u in report.updated}
    assert changed == {
        a.case_number: ["expected_close_date", "measures", "reason", "reason_category"],
        b.case_number: ["close_manner", "closed_date", "status"],
        c.case_number: ["notes"]}
    assert [i.case_number for i in report.flagged] == [c.case_number]
    assert cases.get_case(db, a.case_number).reason_category == "publication"
    assert cases.get_case(db, b.case_number).closed_date == dt.date(2026, 7, 1)
    assert run(db, saved).updated == []  # and again: nothing
