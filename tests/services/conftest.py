"""A small ledger with known content, on every database target."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.directory import Directory
from backlog_desk.services.setup import init_database
from backlog_desk.store.database import Database
from backlog_desk.store.models import AuditEntry, Case

AUDIT = Actor("王晓明", Role.AUDIT)
CLERK = Actor("李娜", Role.DEPARTMENT, "民一庭")
LEADER = Actor("苏洪涛", Role.LEADER)

# (number, filed, department, judge, status, closed)
KNOWN_CASES = [
    ("（2019）吉0105民初11号", dt.date(2019, 5, 6), "民一庭", "张伟", "open", None),
    ("（2020）吉0105民初22号", dt.date(2020, 12, 31), "民一庭", "张伟", "closed",
     dt.date(2026, 5, 10)),
    ("（2022）吉0105民初33号", dt.date(2022, 8, 1), "民一庭", "刘洋", "closed",
     dt.date(2026, 7, 1)),
    ("（2025）吉0105民初44号", dt.date(2025, 6, 30), "民一庭", "刘洋", "open", None),
    ("（2021）吉0105执100号", dt.date(2021, 1, 1), "执行局", "赵敏", "closed",
     dt.date(2026, 4, 2)),
    ("（2024）吉0105执200号", dt.date(2024, 3, 3), "执行局", "赵敏", "closed",
     dt.date(2026, 6, 30)),
    ("（2025）吉0105刑初5号", dt.date(2025, 11, 11), "刑事审判庭", "孙丽", "open", None),
    # filed after the cutoff: not backlog
    ("（2026）吉0105民初1号", dt.date(2026, 1, 5), "民一庭", "刘洋", "open", None),
    # closed before the campaign started: not in the backlog either
    ("（2021）吉0105民初9号", dt.date(2021, 2, 2), "民一庭", "张伟", "closed",
     dt.date(2026, 1, 20)),
]


def add_cases(db: Database, rows: list[tuple]) -> None:  # type: ignore[type-arg]
    now = dt.datetime(2026, 3, 1, 9)
    with db.session() as s:
        d = Directory(s)
        for i, (number, filed, dept, judge, status, closed) in enumerate(rows):
            s.execute(insert(Case).values(
                uuid=str(uuid.uuid4()), case_number=number,
                case_number_raw=number, year=int(number[1:5]), court_code="吉0105",
                type_code="民初", family="civil", title=f"案件{i}", filing_date=filed,
                department_id=d.department_id(dept), judge_id=d.person_id(judge, "judge", dept),
                status=status, closed_date=closed, created_at=now, updated_at=now,
                source="test"))


@pytest.fixture
def ledger(db_target: str | Path) -> Iterator[Database]:
    db = init_database(db_target, AUDIT, court_name="长春市二道区人民法院", court_code="吉0105",
                       role="audit", campaign_year=2026)
    add_cases(db, KNOWN_CASES)
    yield db
    db.dispose()


def audit_count(db: Database) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(AuditEntry)).scalar_one())
