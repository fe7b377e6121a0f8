"""Sign-in attempts are logged (failed and successful) and repeated failures lock a name."""

from __future__ import annotations

import datetime as dt
import json
import socket

import pytest

from backlog_desk.services import accounts
from backlog_desk.services.accounts import LOCK_AFTER, LOCK_FOR, AuthenticationFailed
from backlog_desk.services.actor import Role, local_user
from backlog_desk.services.check import check_database
from backlog_desk.store.database import Database

T0 = dt.datetime(2026, 7, 20, 9, 0, 0)


@pytest.fixture
def staffed(ledger: Database) -> Database:
    accounts.add_account(ledger, local_user(Role.AUDIT), "王晓明", "audit", "audit-pass-1")
    admin = accounts.authenticate(ledger, "王晓明", "audit-pass-1", now=T0)
    accounts.add_account(ledger, admin, "李娜", "clerk", "clerk-pass-1", "民一庭")
    return ledger


def _fail(db: Database, name: str, password: str, at: dt.datetime) -> str:
    with pytest.raises(AuthenticationFailed) as exc:
        accounts.authenticate(db, name, password, now=at)
    return str(exc.value)


def test_failed_and_successful_sign_ins_are_logged_with_name_time_and_computer(
        staffed: Database) -> None:
    t = T0 + dt.timedelta(minutes=1)
    wrong = _fail(staffed, "李娜", "nope-nope", t)
    unknown = _fail(staffed, "无此人", "nope-nope", t + dt.timedelta(seconds=1))
    assert wrong == unknown == "wrong user name or password"  # no hint which names exist
    accounts.authenticate(staffed, "李娜", "clerk-pass-1", via="window",
                          now=t + dt.timedelta(seconds=2))
    log = accounts.sign_ins(staffed)
    assert [(r.user, r.ok, r.outcome) for r in log[:3]] == [
        ("李娜", True, "signed in"), ("无此人", False, "unknown user"),
        ("李娜", False, "wrong password")]
    assert log[0].at == t + dt.timedelta(seconds=2)
    assert log[0].where.startswith("window on " + socket.gethostname())
    assert log[-1].user == "王晓明" and log[-1].where.startswith("cli on ")
    assert [r.user for r in accounts.sign_ins(staffed, failed_only=True)] == ["无此人", "李娜"]
    assert [r.outcome for r in accounts.sign_ins(staffed, user="李娜")] == [
        "signed in", "wrong password"]
    # Entries in the hash-chained audit log; the password is nowhere in it.
    report = check_database(staffed)
    assert report.ok, report
    dump = json.dumps([r.as_json() for r in log], ensure_ascii=False)
    assert "nope-nope" not in dump and "clerk-pass-1" not in dump


def test_repeated_failures_lock_the_name_for_a_while_known_or_not(staffed: Database) -> None:
    for name in ("李娜", "无此人"):
        t = T0
        for _ in range(LOCK_AFTER):
            t += dt.timedelta(seconds=10)
            assert _fail(staffed, name, "guess-guess", t) == "wrong user name or password"
        # Locked: even the right password is refused, with the same words for both names.
        locked = _fail(staffed, name, "clerk-pass-1", t + dt.timedelta(minutes=1))
        assert locked.startswith("too many failed sign-ins with this user name")
        assert accounts.locked_until(staffed, name, t) == t + LOCK_FOR
    # Other names are not affected.
    assert accounts.authenticate(staffed, "王晓明", "audit-pass-1",
                                 now=t + dt.timedelta(minutes=1)).name == "王晓明"
    # Once the time has passed the right password works, and the count starts again.
    later = t + LOCK_FOR + dt.timedelta(seconds=1)
    assert accounts.authenticate(staffed, "李娜", "clerk-pass-1", now=later).name == "李娜"
    assert accounts.locked_until(staffed, "李娜", later) is None
    assert _fail(staffed, "李娜", "guess-guess", later) == "wrong user name or password"
    outcomes = [r.outcome for r in accounts.sign_ins(staffed, user="李娜")]
    assert outcomes[:3] == ["wrong password", "signed in", "locked"]


def test_cli_lists_sign_ins(staffed: Database, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    from backlog_desk.cli import main

    path = staffed.path or staffed.url
    monkeypatch.setenv("BACKLOG_DESK_PASSWORD", "wrong-pass")
    assert main(["freeze", str(path), "--as", "李娜", "--json"]) == 1
    capsys.readouterr()
    assert main(["sign-ins", str(path), "--failed", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(r["user"], r["outcome"]) for r in doc["sign_ins"]] == [("李娜", "wrong password")]
