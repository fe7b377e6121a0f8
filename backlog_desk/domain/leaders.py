"""The leaders' view: who answers for a case (包保领导), and the key categories of enforcement
cases.

Seed 000 (the campaign plan): cases open more than three years are 包保 by the president
(院长); one to three years, followed up by the vice-president in charge of the department
(分管院长). Younger cases have no 包保 leader. Age is counted to the campaign's reference day
(12-31 of the campaign year) by completed months, as everywhere in the ledger.

Seed 002 (clearing enforcement backlog) names seven key categories of enforcement cases.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from .ages import age_months

__all__ = ["ENFORCEMENT_CATEGORIES", "LeaderLevel", "suggested_leader_level"]


class LeaderLevel(StrEnum):
    PRESIDENT = "院长"
    VICE_PRESIDENT = "分管院长"
    NONE = ""


def suggested_leader_level(filing_date: date, reference: date) -> LeaderLevel:
    """院长 for more than 3 years at ``reference``, 分管院长 for 1–3 years, else none."""
    months = age_months(filing_date, reference)
    if months >= 36:
        return LeaderLevel.PRESIDENT
    if months >= 12:
        return LeaderLevel.VICE_PRESIDENT
    return LeaderLevel.NONE


# key → label, in the seed's order (seed 002 §二 "重点清理以下七类案件").
ENFORCEMENT_CATEGORIES: dict[str, str] = {
    "over_one_year": "超期限一年以上",
    "interference": "受地方和部门保护主义干扰及非法干预",
    "hardship_applicant": "特困群体为申请执行人",
    "migrant_wages": "拖欠农民工工资和工程款",
    "should_resume": "中止执行、暂缓执行应当依法恢复执行",
    "traffic_accident": "道路交通事故损害赔偿",
    "repeated_petitions": "当事人多次上访",
}
