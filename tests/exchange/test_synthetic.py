"""The synthetic court: structure, campaign realism, determinism and the CMS export."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from backlog_desk.domain.ledger import CLOSE_MANNERS, PROCEDURES, REASON_BY_KEY
from backlog_desk.exchange import synthetic_export
from backlog_desk.exchange.synthetic import (
    EXPORT_HEADERS,
    MESSY_HEADER_SYNONYMS,
    SCALES,
    SynthCourt,
    generate_cases,
    make_court,
    write_case_system_export,
)

AS_OF = date(2023, 7, 15)
START = date(2023, 3, 30)
CUTOFF = date(2022, 12, 31)
OLD_CUTOFF = date(2020, 12, 31)  # over 3 years old by 2023-12-31
CANONICAL = re.compile(r"^（(\d{4})）吉0105([\u4e00-\u9fa5]{1,3})(\d+)号$")
KEYS = {
    "case_number", "title", "cause", "type_code", "filing_date", "department", "judge",
    "leader", "procedure", "reason_category", "reason", "expected_close_date", "measures",
    "status", "closed_date", "close_manner", "notes",
}
ENFORCEMENT = {"执", "执恢", "执保"}

Case = dict[str, object]


@pytest.fixture(scope="module")
def court() -> SynthCourt:
    return make_court("S")


@pytest.fixture(scope="module")
def cases(court: SynthCourt) -> list[Case]:
    return list(generate_cases(court, "S", as_of=AS_OF))


def filed(case: Case) -> date:
    value = case["filing_date"]
    assert isinstance(value, date)
    return value


def backlog(cases: list[Case]) -> list[Case]:
    return [c for c in cases if filed(c) <= CUTOFF]


# --- the court -------------------------------------------------------------------------------


def test_scales_are_the_contract() -> None:
    assert SCALES == {"S": 3_000, "M": 100_000, "L": 1_000_000}


def test_court_has_leaders_departments_and_judges(court: SynthCourt) -> None:
    assert (court.name, court.code) == ("长春市二道区人民法院", "吉0105")
    roles = defaultdict(list)
    for person in court.people:
        roles[person.role].append(person)
    assert [p.name for p in roles["president"]] == [court.president]
    vps = {p.name for p in roles["vice_president"]}
    assert 3 <= len(vps) <= 5
    assert 12 <= len(court.departments) <= 16
    names = {d.name for d in court.departments}
    assert {"立案庭", "民一庭", "刑事审判庭", "执行一庭"} <= names
    assert sum(n.endswith("人民法庭") for n in names) >= 2
    heads = {(p.name, p.department) for p in roles["head"]}
    for dept in court.departments:
        assert (dept.head, dept.name) in heads
        assert dept.leader in vps
        assert any(p.department == dept.name for p in roles["judge"])
        assert dept.type_codes
    assert len(roles["judge"]) == SCALES["S"] // 60
    # Names are unique outright (a judge's name identifies them in the ledger).
    assert len({p.name for p in court.people}) == len(court.people)
    assert any(len(p.name) == 2 for p in court.people)
    assert any(set(p.name) & set("鑫彧堃喆淼赟犇昇") for p in court.people)
    assert not {p.name for p in court.people} & {"苏洪涛", "才巨伟", "王晓明", "朱俊岭"}


def test_judge_count_scales_and_is_capped() -> None:
    def judges(court: SynthCourt) -> int:
        return sum(p.role == "judge" for p in court.people)

    assert judges(make_court("L")) == 400
    small = make_court(100)
    assert judges(small) == len(small.departments)  # one each at least


def test_court_is_deterministic() -> None:
    assert make_court("S", 7) == make_court("S", 7)
    assert make_court("S", 7) != make_court("S", 8)


# --- the cases ---------------------------------------------------------------------------------


def test_cases_are_deterministic(court: SynthCourt, cases: list[Case]) -> None:
    assert list(generate_cases(court, "S", 1, as_of=AS_OF)) == cases
    one, two = (list(generate_cases(court, 300, seed, as_of=AS_OF)) for seed in (1, 2))
    assert [c["title"] for c in one] != [c["title"] for c in two]


def test_counts_and_keys(cases: list[Case]) -> None:
    assert len(backlog(cases)) == SCALES["S"]
    assert len(cases) - SCALES["S"] == round(SCALES["S"] * 0.08)
    assert all(set(c) == KEYS for c in cases)
    assert all(filed(c) > CUTOFF for c in cases[SCALES["S"]:])


def test_case_numbers_unique_canonical_and_rising(cases: list[Case]) -> None:
    numbers = [str(c["case_number"]) for c in cases]
    assert len(set(numbers)) == len(numbers)
    last: dict[tuple[int, str], tuple[date, int]] = {}
    for case, number in zip(cases, numbers, strict=True):
        match = CANONICAL.match(number)
        assert match, number
        filing = case["filing_date"]
        assert isinstance(filing, date)
        year, type_code, serial = int(match[1]), match[2], int(match[3])
        assert (year, type_code) == (filing.year, case["type_code"])
        # Within one (year, type) sequence, later filings carry higher numbers.
        if (year, type_code) in last:
            assert last[year, type_code] < (filing, serial)
        last[year, type_code] = (filing, serial)


def test_backlog_filed_by_cutoff_open_at_campaign_start(cases: list[Case]) -> None:
    old = backlog(cases)
    assert min(filed(c) for c in old) >= date(2016, 1, 1)
    for case in cases:
        closed = case["closed_date"]
        if closed is None:
            continue
        assert isinstance(closed, date)
        assert START <= closed <= AS_OF
        assert closed >= filed(case)
        assert closed.weekday() < 5
    assert 0.5 < sum(c["status"] == "closed" for c in old) / len(old) < 0.95


def test_nothing_closed_before_campaign_start(court: SynthCourt) -> None:
    early = list(generate_cases(court, "S", as_of=date(2023, 3, 29)))
    assert {c["status"] for c in early} == {"open"}
    assert {c["closed_date"] for c in early} == {None}


def test_later_as_of_only_closes_more(court: SynthCourt, cases: list[Case]) -> None:
    # A snapshot taken earlier in the campaign is the same ledger with fewer closures.
    earlier = backlog(list(generate_cases(court, "S", as_of=date(2023, 6, 1))))
    variable = {"status", "closed_date", "close_manner"}
    assert len(earlier) == SCALES["S"]
    for before, after in zip(earlier, backlog(cases), strict=True):
        assert {k: v for k, v in before.items() if k not in variable} == {
            k: v for k, v in after.items() if k not in variable}
        if before["status"] == "closed":
            assert (after["status"], after["closed_date"]) == ("closed", before["closed_date"])
    assert sum(c["status"] == "closed" for c in earlier) < sum(
        c["status"] == "closed" for c in backlog(cases))


def test_leader_rule(court: SynthCourt, cases: list[Case]) -> None:
    vp_of = {d.name: d.leader for d in court.departments}
    for case in cases:
        filing = case["filing_date"]
        assert isinstance(filing, date)
        if filing <= OLD_CUTOFF:
            assert case["leader"] == court.president
        elif filing <= CUTOFF:
            assert case["leader"] == vp_of[str(case["department"])]
        else:
            assert case["leader"] == ""
    assert any(c["leader"] == court.president for c in cases)


def test_close_manner_fits_status_and_family(cases: list[Case]) -> None:
    for case in cases:
        manner = case["close_manner"]
        if case["status"] == "open":
            assert manner == "" and case["closed_date"] is None
        else:
            assert case["status"] == "closed"
            assert manner in CLOSE_MANNERS and case["closed_date"] is not None
            if case["type_code"] in ENFORCEMENT:
                assert manner in {"终结本次执行", "执行完毕", "和解", "裁定", "其他"}
            elif case["type_code"] == "民初":
                assert manner in {"判决", "调解", "撤诉", "驳回", "裁定", "移送"}


def test_departments_judges_and_types_consistent(court: SynthCourt, cases: list[Case]) -> None:
    departments = {d.name: d for d in court.departments}
    staff = {(p.name, p.department) for p in court.people if p.role in ("judge", "head")}
    for case in cases:
        dept = departments[str(case["department"])]
        assert case["type_code"] in dept.type_codes
        assert (case["judge"], dept.name) in staff
    used = {c["type_code"] for c in cases}
    assert {"民初", "执", "执恢", "刑初"} <= used
    assert not used & {"民终", "刑终", "行终"}  # a basic court hears no appeals


def test_procedure_only_for_civil_first_instance(cases: list[Case]) -> None:
    for case in cases:
        if case["type_code"] == "民初":
            assert case["procedure"] in {"普通程序", "简易程序", "小额诉讼"}
        else:
            assert case["procedure"] == ""
    assert {c["procedure"] for c in cases} <= set(PROCEDURES)


def test_campaign_fields_are_realistic(cases: list[Case]) -> None:
    old = backlog(cases)
    categories = [str(c["reason_category"]) for c in old]
    assert set(categories) <= {*REASON_BY_KEY, ""}
    assert {"appraisal", "publication", "suspension", "complex", "subjective", "request"} <= set(
        categories)
    assert 0.02 < categories.count("") / len(old) < 0.09
    assert all((c["reason"] == "") == (c["reason_category"] == "") for c in old)
    assert 15 <= statistics.median(len(str(c["reason"])) for c in old if c["reason"]) <= 25
    expected = [c["expected_close_date"] for c in old]
    assert 0.05 < expected.count(None) / len(old) < 0.15
    assert any(isinstance(e, date) and e < AS_OF for e in expected)
    assert any(isinstance(e, date) and e > AS_OF for e in expected)
    assert 0.5 < sum(c["measures"] != "" for c in old) / len(old) < 0.8
    assert 0 < sum(c["notes"] != "" for c in old) / len(old) < 0.1


def test_ages_skew_young_with_a_long_tail(cases: list[Case]) -> None:
    ages = [(CUTOFF - filed(c)).days for c in backlog(cases)]
    assert sum(91 <= a <= 456 for a in ages) / len(ages) > 0.5
    assert 0.02 < sum(a > 3 * 365 for a in ages) / len(ages) < 0.15
    assert max(ages) <= 6 * 366


def test_departments_progress_at_different_paces(court: SynthCourt) -> None:
    progress: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in backlog(list(generate_cases(court, "S", as_of=date(2023, 6, 30)))):
        row = progress[str(case["department"])]
        row[0] += 1
        row[1] += case["status"] == "closed"
    rates = [closed / total for total, closed in progress.values() if total >= 100]
    assert max(rates) - min(rates) > 0.15


def test_new_cases_are_mostly_open(cases: list[Case]) -> None:
    new = cases[SCALES["S"]:]
    assert sum(c["status"] == "open" for c in new) / len(new) > 0.5
    assert {c["reason_category"] for c in new} == {""}


def test_bad_arguments_are_rejected(court: SynthCourt) -> None:
    with pytest.raises(ValueError):
        make_court("XL")
    with pytest.raises(ValueError):
        generate_cases(court, 0, as_of=AS_OF)
    with pytest.raises(ValueError):
        generate_cases(court, "S", as_of=date(2016, 7, 1))


# --- the export ----------------------------------------------------------------------------------


Merged = list[tuple[tuple[int, int], tuple[int, int]]]


def read(path: Path) -> tuple[Merged, list[list[object]]]:
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    rows: list[list[object]] = [list(r) for r in sheet.to_python(skip_empty_area=False)]
    return list(sheet.merged_cell_ranges or []), rows


@pytest.fixture(scope="module")
def sample(cases: list[Case]) -> list[Case]:
    return cases[:160] + cases[-40:]  # old and new cases, open and closed


def test_export_reads_back(court: SynthCourt, sample: list[Case], tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    assert write_case_system_export(court, sample, path, as_of=AS_OF) == len(sample)
    merged, rows = read(path)
    assert ((0, 0), (0, len(EXPORT_HEADERS) - 1)) in merged
    assert rows[0][0] == "长春市二道区人民法院未结案件清单（截至2023年7月15日）"
    assert tuple(rows[1]) == EXPORT_HEADERS
    body = rows[2:]
    assert len(body) == len(sample)
    for row, case in zip(body, sample, strict=True):
        assert row[1] == case["case_number"]
        assert row[4] == case["filing_date"]  # a real date cell
        assert row[6] == case["judge"]
        assert row[8] == ("已结" if case["status"] == "closed" else "未结")
        assert row[9] == (case["closed_date"] or "")


def test_export_title_date_defaults_to_latest_date(court: SynthCourt, sample: list[Case],
                                                    tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    write_case_system_export(court, sample[:5], path)
    latest = max(d for c in sample[:5] for d in (c["filing_date"], c["closed_date"])
                 if isinstance(d, date))
    assert f"{latest.year}年{latest.month}月{latest.day}日" in str(read(path)[1][0][0])


def test_constant_memory_path_writes_the_same_cells(
    court: SynthCourt, sample: list[Case], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    normal, streamed = tmp_path / "normal.xlsx", tmp_path / "streamed.xlsx"
    write_case_system_export(court, iter(sample), normal, messy=True, as_of=AS_OF)
    monkeypatch.setattr(synthetic_export, "_CONSTANT_MEMORY_ABOVE", 50)
    write_case_system_export(court, iter(sample), streamed, messy=True, as_of=AS_OF)
    assert read(normal) == read(streamed)


def test_messy_export_has_every_form(court: SynthCourt, sample: list[Case],
                                     tmp_path: Path) -> None:
    path = tmp_path / "messy.xlsx"
    assert write_case_system_export(court, sample, path, messy=True, seed=3) == len(sample)
    _merged, rows = read(path)
    header = rows[1]
    for plain, synonym in MESSY_HEADER_SYNONYMS.items():
        assert synonym in header and plain not in header
    numbers = [str(r[1]) for r in rows[2:]]
    assert any(n.startswith("(") for n in numbers)
    assert any(re.search("[０-９]", n) for n in numbers)
    assert any(" " in n for n in numbers)
    assert any(n.startswith(("（", "(")) and not n.endswith("号") for n in numbers)
    text_dates = {str(r[4]) for r in rows[2:] if isinstance(r[4], str)}
    for form in (r"^\d{4}\.\d{1,2}\.\d{1,2}$", r"^\d{4}/\d{1,2}/\d{1,2}$", r"^\d{8}$",
                 r"^\d{4}年\d{1,2}月\d{1,2}日$"):
        assert any(re.match(form, d) for d in text_dates), form
    assert any(isinstance(r[4], date) for r in rows[2:])  # most dates stay real dates
    assert any("　" in str(r[6]) for r in rows[2:])
    blank = [i for i, r in enumerate(rows) if all(v == "" for v in r)]
    assert blank[-1] == len(rows) - 2  # before the totals row
    assert blank[0] < len(rows) - 3  # and among the cases
    assert rows[-1][0] == "合计" and rows[-1][1] == f"共{len(sample)}件"
    again = tmp_path / "again.xlsx"
    write_case_system_export(court, sample, again, messy=True, seed=3)
    assert read(again) == read(path)
    write_case_system_export(court, sample, again, messy=True, seed=4)
    assert read(again) != read(path)
