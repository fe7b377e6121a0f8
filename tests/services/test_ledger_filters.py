"""The ledger's age-bucket, overdue and no-reason filters, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from backlog_desk.domain.ages import DEFAULT_AGE_BUCKETS
from backlog_desk.services import cases
from backlog_desk.services.errors import InvalidValue
from backlog_desk.services.ledger_view import AGE_BUCKET_KEYS, LedgerQuery
from backlog_desk.store.database import Database

from .conftest import AUDIT, KNOWN_CASES

TODAY = dt.date(2026, 7, 15)
REFERENCE = dt.date(2026, 12, 31)


def numbers(q: LedgerQuery) -> set[str]:
    return {r.case_number for r in q.rows(list(q.ids())).values()}


def test_age_buckets_partition_the_ledger_as_the_domain_does(ledger: Database) -> None:
    base = LedgerQuery(ledger, reference_date=REFERENCE, today=TODAY)
    seen: set[str] = set()
    for key in AGE_BUCKET_KEYS:
        q = base.with_filters(age_bucket=key)
        expected = {c.case_number for c in cases.list_cases(ledger)
                    if DEFAULT_AGE_BUCKETS.bucket_for(c.filing_date, REFERENCE).key == key}
        assert numbers(q) == expected and q.count() == len(expected)
        seen |= expected
    assert len(seen) == len(KNOWN_CASES)
    with pytest.raises(InvalidValue):
        base.with_filters(age_bucket="ancient")


def test_overdue_and_no_reason(ledger: Database) -> None:
    late, fine = "（2019）吉0105民初11号", "（2025）吉0105民初44号"
    cases.update_case(ledger, AUDIT, late, {"expected_close_date": "2026-07-01"}, today=TODAY)
    cases.update_case(ledger, AUDIT, fine, {"expected_close_date": "2026-07-15",
                                            "reason_category": "鉴定评估"}, today=TODAY)
    # A closed case with a passed date is not overdue.
    cases.update_case(ledger, AUDIT, "（2020）吉0105民初22号",
                      {"expected_close_date": "2026-01-01"}, today=TODAY)
    base = LedgerQuery(ledger, today=TODAY)
    overdue = base.with_filters(overdue=True)
    assert numbers(overdue) == {late} and overdue.count() == 1
    no_reason = base.with_filters(no_reason=True)
    expected = {c.case_number for c in cases.list_cases(ledger, status="open")
                if not c.reason and not c.reason_category}
    assert fine not in expected and late in expected
    assert numbers(no_reason) == expected
    both = base.with_filters(department="民一庭", overdue=True, no_reason=True)
    assert numbers(both) == {late} and both.is_filtered
