"""The ledger's fields: what each one holds, who owns it, and which values are allowed.

The field names are the stable ones used by the command line (`list --json`, `set FIELD=VALUE`),
the store and the workbook exchange; labels are the Chinese headers clerks know.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


STATUS_LABELS: dict[str, str] = {Status.OPEN: "未结", Status.CLOSED: "已结"}


class Owner(StrEnum):
    """Who may change a field: the audit office owns membership and assignment, a department
    owns the progress of its own cases (seed 000: departments fill in reasons and dates)."""

    AUDIT = "audit"
    DEPARTMENT = "department"
    SYSTEM = "system"


class Kind(StrEnum):
    TEXT = "text"
    DATE = "date"
    CHOICE = "choice"


@dataclass(frozen=True)
class ReasonCategory:
    key: str
    label: str
    lawful: bool  # a 法定事由 that justifies staying open (seed 000, 四(三))


# The seeds' own grouping of reasons a case is not closed.
REASON_CATEGORIES: tuple[ReasonCategory, ...] = (
    ReasonCategory("subjective", "主观原因", False),
    ReasonCategory("request", "请示汇报", False),
    ReasonCategory("complex", "疑难复杂", False),
    ReasonCategory("appraisal", "鉴定评估", True),
    ReasonCategory("publication", "公告送达", True),
    ReasonCategory("suspension", "中止审理", True),
    ReasonCategory("bankruptcy", "破产程序", True),
    ReasonCategory("criminal", "涉刑事程序", True),
    ReasonCategory("jurisdiction", "管辖异议", True),
    ReasonCategory("other", "其他客观原因", False),
)
REASON_BY_KEY = {r.key: r for r in REASON_CATEGORIES}
REASON_BY_LABEL = {r.label: r for r in REASON_CATEGORIES}

CLOSE_MANNERS: tuple[str, ...] = (
    "判决", "调解", "撤诉", "驳回", "裁定", "移送", "终结本次执行", "执行完毕", "和解", "其他",
)
PROCEDURES: tuple[str, ...] = ("普通程序", "简易程序", "小额诉讼", "速裁程序", "特别程序", "")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: Kind
    owner: Owner
    choices: tuple[str, ...] = ()


FIELDS: tuple[Field, ...] = (
    Field("case_number", "案号", Kind.TEXT, Owner.AUDIT),
    Field("title", "案件名称", Kind.TEXT, Owner.AUDIT),
    Field("cause", "案由", Kind.TEXT, Owner.AUDIT),
    Field("filing_date", "立案日期", Kind.DATE, Owner.AUDIT),
    Field("department", "承办部门", Kind.TEXT, Owner.AUDIT),
    Field("judge", "承办人", Kind.TEXT, Owner.AUDIT),
    Field("leader", "包保领导", Kind.TEXT, Owner.AUDIT),
    Field("procedure", "适用程序", Kind.CHOICE, Owner.AUDIT, PROCEDURES),
    Field("reason_category", "未结原因类别", Kind.CHOICE, Owner.DEPARTMENT,
          (*(r.key for r in REASON_CATEGORIES), "")),
    Field("reason", "未结原因", Kind.TEXT, Owner.DEPARTMENT),
    Field("expected_close_date", "预计结案日期", Kind.DATE, Owner.DEPARTMENT),
    Field("measures", "清结措施", Kind.TEXT, Owner.DEPARTMENT),
    Field("status", "状态", Kind.CHOICE, Owner.DEPARTMENT, (Status.OPEN, Status.CLOSED)),
    Field("closed_date", "结案日期", Kind.DATE, Owner.DEPARTMENT),
    Field("close_manner", "结案方式", Kind.CHOICE, Owner.DEPARTMENT, (*CLOSE_MANNERS, "")),
    Field("committee_date", "审委会研究日期", Kind.DATE, Owner.AUDIT),
    Field("committee_decision", "审委会意见", Kind.TEXT, Owner.AUDIT),
    Field("supervision_level", "督办级别", Kind.TEXT, Owner.AUDIT),
    Field("notes", "备注", Kind.TEXT, Owner.DEPARTMENT),
)
FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}

# Fields `set` may change; the case number and filing date identify a case and only change
# through a new export from the case-management system.
EDITABLE_FIELDS: frozenset[str] = frozenset(
    f.name for f in FIELDS if f.name not in {"case_number", "filing_date"}
)
DEPARTMENT_FIELDS: frozenset[str] = frozenset(
    f.name for f in FIELDS if f.owner is Owner.DEPARTMENT
)

TEXT_LIMITS: dict[str, int] = {
    "title": 500, "cause": 200, "department": 60, "judge": 60, "leader": 60,
    "reason": 2000, "measures": 2000, "committee_decision": 2000, "notes": 2000,
    "supervision_level": 40,
}
