from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from backlog_desk.domain.campaign import Campaign, Phase, Target, default_campaign

D = date


def test_default_campaign_2023_matches_seed_000() -> None:
    c = default_campaign(2023)
    assert c.name == "2023年旧存案件清结专项行动"
    assert c.cutoff_date == D(2022, 12, 31)  # "2022年12月31日前全院立案尚未结案"
    assert c.reference_date == D(2023, 12, 31)  # "至今年年底"
    assert (c.start, c.end) == (D(2023, 3, 30), D(2023, 9, 30))  # "3月30日开始至9月30日结束"
    assert [(p.key, p.name, p.start, p.end) for p in c.phases] == [
        ("inventory", "排查立账", D(2023, 3, 30), D(2023, 3, 31)),
        ("clearing", "落实清积", D(2023, 4, 1), D(2023, 6, 30)),
        ("final_push", "集中攻坚", D(2023, 7, 1), D(2023, 9, 15)),
        ("acceptance", "验收反馈", D(2023, 9, 16), D(2023, 9, 30)),
    ]
    assert [(t.key, t.due, t.required_rate, t.filed_on_or_before) for t in c.targets] == [
        ("old_100", D(2023, 6, 30), Decimal("1"), D(2020, 12, 31)),
        ("all_80", D(2023, 6, 30), Decimal("0.80"), None),
        ("all_95", D(2023, 9, 15), Decimal("0.95"), None),
    ]
    assert c.targets[0].name == "2020年12月31日前立案的案件应结尽结"
    assert c.validate() == []


@pytest.mark.parametrize("year", [2020, 2023, 2024, 2025, 2028])
def test_default_campaign_is_valid_and_gap_free_for_other_years(year: int) -> None:
    c = default_campaign(year, name="测试")
    assert c.name == "测试"
    assert c.validate() == []
    assert c.phases[0].start == c.start
    assert c.phases[-1].end == c.end
    for previous, current in zip(c.phases, c.phases[1:], strict=False):
        assert current.start == previous.end + timedelta(days=1)
    assert c.targets[0].filed_on_or_before == D(year - 3, 12, 31)


def test_target_applies_to_filter_is_inclusive() -> None:
    old, every, _ = default_campaign(2023).targets
    assert old.applies_to(D(2020, 12, 31))
    assert old.applies_to(D(2015, 1, 1))
    assert not old.applies_to(D(2021, 1, 1))
    assert every.applies_to(D(2022, 12, 31))
    assert every.applies_to(D(1999, 1, 1))


def test_in_backlog_is_on_or_before_cutoff() -> None:
    c = default_campaign(2023)
    assert c.in_backlog(D(2022, 12, 31))
    assert c.in_backlog(D(2010, 5, 5))
    assert not c.in_backlog(D(2023, 1, 1))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2023, 3, 29), None),
        (D(2023, 3, 30), "inventory"),
        (D(2023, 3, 31), "inventory"),
        (D(2023, 4, 1), "clearing"),
        (D(2023, 6, 30), "clearing"),
        (D(2023, 7, 1), "final_push"),
        (D(2023, 9, 15), "final_push"),
        (D(2023, 9, 16), "acceptance"),
        (D(2023, 9, 30), "acceptance"),
        (D(2023, 10, 1), None),
    ],
)
def test_phase_on(day: date, expected: str | None) -> None:
    phase = default_campaign(2023).phase_on(day)
    assert (phase.key if phase else None) == expected


def test_phase_on_gap_between_phases_is_none() -> None:
    c = replace(
        default_campaign(2023),
        phases=(
            Phase("a", "A", D(2023, 4, 1), D(2023, 4, 10)),
            Phase("b", "B", D(2023, 4, 20), D(2023, 4, 30)),
        ),
    )
    assert c.validate() == []
    assert c.phase_on(D(2023, 4, 15)) is None
    assert c.phase_on(D(2023, 4, 20)) == c.phases[1]


BASE = default_campaign(2023)
P = BASE.phases
T = BASE.targets


def with_target(**changes: object) -> Campaign:
    return replace(BASE, targets=(replace(T[1], **changes),))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("campaign", "code"),
    [
        (replace(BASE, name="  "), "name_blank"),
        (replace(BASE, start=D(2023, 10, 1), phases=(), targets=()), "campaign_dates"),
        (replace(BASE, cutoff_date=D(2023, 3, 30)), "cutoff_not_before_start"),
        (replace(BASE, reference_date=D(2022, 12, 30)), "reference_before_cutoff"),
        (replace(BASE, phases=(P[0], replace(P[1], key=""))), "key_blank"),
        (replace(BASE, phases=(P[0], replace(P[1], key="inventory"))), "phase_key_duplicate"),
        (
            replace(BASE, phases=(replace(P[0], start=D(2023, 4, 2), end=D(2023, 4, 1)),)),
            "phase_dates",
        ),
        (replace(BASE, phases=(replace(P[0], start=D(2023, 3, 29)),)), "phase_outside"),
        (replace(BASE, phases=(replace(P[3], end=D(2023, 10, 1)),)), "phase_outside"),
        (replace(BASE, phases=(P[1], P[0])), "phase_order"),
        (replace(BASE, phases=(P[0], replace(P[1], start=D(2023, 3, 31)))), "phase_overlap"),
        (replace(BASE, targets=(T[0], replace(T[1], key="old_100"))), "target_key_duplicate"),
        (replace(BASE, targets=(replace(T[1], key=""),)), "key_blank"),
        (with_target(due=D(2023, 10, 1)), "target_due_outside"),
        (with_target(due=D(2023, 3, 29)), "target_due_outside"),
        (with_target(required_rate=Decimal("0")), "target_rate"),
        (with_target(required_rate=Decimal("-0.5")), "target_rate"),
        (with_target(required_rate=Decimal("1.01")), "target_rate"),
        (with_target(required_rate=Decimal("NaN")), "target_rate"),
        (with_target(required_rate=Decimal("Infinity")), "target_rate"),
        (with_target(filed_on_or_before=D(2023, 1, 1)), "target_filter_after_cutoff"),
    ],
)
def test_validate_catches_each_problem(campaign: Campaign, code: str) -> None:
    problems = campaign.validate()
    assert [p.code for p in problems] == [code]
    assert all(p.message for p in problems)


def test_validate_accepts_boundary_values() -> None:
    ok = replace(
        BASE,
        cutoff_date=D(2023, 3, 29),  # the day before the start
        reference_date=D(2023, 3, 29),  # equal to the cutoff
        targets=(
            replace(T[0], required_rate=Decimal("1"), filed_on_or_before=D(2023, 3, 29)),
            replace(T[1], due=BASE.start, required_rate=Decimal("0.0001")),
            replace(T[2], due=BASE.end),
        ),
    )
    assert ok.validate() == []


def test_validate_reports_several_problems_at_once() -> None:
    bad = replace(
        BASE,
        name="",
        targets=(
            Target("x", "X", D(2024, 1, 1), Decimal("2")),
            Target("x", "Y", D(2023, 6, 30), Decimal("0.5")),
        ),
    )
    codes = [p.code for p in bad.validate()]
    assert codes == ["name_blank", "target_key_duplicate", "target_due_outside", "target_rate"]
