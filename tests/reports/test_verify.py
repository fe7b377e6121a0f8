"""verify-report and reproducible past reports: a paper's data checked against the ledger."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from backlog_desk import cli
from backlog_desk.domain.ages import DEFAULT_AGE_BUCKETS, age_months
from backlog_desk.domain.ledger import REASON_BY_KEY
from backlog_desk.domain.rates import tally_by_bucket, tally_by_key, total_tally
from backlog_desk.reports.record import read_record
from backlog_desk.services.campaigns import load_active
from backlog_desk.services.cases import list_cases, update_case
from backlog_desk.services.errors import InvalidValue
from backlog_desk.services.report_data import Counts
from backlog_desk.services.report_rewind import Rewind
from backlog_desk.services.reports import KINDS, generate_report, prepare
from backlog_desk.services.stats import count_rows
from backlog_desk.store.database import Database

from .conftest import AS_OF, page_texts
from .test_reports import AUDIT, _baseline_numbers

MADE = dt.datetime(2026, 7, 15, 17, 30)  # a fixed generation time: same id, same footer


def _verify_cli(pdf: Path, db: Database, capsys: pytest.CaptureFixture[str]
                ) -> tuple[int, dict]:  # type: ignore[type-arg]
    assert db.path is not None
    code = cli.main(["verify-report", str(pdf), str(db.path), "--json"])
    return code, json.loads(capsys.readouterr().out)


def _open_baseline(db: Database, department: str) -> list:  # type: ignore[type-arg]
    baseline = _baseline_numbers(db)
    return [c for c in list_cases(db, department=department, status="open")
            if c.case_number in baseline]


def test_unchanged_database_matches(demo_db: Database, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "c.pdf"
    made = generate_report(demo_db, "committee", pdf, user="审管办", as_of=AS_OF,
                           department="民一庭")
    record = read_record(pdf)
    assert record["fingerprint"] == made.fingerprint and record["report_id"] == made.report_id
    assert record["params"]["department"] == "民一庭"
    code, doc = _verify_cli(pdf, demo_db, capsys)
    assert code == 0 and doc["matches"] is True and doc["changes"] == []
    assert doc["current_fingerprint"] == made.fingerprint


def test_changed_cases_are_detected_and_named(fresh_db: Database, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    committee = tmp_path / "committee.pdf"
    bulletin = tmp_path / "bulletin.pdf"
    ledger = tmp_path / "ledger.pdf"
    now = dt.datetime.now()
    for kind, pdf in (("committee", committee), ("bulletin", bulletin)):
        generate_report(fresh_db, kind, pdf, user="审管办", as_of=AS_OF, data_at=now)
    generate_report(fresh_db, "ledger", ledger, user="审管办", as_of=AS_OF, status="open",
                    data_at=now)
    cases = _open_baseline(fresh_db, "民一庭")
    old = next(c for c in cases if age_months(c.filing_date, AS_OF) >= 12)
    closed = next(c for c in cases if c.case_number != old.case_number)
    update_case(fresh_db, AUDIT, old.case_number, {"reason": "等待鉴定结论"}, today=AS_OF)
    update_case(fresh_db, AUDIT, closed.case_number,
                {"closed_date": "2026-07-10", "close_manner": "调解"}, today=AS_OF)

    code, doc = _verify_cli(committee, fresh_db, capsys)
    assert code == 1 and doc["matches"] is False and doc["history_reproduces"] is True
    named = {c["case_number"]: c for c in doc["changes"]}
    assert old.case_number in named
    fields = {f["field"]: (f["then"], f["now"]) for f in named[old.case_number]["fields"]}
    assert fields["reason"] == (old.reason, "等待鉴定结论")

    # The bulletin counts every baseline case: the closure shows, the reason does not print
    # there but the edit still does (row_version).
    code, doc = _verify_cli(bulletin, fresh_db, capsys)
    assert code == 1
    named = {c["case_number"]: c for c in doc["changes"]}
    assert set(named) == {old.case_number, closed.case_number}
    fields = {f["field"]: (f["then"], f["now"]) for f in named[closed.case_number]["fields"]}
    assert fields["status"] == ("open", "closed")
    assert fields["closed_date"] == ("", "2026-07-10")
    assert [f["field"] for f in named[old.case_number]["fields"]] == ["row_version"]

    # The open ledger no longer lists the closed case.
    code, doc = _verify_cli(ledger, fresh_db, capsys)
    assert code == 1 and doc["counts"]["removed"] == 1
    removed = next(c for c in doc["changes"] if c["change"] == "removed")
    assert removed["case_number"] == closed.case_number

    # Without --json: one line per case, for a person.
    assert fresh_db.path is not None
    assert cli.main(["verify-report", str(committee), str(fresh_db.path)]) == 1
    out = capsys.readouterr().out
    assert "does NOT match" in out and f"changed {old.case_number}: " in out
    assert "'等待鉴定结论'" in out


def test_verify_refuses_a_file_that_is_not_a_report(demo_db: Database, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "x.pdf"
    junk.write_bytes(b"not a pdf at all")
    code, doc = _verify_cli(junk, demo_db, capsys)
    assert code == 1 and "x.pdf" in doc["error"]


@pytest.mark.parametrize("kind", KINDS)
def test_past_report_is_reproduced_after_later_changes(fresh_db: Database, tmp_path: Path,
                                                       kind: str) -> None:
    """Made as of D, then cases closed (with closure dates before D) and reasons, measures
    and committee decisions edited after D: made again as of D, the same fingerprint and
    the same pages, word for word."""
    dept = "民一庭" if kind == "acceptance" else None
    first = tmp_path / "first.pdf"
    made = generate_report(fresh_db, kind, first, user="审管办", as_of=AS_OF,
                           department=dept, generated_at=MADE)
    cases = _open_baseline(fresh_db, "民一庭")
    old = [c for c in cases if age_months(c.filing_date, AS_OF) >= 12]
    for c in old[:3]:  # closed late, recorded as closed before D
        update_case(fresh_db, AUDIT, c.case_number,
                    {"closed_date": "2026-07-01", "close_manner": "判决"}, today=AS_OF)
    for c in old[3:6]:
        update_case(fresh_db, AUDIT, c.case_number,
                    {"reason": "改判后重新审理", "measures": "院领导督办",
                     "expected_close_date": "2026-06-30",
                     "committee_decision": "限期结案"}, today=AS_OF)
    update_case(fresh_db, AUDIT, old[6].case_number, {"reason": "第一次"}, today=AS_OF)
    update_case(fresh_db, AUDIT, old[6].case_number, {"reason": "第二次"}, today=AS_OF)

    again = tmp_path / "again.pdf"
    remade = generate_report(fresh_db, kind, again, user="审管办", as_of=AS_OF,
                             department=dept, generated_at=MADE)
    assert remade.fingerprint == made.fingerprint
    assert page_texts(again) == page_texts(first)
    # With the changes the data differs: the test above did not pass by accident.
    current = prepare(fresh_db, kind, as_of=AS_OF, department=dept,
                      data_at=dt.datetime.now())
    assert current.fingerprint != made.fingerprint


def test_counts_from_rewound_facts_equal_the_store(demo_db: Database) -> None:
    """The rewound path counts cases in Python; with nothing to undo it must give exactly
    the store's figures (by department, by age and in total) on any date."""
    with demo_db.read() as s:
        camp = load_active(s)
        assert camp is not None
        counts = Counts(s, camp, Rewind(dt.datetime.now(), versions_back={"none": 1}))
        assert counts.facts is not None
        for day in (camp.plan.start, dt.date(2026, 5, 31), AS_OF):
            mine, store = counts.rows(day), count_rows(s, camp, day)
            assert tally_by_key(mine) == tally_by_key(store)
            assert total_tally(mine) == total_tally(store)
            ref = camp.plan.reference_date
            assert (tally_by_bucket(mine, DEFAULT_AGE_BUCKETS, ref)
                    == tally_by_bucket(store, DEFAULT_AGE_BUCKETS, ref))


def test_time_limit_list_changes_are_named_by_case_number(fresh_db: Database, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    if "deadlines" not in KINDS:
        pytest.skip("no time-limit report in this build")
    pdf = tmp_path / "审限.pdf"
    generate_report(fresh_db, "deadlines", pdf, user="审管办", as_of=AS_OF,
                    data_at=dt.datetime.now())
    listed = prepare(fresh_db, "deadlines", as_of=AS_OF, data_at=dt.datetime.now()).lines
    number = listed[0].split("|")[0]
    update_case(fresh_db, AUDIT, number, {"closed_date": "2026-07-10", "close_manner": "判决"},
                today=AS_OF)
    code, doc = _verify_cli(pdf, fresh_db, capsys)
    assert code == 1 and doc["history_reproduces"] is True
    assert [(c["case_number"], c["change"]) for c in doc["changes"]] == [(number, "removed")]


def test_rewind_undoes_any_mix_of_edits(fresh_db: Database) -> None:
    check_rewind_mix(fresh_db)


def check_rewind_mix(fresh_db: Database) -> None:
    """Forty random edits of every kind a user can make, some cases edited several times:
    every report made again as at the moment before them is exactly what it was."""
    rng = random.Random(7)
    made = {kind: prepare(fresh_db, kind, as_of=AS_OF, data_at=dt.datetime.now(),
                          department="民一庭" if kind == "acceptance" else None)
            for kind in KINDS}
    moment = max(p.data_at for p in made.values())
    cases = list_cases(fresh_db)
    # The baseline, as the ledger report lists it (any backend).
    baseline = {c.case_number for c in made["ledger"].data.cases}  # type: ignore[union-attr]
    pool = [c for c in cases if c.case_number in baseline][:60]
    departments = sorted({c.department for c in cases if c.department})
    judges = sorted({c.judge for c in cases if c.judge})
    done = 0
    while done < 40:
        c = rng.choice(pool)
        edit = rng.choice([
            {"reason": f"原因{rng.randint(1, 999)}"},
            {"measures": f"措施{rng.randint(1, 999)}"},
            {"expected_close_date": f"2026-{rng.randint(8, 12):02d}-{rng.randint(1, 28):02d}"},
            {"reason_category": rng.choice(sorted(REASON_BY_KEY))},
            {"closed_date": f"2026-0{rng.randint(4, 7)}-{rng.randint(1, 14):02d}",
             "close_manner": "调解"},
            {"status": "open"},
            {"department": rng.choice(departments)},
            {"judge": rng.choice(judges)},
            {"committee_decision": "限期结案", "committee_date": "2026-07-01"},
            {"title": f"更正后的案件名称{rng.randint(1, 99)}"},
        ])
        try:
            if update_case(fresh_db, AUDIT, c.case_number, edit, today=AS_OF):
                done += 1
        except InvalidValue:
            continue  # e.g. a closure before filing: refused, nothing written
    changed = prepare(fresh_db, "ledger", as_of=AS_OF, data_at=dt.datetime.now())
    assert len(set(changed.lines) - set(made["ledger"].lines)) >= 20  # the edits took
    for kind, before in made.items():
        again = prepare(fresh_db, kind, as_of=AS_OF, data_at=moment,
                        department="民一庭" if kind == "acceptance" else None)
        assert sorted(again.lines) == sorted(before.lines), kind
        assert again.fingerprint == before.fingerprint, kind
        assert again.data == before.data, kind
