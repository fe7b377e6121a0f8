"""A case's history from the audit log, newest first, ending with how the case was created."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from backlog_desk.services import cases
from backlog_desk.services.errors import InvalidValue, NotFound
from backlog_desk.services.history import CREATED, case_history
from backlog_desk.services.imports import import_case_list
from backlog_desk.store.database import Database
from tests.exchange.messy_files import cn, write_xlsx

from .conftest import AUDIT, CLERK

NUMBER = "（2019）吉0105民初11号"
TODAY = dt.date(2026, 7, 15)
HEADER = ["案号", "案件名称", "立案日期", "承办部门", "承办人", "案件状态", "结案日期"]


def test_edits_come_newest_first_with_actor_values_and_source(ledger: Database) -> None:
    cases.update_case(ledger, CLERK, NUMBER, {"reason": "等待鉴定结论"}, source="gui",
                      today=TODAY)
    cases.update_case(ledger, CLERK, NUMBER, {"reason": "鉴定已完成", "expected_close_date":
                                              "2026.9.30"}, source="cli", today=TODAY)
    history = case_history(ledger, "(2019)吉0105民初11")  # any typed form of the number
    edits = [(h.actor, h.field, h.old_value, h.new_value, h.source) for h in history[:-1]]
    assert edits == [
        ("李娜", "expected_close_date", "", "2026-09-30", "cli"),
        ("李娜", "reason", "等待鉴定结论", "鉴定已完成", "cli"),
        ("李娜", "reason", "", "等待鉴定结论", "gui"),
    ]
    times = [h.at for h in history[:-1]]
    assert times == sorted(times, reverse=True)
    created = history[-1]
    assert created.is_creation and created.action == CREATED
    assert created.field is None and created.source == "test"  # the conftest's cases
    uuid = cases.get_case(ledger, NUMBER).uuid
    assert case_history(ledger, uuid) == history  # by uuid as well


def test_other_cases_entries_are_not_shown(ledger: Database) -> None:
    cases.update_case(ledger, AUDIT, "（2020）吉0105民初22号", {"notes": "另案"}, today=TODAY)
    history = case_history(ledger, NUMBER)
    assert [h.action for h in history] == [CREATED]


def test_imported_case_names_its_file_and_batch(ledger: Database, tmp_path: Path) -> None:
    first = write_xlsx(tmp_path, "第一批.xlsx", {"案件": [
        HEADER, [cn(7), "张三诉李四", dt.date(2021, 3, 5), "民一庭", "张伟", "未结", None]]})
    import_case_list(ledger, AUDIT, first)
    second = write_xlsx(tmp_path, "第二批.xlsx", {"案件": [
        HEADER, [cn(7), "张三诉李四", dt.date(2021, 3, 5), "民一庭", "刘洋", "未结", None]]})
    import_case_list(ledger, AUDIT, second)
    history = case_history(ledger, cn(7))
    assert [(h.field, h.old_value, h.new_value, h.file_name, h.actor) for h in history] == [
        ("judge", "张伟", "刘洋", "第二批.xlsx", "王晓明"),
        (None, "", cn(7), "第一批.xlsx", "王晓明"),
    ]
    assert history[-1].is_creation and history[-1].source == "第一批.xlsx"


def test_unknown_or_invalid_case_is_refused(ledger: Database) -> None:
    with pytest.raises(NotFound):
        case_history(ledger, "（2018）吉0105民初1号")
    with pytest.raises(NotFound):
        case_history(ledger, "00000000-0000-0000-0000-000000000000")
    with pytest.raises(InvalidValue):
        case_history(ledger, "不是案号")
