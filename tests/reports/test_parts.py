"""The report building blocks that need no PDF reader: fingerprint, wrapping, page splits."""

from __future__ import annotations

import datetime as dt

from reportlab.pdfbase.pdfmetrics import stringWidth

from backlog_desk.reports.fingerprint import fingerprint
from backlog_desk.reports.fonts import register_font
from backlog_desk.reports.tables import PagedTable, data_table, wrap

ROWS = [("u1", 1, "（2021）吉0105民初1号", dt.date(2021, 3, 5), None),
        ("u2", 3, "（2022）吉0105执2号", dt.date(2022, 1, 9), dt.date(2026, 5, 1))]


def test_fingerprint_ignores_order_and_sees_every_field() -> None:
    base = fingerprint("ledger", {"as_of": dt.date(2026, 7, 15)}, ROWS)
    assert fingerprint("ledger", {"as_of": dt.date(2026, 7, 15)}, ROWS[::-1]) == base
    bumped = [ROWS[0], ("u2", 4, *ROWS[1][2:])]
    assert fingerprint("ledger", {"as_of": dt.date(2026, 7, 15)}, bumped) != base
    assert fingerprint("ledger", {"as_of": dt.date(2026, 7, 16)}, ROWS) != base
    assert fingerprint("committee", {"as_of": dt.date(2026, 7, 15)}, ROWS) != base
    # Field boundaries matter: ("ab", "c") and ("a", "bc") are different rows.
    assert fingerprint("k", {}, [("ab", "c")]) != fingerprint("k", {}, [("a", "bc")])


def test_wrap_keeps_every_character_and_fits_the_width() -> None:
    font = register_font()
    text = "中国工商银行股份有限公司长春分行诉孟新等金融借款合同纠纷（2021）吉0105民初1234号"
    out = wrap(text, 80, 8)
    assert out.replace("\n", "") == text
    assert len(out.splitlines()) > 1
    assert all(stringWidth(line, font, 8) <= 80 for line in out.splitlines())
    assert wrap("民一庭", 80, 8) == "民一庭"


def test_paged_table_splits_into_pages_that_fit_and_cover_every_row() -> None:
    rows = [[str(i), "案件名称" * (i % 5 + 1)] for i in range(300)]
    table = data_table(["序号", "案件名称"], rows, [40, 60], size=8)
    pieces: list[PagedTable] = []
    rest: PagedTable | None = table
    while rest is not None:
        parts = rest.split(100, 200)
        assert parts, "a page with room for rows must take at least one"
        first = parts[0]
        assert isinstance(first, PagedTable)
        assert first.wrap(100, 200)[1] <= 200
        pieces.append(first)
        nxt = parts[1] if len(parts) > 1 else None
        assert nxt is None or (isinstance(nxt, PagedTable) and nxt.start < nxt.end)
        rest = nxt
    covered = [i for p in pieces for i in range(p.start, p.end)]
    assert covered == list(range(300))
