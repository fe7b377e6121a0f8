"""Package exchange between the audit office and departments: identity, peers, case rows.

An installation gets an id and an Ed25519 key pair the first time it needs them: the id and
public key in `app_meta`, the private key in a per-user key file outside the ledger
(store/signing_key.py). Peers are recorded on first contact, their key trusted on first use
and shown as a fingerprint people compare by phone. The case rows a package carries are
plain JSON: dates as ISO text, people and departments by name, so both sides compare like
with like.

`export_package` and `apply_package` live in package_export.py and package_apply.py; this
module holds what both use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from backlog_desk import __version__
from backlog_desk.domain.ledger import DEPARTMENT_FIELDS
from backlog_desk.exchange.package_file import fingerprint, new_private_key
from backlog_desk.store import audit, signing_key
from backlog_desk.store.database import Database
from backlog_desk.store.ids import uuid7
from backlog_desk.store.models import AppMeta, SyncOutbox, SyncPeer, UserAccount

from .actor import Actor, Role
from .errors import InvalidValue, NotFound, PermissionDenied

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
    public_key: bytes
    role: str
    department: str
    key_file: Path

    @property
    def private_key(self) -> bytes:
        """The signing key, read from its file only when a package is signed: a ledger
        whose key file is not on this PC still receives packages, it cannot send."""
        try:
            key = signing_key.read_key(self.key_file)
        except signing_key.SigningKeyError as exc:
            raise InvalidValue(
                f"this ledger's package-signing key is not on this computer ({exc}). Copy "
                f"the key file {self.key_file.name} from the computer that used this ledger "
                f"into {self.key_file.parent} (see the README on moving to a new PC), or "
                "make a new key with `signing-key DB --new`: every peer must then confirm "
                "the new fingerprint by phone", field="signing_key",
                file=str(self.key_file)) from exc
        if signing_key.public_key_of(key) != self.public_key:
            raise InvalidValue(
                f"{self.key_file} holds another key than the one this ledger signs with "
                f"({self.fingerprint}); packages signed with it would be refused",
                field="signing_key", file=str(self.key_file))
        return key

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def identity(s: Session, key_dir: Path | None = None) -> Identity:
    """This installation's id and public key, made on first need inside the caller's
    transaction (the private key goes to its key file; store.signing_key).

    A ledger that has an id but no key file on this PC gets no new key here: its peers
    know the old fingerprint, so a new key is an explicit act (`new_signing_key`).
    """
    conn = s.connection()
    if s.get(AppMeta, signing_key.LEGACY_KEY) is not None:
        # A file that still carries its key (restored raw, or written by an older app).
        signing_key.move_key_out(conn, key_dir)
        s.expire_all()
    meta = {k: v for k, v in s.execute(select(AppMeta.key, AppMeta.value))}
    inst, public = meta.get("installation_id", ""), meta.get(signing_key.PUBLIC_KEY, "")
    if inst and not public and signing_key.LEGACY_KEY in meta:
        raise InvalidValue(
            f"this ledger still holds its signing key, and the key file "
            f"{signing_key.key_file(inst, key_dir)} holds another one: move one of them "
            "away and open the ledger again", field="signing_key")
    if inst and not public:
        path = signing_key.key_file(inst, key_dir)
        if path.exists():
            # A backup from before the key left the database: its key file is here.
            try:
                public = signing_key.public_key_of(signing_key.read_key(path)).hex()
            except signing_key.SigningKeyError as exc:
                raise InvalidValue(str(exc), field="signing_key", file=str(path)) from exc
            set_meta(s, signing_key.PUBLIC_KEY, public)
    if inst and not public and s.execute(select(SyncOutbox.seq).limit(1)).first():
        # Peers know this installation's key: a new one must be an explicit act.
        raise InvalidValue(
            "this ledger has sent packages but its public key is missing from the file; "
            "restore it from a backup, or make a new key with `signing-key DB --new` (every "
            "peer must then confirm the new fingerprint by phone)", field="signing_key")
    if not inst or not public:
        inst = inst or uuid7()
        public = _new_key_file(s, signing_key.key_file(inst, key_dir)).hex()
        set_meta(s, "installation_id", inst)
        set_meta(s, signing_key.PUBLIC_KEY, public)
    return Identity(inst, bytes.fromhex(public), meta.get("role", Role.AUDIT),
                    meta.get("department", ""), signing_key.key_file(inst, key_dir))


def _new_key_file(s: Session, path: Path, previous: bytes | None = None) -> bytes:
    """A new private key written to `path` (before the transaction that records it
    commits, so a recorded key always has its file); if the transaction does not commit,
    the file is removed, or the `previous` key put back. Returns the public key."""
    private = new_private_key()
    signing_key.write_key(path, private)
    committed: list[bool] = []
    ended: list[bool] = []

    def on_commit(_s: Session) -> None:
        if not ended:
            committed.append(True)

    def on_end(_s: Session, transaction: Any) -> None:
        # Listeners cannot be removed while they run; the flag makes them inert instead.
        if transaction.parent is None and not ended:
            ended.append(True)
            if committed:
                return
            if previous is not None:
                signing_key.write_key(path, previous)
            else:
                path.unlink(missing_ok=True)

    event.listen(s, "after_commit", on_commit)
    event.listen(s, "after_transaction_end", on_end)
    return signing_key.public_key_of(private)


def new_signing_key(db: Database, actor: Actor, reason: str,
                    key_dir: Path | None = None) -> Identity:
    """Replace this installation's signing key (a lost key file, a key that may have
    leaked). The audit office or a department head only; audited. Every peer will refuse
    the new key until it forgets the old one (`forget_peer_key`) after a phone check."""
    if actor.role not in (Role.AUDIT, Role.DEPARTMENT, Role.SYSTEM):
        raise PermissionDenied(f"{actor.name} ({actor.role}) may not replace the key")
    if not reason.strip():
        raise InvalidValue("say why the key is replaced (--reason)", field="reason")
    with db.session() as s:
        if s.execute(select(UserAccount.id).limit(1)).first() is not None \
                and actor.role == Role.DEPARTMENT:
            actor.require_head("replace the department's signing key", _department(s))
        old = identity_or_none(s, key_dir)
        inst = old.installation_id if old else uuid7()
        path = signing_key.key_file(inst, key_dir)
        previous = None
        if path.exists():
            try:
                previous = signing_key.read_key(path)
            except signing_key.SigningKeyError as exc:
                raise InvalidValue(str(exc), field="signing_key", file=str(path)) from exc
            # Kept beside: a key replaced by mistake can be put back.
            signing_key.write_key(path.with_name(
                f"{path.stem}.replaced-{dt.datetime.now():%Y%m%d-%H%M%S}.pem"), previous)
        public = _new_key_file(s, path, previous).hex()
        set_meta(s, "installation_id", inst)
        set_meta(s, signing_key.PUBLIC_KEY, public)
        new_fp = fingerprint(bytes.fromhex(public))
        audit.append(s, actor.name, [audit.Change(
            "new-signing-key", "installation", inst,
            old_value=old.fingerprint if old else "", new_value=new_fp)],
            source=f"signing-key: {reason.strip()}"[:250])
        return identity(s, key_dir)


def _department(s: Session) -> str:
    row = s.get(AppMeta, "department")
    return row.value if row is not None else ""


def identity_or_none(s: Session, key_dir: Path | None = None) -> Identity | None:
    """The identity as recorded, without making one."""
    meta = {k: v for k, v in s.execute(select(AppMeta.key, AppMeta.value))}
    inst, public = meta.get("installation_id", ""), meta.get(signing_key.PUBLIC_KEY, "")
    if not inst or not public:
        return None
    return Identity(inst, bytes.fromhex(public), meta.get("role", Role.AUDIT),
                    meta.get("department", ""), signing_key.key_file(inst, key_dir))


def forget_peer_key(db: Database, actor: Actor, peer_name: str) -> PeerView:
    """Forget the key known for a peer (after it made a new one), so its next package is
    treated as a first contact: shown with its fingerprint and the warning to compare it
    by phone. Sequence numbers are kept. The audit office, or a department's head."""
    if actor.role not in (Role.AUDIT, Role.DEPARTMENT, Role.SYSTEM):
        raise PermissionDenied(f"{actor.name} ({actor.role}) may not change peers")
    with db.session() as s:
        if s.execute(select(UserAccount.id).limit(1)).first() is not None \
                and actor.role == Role.DEPARTMENT:
            actor.require_head("forget the audit office's key", _department(s))
        wanted = (SyncPeer.role == Role.AUDIT) if peer_name in ("audit", "审管办") else (
            (SyncPeer.role == Role.DEPARTMENT) & (SyncPeer.department == peer_name))
        peer = s.scalars(select(SyncPeer).where(wanted)).first()
        if peer is None:
            raise NotFound(f"no peer {peer_name!r} in this ledger (see `peers`)", field="peer")
        old = peer.fingerprint
        peer.installation_id, peer.public_key, peer.fingerprint = None, "", ""
        audit.append(s, actor.name, [audit.Change(
            "forget-peer-key", "peer", peer_label(peer), old_value=old, new_value="")],
            source="signing-key")
        s.flush()
        return _view(peer)


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
    return [_view(p) for p in s.scalars(select(SyncPeer).order_by(SyncPeer.role,
                                                                    SyncPeer.department))]


def _view(p: SyncPeer) -> PeerView:
    return PeerView(p.id, p.role, p.department, p.installation_id or "", p.fingerprint,
                    p.last_sent_seq, p.last_received_seq, p.acked_seq, p.last_sent_at,
                    p.last_received_at)
