"""The cases as they stood at an earlier moment, rebuilt from the audit log.

Every change to a case goes through the services, which log each field with its old and new
value in the same transaction as the change. Taking, for each field changed after a moment,
the old value of the first change after it gives back the value the field had at that moment,
so a report can be made again exactly as it was printed then, and verify-report can name the
fields that changed since. Weekly snapshots of the figures would not give back the lists.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backlog_desk.store.models import AuditEntry, Case, ImportBatch

# Fields logged for a case whose change does not bump row_version (the importer marks
# closure candidates without counting it as an edit of the case).
_UNVERSIONED = frozenset({"closure_candidate"})
CHUNK = 500  # uuids per IN (...) list: well under every driver's parameter limit


def end_of_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.max)


@dataclass(frozen=True)
class Rewind:
    """What to undo to see the cases as at ``moment``.

    ``past`` holds, per case uuid, each field changed since with its value then, in the audit
    log's text form ('' for none, dates as ISO text, department and judge by name);
    ``versions_back`` how many edits the case has had since; ``created_after`` the cases an
    import created after the moment.
    """

    moment: dt.datetime
    past: dict[str, dict[str, str]] = field(default_factory=dict)
    versions_back: dict[str, int] = field(default_factory=dict)
    created_after: frozenset[str] = frozenset()

    @property
    def touched(self) -> frozenset[str]:
        return frozenset(self.past) | frozenset(self.versions_back) | self.created_after

    def __bool__(self) -> bool:
        return bool(self.past or self.versions_back or self.created_after)


def load_rewind(s: Session, moment: dt.datetime) -> Rewind:
    past: dict[str, dict[str, str]] = defaultdict(dict)
    edits: dict[str, set[dt.datetime]] = defaultdict(set)
    q = (select(AuditEntry.entity_key, AuditEntry.field, AuditEntry.old_value, AuditEntry.at)
         .where(AuditEntry.action == "update", AuditEntry.entity == "case",
                AuditEntry.at > moment)
         .order_by(AuditEntry.id))
    for uuid, name, old, at in s.execute(q):
        if name is None:
            continue
        past[uuid].setdefault(name, old or "")
        if name not in _UNVERSIONED:
            edits[uuid].add(at)  # one transaction logs all its fields with one timestamp
    batches = s.execute(select(ImportBatch.id).where(ImportBatch.at > moment)).scalars().all()
    created: list[str] = []
    for i in range(0, len(batches), CHUNK):  # usually none: no scan of the cases then
        created += s.execute(select(Case.uuid).where(
            Case.import_batch_id.in_(batches[i:i + CHUNK]))).scalars().all()
    return Rewind(moment, dict(past), {u: len(a) for u, a in edits.items()},
                  frozenset(created))


def chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def past_date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


# How an audit field maps onto the report's line tuple (report_data.line_query): its index
# and how its text turns back into the column's value.
def _same(text: str) -> Any:
    return text


LINE_FIELDS: dict[str, tuple[int, Any]] = {
    "case_number": (2, _same), "title": (3, _same), "filing_date": (4, past_date),
    "department": (5, lambda t: t or None), "judge": (6, lambda t: t or None),
    "reason_category": (7, _same), "reason": (8, _same), "measures": (9, _same),
    "expected_close_date": (10, past_date), "status": (11, _same),
    "closed_date": (12, past_date), "close_manner": (13, _same),
    "committee_date": (14, past_date), "committee_decision": (15, _same),
}


def rewind_line(row: Sequence[Any], rw: Rewind) -> tuple[Any, ...]:
    """A line_query row as it was at the rewind's moment (row_version included)."""
    out = list(row)
    uuid = out[0]
    for name, text in rw.past.get(uuid, {}).items():
        spot = LINE_FIELDS.get(name)
        if spot is not None:
            out[spot[0]] = spot[1](text)
    out[1] = out[1] - rw.versions_back.get(uuid, 0)
    return tuple(out)
