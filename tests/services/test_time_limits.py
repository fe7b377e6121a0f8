"""Recording 审限 events, one case's status, and the deadline list, on every database target."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from backlog_desk import cli
from backlog_desk.domain.time_limit_rules import days, months
from backlog_desk.domain.time_limits import LimitState
from backlog_desk.domain.time_limits_events import (
    Deduction,
    Event,
    Extension,
    ProcedureChange,
    Suspension,
)
from backlog_desk.services import time_limits as tl
from backlog_desk.services.errors import InvalidValue, PermissionDenied
from backlog_desk.store.database import Database
from backlog_desk.store.models import AuditEntry, TimeLimitEvent

from .conftest import AUDIT, CLERK, LEADER, audit_count

OLD = "（2019）吉0105民初11号"      # 民一庭, filed 2019-05-06, open
RECENT = "（2026）吉0105民初1号"    # 民一庭, filed 2026-01-05, open
MID = "（2025）吉0105民初44号"      # 民一庭, filed 2025-06-30, open
ENFORCEMENT = "（2024）吉0105执200号"  # 执行局, closed 2026-06-30
TODAY = dt.date(2026, 7, 15)


def _event_count(db: Database) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(TimeLimitEvent)).scalar_one())


def test_every_kind_is_stored_and_read_back(ledger: Database) -> None:
    events: list[Event] = [
        ProcedureChange(dt.date(2026, 1, 20), "普通程序", "简易程序", "案情复杂"),
        Deduction(dt.date(2026, 2, 1), dt.date(2026, 3, 1), "鉴定", "庭长"),
        Suspension(dt.date(2026, 3, 10), None, "等待另案结果"),
        Extension(dt.date(2026, 6, 20), months(6), "本院院长", False, "需补充调查"),
        Extension(dt.date(2026, 6, 21), days(30), "上级法院", True),
    ]
    for e in events:
        tl.add_event(ledger, AUDIT, RECENT, e, source="test", today=TODAY)
    assert tl.case_events(ledger, RECENT) == events


def test_adding_an_event_writes_the_audit_log_in_the_same_transaction(ledger: Database) -> None:
    before = audit_count(ledger)
    key = tl.add_event(ledger, CLERK, RECENT, Deduction(dt.date(2026, 2, 1),
                                                         dt.date(2026, 3, 1), "鉴定"),
                       source="gui", today=TODAY)
    assert audit_count(ledger) == before + 1
    with ledger.read() as s:
        entry = s.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
    assert (entry.actor, entry.action, entry.entity, entry.field, entry.source) == (
        "李娜", "add", "time_limit_event", "deduction", "gui")
    assert json.loads(entry.new_value or "{}") == {
        "uuid": key, "kind": "deduction", "start_date": "2026-02-01",
        "end_date": "2026-03-01", "reason": "鉴定"}


def test_impossible_event_is_refused_and_nothing_written(ledger: Database) -> None:
    tl.add_event(ledger, AUDIT, RECENT, Deduction(dt.date(2026, 2, 1), None, "公告"),
                 today=TODAY)
    events, audits = _event_count(ledger), audit_count(ledger)
    with pytest.raises(InvalidValue, match="期间重叠"):
        tl.add_event(ledger, AUDIT, RECENT, Deduction(dt.date(2026, 3, 1),
                                                      dt.date(2026, 3, 9), "鉴定"), today=TODAY)
    with pytest.raises(InvalidValue, match="早于立案日期"):
        tl.add_event(ledger, AUDIT, RECENT, Suspension(dt.date(2025, 12, 1), None, "中止"),
                     today=TODAY)
    with pytest.raises(InvalidValue, match="须经上级法院批准"):
        tl.add_event(ledger, AUDIT, RECENT, Extension(dt.date(2026, 6, 1), months(9),
                                                      "本院院长"), today=TODAY)
    with pytest.raises(InvalidValue, match="将来的日期"):
        tl.add_event(ledger, AUDIT, RECENT, Extension(dt.date(2026, 8, 1), months(1)),
                     today=TODAY)
    assert (_event_count(ledger), audit_count(ledger)) == (events, audits)


def test_who_may_record_events(ledger: Database) -> None:
    ded = Deduction(dt.date(2024, 5, 1), dt.date(2024, 5, 9), "鉴定")
    with pytest.raises(PermissionDenied, match="belongs to 执行局"):
        tl.add_event(ledger, CLERK, ENFORCEMENT, ded, today=TODAY)
    with pytest.raises(PermissionDenied, match="read-only"):
        tl.add_event(ledger, LEADER, OLD, ded, today=TODAY)
    assert _event_count(ledger) == 0
    tl.add_event(ledger, AUDIT, ENFORCEMENT, ded, today=TODAY)
    assert _event_count(ledger) == 1


def test_case_status_shows_steps_and_flags(ledger: Database) -> None:
    # filed 2026-01-05: base deadline 2026-07-05; 28 days deducted -> 2026-08-02
    tl.add_event(ledger, AUDIT, RECENT, Deduction(dt.date(2026, 2, 1), dt.date(2026, 3, 1),
                                                  "鉴定"), today=TODAY)
    tl.add_event(ledger, AUDIT, RECENT, Suspension(dt.date(2026, 3, 1), None, "等待另案结果"),
                 today=TODAY)
    result = tl.case_limit_status(ledger, "(2026)吉0105民初1号", dt.date(2026, 9, 1))
    st = result.status
    assert st.deadline == dt.date(2026, 7, 5) + dt.timedelta(days=28 + 184)
    assert st.clock_stopped and st.state is LimitState.WITHIN
    assert st.steps[0].startswith("案件类型“民初”")
    assert [f.code for f in result.flags] == ["suspension_open"]
    with pytest.raises(InvalidValue, match="filed on"):
        tl.case_limit_status(ledger, RECENT, dt.date(2025, 1, 1))


def test_closed_case_status_is_taken_on_its_closing_date(ledger: Database) -> None:
    # filed 2024-03-03, closed 2026-06-30: long over its six months when it closed
    result = tl.case_limit_status(ledger, ENFORCEMENT, dt.date(2026, 9, 1))
    assert result.status.as_of == dt.date(2026, 6, 30)
    assert result.status.deadline == dt.date(2024, 9, 3)
    assert result.status.days_left == -(dt.date(2026, 6, 30) - dt.date(2024, 9, 3)).days


def test_deadline_list_for_open_cases_most_urgent_first(ledger: Database) -> None:
    tl.add_event(ledger, AUDIT, RECENT, Extension(dt.date(2026, 6, 20), months(6), "本院院长"),
                 today=TODAY)
    result = tl.deadlines(ledger, dt.date(2026, 6, 1))
    numbers = [r.case_number for r in result.rows]
    # open on 2026-06-01: the two old open cases, the recent one, and cases closed later
    assert set(numbers) == {OLD, MID, RECENT, "（2022）吉0105民初33号", ENFORCEMENT,
                            "（2025）吉0105刑初5号"}
    assert numbers[0] == "（2019）吉0105民初11号"  # the most days over first
    mid = next(r for r in result.rows if r.case_number == MID)
    # filed 2025-06-30 (a month end): six months end on 2025-12-31
    assert (mid.deadline, mid.days_left, mid.state) == (dt.date(2025, 12, 31), -152,
                                                        LimitState.OVER)
    recent = next(r for r in result.rows if r.case_number == RECENT)
    # the extension was decided after 2026-06-01: not yet counted; 147 of 181 days used
    assert (recent.deadline, recent.state) == (dt.date(2026, 7, 5), LimitState.APPROACHING)
    assert result.counts == {"over": 5, "approaching": 1}
    later = tl.deadlines(ledger, dt.date(2026, 7, 1))
    recent = next(r for r in later.rows if r.case_number == RECENT)
    assert recent.deadline == dt.date(2027, 1, 5)
    assert ENFORCEMENT not in {r.case_number for r in later.rows}  # closed 2026-06-30


@contextmanager
def _count_selects(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def test_deadline_list_queries_do_not_grow_with_cases(ledger: Database) -> None:
    tl.add_event(ledger, AUDIT, OLD, Deduction(dt.date(2026, 2, 1), None, "公告"), today=TODAY)
    with _count_selects(ledger) as first:
        tl.deadlines(ledger, TODAY)
    for number in (RECENT, MID):
        tl.add_event(ledger, AUDIT, number, Deduction(dt.date(2026, 2, 1), None, "公告"),
                     today=TODAY)
    with _count_selects(ledger) as seen:
        result = tl.deadlines(ledger, TODAY)
    # cases, their events, and small lookups (names, the rules in force): never one per case
    assert len(seen) == len(first) <= 6
    assert sum(1 for r in result.rows if r.clock_stopped) == 3
    assert any(f.code == "deduction_open" for r in result.rows for f in r.flags)


def test_cli_deadlines_json(ledger: Database, capsys: pytest.CaptureFixture[str]) -> None:
    if ledger.path is None:
        pytest.skip("the command line test needs a file")
    tl.add_event(ledger, AUDIT, RECENT, Suspension(dt.date(2026, 1, 10), None, "等待另案"),
                 today=TODAY)
    code = cli.main(["deadlines", str(Path(ledger.path)), "--as-of", "2026-07-15", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and doc["as_of"] == "2026-07-15"
    assert doc["open_cases"] == 4 and doc["flagged"] == 1
    flagged = next(c for c in doc["cases"] if c["case_number"] == RECENT)
    assert flagged["state"] == "within" and flagged["clock_stopped"]
    assert flagged["flags"][0]["code"] == "suspension_open"
    assert all(c["state"] in ("over", "approaching") or c["flags"] for c in doc["cases"])
    assert cli.main(["deadlines", str(ledger.path), "--as-of", "2026-13-45"]) == 2
