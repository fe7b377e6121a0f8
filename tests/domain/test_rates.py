from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal, localcontext

import pytest

from backlog_desk.domain.ages import DEFAULT_AGE_BUCKETS, AgeBuckets
from backlog_desk.domain.campaign import Target, default_campaign
from backlog_desk.domain.rates import (
    CountRow,
    RankedEntry,
    Tally,
    format_rate,
    pace_rate,
    rank,
    tally_by_bucket,
    tally_by_key,
    target_status,
    total_tally,
)

D = date
CAMPAIGN = default_campaign(2023)
OLD_100, ALL_80, ALL_95 = CAMPAIGN.targets
START = CAMPAIGN.start


# --- Tally -----------------------------------------------------------------------------------


def test_tally_open_and_exact_rate() -> None:
    t = Tally(3, 1)
    assert t.open == 2
    assert t.rate == Decimal(1) / Decimal(3)
    assert str(t.rate) == "0.3333333333333333333333333333"  # 28 digits, not quantized
    assert t.rate != Decimal("0.33")
    assert Tally(8, 7).rate == Decimal("0.875")
    assert Tally(5, 5).rate == Decimal(1)
    assert Tally(5, 0).rate == Decimal(0)


def test_tally_rate_is_none_without_cases() -> None:
    assert Tally().rate is None
    assert Tally().open == 0


def test_tally_rate_ignores_caller_decimal_context() -> None:
    with localcontext() as ctx:
        ctx.prec = 3
        rate = Tally(3, 2).rate
    assert rate == Tally(3, 2).rate
    assert str(rate) == "0.6666666666666666666666666667"


def test_tally_addition() -> None:
    assert Tally(10, 3) + Tally(5, 5) == Tally(15, 8)
    assert sum([Tally(1, 1), Tally(2, 0)], Tally()) == Tally(3, 1)


@pytest.mark.parametrize(("total", "closed"), [(-1, 0), (3, -1), (3, 4)])
def test_inconsistent_counts_are_rejected(total: int, closed: int) -> None:
    with pytest.raises(ValueError):
        Tally(total, closed)
    with pytest.raises(ValueError):
        CountRow("x", D(2020, 1, 1), total, closed)


# --- format_rate -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "places", "expected"),
    [
        (Tally(3, 2).rate, 2, "66.67%"),
        (Tally(3, 1).rate, 2, "33.33%"),
        (Tally(3, 1).rate, 0, "33%"),
        (Decimal("0.80005"), 2, "80.01%"),  # half-up; half-even would give 80.00%
        (Decimal("0.80025"), 2, "80.03%"),
        (Decimal("0.805"), 0, "81%"),  # half-up; half-even would give 80%
        (Decimal("0.805"), 1, "80.5%"),
        (Decimal("0.8"), 2, "80.00%"),
        (Decimal("1"), 2, "100.00%"),
        (Tally(7, 7).rate, 2, "100.00%"),
        (Decimal("0"), 2, "0.00%"),
        (Decimal("0.99995"), 2, "100.00%"),
        (Decimal("0.0001"), 3, "0.010%"),
        (Decimal("1E-10"), 2, "0.00%"),
        (None, 2, "—"),
    ],
)
def test_format_rate(rate: Decimal | None, places: int, expected: str) -> None:
    assert format_rate(rate, places) == expected


def test_format_rate_default_places_and_bad_input() -> None:
    assert format_rate(Decimal("0.123456")) == "12.35%"
    with pytest.raises(ValueError):
        format_rate(Decimal("0.5"), -1)
    with pytest.raises(ValueError):
        format_rate(Decimal("NaN"))


# --- aggregation -----------------------------------------------------------------------------

ROWS = [
    CountRow("民一庭", D(2020, 12, 31), 4, 4),
    CountRow("民二庭", D(2020, 12, 31), 2, 1),
    CountRow("民一庭", D(2021, 1, 1), 3, 1),
    CountRow("", D(2022, 12, 31), 5, 0),
    CountRow("民二庭", D(2022, 7, 1), 6, 3),
    CountRow("民一庭", D(2022, 6, 30), 1, 1),
]


def test_tally_by_key_sums_groups_in_first_seen_order() -> None:
    assert list(tally_by_key(ROWS).items()) == [
        ("民一庭", Tally(8, 6)),
        ("民二庭", Tally(8, 4)),
        ("", Tally(5, 0)),
    ]
    assert tally_by_key([]) == {}


def test_total_tally() -> None:
    assert total_tally(ROWS) == Tally(21, 10)
    assert total_tally([]) == Tally()
    assert total_tally(iter(ROWS)) == Tally(21, 10)  # a one-shot iterator is fine


def test_tally_by_bucket_includes_every_bucket_in_order() -> None:
    result = tally_by_bucket(ROWS, DEFAULT_AGE_BUCKETS, D(2023, 12, 31))
    assert list(result) == ["lt6m", "6to12m", "1to2y", "2to3y", "gt3y"]
    assert result == {
        "lt6m": Tally(),
        "6to12m": Tally(),
        "1to2y": Tally(12, 4),  # 2022-12-31 (5, 0), 2022-07-01 (6, 3), 2022-06-30 (1, 1)
        "2to3y": Tally(3, 1),  # 2021-01-01
        "gt3y": Tally(6, 5),  # 2020-12-31, on the 36-month boundary
    }
    assert sum(result.values(), Tally()) == total_tally(ROWS)


def test_tally_by_bucket_moves_boundary_cases_with_the_reference_date() -> None:
    result = tally_by_bucket(ROWS, DEFAULT_AGE_BUCKETS, D(2023, 6, 30))
    assert result["1to2y"] == Tally(1, 1)  # only 2022-06-30 has reached 12 months
    assert result["6to12m"] == Tally(11, 3)
    assert result["2to3y"] == Tally(9, 6)
    assert result["gt3y"] == Tally()
    assert tally_by_bucket([], DEFAULT_AGE_BUCKETS, D(2023, 6, 30)) == {
        b.key: Tally() for b in DEFAULT_AGE_BUCKETS
    }


def test_tally_by_bucket_uses_custom_bucket_keys() -> None:
    buckets = AgeBuckets.from_month_edges([24])
    assert isinstance(buckets, AgeBuckets)
    assert tally_by_bucket(ROWS, buckets, D(2023, 12, 31)) == {
        "lt2y": Tally(12, 4),
        "gt2y": Tally(9, 6),
    }


# --- target_status ---------------------------------------------------------------------------


OLD_FILING = D(2021, 5, 5)


def rows_for(total: int, closed: int, filing: date = OLD_FILING) -> list[CountRow]:
    return [CountRow("民一庭", filing, total, closed)]


@pytest.mark.parametrize(
    ("required", "total", "closed", "gap"),
    [
        ("0.80", 10, 7, 1),
        ("0.80", 10, 8, 0),
        ("0.80", 10, 10, 0),
        ("0.80", 11, 8, 1),  # 8.8 -> 9
        ("0.80", 11, 9, 0),
        ("0.95", 21, 19, 1),  # 19.95 -> 20
        ("0.95", 20, 19, 0),  # exactly 95 %
        ("1", 7, 3, 4),
        ("0.80", 1, 0, 1),
    ],
)
def test_gap_cases_is_ceiling_of_required_closures(
    required: str, total: int, closed: int, gap: int
) -> None:
    target = replace(ALL_80, required_rate=Decimal(required))
    status = target_status(target, rows_for(total, closed), D(2023, 5, 1), START)
    assert status.gap_cases == gap
    assert status.met is (gap == 0)
    assert status.tally == Tally(total, closed)
    assert status.actual == Tally(total, closed).rate
    assert status.required == Decimal(required)


def test_target_filter_counts_only_old_cases() -> None:
    rows = [
        CountRow("a", D(2020, 12, 31), 4, 3),
        CountRow("b", D(2019, 1, 1), 1, 1),
        CountRow("a", D(2021, 1, 1), 50, 0),  # newer than the old_100 filter
    ]
    status = target_status(OLD_100, rows, D(2023, 6, 1), START)
    assert status.tally == Tally(5, 4)
    assert status.gap_cases == 1
    assert target_status(ALL_80, rows, D(2023, 6, 1), START).tally == Tally(55, 4)


def test_pace_rate_grows_linearly_from_start_to_due() -> None:
    # 2023-03-30 .. 2023-06-30 is 93 days counted inclusively.
    assert pace_rate(ALL_80, D(2023, 3, 1), START) == 0
    assert pace_rate(ALL_80, D(2023, 3, 30), START) == Decimal("0.80") / 93
    assert pace_rate(ALL_80, D(2023, 5, 15), START) == Decimal("0.80") * 47 / 93
    assert pace_rate(ALL_80, D(2023, 6, 30), START) == Decimal("0.80")
    assert pace_rate(ALL_80, D(2023, 8, 1), START) == Decimal("0.80")
    early = replace(ALL_80, due=D(2023, 3, 1))  # due before the start: fully elapsed
    assert pace_rate(early, D(2023, 3, 2), START) == Decimal("0.80")


@pytest.mark.parametrize(
    ("as_of", "closed", "state", "days_left"),
    [
        (D(2023, 3, 1), 0, "on_track", 121),  # before the campaign: no pace yet
        (D(2023, 5, 15), 405, "on_track", 46),  # pace 0.8 × 47/93 = 40.43 %
        (D(2023, 5, 15), 404, "behind", 46),
        (D(2023, 6, 30), 799, "behind", 0),  # due day, not met yet
        (D(2023, 6, 30), 800, "met", 0),
        (D(2023, 7, 1), 799, "missed", -1),
        (D(2023, 7, 1), 800, "met", -1),
        (D(2023, 4, 1), 900, "met", 90),
    ],
)
def test_target_state_across_the_timeline(
    as_of: date, closed: int, state: str, days_left: int
) -> None:
    status = target_status(ALL_80, rows_for(1000, closed), as_of, START)
    assert status.state == state
    assert status.days_left == days_left
    assert status.due_passed is (days_left < 0)


def test_target_without_matching_cases_is_met() -> None:
    status = target_status(OLD_100, rows_for(10, 0, D(2022, 1, 1)), D(2023, 7, 1), START)
    assert status.tally == Tally()
    assert status.actual is None
    assert (status.met, status.gap_cases, status.state) == (True, 0, "met")


def test_target_with_non_finite_rate_raises() -> None:
    target = Target("x", "X", D(2023, 6, 30), Decimal("NaN"))
    with pytest.raises(ValueError):
        target_status(target, rows_for(1, 0), D(2023, 5, 1), START)


# --- ranking ---------------------------------------------------------------------------------


def ranked(tallies: dict[str, Tally]) -> list[tuple[str, int | None]]:
    return [(e.key, e.rank) for e in rank(tallies)]


def test_rank_ties_share_rank_and_next_rank_skips() -> None:
    tallies = {
        "刑庭": Tally(10, 5),
        "民一庭": Tally(10, 9),
        "民二庭": Tally(4, 2),  # 50 %, ties 刑庭 exactly
        "行政庭": Tally(3, 1),
        "执行局": Tally(20, 10),  # 50 % too
    }
    assert ranked(tallies) == [
        ("民一庭", 1),
        ("刑庭", 2),  # within a tie: by key (code point), not by case count
        ("执行局", 2),
        ("民二庭", 2),
        ("行政庭", 5),
    ]


def test_rank_entries_carry_tally_and_rate() -> None:
    entries = rank({"b": Tally(3, 1), "a": Tally(6, 2)})
    assert entries == [
        RankedEntry("a", Tally(6, 2), Tally(6, 2).rate, 1),
        RankedEntry("b", Tally(3, 1), Tally(3, 1).rate, 1),
    ]


def test_rank_all_equal() -> None:
    assert ranked({"c": Tally(2, 2), "a": Tally(1, 1), "b": Tally(9, 9)}) == [
        ("a", 1),
        ("b", 1),
        ("c", 1),
    ]


def test_rank_empty_and_single() -> None:
    assert rank({}) == []
    assert ranked({"民一庭": Tally(5, 0)}) == [("民一庭", 1)]


def test_rank_lists_keys_without_cases_last_and_unranked() -> None:
    entries = rank({"z": Tally(), "b": Tally(4, 0), "a": Tally(), "c": Tally(4, 1)})
    assert [(e.key, e.rank, e.rate) for e in entries] == [
        ("c", 1, Decimal("0.25")),
        ("b", 2, Decimal(0)),  # zero rate is still ranked
        ("a", None, None),
        ("z", None, None),
    ]
    assert ranked({"x": Tally()}) == [("x", None)]


def test_rank_distinguishes_close_rates() -> None:
    # Both display as 66.67 %, yet they are not a tie.
    assert ranked({"a": Tally(1_000_000, 666_666), "b": Tally(3, 2)}) == [("b", 1), ("a", 2)]
