"""Charts of the bulletin, drawn as PDF vectors (reportlab.graphics): no Qt, no images.

Vector charts stay sharp on any printer and their labels are real text in the embedded font,
so `pdftotext` finds the department names in them too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import register_font

ABOVE = colors.HexColor("#3b6ea5")
BELOW = colors.HexColor("#c0504d")
TARGET = colors.HexColor("#d99a00")


def rate_bars(names: Sequence[str], rates: Sequence[Decimal | None],
              target: Decimal | None, width: float, height: float = 200) -> Drawing:
    """Clearance rate per department as bars (red below the target), the target as a line."""
    font = register_font()
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 36, 62
    chart.width, chart.height = width - 50, height - 80
    values = [float(r * 100) if r is not None else 0.0 for r in rates]
    chart.data = [values or [0.0]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.categoryAxis.categoryNames = list(names) or [""]
    labels = chart.categoryAxis.labels
    labels.fontName, labels.fontSize = font, 7
    labels.angle, labels.boxAnchor, labels.dy, labels.dx = 40, "ne", -2, 4
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6
    chart.barLabelFormat = "%.1f"
    chart.barLabels.nudge = 6
    chart.bars[0].fillColor = ABOVE
    chart.bars.strokeWidth = 0
    for i, r in enumerate(rates):
        if target is not None and (r is None or r < target):
            chart.bars[(0, i)].fillColor = BELOW
    d.add(chart)
    if target is not None:
        y = chart.y + chart.height * float(target)
        d.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=TARGET,
                   strokeWidth=1.2, strokeDashArray=[4, 2]))
        d.add(String(chart.x + chart.width, y + 3, f"目标 {float(target) * 100:g}%",
                     fontName=font, fontSize=7, fillColor=TARGET, textAnchor="end"))
    return d


def burndown(points: Sequence[tuple[dt.date, int]],
             goals: Sequence[tuple[dt.date, int, str]], start: dt.date, total: int,
             width: float, height: float = 170) -> Drawing:
    """Open baseline cases at the end of each week, with the path each target allows:
    a straight line from the whole baseline at the campaign start to what may stay open on
    its due day (baseline x (1 - required rate))."""
    font = register_font()
    d = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y = 46, 40
    plot.width, plot.height = width - 60, height - 60
    origin = start.toordinal()
    series = [[(p.toordinal() - origin, n) for p, n in points] or [(0, total)]]
    for due, allowed, _label in goals:
        series.append([(0, total), (due.toordinal() - origin, allowed)])
    plot.data = series
    plot.lines[0].strokeColor = ABOVE
    plot.lines[0].strokeWidth = 1.6
    for i in range(1, len(series)):
        plot.lines[i].strokeColor = TARGET
        plot.lines[i].strokeWidth = 0.8
        plot.lines[i].strokeDashArray = [3, 2]
    last_x = max(x for s in series for x, _ in s)
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, max(last_x, 7)
    plot.xValueAxis.valueStep = 28 if last_x > 84 else 7
    plot.xValueAxis.labelTextFormat = (
        lambda x: (start + dt.timedelta(days=int(x))).strftime("%m-%d"))
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = max(total, 1)
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = 7
    d.add(plot)
    # A legend under the plot: labels at the targets' due points ran off the right edge.
    y = 6.0
    d.add(Line(plot.x, y + 3, plot.x + 18, y + 3, strokeColor=ABOVE, strokeWidth=1.6))
    d.add(String(plot.x + 22, y, "实际未结", fontName=font, fontSize=7))
    x = plot.x + 70.0
    for due, allowed, label in goals:
        d.add(Line(x, y + 3, x + 18, y + 3, strokeColor=TARGET, strokeWidth=0.8,
                   strokeDashArray=[3, 2]))
        text = f"{label}：{due.month}月{due.day}日前未结不超过{allowed}件"
        d.add(String(x + 22, y, text, fontName=font, fontSize=7))
        x += 30 + stringWidth(text, font, 7)
    d.add(String(plot.x, height - 10, "未结旧存案件数（件）", fontName=font, fontSize=7))
    return d
