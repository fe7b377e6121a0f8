"""Dates in every form ledgers use, and the problems named for impossible ones."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backlog_desk.domain.dates import (
    MAX_DATE,
    MIN_DATE,
    DateProblem,
    excel_serial_to_date,
    format_date_cn,
    format_date_iso,
    parse_date,
)

MARCH_5 = date(2021, 3, 5)


@pytest.mark.parametrize("value", [None, "", "   ", "\u3000", "\t\n"])
def test_blank_is_none(value: object) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "value",
    [
        MARCH_5,
        datetime(2021, 3, 5),
        datetime(2021, 3, 5, 14, 30, 59),
        44260,
        44260.0,
        44260.99,  # the fraction is the time of day
        "44260",  # a serial written to CSV as text
        "2021-03-05",
        "2021-3-5",
        "2021.3.5",
        "2021.03.05",
        "2021/3/5",
        "2021/03/05",
        "20210305",
        20210305,  # a number cell typed as yyyymmdd
        "2021年3月5日",
        "2021年03月05日",
        "2021年3月5",
        "2021 年 3 月 5 日",
        "2021-3-5 00:00:00",
        "2021-03-05 08:30",
        "2021/3/5 0:00",
        "2021-03-05T00:00:00",
        "2021-03-05 00:00:00.000",
        "２０２１－０３－０５",
        "２０２１年３月５日",
        "２０２１．３．５",
        "  2021-03-05  ",
        "\u30002021.3.5\u3000",
    ],
)
def test_every_form_reads_as_the_same_day(value: object) -> None:
    assert parse_date(value) == MARCH_5


def test_datetime_gives_a_plain_date() -> None:
    result = parse_date(datetime(2021, 3, 5, 23, 59))
    assert type(result) is date


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2021-13-45", "2021-13-45 is not a real date (month 13)"),
        ("2021-00-10", "2021-00-10 is not a real date (month 0)"),
        ("2021-02-30", "2021-02-30 is not a real date (day 30; February 2021 has 28 days)"),
        ("2021-02-29", "2021-02-29 is not a real date (day 29; February 2021 has 28 days)"),
        ("2021-04-31", "2021-04-31 is not a real date (day 31; April 2021 has 30 days)"),
        ("2021.3.0", "2021.3.0 is not a real date (day 0; March 2021 has 31 days)"),
        ("2021年13月1日", "2021年13月1日 is not a real date (month 13)"),
        ("20211345", "20211345 is not a real date (month 13)"),
        (20210230, "20210230 is not a real date (day 30; February 2021 has 28 days)"),
        (" 2021-13-45 ", "2021-13-45 is not a real date (month 13)"),
    ],
)
def test_impossible_dates_name_why(value: object, message: str) -> None:
    assert parse_date(value) == DateProblem("impossible_date", message)


def test_leap_day_is_real_in_a_leap_year() -> None:
    assert parse_date("2020-02-29") == date(2020, 2, 29)


@pytest.mark.parametrize(
    "value",
    ["待定", "下月底", "abc", "2021", "2021-3", "21-3-5", "2021-3.5", "2021/3-5", "3/5/2021", "-"],
)
def test_garbage_is_not_a_date(value: str) -> None:
    problem = parse_date(value)
    assert isinstance(problem, DateProblem)
    assert problem.code == "not_a_date"
    assert problem.message == f"'{value}' is not a date (expected a form such as 2021-03-05)"


@pytest.mark.parametrize("value", [True, False, time(8, 30), 1.5j, float("nan"), float("inf")])
def test_other_types_are_not_dates(value: object) -> None:
    problem = parse_date(value)
    assert isinstance(problem, DateProblem)
    assert problem.code == "not_a_date"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            5,
            "5 is not a plausible Excel date number (as a serial it would be 1900-01-05); "
            "expected 18264–73415 (1950–2100)",
        ),
        (
            18263,
            "18263 is not a plausible Excel date number (as a serial it would be 1949-12-31); "
            "expected 18264–73415 (1950–2100)",
        ),
        (
            99999.5,
            "99999.5 is not a plausible Excel date number (as a serial it would be 2173-10-13); "
            "expected 18264–73415 (1950–2100)",
        ),
        (-3, "-3 is not a plausible Excel date number; expected 18264–73415 (1950–2100)"),
        (
            10**12,
            "1000000000000 is not a plausible Excel date number; expected 18264–73415 (1950–2100)",
        ),
    ],
)
def test_implausible_serials(value: float, message: str) -> None:
    assert parse_date(value) == DateProblem("implausible_serial", message)


def test_serial_range_edges() -> None:
    assert parse_date(18264) == MIN_DATE
    assert parse_date(73415) == MAX_DATE
    assert excel_serial_to_date(44260) == MARCH_5
    assert isinstance(excel_serial_to_date(73416), DateProblem)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0021-03-05", "0021-03-05 is outside the plausible years 1950–2100"),
        ("2921-03-05", "2921-03-05 is outside the plausible years 1950–2100"),
        (date(1949, 12, 31), "1949-12-31 is outside the plausible years 1950–2100"),
        (
            datetime(2101, 1, 1, 9, 0),
            "2101-01-01 09:00:00 is outside the plausible years 1950–2100",
        ),
    ],
)
def test_implausible_years(value: object, message: str) -> None:
    assert parse_date(value) == DateProblem("implausible_date", message)


def test_formats() -> None:
    assert format_date_cn(date(2023, 3, 30)) == "2023年3月30日"
    assert format_date_cn(date(2023, 12, 1)) == "2023年12月1日"
    assert format_date_iso(date(2023, 3, 30)) == "2023-03-30"
    assert format_date_iso(date(2023, 3, 5)) == "2023-03-05"


@given(st.dates(min_value=MIN_DATE, max_value=MAX_DATE))
def test_round_trips(d: date) -> None:
    assert parse_date(format_date_iso(d)) == d
    assert parse_date(format_date_cn(d)) == d
    assert parse_date(f"{d.year}.{d.month}.{d.day}") == d
    assert parse_date(d.strftime("%Y%m%d")) == d
    assert parse_date((d - date(1899, 12, 30)).days) == d


@given(st.text(max_size=12))
def test_never_raises(text: str) -> None:
    result = parse_date(text)
    assert result is None or isinstance(result, date | DateProblem)
