"""A deterministic synthetic basic-level court: people, backlog cases and a CMS export.

Used for the demo database, the scale benchmarks (S/M/L backlog sizes) and import tests. The
court is modelled on seed 000 (长春市二道区人民法院, campaign year Y = ``as_of.year``):

- backlog = cases filed on or before (Y-1)-12-31 and open at the campaign start (Y-03-30),
  ages skewed young (most 3–15 months at the cutoff, a tail to about six years, never before
  2016 so every case number has the post-2016 shape);
- closures fall between the campaign start and ``as_of`` at a pace that differs by department;
- about 8 % extra cases filed in year Y (not backlog), mostly open.

Speed matters (1,080,000 dicts for scale L): every categorical choice is precomputed into a
lookup table of fixed size and drawn with ``table[int(random() * SIZE)]``; dates are shared
objects taken from a per-day list; no per-case date arithmetic or string formatting beyond
joining the case number and the title. Every draw is made whatever the outcome, so the same
(scale, seed) gives the same cases for any ``as_of`` in a year, only more of them closed.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from backlog_desk.domain.ledger import Status
from backlog_desk.exchange import synthetic_pools as pools

__all__ = [
    "EXPORT_HEADERS",
    "MESSY_HEADER_SYNONYMS",
    "SCALES",
    "SynthCourt",
    "SynthDepartment",
    "SynthPerson",
    "generate_cases",
    "make_court",
    "write_case_system_export",
]

SCALES: dict[str, int] = {"S": 3_000, "M": 100_000, "L": 1_000_000}

COURT_NAME = "长春市二道区人民法院"
COURT_CODE = "吉0105"
NEW_CASE_SHARE = 0.08  # cases filed in the campaign year, on top of the backlog
CASES_PER_JUDGE = 60
MAX_JUDGES = 400
_FIRST_ORDINAL = date(2016, 1, 1).toordinal()  # the post-2016 case-number format starts here
_MAX_AGE_DAYS = 6 * 365 + 1
_T = pools.TABLE_SIZE
_PROFILE_T = 8192  # finer for (department, type, cause), where rare causes must survive
_ONE_DAY = timedelta(days=1)

OPEN = Status.OPEN.value
CLOSED = Status.CLOSED.value


@dataclass(frozen=True)
class SynthPerson:
    name: str
    role: str  # "judge" | "head" | "vice_president" | "president"
    department: str | None


@dataclass(frozen=True)
class SynthDepartment:
    name: str
    head: str
    leader: str  # the vice-president over it (分管院领导)
    type_codes: tuple[str, ...]


@dataclass(frozen=True)
class SynthCourt:
    name: str
    code: str
    president: str
    departments: tuple[SynthDepartment, ...]
    people: tuple[SynthPerson, ...]


def _scale_count(scale: str | int) -> int:
    if isinstance(scale, str):
        if scale not in SCALES:
            raise ValueError(f"unknown scale {scale!r}; use one of {sorted(SCALES)} or a count")
        return SCALES[scale]
    if isinstance(scale, bool) or scale < 1:
        raise ValueError(f"scale must be a positive number of cases, not {scale!r}")
    return scale


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` by ``weights`` (largest remainder), at least 1 each."""
    counts = [1] * len(weights)
    rest = total - len(weights)
    if rest > 0:
        whole = sum(weights)
        quotas = [w * rest / whole for w in weights]
        for i, q in enumerate(quotas):
            counts[i] += int(q)
        order = sorted(range(len(weights)), key=lambda i: (int(quotas[i]) - quotas[i], i))
        for i in order[: total - sum(counts)]:
            counts[i] += 1
    return counts


def make_court(scale: str | int, seed: int = 1) -> SynthCourt:
    """The court: president, 3–5 vice-presidents, 16 departments with heads, judges.

    Judges number backlog/60 (the caseload the seeds imply), capped at 400, at least one per
    department, spread by each department's share of the backlog.
    """
    n = _scale_count(scale)
    rng = random.Random(f"backlog-desk/court/{seed}")
    names = pools.Names(rng)
    president = names.unique()
    vps = [names.unique() for _ in range(rng.choice((3, 4, 5)))]
    # Groups beyond the number of VPs fold into a related one (crim_admin → commercial, ...).
    fold = {"crim_admin": "commercial", "civil_b": "civil_a"}
    vp_of: dict[str, str] = {}
    for i, group in enumerate(pools.VP_GROUPS):
        vp_of[group] = vps[i] if i < len(vps) else vp_of[fold[group]]
    specs = pools.DEPARTMENT_SPECS
    judge_counts = _apportion(
        min(MAX_JUDGES, max(len(specs), n // CASES_PER_JUDGE)), [s[1] for s in specs]
    )
    people = [SynthPerson(president, "president", None)]
    people += [SynthPerson(v, "vice_president", None) for v in vps]
    departments = []
    serial = 0
    for (name, _share, group, types), count in zip(specs, judge_counts, strict=True):
        head = names.unique()
        departments.append(SynthDepartment(name, head, vp_of[group], tuple(t[0] for t in types)))
        people.append(SynthPerson(head, "head", name))
        for _ in range(count):
            serial += 1
            # Every 16th judge carries a rare character (堃, 彧 ...) the UI must cope with.
            people.append(SynthPerson(names.unique(rare=serial % 16 == 5), "judge", name))
    return SynthCourt(COURT_NAME, COURT_CODE, president, tuple(departments), tuple(people))


# --- cases ------------------------------------------------------------------------------------


# Remaining share of a department's backlog still open, by days since the campaign start:
# nothing closes during the two-day inventory, a rush before the 06-30 and 09-15 targets.
_REMAINING_KNOTS = (
    (0, 1.0),
    (2, 1.0),
    (60, 0.55),
    (92, 0.20),
    (169, 0.05),
    (184, 0.04),
    (276, 0.015),
)
_CLASS_PACE = (1.0, 0.92, 0.8)  # older cases close a bit less often
_LAWFUL_PACE = (1.12, 0.7)  # a lawful reason (鉴定, 中止 ...) keeps a case open longer


def _remaining(t: int) -> float:
    for (t0, r0), (t1, r1) in pairwise(_REMAINING_KNOTS):
        if t <= t1:
            return r0 + (r1 - r0) * (t - t0) / (t1 - t0)
    return _REMAINING_KNOTS[-1][1]


_REMAINING = [_remaining(t) for t in range(_REMAINING_KNOTS[-1][0] + 1)]


def _closing_table(exponent: float, start: date, last_offset: int) -> list[int]:
    """Quantile → closing day (offset from ``start``), -1 = not within the year."""
    closed = [1.0 - r**exponent for r in _REMAINING[: last_offset + 1]]
    table = []
    for i in range(_T):
        t = bisect_left(closed, (i + 0.5) / _T)  # the share closed only grows with time
        if t > last_offset:
            table.append(-1)
            continue
        # Judges close cases on working days: Saturday → Friday, Sunday → Monday.
        weekday = (start.weekday() + t) % 7
        moved = t - 1 if weekday == 5 and t > 0 else t + (7 - weekday if weekday >= 5 else 0)
        table.append(moved if moved <= last_offset else -1)
    return table


def _department_paces(
    names: Sequence[str], shares: Sequence[float], rng: random.Random
) -> dict[str, float]:
    """Pace exponents: two big departments lag, two or three run ahead, the rest near 1."""
    paces = {name: 0.9 + 0.25 * rng.random() for name in names}
    big = sorted(names, key=lambda n: -shares[names.index(n)])[:8]
    laggards = rng.sample(big, min(2, len(big)))
    others = [n for n in names if n not in laggards]
    ahead = rng.sample(others, min(3, len(others)))
    for name, pace in zip(laggards, (0.55, 0.7), strict=False):
        paces[name] = pace
    for name in ahead:
        paces[name] = 1.3 + 0.2 * rng.random()
    return paces


def _expected_table(start: date, cls: int, days: Sequence[date], first: int) -> list[date | None]:
    """Expected close dates: month ends and the 06-30 / 09-15 targets attract them; 10 % None."""
    y = start.year
    items: list[date | None] = []
    weights: list[float] = []
    peaks = {date(y, 6, 30): (80, 120, 250)[cls], date(y, 9, 15): 60, date(y, 12, 31): 40}
    for o in range(start.toordinal() - 45, date(y, 12, 31).toordinal() + 1):
        d = days[o - first]
        w = 1.0 if d.weekday() < 5 else 0.2
        if (d + _ONE_DAY).day == 1:  # a month end
            w += 25
        items.append(d)
        weights.append(w + peaks.get(d, 0))
    items.append(None)
    weights.append(sum(weights) / 9)
    return pools.table(items, weights)


def _spread(rng: random.Random, n: int, weights: Sequence[float]) -> list[int]:
    """How many of ``n`` cases fall on each day, drawn by ``weights``."""
    table = pools.table(range(len(weights)), weights, 1 << 16)
    counts = [0] * len(weights)
    bits = rng.getrandbits
    for _ in range(n):
        counts[table[bits(16)]] += 1
    return counts


def _filing_weight(d: date, age: int) -> float:
    # Gamma(2, 150 days) for the bulk plus a flat tail to six years; few filings at weekends
    # and in the last days of December (courts slow registration at year end).
    bulk = 0.9 * age / 150**2 * math.exp(-age / 150)
    w = bulk + 0.1 / _MAX_AGE_DAYS
    if d.weekday() >= 5:
        w *= 0.08
    elif d.month == 12 and d.day >= 20:
        w *= 0.5
    return w


def generate_cases(
    court: SynthCourt, scale: str | int, seed: int = 1, *, as_of: date
) -> Iterator[dict[str, object]]:
    """``scale`` backlog cases, then ~8 % cases filed in ``as_of.year``; see the module doc.

    Backlog cases come in filing-date order, numbers rising with the date within each
    (year, type). Raises ValueError for an unknown scale, a campaign year before 2017 or a
    department without judges.
    """
    n = _scale_count(scale)
    y = as_of.year
    if y < 2017:
        raise ValueError("campaign year must be 2017 or later (post-2016 case numbers only)")
    rng = random.Random(f"backlog-desk/cases/{seed}")
    start = date(y, 3, 30)
    cutoff = date(y - 1, 12, 31).toordinal()
    year_end = date(y, 12, 31).toordinal()
    first = max(_FIRST_ORDINAL, cutoff - _MAX_AGE_DAYS)
    days = [date.fromordinal(o) for o in range(first, year_end + 1)]
    filing_counts = _spread(
        rng, n, [_filing_weight(days[o - first], cutoff - o) for o in range(first, cutoff + 1)]
    )
    parties = pools.party_pools(rng)
    specs = {s[0]: s for s in pools.DEPARTMENT_SPECS}
    names = [d.name for d in court.departments]
    shares = [specs[nm][1] if nm in specs else 1.0 for nm in names]
    paces = _department_paces(names, shares, rng)
    last_offset = year_end - start.toordinal()
    type_index: dict[str, int] = {}
    measures = {k: pools.text_table(v, 0.35) for k, v in pools.MEASURES.items()}
    manners = {
        k: pools.table([m for m, _ in v], [w for _, w in v])
        for k, v in pools.CLOSE_MANNERS_BY_TYPE.items()
    }
    no_procedure = [""] * _T
    # profiles[cls] = tuples of everything a case of (department, type, cause) needs.
    profiles: list[list[tuple[Any, ...]]] = [[], [], []]
    weights: list[list[float]] = [[], [], []]
    reason_tables = {(f, c): pools.reason_table(f, c) for f in pools.REASONS for c in range(3)}
    for dept, share in zip(court.departments, shares, strict=True):
        staff = [
            (p.name, 0.3 if p.role == "head" else 0.5 + rng.random())
            for p in court.people
            if p.department == dept.name and p.role in ("judge", "head")
        ]
        if not staff:
            raise ValueError(f"department {dept.name} has no judges")
        judges = pools.table([s[0] for s in staff], [s[1] for s in staff])
        spec_types = (
            specs[dept.name][3]
            if dept.name in specs
            else tuple(
                (tc, 1.0, pools.DEFAULT_CAUSES.get(tc, (("其他纠纷", 1.0),)))
                for tc in dept.type_codes
            )
        )
        types = [t for t in spec_types if t[0] in dept.type_codes]
        type_total = sum(t[1] for t in types)
        for cls in range(3):
            leader = court.president if cls == 2 else dept.leader
            closing = tuple(
                _closing_table(paces[dept.name] * _CLASS_PACE[cls] * lp, start, last_offset)
                for lp in _LAWFUL_PACE
            )
            for tc, tw, causes in types:
                ti = type_index.setdefault(tc, len(type_index))
                family = pools.REASON_FAMILY.get(tc, "civil")
                procedure = pools.procedure_table(dept.name, cls) if tc == "民初" else no_procedure
                cause_total = sum(c[1] for c in causes)
                for cause, cw in causes:
                    if tc == "刑初":
                        shape = (
                            "",
                            parties["anon"],
                            "",
                            parties["accomplices"],
                            cause.removesuffix("罪") + "案",
                        )
                    else:
                        pre, mid, suf = pools.TITLE_SHAPES.get(tc, ("", "诉", ""))
                        a, b = pools.CAUSE_PARTIES.get(cause, ("person", "persons"))
                        shape = (pre, parties[a], mid, parties[b], cause + suf)
                    profiles[cls].append(
                        (
                            dept.name,
                            ti,
                            tc,
                            cause,
                            *shape,
                            judges,
                            leader,
                            procedure,
                            reason_tables[family, cls],
                            closing,
                            manners.get(tc, manners["民初"]),
                            measures["enforce" if family == "enforce" else "trial"],
                        )
                    )
                    age = pools.TYPE_AGE_FACTORS.get(tc, (1.0, 1.0, 1.0))[cls]
                    weights[cls].append(share * tw / type_total * cw / cause_total * age)
    lookups = [
        pools.table(range(len(p)), w, _PROFILE_T) for p, w in zip(profiles, weights, strict=True)
    ]
    expected = [_expected_table(start, c, days, first) for c in range(3)]
    notes = pools.text_table(pools.NOTES, 0.96)
    scale_factor = min(1.0, 3000 / n)  # sparse numbers for small courts, dense for L
    gaps = [int(g * scale_factor) for g in (10, 50, 200)]  # max extra step per case
    new_weights = [
        1.0 if days[o - first].weekday() < 5 else 0.08
        for o in range(cutoff + 1, as_of.toordinal() + 1)
    ]
    new_counts = _spread(rng, round(n * NEW_CASE_SHARE), new_weights)
    return _emit(
        rng,
        court.code,
        y,
        days,
        first,
        filing_counts,
        new_counts,
        profiles,
        lookups,
        expected,
        notes,
        gaps,
        len(type_index),
        start.toordinal(),
        as_of.toordinal(),
    )


def _emit(
    rng: random.Random,
    code: str,
    campaign_year: int,
    days: list[date],
    first: int,
    filing_counts: list[int],
    new_counts: list[int],
    profiles: list[list[tuple[Any, ...]]],
    lookups: list[list[int]],
    expected: list[list[date | None]],
    notes: list[str],
    gaps: list[int],
    n_types: int,
    start: int,
    as_of: int,
) -> Iterator[dict[str, object]]:
    # The hot loop. Four 30-bit draws per case, sliced into table indexes (10 bits each, 13
    # for the profile): a third of the cost of one random() call per choice. Locals only.
    bits = rng.getrandbits
    asof_off = as_of - start
    start_idx = start - first
    year = 0
    counters = [0] * n_types
    profs, lookup, exp_t, gap, prefix = profiles[0], lookups[0], expected[0], 0, ""
    for idx, count in enumerate(filing_counts):
        if not count:
            continue
        filed = days[idx]
        if filed.year != year:
            year = filed.year
            cls = min(2, campaign_year - 1 - year)
            profs, lookup, exp_t, gap = profiles[cls], lookups[cls], expected[cls], gaps[cls]
            prefix = f"（{year}）{code}"
            counters = [0] * n_types
        for _ in range(count):
            x1, x2, x3, x4 = bits(30), bits(30), bits(30), bits(30)
            (
                dept,
                ti,
                tc,
                cause,
                pre,
                a,
                mid,
                b,
                tail,
                judges,
                leader,
                procs,
                reasons,
                closing,
                manners,
                measures,
            ) = profs[lookup[x1 & 8191]]
            number = counters[ti] + 1 + ((x1 >> 23) * gap >> 7)
            counters[ti] = number
            category, reason, lawful = reasons[x2 & 1023]
            off = closing[lawful][x1 >> 13 & 1023]
            if 0 <= off <= asof_off:
                status, closed, manner = CLOSED, days[start_idx + off], manners[x2 >> 10 & 1023]
            else:
                status, closed, manner = OPEN, None, ""
            yield {
                "case_number": prefix + tc + str(number) + "号",
                "title": pre + a[x4 & 1023] + mid + b[x4 >> 10 & 1023] + tail,
                "cause": cause,
                "type_code": tc,
                "filing_date": filed,
                "department": dept,
                "judge": judges[x3 & 1023],
                "leader": leader,
                "procedure": procs[x3 >> 10 & 1023],
                "reason_category": category,
                "reason": reason,
                "expected_close_date": exp_t[x2 >> 20],
                "measures": measures[x3 >> 20],
                "status": status,
                "closed_date": closed,
                "close_manner": manner,
                "notes": notes[x4 >> 20],
            }
    # Cases filed in the campaign year: no leader or reason yet; those closed were closed on a
    # working day after the campaign start (the ledger covers the campaign period only).
    profs, lookup = profiles[0], lookups[0]
    prefix = f"（{campaign_year}）{code}"
    counters = [0] * n_types
    new_first = date(campaign_year, 1, 1).toordinal() - first
    last = as_of - first
    workdays = [i for i in range(start_idx, last + 1) if days[i].weekday() < 5]
    for idx, count in enumerate(new_counts):
        if not count:
            continue
        day = new_first + idx
        filed = days[day]
        lo = bisect_left(workdays, day + 7)
        span = len(workdays) - lo
        chance = int(1024 * min(0.45, (last - day) / 400))  # out of 1024
        for _ in range(count):
            x1, x2, x3, x4 = bits(30), bits(30), bits(30), bits(30)
            (
                dept,
                ti,
                tc,
                cause,
                pre,
                a,
                mid,
                b,
                tail,
                judges,
                _leader,
                procs,
                _reasons,
                _closing,
                manners,
                _measures,
            ) = profs[lookup[x1 & 8191]]
            number = counters[ti] + 1 + ((x1 >> 23) * gaps[0] >> 7)
            counters[ti] = number
            if span > 0 and (x2 & 1023) < chance:
                status, closed = CLOSED, days[workdays[lo + ((x2 >> 10) * span >> 20)]]
                manner = manners[x3 >> 20]
            else:
                status, closed, manner = OPEN, None, ""
            yield {
                "case_number": prefix + tc + str(number) + "号",
                "title": pre + a[x4 & 1023] + mid + b[x4 >> 10 & 1023] + tail,
                "cause": cause,
                "type_code": tc,
                "filing_date": filed,
                "department": dept,
                "judge": judges[x3 & 1023],
                "leader": "",
                "procedure": procs[x3 >> 10 & 1023],
                "reason_category": "",
                "reason": "",
                "expected_close_date": None,
                "measures": "",
                "status": status,
                "closed_date": closed,
                "close_manner": manner,
                "notes": "",
            }


# The export writer lives in synthetic_export.py; re-exported for callers of this module.
from .synthetic_export import (  # noqa: E402
    EXPORT_HEADERS,
    MESSY_HEADER_SYNONYMS,
    write_case_system_export,
)
