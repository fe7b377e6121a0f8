"""Rules stored in the database: versioned changes by the audit office, audit-logged, used by
the status of every case from the day they take effect; the `rules` and `add-event` commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from backlog_desk import cli
from backlog_desk.domain.time_limit_rules import LimitUnit, Period
from backlog_desk.domain.time_limits_events import Extension
from backlog_desk.services import time_limits as tl
from backlog_desk.services.errors import InvalidValue, PermissionDenied
from backlog_desk.services.time_limit_rules import load_rules, rule_history, set_rule
from backlog_desk.store.database import Database
from backlog_desk.store.models import AuditEntry

from .conftest import AUDIT, CLERK, audit_count

RECENT = "（2026）吉0105民初1号"    # 民一庭, filed 2026-01-05, open, no procedure (普通程序 row)
D = dt.date


def test_a_change_is_versioned_audited_and_used_from_its_day(ledger: Database) -> None:
    before = tl.case_limit_status(ledger, RECENT, D(2026, 7, 15))
    assert before.status.deadline == D(2026, 7, 5)          # 6 months from 2026-01-05
    n = audit_count(ledger)
    set_rule(ledger, AUDIT, "civil_ordinary.base", "8个月", "本院试行延长普通程序审限",
             effective_from=D(2026, 3, 1))
    assert audit_count(ledger) == n + 1
    with ledger.read() as s:
        entry = s.execute(select(AuditEntry).order_by(AuditEntry.id.desc())).scalars().first()
    assert entry is not None
    assert (entry.actor, entry.action, entry.entity, entry.entity_key, entry.old_value) == (
        "王晓明", "set", "time_limit_setting", "civil_ordinary.base", "6m")
    assert entry.new_value == "8m (本院试行延长普通程序审限)"
    after = tl.case_limit_status(ledger, RECENT, D(2026, 7, 15))
    assert after.status.deadline == D(2026, 9, 5)
    assert "本院自2026年3月1日起将法定审限调整为8个月（王晓明：本院试行延长普通程序审限）" in \
        after.status.steps[0]
    # before the change took effect the old limit still applies: history is not rewritten
    assert tl.case_limit_status(ledger, RECENT, D(2026, 2, 1)).status.deadline == D(2026, 7, 5)
    # and the deadline list uses the same rules
    listed = {r.case_number: r for r in tl.deadlines(ledger, D(2026, 7, 15)).rows}
    assert listed[RECENT].deadline == D(2026, 9, 5)


def test_history_keeps_every_version(ledger: Database) -> None:
    set_rule(ledger, AUDIT, "approaching_days", "20", "提前预警", effective_from=D(2026, 1, 1))
    set_rule(ledger, AUDIT, "approaching_days", "30", "再提前", effective_from=D(2026, 6, 1))
    history = rule_history(ledger)
    assert [(h.key, h.value, h.effective_from, h.reason) for h in history] == [
        ("approaching_days", "20", D(2026, 1, 1), "提前预警"),
        ("approaching_days", "30", D(2026, 6, 1), "再提前")]
    assert load_rules(ledger, D(2026, 5, 31)).thresholds.approaching_days == 20
    assert load_rules(ledger, D(2026, 6, 1)).thresholds.approaching_days == 30


def test_only_the_audit_office_with_a_reason_and_a_valid_value(ledger: Database) -> None:
    n = audit_count(ledger)
    with pytest.raises(PermissionDenied):
        set_rule(ledger, CLERK, "approaching_days", "20", "x")
    with pytest.raises(InvalidValue, match="needs a reason"):
        set_rule(ledger, AUDIT, "approaching_days", "20", "  ")
    with pytest.raises(InvalidValue, match="unknown setting"):
        set_rule(ledger, AUDIT, "civil_ordinary.bse", "6m", "typo")
    with pytest.raises(InvalidValue, match="not a period"):
        set_rule(ledger, AUDIT, "civil_ordinary.base", "半年", "x")
    assert audit_count(ledger) == n and rule_history(ledger) == []


def test_event_checks_use_the_rules_in_force(ledger: Database) -> None:
    # the president may grant 6 months by default; the court lowers it to 3
    set_rule(ledger, AUDIT, "civil_ordinary.extension1", "3m", "从严审批",
             effective_from=D(2026, 1, 1))
    with pytest.raises(InvalidValue, match="至多批准延长3个月"):
        tl.add_event(ledger, AUDIT, RECENT, Extension(D(2026, 6, 20), Period(6, LimitUnit.MONTHS),
                                                      "本院院长"), today=D(2026, 7, 15))


def test_cli_rules_and_add_event(ledger: Database, capsys: pytest.CaptureFixture[str]) -> None:
    if ledger.path is None:
        pytest.skip("the command line test needs a file")
    db = str(Path(ledger.path))
    code = cli.main(["rules", db, "--set", "civil_ordinary.base=7m", "--set", "refile_days=60",
                     "--reason", "审委会决定", "--from", "2026-01-01", "--as", "王晓明",
                     "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and [c["key"] for c in doc["changed"]] == ["civil_ordinary.base",
                                                                "refile_days"]
    assert doc["thresholds"]["refile_days"] == 60
    row = next(r for r in doc["rules"] if r["key"] == "civil_ordinary")
    assert row["base"] == "7个月" and row["source"].startswith("民事诉讼法第152条")
    assert cli.main(["rules", db, "--set", "x=1", "--json"]) == 2        # no reason
    capsys.readouterr()
    assert cli.main(["rules", db, "--set", "x=1", "--reason", "r", "--json"]) == 1
    assert "unknown setting" in json.loads(capsys.readouterr().out)["error"]

    code = cli.main(["add-event", db, RECENT, "--kind", "扣除", "--start", "2026-02-01",
                     "--end", "2026.3.3", "--reason", "鉴定", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and doc["kind"] == "deduction"
    assert tl.case_events(ledger, RECENT)[0].end == D(2026, 3, 3)  # type: ignore[union-attr]
    # an overlapping deduction is refused with the domain's reason, exit 1
    code = cli.main(["add-event", db, RECENT, "--kind", "deduction", "--start", "2026-02-10",
                     "--reason", "公告", "--json"])
    assert code == 1 and "期间重叠" in json.loads(capsys.readouterr().out)["error"]
    code = cli.main(["add-event", db, RECENT, "--kind", "extension", "--start", "2026-06-01",
                     "--json"])
    assert code == 1 and "months or days" in json.loads(capsys.readouterr().out)["error"]
