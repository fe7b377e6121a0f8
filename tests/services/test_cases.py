"""Changing a case: validation, permissions, audit, one transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from backlog_desk.services import cases
from backlog_desk.services.errors import InvalidValue, NotFound, PermissionDenied
from backlog_desk.store.database import Database
from backlog_desk.store.models import AuditEntry

from .conftest import AUDIT, CLERK, LEADER, audit_count

TODAY = dt.date(2026, 7, 15)
NUM = "（2019）吉0105民初11号"


def test_department_clerk_updates_owned_fields_and_the_audit_log_names_them(
        ledger: Database) -> None:
    done = cases.update_case(ledger, CLERK, "(2019)吉0105民初11号",
                             {"reason": "等待鉴定结论", "expected_close_date": "2026.8.31",
                              "reason_category": "鉴定评估"}, source="cli", today=TODAY)
    assert {(c.field, c.old, c.new) for c in done} == {
        ("reason", "", "等待鉴定结论"), ("expected_close_date", "", "2026-08-31"),
        ("reason_category", "", "appraisal")}
    view = cases.get_case(ledger, NUM)
    assert view.expected_close_date == dt.date(2026, 8, 31)
    assert view.reason_category == "appraisal"
    with ledger.read() as s:
        entries = s.execute(select(AuditEntry).where(AuditEntry.entity == "case")).scalars().all()
    assert {(e.actor, e.field, e.new_value, e.source) for e in entries} == {
        ("李娜", "reason", "等待鉴定结论", "cli"),
        ("李娜", "expected_close_date", "2026-08-31", "cli"),
        ("李娜", "reason_category", "appraisal", "cli")}


def test_one_bad_value_refuses_the_whole_change(ledger: Database) -> None:
    before, entries = cases.get_case(ledger, NUM), audit_count(ledger)
    with pytest.raises(InvalidValue, match="expected_close_date") as err:
        cases.update_case(ledger, CLERK, NUM, {"reason": "新原因",
                                               "expected_close_date": "2026-13-45"}, today=TODAY)
    assert err.value.field == "expected_close_date"
    assert cases.get_case(ledger, NUM) == before
    assert audit_count(ledger) == entries


@pytest.mark.parametrize(("changes", "field"), [
    ({"status": "maybe"}, "status"),
    ({"reason_category": "bribery"}, "reason_category"),
    ({"close_manner": "丢失"}, "close_manner"),
    ({"closed_date": "2027-01-01"}, "closed_date"),          # in the future
    ({"closed_date": "2019-01-01"}, "closed_date"),          # before filing
    ({"status": "closed"}, "closed_date"),                    # closed needs a date
    ({"expected_close_date": "2018-12-31"}, "expected_close_date"),
    ({"filing_date": "2020-01-01"}, "filing_date"),           # identity, not settable
    ({"colour": "red"}, "colour"),
    ({"reason": "长" * 2001}, "reason"),
])
def test_invalid_values_are_refused_naming_the_field(ledger: Database, changes: dict[str, str],
                                                     field: str) -> None:
    with pytest.raises(InvalidValue) as err:
        cases.update_case(ledger, AUDIT, NUM, changes, today=TODAY)
    assert err.value.field == field


def test_closing_and_reopening(ledger: Database) -> None:
    cases.update_case(ledger, CLERK, NUM, {"closed_date": "2026年7月1日",
                                           "close_manner": "调解"}, today=TODAY)
    view = cases.get_case(ledger, NUM)
    assert (view.status, view.closed_date, view.close_manner) == (
        "closed", dt.date(2026, 7, 1), "调解")
    cases.update_case(ledger, CLERK, NUM, {"status": "未结"}, today=TODAY)
    view = cases.get_case(ledger, NUM)
    assert (view.status, view.closed_date, view.close_manner) == ("open", None, "")


def test_permissions_are_enforced_in_the_service(ledger: Database) -> None:
    with pytest.raises(PermissionDenied, match="执行局"):
        cases.update_case(ledger, CLERK, "（2021）吉0105执100号", {"notes": "x"}, today=TODAY)
    with pytest.raises(PermissionDenied, match="audit office"):
        cases.update_case(ledger, CLERK, NUM, {"judge": "王五"}, today=TODAY)
    with pytest.raises(PermissionDenied, match="read-only"):
        cases.update_case(ledger, LEADER, NUM, {"notes": "x"}, today=TODAY)
    # The audit office reassigns; a new judge is created on first use.
    cases.update_case(ledger, AUDIT, NUM, {"judge": "王　五", "department": "民二庭"},
                      today=TODAY)
    view = cases.get_case(ledger, NUM)
    assert (view.judge, view.department) == ("王五", "民二庭")


def test_unknown_case_and_bad_number(ledger: Database) -> None:
    with pytest.raises(NotFound):
        cases.update_case(ledger, AUDIT, "（2019）吉0105民初999号", {"notes": "x"})
    with pytest.raises(InvalidValue, match="no year") as err:
        cases.update_case(ledger, AUDIT, "hello", {"notes": "x"})
    assert err.value.field == "case_number"


def test_unchanged_values_write_nothing(ledger: Database) -> None:
    n = audit_count(ledger)
    assert cases.update_case(ledger, AUDIT, NUM, {"status": "open"}, today=TODAY) == []
    assert audit_count(ledger) == n


def test_list_and_find(ledger: Database) -> None:
    open_mingyi = cases.list_cases(ledger, department="民一庭", status="open")
    assert [c.case_number for c in open_mingyi] == [
        "（2019）吉0105民初11号", "（2025）吉0105民初44号", "（2026）吉0105民初1号"]
    found = cases.find_cases(ledger, "(2022)吉0105民初３３")
    assert [c.case_number for c in found] == ["（2022）吉0105民初33号"]
    assert [c.case_number for c in cases.find_cases(ledger, "案件4")] == ["（2021）吉0105执100号"]
