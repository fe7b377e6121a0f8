"""The Reports page: choose a report and its parameters, generate it off the GUI thread,
look at the real pages, save or print them.

The preview shows the PDF itself, drawn by PDFium (pypdfium2; QtPdf is not part of
PySide6-Essentials), so what is seen is what is saved and printed. PDFium is not
thread-safe: pages are drawn on the GUI thread only, one at a time, when shown or printed.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QRect, QSize, Qt, QTemporaryDir, Signal
from PySide6.QtGui import QImage, QPageLayout, QPainter, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.services.actor import Role, local_user
from backlog_desk.services.errors import Cancelled
from backlog_desk.services.ledger_view import department_names
from backlog_desk.services.report_kinds import KINDS
from backlog_desk.store.database import Database

from . import i18n, workers

if TYPE_CHECKING:
    import pypdfium2 as pdfium
    from PySide6.QtPrintSupport import QPrinter

    from backlog_desk.services.report_verify import Verification
    from backlog_desk.services.reports import ReportResult

    from .main_window import MainWindow

PREVIEW_DPI = 110  # sharp enough to read a 7.5 pt table cell on screen
PRINT_DPI = 300  # printers get at most this: a page image stays ~26 MB
SHOWN_CHANGES = 20  # case numbers listed under a failed check; the CLI lists them all


class PdfPreview(QWidget):
    """One page of a PDF at a time, with page navigation."""

    page_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc: pdfium.PdfDocument | None = None
        self._current = 0
        self.image: QImage | None = None
        self.prev_button = QPushButton(self.tr("Previous page"), self)
        self.next_button = QPushButton(self.tr("Next page"), self)
        self.page_spin = QSpinBox(self)
        self.page_spin.setMinimum(1)
        self.page_label = QLabel(self)
        self.canvas = QLabel(self)
        self.canvas.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.canvas.setObjectName("reportPreviewPage")
        scroll = QScrollArea(self)
        scroll.setWidget(self.canvas)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        bar = QHBoxLayout()
        bar.addWidget(self.prev_button)
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        self.prev_button.clicked.connect(lambda: self.show_page(self._current - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self._current + 1))
        self.page_spin.valueChanged.connect(lambda v: self.show_page(v - 1))
        self.clear()

    def page_count(self) -> int:
        return len(self._doc) if self._doc is not None else 0

    @property
    def current(self) -> int:
        return self._current

    def load(self, path: Path) -> None:
        self.clear()
        import pypdfium2 as pdfium  # here: the window starts without PDFium and reportlab

        self._doc = pdfium.PdfDocument(str(path))
        self.page_spin.setMaximum(max(self.page_count(), 1))
        self.page_label.setText(self.tr("of %n page(s)", "", self.page_count()))
        self.show_page(0)

    def clear(self) -> None:
        if self._doc is not None:
            self._doc.close()
        self._doc = None
        self._current = 0
        self.image = None
        self.canvas.clear()
        self.canvas.setText(self.tr("No report generated yet."))
        self.page_label.setText("")
        for w in (self.prev_button, self.next_button, self.page_spin):
            w.setEnabled(False)

    def page_image(self, index: int, dpi: float) -> QImage:
        """Page ``index`` as an RGB image at ``dpi``."""
        assert self._doc is not None
        bitmap = self._doc[index].render(scale=dpi / 72, rev_byteorder=True)
        fmt = (QImage.Format.Format_RGB888 if bitmap.n_channels == 3
               else QImage.Format.Format_RGBA8888)
        # copy(): the QImage must own its pixels, PDFium frees the bitmap's buffer.
        return QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt).copy()

    def show_page(self, index: int) -> None:
        n = self.page_count()
        if not n:
            return
        index = min(max(index, 0), n - 1)
        self._current = index
        self.image = self.page_image(index, PREVIEW_DPI * self.devicePixelRatioF())
        pixmap = QPixmap.fromImage(self.image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.canvas.setPixmap(pixmap)
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(index + 1)
        self.page_spin.blockSignals(False)
        self.page_spin.setEnabled(True)
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < n - 1)
        self.page_changed.emit(index)

    def print_to(self, printer: QPrinter) -> int:
        """Print the pages the printer's range asks for (all by default); returns how many.
        Each page is drawn at the printer's resolution (at most PRINT_DPI) and fitted to
        the printable area, turning the paper for the landscape pages."""
        n = self.page_count()
        first, last = printer.fromPage(), printer.toPage()
        pages = range(first - 1, last) if first and last else range(n)
        pages = range(max(pages.start, 0), min(pages.stop, n))
        painter: QPainter | None = None
        dpi = min(printer.resolution(), PRINT_DPI)
        for index in pages:
            assert self._doc is not None
            width, height = self._doc[index].get_size()
            orientation = (QPageLayout.Orientation.Landscape if width > height
                           else QPageLayout.Orientation.Portrait)
            printer.setPageOrientation(orientation)
            if painter is None:
                painter = QPainter()
                if not painter.begin(printer):
                    return 0
            elif not printer.newPage():
                break
            image = self.page_image(index, dpi)
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), size), image)
        if painter is not None:
            painter.end()
        return len(pages)


class ReportsPage(QWidget):
    """Report kind and parameters on the left, the generated pages on the right."""

    generated = Signal(object)  # the ReportResult
    verified = Signal(object)  # the Verification of a chosen PDF
    failed = Signal(str)

    def __init__(self, database: Callable[[], Database | None], parent: QWidget | None = None,
                 *, user: Callable[[], str] | None = None,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self._database = database
        self._user = user or (lambda: local_user(Role.AUDIT).name)
        self._tmp = QTemporaryDir()
        self._count = 0
        self.task: workers.Task | None = None
        self.result: ReportResult | None = None
        self.pdf: Path | None = None

        self.kind_combo = QComboBox(self)
        labels = {"bulletin": self.tr("Progress bulletin"),
                  "committee": self.tr("Committee list"),
                  "ledger": self.tr("Ledger"),
                  "superior": self.tr("Report to the intermediate court"),
                  "acceptance": self.tr("Department acceptance report"),
                  "deadlines": self.tr("Time-limit warning list")}
        for kind in KINDS:
            self.kind_combo.addItem(labels.get(kind, kind), kind)
        self.as_of_edit = QDateEdit(self)
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        d = today()
        self.as_of_edit.setDate(QDate(d.year, d.month, d.day))
        self.department_combo = QComboBox(self)
        self.status_combo = QComboBox(self)
        for text, key in ((self.tr("All"), ""), (self.tr("Open"), "open"),
                          (self.tr("Closed"), "closed"),
                          (self.tr("Expected date passed"), "overdue")):
            self.status_combo.addItem(text, key)
        self.doc_number_edit = QLineEdit(self)
        self.doc_number_edit.setPlaceholderText(self.tr("the court's document number"))
        self.current_check = QCheckBox(
            self.tr("Include changes entered after the as-of date"), self)
        self.current_check.setToolTip(self.tr(
            "Otherwise a past date shows the data as it stood that day, as printed then"))
        self.generate_button = QPushButton(self.tr("Generate"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.save_button = QPushButton(self.tr("Save…"), self)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.verify_button = QPushButton(self.tr("Check a report PDF against the ledger…"),
                                         self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = PdfPreview(self)

        form = QFormLayout()
        form.addRow(self.tr("Report:"), self.kind_combo)
        form.addRow(self.tr("As of:"), self.as_of_edit)
        form.addRow(self.tr("Department:"), self.department_combo)
        form.addRow(self.tr("Status:"), self.status_combo)
        form.addRow(self.tr("Document number:"), self.doc_number_edit)
        form.addRow(self.current_check)
        # Signing: the court's PKCS#12 certificate; the password is kept only in the field.
        self.certificate_edit = QLineEdit(self)
        self.certificate_edit.setPlaceholderText(self.tr("none: not signed"))
        self.certificate_button = QPushButton(self.tr("Choose…"), self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.certificate_edit, 1)
        cert_row.addWidget(self.certificate_button)
        form.addRow(self.tr("Sign with:"), cert_row)
        form.addRow(self.tr("Certificate password:"), self.password_edit)
        self.certificate_button.clicked.connect(self.choose_certificate)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.cancel_button)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addLayout(buttons)
        side.addWidget(self.progress)
        side.addWidget(self.status_label)
        out = QHBoxLayout()
        out.addWidget(self.save_button)
        out.addWidget(self.print_button)
        side.addLayout(out)
        side.addWidget(self.verify_button)
        side.addStretch(1)
        panel = QWidget(self)
        panel.setLayout(side)
        panel.setMaximumWidth(360)
        layout = QHBoxLayout(self)
        layout.addWidget(panel)
        layout.addWidget(self.preview, 1)

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button.clicked.connect(self.choose_save)
        self.print_button.clicked.connect(self.choose_print)
        self.verify_button.clicked.connect(self.choose_verify)
        self._set_busy(False)
        self._kind_changed()
        self.refresh()

    # --- parameters -------------------------------------------------------------------

    def refresh(self) -> None:
        """Fill the department list from the open ledger (call after opening another)."""
        db = self._database()
        chosen = self.department_combo.currentData()
        self.department_combo.clear()
        self.department_combo.addItem(self.tr("Whole court"), "")
        for name in department_names(db) if db is not None else []:
            self.department_combo.addItem(name, name)
        at = self.department_combo.findData(chosen)
        self.department_combo.setCurrentIndex(max(at, 0))

    def showEvent(self, event: QShowEvent) -> None:
        if self.task is None:
            self.refresh()
        super().showEvent(event)

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def _kind_changed(self) -> None:
        kind = self.kind()
        self.status_combo.setEnabled(kind == "ledger")
        self.doc_number_edit.setEnabled(kind == "superior")
        self.department_combo.setEnabled(kind != "superior")

    # --- generating -------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.generate_button.setEnabled(not busy)
        self.verify_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        ready = not busy and self.pdf is not None
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    def generate(self) -> workers.Task | None:
        db = self._database()
        if db is None:
            self._show_error(self.tr("Open a ledger first."))
            return None
        kind = self.kind()
        qd = self.as_of_edit.date()
        as_of = dt.date(qd.year(), qd.month(), qd.day())
        department = self.department_combo.currentData() or None
        if kind == "superior":
            department = None
        if kind == "acceptance" and not department:
            self._show_error(self.tr("Choose the department of the acceptance report."))
            return None
        status = self.status_combo.currentData() or None if kind == "ledger" else None
        doc_number = self.doc_number_edit.text().strip() if kind == "superior" else ""
        data_at = dt.datetime.now() if self.current_check.isChecked() else None
        self._count += 1
        out = Path(self._tmp.path()) / f"{kind}-{self._count}.pdf"
        user = self._user()
        certificate = self.certificate_edit.text().strip()
        password = self.password_edit.text() or None

        def job(report: workers.Report) -> ReportResult:
            # Imported in the worker: reportlab, pyHanko and the font cost ~0.4 s that the
            # window's start need not pay.
            from backlog_desk.services.reports import generate_report
            from backlog_desk.services.signing import load_signer, sign_pdf

            # The certificate is opened first: a wrong password costs no report.
            signer = load_signer(Path(certificate), password) if certificate else None
            result = generate_report(db, kind, out, user=user, as_of=as_of,
                                     department=department, status=status,
                                     doc_number=doc_number, data_at=data_at, progress=report)
            if signer is not None:
                sign_pdf(out, signer)
                result = replace(result, signed=True)
            return result

        self.progress.setRange(0, 0)
        self.status_label.setText(self.tr("Generating…"))
        self._set_busy(True)
        self.task = workers.start(job, on_done=self._done, on_failed=self._failed,
                                  on_progress=self._progressed, parent=self)
        return self.task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progressed(self, done: int, _total: int) -> None:
        if done:
            self.status_label.setText(i18n.arg(self.tr("Laying out page %1…"), done))

    def _done(self, result: ReportResult) -> None:
        self.task = None
        self.result = result
        self.pdf = Path(result.path)
        self.preview.load(self.pdf)
        self.status_label.setText(i18n.arg(
            self.tr("Report %1: %2 pages, %3 cases, fingerprint %4 (%5 s)."),
            result.report_id, result.pages, result.cases, result.fingerprint[:16],
            f"{result.seconds:.1f}")
            + (" " + self.tr("Signed.") if result.signed else ""))
        self._set_busy(False)
        self.generated.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_busy(False)
        if isinstance(exc, Cancelled):
            self._show_error(self.tr("Cancelled: no report was written."))
        else:
            self._show_error(str(exc))

    def _show_error(self, message: str) -> None:
        self.status_label.setText(message)
        self.failed.emit(message)

    # --- output -----------------------------------------------------------------------

    def save_to(self, target: Path) -> None:
        """Write the generated PDF, byte for byte, to ``target``."""
        assert self.pdf is not None
        shutil.copyfile(self.pdf, target)

    def choose_save(self) -> None:
        if self.pdf is None or self.result is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save report"), f"{self.result.report_id}.pdf",
            self.tr("PDF files (*.pdf)"))
        if name:
            try:
                self.save_to(Path(name))
            except OSError as exc:
                self._show_error(i18n.arg(self.tr("Could not save: %1"), exc))
            else:
                self.status_label.setText(i18n.arg(self.tr("Saved to %1."), name))

    def choose_certificate(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Signing certificate"), "",
            self.tr("PKCS#12 certificates (*.p12 *.pfx)"))
        if name:
            self.certificate_edit.setText(name)

    def choose_verify(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Check a report"), "", self.tr("PDF files (*.pdf)"))
        if name:
            self.verify(Path(name))

    def verify(self, pdf: Path) -> workers.Task | None:
        """Check a printed report's PDF against the open ledger (verify-report)."""
        db = self._database()
        if db is None:
            self._show_error(self.tr("Open a ledger first."))
            return None

        def job(_report: workers.Report) -> Verification:
            from backlog_desk.services.report_verify import verify_report

            return verify_report(db, pdf)

        self.progress.setRange(0, 0)
        self.status_label.setText(self.tr("Checking…"))
        self._set_busy(True)
        self.task = workers.start(job, on_done=self._verified, on_failed=self._failed,
                                  parent=self)
        return self.task

    def _verified(self, v: Verification) -> None:
        self.task = None
        self._set_busy(False)
        if v.matches:
            text = i18n.arg(self.tr("Report %1 matches the ledger (fingerprint %2)."),
                            v.report_id, v.fingerprint[:16])
        else:
            counts = {k: sum(1 for c in v.changes if c.change == k)
                      for k in ("added", "removed", "changed")}
            text = i18n.arg(
                self.tr("Report %1 does NOT match the ledger: %2 added, %3 removed, %4 changed"),
                v.report_id, counts["added"], counts["removed"], counts["changed"])
            names = [c.case_number or c.uuid for c in v.changes[:SHOWN_CHANGES]]
            text += "\n" + "\n".join(names)
            if len(v.changes) > SHOWN_CHANGES:
                text += "\n…"
        self.status_label.setText(text)
        self.verified.emit(v)

    def choose_print(self) -> None:
        if self.pdf is None:
            return
        # Imported when printing, so the page opens even where a trimmed Qt lacks the module
        # (the installer's bundle ships it).
        try:
            from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        except ImportError as exc:
            self._show_error(i18n.arg(self.tr("Printing is not available: %1"), exc))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.pdf.name)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.preview.page_count())
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.preview.print_to(printer)

    def sizeHint(self) -> QSize:
        return QSize(1200, 800)


def install(window: MainWindow) -> ReportsPage:
    """The Reports page for the window's page slot: it reports on the open ledger, as the
    window's user, and refreshes its department list when another ledger is opened."""

    def user() -> str:
        actor = window.edits.actor
        return actor.name if actor is not None else local_user(Role.AUDIT).name

    page = ReportsPage(lambda: window.db, window, user=user)
    window.database_opened.connect(lambda _target: page.refresh())
    if window.db is not None:
        page.refresh()  # built after the ledger was opened
    return page
