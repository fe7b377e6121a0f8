"""Plain data a report is rendered from.

The service layer fills these in one read transaction; the renderers here never touch the
database (import-linter keeps reports/ below services/), so a report can be re-rendered from
the same data and tested without SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from backlog_desk.domain.rates import Tally, TargetStatus


@dataclass(frozen=True)
class ReportMeta:
    kind: str
    title: str
    court_name: str
    campaign_name: str
    as_of: dt.date
    report_id: str
    generated_at: dt.datetime
    user: str
    fingerprint: str  # full hex; pages print the first 16 digits
    department: str | None = None  # the filter, when one was given
    record: str = ""  # JSON kept in the PDF's document information for verify-report
    # Called with the number of pages laid out so far (the window's progress bar; raising
    # from it, as a cancelled worker does, stops the layout).
    on_page: Callable[[int], None] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class CaseLine:
    """One case as the lists print it."""

    uuid: str
    case_number: str
    title: str
    filing_date: dt.date
    department: str
    judge: str
    reason_category: str  # Chinese label, "" when not given
    lawful: bool | None  # None: no category recorded, so no judgement can be printed
    reason: str
    measures: str
    expected_close_date: dt.date | None
    status: str  # open/closed as of the report date
    closed_date: dt.date | None
    close_manner: str
    committee_date: dt.date | None
    committee_decision: str
    age_months: int  # completed months at the report date


@dataclass(frozen=True)
class DepartmentLine:
    name: str
    tally: Tally
    closed_in_period: int
    rank: int | None
    previous_rank: int | None
    gap: int  # further closures needed to reach the reference target's rate


@dataclass(frozen=True)
class BulletinData:
    period_start: dt.date  # first day of the period ("closed this period" counts from it)
    reference_date: dt.date  # ages are measured to it (the campaign's "by year end")
    total: Tally
    closed_in_period: int
    departments: list[DepartmentLine]
    buckets: list[tuple[str, Tally]]
    targets: list[TargetStatus]
    reference_target: TargetStatus | None  # the target departments are measured against
    burndown: list[tuple[dt.date, int]]  # open baseline cases at the end of each week
    campaign_start: dt.date
    overdue: list[CaseLine]  # expected close date passed, still open (oldest first)
    overdue_total: int  # all of them; the list may be capped to keep the bulletin short
    overdue_by_department: list[tuple[str, int]]


@dataclass(frozen=True)
class CaseListData:
    cases: list[CaseLine]
    min_age_months: int = 0
    status_filter: str | None = None


@dataclass(frozen=True)
class SuperiorData:
    """报市中院审管办: the campaign's figures and the cases still open over a year."""

    figures: BulletinData
    long_open: list[CaseLine]
    president: str
    doc_number: str  # 文号; blank parts are left for the clerk to fill in by hand


@dataclass(frozen=True)
class AcceptanceData:
    """部门验收报告: one department's ledger, figures and open problems."""

    department: str
    tally: Tally
    rank: int | None
    ranked: int  # departments with a rank
    targets: list[TargetStatus]  # measured on this department's cases only
    cases: list[CaseLine]
    manners: list[tuple[str, int]]  # closures by 结案方式
    problems: list[tuple[str, int]]  # (what, how many cases)
    head: str  # 庭长
    leader: str  # 分管院领导
