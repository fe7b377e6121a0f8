"""The append-only audit log and its hash chain.

Entries are written in bulk through Core (an import may log 100,000 entries; ORM objects would
cost seconds). Each hash covers the entry's content and the previous hash, so removing,
reordering or editing an entry breaks the chain from that point on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import AuditEntry
from .rows import execute_many, insert_rows

GENESIS = "0" * 64
# json.dumps with options builds a new encoder per call; one shared encoder halves the cost.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class Change(NamedTuple):
    """One entry's content. A named tuple, not a dataclass: a package or an import logs
    100,000 of them, and a tuple is built in a third of the time."""

    action: str
    entity: str
    entity_key: str
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None


def entry_hash(prev_hash: str, at: dt.datetime, actor: str, change: Change, source: str,
               batch_id: int | None) -> str:
    payload = _ENCODER.encode(
        [prev_hash, at.isoformat(timespec="microseconds"), actor, change.action, change.entity,
         change.entity_key, change.field, change.old_value, change.new_value, source, batch_id])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def last_hash(session: Session) -> str:
    value = session.execute(
        select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).scalar_one_or_none()
    return value or GENESIS


def _json(value: Any) -> str:
    """One value as `_ENCODER` writes it inside a list (text and None without the encoder's
    per-call set-up, which is most of its cost for short values)."""
    if value.__class__ is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    return _ENCODER.encode(value)


_COLUMNS = ("at", "actor", "action", "entity", "entity_key", "field", "old_value",
            "new_value", "source", "batch_id", "prev_hash", "hash")


def append(session: Session, actor: str, changes: Iterable[Change], *, source: str = "",
           batch_id: int | None = None, at: dt.datetime | None = None) -> int:
    """Append entries inside the caller's transaction; returns how many were written."""
    when = at or dt.datetime.now()
    prev = last_hash(session)
    # The hashed text is exactly `entry_hash`'s (verify_chain recomputes it that way; a
    # test holds the two to the same bytes): the parts every entry of this call shares are
    # encoded once, each entry's own six values one by one.
    mid = "," + _ENCODER.encode([when.isoformat(timespec="microseconds"), actor])[1:-1] + ","
    tail = "," + _ENCODER.encode([source, batch_id])[1:-1] + "]"
    sha256, j = hashlib.sha256, _json
    rows = []
    for ch in changes:
        action, entity, key, fld, old, new = ch
        h = sha256(f"[{j(prev)}{mid}{j(action)},{j(entity)},{j(key)},{j(fld)},{j(old)},"
                   f"{j(new)}{tail}".encode()).hexdigest()
        rows.append((when, actor, action, entity, key, fld, old, new, source, batch_id,
                     prev, h))
        prev = h
    if not rows:
        return 0
    if session.connection().dialect.name == "sqlite":
        execute_many(session.connection(),
                     f"INSERT INTO audit_log ({', '.join(_COLUMNS)}) "
                     f"VALUES ({', '.join('?' * len(_COLUMNS))})", rows)
    else:
        insert_rows(session, AuditEntry, [dict(zip(_COLUMNS, r, strict=True)) for r in rows])
    return len(rows)


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str


def verify_chain(session: Session, limit_breaks: int = 20) -> tuple[int, Sequence[ChainBreak]]:
    """Recompute every hash in id order; returns (entries checked, breaks found)."""
    breaks: list[ChainBreak] = []
    prev = GENESIS
    count = 0
    cols = (AuditEntry.id, AuditEntry.at, AuditEntry.actor, AuditEntry.action,
            AuditEntry.entity, AuditEntry.entity_key, AuditEntry.field, AuditEntry.old_value,
            AuditEntry.new_value, AuditEntry.source, AuditEntry.batch_id,
            AuditEntry.prev_hash, AuditEntry.hash)
    result = session.execute(select(*cols).order_by(AuditEntry.id)).yield_per(10_000)
    for row in result:
        count += 1
        change = Change(row.action, row.entity, row.entity_key, row.field, row.old_value,
                        row.new_value)
        if row.prev_hash != prev:
            breaks.append(ChainBreak(row.id, "previous hash does not match the entry before"))
        expected = entry_hash(row.prev_hash, row.at, row.actor, change, row.source,
                              row.batch_id)
        if expected != row.hash:
            breaks.append(ChainBreak(row.id, "content does not match its hash"))
        prev = row.hash
        if len(breaks) >= limit_breaks:
            break
    return count, breaks
