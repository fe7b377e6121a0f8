"""The Reports page: generate in a worker, preview the real pages, save, print, cancel."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from PySide6.QtCore import QDate
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from backlog_desk.domain.ages import age_months
from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.cases import list_cases, update_case
from backlog_desk.services.report_verify import verify_report
from backlog_desk.services.reports import ReportResult
from backlog_desk.store.database import Database
from backlog_desk.ui.main_window import MainWindow
from backlog_desk.ui.reports_page import ReportsPage
from tests.reports.test_signing import make_certificate

AS_OF = dt.date(2026, 7, 15)
TIMEOUT_MS = 120_000


def _pdf_pages(pdf: Path) -> int:
    if shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils (pdfinfo) not installed")
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                         text=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", out, re.M)
    assert found
    return int(found.group(1))


def _page(qtbot: QtBot, db: Database | None) -> ReportsPage:
    page = ReportsPage(lambda: db, user=lambda: "测试员", today=lambda: AS_OF)
    qtbot.addWidget(page)
    page.as_of_edit.setDate(QDate(AS_OF.year, AS_OF.month, AS_OF.day))
    return page


def _ink(page: ReportsPage) -> int:
    """Pixels that are not white in the shown page image (sampled)."""
    image = page.preview.image
    assert image is not None and not image.isNull()
    white = QColor("white").rgb()
    return sum(1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
               if image.pixel(x, y) != white)


def test_bulletin_generated_previewed_saved_and_printed(qtbot: QtBot, db: Database,
                                                        tmp_path: Path) -> None:
    page = _page(qtbot, db)
    page.set_kind("bulletin")
    assert page.department_combo.count() > 5  # whole court + the demo's departments
    assert not page.save_button.isEnabled() and not page.status_combo.isEnabled()
    with qtbot.waitSignal(page.generated, timeout=TIMEOUT_MS) as blocker:
        page.generate_button.click()
        assert page.cancel_button.isEnabled() and not page.generate_button.isEnabled()
    result: ReportResult = blocker.args[0]
    assert result.kind == "bulletin" and result.pages > 2
    n = _pdf_pages(Path(result.path))
    assert n == result.pages
    # The preview holds the real pages: N of them, the first drawn with ink on it.
    assert page.preview.page_count() == n
    assert str(n) in page.preview.page_label.text()
    assert page.preview.current == 0 and _ink(page) > 100
    first = page.preview.image
    page.preview.next_button.click()
    assert page.preview.current == 1 and page.preview.image != first
    page.preview.page_spin.setValue(n)
    assert page.preview.current == n - 1 and not page.preview.next_button.isEnabled()
    assert result.fingerprint[:16] in page.status_label.text()

    saved = tmp_path / "通报.pdf"
    assert page.save_button.isEnabled()
    page.save_to(saved)
    assert saved.read_bytes() == Path(result.path).read_bytes()
    assert verify_report(db, saved).matches

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert page.preview.print_to(printer) == n
    assert _pdf_pages(printed) == n


def test_committee_for_one_department(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    page = _page(qtbot, db)
    page.set_kind("committee")
    page.department_combo.setCurrentIndex(page.department_combo.findData("民一庭"))
    with qtbot.waitSignal(page.generated, timeout=TIMEOUT_MS) as blocker:
        page.generate()
    result: ReportResult = blocker.args[0]
    assert result.kind == "committee" and page.preview.page_count() == result.pages
    assert verify_report(db, Path(result.path)).params["department"] == "民一庭"
    # A landscape list prints on landscape paper, page 2 only when asked for page 2.
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "p.pdf"
    printer.setOutputFileName(str(printed))
    printer.setFromTo(2, 2)
    assert page.preview.print_to(printer) == 1
    assert _pdf_pages(printed) == 1  # (skips without poppler)
    info = subprocess.run(["pdfinfo", str(printed)], check=True, capture_output=True,
                          text=True).stdout
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    assert size and float(size[1]) > float(size[2])


def test_cancel_leaves_no_report(qtbot: QtBot, db: Database) -> None:
    page = _page(qtbot, db)
    page.set_kind("ledger")  # the whole ledger: many pages, time to cancel
    with qtbot.waitSignal(page.failed, timeout=TIMEOUT_MS) as blocker:
        task = page.generate()
        assert task is not None
        page.cancel_button.click()
    assert "Cancel" in blocker.args[0] or "取消" in blocker.args[0]
    assert task.finished and page.generate_button.isEnabled()
    assert page.pdf is None and page.preview.page_count() == 0
    assert not list(Path(page._tmp.path()).glob("*.pdf"))


def test_acceptance_needs_a_department_and_no_ledger_is_refused(qtbot: QtBot,
                                                                db: Database) -> None:
    page = _page(qtbot, db)
    page.set_kind("acceptance")
    with qtbot.waitSignal(page.failed, timeout=5_000):
        assert page.generate() is None
    empty = _page(qtbot, None)
    with qtbot.waitSignal(empty.failed, timeout=5_000):
        assert empty.generate() is None


def test_check_a_saved_report_against_the_ledger(qtbot: QtBot, db: Database,
                                                 tmp_path: Path) -> None:
    page = _page(qtbot, db)
    page.set_kind("committee")
    page.department_combo.setCurrentIndex(page.department_combo.findData("民一庭"))
    page.current_check.setChecked(True)  # the data as it is now, edits included
    with qtbot.waitSignal(page.generated, timeout=TIMEOUT_MS):
        page.generate()
    saved = tmp_path / "清单.pdf"
    page.save_to(saved)
    with qtbot.waitSignal(page.verified, timeout=TIMEOUT_MS) as blocker:
        page.verify(saved)
    assert blocker.args[0].matches and "SW-" in page.status_label.text()

    case = next(
        c for c in list_cases(db, department="民一庭", status="open")
        if age_months(c.filing_date, AS_OF) >= 12)
    update_case(db, Actor("审管办", Role.AUDIT), case.case_number,
                {"measures": "院长督办"}, today=AS_OF)
    with qtbot.waitSignal(page.verified, timeout=TIMEOUT_MS) as blocker:
        page.verify(saved)
    v = blocker.args[0]
    assert not v.matches and [c.case_number for c in v.changes] == [case.case_number]
    assert case.case_number in page.status_label.text()
    assert page.generate_button.isEnabled() and page.verify_button.isEnabled()


def test_signed_from_the_page(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    p12, pem = make_certificate(tmp_path, b"pw")
    page = _page(qtbot, db)
    page.set_kind("committee")
    page.department_combo.setCurrentIndex(page.department_combo.findData("民一庭"))
    page.certificate_edit.setText(str(p12))
    page.password_edit.setText("wrong")
    with qtbot.waitSignal(page.failed, timeout=TIMEOUT_MS) as blocker:
        page.generate()
    assert "court.p12" in blocker.args[0] and page.pdf is None
    page.password_edit.setText("pw")
    with qtbot.waitSignal(page.generated, timeout=TIMEOUT_MS) as blocker:
        page.generate()
    result: ReportResult = blocker.args[0]
    assert result.signed and page.preview.page_count() == result.pages
    with Path(result.path).open("rb") as fh:
        status = validate_pdf_signature(
            PdfFileReader(fh).embedded_signatures[0],
            ValidationContext(trust_roots=[load_cert_from_pemder(str(pem))]))
    assert status.intact and status.valid and status.trusted


def test_in_the_window(qtbot: QtBot, start_window: Callable[..., MainWindow],
                       demo_db: Path) -> None:
    window = start_window(str(demo_db))
    page = window.reports_page
    assert isinstance(page, ReportsPage)
    # 报表 once i18n/pending/reports.tsv is merged into the translations.
    assert window.pages.tabText(window.pages.indexOf(window.reports_slot)) == page.tr("Reports")
    window.show_page(page)
    assert page.department_combo.findData("民一庭") > 0  # the open ledger's departments
    page.set_kind("committee")
    page.department_combo.setCurrentIndex(page.department_combo.findData("民一庭"))
    with qtbot.waitSignal(page.generated, timeout=TIMEOUT_MS) as blocker:
        page.generate_button.click()
    result: ReportResult = blocker.args[0]
    assert window.db is not None and verify_report(window.db, Path(result.path)).matches
    assert page.preview.page_count() == result.pages
