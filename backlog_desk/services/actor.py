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


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    department: str | None = None

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


def local_user(role: Role, department: str | None = None) -> Actor:
    """The person at this PC, until accounts exist (issue 6): the OS login name."""
    try:
        name = getpass.getuser()
    except Exception:
        name = "user"
    return Actor(name, role, department)
