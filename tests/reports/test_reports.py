"""Printed reports, read back through poppler: the paper must say what the data says."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from backlog_desk import cli
from backlog_desk.domain.ages import age_months
from backlog_desk.domain.ledger import REASON_BY_KEY
from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.cases import list_cases, update_case
from backlog_desk.services.errors import InvalidValue, NotFound
from backlog_desk.services.reports import KINDS, generate_report, prepare
from backlog_desk.services.stats import campaign_stats
from backlog_desk.store.database import Database

from .conftest import AS_OF, flat, fonts, page_count, page_texts, pdf_keywords, raw_text

AUDIT = Actor("审管办", Role.AUDIT)
CASE_NUMBER = re.compile(r"（\d{4}）[^\s（）]+?号")


def _report(db: Database, kind: str, out: Path, **kw: object) -> Path:
    generate_report(db, kind, out, user="测试员", **kw)  # type: ignore[arg-type]
    return out


def _baseline_numbers(db: Database) -> set[str]:
    assert db.path is not None
    con = sqlite3.connect(db.path)
    try:
        return {r[0] for r in con.execute(
            "SELECT case_number FROM cases WHERE baseline_campaign_id IS NOT NULL")}
    finally:
        con.close()


def _expected_committee(db: Database, department: str | None = None,
                        as_of: dt.date = AS_OF) -> dict[str, str]:
    """Open baseline cases a year old or more at as_of, counted independently of the report
    code: case number -> reason category key."""
    baseline = _baseline_numbers(db)
    out = {}
    for c in list_cases(db, department=department):
        open_then = c.status == "open" or (c.closed_date is not None and c.closed_date > as_of)
        if c.case_number in baseline and open_then and age_months(c.filing_date, as_of) >= 12:
            out[c.case_number] = c.reason_category
    return out


@pytest.mark.parametrize("as_of", [AS_OF, dt.date(2026, 5, 31)])
def test_bulletin_figures_equal_stats(demo_db: Database, tmp_path: Path,
                                      as_of: dt.date) -> None:
    pdf = _report(demo_db, "bulletin", tmp_path / "b.pdf", as_of=as_of)
    text = "\n".join(page_texts(pdf))
    doc = campaign_stats(demo_db, as_of=as_of).as_json()
    rows = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 7 and (parts[0].isdigit() or parts[0] == "—"):
            rows[parts[1]] = parts
    assert len(doc["departments"]) > 5
    for d in doc["departments"]:
        p = rows[d["name"]]
        # 排名 部门 旧存案件 本期结案 累计结案 未结 清结率 …
        assert p[0] == str(d["rank"] or "—")
        assert (int(p[2]), int(p[4]), int(p[5])) == (d["baseline"], d["closed"], d["open"])
        assert p[6] == d["clearance_rate_percent"]
    total = flat(text)
    assert (f"全院旧存案件{doc['baseline']}件，已结{doc['closed']}件，未结{doc['open']}件，"
            f"清结率{doc['clearance_rate_percent']}") in total
    for b in doc["age_buckets"]:
        assert f"{b['label']}{b['baseline']}{b['closed']}{b['open']}" in total
    for t in doc["targets"]:
        assert f"实际{t['actual_percent']}" in total


def test_bulletin_warns_last_place_and_lists_overdue(demo_db: Database, tmp_path: Path) -> None:
    pdf = _report(demo_db, "bulletin", tmp_path / "b.pdf", as_of=AS_OF)
    total = flat("\n".join(page_texts(pdf)))
    stats = campaign_stats(demo_db, as_of=AS_OF)
    last = [e for e in stats.departments if e.rank == max(x.rank or 0 for x in stats.departments)]
    assert f"末位警示：{last[0].key}" in total
    overdue = [c for c in list_cases(demo_db, status="open")
               if c.expected_close_date and c.expected_close_date < AS_OF
               and c.case_number in _baseline_numbers(demo_db)]
    assert f"超过预计结案日期仍未结的案件（共{len(overdue)}件）" in total
    for c in overdue:
        assert c.case_number in total


@pytest.mark.parametrize("kind", KINDS)
def test_fonts_embedded_and_pages_numbered(demo_db: Database, tmp_path: Path,
                                           kind: str) -> None:
    dept = "民一庭" if kind == "acceptance" else None
    pdf = _report(demo_db, kind, tmp_path / f"{kind}.pdf", as_of=AS_OF, department=dept)
    found = fonts(pdf)
    assert found and all(emb == "yes" for _name, emb in found), found
    assert all("WenQuanYi" in name for name, _emb in found), found
    pages = page_texts(pdf)
    n = page_count(pdf)
    assert len(pages) == n and n >= 2
    for i, page in enumerate(pages, start=1):
        assert f"第{i}页共{n}页" in flat(page)
        if kind in ("committee", "ledger"):  # every page of a list repeats the table header
            assert "案号" in page and "案件名称" in page


# On the earlier date, cases closed since then were still open and must be listed.
@pytest.mark.parametrize("as_of", [AS_OF, dt.date(2026, 5, 31)])
def test_committee_lists_exactly_the_open_cases_over_a_year(demo_db: Database, tmp_path: Path,
                                                            as_of: dt.date) -> None:
    pdf = _report(demo_db, "committee", tmp_path / "c.pdf", as_of=as_of)
    text = "\n".join(page_texts(pdf))
    expected = _expected_committee(demo_db, as_of=as_of)
    assert len(expected) > 20
    printed = CASE_NUMBER.findall(text)
    assert sorted(printed) == sorted(expected)
    lawful = sum(1 for cat in expected.values() if cat and REASON_BY_KEY[cat].lawful)
    assert f"共{len(expected)}件，其中属法定事由的{lawful}件" in flat(text)
    for role in ("承办人", "庭长", "分管院领导", "院长"):
        assert f"{role}（签字）" in text


def test_committee_filtered_by_department(demo_db: Database, tmp_path: Path) -> None:
    pdf = _report(demo_db, "committee", tmp_path / "c.pdf", as_of=AS_OF, department="民一庭")
    expected = _expected_committee(demo_db, "民一庭")
    assert expected
    assert sorted(CASE_NUMBER.findall("\n".join(page_texts(pdf)))) == sorted(expected)


def test_ledger_open_rows_equal_stats(demo_db: Database, tmp_path: Path) -> None:
    pdf = _report(demo_db, "ledger", tmp_path / "l.pdf", as_of=AS_OF, status="open")
    stats = campaign_stats(demo_db, as_of=AS_OF)
    text = "\n".join(page_texts(pdf))
    assert len(CASE_NUMBER.findall(text)) == stats.total.open
    assert f"状态：未结，共{stats.total.open}件" in flat(text)


def test_fingerprint_printed_stable_and_changes_with_a_case(fresh_db: Database,
                                                            tmp_path: Path) -> None:
    first = prepare(fresh_db, "committee", as_of=AS_OF)
    assert prepare(fresh_db, "committee", as_of=AS_OF).fingerprint == first.fingerprint
    other_dept = prepare(fresh_db, "ledger", as_of=AS_OF, department="民二庭").fingerprint
    pdf = _report(fresh_db, "committee", tmp_path / "c1.pdf", as_of=AS_OF)
    pages = page_texts(pdf)
    assert all(f"数据指纹（SHA-256）：{first.fingerprint[:16]}" in flat(p) for p in pages)
    assert f"fingerprint={first.fingerprint}" in pdf_keywords(pdf)
    bulletin_before = prepare(fresh_db, "bulletin", as_of=AS_OF).fingerprint

    case = next(c for c in list_cases(fresh_db, department="民一庭", status="open")
                if age_months(c.filing_date, AS_OF) >= 12)
    update_case(fresh_db, AUDIT, case.case_number,
                {"committee_decision": "限期于2026年9月30日前结案"}, today=AS_OF)
    # The change is made today, after AS_OF: a report as of AS_OF shows it only when asked
    # for the current data (by default it shows AS_OF as it stood; see test_reproducible).
    now = dt.datetime.now()
    second = prepare(fresh_db, "committee", as_of=AS_OF, data_at=now)
    assert second.fingerprint != first.fingerprint
    assert prepare(fresh_db, "bulletin", as_of=AS_OF, data_at=now).fingerprint != bulletin_before
    # A change in 民一庭 does not touch what 民二庭's ledger shows.
    assert prepare(fresh_db, "ledger", as_of=AS_OF, department="民二庭",
                   data_at=now).fingerprint == other_dept
    pdf2 = _report(fresh_db, "committee", tmp_path / "c2.pdf", as_of=AS_OF, data_at=now)
    text2 = flat("\n".join(page_texts(pdf2)))
    assert f"数据指纹（SHA-256）：{second.fingerprint[:16]}" in text2
    # The recorded decision is printed, with the case it belongs to.
    assert "限期于2026年9月30日前结案" in flat(raw_text(pdf2))


def test_closing_a_case_moves_the_printed_figures(fresh_db: Database, tmp_path: Path) -> None:
    before = campaign_stats(fresh_db, as_of=AS_OF)
    case = next(c for c in list_cases(fresh_db, department="民一庭", status="open")
                if c.case_number in _baseline_numbers(fresh_db))
    update_case(fresh_db, AUDIT, case.case_number, {"closed_date": "2026-07-10",
                                                     "close_manner": "调解"}, today=AS_OF)
    pdf = _report(fresh_db, "bulletin", tmp_path / "b.pdf", as_of=AS_OF,
                  data_at=dt.datetime.now())
    total = flat("\n".join(page_texts(pdf)))
    assert f"已结{before.total.closed + 1}件，未结{before.total.open - 1}件" in total


def test_bad_parameters_are_refused(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(InvalidValue):
        prepare(demo_db, "poster")
    with pytest.raises(InvalidValue):
        prepare(demo_db, "committee", status="open")
    with pytest.raises(NotFound):
        prepare(demo_db, "ledger", department="不存在的庭")


def test_cli_report(demo_db: Database, tmp_path: Path,
                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "名单.pdf"
    assert demo_db.path is not None
    code = cli.main(["report", "committee", str(demo_db.path), "--out", str(out),
                     "--as-of", "2026-07-15", "--as", "李四", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and doc["pages"] == page_count(out)
    assert doc["cases"] == len(_expected_committee(demo_db))
    assert "生成人：李四" in flat(page_texts(out)[0])
    code = cli.main(["report", "ledger", str(demo_db.path), "--out", str(out),
                     "--department", "不存在的庭", "--json"])
    assert code == 1 and "不存在的庭" in json.loads(capsys.readouterr().out)["error"]


def test_last_page_carries_full_fingerprint_and_qr_code(demo_db: Database,
                                                        tmp_path: Path) -> None:
    pdf = _report(demo_db, "committee", tmp_path / "c.pdf", as_of=AS_OF, department="民一庭")
    fp = prepare(demo_db, "committee", as_of=AS_OF, department="民一庭").fingerprint
    pages = page_texts(pdf)
    assert fp[:32] in flat(pages[-1]) and fp[32:] in flat(pages[-1])
    assert fp[:32] not in flat(pages[0]) or len(pages) == 1
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("zbarimg (zbar-tools) not installed: QR content not decoded")
    n = len(pages)
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", str(n), "-l", str(n), str(pdf),
                    str(tmp_path / "last")], check=True)
    image = next(tmp_path.glob("last*.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True,
                             text=True, check=True).stdout.strip()
    assert decoded.startswith("BD1|committee|SW-") and decoded.endswith(f"|民一庭|{fp}")
