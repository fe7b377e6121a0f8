"""Case ages (立案以来的时长) and age buckets.

Month arithmetic follows LEGAL §2.1 (CrimPL interp. art. 202, the sensible default for all
procedures): a month runs from day X to the same day of the next month; when X is the last day
of its month the month ends on the last day of the next month; when the next month has no day X
it ends on that month's last day. Ages are "completed" periods at the end of the reference day:
a case filed on 2023-06-15 is exactly 6 months old on 2023-12-15.

Dates within a few months of ``date.min``/``date.max`` are not supported (``ValueError`` from
``datetime``); court data never comes near them.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

__all__ = [
    "DEFAULT_AGE_BUCKETS",
    "AgeBucket",
    "AgeBuckets",
    "AgeConfigProblem",
    "add_months",
    "age_days",
    "age_months",
    "month_period_end",
]

_ONE_DAY = timedelta(days=1)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def age_days(filing: date, ref: date) -> int:
    """Days from ``filing`` to ``ref``: 0 on the filing day, negative if filed after ``ref``."""
    return (ref - filing).days


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months (``n`` may be negative), clamped to the month end.

    2021-01-31 + 1 -> 2021-02-28; 2020-02-29 + 12 -> 2021-02-28. A plain calendar shift: a
    month-end day does *not* stick to month ends (2021-02-28 + 1 -> 2021-03-28); for legal
    periods use :func:`month_period_end`.
    """
    index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(d.day, _last_day(year, month)))


def month_period_end(start: date, n: int) -> date:
    """The day on which a period of ``n`` months counted from ``start`` is completed.

    LEGAL §2.1: same day ``n`` months later; if ``start`` is the last day of its month, the last
    day of the target month (2021-02-28 + 1 -> 2021-03-31); if the target month is too short,
    its last day (2021-01-31 + 1 -> 2021-02-28). ``n == 0`` gives ``start``.
    """
    shifted = add_months(start, n)
    if start.day == _last_day(start.year, start.month):
        return shifted.replace(day=_last_day(shifted.year, shifted.month))
    return shifted


def _completed_months(start: date, end: date) -> int:
    # Requires start <= end. The month difference is either the answer or one too many: the
    # period ending in end's month is the only candidate that can overshoot end.
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if month_period_end(start, months) > end:
        months -= 1
    return months


def age_months(filing: date, ref: date) -> int:
    """Completed months from ``filing`` to ``ref`` (see the module docstring for the rule).

    Filed 2021-01-31, ref 2021-02-28 -> 1; filed 2020-02-29, ref 2021-02-28 -> 12; filed
    2021-02-28, ref 2021-03-30 -> 0 (that month ends on 03-31).

    For ``ref`` before ``filing`` the result is the negated completed months counted backwards,
    ``-age_months(ref, filing)``, i.e. truncated toward zero: anything less than a month in the
    future is 0, like anything less than a month in the past. Age buckets treat negative ages
    as 0.
    """
    if ref < filing:
        return -_completed_months(ref, filing)
    return _completed_months(filing, ref)


def _latest_filing_with_age(months: int, ref: date) -> date:
    """The latest filing date whose age at ``ref`` is at least ``months`` (``months >= 1``).

    Relies on month_period_end being non-decreasing in its start date, so the filing dates
    reaching the age form a prefix of the calendar; the calendar shift lands within three days
    of its end and the loops walk the rest.
    """
    candidate = add_months(ref, -months)
    while month_period_end(candidate + _ONE_DAY, months) <= ref:
        candidate += _ONE_DAY
    while month_period_end(candidate, months) > ref:
        candidate -= _ONE_DAY
    return candidate


@dataclass(frozen=True)
class AgeConfigProblem:
    """A bad user-supplied bucket configuration, returned instead of raised."""

    code: str
    message: str


@dataclass(frozen=True)
class AgeBucket:
    """Ages from ``min_months`` (inclusive) to ``max_months`` (exclusive, None = no limit)."""

    key: str
    label: str
    min_months: int
    max_months: int | None

    def contains(self, months: int) -> bool:
        """Whether an age of ``months`` completed months falls in this bucket."""
        return months >= self.min_months and (self.max_months is None or months < self.max_months)


class AgeBuckets:
    """An ordered, gap-free set of buckets covering every age from 0 months upwards.

    The constructor checks the invariants and raises ``ValueError`` (a programmer error); user
    configuration goes through :meth:`from_month_edges`, which returns problems as values.
    Negative ages (filed after the reference date) fall in the first bucket.
    """

    __slots__ = ("buckets",)

    buckets: tuple[AgeBucket, ...]

    def __init__(self, buckets: Sequence[AgeBucket]) -> None:
        items = tuple(buckets)
        if not items:
            raise ValueError("AgeBuckets needs at least one bucket")
        if items[0].min_months != 0:
            raise ValueError(f"first bucket {items[0].key!r} must start at 0 months")
        if items[-1].max_months is not None:
            raise ValueError(f"last bucket {items[-1].key!r} must be open-ended")
        for previous, current in pairwise(items):
            if previous.max_months is None:
                raise ValueError(f"only the last bucket may be open-ended: {previous.key!r}")
            if current.min_months != previous.max_months:
                raise ValueError(
                    f"buckets {previous.key!r} and {current.key!r} leave a gap or overlap"
                )
        for bucket in items:
            if bucket.max_months is not None and bucket.max_months <= bucket.min_months:
                raise ValueError(f"bucket {bucket.key!r} is empty")
        keys = [bucket.key for bucket in items]
        if len(set(keys)) != len(keys):
            raise ValueError(f"duplicate bucket keys: {keys}")
        self.buckets = items

    @staticmethod
    def from_month_edges(
        edges: Sequence[int], labels: Sequence[str] | None = None
    ) -> AgeBuckets | AgeConfigProblem:
        """Buckets split at ``edges`` (months), e.g. ``[6, 12, 24, 36]`` -> five buckets.

        Keys and Chinese labels are generated ("lt6m"/"6个月以下", "6to12m"/"6个月至1年",
        "1to2y"/"1至2年", "gt3y"/"3年以上") unless ``labels`` gives one per bucket
        (``len(edges) + 1``). Edges must be positive integers, strictly increasing.
        """
        if not edges:
            return AgeConfigProblem("edges_empty", "未设置账龄分段")
        for edge in edges:
            if isinstance(edge, bool) or not isinstance(edge, int):
                return AgeConfigProblem("edge_not_integer", f"账龄分段必须是整数月数：{edge!r}")
            if edge <= 0:
                return AgeConfigProblem("edge_not_positive", f"账龄分段必须大于0个月：{edge}")
        if len(set(edges)) != len(edges):
            return AgeConfigProblem("edge_duplicate", f"账龄分段有重复：{list(edges)}")
        if list(edges) != sorted(edges):
            return AgeConfigProblem("edges_unsorted", f"账龄分段必须从小到大排列：{list(edges)}")
        bounds: list[tuple[int, int | None]] = list(zip([0, *edges], [*edges, None], strict=True))
        if labels is None:
            names = [_generated_label(low, high) for low, high in bounds]
        else:
            names = list(labels)
            if len(names) != len(bounds):
                return AgeConfigProblem(
                    "labels_count", f"需要{len(bounds)}个分段名称，实际为{len(names)}个"
                )
            if any(not name.strip() for name in names):
                return AgeConfigProblem("label_blank", "分段名称不能为空")
            if len(set(names)) != len(names):
                return AgeConfigProblem("label_duplicate", f"分段名称有重复：{names}")
        return AgeBuckets(
            [
                AgeBucket(_generated_key(low, high), name, low, high)
                for (low, high), name in zip(bounds, names, strict=True)
            ]
        )

    def bucket_for_months(self, months: int) -> AgeBucket:
        """The bucket for an age in completed months (negative ages -> first bucket)."""
        for bucket in self.buckets:
            if bucket.contains(max(months, 0)):
                return bucket
        raise AssertionError("unreachable: buckets cover every age from 0 up")

    def bucket_for(self, filing: date, ref: date) -> AgeBucket:
        """The bucket of a case filed on ``filing``, aged at ``ref``."""
        return self.bucket_for_months(age_months(filing, ref))

    def filing_date_range(self, bucket: AgeBucket, ref: date) -> tuple[date | None, date | None]:
        """Filing dates in ``bucket`` at ``ref`` as ``(after, upto)``: ``after < filing <= upto``.

        ``after`` is exclusive, ``upto`` inclusive; ``None`` means unbounded on that side. The
        first bucket has ``upto=None`` (it also holds filings after ``ref``), the last bucket
        ``after=None``. Agrees with :meth:`bucket_for` for every filing date, so SQL can count
        a bucket with ``filing_date > :after AND filing_date <= :upto``.
        """
        if bucket not in self.buckets:
            raise ValueError(f"bucket {bucket.key!r} is not part of this set")
        upto = None if bucket.min_months == 0 else _latest_filing_with_age(bucket.min_months, ref)
        after = (
            None if bucket.max_months is None else _latest_filing_with_age(bucket.max_months, ref)
        )
        return after, upto

    def first_filing_date(self, bucket: AgeBucket, ref: date) -> date | None:
        """Earliest filing date (inclusive) in ``bucket`` at ``ref``; None = unbounded."""
        after, _ = self.filing_date_range(bucket, ref)
        return None if after is None else after + _ONE_DAY

    def last_filing_date(self, bucket: AgeBucket, ref: date) -> date | None:
        """Latest filing date (inclusive) in ``bucket`` at ``ref``; None = unbounded."""
        return self.filing_date_range(bucket, ref)[1]

    def __iter__(self) -> Iterator[AgeBucket]:
        return iter(self.buckets)

    def __len__(self) -> int:
        return len(self.buckets)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AgeBuckets):
            return NotImplemented
        return self.buckets == other.buckets

    def __hash__(self) -> int:
        return hash(self.buckets)

    def __repr__(self) -> str:
        return f"AgeBuckets({list(self.buckets)!r})"


def _is_years(months: int) -> bool:
    return months > 0 and months % 12 == 0


def _key_part(months: int) -> str:
    return f"{months // 12}y" if _is_years(months) else f"{months}m"


def _generated_key(low: int, high: int | None) -> str:
    if high is None:
        return f"gt{_key_part(low)}"
    if low == 0:
        return f"lt{_key_part(high)}"
    if _is_years(low) and _is_years(high):
        return f"{low // 12}to{high // 12}y"
    return f"{low}to{high}m"


def _label_part(months: int) -> str:
    return f"{months // 12}年" if _is_years(months) else f"{months}个月"


def _generated_label(low: int, high: int | None) -> str:
    if high is None:
        return f"{_label_part(low)}以上"
    if low == 0:
        return f"{_label_part(high)}以下"
    if _is_years(low) and _is_years(high):
        return f"{low // 12}至{high // 12}年"
    return f"{_label_part(low)}至{_label_part(high)}"


DEFAULT_AGE_BUCKETS: AgeBuckets = AgeBuckets(
    [
        AgeBucket("lt6m", "6个月以下", 0, 6),
        AgeBucket("6to12m", "6个月至1年", 6, 12),
        AgeBucket("1to2y", "1至2年", 12, 24),
        AgeBucket("2to3y", "2至3年", 24, 36),
        AgeBucket("gt3y", "3年以上", 36, None),
    ]
)
