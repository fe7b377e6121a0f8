"""Cleaning of free text and personal names typed into court ledgers.

Ledgers are typed by hand in Excel or WPS with Chinese input methods, so the same word arrives
with full-width digits (２０２１), full-width spaces used to pad two-character names to the width of
three-character ones (张　三), line breaks pasted from Word, zero-width characters copied from web
pages and compatibility ideographs. Cleaning makes equal things compare equal without changing
what a person reads.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, datetime
from itertools import accumulate, chain, count
from operator import add
from typing import cast

__all__ = ["clean_person_name", "clean_text", "clean_texts", "contains_cjk", "to_text"]

# NFKC maps these full-width forms to ASCII. In Chinese prose and in case numbers the
# full-width form is the correct one (（2021）吉0105民初1号 uses full-width parentheses officially,
# and a reason reads "因当事人下落不明，需公告送达"), so they are protected from NFKC. Full-width
# digits, letters, hyphens, slashes and the ideographic space are NOT protected: they are typing
# accidents that must compare equal to their ASCII forms.
_PROTECTED = "！（），：；？…"
# Private-use code points are left alone by NFKC, so they can stand in for protected characters.
_PROTECT = str.maketrans({ch: chr(0xE000 + i) for i, ch in enumerate(_PROTECTED)})
_UNPROTECT = str.maketrans({chr(0xE000 + i): ch for i, ch in enumerate(_PROTECTED)})

# Invisible characters that str.split() does not treat as whitespace but that sneak in through
# copy and paste (zero-width space/joiners, word joiner, BOM/zero-width no-break space).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

# Characters known to be unchanged by NFKC and by the invisible-character removal. A string made
# only of these skips normalisation entirely: this is the common case for ledger text and keeps
# the importer fast (100,000 rows x 12 columns must clean in well under a second).
_NEEDS_NORMALISING = re.compile(
    "[^\x00-\x7f\u4e00-\u9fff\u3001-\u3003\u3008-\u3011\u3014-\u301f"
    "\u2014\u2018\u2019\u201c\u201d\u00b7" + re.escape(_PROTECTED) + "]"
).search

# For clean_texts: in a column joined with NUL separators, a character clean_text could change
# is one outside the known-stable set, which here also excludes every whitespace and control
# character except the plain space and the NUL separator.
_UNSAFE_IN_COLUMN = re.compile(
    "[^\x00\x20-\x7e\u4e00-\u9fff\u3001-\u3003\u3008-\u3011\u3014-\u301f"
    "\u2014\u2018\u2019\u201c\u201d\u00b7" + re.escape(_PROTECTED) + "]"
)
# Space patterns clean_text changes: two in a row, or one at either end of a value.
_SPACE_PATTERNS = (("  ", 0), (" \x00", 0), ("\x00 ", 1))

# CJK Unified Ideographs with extension A, the compatibility block and the supplementary planes
# (rare name characters such as 𠮷 live in extension B).
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]").search


def to_text(value: object) -> str:
    """Render a spreadsheet cell value as the text a person sees in the cell.

    Whole floats lose their ".0" (a number cell holding 1234 comes back from readers as 1234.0),
    dates are rendered in ISO form and None becomes "".
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        # bool is an int subclass; Excel shows TRUE/FALSE.
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        # A date cell read as a datetime at midnight shows as a plain date in the spreadsheet.
        if value.time() == datetime.min.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def clean_text(value: object) -> str:
    """Normalise a cell to clean text: NFKC (keeping CJK punctuation), trimmed, single spaces.

    - Full-width digits and letters become ASCII, compatibility ideographs become the unified
      ones, but ，：；！？（）… stay full-width because they are correct Chinese punctuation.
    - ASCII and full-width spaces, tabs and line breaks at both ends are removed; any run of
      whitespace inside becomes one ASCII space; zero-width characters are dropped.
    - None becomes "".
    """
    s = value if type(value) is str else to_text(value)
    if not s:
        return ""
    if _NEEDS_NORMALISING(s) is not None:
        s = unicodedata.normalize("NFKC", s.translate(_PROTECT)).translate(_UNPROTECT)
        s = s.translate(_INVISIBLE)
    # str.split() with no argument splits on every Unicode whitespace (including U+3000) and
    # drops empty pieces, which trims and collapses in one C-level pass.
    return " ".join(s.split())


def clean_texts(values: Sequence[object]) -> list[str]:
    """clean_text over a whole column; much faster when most values are already clean.

    The column is joined and scanned once in C for anything clean_text would change; only the
    values touched are cleaned one by one (case numbers and case names are all different, so
    memoising cannot help them).
    """
    try:
        joined = "\x00".join(values)  # type: ignore[arg-type]  # non-str: TypeError below
    except TypeError:
        return [clean_text(v) for v in values]
    texts = cast("list[str]", list(values))
    positions = [m.start() for m in _UNSAFE_IN_COLUMN.finditer(joined)]
    for pattern, offset in _SPACE_PATTERNS:
        found = joined.find(pattern)
        while found >= 0:
            positions.append(found + offset)
            found = joined.find(pattern, found + 1)
    if joined.startswith(" "):
        positions.append(0)
    if joined.endswith(" "):
        positions.append(len(joined) - 1)
    if not positions:
        return texts
    # starts[k] = offset of value k in the joined string (lengths so far + separators so far).
    starts = list(map(add, accumulate(chain((0,), map(len, texts))), count()))
    for k in {bisect_right(starts, p) - 1 for p in positions}:
        texts[k] = clean_text(texts[k])
    return texts


def contains_cjk(text: str) -> bool:
    """True if the text contains at least one CJK ideograph."""
    return _CJK(text) is not None


def clean_person_name(value: object) -> str:
    """Clean a person's name.

    Chinese names are padded with spaces to align columns (张　三, 张  三), and a space is never
    part of a Chinese name, so every internal space is removed when the name contains CJK
    ideographs. Latin names ("John Smith") keep a single space between words. A cell naming
    two people separated only by a space (张三 李四) is therefore merged; ledgers separate
    several names with 、 or a comma, which are kept.
    """
    s = clean_text(value)
    if " " in s and _CJK(s) is not None:
        return s.replace(" ", "")
    return s
