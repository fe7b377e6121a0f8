"""Dates as they arrive in court ledgers, and how they are written back out.

A date in a ledger may be a real date cell, an Excel serial number (a date cell whose format was
lost, or a CSV written from one), or text typed in any of the forms Chinese offices use:
2021-03-05, 2021.3.5, 2021/3/5, 20210305, 2021年3月5日, with full-width digits or a midnight time
appended by an export. Problems are returned as values, never raised, so an importer can report
every bad cell of a file at once.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = [
    "MAX_DATE",
    "MIN_DATE",
    "DateProblem",
    "excel_serial_to_date",
    "format_date_cn",
    "format_date_iso",
    "parse_date",
]

# No case in a backlog campaign was filed before 1950 or will close after 2100; anything outside
# is a typing slip (0021 for 2021, 2921 for 2021) and must be shown, not stored.
MIN_DATE = date(1950, 1, 1)
MAX_DATE = date(2100, 12, 31)

# Excel's 1900 date system counts days from 1899-12-31 and wrongly treats 1900 as a leap year,
# so for every serial after 60 (1900-02-28) the day 0 is effectively 1899-12-30.
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_MIN = (MIN_DATE - _EXCEL_EPOCH).days  # 18264
_SERIAL_MAX = (MAX_DATE - _EXCEL_EPOCH).days  # 73415
# Largest serial that still fits Python's date type (9999-12-31), for messages only.
_SERIAL_LIMIT = (date.max - _EXCEL_EPOCH).days

# Not calendar.month_name: that follows the C locale, which Qt sets from the desktop (Chinese).
_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_TIME = r"(?:\s*[T ]\s*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
# 2021-03-05, 2021.3.5, 2021/3/5: the second separator must repeat the first, so "2021-3.5"
# is not silently accepted as a date.
_SEPARATED = re.compile(r"([0-9]{4})\s*([-./])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})" + _TIME)
_CHINESE = re.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日?" + _TIME)
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})" + _TIME)
# A serial number written as text (CSV saved from a sheet whose date format was lost).
_SERIAL_TEXT = re.compile(r"[0-9]{5}(?:\.[0-9]+)?")


@dataclass(frozen=True)
class DateProblem:
    """Why a value is not an acceptable date.

    code is stable for programs ("not_a_date", "impossible_date", "implausible_date",
    "implausible_serial"); message is an English sentence that starts with the offending
    value, so a caller can prefix it with the field ("filing date " + message).
    """

    code: str
    message: str


def parse_date(value: object) -> date | DateProblem | None:
    """Read a ledger cell as a date.

    Returns None for an empty or blank cell, the date when the value is one, and a DateProblem
    naming why otherwise. The time of day of datetimes and fractional serials is dropped:
    ledgers record days.
    """
    if value is None:
        return None
    # Checked by exact type first because readers hand back date cells far more often than
    # anything else, and datetime is a subclass of date.
    if type(value) is date:
        return value if MIN_DATE <= value <= MAX_DATE else _out_of_range(value.isoformat())
    if isinstance(value, datetime):
        day = value.date()
        return day if MIN_DATE <= day <= MAX_DATE else _out_of_range(value.isoformat(sep=" "))
    if isinstance(value, date):
        return value if MIN_DATE <= value <= MAX_DATE else _out_of_range(value.isoformat())
    if isinstance(value, bool):
        return DateProblem("not_a_date", f"{value} is not a date")
    if isinstance(value, int | float):
        return _from_number(value, _number_text(value))
    if isinstance(value, str):
        return _from_text(value)
    return DateProblem("not_a_date", f"'{value}' is not a date")


def excel_serial_to_date(serial: int | float) -> date | DateProblem:
    """Convert an Excel (1900 system) serial day number to a date, within the plausible range."""
    return _from_number(serial, _number_text(serial))


def format_date_cn(d: date) -> str:
    """Chinese long form used on printed reports: 2023年3月30日 (no leading zeros)."""
    return f"{d.year}年{d.month}月{d.day}日"


def format_date_iso(d: date) -> str:
    """ISO form used in files and the database: 2023-03-30."""
    return d.isoformat()


def _number_text(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _out_of_range(text: str) -> DateProblem:
    return DateProblem(
        "implausible_date",
        f"{text} is outside the plausible years {MIN_DATE.year}–{MAX_DATE.year}",
    )


def _from_number(value: float, text: str) -> date | DateProblem:
    if not math.isfinite(value):
        return DateProblem("not_a_date", f"{text} is not a date")
    if _SERIAL_MIN <= value < _SERIAL_MAX + 1:
        # The fraction is the time of day.
        return _EXCEL_EPOCH + timedelta(days=int(value))
    # A number cell holding 20210305 was typed as yyyymmdd, not as a serial (which would be the
    # year 57,000); accept it like the same text.
    if isinstance(value, int) or value.is_integer():
        digits = str(int(value))
        if len(digits) == 8:
            return _from_parts(text, int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    hint = ""
    if 61 <= value < _SERIAL_LIMIT:
        hint = f" (as a serial it would be {_EXCEL_EPOCH + timedelta(days=int(value))})"
    elif 1 <= value < 60:
        # Before Excel's phantom 1900-02-29 the serials count from 1899-12-31.
        hint = f" (as a serial it would be {date(1899, 12, 31) + timedelta(days=int(value))})"
    return DateProblem(
        "implausible_serial",
        f"{text} is not a plausible Excel date number{hint}; expected {_SERIAL_MIN}–"
        f"{_SERIAL_MAX} ({MIN_DATE.year}–{MAX_DATE.year})",
    )


def _from_text(raw: str) -> date | DateProblem | None:
    text = raw.strip()
    if not text:
        return None
    # NFKC turns full-width digits and separators (２０２１－０３－０５) into ASCII; 年月日 stay.
    s = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    m = _SEPARATED.fullmatch(s)
    if m is not None:
        return _from_parts(text, int(m[1]), int(m[3]), int(m[4]))
    m = _CHINESE.fullmatch(s) or _COMPACT.fullmatch(s)
    if m is not None:
        return _from_parts(text, int(m[1]), int(m[2]), int(m[3]))
    if _SERIAL_TEXT.fullmatch(s):
        return _from_number(float(s), text)
    return DateProblem("not_a_date", f"'{text}' is not a date (expected a form such as 2021-03-05)")


def _from_parts(text: str, year: int, month: int, day: int) -> date | DateProblem:
    if not 1 <= month <= 12:
        return DateProblem("impossible_date", f"{text} is not a real date (month {month})")
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        return _out_of_range(text)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return DateProblem(
            "impossible_date",
            f"{text} is not a real date (day {day}; {_MONTHS[month]} {year} has {days} days)",
        )
    return date(year, month, day)
