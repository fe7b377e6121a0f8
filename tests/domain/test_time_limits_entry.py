"""Events from loose fields (window, command line, export columns): kinds as people write
them, lengths, and why a set of fields makes no event."""

from __future__ import annotations

import datetime as dt

import pytest

from backlog_desk.domain.time_limit_rules import days, months
from backlog_desk.domain.time_limits_events import (
    Deduction,
    Extension,
    ProcedureChange,
    Suspension,
    event_from_fields,
)

D = dt.date(2026, 3, 1)


@pytest.mark.parametrize(("kind", "cls"), [
    ("deduction", Deduction), ("扣除审限", Deduction), ("扣除", Deduction),
    ("中止", Suspension), ("中止审理", Suspension), ("SUSPENSION", Suspension),
])
def test_period_kinds_as_written(kind: str, cls: type) -> None:
    made = event_from_fields(kind, D, dt.date(2026, 4, 1), reason=" 鉴定 ")
    assert made == cls(D, dt.date(2026, 4, 1), "鉴定", "")


def test_extensions_in_months_or_days_and_superior_approval_by_name() -> None:
    assert event_from_fields("延长", D, months=6, approver="本院院长") == Extension(
        D, months(6), "本院院长", False, "")
    assert event_from_fields("延长审限", D, days=30, approver="长春市中级人民法院") == Extension(
        D, days(30), "长春市中级人民法院", True, "")
    assert event_from_fields("extension", D, months=3, superior=True) == Extension(
        D, months(3), "", True, "")


def test_procedure_change() -> None:
    assert event_from_fields("简易转普通", D, to_procedure="普通程序",
                             from_procedure="简易程序") == ProcedureChange(
        D, "普通程序", "简易程序", "")


@pytest.mark.parametrize(("kwargs", "why"), [
    ({"kind": "休假", "start": D}, "unknown event kind"),
    ({"kind": "扣除", "start": None}, "start"),
    ({"kind": "延长", "start": D}, "months or days"),
    ({"kind": "延长", "start": D, "months": 1, "days": 30}, "months or days"),
    ({"kind": "延长", "start": D, "end": D, "months": 1}, "not an end date"),
    ({"kind": "扣除", "start": D, "months": 1}, "not a length"),
    ({"kind": "程序转换", "start": D}, "new procedure"),
])
def test_fields_that_make_no_event_say_why(kwargs: dict, why: str) -> None:  # type: ignore[type-arg]
    kind, start = kwargs.pop("kind"), kwargs.pop("start")
    made = event_from_fields(kind, start, **kwargs)
    assert isinstance(made, str) and why in made
