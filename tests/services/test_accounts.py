"""Accounts, roles and permissions, enforced by the services whatever the caller."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from backlog_desk.services import accounts
from backlog_desk.services.accounts import AuthenticationFailed
from backlog_desk.services.actor import SYSTEM, AccountRole, Actor, Role, local_user
from backlog_desk.services.campaigns import freeze_baseline
from backlog_desk.services.cases import update_case
from backlog_desk.services.confirmations import confirm_inventory
from backlog_desk.services.errors import InvalidValue, NotFound, PermissionDenied
from backlog_desk.services.setup import init_database
from backlog_desk.store.database import Database
from backlog_desk.store.models import AuditEntry, UserAccount

OWN_CASE = "（2019）吉0105民初11号"  # 民一庭
OTHER_CASE = "（2025）吉0105刑初5号"  # 刑事审判庭


@pytest.fixture
def staffed(ledger: Database) -> Database:
    """The audit office's file with one account of every role."""
    first = local_user(Role.AUDIT)
    accounts.add_account(ledger, first, "王晓明", "audit", "audit-pass-1")
    admin = accounts.authenticate(ledger, "王晓明", "audit-pass-1")
    accounts.add_account(ledger, admin, "李娜", "clerk", "clerk-pass-1", "民一庭")
    accounts.add_account(ledger, admin, "陈刚", "head", "head-pass-1", "民一庭")
    accounts.add_account(ledger, admin, "周庭", "head", "head-pass-2", "执行局")
    accounts.add_account(ledger, admin, "苏洪涛", "leader", "leader-pass-1")
    return ledger


def _entries(db: Database, entity: str) -> list[AuditEntry]:
    with db.read() as s:
        return list(s.execute(select(AuditEntry).where(AuditEntry.entity == entity)
                              .order_by(AuditEntry.id)).scalars())


def test_authenticated_actors_carry_name_role_and_department(staffed: Database) -> None:
    clerk = accounts.authenticate(staffed, "李娜", "clerk-pass-1")
    assert clerk == Actor("李娜", Role.DEPARTMENT, "民一庭", AccountRole.CLERK)
    assert accounts.authenticate(staffed, "苏洪涛", "leader-pass-1").role is Role.LEADER
    assert accounts.authenticate(staffed, "王晓明", "audit-pass-1").department is None
    assert [a.name for a in accounts.list_accounts(staffed)] == sorted(
        ["王晓明", "李娜", "陈刚", "周庭", "苏洪涛"])


def test_wrong_password_unknown_user_and_disabled_account_are_refused(
        staffed: Database) -> None:
    with pytest.raises(AuthenticationFailed) as wrong:
        accounts.authenticate(staffed, "李娜", "clerk-pass-2")
    with pytest.raises(AuthenticationFailed) as unknown:
        accounts.authenticate(staffed, "无此人", "clerk-pass-1")
    assert str(wrong.value) == str(unknown.value)  # does not tell which names exist
    admin = accounts.authenticate(staffed, "王晓明", "audit-pass-1")
    accounts.set_active(staffed, admin, "李娜", False)
    with pytest.raises(AuthenticationFailed, match="disabled"):
        accounts.authenticate(staffed, "李娜", "clerk-pass-1")
    accounts.set_active(staffed, admin, "李娜", True)
    assert accounts.authenticate(staffed, "李娜", "clerk-pass-1").name == "李娜"


def test_passwords_are_stored_only_as_salted_hashes(staffed: Database) -> None:
    with staffed.read() as s:
        rows = {r.name: r.password_hash for r in s.execute(select(UserAccount)).scalars()}
        log = [(e.old_value, e.new_value) for e in s.execute(select(AuditEntry)).scalars()]
    assert "clerk-pass-1" not in rows["李娜"] and rows["李娜"].startswith("scrypt$")
    assert len(set(rows.values())) == len(rows)
    for old, new in log:
        for pw in ("audit-pass-1", "clerk-pass-1", "head-pass-1", "leader-pass-1"):
            assert pw not in (old or "") and pw not in (new or "")
    if staffed.path is not None:  # nowhere in the file either
        assert b"clerk-pass-1" not in staffed.path.read_bytes()


def test_first_account_must_be_able_to_manage_the_others(ledger: Database) -> None:
    with pytest.raises(InvalidValue, match="first account"):
        accounts.add_account(ledger, local_user(Role.AUDIT), "李娜", "clerk", "secret1",
                             "民一庭")
    assert not accounts.has_accounts(ledger)
    accounts.add_account(ledger, local_user(Role.AUDIT), "王晓明", "audit", "secret1")
    assert accounts.has_accounts(ledger)
    # Once there is an account, a person who has not signed in adds nobody.
    with pytest.raises(PermissionDenied):
        accounts.add_account(ledger, local_user(Role.AUDIT), "黑客", "audit", "secret1")


@pytest.mark.parametrize("who,password", [("李娜", "clerk-pass-1"), ("陈刚", "head-pass-1"),
                                          ("苏洪涛", "leader-pass-1")])
def test_only_the_audit_office_manages_accounts_on_its_file(staffed: Database, who: str,
                                                            password: str) -> None:
    actor = accounts.authenticate(staffed, who, password)
    with pytest.raises(PermissionDenied):
        accounts.add_account(staffed, actor, "新人", "clerk", "secret1", "民一庭")
    with pytest.raises(PermissionDenied):
        accounts.set_active(staffed, actor, "周庭", False)
    with pytest.raises(PermissionDenied):
        accounts.change_password(staffed, actor, "周庭", "secret9")


def test_role_permissions_at_the_service_layer(staffed: Database) -> None:
    clerk = accounts.authenticate(staffed, "李娜", "clerk-pass-1")
    head = accounts.authenticate(staffed, "陈刚", "head-pass-1")
    other_head = accounts.authenticate(staffed, "周庭", "head-pass-2")
    leader = accounts.authenticate(staffed, "苏洪涛", "leader-pass-1")
    admin = accounts.authenticate(staffed, "王晓明", "audit-pass-1")
    # clerk: own department's fields of own cases only
    update_case(staffed, clerk, OWN_CASE, {"reason": "等待鉴定"})
    with pytest.raises(PermissionDenied):
        update_case(staffed, clerk, OTHER_CASE, {"reason": "等待鉴定"})
    with pytest.raises(PermissionDenied):
        update_case(staffed, clerk, OWN_CASE, {"judge": "刘洋"})
    with pytest.raises(PermissionDenied):
        freeze_baseline(staffed, clerk)
    # leader: reads only
    with pytest.raises(PermissionDenied, match="read-only"):
        update_case(staffed, leader, OWN_CASE, {"reason": "x"})
    with pytest.raises(PermissionDenied):
        freeze_baseline(staffed, leader)
    # only the department's head confirms its inventory list
    for refused in (clerk, other_head, leader, admin):
        with pytest.raises(PermissionDenied, match="head"):
            confirm_inventory(staffed, refused, "民一庭")
    done = confirm_inventory(staffed, head, "民一庭")
    assert done.confirmed_by == "陈刚" and done.cases == 4  # 11, 22, 33, 44号
    # the audit office owns assignment
    update_case(staffed, admin, OWN_CASE, {"judge": "刘洋"})


def test_audit_log_names_the_signed_in_user(staffed: Database) -> None:
    clerk = accounts.authenticate(staffed, "李娜", "clerk-pass-1")
    update_case(staffed, clerk, OWN_CASE, {"measures": "每周督促"})
    with staffed.read() as s:
        last = s.execute(select(AuditEntry).where(AuditEntry.entity == "case")
                         .order_by(AuditEntry.id.desc())).scalars().first()
    assert last is not None and last.actor == "李娜" and last.field == "measures"
    created = [(e.actor, e.entity_key) for e in _entries(staffed, "user_account")]
    assert created[0] == (local_user(Role.AUDIT).name, "王晓明")
    assert ("王晓明", "李娜") in created


def test_changing_and_resetting_passwords(staffed: Database) -> None:
    clerk = accounts.authenticate(staffed, "李娜", "clerk-pass-1")
    with pytest.raises(AuthenticationFailed):
        accounts.change_password(staffed, clerk, "李娜", "new-pass-1", old_password="nope")
    with pytest.raises(InvalidValue, match="at least"):
        accounts.change_password(staffed, clerk, "李娜", "short",
                                 old_password="clerk-pass-1")
    accounts.change_password(staffed, clerk, "李娜", "new-pass-1", old_password="clerk-pass-1")
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate(staffed, "李娜", "clerk-pass-1")
    admin = accounts.authenticate(staffed, "王晓明", "audit-pass-1")
    accounts.change_password(staffed, admin, "李娜", "reset-pass-1")
    assert accounts.authenticate(staffed, "李娜", "reset-pass-1").name == "李娜"
    log = _entries(staffed, "user_account")
    assert [(e.actor, e.field, e.old_value, e.new_value) for e in log if e.field == "password"
            ] == [("李娜", "password", None, None), ("王晓明", "password", None, None)]
    with pytest.raises(NotFound):
        accounts.change_password(staffed, admin, "无此人", "secret99")


def test_bad_account_data_is_refused(staffed: Database) -> None:
    admin = accounts.authenticate(staffed, "王晓明", "audit-pass-1")
    with pytest.raises(InvalidValue, match="exists"):
        accounts.add_account(staffed, admin, "李娜", "clerk", "secret1", "民一庭")
    with pytest.raises(InvalidValue, match="needs a department"):
        accounts.add_account(staffed, admin, "新人", "clerk", "secret1")
    with pytest.raises(InvalidValue, match="no department"):
        accounts.add_account(staffed, admin, "新人", "clerk", "secret1", "不存在庭")
    with pytest.raises(InvalidValue, match="role"):
        accounts.add_account(staffed, admin, "新人", "boss", "secret1")
    with pytest.raises(InvalidValue, match="own account"):
        accounts.set_active(staffed, admin, "王晓明", False)


def test_department_installation_head_manages_its_accounts(tmp_path: Path) -> None:
    db = init_database(tmp_path / "dept.db", SYSTEM,
                       court_name="长春市二道区人民法院", court_code="吉0105",
                       role="department", department="民一庭", campaign_year=2026)
    try:
        first = local_user(Role.DEPARTMENT, "民一庭")
        with pytest.raises(InvalidValue, match="head"):
            accounts.add_account(db, first, "李娜", "clerk", "secret1")
        accounts.add_account(db, first, "陈刚", "head", "secret1")  # department implied
        head = accounts.authenticate(db, "陈刚", "secret1")
        assert head.department == "民一庭" and head.is_head
        accounts.add_account(db, head, "李娜", "clerk", "secret2")
        with pytest.raises(InvalidValue, match="does not belong here"):
            accounts.add_account(db, head, "张三", "clerk", "secret3", "执行局")
        with pytest.raises(PermissionDenied):
            accounts.add_account(db, head, "王五", "audit", "secret3")
        clerk = accounts.authenticate(db, "李娜", "secret2")
        assert not clerk.is_head
        with pytest.raises(PermissionDenied):
            accounts.add_account(db, clerk, "张三", "clerk", "secret3")
        accounts.set_active(db, head, "李娜", False)
    finally:
        db.dispose()
