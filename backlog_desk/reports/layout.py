"""Page layout shared by every report: A4, margins, styles, tables, footer, page numbers.

Official-document look (公文): a large centred title, the issuing office and date under it,
body text with a two-character first-line indent, and on every page a footer with the report
id, generation time, user, data fingerprint and "第 X 页 共 Y 页". The total page count is only
known at the end, so the canvas keeps each page's drawing state and writes the footers when the
document is saved (one layout pass instead of two).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from backlog_desk.domain.dates import format_date_cn

from .fingerprint import short
from .fonts import register_font
from .model import ReportMeta

MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 24 * mm  # room for the two footer lines
MARGIN_SIDE = 18 * mm
MARGIN_SIDE_LANDSCAPE = 14 * mm


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    signoff: ParagraphStyle  # the issuing office and date, right-aligned (公文落款)


def styles() -> Styles:
    font = register_font()
    return Styles(
        title=ParagraphStyle("title", fontName=font, fontSize=20, leading=30,
                             alignment=TA_CENTER, spaceAfter=4, wordWrap="CJK"),
        subtitle=ParagraphStyle("subtitle", fontName=font, fontSize=11, leading=17,
                                alignment=TA_CENTER, spaceAfter=8, wordWrap="CJK"),
        heading=ParagraphStyle("heading", fontName=font, fontSize=13, leading=20,
                               spaceBefore=8, spaceAfter=4, wordWrap="CJK"),
        body=ParagraphStyle("body", fontName=font, fontSize=11, leading=19,
                            firstLineIndent=22, wordWrap="CJK"),
        note=ParagraphStyle("note", fontName=font, fontSize=9, leading=13,
                            textColor=colors.HexColor("#333333"), wordWrap="CJK"),
        signoff=ParagraphStyle("signoff", fontName=font, fontSize=11, leading=19,
                               alignment=TA_RIGHT, rightIndent=24, wordWrap="CJK"),
    )


def esc(text: str) -> str:
    """Text for a Paragraph: its mini-markup must not see ledger text as tags."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def signature_block(roles: Sequence[str], width: float) -> Table:
    """Signature and date lines, two per row, with room for a pen."""
    font = register_font()
    cells = [f"{r}（签字）：＿＿＿＿＿＿＿＿\n\n日期：　　　　年　　月　　日" for r in roles]
    rows = [cells[i:i + 2] + [""] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
    return Table(rows, colWidths=[width / 2] * 2, style=[
        ("FONT", (0, 0), (-1, -1), font, 11, 16),
        ("TOPPADDING", (0, 0), (-1, -1), 16),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ])


def heading_block(st: Styles, meta: ReportMeta, office: str = "审判管理办公室") -> list[Flowable]:
    sub = f"{meta.court_name}{office}　　{format_date_cn(meta.as_of)}"
    out: list[Flowable] = [Paragraph(esc(meta.title), st.title), Paragraph(esc(sub), st.subtitle)]
    if meta.campaign_name:
        out.append(Paragraph(esc(meta.campaign_name), st.subtitle))
    return out


RECORD_KEY = "BacklogDeskReport"  # custom document-information entry: the report's record


class _RecordInfo(PDFInfo):
    """The document information dictionary with one entry more: the report's record (its
    parameters, data moment and fingerprint as JSON), so verify-report reads them back
    exactly instead of parsing page text."""

    record = ""

    def format(self, document: Any) -> bytes:
        text = super().format(document)
        extra = PDFDictionary({RECORD_KEY: PDFString(self.record)}).format(document)
        # Both are "<< ... >>": splice the entry in before the closing brackets.
        return text.rstrip()[:-2] + extra.strip()[2:]


def _footer_canvas(meta: ReportMeta, pages: list[int]) -> type[Canvas]:
    font = register_font()
    made = meta.generated_at.strftime("%Y-%m-%d %H:%M:%S")
    left1 = f"报告编号：{meta.report_id}　　生成时间：{made}　　生成人：{meta.user}"
    left2 = (f"数据指纹（SHA-256）：{short(meta.fingerprint)}　　"
             f"数据截至：{format_date_cn(meta.as_of)}"
             + (f"　　部门：{meta.department}" if meta.department else ""))

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Otherwise every page names Helvetica, unembedded, as its starting font.
            # (the doc template passes initialFontName=None explicitly).
            kwargs["initialFontName"] = font
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()
            if meta.on_page is not None:
                meta.on_page(len(self._pages))

        def save(self) -> None:
            total = len(self._pages)
            pages.append(total)
            if meta.record:
                info = self._doc.info
                info.__class__ = _RecordInfo
                info.record = meta.record
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, _height = self._pagesize
            side = MARGIN_SIDE_LANDSCAPE if width > A4[0] else MARGIN_SIDE
            y = MARGIN_BOTTOM - 9 * mm
            self.setStrokeColor(colors.HexColor("#777777"))
            self.setLineWidth(0.4)
            self.line(side, y + 9, width - side, y + 9)
            self.setFont(font, 7.5)
            self.setFillColor(colors.black)
            self.drawString(side, y, left1)
            self.drawString(side, y - 10, left2)
            self.setFont(font, 9)
            self.drawRightString(width - side, y - 5, f"第 {number} 页 共 {total} 页")
            if number > 1:
                _w, h = self._pagesize
                self.setFont(font, 8)
                self.drawString(side, h - MARGIN_TOP + 8, meta.court_name)
                self.drawRightString(width - side, h - MARGIN_TOP + 8, meta.title)

    return FooterCanvas


def frame_width(wide: bool) -> float:
    if wide:
        return float(landscape(A4)[0] - 2 * MARGIN_SIDE_LANDSCAPE)
    return float(A4[0] - 2 * MARGIN_SIDE)


def qr_payload(meta: ReportMeta) -> str:
    """What the QR code on the last page holds: enough to find the data again by scanning."""
    return (f"BD1|{meta.kind}|{meta.report_id}|{meta.as_of.isoformat()}|"
            f"{meta.department or ''}|{meta.fingerprint}")


def verification_block(meta: ReportMeta) -> Flowable:
    """The full fingerprint and a QR code of it, kept together at the end of the last page."""
    font = register_font()
    size = 24 * mm
    widget = QrCodeWidget(qr_payload(meta), barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    code = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    code.add(widget)
    fp = meta.fingerprint
    text = (f"数据核验　报告编号：{meta.report_id}　数据截至：{meta.as_of.isoformat()}\n"
            f"数据指纹（SHA-256）：{fp[:32]}\n　　　　　　　　　　　{fp[32:]}\n"
            "二维码内容：报告编号、数据截至日期、部门和完整数据指纹。")
    table = Table([[code, text]], colWidths=[size + 4 * mm, None], style=[
        ("FONT", (0, 0), (-1, -1), font, 8, 12),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ])
    return KeepTogether([Spacer(1, 6 * mm), table])


def render(path: Path, meta: ReportMeta, story: list[Flowable], *, wide: bool = False) -> int:
    """Lay out ``story`` into ``path``; returns the number of pages."""
    side = MARGIN_SIDE_LANDSCAPE if wide else MARGIN_SIDE
    doc = SimpleDocTemplate(
        str(path), pagesize=landscape(A4) if wide else A4,
        leftMargin=side, rightMargin=side, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=meta.title, author=meta.user, creator="Backlog Desk 积案清结台账",
        # Readable by a later verify-report without parsing page text.
        subject=f"backlog-desk {meta.kind} report {meta.report_id}",
        keywords=f"report-id={meta.report_id} fingerprint={meta.fingerprint} "
                 f"as-of={meta.as_of.isoformat()}",
    )
    pages: list[int] = []
    doc.build([*story, verification_block(meta)], canvasmaker=_footer_canvas(meta, pages))
    return pages[-1] if pages else 0


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


def fmt_date(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def fmt_age(months: int) -> str:
    years, rest = divmod(max(months, 0), 12)
    if years and rest:
        return f"{years}年{rest}个月"
    return f"{years}年" if years else f"{rest}个月"
