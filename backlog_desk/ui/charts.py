"""Two small charts drawn with QPainter: rates by department and the campaign burn-down.

QtCharts ships only in PySide6-Addons (a 150 MB wheel); these two charts need a few hundred
lines of painting, and drawing them ourselves keeps the look and the tooltips under our
control. The charts know nothing of the ledger: they take plain numbers and labels, and report
clicks by index, so the page decides what a click means.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

BAR_COLOUR = QColor("#3d7cc9")
BAR_BELOW_COLOUR = QColor("#d08a2b")
TARGET_COLOUR = QColor("#b3261e")
PACE_COLOUR = QColor("#555555")
ACTUAL_COLOUR = QColor("#1f5fa8")
PROJECTION_COLOUR = QColor("#7a4fb0")
GRID_COLOUR = QColor("#d9d9d9")
TEXT_COLOUR = QColor("#333333")


@dataclass(frozen=True)
class Bar:
    label: str
    #: 0..1; None for a department without baseline cases (drawn as an empty row).
    value: float | None
    value_text: str
    tooltip: str
    #: Fill colour; None for the default (below-target bars then get the warning colour).
    colour: QColor | None = None


class RateBarChart(QWidget):
    """Horizontal bars (one per department, labels on the left) with a vertical target line.

    Bars below the target are drawn in a warning colour, so the laggards stand out on a
    projector without reading a number.
    """

    #: The index of the bar the user clicked.
    bar_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rateChart")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.bars: list[Bar] = []
        self.target: float | None = None
        self.target_label = ""
        self.pace: float | None = None
        self.pace_label = ""

    def set_data(self, bars: list[Bar], target: float | None, target_label: str,
                 pace: float | None = None, pace_label: str = "") -> None:
        """`target`: the rate to reach (a dashed line); `pace`: the rate that is on track
        today (a dotted line), both 0..1."""
        self.bars = list(bars)
        self.target = target
        self.target_label = target_label
        self.pace = pace
        self.pace_label = pace_label
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, max(160, 40 + self._row_height() * len(self.bars)))

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 120)

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 8

    def _label_width(self) -> int:
        fm = self.fontMetrics()
        return min(max((fm.horizontalAdvance(b.label) for b in self.bars), default=0) + 12,
                   self.width() // 3)

    def _plot(self) -> QRectF:
        fm = self.fontMetrics()
        left = self._label_width()
        right = fm.horizontalAdvance("100.00%") + 10
        return QRectF(left, fm.height() + 8, max(self.width() - left - right, 10),
                      max(self.height() - 3 * fm.height() - 20, 10))

    def bar_rect(self, index: int) -> QRectF:
        """Where bar `index` is drawn (its full row width when the bar is short or empty, so
        a department with a low rate is as easy to click as one with a high one)."""
        plot = self._plot()
        n = max(len(self.bars), 1)
        step = plot.height() / n
        return QRectF(0, plot.top() + index * step, plot.right(), step)

    def index_at(self, x: float, y: float) -> int | None:
        for i in range(len(self.bars)):
            if self.bar_rect(i).contains(QPointF(x, y)):
                return i
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._plot()
        fm = QFontMetrics(self.font())
        p.setPen(QPen(GRID_COLOUR, 1))
        for k in range(0, 11, 2):
            x = plot.left() + plot.width() * k / 10
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            p.setPen(TEXT_COLOUR)
            text = f"{k * 10}%"
            p.drawText(QPointF(x - fm.horizontalAdvance(text) / 2,
                               plot.bottom() + fm.ascent() + 4), text)
            p.setPen(QPen(GRID_COLOUR, 1))
        n = max(len(self.bars), 1)
        step = plot.height() / n
        bar_h = max(step * 0.65, 2)
        for i, bar in enumerate(self.bars):
            top = plot.top() + i * step
            mid = top + step / 2
            p.setPen(TEXT_COLOUR)
            label = fm.elidedText(bar.label, Qt.TextElideMode.ElideRight,
                                  int(plot.left()) - 8)
            p.drawText(QRectF(0, top, plot.left() - 8, step),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
            if bar.value is None:
                continue
            width = plot.width() * max(0.0, min(bar.value, 1.0))
            below = self.target is not None and bar.value < self.target
            colour = bar.colour or (BAR_BELOW_COLOUR if below else BAR_COLOUR)
            p.fillRect(QRectF(plot.left(), mid - bar_h / 2, width, bar_h), colour)
            p.setPen(TEXT_COLOUR)
            p.drawText(QPointF(plot.left() + width + 4, mid + fm.ascent() / 2 - 1),
                       bar.value_text)
        if self.pace is not None and self.pace != self.target:
            x = plot.left() + plot.width() * max(0.0, min(self.pace, 1.0))
            p.setPen(QPen(PACE_COLOUR, 1.5, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(x, plot.top() - 4), QPointF(x, plot.bottom()))
            p.setPen(PACE_COLOUR)
            text = self.pace_label
            # Under the axis figures, so it never collides with the target's label on top.
            tx = min(max(x - fm.horizontalAdvance(text) / 2, 0),
                     self.width() - fm.horizontalAdvance(text))
            p.drawText(QPointF(tx, plot.bottom() + fm.height() + fm.ascent() + 6), text)
        if self.target is not None:
            x = plot.left() + plot.width() * max(0.0, min(self.target, 1.0))
            pen = QPen(TARGET_COLOUR, 2, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(x, plot.top() - 4), QPointF(x, plot.bottom()))
            p.setPen(TARGET_COLOUR)
            text = self.target_label
            tx = min(max(x - fm.horizontalAdvance(text) / 2, 0),
                     self.width() - fm.horizontalAdvance(text))
            p.drawText(QPointF(tx, fm.ascent() + 2), text)
        p.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        hit = self.index_at(pos.x(), pos.y())
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit is not None
                       else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            pos = event.position()
            hit = self.index_at(pos.x(), pos.y())
            if hit is not None:
                self.bar_clicked.emit(hit)
                return
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.index_at(event.pos().x(), event.pos().y())
            if hit is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.bars[hit].tooltip, self)
            return True
        return super().event(event)

    def tooltip_at(self, index: int) -> str:
        return self.bars[index].tooltip


@dataclass(frozen=True)
class ChartPoint:
    day: dt.date
    value: int
    tooltip: str


class BurnDownChart(QWidget):
    """Open cases over time: the actual line, the targets as markers, the projection dashed.

    The x axis runs from `start` to `end` (the campaign), the y axis from 0 to the largest
    value; points outside the axis range are clamped onto the frame.
    """

    #: The index into `targets` of the target marker the user clicked.
    target_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("burnDownChart")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.actual: list[ChartPoint] = []
        self.targets: list[ChartPoint] = []
        self.projection: list[ChartPoint] = []
        self.start = dt.date.today()
        self.end = self.start + dt.timedelta(days=1)
        self.date_text = dt.date.isoformat
        self.month_text: Callable[[int], str] = str
        self.legend: tuple[str, str, str] = ("", "", "")

    def set_data(self, actual: list[ChartPoint], targets: list[ChartPoint],
                 projection: list[ChartPoint], start: dt.date, end: dt.date,
                 legend: tuple[str, str, str]) -> None:
        """`legend`: the names of the actual line, the target markers and the projection."""
        self.actual, self.targets, self.projection = list(actual), list(targets), list(projection)
        self.start = start
        self.end = max(end, start + dt.timedelta(days=1))
        self.legend = legend
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 180)

    def _plot(self) -> QRectF:
        fm = self.fontMetrics()
        left = fm.horizontalAdvance("1,000,000") + 10
        return QRectF(left, fm.height() * 2 + 8, max(self.width() - left - 16, 10),
                      max(self.height() - fm.height() * 4 - 16, 10))

    def _top_value(self) -> int:
        values = [p.value for p in (*self.actual, *self.targets, *self.projection)]
        return max(max(values, default=1), 1)

    def point_at(self, day: dt.date, value: int) -> QPointF:
        """Where a (day, value) pair is drawn."""
        plot = self._plot()
        span = (self.end - self.start).days
        frac = min(max((day - self.start).days / span, 0.0), 1.0)
        y = plot.bottom() - plot.height() * min(max(value / self._top_value(), 0.0), 1.0)
        return QPointF(plot.left() + plot.width() * frac, y)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        plot = self._plot()
        top = self._top_value()
        # Horizontal grid with round figures on the left axis.
        p.setPen(QPen(GRID_COLOUR, 1))
        for k in range(5):
            value = round(top * k / 4)
            y = plot.bottom() - plot.height() * k / 4
            p.setPen(QPen(GRID_COLOUR, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(TEXT_COLOUR)
            text = f"{value:,}"
            p.drawText(QPointF(plot.left() - fm.horizontalAdvance(text) - 6,
                               y + fm.ascent() / 2 - 1), text)
        # Start and end dates under the axis; the target days are labelled at their markers.
        p.setPen(TEXT_COLOUR)
        for day, align_right in ((self.start, False), (self.end, True)):
            text = self.date_text(day)
            x = plot.left() if not align_right else plot.right() - fm.horizontalAdvance(text)
            p.drawText(QPointF(x, plot.bottom() + fm.ascent() + 4), text)
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        # A tick and the month's name at each first of the month between the two ends.
        first = dt.date(self.start.year, self.start.month, 1)
        last_x = -1.0
        while first <= self.end:
            if first > self.start:
                x = self.point_at(first, 0).x()
                p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
                text = self.month_text(first.month)
                width = fm.horizontalAdvance(text)
                clear_of_ends = (x - width / 2 > plot.left() + fm.horizontalAdvance(
                    self.date_text(self.start)) + 6 and x + width / 2 < plot.right()
                    - fm.horizontalAdvance(self.date_text(self.end)) - 6)
                if clear_of_ends and x - width / 2 > last_x + 4:
                    p.drawText(QPointF(x - width / 2, plot.bottom() + fm.ascent() + 4), text)
                    last_x = x + width / 2
            first = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)

        if len(self.actual) >= 1:
            path = QPainterPath(self.point_at(self.actual[0].day, self.actual[0].value))
            for pt in self.actual[1:]:
                path.lineTo(self.point_at(pt.day, pt.value))
            p.setPen(QPen(ACTUAL_COLOUR, 2.5))
            p.drawPath(path)
            p.setBrush(ACTUAL_COLOUR)
            for pt in self.actual:
                p.drawEllipse(self.point_at(pt.day, pt.value), 2.5, 2.5)
        if len(self.projection) >= 2:
            p.setPen(QPen(PROJECTION_COLOUR, 2, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            pts = [self.point_at(pt.day, pt.value) for pt in self.projection]
            p.drawPolyline(QPolygonF(pts))
        p.setPen(QPen(TARGET_COLOUR, 1.5))
        p.setBrush(TARGET_COLOUR)
        for pt in self.targets:
            c = self.point_at(pt.day, pt.value)
            p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - 6), QPointF(c.x() + 6, c.y()),
                                     QPointF(c.x(), c.y() + 6), QPointF(c.x() - 6, c.y())]))
            text = self.date_text(pt.day)
            # Below the marker, clear of the line coming down from above it; above it when
            # that would run into the axis.
            below = c.y() + 9 + fm.ascent() < plot.bottom() - 2
            y = c.y() + 9 + fm.ascent() if below else c.y() - 9
            p.drawText(QPointF(c.x() - fm.horizontalAdvance(text) / 2, y), text)
        self._paint_legend(p, fm)
        p.end()

    def _paint_legend(self, p: QPainter, fm: QFontMetrics) -> None:
        x = self._plot().left()
        y = fm.height()
        styles = ((ACTUAL_COLOUR, Qt.PenStyle.SolidLine), (TARGET_COLOUR, None),
                  (PROJECTION_COLOUR, Qt.PenStyle.DashLine))
        for text, (colour, style) in zip(self.legend, styles, strict=True):
            if not text:
                continue
            if style is None:
                p.setPen(QPen(colour, 1))
                p.setBrush(colour)
                cx, cy = x + 10, y - fm.ascent() / 3
                p.drawPolygon(QPolygonF([QPointF(cx, cy - 5), QPointF(cx + 5, cy),
                                         QPointF(cx, cy + 5), QPointF(cx - 5, cy)]))
            else:
                p.setPen(QPen(colour, 2.5, style))
                p.drawLine(QPointF(x, y - fm.ascent() / 3), QPointF(x + 20, y - fm.ascent() / 3))
            p.setPen(TEXT_COLOUR)
            p.drawText(QPointF(x + 26, y), text)
            x += 26 + fm.horizontalAdvance(text) + 18

    def _hit(self, x: float, y: float) -> tuple[str, int] | None:
        """The nearest marker within reach: ("target", i), ("actual", i) or ("projection", i)."""
        best: tuple[float, tuple[str, int]] | None = None
        for kind, points in (("target", self.targets), ("actual", self.actual),
                             ("projection", self.projection)):
            for i, pt in enumerate(points):
                c = self.point_at(pt.day, pt.value)
                d = (c.x() - x) ** 2 + (c.y() - y) ** 2
                if d <= 100 and (best is None or d < best[0]):
                    best = (d, (kind, i))
        return best[1] if best else None

    def tooltip_near(self, x: float, y: float) -> str:
        hit = self._hit(x, y)
        if hit is None:
            return ""
        kind, i = hit
        points = {"target": self.targets, "actual": self.actual,
                  "projection": self.projection}[kind]
        return points[i].tooltip

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_near(event.pos().x(), event.pos().y())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            pos = event.position()
            hit = self._hit(pos.x(), pos.y())
            if hit is not None and hit[0] == "target":
                self.target_clicked.emit(hit[1])
                return
        super().mouseReleaseEvent(event)
