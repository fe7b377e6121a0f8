"""The report to the intermediate court and a department's acceptance report."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from backlog_desk.services.errors import InvalidValue
from backlog_desk.services.reports import generate_report, prepare
from backlog_desk.services.stats import campaign_stats
from backlog_desk.store.database import Database

from .conftest import AS_OF, flat, page_texts
from .test_reports import CASE_NUMBER, _baseline_numbers, _expected_committee


def _names(db: Database, sql: str) -> list[str]:
    assert db.path is not None
    con = sqlite3.connect(db.path)
    try:
        return [r[0] for r in con.execute(sql)]
    finally:
        con.close()


def test_superior_states_the_figures_and_attaches_the_long_open_cases(
        demo_db: Database, tmp_path: Path) -> None:
    pdf = tmp_path / "s.pdf"
    generate_report(demo_db, "superior", pdf, user="审管办", as_of=AS_OF,
                    doc_number="长二法〔2026〕18号")
    pages = page_texts(pdf)
    text = flat("\n".join(pages))
    doc = campaign_stats(demo_db, as_of=AS_OF).as_json()
    assert (f"我院旧存案件共{doc['baseline']}件，已结{doc['closed']}件，未结{doc['open']}件，"
            f"清结率{doc['clearance_rate_percent']}") in text
    assert "长二法〔2026〕18号" in text
    president = _names(demo_db, "SELECT name FROM person WHERE role = 'president'")[0]
    assert f"签发人：{president}" in text
    assert "院长（签字）" in text and "盖章处" in text
    assert "长春市中级人民法院审判管理办公室：" in text
    expected = _expected_committee(demo_db)
    attachment = "\n".join(pages[1:])  # the list starts on a page of its own
    assert sorted(CASE_NUMBER.findall(attachment)) == sorted(expected)
    assert f"立案已满一年仍未审结的案件{len(expected)}件" in text


def test_acceptance_report_of_one_department(demo_db: Database, tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    generate_report(demo_db, "acceptance", pdf, user="民一庭", as_of=AS_OF, department="民一庭")
    pages = page_texts(pdf)
    text = flat("\n".join(pages))
    st = campaign_stats(demo_db, as_of=AS_OF)
    entry = next(e for e in st.departments if e.key == "民一庭")
    d = {"baseline": entry.tally.total, "closed": entry.tally.closed, "open": entry.tally.open}
    assert (f"民一庭旧存案件{d['baseline']}件，已结{d['closed']}件，未结{d['open']}件") in text
    assert f"排名第{entry.rank}" in text
    assert flat(pages[0]).startswith("民一庭旧存案件清结验收报告")
    mine = set(_names(demo_db, "SELECT c.case_number FROM cases c JOIN department d ON "
                               "d.id = c.department_id WHERE d.name = '民一庭'"))
    assert sorted(CASE_NUMBER.findall("\n".join(pages))) == sorted(
        mine & _baseline_numbers(demo_db))
    head = _names(demo_db, "SELECT p.name FROM department d JOIN person p ON p.id = d.head_id "
                           "WHERE d.name = '民一庭'")[0]
    leader = _names(demo_db, "SELECT p.name FROM department d JOIN person p "
                             "ON p.id = d.leader_id WHERE d.name = '民一庭'")[0]
    assert f"庭长{head}（签字）" in text and f"分管院领导{leader}（签字）" in text


def test_scope_rules(demo_db: Database) -> None:
    with pytest.raises(InvalidValue):
        prepare(demo_db, "acceptance")
    with pytest.raises(InvalidValue):
        prepare(demo_db, "superior", department="民一庭")
