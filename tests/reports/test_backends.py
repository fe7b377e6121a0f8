"""Reports, verification and reproduction on every database target (SQLite, PostgreSQL).

The small known ledger of the service tests: its campaign is not frozen, so membership of
the baseline follows the cases' closure dates and a rewound closure can move a case in or
out of it, which the frozen demo never does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from backlog_desk.services.cases import update_case
from backlog_desk.services.demo import create_demo
from backlog_desk.services.imports import import_case_list
from backlog_desk.services.report_verify import verify_report
from backlog_desk.services.reports import KINDS, generate_report, prepare
from backlog_desk.services.setup import init_database
from backlog_desk.services.stats import campaign_stats
from backlog_desk.store.database import Database, open_database
from tests.services.conftest import AUDIT, KNOWN_CASES, add_cases

from .test_verify import check_rewind_mix

D = dt.date(2026, 7, 15)
MADE = dt.datetime(2026, 7, 15, 18, 0)


@pytest.fixture
def ledger(db_target: str | Path) -> Iterator[Database]:
    db = init_database(db_target, AUDIT, court_name="长春市二道区人民法院", court_code="吉0105",
                       role="audit", campaign_year=2026)
    add_cases(db, KNOWN_CASES)
    yield db
    db.dispose()


def _change_after_d(db: Database) -> None:
    # Closed late with a date before D; reopened; a case closed before the campaign reopened
    # (it joins the provisional backlog now, it was not in it on D); a reason written.
    update_case(db, AUDIT, "（2019）吉0105民初11号", {"closed_date": "2026-07-01",
                                                     "close_manner": "判决"}, today=D)
    update_case(db, AUDIT, "（2022）吉0105民初33号", {"status": "open"}, today=D)
    update_case(db, AUDIT, "（2021）吉0105民初9号", {"status": "open"}, today=D)
    update_case(db, AUDIT, "（2025）吉0105刑初5号", {"reason": "等待鉴定结论"}, today=D)


@pytest.mark.parametrize("kind", KINDS)
def test_report_reproduced_and_verified(ledger: Database, tmp_path: Path, kind: str) -> None:
    dept = "民一庭" if kind == "acceptance" else None
    pdf = tmp_path / f"{kind}.pdf"
    made = generate_report(ledger, kind, pdf, user="审管办", as_of=D, department=dept,
                           generated_at=MADE, data_at=dt.datetime.now())
    assert made.pages >= 1
    assert verify_report(ledger, pdf).matches

    _change_after_d(ledger)
    assert prepare(ledger, kind, as_of=D, department=dept).fingerprint == made.fingerprint
    v = verify_report(ledger, pdf)
    assert not v.matches and v.reproduced
    named = {c.case_number for c in v.changes}
    if kind in ("bulletin", "superior"):
        assert {"（2019）吉0105民初11号", "（2022）吉0105民初33号",
                "（2021）吉0105民初9号"} <= named
        added = next(c for c in v.changes if c.case_number == "（2021）吉0105民初9号")
        assert added.change == "added"  # joined the provisional backlog by reopening
    if kind == "acceptance" or kind == "ledger":
        assert "（2019）吉0105民初11号" in named
    if kind == "ledger":
        reason = next(c for c in v.changes if c.case_number == "（2025）吉0105刑初5号")
        assert [(f.field, f.then, f.now) for f in reason.fields if f.field == "reason"] == [
            ("reason", "", "等待鉴定结论")]


def test_rewound_bulletin_figures_equal_stats_before_the_changes(ledger: Database) -> None:
    before = campaign_stats(ledger, as_of=D)
    _change_after_d(ledger)
    assert campaign_stats(ledger, as_of=D).total != before.total  # the changes count now
    data = prepare(ledger, "bulletin", as_of=D).data
    assert data.total == before.total  # type: ignore[union-attr]
    by_name = {d.name: d.tally for d in data.departments}  # type: ignore[union-attr]
    assert by_name == {e.key: e.tally for e in before.departments}


def test_cases_imported_later_are_left_out_of_a_past_report(ledger: Database,
                                                            tmp_path: Path) -> None:
    before = prepare(ledger, "committee", as_of=D)
    export = tmp_path / "未结案件.csv"
    export.write_bytes("案号,案件名称,立案日期,承办部门,承办人\r\n"
                       "（2021）吉0105民初777号,张三诉李四合同纠纷,2021-04-01,民一庭,张伟\r\n"
                       .encode("gbk"))
    assert import_case_list(ledger, AUDIT, export).added == 1
    now = prepare(ledger, "committee", as_of=D, data_at=dt.datetime.now())
    assert "（2021）吉0105民初777号" in {c.case_number for c in now.data.cases}  # type: ignore[union-attr]
    assert prepare(ledger, "committee", as_of=D).fingerprint == before.fingerprint


@pytest.fixture
def demo_on(db_target: str | Path) -> Iterator[Database]:
    """The small demo court (frozen baseline) on each database target."""
    create_demo(db_target, scale=400, seed=1, as_of=D)
    db = open_database(db_target)
    yield db
    db.dispose()


def test_demo_bulletin_equals_stats_and_rewinds(demo_on: Database) -> None:
    stats = campaign_stats(demo_on, as_of=D)
    data = prepare(demo_on, "bulletin", as_of=D).data
    assert data.total == stats.total  # type: ignore[union-attr]
    assert {d.name: d.tally for d in data.departments} == {  # type: ignore[union-attr]
        e.key: e.tally for e in stats.departments}
    check_rewind_mix(demo_on)
