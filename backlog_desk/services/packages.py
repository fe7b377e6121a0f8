"""Package exchange between the audit office and departments: identity, peers, case rows.

An installation gets an id and an Ed25519 key pair the first time it needs them (kept in
`app_meta`). Peers are recorded on first contact, their key trusted on first use and shown
as a fingerprint people compare by phone. The case rows a package carries are plain JSON:
dates as ISO text, people and departments by name, so both sides compare like with like.

`export_package` and `apply_package` live in package_export.py and package_apply.py; this
module holds what both use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backlog_desk import __version__
from backlog_desk.domain.ledger import DEPARTMENT_FIELDS
from backlog_desk.exchange.package_file import fingerprint, new_private_key, public_key_of
from backlog_desk.store.ids import uuid7
from backlog_desk.store.models import AppMeta, SyncPeer

from .actor import Role

APP_VERSION = __version__

# The fields a package carries for each case, in this order. `baseline` says whether the
# case is in the active campaign's frozen list.
CASE_FIELDS: tuple[str, ...] = (
    "case_number", "case_number_raw", "year", "court_code", "type_code", "family", "title",
    "cause", "filing_date", "department", "judge", "leader", "procedure", "reason_category",
    "reason", "expected_close_date", "measures", "status", "closed_date", "close_manner",
    "committee_date", "committee_decision", "supervision_level", "notes", "baseline",
    "closure_candidate",
)
DATE_FIELDS = frozenset({"filing_date", "expected_close_date", "closed_date",
                         "committee_date"})
# What a department's package may change; everything else is the audit office's.
DEPARTMENT_OWNED: frozenset[str] = DEPARTMENT_FIELDS

def _json_pairs(dialect: str) -> str:
    """The arguments of SQL's JSON object builder for one case, in CASE_FIELDS order: the
    database writes a package's case rows itself, far faster than Python can."""
    true, false = ("json('true')", "json('false')") if dialect == "sqlite" else ("true", "false")
    special = {
        "department": "coalesce(d.name, '')", "judge": "coalesce(j.name, '')",
        "leader": "coalesce(l.name, '')",
        "baseline": (f"CASE WHEN c.baseline_campaign_id IS NULL THEN {false} "
                     f"ELSE {true} END"),
        "closure_candidate": f"CASE WHEN c.closure_candidate THEN {true} ELSE {false} END",
    }
    return ", ".join(f"'{f}', {special.get(f, 'c.' + f)}" for f in CASE_FIELDS)


def case_json_query(dialect: str, where: str) -> str:
    """uuid, the case as JSON text, id, and the peer's base (bound as :peer) for the cases
    matching `where`."""
    build = (f"json_object({_json_pairs(dialect)})" if dialect == "sqlite"
             else f"json_build_object({_json_pairs(dialect)})::text")
    return (f"SELECT c.uuid, {build}, c.id, b.data FROM cases c "
            "LEFT JOIN department d ON d.id = c.department_id "
            "LEFT JOIN person j ON j.id = c.judge_id "
            "LEFT JOIN person l ON l.id = c.leader_id "
            "LEFT JOIN sync_base b ON b.peer_id = :peer AND b.case_id = c.id " + where)


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def set_meta(s: Session, key: str, value: str) -> None:
    row = s.get(AppMeta, key)
    if row is None:
        s.add(AppMeta(key=key, value=value))
    else:
        row.value = value
    s.flush()


@dataclass(frozen=True)
class Identity:
    installation_id: str
    private_key: bytes
    role: str
    department: str

    @property
    def public_key(self) -> bytes:
        return public_key_of(self.private_key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def identity(s: Session) -> Identity:
    """This installation's id and key pair, made on first need inside the caller's
    transaction."""
    meta = {k: v for k, v in s.execute(select(AppMeta.key, AppMeta.value))}
    inst, key = meta.get("installation_id", ""), meta.get("signing_key", "")
    if not inst or not key:
        inst, key = uuid7(), new_private_key().hex()
        set_meta(s, "installation_id", inst)
        set_meta(s, "signing_key", key)
    return Identity(inst, bytes.fromhex(key), meta.get("role", Role.AUDIT),
                    meta.get("department", ""))


def peer_label(peer: SyncPeer) -> str:
    return ("审管办 (audit office)" if peer.role == Role.AUDIT
            else f"{peer.department} (department)")


@dataclass(frozen=True)
class PeerView:
    id: int
    role: str
    department: str
    installation_id: str
    fingerprint: str
    last_sent_seq: int
    last_received_seq: int
    acked_seq: int
    last_sent_at: dt.datetime | None
    last_received_at: dt.datetime | None

    def as_json(self) -> dict[str, Any]:
        return {k: _json_value(getattr(self, k)) if not isinstance(getattr(self, k),
                                                                    dt.datetime)
                else getattr(self, k).isoformat(timespec="seconds")
                for k in self.__dataclass_fields__}


def list_peers(s: Session) -> list[PeerView]:
    return [PeerView(p.id, p.role, p.department, p.installation_id or "", p.fingerprint,
                     p.last_sent_seq, p.last_received_seq, p.acked_seq, p.last_sent_at,
                     p.last_received_at)
            for p in s.scalars(select(SyncPeer).order_by(SyncPeer.role, SyncPeer.department))]
