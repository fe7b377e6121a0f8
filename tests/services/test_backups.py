"""Automatic backups: how many are kept, listing them, and restoring one."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from backlog_desk.services import backups
from backlog_desk.services.actor import AccountRole, Actor, Role
from backlog_desk.services.cases import get_case, update_case
from backlog_desk.services.check import check_database
from backlog_desk.services.errors import InvalidValue, NotFound, PermissionDenied
from backlog_desk.services.setup import init_database
from backlog_desk.store.database import backup_dir, migrate, open_database
from backlog_desk.store.migrations import LATEST_VERSION
from backlog_desk.store.models import AuditEntry

from .conftest import AUDIT, KNOWN_CASES, add_cases

CASE = "（2019）吉0105民初11号"


@pytest.fixture
def ledger_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "court.db"
    db = init_database(path, AUDIT, court_name="长春市二道区人民法院", court_code="吉0105",
                       role="audit", campaign_year=2026)
    add_cases(db, KNOWN_CASES)
    db.dispose()
    yield path


def _dump(path: Path) -> list[tuple[object, ...]]:
    """Every row of every table except the audit log's tail, to compare content exactly."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        out: list[tuple[object, ...]] = []
        for t in tables:
            out += [(t, *row) for row in con.execute(f'SELECT * FROM "{t}" ORDER BY 1')]
        return out
    finally:
        con.close()


def test_retention_keeps_the_configured_number_newest_first(ledger_file: Path) -> None:
    db = open_database(ledger_file)
    try:
        assert db.backups_kept() == 20
        assert backups.set_backups_kept(db, AUDIT, 3) == 3
        made = [db.backup(f"import-{i}") for i in range(5)]
        listed = backups.list_backups(db)
        assert [b.path for b in listed] == list(reversed(made[2:]))
        assert [b.reason for b in listed] == ["import-4", "import-3", "import-2"]
        assert all(b.size > 0 for b in listed)
        assert not made[0].exists() and not made[1].exists()  # type: ignore[union-attr]
        # Lowering the number prunes at once; the setting is kept in the file.
        backups.set_backups_kept(db, AUDIT, 1)
        assert [b.reason for b in backups.list_backups(db)] == ["import-4"]
    finally:
        db.dispose()
    reopened = open_database(ledger_file)
    try:
        assert reopened.backups_kept() == 1
        with reopened.read() as s:
            entry = s.execute(select(AuditEntry).where(AuditEntry.entity == "setting")
                              .order_by(AuditEntry.id.desc())).scalars().first()
        assert entry is not None and (entry.old_value, entry.new_value) == ("3", "1")
    finally:
        reopened.dispose()


def test_retention_setting_is_checked_and_needs_the_right_role(ledger_file: Path) -> None:
    db = open_database(ledger_file)
    try:
        with pytest.raises(InvalidValue):
            backups.set_backups_kept(db, AUDIT, 0)
        for who in (Actor("苏洪涛", Role.LEADER, None, AccountRole.LEADER),
                    Actor("李娜", Role.DEPARTMENT, "民一庭", AccountRole.CLERK)):
            with pytest.raises(PermissionDenied):
                backups.set_backups_kept(db, who, 5)
            with pytest.raises(PermissionDenied):
                backups.restore_backup(db, who, "anything.db")
        assert db.backups_kept() == 20
    finally:
        db.dispose()


def test_restore_brings_back_exact_content_and_is_audited(ledger_file: Path) -> None:
    db = open_database(ledger_file)
    try:
        snapshot = db.backup("manual")
        assert snapshot is not None
        before = _dump(ledger_file)
        update_case(db, AUDIT, CASE, {"reason": "等待鉴定", "judge": "刘洋"})
        assert get_case(db, CASE).reason == "等待鉴定"
        result = backups.restore_backup(db, AUDIT, snapshot.name)
        assert result.integrity == "ok" and result.cases == len(KNOWN_CASES)
        assert result.safety_backup.exists()
        after = _dump(ledger_file)
        # Exactly the backed-up content, plus the one audit entry of the restore itself.
        extra = [r for r in after if r not in before]
        assert len(extra) == 1 and extra[0][0] == "audit_log" and extra[0][4] == "restore"
        assert [r for r in before if r not in after] == []
        assert get_case(db, CASE).reason == ""
        assert check_database(db).ok
        # The safety backup holds the state before the restore: restoring it undoes it.
        backups.restore_backup(db, AUDIT, result.safety_backup)
        assert get_case(db, CASE).reason == "等待鉴定"
        assert check_database(db).ok
    finally:
        db.dispose()


def test_restoring_the_oldest_backup_survives_retention(ledger_file: Path) -> None:
    db = open_database(ledger_file)
    try:
        backups.set_backups_kept(db, AUDIT, 2)
        oldest = db.backup("first")
        update_case(db, AUDIT, CASE, {"notes": "改过"})
        db.backup("second")
        assert oldest is not None
        backups.restore_backup(db, AUDIT, oldest)
        assert get_case(db, CASE).notes == ""
        assert len(backups.list_backups(db)) == 2
    finally:
        db.dispose()


@pytest.mark.parametrize("kind", ["text", "truncated", "other_court", "not_ledger", "missing"])
def test_bad_backups_are_refused_and_the_ledger_is_untouched(
        ledger_file: Path, tmp_path: Path, kind: str) -> None:
    db = open_database(ledger_file)
    try:
        update_case(db, AUDIT, CASE, {"notes": "当前内容"})
        good = db.backup("manual")
        assert good is not None
        bad = backup_dir(ledger_file) / f"court-20260101-000000-000000-{kind}.db"
        if kind == "text":
            bad.write_text("这不是数据库" * 100, encoding="utf-8")
        elif kind == "truncated":
            data = good.read_bytes()
            bad.write_bytes(data[: len(data) // 2])
        elif kind == "other_court":
            other = init_database(tmp_path / "other.db", AUDIT, court_name="别的法院",
                                  court_code="京0101", role="audit", campaign_year=2026)
            other.dispose()
            shutil.copy(tmp_path / "other.db", bad)
        elif kind == "not_ledger":
            con = sqlite3.connect(bad)
            con.execute("CREATE TABLE t (x)")
            con.commit()
            con.close()
        before = _dump(ledger_file)
        listed_before = backups.list_backups(db)
        with pytest.raises((InvalidValue, NotFound)):
            backups.restore_backup(db, AUDIT, bad)
        assert _dump(ledger_file) == before
        assert backups.list_backups(db) == listed_before  # not even a safety backup
        assert get_case(db, CASE).notes == "当前内容"
    finally:
        db.dispose()


def test_restoring_an_older_schema_upgrades_it(ledger_file: Path, tmp_path: Path) -> None:
    # A genuine file of schema 4 (before accounts) of the same court, as an old backup is.
    old = backup_dir(ledger_file) / "court-20250101-000000-000000-before-upgrade-v4.db"
    old.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{old}")
    with engine.begin() as conn:
        migrate(conn, 0, 4)
        conn.execute(text("INSERT INTO court (name, code) VALUES ('长春市二道区人民法院', "
                          "'吉0105')"))
    engine.dispose()
    db = open_database(ledger_file)
    try:
        result = backups.restore_backup(db, AUDIT, old.name)
        assert result.schema_version_of_backup == 4 and result.cases == 0
        assert db.meta("schema_version") == str(LATEST_VERSION)
        assert check_database(db).ok
        with sqlite3.connect(ledger_file) as con:
            assert con.execute("SELECT count(*) FROM user_account").fetchone() == (0,)
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_postgresql_ledger_points_to_the_servers_tools(pg_url: str) -> None:
    db = init_database(pg_url, AUDIT, court_name="长春市二道区人民法院", court_code="吉0105",
                       role="audit", campaign_year=2026)
    try:
        assert db.backup("before-import") is None
        with pytest.raises(InvalidValue, match="pg_dump"):
            backups.list_backups(db)
        with pytest.raises(InvalidValue, match="pg_dump"):
            backups.restore_backup(db, AUDIT, "anything.db")
    finally:
        db.dispose()


_KILLED_RESTORE = """
import os, signal, sys
from backlog_desk.services import backups
from backlog_desk.services.actor import Actor, Role
from backlog_desk.store.database import open_database

db = open_database(sys.argv[1])
kill_at = int(sys.argv[3])

def report(done: int, total: int) -> None:
    if done == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

backups.restore_backup(db, Actor("王晓明", Role.AUDIT), sys.argv[2], report=report)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("kill_at", range(6))
def test_a_restore_killed_at_any_step_leaves_the_ledger_before_or_after(
        ledger_file: Path, kill_at: int) -> None:
    db = open_database(ledger_file)
    try:
        snap = db.backup("manual")
        update_case(db, AUDIT, CASE, {"notes": "备份之后"})
    finally:
        db.dispose()
    assert snap is not None
    before = _dump(ledger_file)
    restored = _dump(snap)
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_RESTORE, str(ledger_file), str(snap), str(kill_at)],
        cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True,
        timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    after = _dump(ledger_file)
    if after != before:
        # Restored: exactly the backup plus the one log entry of the restore.
        extra = [r for r in after if r not in restored]
        assert [r[0] for r in extra] == ["audit_log"] and extra[0][4] == "restore"
        assert [r for r in restored if r not in after] == []
    assert (after == before) == (kill_at <= 3)
    db = open_database(ledger_file)
    try:
        assert check_database(db).ok
        # A later restore is not disturbed by what the killed one left behind.
        backups.restore_backup(db, AUDIT, snap)
        assert get_case(db, CASE).notes == ""
    finally:
        db.dispose()
