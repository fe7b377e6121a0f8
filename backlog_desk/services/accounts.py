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
import getpass
import json
import socket
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from backlog_desk.domain.passwords import PasswordProblem, check_rules, hash_password
from backlog_desk.domain.passwords import verify_password as _verify
from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.models import AppMeta, AuditEntry, Department, UserAccount

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


# After this many failed sign-ins in a row for one name (known or not), that name is
# refused without looking at the password until LOCK_FOR has passed since the last one.
LOCK_AFTER = 5
LOCK_FOR = dt.timedelta(minutes=5)
SIGN_IN, SIGN_IN_FAILED, SIGN_IN_LOCKED = "sign-in", "sign-in-failed", "sign-in-locked"
SIGN_IN_ACTIONS = (SIGN_IN, SIGN_IN_FAILED, SIGN_IN_LOCKED)
# Apart from the accounts' own history: the name tried need not be an account.
SIGN_IN_ENTITY = "sign_in"


def _where(via: str) -> str:
    """Which computer and OS login the attempt came from (a shared PostgreSQL ledger is
    used from several PCs)."""
    try:
        user = getpass.getuser()
    except Exception:  # no login name in the environment (a service)
        user = "?"
    return f"sign-in: {via} on {socket.gethostname()} (OS user {user})"[:250]


def _at(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def locked_until(db: Database, name: str, now: dt.datetime | None = None
                 ) -> dt.datetime | None:
    """When sign-in for `name` opens again, or None when it is open."""
    now = now or dt.datetime.now()
    with db.read() as s:
        rows = s.execute(
            select(AuditEntry.action, AuditEntry.at)
            .where(AuditEntry.entity == SIGN_IN_ENTITY,
                   AuditEntry.entity_key == name.strip()[:80],
                   AuditEntry.action.in_((SIGN_IN, SIGN_IN_FAILED)))
            .order_by(AuditEntry.id.desc()).limit(LOCK_AFTER)).all()
    if len(rows) < LOCK_AFTER or any(a != SIGN_IN_FAILED for a, _ in rows):
        return None
    until = _at(rows[0][1]) + LOCK_FOR
    return until if until > now else None


def _log_attempt(db: Database, name: str, action: str, note: str, via: str,
                 now: dt.datetime) -> None:
    tried = name.strip() or "(empty)"
    try:
        with db.session() as s:
            audit.append(s, tried[:60], [audit.Change(action, SIGN_IN_ENTITY, tried[:80],
                                                      new_value=note or None)],
                         source=_where(via), at=now)
    except OperationalError:
        # A ledger on read-only media cannot record it; it cannot be changed either.
        pass


def authenticate(db: Database, name: str, password: str, *, via: str = "cli",
                 now: dt.datetime | None = None) -> Actor:
    """The actor of the account, when the password is right and the account active.

    Every attempt is written to the audit log (the name tried, when, from which computer:
    `sign_ins`). An unknown name and a wrong password get the same answer, so the message
    does not tell a guesser which names exist; after LOCK_AFTER failures in a row for one
    name, known or not, that name is refused for LOCK_FOR (the same answer for both).
    """
    now = now or dt.datetime.now()
    until = locked_until(db, name, now)
    if until is not None:
        _log_attempt(db, name, SIGN_IN_LOCKED, "", via, now)
        raise AuthenticationFailed(
            f"too many failed sign-ins with this user name; try again after "
            f"{until:%H:%M}", field="password")
    with db.read() as s:
        row = s.execute(select(UserAccount).where(UserAccount.name == name.strip())
                        ).scalar_one_or_none()
        # Hash even for an unknown name so both answers take equally long.
        stored = row.password_hash if row is not None else hash_password("-")
        ok = _verify(password, stored) and row is not None
        found = None if row is None else (row.name, row.role, row.department, row.active)
    if not ok or found is None:
        _log_attempt(db, name, SIGN_IN_FAILED, "unknown user" if found is None
                     else "wrong password", via, now)
        raise AuthenticationFailed("wrong user name or password", field="password")
    user, role, department, active = found
    if not active:
        _log_attempt(db, name, SIGN_IN_FAILED, "account disabled", via, now)
        raise AuthenticationFailed(f"the account {user} is disabled", field="name")
    _log_attempt(db, name, SIGN_IN, "", via, now)
    return account_actor(user, AccountRole(role), department or None)


@dataclass(frozen=True)
class SignIn:
    at: dt.datetime
    user: str          # the name as typed
    ok: bool
    outcome: str       # signed in / wrong password / unknown user / account disabled / locked
    where: str         # how and from which computer

    def as_json(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(timespec="seconds"), "user": self.user,
                "ok": self.ok, "outcome": self.outcome, "where": self.where}


def sign_ins(db: Database, *, failed_only: bool = False, user: str | None = None,
             limit: int = 200) -> list[SignIn]:
    """The latest sign-in attempts, newest first, for the audit office to read."""
    actions = (SIGN_IN_FAILED, SIGN_IN_LOCKED) if failed_only else SIGN_IN_ACTIONS
    query = (select(AuditEntry.at, AuditEntry.entity_key, AuditEntry.action,
                    AuditEntry.new_value, AuditEntry.source)
             .where(AuditEntry.entity == SIGN_IN_ENTITY, AuditEntry.action.in_(actions))
             .order_by(AuditEntry.id.desc()).limit(max(1, limit)))
    if user:
        query = query.where(AuditEntry.entity_key == user.strip()[:80])
    with db.read() as s:
        rows = s.execute(query).all()
    out = []
    for at, who, action, note, source in rows:
        outcome = ("signed in" if action == SIGN_IN else "locked" if action == SIGN_IN_LOCKED
                   else str(note or "failed"))
        out.append(SignIn(_at(at), str(who), action == SIGN_IN, outcome,
                          str(source).removeprefix("sign-in: ")))
    return out
