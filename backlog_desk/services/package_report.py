"""What applying a package reports, and the in-memory plan the dry run shows: shared by
planning (package_apply), writing (package_write) and setting up (package_setup)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .actor import Role
from .errors import ServiceError

Progress = Callable[[str], None]
# A report lists this many field changes (all are counted and all are audit-logged).
CHANGES_LISTED = 2000


class PackageRejected(ServiceError):
    """The whole package is refused (authenticity, integrity, address); nothing was written."""


@dataclass(frozen=True)
class RefusedRow:
    case_number: str
    uuid: str
    reason: str

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ApplyReport:
    file: str
    sender: str
    fingerprint: str
    seq: int
    ack: int
    kind: str
    status: str = "applied"          # applied | dry-run | already-applied | created
    message: str = ""
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    changes: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)
    settled_conflicts: int = 0
    changed_fields: int = 0
    backup: str = ""
    # The sender's key was not known here before this package: people compare its
    # fingerprint by phone before trusting it.
    first_contact: bool = False
    # Inventory-list confirmations (排查立账) recorded from a department's package.
    confirmations: int = 0

    @property
    def dry_run(self) -> bool:
        return self.status == "dry-run"

    def as_json(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "refused"}
        out["refused"] = [r.as_json() for r in self.refused]
        out["dry_run"] = self.dry_run
        return out


@dataclass
class Plan:
    new: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # id, uuid, my values, their values to take
    updates: list[tuple[int, str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    # id, uuid, JSON (UTF-8 bytes as read from the package, or text for a merged base)
    bases: list[tuple[int | None, str, bytes | str]] = field(default_factory=list)
    unsettled: set[int] = field(default_factory=set)  # differ from the sender's after apply
    conflicts: list[tuple[int, str, str, Any, Any, Any]] = field(default_factory=list)
    agreed_fields: list[tuple[int, str]] = field(default_factory=list)  # (case id, field)


def sender_label(m: dict[str, Any]) -> str:
    s = m.get("sender") or {}
    return "审管办 (audit office)" if s.get("role") == Role.AUDIT else \
        f"{s.get('department', '?')} (department)"
