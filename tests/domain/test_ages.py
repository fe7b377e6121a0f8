from __future__ import annotations

from datetime import date, timedelta

import pytest

from backlog_desk.domain.ages import (
    DEFAULT_AGE_BUCKETS,
    AgeBucket,
    AgeBuckets,
    AgeConfigProblem,
    add_months,
    age_days,
    age_months,
    month_period_end,
)

D = date
ONE_DAY = timedelta(days=1)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# --- age_days -------------------------------------------------------------------------------


def test_age_days_zero_on_filing_day_and_negative_before_it() -> None:
    assert age_days(D(2023, 3, 1), D(2023, 3, 1)) == 0
    assert age_days(D(2023, 2, 28), D(2023, 3, 1)) == 1
    assert age_days(D(2024, 2, 28), D(2024, 3, 1)) == 2  # leap day in between
    assert age_days(D(2023, 3, 2), D(2023, 3, 1)) == -1


# --- add_months / month_period_end -----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2021, 1, 31), 1, D(2021, 2, 28)),
        (D(2020, 1, 31), 1, D(2020, 2, 29)),
        (D(2020, 2, 29), 12, D(2021, 2, 28)),
        (D(2020, 2, 29), 48, D(2024, 2, 29)),
        (D(2021, 2, 28), 1, D(2021, 3, 28)),  # plain shift: month ends do not stick
        (D(2021, 3, 31), -1, D(2021, 2, 28)),
        (D(2021, 1, 15), -1, D(2020, 12, 15)),
        (D(2021, 12, 31), 1, D(2022, 1, 31)),
        (D(2021, 5, 17), 0, D(2021, 5, 17)),
        (D(2021, 8, 31), -30, D(2019, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, n: int, expected: date) -> None:
    assert add_months(start, n) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2021, 1, 31), 1, D(2021, 2, 28)),  # next month has no 31st: its last day
        (D(2021, 2, 28), 1, D(2021, 3, 31)),  # started on a month end: ends on one
        (D(2020, 2, 28), 1, D(2020, 3, 28)),  # Feb 28 is not a month end in a leap year
        (D(2020, 2, 29), 12, D(2021, 2, 28)),
        (D(2021, 2, 28), 12, D(2022, 2, 28)),
        (D(2023, 2, 28), 12, D(2024, 2, 29)),
        (D(2021, 4, 30), 1, D(2021, 5, 31)),
        (D(2021, 5, 30), 1, D(2021, 6, 30)),
        (D(2021, 6, 15), 6, D(2021, 12, 15)),
        (D(2021, 6, 30), 0, D(2021, 6, 30)),
    ],
)
def test_month_period_end_follows_legal_month_rule(start: date, n: int, expected: date) -> None:
    assert month_period_end(start, n) == expected


# --- age_months ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filing", "ref", "expected"),
    [
        (D(2021, 1, 31), D(2021, 2, 28), 1),  # contract example
        (D(2020, 2, 29), D(2021, 2, 28), 12),  # contract example
        (D(2020, 2, 29), D(2021, 2, 27), 11),
        (D(2020, 2, 29), D(2024, 2, 28), 47),
        (D(2020, 2, 29), D(2024, 2, 29), 48),
        (D(2024, 2, 28), D(2025, 2, 27), 11),
        (D(2024, 2, 28), D(2025, 2, 28), 12),
        (D(2021, 2, 28), D(2021, 3, 30), 0),  # a month from Feb 28 ends on Mar 31
        (D(2021, 2, 28), D(2021, 3, 31), 1),
        (D(2021, 3, 15), D(2021, 3, 15), 0),  # the reference date itself
        (D(2021, 3, 15), D(2021, 4, 14), 0),
        (D(2021, 3, 15), D(2021, 4, 15), 1),
        (D(2023, 6, 15), D(2023, 12, 15), 6),
        (D(2020, 12, 31), D(2023, 12, 31), 36),  # seed 000: "至今年年底为超3年"
        (D(2021, 1, 1), D(2023, 12, 31), 35),
        (D(2022, 12, 31), D(2023, 12, 31), 12),  # seed 000: "超1年"
        (D(2023, 1, 1), D(2023, 12, 31), 11),
    ],
)
def test_age_months_counts_completed_months(filing: date, ref: date, expected: int) -> None:
    assert age_months(filing, ref) == expected


@pytest.mark.parametrize(
    ("filing", "ref", "expected"),
    [
        (D(2021, 3, 16), D(2021, 3, 15), 0),
        (D(2021, 3, 15), D(2021, 2, 16), 0),
        (D(2021, 3, 15), D(2021, 2, 15), -1),
        (D(2021, 3, 15), D(2020, 3, 15), -12),
    ],
)
def test_age_months_before_filing_is_truncated_toward_zero(
    filing: date, ref: date, expected: int
) -> None:
    assert age_months(filing, ref) == expected


def test_age_months_is_antisymmetric_and_monotonic_day_by_day() -> None:
    filing = D(2020, 2, 29)
    previous = age_months(filing, D(2019, 1, 1))
    for ref in days(D(2019, 1, 2), D(2025, 3, 31)):
        current = age_months(filing, ref)
        assert current - previous in (0, 1), ref
        assert age_months(ref, filing) == -current, ref
        previous = current
    fixed_ref = D(2024, 2, 29)
    previous = age_months(D(2019, 1, 1), fixed_ref)
    for filing in days(D(2019, 1, 2), fixed_ref):
        current = age_months(filing, fixed_ref)
        assert previous - current in (0, 1), filing
        previous = current


# --- buckets ---------------------------------------------------------------------------------


def key_for(filing: date, ref: date) -> str:
    return DEFAULT_AGE_BUCKETS.bucket_for(filing, ref).key


def test_default_buckets_shape() -> None:
    assert [(b.key, b.label, b.min_months, b.max_months) for b in DEFAULT_AGE_BUCKETS] == [
        ("lt6m", "6个月以下", 0, 6),
        ("6to12m", "6个月至1年", 6, 12),
        ("1to2y", "1至2年", 12, 24),
        ("2to3y", "2至3年", 24, 36),
        ("gt3y", "3年以上", 36, None),
    ]
    assert len(DEFAULT_AGE_BUCKETS) == 5
    assert AgeBuckets.from_month_edges([6, 12, 24, 36]) == DEFAULT_AGE_BUCKETS


@pytest.mark.parametrize(
    ("filing", "ref", "expected"),
    [
        (D(2023, 6, 15), D(2023, 6, 15), "lt6m"),  # filed on the reference date
        (D(2023, 6, 16), D(2023, 6, 15), "lt6m"),  # filed after it
        (D(2019, 6, 16), D(2019, 6, 15), "lt6m"),
        (D(2023, 6, 15), D(2023, 12, 14), "lt6m"),
        (D(2023, 6, 15), D(2023, 12, 15), "6to12m"),  # exactly 6 months
        (D(2022, 12, 15), D(2023, 12, 14), "6to12m"),
        (D(2022, 12, 15), D(2023, 12, 15), "1to2y"),  # exactly 12 months
        (D(2021, 12, 15), D(2023, 12, 14), "1to2y"),
        (D(2021, 12, 15), D(2023, 12, 15), "2to3y"),  # exactly 24 months
        (D(2020, 12, 15), D(2023, 12, 14), "2to3y"),
        (D(2020, 12, 15), D(2023, 12, 15), "gt3y"),  # exactly 36 months
        (D(2001, 1, 1), D(2023, 12, 15), "gt3y"),
        # Feb 29 filings and month ends
        (D(2020, 2, 29), D(2021, 2, 27), "6to12m"),
        (D(2020, 2, 29), D(2021, 2, 28), "1to2y"),
        (D(2020, 2, 29), D(2020, 8, 28), "lt6m"),
        (D(2020, 2, 29), D(2020, 8, 29), "lt6m"),  # Feb 29 is a month end: ends Aug 31
        (D(2020, 2, 29), D(2020, 8, 31), "6to12m"),
        (D(2022, 8, 31), D(2023, 2, 27), "lt6m"),
        (D(2022, 8, 31), D(2023, 2, 28), "6to12m"),
        (D(2021, 2, 28), D(2024, 2, 28), "2to3y"),  # 2021-02-28 is a month end
        (D(2021, 2, 28), D(2024, 2, 29), "gt3y"),
        # seed 000 reference date (year end)
        (D(2020, 12, 31), D(2023, 12, 31), "gt3y"),
        (D(2021, 1, 1), D(2023, 12, 31), "2to3y"),
        (D(2022, 12, 31), D(2023, 12, 31), "1to2y"),
        (D(2023, 1, 1), D(2023, 12, 31), "6to12m"),
        (D(2023, 6, 30), D(2023, 12, 31), "6to12m"),
        (D(2023, 7, 1), D(2023, 12, 31), "lt6m"),
    ],
)
def test_bucket_for_boundaries(filing: date, ref: date, expected: str) -> None:
    assert key_for(filing, ref) == expected


def test_bucket_for_months_clamps_negative_ages() -> None:
    assert DEFAULT_AGE_BUCKETS.bucket_for_months(-5).key == "lt6m"
    assert DEFAULT_AGE_BUCKETS.bucket_for_months(5).key == "lt6m"
    assert DEFAULT_AGE_BUCKETS.bucket_for_months(6).key == "6to12m"
    assert DEFAULT_AGE_BUCKETS.bucket_for_months(35).key == "2to3y"
    assert DEFAULT_AGE_BUCKETS.bucket_for_months(36).key == "gt3y"
    assert DEFAULT_AGE_BUCKETS.bucket_for_months(600).key == "gt3y"


def test_filing_date_range_at_year_end() -> None:
    ref = D(2023, 12, 31)
    ranges = {b.key: DEFAULT_AGE_BUCKETS.filing_date_range(b, ref) for b in DEFAULT_AGE_BUCKETS}
    assert ranges == {
        "lt6m": (D(2023, 6, 30), None),
        "6to12m": (D(2022, 12, 31), D(2023, 6, 30)),
        "1to2y": (D(2021, 12, 31), D(2022, 12, 31)),
        "2to3y": (D(2020, 12, 31), D(2021, 12, 31)),
        "gt3y": (None, D(2020, 12, 31)),
    }


def test_filing_date_range_at_month_ends_and_leap_day() -> None:
    buckets = DEFAULT_AGE_BUCKETS
    six_to_twelve = buckets.buckets[1]
    # Filed Aug 28..31 all reach 6 months on Feb 28 of a common year.
    assert buckets.filing_date_range(six_to_twelve, D(2023, 2, 28)) == (
        D(2022, 2, 28),
        D(2022, 8, 31),
    )
    # On Mar 30 a Sep 30 filing is still 5 months old (its 6th month ends Mar 31).
    assert buckets.last_filing_date(six_to_twelve, D(2024, 3, 30)) == D(2023, 9, 29)
    assert buckets.last_filing_date(six_to_twelve, D(2024, 3, 31)) == D(2023, 9, 30)
    one_to_two = buckets.buckets[2]
    assert buckets.filing_date_range(one_to_two, D(2024, 2, 29)) == (
        D(2022, 2, 28),
        D(2023, 2, 28),
    )
    assert buckets.first_filing_date(one_to_two, D(2024, 2, 29)) == D(2022, 3, 1)
    assert buckets.first_filing_date(buckets.buckets[-1], D(2024, 2, 29)) is None
    assert buckets.last_filing_date(buckets.buckets[0], D(2024, 2, 29)) is None


REFS = sorted(
    {
        D(2024, 2, 29),
        D(2023, 2, 28),
        D(2024, 2, 28),
        D(2025, 3, 1),
        D(2023, 12, 31),
        D(2024, 3, 30),
        D(2024, 3, 31),
        D(2025, 1, 15),
        *(D(2024, m, d) for m in range(1, 13) for d in (1, 28, 29, 30) if not (m == 2 and d > 29)),
        *(add_months(D(2024, m, 1), 1) - ONE_DAY for m in range(1, 13)),  # every month end
    }
)


@pytest.mark.parametrize(
    "buckets",
    [
        DEFAULT_AGE_BUCKETS,
        AgeBuckets.from_month_edges([1, 10, 18, 30]),
        AgeBuckets.from_month_edges([6, 12, 24]),
    ],
    ids=["default", "odd-edges", "seed-001"],
)
def test_filing_date_range_agrees_with_bucket_for_every_day(buckets: AgeBuckets) -> None:
    assert isinstance(buckets, AgeBuckets)
    for ref in REFS:
        ranges = [(b, buckets.filing_date_range(b, ref)) for b in buckets]
        # Five years back (two leap days) plus filings after the reference date.
        for filing in days(add_months(ref, -62), ref + timedelta(days=40)):
            inside = [
                b
                for b, (after, upto) in ranges
                if (after is None or filing > after) and (upto is None or filing <= upto)
            ]
            assert inside == [buckets.bucket_for(filing, ref)], (ref, filing)


# --- configuration ---------------------------------------------------------------------------


def test_from_month_edges_generates_keys_and_labels() -> None:
    buckets = AgeBuckets.from_month_edges([3, 10, 18])
    assert isinstance(buckets, AgeBuckets)
    assert [(b.key, b.label, b.min_months, b.max_months) for b in buckets] == [
        ("lt3m", "3个月以下", 0, 3),
        ("3to10m", "3个月至10个月", 3, 10),
        ("10to18m", "10个月至18个月", 10, 18),
        ("gt18m", "18个月以上", 18, None),
    ]
    seed_001 = AgeBuckets.from_month_edges([12])
    assert isinstance(seed_001, AgeBuckets)
    assert [(b.key, b.label) for b in seed_001] == [("lt1y", "1年以下"), ("gt1y", "1年以上")]


def test_from_month_edges_uses_given_labels() -> None:
    buckets = AgeBuckets.from_month_edges([10], ["未到10个月", "10个月起预警"])
    assert isinstance(buckets, AgeBuckets)
    assert [(b.key, b.label) for b in buckets] == [
        ("lt10m", "未到10个月"),
        ("gt10m", "10个月起预警"),
    ]


@pytest.mark.parametrize(
    ("edges", "labels", "code"),
    [
        ([], None, "edges_empty"),
        ([12, 6], None, "edges_unsorted"),
        ([6, 24, 12], None, "edges_unsorted"),
        ([-6, 12], None, "edge_not_positive"),
        ([0, 12], None, "edge_not_positive"),
        ([6, 6, 12], None, "edge_duplicate"),
        ([6.5, 12], None, "edge_not_integer"),
        ([True, 12], None, "edge_not_integer"),
        (["6"], None, "edge_not_integer"),
        ([6], ["a"], "labels_count"),
        ([6], ["a", "b", "c"], "labels_count"),
        ([6], ["a", "  "], "label_blank"),
        ([6], ["a", "a"], "label_duplicate"),
    ],
)
def test_from_month_edges_returns_problems(
    edges: list[object], labels: list[str] | None, code: str
) -> None:
    result = AgeBuckets.from_month_edges(edges, labels)  # type: ignore[arg-type]
    assert isinstance(result, AgeConfigProblem)
    assert result.code == code
    assert result.message


@pytest.mark.parametrize(
    "buckets",
    [
        [],
        [AgeBucket("a", "A", 1, None)],  # does not start at 0
        [AgeBucket("a", "A", 0, 6)],  # not open-ended
        [AgeBucket("a", "A", 0, 6), AgeBucket("b", "B", 7, None)],  # gap
        [AgeBucket("a", "A", 0, 6), AgeBucket("b", "B", 5, None)],  # overlap
        [AgeBucket("a", "A", 0, None), AgeBucket("b", "B", 6, None)],  # open in the middle
        [AgeBucket("a", "A", 0, 6), AgeBucket("a", "B", 6, None)],  # duplicate key
        [AgeBucket("a", "A", 0, 0), AgeBucket("b", "B", 0, None)],  # empty bucket
    ],
)
def test_constructor_rejects_invalid_sets(buckets: list[AgeBucket]) -> None:
    with pytest.raises(ValueError):
        AgeBuckets(buckets)


def test_filing_date_range_rejects_foreign_bucket() -> None:
    with pytest.raises(ValueError):
        DEFAULT_AGE_BUCKETS.filing_date_range(AgeBucket("x", "X", 0, 6), D(2023, 1, 1))
