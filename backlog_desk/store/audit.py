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

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import AuditEntry
from .rows import insert_rows

GENESIS = "0" * 64
# json.dumps with options builds a new encoder per call; one shared encoder halves the cost.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Change:
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


def append(session: Session, actor: str, changes: Iterable[Change], *, source: str = "",
           batch_id: int | None = None, at: dt.datetime | None = None) -> int:
    """Append entries inside the caller's transaction; returns how many were written."""
    when = at or dt.datetime.now()
    prev = last_hash(session)
    rows = []
    for ch in changes:
        h = entry_hash(prev, when, actor, ch, source, batch_id)
        rows.append({
            "at": when, "actor": actor, "action": ch.action, "entity": ch.entity,
            "entity_key": ch.entity_key, "field": ch.field, "old_value": ch.old_value,
            "new_value": ch.new_value, "source": source, "batch_id": batch_id,
            "prev_hash": prev, "hash": h,
        })
        prev = h
    if rows:
        insert_rows(session, AuditEntry, rows)
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
