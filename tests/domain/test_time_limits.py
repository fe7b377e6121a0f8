"""审限 rules, counting, refusals and hidden over-limit flags, on hand-worked cases.

The first table states every shipped rule with its legal source (shared/LEGAL.md §2.2, §4) and
one deadline worked out by hand with the counting rule of LEGAL §2.1: the filing day is not
counted; n months end on the same day n months later, on the month end when filed on a month
end, or on the last day of a shorter target month.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest

from backlog_desk.domain.time_limit_rules import (
    DEFAULT_RULES,
    Approver,
    Period,
    RuleTable,
    days,
    months,
)
from backlog_desk.domain.time_limits import (
    LimitState,
    hidden_flags,
    limit_status,
)
from backlog_desk.domain.time_limits_events import (
    Deduction,
    Event,
    Extension,
    ProcedureChange,
    Suspension,
    Thresholds,
    validate_events,
)

D = date

# (type code, procedure, rule key, legal source must mention, filed, deadline by hand)
RULES = [
    ("民初", "普通程序", "civil_ordinary", "民事诉讼法第152条", D(2023, 6, 15), D(2023, 12, 15)),
    # no procedure recorded: the ordinary (longest) civil track, so no false alarms
    ("民初", "", "civil_ordinary", "民事诉讼法第152条", D(2024, 2, 29), D(2024, 8, 31)),
    ("民初", "简易程序", "civil_simple", "民事诉讼法第164条", D(2023, 8, 31), D(2023, 11, 30)),
    ("民初", "小额诉讼", "civil_small_claims", "民事诉讼法第168条", D(2023, 12, 31),
     D(2024, 2, 29)),
    ("民终", "", "civil_appeal", "民事诉讼法第183条第1款", D(2024, 11, 30), D(2025, 2, 28)),
    ("民辖终", "", "civil_ruling_appeal", "民事诉讼法第183条第2款", D(2024, 2, 10),
     D(2024, 3, 11)),
    ("民特", "特别程序", "civil_special", "民事诉讼法第187条", D(2023, 2, 10), D(2023, 3, 12)),
    ("民再", "", "civil_retrial", "民诉法解释第128条", D(2024, 2, 29), D(2024, 8, 31)),
    ("民申", "", "civil_retrial_review", "民诉法解释第129条", D(2023, 1, 31), D(2023, 4, 30)),
    ("民监", "", "civil_retrial_review", "民诉法解释第129条", D(2023, 1, 30), D(2023, 4, 30)),
    ("民督", "", "civil_payment_order", "民事诉讼法第227条", D(2024, 12, 20), D(2025, 1, 4)),
    ("刑初", "速裁程序", "criminal_fast_track", "刑事诉讼法第225条", D(2024, 2, 25),
     D(2024, 3, 6)),
    ("刑初", "简易程序", "criminal_simple", "刑事诉讼法第220条", D(2023, 2, 20), D(2023, 3, 12)),
    ("刑初", "普通程序", "criminal_first", "刑事诉讼法第208条", D(2023, 12, 30), D(2024, 2, 29)),
    ("刑没", "", "criminal_first", "刑事诉讼法第208条", D(2023, 1, 31), D(2023, 3, 31)),
    ("刑终", "", "criminal_appeal", "刑事诉讼法第243条", D(2023, 1, 15), D(2023, 3, 15)),
    ("刑再", "", "criminal_retrial", "刑事诉讼法第258条", D(2023, 5, 31), D(2023, 8, 31)),
    ("刑医", "", "criminal_medical", "刑事诉讼法第305条", D(2023, 1, 30), D(2023, 2, 28)),
    ("刑更", "", "criminal_commutation", "减刑、假释案件审理程序的规定", D(2023, 3, 31),
     D(2023, 4, 30)),
    ("行初", "简易程序", "admin_simple", "行政诉讼法第83条", D(2023, 1, 1), D(2023, 2, 15)),
    ("行初", "普通程序", "admin_first", "行政诉讼法第81条", D(2023, 3, 1), D(2023, 9, 1)),
    ("行终", "", "admin_appeal", "行政诉讼法第88条", D(2023, 3, 1), D(2023, 6, 1)),
    ("行审", "", "admin_nonlitigation", "行诉法解释第160条", D(2023, 3, 1), D(2023, 3, 31)),
    ("执", "", "enforcement", "审限规定（2000）第5条", D(2022, 8, 31), D(2023, 2, 28)),
    ("执恢", "", "enforcement", "法发〔2006〕35号", D(2023, 2, 28), D(2023, 8, 31)),
    ("执异", "", "enforcement_objection", "执行程序解释第5条", D(2023, 3, 1), D(2023, 3, 16)),
    ("执复", "", "enforcement_review", "执行程序解释第8条", D(2023, 3, 1), D(2023, 3, 31)),
    ("破申", "", "bankruptcy_application", "企业破产法第10条", D(2023, 3, 1), D(2023, 3, 16)),
    ("法赔", "", "court_compensation", "国家赔偿法第23条", D(2023, 12, 31), D(2024, 2, 29)),
    ("委赔", "", "compensation_committee", "国家赔偿法第28条", D(2023, 11, 30), D(2024, 2, 29)),
    ("司惩复", "", "sanction_review", "审限规定（2000）第2条", D(2023, 2, 26), D(2023, 3, 3)),
]

# rule key -> the extensions it allows, in order: (length or None = law sets none, approver)
EXTENSIONS: dict[str, list[tuple[Period | None, Approver]]] = {
    "civil_ordinary": [(months(6), Approver.PRESIDENT), (months(3), Approver.SUPERIOR)],
    "civil_simple": [(months(1), Approver.PRESIDENT)],          # CPL art. 164: ≤ 4 months
    "civil_small_claims": [(months(1), Approver.PRESIDENT)],    # CPL art. 168
    "civil_appeal": [(months(3), Approver.PRESIDENT)],          # 2000 rule art. 2
    "civil_ruling_appeal": [(None, Approver.PRESIDENT)],
    "civil_special": [(days(30), Approver.PRESIDENT)],
    "civil_retrial": [(months(6), Approver.PRESIDENT), (months(3), Approver.SUPERIOR)],
    "civil_retrial_review": [(None, Approver.PRESIDENT)],
    "civil_payment_order": [],
    "criminal_fast_track": [],
    "criminal_simple": [],
    "criminal_first": [(months(1), Approver.PRESIDENT), (months(3), Approver.SUPERIOR),
                       (None, Approver.SPC)],               # CrimPL art. 208, 158
    "criminal_appeal": [(months(2), Approver.HIGH_COURT), (None, Approver.SPC)],  # art. 243
    "criminal_retrial": [(months(3), Approver.PRESIDENT)],  # art. 258: ≤ 6 months in all
    "criminal_medical": [],
    "criminal_commutation": [(months(1), Approver.PRESIDENT)],
    "admin_simple": [],
    "admin_first": [(None, Approver.HIGH_COURT)],           # ALL art. 81
    "admin_appeal": [(None, Approver.HIGH_COURT)],          # ALL art. 88
    "admin_nonlitigation": [],
    "enforcement": [(months(3), Approver.PRESIDENT), (None, Approver.SUPERIOR)],
    "enforcement_objection": [],
    "enforcement_review": [(days(30), Approver.PRESIDENT)],
    "bankruptcy_application": [(days(15), Approver.SUPERIOR)],  # 企业破产法 art. 10
    "court_compensation": [],
    "compensation_committee": [(months(3), Approver.PRESIDENT)],
    "sanction_review": [],
}


@pytest.mark.parametrize(("code", "procedure", "key", "source", "filed", "deadline"), RULES)
def test_each_rule_with_its_source_and_a_hand_worked_deadline(
        code: str, procedure: str, key: str, source: str, filed: date, deadline: date) -> None:
    rule = DEFAULT_RULES.find(code, procedure)
    assert rule is not None and rule.key == key
    assert source in rule.source
    status = limit_status(code, procedure, filed, [], filed)
    assert status.deadline == deadline
    assert status.days_used == 0 and status.days_left == (deadline - filed).days
    assert status.state is LimitState.WITHIN or status.days_left <= 15


@pytest.mark.parametrize("key", sorted(EXTENSIONS))
def test_each_rule_allows_its_statutory_extensions(key: str) -> None:
    rule = DEFAULT_RULES.get(key)
    assert rule is not None
    assert [(e.length, e.approver) for e in rule.extensions] == EXTENSIONS[key]


def test_every_shipped_rule_is_stated_in_this_file() -> None:
    assert {r.key for r in DEFAULT_RULES} == set(EXTENSIONS) == {row[2] for row in RULES}


def test_deductions_apply_to_civil_admin_enforcement_but_not_criminal() -> None:
    # LEGAL §2.4: 公告/鉴定/和解/管辖异议 deductions are civil and administrative; criminal
    # cases exclude only suspension-type periods (CrimPL art. 206).
    for key in ("civil_ordinary", "civil_simple", "admin_first", "enforcement"):
        rule = DEFAULT_RULES.get(key)
        assert rule is not None and rule.deductions_apply and rule.suspension_applies
    for key in ("criminal_first", "criminal_appeal"):
        rule = DEFAULT_RULES.get(key)
        assert rule is not None and not rule.deductions_apply and rule.suspension_applies
        assert rule.restart_on_change  # CrimPL interp. arts. 368, 376


@pytest.mark.parametrize("code", ["民他", "破", "刑核", "财保", "XX"])
def test_types_without_a_statutory_limit_show_age_only(code: str) -> None:
    status = limit_status(code, "", D(2023, 1, 1), [], D(2023, 3, 1))
    assert status.state is LimitState.NO_LIMIT and status.deadline is None
    assert status.days_used == 59 and status.days_left is None
    assert "没有对应的法定审限" in status.steps[0]


def test_a_court_table_overrides_the_defaults() -> None:
    base = DEFAULT_RULES.get("civil_ordinary")
    assert base is not None
    from dataclasses import replace
    table = RuleTable([replace(base, key="local", base=months(5))])
    assert limit_status("民初", "", D(2023, 1, 15), [], D(2023, 1, 15), table).deadline == \
        D(2023, 6, 15)
    with pytest.raises(ValueError, match="duplicate"):
        RuleTable([base, base])


# --- counting ----------------------------------------------------------------------------------


def test_filing_day_not_counted_and_steps_show_the_calculation() -> None:
    status = limit_status("民初", "普通程序", D(2023, 6, 15), [], D(2023, 6, 16))
    assert status.days_used == 1 and status.limit_days == 183
    assert status.steps == (
        "案件类型“民初”，适用程序“普通程序”，按“民事一审普通程序”计算审限（依据：民事诉讼法第152条；"
        "审限规定（2000）第2条（上级法院批准延长3个月））。",
        "立案日期2023年6月15日，审限自立案次日起算（立案当日不计入）。",
        "法定审限6个月，自2023年6月15日次日起算，届满日为2023年12月15日。",
        "截至2023年6月16日，已用审限1日（共183日），剩余182日，状态：审限内。",
    )
    assert limit_status("民初", "", D(2023, 6, 15), [], D(2023, 6, 16), explain=False).steps == ()


def test_state_by_days_left() -> None:
    th = Thresholds(approaching_percent=100)  # isolate the days rule
    filed = D(2023, 1, 1)  # deadline 2023-07-01

    def state(day: date) -> tuple[LimitState, int | None]:
        s = limit_status("民初", "", filed, [], day, thresholds=th)
        return s.state, s.days_left

    assert state(D(2023, 6, 15)) == (LimitState.WITHIN, 16)
    assert state(D(2023, 6, 16)) == (LimitState.APPROACHING, 15)
    assert state(D(2023, 7, 1)) == (LimitState.APPROACHING, 0)
    assert state(D(2023, 7, 2)) == (LimitState.OVER, -1)
    over = limit_status("民初", "", filed, [], D(2023, 7, 2))
    assert over.steps[-1].endswith("已超过审限1日，状态：超审限。")


def test_state_by_share_used() -> None:
    filed = D(2023, 1, 1)  # 181 days; 80 % = 144.8 days
    assert limit_status("民初", "", filed, [], D(2023, 5, 25)).state is LimitState.WITHIN
    assert limit_status("民初", "", filed, [], D(2023, 5, 26)).state is LimitState.APPROACHING
    relaxed = Thresholds(approaching_percent=90)
    assert limit_status("民初", "", filed, [], D(2023, 5, 26),
                        thresholds=relaxed).state is LimitState.WITHIN


def test_extension_runs_from_the_previous_deadline_month_end_rule() -> None:
    ext = Extension(D(2023, 7, 20), months(6), "本院院长")
    status = limit_status("民初", "", D(2023, 1, 31), [ext], D(2023, 8, 1))
    assert status.base_deadline == D(2023, 7, 31)
    assert status.deadline == D(2024, 1, 31) and status.extensions_applied == 1
    assert "2023年7月20日经本院院长批准延长6个月，届满日延至2024年1月31日。" in status.steps
    # not yet decided on the reference day: not counted
    before = limit_status("民初", "", D(2023, 1, 31), [ext], D(2023, 7, 19))
    assert before.deadline == D(2023, 7, 31) and before.extensions_applied == 0


def test_simple_procedure_extension_over_a_leap_february() -> None:
    ext = Extension(D(2024, 2, 10), months(1), "本院院长")
    status = limit_status("民初", "简易程序", D(2023, 11, 30), [ext], D(2024, 3, 1))
    assert status.base_deadline == D(2024, 2, 29)
    assert status.deadline == D(2024, 3, 31)  # 2-29 is a month end: to the end of March


def test_deduction_spanning_the_reference_date_stops_the_clock() -> None:
    filed = D(2024, 1, 10)  # base deadline 2024-07-10
    ded = Deduction(D(2024, 3, 1), D(2024, 5, 1), "鉴定")
    during = limit_status("民初", "", filed, [ded], D(2024, 4, 1))
    assert (during.deducted_days, during.deadline, during.days_left) == (31, D(2024, 8, 10), 131)
    assert during.clock_stopped
    assert "审限处于扣除或中止期间，暂停计算" in "".join(during.steps)
    on_end = limit_status("民初", "", filed, [ded], D(2024, 5, 1))
    assert (on_end.deducted_days, on_end.deadline, on_end.days_left) == (61, D(2024, 9, 9), 131)
    assert not on_end.clock_stopped
    after = limit_status("民初", "", filed, [ded], D(2024, 6, 1))
    assert (after.deadline, after.days_left, after.days_used) == (D(2024, 9, 9), 100, 82)
    assert after.days_left is not None
    assert after.days_used + after.days_left == after.limit_days == 182


def test_open_deduction_counts_up_to_the_reference_date() -> None:
    ded = Deduction(D(2024, 3, 1), None, "公告")
    s1 = limit_status("民初", "", D(2024, 1, 10), [ded], D(2024, 3, 11))
    s2 = limit_status("民初", "", D(2024, 1, 10), [ded], D(2024, 12, 31))
    assert s1.deducted_days == 10 and s1.clock_stopped
    assert s2.days_left == s1.days_left and s2.state is not LimitState.OVER


def test_overlapping_stopped_periods_count_once() -> None:
    events: list[Event] = [Deduction(D(2024, 3, 1), D(2024, 4, 1), "鉴定"),
                           Suspension(D(2024, 3, 15), D(2024, 4, 15), "等待另案")]
    assert limit_status("民初", "", D(2024, 1, 10), events, D(2024, 6, 1)).deducted_days == 45


def test_criminal_cases_do_not_deduct_appraisal_but_do_deduct_suspension() -> None:
    ded = Deduction(D(2024, 1, 10), D(2024, 1, 20), "鉴定")
    sus = Suspension(D(2024, 1, 10), D(2024, 1, 20), "被告人患严重疾病")
    assert limit_status("刑初", "", D(2024, 1, 1), [ded], D(2024, 2, 1)).deducted_days == 0
    assert limit_status("刑初", "", D(2024, 1, 1), [sus], D(2024, 2, 1)).deducted_days == 10


def test_civil_simple_to_ordinary_still_counts_from_filing() -> None:
    change = ProcedureChange(D(2024, 2, 20), "普通程序", "简易程序")
    before = limit_status("民初", "普通程序", D(2023, 12, 1), [change], D(2024, 2, 1))
    assert before.procedure == "简易程序" and before.deadline == D(2024, 3, 1)
    after = limit_status("民初", "普通程序", D(2023, 12, 1), [change], D(2024, 3, 1))
    assert after.procedure == "普通程序" and after.clock_start == D(2023, 12, 1)
    assert after.deadline == D(2024, 6, 1)
    assert "审限仍自立案之日起计算" in "".join(after.steps)


def test_criminal_conversion_restarts_from_the_decision() -> None:
    change = ProcedureChange(D(2023, 3, 10), "普通程序", "简易程序")
    status = limit_status("刑初", "普通程序", D(2023, 3, 1), [change], D(2023, 3, 20))
    assert status.clock_start == D(2023, 3, 10) and status.deadline == D(2023, 5, 10)
    assert status.days_used == 10


def test_extension_of_the_old_procedure_is_dropped_after_conversion() -> None:
    events: list[Event] = [Extension(D(2023, 3, 20), months(1), "本院院长"),
                           ProcedureChange(D(2023, 4, 15), "普通程序", "简易程序")]
    status = limit_status("民初", "普通程序", D(2023, 1, 1), events, D(2023, 5, 1))
    assert status.extensions_applied == 0 and status.deadline == D(2023, 7, 1)


def test_reference_date_before_filing_is_an_error() -> None:
    with pytest.raises(ValueError, match="before the filing date"):
        limit_status("民初", "", D(2023, 1, 2), [], D(2023, 1, 1))


# --- refusals ----------------------------------------------------------------------------------


FILED = D(2023, 1, 1)


def _codes(events: Sequence[Event], code: str = "民初", procedure: str = "",
           filed: date = FILED, today: date | None = None) -> list[tuple[int, str]]:
    return [(p.index, p.code)
            for p in validate_events(code, procedure, filed, events, DEFAULT_RULES, today)]


def test_valid_events_pass() -> None:
    events: list[Event] = [
        Deduction(D(2023, 2, 1), D(2023, 3, 1), "鉴定"),
        Suspension(D(2023, 3, 1), D(2023, 4, 1), "等待另案结果"),  # touching is not overlapping
        Extension(D(2023, 6, 20), months(6), "本院院长"),
        Extension(D(2023, 12, 20), months(3), "上级法院", approved_by_superior=True),
        ProcedureChange(D(2023, 1, 20), "普通程序", "简易程序"),
    ]
    assert _codes(events, today=D(2024, 1, 1)) == []


@pytest.mark.parametrize(("event", "code"), [
    (Deduction(D(2022, 12, 31), D(2023, 1, 5), "鉴定"), "before_filing"),
    (Extension(D(2022, 12, 1), months(1)), "before_filing"),
    (Deduction(D(2023, 2, 1), D(2023, 1, 15), "鉴定"), "ends_before_start"),
    (Suspension(D(2023, 2, 1), D(2023, 1, 31), "中止"), "ends_before_start"),
    (Deduction(D(2023, 2, 1), None, " "), "reason_missing"),
    (Extension(D(2023, 6, 1), months(7), "本院院长"), "too_long"),
    (Extension(D(2023, 6, 1), days(200), "本院院长"), "too_long"),
    (ProcedureChange(D(2023, 2, 1), "快速程序"), "unknown_procedure"),
    (ProcedureChange(D(2023, 2, 1), "普通程序", "普通程序"), "same_procedure"),
])
def test_impossible_entries_are_refused(event: Event, code: str) -> None:
    assert _codes([event]) == [(0, code)]


def test_extension_within_president_power_or_approved_by_superior_is_accepted() -> None:
    assert _codes([Extension(D(2023, 6, 1), days(180), "本院院长")]) == []
    assert _codes([Extension(D(2023, 6, 1), months(9), "上级法院",
                             approved_by_superior=True)]) == []


def test_extension_refused_where_the_law_gives_none_or_needs_a_superior() -> None:
    assert _codes([Extension(D(2023, 1, 5), days(5))], code="民督") == [(0, "not_extendable")]
    assert _codes([Extension(D(2023, 1, 5), days(5))], code="民他") == [(0, "no_limit")]
    assert _codes([Extension(D(2023, 5, 1), months(3), "本院院长")], code="行初") == [
        (0, "needs_superior")]
    assert _codes([Extension(D(2023, 5, 1), months(3), "高级人民法院",
                             approved_by_superior=True)], code="行初") == []
    # simple procedure: the president may add 1 month (CPL art. 164), not 2
    assert _codes([Extension(D(2023, 3, 20), months(2), "本院院长")],
                  procedure="简易程序") == [(0, "too_long")]


def test_overlapping_deductions_refused_on_the_later_entry() -> None:
    events: list[Event] = [Deduction(D(2023, 2, 1), None, "公告"),
                           Deduction(D(2023, 5, 1), D(2023, 5, 9), "鉴定")]
    assert _codes(events) == [(1, "overlap")]
    problems = validate_events("民初", "", D(2023, 1, 1), events, DEFAULT_RULES)
    assert problems[0].message == "与已登记的扣除审限（2023年2月1日至未结束）期间重叠。"


def test_future_dates_refused_when_today_is_given() -> None:
    event = Deduction(D(2023, 2, 1), D(2023, 3, 1), "鉴定")
    assert _codes([event], today=D(2023, 2, 15)) == [(0, "in_future")]
    assert _codes([event]) == []


# --- hidden over-limit flags -------------------------------------------------------------------


def _flags(events: Sequence[Event], as_of: date, code: str = "民初", procedure: str = "",
           filed: date = FILED, th: Thresholds | None = None) -> list[str]:
    found = hidden_flags(code, procedure, filed, events, as_of, DEFAULT_RULES,
                         th or Thresholds())
    for flag in found:  # each explains itself in one Chinese sentence
        assert flag.message.endswith("。") and flag.message.count("。") == 1
    return [f.code for f in found]


def test_no_flags_on_a_clean_case() -> None:
    assert _flags([Deduction(D(2023, 2, 1), D(2023, 3, 1), "鉴定")], D(2023, 6, 1)) == []


def test_deductions_adding_up_beyond_the_threshold() -> None:
    d180 = [Deduction(D(2023, 2, 1), D(2023, 4, 1), "鉴定"),   # 59 days
            Deduction(D(2023, 5, 1), D(2023, 8, 29), "公告")]  # 120 days
    assert "deduction_total" not in _flags(d180, D(2024, 1, 1))
    d181 = [d180[0], Deduction(D(2023, 5, 1), D(2023, 8, 31), "公告")]
    assert _flags(d181, D(2024, 1, 1)) == ["deduction_total"]
    found = hidden_flags("民初", "", D(2023, 1, 1), d181, D(2024, 1, 1))
    assert found[0].message == "扣除审限累计181日，超过180日，需核查扣除事由是否成立。"


def test_repeated_deductions() -> None:
    three: list[Event] = [Deduction(D(2023, m, 1), D(2023, m, 5), "鉴定") for m in (2, 3, 4)]
    assert _flags(three[:2], D(2023, 6, 1)) == []
    assert _flags(three, D(2023, 6, 1)) == ["deduction_repeated"]
    assert _flags(three[:2], D(2023, 6, 1), th=Thresholds(deduction_count=2)) == [
        "deduction_repeated"]


def test_deduction_left_open() -> None:
    ded = Deduction(D(2023, 2, 1), None, "管辖权异议")
    assert _flags([ded], D(2023, 2, 1) + timedelta(days=90)) == []
    assert _flags([ded], D(2023, 2, 1) + timedelta(days=91)) == ["deduction_open"]


def test_suspension_open_too_long_and_repeated() -> None:
    sus = Suspension(D(2023, 2, 1), None, "等待另案结果")
    assert _flags([sus], D(2023, 2, 1) + timedelta(days=180)) == []
    assert _flags([sus], D(2023, 2, 1) + timedelta(days=181)) == ["suspension_open"]
    closed = [Suspension(D(2023, m, 1), D(2023, m, 9), "不可抗力") for m in (2, 3, 4)]
    assert _flags(list(closed), D(2023, 6, 1)) == ["suspension_repeated"]


def test_second_civil_extension_needs_the_superior_court() -> None:
    first = Extension(D(2023, 6, 20), months(6), "本院院长")
    own = Extension(D(2023, 12, 20), months(3), "本院院长")
    superior = Extension(D(2023, 12, 20), months(3), "上级法院", approved_by_superior=True)
    assert _flags([first, superior], D(2024, 1, 1)) == []
    assert _flags([first, own], D(2024, 1, 1)) == ["extension_unapproved"]
    msg = hidden_flags("民初", "", D(2023, 1, 1), [first, own], D(2024, 1, 1))[0].message
    assert msg == "第2次延长审限（2023年12月20日）应报上级法院批准，登记为本院院长批准。"


def test_more_extensions_than_the_rule_provides() -> None:
    events: list[Event] = [Extension(D(2023, 3, 20), months(1), "本院院长"),
                           Extension(D(2023, 4, 20), months(1), "本院院长")]
    assert _flags(events, D(2023, 5, 1), procedure="简易程序") == ["extension_excess"]


def test_extension_decided_after_the_limit_expired() -> None:
    late = Extension(D(2023, 7, 5), months(6), "本院院长")  # deadline was 2023-07-01
    assert _flags([late], D(2023, 8, 1)) == ["extension_late"]
    on_time = Extension(D(2023, 6, 20), months(6), "本院院长")
    assert _flags([on_time], D(2023, 8, 1)) == []


def test_simple_to_ordinary_after_the_simple_limit_was_nearly_used() -> None:
    filed = D(2023, 12, 1)  # simple limit to 2024-03-01, 91 days
    early = ProcedureChange(D(2024, 1, 15), "普通程序", "简易程序")  # 45 days, 49 %
    late = ProcedureChange(D(2024, 2, 20), "普通程序", "简易程序")   # 81 days, 89 %
    expired = ProcedureChange(D(2024, 3, 5), "普通程序", "简易程序")
    assert _flags([early], D(2024, 4, 1), procedure="普通程序", filed=filed) == []
    assert _flags([late], D(2024, 4, 1), procedure="普通程序", filed=filed) == [
        "conversion_late"]
    msg = hidden_flags("民初", "普通程序", filed, [late], D(2024, 4, 1))[0].message
    assert msg == "简易程序审限已用81日（89%）后，于2024年2月20日转为普通程序。"
    msg = hidden_flags("民初", "普通程序", filed, [expired], D(2024, 4, 1))[0].message
    assert msg == "简易程序审限已于2024年3月1日届满，2024年3月5日才转为普通程序。"
    # a criminal conversion restarts the clock lawfully (CrimPL interp. art. 376)
    assert _flags([late], D(2024, 4, 1), code="刑初", procedure="普通程序", filed=filed) == []


def test_flags_ignore_events_after_the_reference_date() -> None:
    ded = Deduction(D(2023, 2, 1), None, "管辖权异议")
    assert _flags([ded], D(2023, 1, 31)) == []


@pytest.mark.parametrize("bad", [{"approaching_days": -1}, {"conversion_percent": 101},
                                 {"deduction_count": 2.5}])
def test_thresholds_refuse_impossible_values(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="threshold"):
        Thresholds(**bad)  # type: ignore[arg-type]
