"""Accounts, sign-in with --as, backups and restore from the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from backlog_desk.cli import main

CASE = "（2019）吉0105民初11号"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in argv and out.strip() else out), err


@pytest.fixture
def court(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "court.db"
    assert main(["demo", str(path), "--scale", "300", "--seed", "7",
                 "--as-of", "2026-07-15"]) == 0
    capsys.readouterr()
    return path


def _dept_case(db: Path, department: str) -> str:
    con = sqlite3.connect(db)
    try:
        return str(con.execute(
            "SELECT c.case_number FROM cases c JOIN department d ON d.id = c.department_id "
            "WHERE d.name = ? AND c.status = 'open' ORDER BY c.id LIMIT 1",
            (department,)).fetchone()[0])
    finally:
        con.close()


def _department(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return str(con.execute("SELECT name FROM department ORDER BY sort_order").fetchone()[0])
    finally:
        con.close()


def test_accounts_and_sign_in(court: Path, capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(court)
    dept = _department(court)
    case = _dept_case(court, dept)
    # Before any account the old behaviour holds: --as only names the person.
    assert run(capsys, "set", db, case, "notes=无账户时", "--as", "某人")[0] == 0

    monkeypatch.setenv("BACKLOG_DESK_NEW_PASSWORD", "audit-pass-1")
    code, doc, _ = run(capsys, "user-add", db, "王晓明", "--role", "audit", "--json")
    assert code == 0 and doc["role"] == "audit"
    # Now every changing command signs in.
    monkeypatch.delenv("BACKLOG_DESK_PASSWORD", raising=False)
    code, doc, _ = run(capsys, "set", db, case, "notes=x", "--as", "王晓明", "--json")
    assert code == 2 and "BACKLOG_DESK_PASSWORD" in doc["error"]
    monkeypatch.setenv("BACKLOG_DESK_PASSWORD", "wrong-pass")
    code, doc, _ = run(capsys, "set", db, case, "notes=x", "--as", "王晓明", "--json")
    assert code == 1 and "wrong user name or password" in doc["error"]

    monkeypatch.setenv("BACKLOG_DESK_PASSWORD", "audit-pass-1")
    monkeypatch.setenv("BACKLOG_DESK_NEW_PASSWORD", "clerk-pass-1")
    code, doc, _ = run(capsys, "user-add", db, "李娜", "--role", "clerk", "--department", dept,
                       "--as", "王晓明", "--json")
    assert code == 0 and doc["department"] == dept
    monkeypatch.setenv("BACKLOG_DESK_NEW_PASSWORD", "leader-pass-1")
    assert run(capsys, "user-add", db, "苏洪涛", "--role", "leader", "--as", "王晓明")[0] == 0

    code, doc, _ = run(capsys, "user-list", db, "--json")
    assert [(d["name"], d["role"]) for d in doc] == sorted(
        [("王晓明", "audit"), ("李娜", "clerk"), ("苏洪涛", "leader")])
    assert "-pass-" not in json.dumps(doc) and "scrypt" not in json.dumps(doc)

    monkeypatch.setenv("BACKLOG_DESK_PASSWORD", "clerk-pass-1")
    code, doc, _ = run(capsys, "set", db, case, "notes=李娜填写", "--as", "李娜", "--json")
    assert code == 0 and doc["changed"][0]["new"] == "李娜填写"
    code, doc, _ = run(capsys, "set", db, case, "judge=别人", "--as", "李娜", "--json")
    assert code == 1 and "audit office" in doc["error"]
    code, doc, _ = run(capsys, "user-disable", db, "苏洪涛", "--as", "李娜", "--json")
    assert code == 1

    monkeypatch.setenv("BACKLOG_DESK_PASSWORD", "leader-pass-1")
    code, doc, _ = run(capsys, "set", db, case, "notes=领导", "--as", "苏洪涛", "--json")
    assert code == 1 and "read-only" in doc["error"]

    con = sqlite3.connect(court)
    actors = [r[0] for r in con.execute(
        "SELECT actor FROM audit_log WHERE entity = 'case' AND field = 'notes' ORDER BY id")]
    hashes = [r[0] for r in con.execute("SELECT password_hash FROM user_account")]
    con.close()
    assert actors == ["某人", "李娜"]
    assert all(h.startswith("scrypt$") and "-pass-" not in h for h in hashes)

    # passwd: own password with the old one; the audit office disables an account.
    monkeypatch.setenv("BACKLOG_DESK_PASSWORD", "clerk-pass-1")
    monkeypatch.setenv("BACKLOG_DESK_NEW_PASSWORD", "clerk-pass-2")
    assert run(capsys, "passwd", db, "--as", "李娜")[0] == 0
    assert run(capsys, "set", db, case, "notes=y", "--as", "李娜")[0] == 1
    monkeypatch.setenv("BACKLOG_DESK_PASSWORD", "clerk-pass-2")
    assert run(capsys, "set", db, case, "notes=y", "--as", "李娜")[0] == 0
    monkeypatch.setenv("BACKLOG_DESK_PASSWORD", "audit-pass-1")
    code, doc, _ = run(capsys, "user-disable", db, "李娜", "--as", "王晓明", "--json")
    assert code == 0 and doc["active"] is False
    monkeypatch.setenv("BACKLOG_DESK_PASSWORD", "clerk-pass-2")
    code, doc, _ = run(capsys, "set", db, case, "notes=z", "--as", "李娜", "--json")
    assert code == 1 and "disabled" in doc["error"]


def test_backups_and_restore(court: Path, capsys: pytest.CaptureFixture[str],
                             tmp_path: Path) -> None:
    db = str(court)
    case = _dept_case(court, _department(court))
    code, doc, _ = run(capsys, "backups", db, "--json")
    assert code == 0 and doc == {"kept": 20, "backups": []}
    code, doc, _ = run(capsys, "backups", db, "--keep", "5", "--json")
    assert code == 0 and doc["kept"] == 5
    # An import takes a backup first: the way backups come about.
    export = tmp_path / "export.xlsx"
    assert main(["demo", str(tmp_path / "x.db"), "--scale", "300", "--seed", "8",
                 "--as-of", "2026-07-15", "--export-xlsx", str(export)]) == 0
    assert run(capsys, "set", db, case, "notes=备份前")[0] == 0
    assert run(capsys, "import-cases", db, str(export))[0] == 0
    code, doc, _ = run(capsys, "backups", db, "--json")
    assert len(doc["backups"]) == 1 and doc["backups"][0]["reason"] == "before-import"
    first = doc["backups"][0]["file"]
    assert run(capsys, "set", db, case, "notes=备份后")[0] == 0

    code, doc, _ = run(capsys, "restore", db, first, "--json")
    assert code == 0 and doc["integrity"] == "ok"
    code, listed, _ = run(capsys, "list", db, "--json")
    assert next(r for r in listed if r["case_number"] == case)["notes"] == "备份前"
    code, doc, _ = run(capsys, "backups", db, "--json")
    assert {b["reason"] for b in doc["backups"]} >= {"before-restore"}

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 50)
    code, doc, _ = run(capsys, "restore", db, str(junk), "--json")
    assert code == 1 and "not a SQLite" in doc["error"]
    code, doc, _ = run(capsys, "restore", db, "no-such-backup.db", "--json")
    assert code == 1 and "no such backup" in doc["error"]
    code, listed, _ = run(capsys, "list", db, "--json")
    assert next(r for r in listed if r["case_number"] == case)["notes"] == "备份前"


def test_console_confirmation_and_packages_for_all(court: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(court)
    dept = _department(court)
    code, doc, _ = run(capsys, "console", db, "--as-of", "2026-07-20", "--json")
    assert code == 0 and doc["as_of"] == "2026-07-20"
    row = next(r for r in doc["departments"] if r["department"] == dept)
    assert row["last_sent_seq"] is None and row["return_overdue_days"] == 20
    assert row["confirmed_at"] is None

    monkeypatch.setenv("BACKLOG_DESK_NEW_PASSWORD", "audit-pass-1")
    assert run(capsys, "user-add", db, "王晓明", "--role", "audit")[0] == 0
    monkeypatch.setenv("BACKLOG_DESK_PASSWORD", "audit-pass-1")
    monkeypatch.setenv("BACKLOG_DESK_NEW_PASSWORD", "head-pass-1")
    assert run(capsys, "user-add", db, "陈刚", "--role", "head", "--department", dept,
               "--as", "王晓明")[0] == 0
    code, doc, _ = run(capsys, "confirm-inventory", db, "--as", "王晓明", "--json")
    assert code == 1 and "head" in doc["error"]
    monkeypatch.setenv("BACKLOG_DESK_PASSWORD", "head-pass-1")
    code, doc, _ = run(capsys, "confirm-inventory", db, "--as", "陈刚", "--json")
    assert code == 0 and doc["department"] == dept and doc["cases"] == row["inventory_cases"]

    code, doc, _ = run(capsys, "export-packages", db, "--out-dir", str(tmp_path / "out"),
                       "--as", "陈刚", "--json")
    assert code == 1 and "audit office only" in doc["error"]
    monkeypatch.setenv("BACKLOG_DESK_PASSWORD", "audit-pass-1")
    code, doc, _ = run(capsys, "export-packages", db, "--out-dir", str(tmp_path / "out"),
                       "--as", "王晓明", "--json")
    assert code == 0 and len(doc) == len(list((tmp_path / "out").iterdir())) >= 2
    code, doc, _ = run(capsys, "console", db, "--as-of", "2026-07-20", "--json")
    row = next(r for r in doc["departments"] if r["department"] == dept)
    assert row["last_sent_seq"] == 1 and row["confirmed_by"] == "陈刚"
    assert row["confirmation_current"] is True
