"""A department's return package: it carries the head's inventory confirmation (排查立账) to
the audit office's console, and on a file with accounts only the head may send it."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlog_desk.services.accounts import add_account
from backlog_desk.services.actor import AccountRole, Actor, Role
from backlog_desk.services.confirmations import confirm_inventory, confirmation_rows
from backlog_desk.services.console import console
from backlog_desk.services.errors import Cancelled, PermissionDenied
from backlog_desk.services.package_export import export_package
from backlog_desk.store.database import open_database

from .package_world import TODAY, World, dump


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def _confirmed(world: World, dept: str) -> tuple[str, bool]:
    db = open_database(world.audit)
    try:
        row = next(r for r in console(db, TODAY).rows if r.department == dept)
        return row.confirmed_by, row.confirmation_current
    finally:
        db.dispose()


def test_the_heads_confirmation_reaches_the_console_once(world: World) -> None:
    d1 = world.setup_department(world.d1)
    head = Actor("陈刚", Role.DEPARTMENT, world.d1, AccountRole.HEAD)
    db = open_database(d1)
    try:
        confirm_inventory(db, head, world.d1, note="已逐案核对")
    finally:
        db.dispose()
    package = world.export(d1, "audit", actor=head)
    assert _confirmed(world, world.d1) == ("", False)

    before = dump(world.audit)
    preview = world.apply(world.audit, package, dry_run=True)
    assert preview.confirmations == 1
    assert dump(world.audit) == before  # the dry run recorded nothing

    report = world.apply(world.audit, package)
    assert report.confirmations == 1
    # The department's list and the audit office's are the same: the confirmation holds.
    assert _confirmed(world, world.d1) == ("陈刚", True)
    assert _confirmed(world, world.d2)[0] == ""

    # Every later return carries the confirmations again (a lost package loses nothing);
    # the audit office records each one once.
    world.set(d1, world.cases(d1)[0].case_number, measures="约谈")
    again = world.apply(world.audit, world.export(d1, "audit", actor=head))
    assert again.status == "applied" and again.confirmations == 0
    db = open_database(world.audit)
    try:
        with db.read() as s:
            assert [r["confirmed_by"] for r in confirmation_rows(s, world.d1)] == ["陈刚"]
    finally:
        db.dispose()


def test_only_the_head_sends_the_return_once_the_file_has_accounts(world: World,
                                                                   tmp_path: Path) -> None:
    d1 = world.setup_department(world.d1)
    clerk = Actor("李娜", Role.DEPARTMENT, world.d1, AccountRole.CLERK)
    head = Actor("陈刚", Role.DEPARTMENT, world.d1, AccountRole.HEAD)
    db = open_database(d1)
    try:
        # Without accounts the person at the department's PC may send (as before accounts).
        export_package(db, Actor("李娜", Role.DEPARTMENT, world.d1), "audit",
                       tmp_path / "before-accounts.db")
        add_account(db, Actor("李娜", Role.DEPARTMENT, world.d1), "陈刚", AccountRole.HEAD,
                    "Zhang-2026-pass", world.d1)
        before = dump(d1)
        out = tmp_path / "by-clerk.db"
        with pytest.raises(PermissionDenied, match="head"):
            export_package(db, clerk, "audit", out)
        assert not out.exists()
        assert dump(d1) == before  # no sequence number used, nothing logged
        result = export_package(db, head, "audit", tmp_path / "by-head.db")
        assert result.seq == 2 and Path(result.file).is_file()
    finally:
        db.dispose()


@pytest.mark.parametrize("stop_at", ["cases read", "package written"])
def test_a_cancelled_export_leaves_no_file_and_no_sequence_used(world: World, tmp_path: Path,
                                                                stop_at: str) -> None:
    d1 = world.setup_department(world.d1)
    before = dump(d1)
    out = tmp_path / "cancelled.db"

    def progress(message: str) -> None:
        if stop_at in message:
            raise Cancelled()  # what the window's worker raises after Cancel

    db = open_database(d1)
    try:
        with pytest.raises(Cancelled):
            export_package(db, Actor("李娜", Role.DEPARTMENT, world.d1), "audit", out,
                           progress=progress)
        assert not out.exists()
        assert dump(d1) == before
        again = export_package(db, Actor("李娜", Role.DEPARTMENT, world.d1), "audit", out)
        assert again.seq == 1 and out.is_file()
    finally:
        db.dispose()
