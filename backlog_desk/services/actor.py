"""Who performs an operation. Every service call takes an Actor; the audit log names it."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import StrEnum

from backlog_desk.domain.ledger import DEPARTMENT_FIELDS, EDITABLE_FIELDS

from .errors import PermissionDenied


class Role(StrEnum):
    AUDIT = "audit"            # 审管办: owns membership, assignment and the frozen baseline
    DEPARTMENT = "department"  # a department's clerk or head: progress of its own cases
    LEADER = "leader"          # 院领导: reads everything, changes nothing
    SYSTEM = "system"          # the app itself (demo data, migrations)


class AccountRole(StrEnum):
    """The role of a local user account (services/accounts.py)."""

    CLERK = "clerk"    # 录入: keeps the department's ledger
    HEAD = "head"      # 庭长: also confirms the department's inventory list and returns
    AUDIT = "audit"    # 审管办 staff
    LEADER = "leader"  # 院领导: reads everything, changes nothing

    @property
    def role(self) -> Role:
        if self in (AccountRole.CLERK, AccountRole.HEAD):
            return Role.DEPARTMENT
        return Role.AUDIT if self is AccountRole.AUDIT else Role.LEADER


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    department: str | None = None
    # The signed-in account's role; None when the database has no accounts yet, where the
    # person at the PC holds every right of the installation's role (as before accounts).
    account: AccountRole | None = None

    @property
    def is_head(self) -> bool:
        """A department head, or a department user of a file without accounts."""
        return self.role is Role.DEPARTMENT and self.account in (None, AccountRole.HEAD)

    def require_write(self, what: str) -> None:
        if self.role is Role.LEADER:
            raise PermissionDenied(f"{self.name} may not {what}: leaders have read-only access")

    def require_head(self, what: str, department: str) -> None:
        """Only the head of `department` (or the app itself) may do `what`."""
        if self.role is Role.SYSTEM:
            return
        if not (self.is_head and self.department == department):
            raise PermissionDenied(
                f"{self.name} ({self.account or self.role}) may not {what}: only the head "
                f"(庭长) of {department} may")

    def may_edit(self, field: str, case_department: str | None) -> bool:
        if self.role in (Role.AUDIT, Role.SYSTEM):
            return field in EDITABLE_FIELDS
        if self.role is Role.DEPARTMENT:
            return field in DEPARTMENT_FIELDS and case_department == self.department
        return False

    def require_edit(self, field: str, case_department: str | None, case_number: str) -> None:
        if not self.may_edit(field, case_department):
            if self.role is Role.LEADER:
                why = "leaders have read-only access"
            elif self.role is Role.DEPARTMENT and case_department != self.department:
                owner = case_department or "no department"
                why = f"the case belongs to {owner}, not {self.department}"
            else:
                why = f"field {field!r} is owned by the audit office"
            raise PermissionDenied(f"{self.name} may not change {field} of {case_number}: {why}",
                                   field=field)

    def require_audit(self, what: str) -> None:
        if self.role not in (Role.AUDIT, Role.SYSTEM):
            raise PermissionDenied(f"{self.name} ({self.role}) may not {what}: audit office only")


SYSTEM = Actor("system", Role.SYSTEM)


def account_actor(name: str, account: AccountRole, department: str | None) -> Actor:
    """The actor of a signed-in account; only department roles carry a department."""
    dept = department if account.role is Role.DEPARTMENT else None
    return Actor(name, account.role, dept, account)


def local_user(role: Role, department: str | None = None) -> Actor:
    """The person at this PC, until accounts exist (issue 6): the OS login name."""
    try:
        name = getpass.getuser()
    except Exception:
        name = "user"
    return Actor(name, role, department)
