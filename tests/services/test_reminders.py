"""Reminders, promised dates from the audit log, the leaders' view, enforcement categories and
the refiling flags, through the services and the command line, on every database target."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from backlog_desk import cli
from backlog_desk.services import cases as case_service
from backlog_desk.services import time_limits as tl
from backlog_desk.services.directory import Directory
from backlog_desk.services.errors import InvalidValue, PermissionDenied
from backlog_desk.services.leaders import (
    assign_suggested_leaders,
    enforcement_cases,
    leader_suggestions,
    per_group,
    tag_cases,
)
from backlog_desk.services.reminders import promise_report, reminders
from backlog_desk.store.database import Database
from backlog_desk.store.models import Case, Person

from .conftest import AUDIT, CLERK, audit_count

D = dt.date
OLD = "（2019）吉0105民初11号"      # 民一庭 张伟, filed 2019-05-06, open
MID = "（2025）吉0105民初44号"      # 民一庭 刘洋, filed 2025-06-30, open
RECENT = "（2026）吉0105民初1号"    # 民一庭 刘洋, filed 2026-01-05, open
CRIMINAL = "（2025）吉0105刑初5号"  # 刑事审判庭 孙丽, filed 2025-11-11, open


def _add(db: Database, number: str, filed: dt.date, *, title: str, type_code: str = "民初",
         status: str = "open", closed: dt.date | None = None, manner: str = "",
         dept: str = "民一庭", judge: str = "张伟") -> None:
    now = dt.datetime(2026, 3, 1, 9)
    with db.session() as s:
        d = Directory(s)
        s.execute(insert(Case).values(
            uuid=str(uuid.uuid4()), case_number=number, case_number_raw=number,
            year=int(number[1:5]), court_code="吉0105", type_code=type_code, family="",
            title=title, filing_date=filed, department_id=d.department_id(dept),
            judge_id=d.person_id(judge, "judge", dept), status=status, closed_date=closed,
            close_manner=manner, created_at=now, updated_at=now, source="test"))


def test_reminders_of_the_week(ledger: Database) -> None:
    case_service.update_case(ledger, AUDIT, OLD, {"expected_close_date": "2026-06-30"})
    # RECENT (filed 2026-01-05, ordinary 6 months) reaches its limit on 2026-07-05
    items, counts = reminders(ledger, D(2026, 7, 1))
    by_case = {c.case_number: [str(r.kind) for r in c.items] for c in items}
    assert by_case[RECENT] == ["limit_due"]
    assert by_case[OLD] == ["promise_passed"]
    # MID completes 12 months on 2026-06-30: passed; CRIMINAL a year old on 2026-11-11
    assert by_case[CRIMINAL] == ["year_end"]
    assert MID not in by_case
    assert counts == {"limit_due": 1, "age_mark": 0, "promise_passed": 1, "year_end": 1}
    # four months of MID's successor: a case filed 2026-03-03 completes 4 months on 07-03
    _add(ledger, "（2026）吉0105民初50号", D(2026, 3, 3), title="甲诉乙")
    items, counts = reminders(ledger, D(2026, 7, 1), department="民一庭")
    new = next(c for c in items if c.case_number == "（2026）吉0105民初50号")
    assert (str(new.items[0].kind), new.items[0].due) == ("age_mark", D(2026, 7, 3))
    assert all(c.department == "民一庭" for c in items)


def test_reminder_settings_come_from_the_rules(ledger: Database) -> None:
    from backlog_desk.services.time_limit_rules import set_rule

    set_rule(ledger, AUDIT, "reminder.window_days", "30", "月督办", effective_from=D(2026, 1, 1))
    items, _ = reminders(ledger, D(2026, 6, 10))
    assert RECENT in {c.case_number for c in items}      # due 07-05, 25 days ahead


def test_promises_missed_and_moved_from_the_audit_log(ledger: Database) -> None:
    # The audit log stamps edits with the real clock, so the promises lie far ahead of it.
    case_service.update_case(ledger, AUDIT, OLD, {"expected_close_date": "2099-03-31"})
    case_service.update_case(ledger, AUDIT, OLD, {"expected_close_date": "2099-09-30"})
    case_service.update_case(ledger, AUDIT, MID, {"expected_close_date": "2099-12-31"})
    report = promise_report(ledger, D(2099, 1, 1))
    old = report.cases[OLD]
    # the first promise was moved by 183 days before its day came
    assert (old.promises, old.moved, old.moved_days, old.missed) == (2, 1, 183, 0)
    later = promise_report(ledger, D(2099, 10, 10))
    assert (later.cases[OLD].missed, later.cases[OLD].missed_days) == (1, 10)
    assert later.by_judge["张伟"].missed == 1 and later.by_judge["刘洋"].missed == 0
    assert later.by_department["民一庭"].moved_days == 183
    assert later.as_json()["cases"][OLD]["moved"] == 1
    with pytest.raises(InvalidValue):
        promise_report(ledger, D(2099, 1, 1), case_number=CRIMINAL)


def test_leaders_view_per_judge_and_leader(ledger: Database) -> None:
    lines = {x.name: x for x in per_group(ledger, "judge", D(2026, 7, 15))}
    assert set(lines) == {"张伟", "刘洋", "赵敏", "孙丽"}
    assert lines["刘洋"].open_cases == 2
    # ranks follow the campaign's rule; judges without baseline cases are unranked
    ranks = sorted((x.rank or 99) for x in lines.values())
    assert ranks[0] == 1
    with pytest.raises(InvalidValue):
        per_group(ledger, "department")


def test_baobao_leaders_suggested_and_assigned(ledger: Database) -> None:
    with ledger.session() as s:
        d = Directory(s)
        d.person_id("苏洪涛", "president", None)
        vice = d.person_id("才巨伟", "vice_president", None)
        from backlog_desk.store.models import Department
        s.execute(Department.__table__.update().values(leader_id=vice))
    suggestions = {x.case_number: x for x in leader_suggestions(ledger, D(2026, 12, 31))}
    assert suggestions[OLD].level.value == "院长" and suggestions[OLD].suggested == "苏洪涛"
    assert suggestions[MID].level.value == "分管院长" and suggestions[MID].suggested == "才巨伟"
    assert RECENT not in suggestions
    with pytest.raises(PermissionDenied):
        assign_suggested_leaders(ledger, CLERK, D(2026, 12, 31))
    n = audit_count(ledger)
    done = assign_suggested_leaders(ledger, AUDIT, D(2026, 12, 31))
    assert done >= 2 and audit_count(ledger) == n + done
    assert case_service.get_case(ledger, OLD).leader == "苏洪涛"
    assert leader_suggestions(ledger, D(2026, 12, 31)) == []
    lines = {x.name: x for x in per_group(ledger, "leader", D(2026, 7, 15))}
    assert lines["苏洪涛"].open_cases >= 1


def test_enforcement_categories_tag_and_filter(ledger: Database) -> None:
    _add(ledger, "（2024）吉0105执300号", D(2024, 5, 5), title="申请执行人甲与被执行人乙",
         type_code="执", dept="执行局", judge="赵敏")
    _add(ledger, "（2026）吉0105执1号", D(2026, 3, 1), title="申请执行人丙与被执行人丁",
         type_code="执", dept="执行局", judge="赵敏")
    n = tag_cases(ledger, AUDIT, ["（2026）吉0105执1号"], "migrant_wages")
    assert n == 1
    assert tag_cases(ledger, AUDIT, ["（2026）吉0105执1号"], "migrant_wages") == 0  # already
    wages = enforcement_cases(ledger, "migrant_wages", D(2026, 7, 15))
    assert [c["case_number"] for c in wages] == ["（2026）吉0105执1号"]
    assert wages[0]["labels"] == ["拖欠农民工工资和工程款"]
    old = enforcement_cases(ledger, "over_one_year", D(2026, 7, 15))
    assert [c["case_number"] for c in old] == ["（2024）吉0105执300号"]
    with pytest.raises(InvalidValue, match="not an enforcement case"):
        tag_cases(ledger, AUDIT, [OLD], "traffic_accident")
    with pytest.raises(InvalidValue, match="unknown category"):
        tag_cases(ledger, AUDIT, ["（2026）吉0105执1号"], "vip")
    assert tag_cases(ledger, AUDIT, ["（2026）吉0105执1号"], "migrant_wages", remove=True) == 1
    assert enforcement_cases(ledger, "migrant_wages", D(2026, 7, 15)) == []


def test_withdrawn_and_refiled_is_flagged(ledger: Database) -> None:
    title = "张三诉李四民间借贷纠纷"
    _add(ledger, "（2025）吉0105民初70号", D(2025, 3, 1), title=title, status="closed",
         closed=D(2025, 8, 1), manner="撤诉")
    _add(ledger, "（2025）吉0105民初90号", D(2025, 9, 15), title=title)
    one = tl.case_limit_status(ledger, "（2025）吉0105民初90号", D(2026, 7, 15))
    assert [f.code for f in one.flags] == ["withdrawn_refiled"]
    assert "（2025）吉0105民初70号" in one.flags[0].message and "45日" in one.flags[0].message
    listed = {r.case_number: r for r in tl.deadlines(ledger, D(2026, 7, 15),
                                                     refiling=True).rows}
    assert [f.code for f in listed["（2025）吉0105民初90号"].flags] == ["withdrawn_refiled"]
    assert not listed[OLD].flags
    # without the option the list skips the name lookup
    plain = {r.case_number: r for r in tl.deadlines(ledger, D(2026, 7, 15)).rows}
    assert not plain["（2025）吉0105民初90号"].flags


def test_cli_reminders_promises_leaders(ledger: Database,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    if ledger.path is None:
        pytest.skip("the command line test needs a file")
    db = str(Path(ledger.path))
    assert cli.main(["reminders", db, "--as-of", "2026-07-01", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["counts"]["limit_due"] == 1
    assert any(c["case_number"] == RECENT for c in doc["cases"])
    assert cli.main(["promises", db, "--json"]) == 0
    assert "by_department" in json.loads(capsys.readouterr().out)
    assert cli.main(["leaders", db, "--by", "judge", "--json"]) == 0
    assert {x["name"] for x in json.loads(capsys.readouterr().out)["lines"]} >= {"张伟"}
    assert cli.main(["enforcement", db, "--tag", OLD, "--json"]) == 2
    with ledger.read() as s:
        assert s.execute(select(Person.name).where(Person.name == "张伟")).first()
