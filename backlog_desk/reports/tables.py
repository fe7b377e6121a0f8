"""Ruled tables that wrap Chinese text, repeat their header on every page and stay linear.

Two choices here are about speed (issue 7: a 10,000-row ledger in under 15 s):

- Cells are plain strings broken into lines by :func:`wrap`, not Paragraphs: TECH.md §4b
  measured Paragraph cells 1.6x slower. Chinese may break between any two characters, so a
  greedy character fill is the right rule.
- :class:`PagedTable` cuts the rows into pages itself, from row heights it computes once,
  and draws them directly. reportlab's LongTable re-creates the table for the remaining rows
  on every page break, which made a 9,400-row ledger (560 pages) take 28 s, growing faster
  than the number of rows; splitting here brought it to 15 s and drawing here to 7.5 s
  (bench/bench_reports.py).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from .fonts import register_font

CELL_PAD = 2.5
TOP_PAD, BOTTOM_PAD = 1.5, 2.5
HEADER_BG = colors.HexColor("#e6e6e6")
TOTAL_BG = colors.HexColor("#f2f2f2")
GRID = colors.HexColor("#555555")
_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def wrap(text: str, width: float, size: float) -> str:
    """``text`` broken into lines no wider than ``width`` points (at ``size`` points)."""
    if not text:
        return ""
    font = register_font()
    if "\n" not in text and pdfmetrics.stringWidth(text, font, size) <= width:
        return text  # most cells (dates, names, numbers) fit: skip the per-character walk
    cache = _WIDTHS.setdefault((font, size), {})
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line: list[str] = []
        used = 0.0
        for ch in para:
            w = cache.get(ch)
            if w is None:
                w = cache[ch] = pdfmetrics.stringWidth(ch, font, size)
            if line and used + w > width:
                lines.append("".join(line))
                line, used = [], 0.0
            line.append(ch)
            used += w
        lines.append("".join(line))
    return "\n".join(lines)


class PagedTable(Flowable):
    """Header + rows, cut at page ends into one piece per page, each drawn with the header.

    Row heights are fixed up front (lines x leading + padding), so a split knows exactly
    what fits; a piece shares the row list and only holds its index range. Drawing is done
    here directly (grid as one path, all text in one text object per page) rather than
    through platypus Table, whose per-cell style machinery cost half the ledger's time.
    """

    def __init__(self, header: list[str], rows: list[list[str]], widths: list[float],
                 align: list[str], size: float, *, total_row: bool = False, start: int = 0,
                 end: int | None = None, _tops: list[float] | None = None) -> None:
        super().__init__()
        self.header, self.rows, self.widths, self.align = header, rows, widths, align
        self.size, self.leading = size, size * 1.25
        self.total_row, self.start = total_row, start
        self.end = len(rows) if end is None else end
        self.header_h = self._height(header)
        # _tops[i] = height of rows[0:i]; computed once for the whole table.
        self._tops = _tops if _tops is not None else [0.0, *accumulate(
            self._height(r) for r in rows)]

    def _height(self, row: Sequence[str]) -> float:
        lines = max((c.count("\n") + 1 for c in row), default=1)
        return lines * self.leading + TOP_PAD + BOTTOM_PAD

    def _piece(self, start: int, end: int) -> PagedTable:
        return PagedTable(self.header, self.rows, self.widths, self.align, self.size,
                          total_row=self.total_row, start=start, end=end, _tops=self._tops)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self.header_h + self._tops[self.end] - self._tops[self.start]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight - self.header_h
        # Rows start..end-1 fit when their heights add up to no more than the room left.
        end = min(bisect_right(self._tops, self._tops[self.start] + room) - 1, self.end)
        if end <= self.start:
            return []  # not even one row: the frame moves on to the next page
        if end >= self.end:
            return [self._piece(self.start, self.end)]  # no empty rest: it would draw a header
        return [self._piece(self.start, end), self._piece(end, self.end)]

    def draw(self) -> None:
        c = self.canv
        font = register_font()
        width, height = sum(self.widths), self.header_h + self._tops[self.end] - self._tops[
            self.start]
        xs = [0.0, *accumulate(self.widths)]
        base = self._tops[self.start]
        # (top y, height, cells, is header) of every row on this piece, from the top down.
        rows: list[tuple[float, float, Sequence[str], bool]] = [
            (height, self.header_h, self.header, True)]
        for i in range(self.start, self.end):
            top = height - self.header_h - (self._tops[i] - base)
            rows.append((top, self._tops[i + 1] - self._tops[i], self.rows[i], False))
        c.saveState()
        c.setFillColor(HEADER_BG)
        c.rect(0, height - self.header_h, width, self.header_h, stroke=0, fill=1)
        if self.total_row and self.end == len(self.rows) and self.end > self.start:
            top, h, _cells, _head = rows[-1]
            c.setFillColor(TOTAL_BG)
            c.rect(0, top - h, width, h, stroke=0, fill=1)
        path = c.beginPath()
        for y in [0.0, *(top for top, _h, _c, _hd in rows)]:
            path.moveTo(0, y)
            path.lineTo(width, y)
        for x in xs:
            path.moveTo(x, 0)
            path.lineTo(x, height)
        c.setStrokeColor(GRID)
        c.setLineWidth(0.4)
        c.drawPath(path, stroke=1, fill=0)
        text = c.beginText()
        text.setFont(font, self.size, self.leading)
        text.setFillColor(colors.black)
        # Baseline of a line centred in its line box: WQY Micro Hei's ascent is ~0.8 em.
        drop = (self.leading - self.size) / 2 + 0.8 * self.size
        for top, h, cells, head in rows:
            inner = h - TOP_PAD - BOTTOM_PAD
            for col, cell in enumerate(cells):
                if not cell:
                    continue
                lines = cell.split("\n")
                y = top - TOP_PAD - (inner - len(lines) * self.leading) / 2 - drop
                how = "CENTER" if head else self.align[col]
                for line in lines:
                    if how == "LEFT":
                        x = xs[col] + CELL_PAD
                    else:
                        w = pdfmetrics.stringWidth(line, font, self.size)
                        x = (xs[col] + xs[col + 1] - w) / 2 if how == "CENTER" else (
                            xs[col + 1] - CELL_PAD - w)
                    text.setTextOrigin(x, y)
                    text.textOut(line)
                    y -= self.leading
        c.drawText(text)
        c.restoreState()


def data_table(header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[float],
               *, size: float = 9, align: Sequence[str] | None = None,
               total_row: bool = False) -> PagedTable:
    """A ruled table whose header repeats on every page and whose cells wrap to the column.
    ``align`` gives LEFT, CENTER or RIGHT per column (default LEFT)."""
    inner = [w - 2 * CELL_PAD for w in widths]
    head = [wrap(h, inner[i], size) for i, h in enumerate(header)]
    data = [[wrap(str(c), inner[i], size) for i, c in enumerate(r)] for r in rows]
    how = [*(align or ()), *["LEFT"] * len(widths)][:len(widths)]
    return PagedTable(head, data, list(widths), how, size, total_row=total_row)
