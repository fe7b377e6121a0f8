"""A backlog-clearance campaign (专项行动): baseline cutoff, phases and dated targets.

The baseline (旧存案件) is every case filed on or before ``cutoff_date`` and still open when the
list is frozen; rates are computed against that frozen list (see ``rates``). Ages are measured
to ``reference_date`` ("by the end of this year"), not to today.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise

__all__ = ["Campaign", "CampaignProblem", "Phase", "Target", "default_campaign"]


@dataclass(frozen=True)
class CampaignProblem:
    """A problem in a campaign definition, returned by :meth:`Campaign.validate`."""

    code: str
    message: str


@dataclass(frozen=True)
class Phase:
    """A stage of the campaign, ``start`` to ``end`` inclusive."""

    key: str
    name: str
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Target:
    """By ``due``, at least ``required_rate`` of the matching baseline cases are closed.

    ``filed_on_or_before`` narrows the target to older cases (e.g. 100 % of those filed on or
    before 2020-12-31); None means every baseline case. ``due`` is inclusive: closures on the
    due day count.
    """

    key: str
    name: str
    due: date
    required_rate: Decimal
    filed_on_or_before: date | None = None

    def applies_to(self, filing_date: date) -> bool:
        """Whether a baseline case filed on ``filing_date`` counts toward this target."""
        return self.filed_on_or_before is None or filing_date <= self.filed_on_or_before


@dataclass(frozen=True)
class Campaign:
    """Campaign definition. Build freely, then call :meth:`validate` before use."""

    name: str
    cutoff_date: date
    reference_date: date
    start: date
    end: date
    phases: tuple[Phase, ...] = ()
    targets: tuple[Target, ...] = ()

    def in_backlog(self, filing_date: date) -> bool:
        """Whether a case filed on ``filing_date`` belongs to the baseline (filed by cutoff)."""
        return filing_date <= self.cutoff_date

    def phase_on(self, day: date) -> Phase | None:
        """The phase running on ``day`` (inclusive bounds), or None outside every phase."""
        for phase in self.phases:
            if phase.contains(day):
                return phase
        return None

    def validate(self) -> list[CampaignProblem]:
        """Every problem found, in a stable order; an empty list means the campaign is usable.

        Codes: name_blank, campaign_dates, cutoff_not_before_start, reference_before_cutoff,
        key_blank, phase_key_duplicate, phase_dates, phase_outside, phase_order, phase_overlap,
        target_key_duplicate, target_due_outside, target_rate, target_filter_after_cutoff.
        Gaps between phases are allowed (phase_on returns None there).
        """
        problems: list[CampaignProblem] = []
        add = problems.append
        if not self.name.strip():
            add(CampaignProblem("name_blank", "专项行动名称不能为空"))
        if self.start > self.end:
            add(CampaignProblem("campaign_dates", f"开始日期{self.start}晚于结束日期{self.end}"))
        if self.cutoff_date >= self.start:
            add(
                CampaignProblem(
                    "cutoff_not_before_start",
                    f"旧存案件截止日期{self.cutoff_date}应早于开始日期{self.start}",
                )
            )
        if self.reference_date < self.cutoff_date:
            add(
                CampaignProblem(
                    "reference_before_cutoff",
                    f"账龄计算基准日{self.reference_date}早于旧存案件截止日期{self.cutoff_date}",
                )
            )
        problems.extend(self._phase_problems())
        problems.extend(self._target_problems())
        return problems

    def _phase_problems(self) -> list[CampaignProblem]:
        problems: list[CampaignProblem] = []
        add = problems.append
        for key, count in Counter(p.key for p in self.phases).items():
            if count > 1:
                add(CampaignProblem("phase_key_duplicate", f"阶段标识“{key}”重复"))
        for phase in self.phases:
            label = phase.name or phase.key
            if not phase.key.strip():
                add(CampaignProblem("key_blank", f"阶段“{label}”缺少标识"))
            if phase.start > phase.end:
                add(
                    CampaignProblem(
                        "phase_dates", f"阶段“{label}”开始日期{phase.start}晚于结束日期{phase.end}"
                    )
                )
            if phase.start < self.start or phase.end > self.end:
                add(
                    CampaignProblem(
                        "phase_outside",
                        f"阶段“{label}”（{phase.start}至{phase.end}）超出专项行动期间"
                        f"（{self.start}至{self.end}）",
                    )
                )
        for previous, current in pairwise(self.phases):
            if current.start < previous.start:
                add(
                    CampaignProblem(
                        "phase_order",
                        f"阶段“{current.name or current.key}”应排在"
                        f"“{previous.name or previous.key}”之前",
                    )
                )
            elif current.start <= previous.end:
                add(
                    CampaignProblem(
                        "phase_overlap",
                        f"阶段“{previous.name or previous.key}”与"
                        f"“{current.name or current.key}”时间重叠",
                    )
                )
        return problems

    def _target_problems(self) -> list[CampaignProblem]:
        problems: list[CampaignProblem] = []
        add = problems.append
        for key, count in Counter(t.key for t in self.targets).items():
            if count > 1:
                add(CampaignProblem("target_key_duplicate", f"目标标识“{key}”重复"))
        for target in self.targets:
            label = target.name or target.key
            if not target.key.strip():
                add(CampaignProblem("key_blank", f"目标“{label}”缺少标识"))
            if not self.start <= target.due <= self.end:
                add(
                    CampaignProblem(
                        "target_due_outside",
                        f"目标“{label}”的期限{target.due}不在专项行动期间"
                        f"（{self.start}至{self.end}）内",
                    )
                )
            rate = target.required_rate
            # NaN must be caught before comparing: Decimal NaN comparisons raise.
            if not rate.is_finite() or not Decimal(0) < rate <= Decimal(1):
                add(
                    CampaignProblem(
                        "target_rate", f"目标“{label}”的清结率要求{rate}应大于0且不超过100%"
                    )
                )
            if target.filed_on_or_before is not None and (
                target.filed_on_or_before > self.cutoff_date
            ):
                add(
                    CampaignProblem(
                        "target_filter_after_cutoff",
                        f"目标“{label}”的立案日期条件{target.filed_on_or_before}"
                        f"晚于旧存案件截止日期{self.cutoff_date}",
                    )
                )
        return problems


def default_campaign(year: int, name: str | None = None) -> Campaign:
    """The campaign of seed 000 (二道区法院 2023) moved to ``year``.

    Baseline: filed on or before (year-1)-12-31; ages to year-12-31; 03-30 to 09-30 in four
    phases; targets: cases filed on or before (year-3)-12-31 (over 3 years old by year end)
    100 % by 06-30, all baseline cases 80 % by 06-30 and 95 % by 09-15.
    """
    old_cutoff = date(year - 3, 12, 31)
    return Campaign(
        name=name if name is not None else f"{year}年旧存案件清结专项行动",
        cutoff_date=date(year - 1, 12, 31),
        reference_date=date(year, 12, 31),
        start=date(year, 3, 30),
        end=date(year, 9, 30),
        phases=(
            Phase("inventory", "排查立账", date(year, 3, 30), date(year, 3, 31)),
            Phase("clearing", "落实清积", date(year, 4, 1), date(year, 6, 30)),
            Phase("final_push", "集中攻坚", date(year, 7, 1), date(year, 9, 15)),
            Phase("acceptance", "验收反馈", date(year, 9, 16), date(year, 9, 30)),
        ),
        targets=(
            Target(
                "old_100",
                f"{old_cutoff.year}年12月31日前立案的案件应结尽结",
                date(year, 6, 30),
                Decimal("1"),
                old_cutoff,
            ),
            Target("all_80", "旧存案件清结率达到80%以上", date(year, 6, 30), Decimal("0.80")),
            Target("all_95", "旧存案件清结率达到95%以上", date(year, 9, 15), Decimal("0.95")),
        ),
    )
