"""The history of one case, read from the audit log: who changed what, when, from which file.

Reads only (SQLAlchemy Core, one indexed lookup on audit_log (entity, entity_key)); the log
itself is written by the services that change cases (`cases.update_case`, the importer).
A case created by an import has no per-case "create" entry: it points to its import batch
(`cases.import_batch_id`), whose row names the file, the actor and the time, so the creation
line is built from there. Demo cases name the demo entry of the court instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Row

from backlog_desk.store.database import Database
from backlog_desk.store.models import AuditEntry, Case, ImportBatch

from .cases import resolve_case_number
from .errors import NotFound

__all__ = ["CREATED", "HistoryEntry", "case_history"]

#: `HistoryEntry.action` of the line that says how the case entered the ledger.
CREATED = "create"


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a case's history, newest first in `case_history`.

    `field`, `old_value` and `new_value` are those of the audit log (values as text, dates
    ISO, "" for empty); the creation line has no field. `source` is what the writer named
    (`cli`, a file name, `gui` …); `file_name` is the imported file when the entry came from
    an import batch, else "".
    """

    at: dt.datetime
    actor: str
    action: str
    field: str | None
    old_value: str
    new_value: str
    source: str
    file_name: str = ""

    @property
    def is_creation(self) -> bool:
        return self.action == CREATED


def _is_uuid(text: str) -> bool:
    parts = text.split("-")
    return len(text) == 36 and [len(p) for p in parts] == [8, 4, 4, 4, 12]


def case_history(db: Database, case: str) -> list[HistoryEntry]:
    """Every audit-log entry of `case` (a case number in any typed form, or the case uuid),
    newest first, ending with the line saying how the case was created.

    Raises NotFound for an unknown case, InvalidValue for text that is not a case number.
    """
    key = case.strip()
    where = (Case.uuid == key) if _is_uuid(key) else (
        Case.case_number == resolve_case_number(key))
    with db.engine.connect() as conn:
        row = conn.execute(
            select(Case.uuid, Case.case_number, Case.import_batch_id, Case.created_at,
                   Case.source).where(where)).first()
        if row is None:
            raise NotFound(f"no case {key} in this ledger", field="case_number")
        entries = [
            HistoryEntry(r.at, r.actor, r.action, r.field, r.old_value or "",
                         r.new_value or "", r.source or "", r.file_name or "")
            for r in conn.execute(
                select(AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.field,
                       AuditEntry.old_value, AuditEntry.new_value, AuditEntry.source,
                       ImportBatch.file_name)
                .outerjoin(ImportBatch, ImportBatch.id == AuditEntry.batch_id)
                .where(AuditEntry.entity == "case", AuditEntry.entity_key == row.uuid)
                # id, not time: entries written in one transaction share their timestamp.
                .order_by(AuditEntry.id.desc()))
        ]
        entries.append(_creation(conn, row))
    return entries


def _creation(conn: Connection, case: Row[Any]) -> HistoryEntry:
    if case.import_batch_id is not None:
        batch = conn.execute(
            select(ImportBatch.at, ImportBatch.actor, ImportBatch.file_name)
            .where(ImportBatch.id == case.import_batch_id)).first()
        if batch is not None:
            return HistoryEntry(batch.at, batch.actor, CREATED, None, "", case.case_number,
                                batch.file_name, batch.file_name)
    # Demo and test cases have no batch; the demo writes one entry for the whole court.
    actor = ""
    if case.source == "demo":
        actor = conn.execute(
            select(AuditEntry.actor).where(AuditEntry.action == "demo")
            .order_by(AuditEntry.id).limit(1)).scalar_one_or_none() or ""
    return HistoryEntry(case.created_at, actor, CREATED, None, "", case.case_number,
                        case.source or "")
