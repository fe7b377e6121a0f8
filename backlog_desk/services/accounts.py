"""Local user accounts: adding, listing, disabling, passwords and signing in.

Who manages accounts: audit-office accounts manage every account; on a department's own
installation (no audit-office staff there) the department head manages the department's
accounts. The very first account of a file is made by whoever is at the PC, and must be one
that can manage the others (audit on the audit office's file, head on a department's), or
nobody could add the second. Passwords exist only as salted scrypt hashes
(domain/passwords.py); the audit log records that a password changed, never a value.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backlog_desk.domain.passwords import PasswordProblem, check_rules, hash_password
from backlog_desk.domain.passwords import verify_password as _verify
from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.models import AppMeta, Department, UserAccount

from .actor import AccountRole, Actor, Role, account_actor
from .errors import InvalidValue, NotFound, PermissionDenied

ENTITY = "user_account"


class AuthenticationFailed(PermissionDenied):
    pass


@dataclass(frozen=True)
class AccountInfo:
    name: str
    role: AccountRole
    department: str
    active: bool
    created_at: dt.datetime
    created_by: str
    password_changed_at: dt.datetime

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role.value, "department": self.department,
                "active": self.active, "created_at": self.created_at.isoformat(),
                "created_by": self.created_by,
                "password_changed_at": self.password_changed_at.isoformat()}


def _info(row: UserAccount) -> AccountInfo:
    return AccountInfo(row.name, AccountRole(row.role), row.department, row.active,
                       row.created_at, row.created_by, row.password_changed_at)


def _count(s: Session) -> int:
    return int(s.execute(select(func.count()).select_from(UserAccount)).scalar_one())


def has_accounts(db: Database) -> bool:
    """Whether signing in is required: once a file has an account, it always is."""
    with db.read() as s:
        return _count(s) > 0


def list_accounts(db: Database) -> list[AccountInfo]:
    with db.read() as s:
        rows = s.execute(select(UserAccount).order_by(UserAccount.name)).scalars().all()
        return [_info(r) for r in rows]


def _installation(s: Session) -> tuple[str, str]:
    role = s.get(AppMeta, "role")
    dept = s.get(AppMeta, "department")
    return (role.value if role else Role.AUDIT.value), (dept.value if dept else "")


def _may_manage(actor: Actor, department: str, s: Session) -> bool:
    """Whether `actor` may manage an account of `department` ('' for audit/leader)."""
    # Once accounts exist only a signed-in account (or the app itself) manages them.
    if actor.role is Role.SYSTEM or actor.account is AccountRole.AUDIT:
        return True
    inst_role, _ = _installation(s)
    return (inst_role == Role.DEPARTMENT and actor.account is AccountRole.HEAD
            and bool(department) and department == actor.department)


def _password(password: str) -> str:
    try:
        check_rules(password)
    except PasswordProblem as exc:
        raise InvalidValue(str(exc), field="password") from None
    return hash_password(password)


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise InvalidValue("the user name is empty", field="name")
    if len(name) > 60:
        raise InvalidValue("the user name is longer than 60 characters", field="name")
    return name


def _check_department(s: Session, role: AccountRole, department: str | None) -> str:
    if role.role is not Role.DEPARTMENT:
        if department:
            raise InvalidValue(f"a {role.value} account belongs to no department",
                               field="department")
        return ""
    department = (department or "").strip()
    inst_role, inst_dept = _installation(s)
    if inst_role == Role.DEPARTMENT and not department:
        department = inst_dept
    if not department:
        raise InvalidValue(f"a {role.value} account needs a department", field="department")
    if inst_role == Role.DEPARTMENT and department != inst_dept:
        raise InvalidValue(f"this installation is {inst_dept}'s; an account of {department} "
                           "does not belong here", field="department")
    known = set(s.execute(select(Department.name)).scalars())
    if known and department not in known:
        raise InvalidValue(f"no department named {department!r}", field="department")
    return department


def add_account(db: Database, actor: Actor, name: str, role: AccountRole | str,
                password: str, department: str | None = None) -> AccountInfo:
    name = _clean_name(name)
    try:
        role = AccountRole(role)
    except ValueError:
        raise InvalidValue(f"role must be clerk, head, audit or leader, not {role!r}",
                           field="role") from None
    now = dt.datetime.now()
    with db.session() as s:
        dept = _check_department(s, role, department)
        if _count(s) == 0:
            inst_role, _ = _installation(s)
            first = AccountRole.HEAD if inst_role == Role.DEPARTMENT else AccountRole.AUDIT
            if role is not first:
                raise InvalidValue(f"the first account of this file must be a {first.value} "
                                   "account, who can then add the others", field="role")
            if actor.role is Role.LEADER:
                actor.require_write("add the first account")
        elif not _may_manage(actor, dept, s):
            raise PermissionDenied(f"{actor.name} ({actor.account or actor.role}) may not add "
                                   f"accounts" + (f" of {dept}" if dept else ""))
        if s.execute(select(UserAccount.id).where(UserAccount.name == name)).first():
            raise InvalidValue(f"an account named {name!r} exists already", field="name")
        row = UserAccount(name=name, role=role.value, department=dept,
                          password_hash=_password(password), active=True, created_at=now,
                          created_by=actor.name, password_changed_at=now)
        s.add(row)
        audit.append(s, actor.name, [audit.Change(
            "create", ENTITY, name,
            new_value=json.dumps({"role": role.value, "department": dept},
                                 ensure_ascii=False))], source="accounts")
        s.flush()
        return _info(row)


def _get(s: Session, name: str) -> UserAccount:
    row = s.execute(select(UserAccount).where(UserAccount.name == name.strip())
                    ).scalar_one_or_none()
    if row is None:
        raise NotFound(f"no account named {name!r}", field="name")
    return row


def change_password(db: Database, actor: Actor, name: str, new_password: str, *,
                    old_password: str | None = None) -> None:
    """Users change their own password by giving the old one; whoever manages the account
    may reset it without."""
    with db.session() as s:
        row = _get(s, name)
        if row.name == actor.name and actor.account is not None:
            if old_password is None or not _verify(old_password, row.password_hash):
                raise AuthenticationFailed("the current password is wrong", field="password")
        elif not _may_manage(actor, row.department, s):
            raise PermissionDenied(f"{actor.name} may not change the password of {row.name}")
        row.password_hash = _password(new_password)
        row.password_changed_at = dt.datetime.now()
        audit.append(s, actor.name, [audit.Change("update", ENTITY, row.name, "password")],
                     source="accounts")


def set_active(db: Database, actor: Actor, name: str, active: bool) -> AccountInfo:
    """Disable (or enable again) an account; accounts are never deleted, as the audit log
    names them."""
    with db.session() as s:
        row = _get(s, name)
        if not _may_manage(actor, row.department, s):
            raise PermissionDenied(f"{actor.name} may not disable or enable {row.name}")
        if row.name == actor.name and not active:
            raise InvalidValue("you cannot disable your own account", field="name")
        if row.active != active:
            audit.append(s, actor.name, [audit.Change(
                "update", ENTITY, row.name, "active", str(row.active).lower(),
                str(active).lower())], source="accounts")
            row.active = active
        return _info(row)


def authenticate(db: Database, name: str, password: str) -> Actor:
    """The actor of the account, when the password is right and the account active.

    An unknown name and a wrong password get the same answer, so the message does not
    tell a guesser which names exist.
    """
    with db.read() as s:
        row = s.execute(select(UserAccount).where(UserAccount.name == name.strip())
                        ).scalar_one_or_none()
        # Hash even for an unknown name so both answers take equally long.
        stored = row.password_hash if row is not None else hash_password("-")
        ok = _verify(password, stored) and row is not None
        if not ok or row is None:
            raise AuthenticationFailed("wrong user name or password", field="password")
        if not row.active:
            raise AuthenticationFailed(f"the account {row.name} is disabled", field="name")
        return account_actor(row.name, AccountRole(row.role), row.department or None)
