"""verify-report: does the database still hold exactly the data a printed report came from?

The PDF carries its parameters, the moment its data was read and its fingerprint. The report
is made again from the database as it is now; the same fingerprint means nothing it depends
on has changed. Otherwise it is also made again as at its own moment (the audit log undone
back to it): that reproduces the original fingerprint when every change since went through
the app, and comparing the two sets of canonical rows names each case added, removed or
changed, field by field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from backlog_desk.reports.record import NoRecord, read_record
from backlog_desk.store.database import Database
from backlog_desk.store.models import Case

from .errors import InvalidValue
from .report_rewind import chunks
from .reports import Prepared, prepare

BULLETIN_FIELDS = ("uuid", "row_version", "department", "filing_date", "status",
                   "closed_date", "expected_close_date")
LIST_FIELDS = ("uuid", "row_version", "case_number", "title", "filing_date", "department",
               "judge", "reason_category", "reason", "measures", "expected_close_date",
               "status", "closed_date", "close_manner", "committee_date", "committee_decision")
# The time-limit list's rows are keyed by case number, fields joined by "|".
DEADLINE_FIELDS = ("case_number", "department", "deadline", "days_left", "state", "flags")


@dataclass(frozen=True)
class FieldChange:
    field: str
    then: str
    now: str


@dataclass
class CaseChange:
    uuid: str
    case_number: str
    change: str  # added | removed | changed
    fields: list[FieldChange] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"uuid": self.uuid, "case_number": self.case_number, "change": self.change,
                "fields": [{"field": f.field, "then": f.then, "now": f.now}
                           for f in self.fields]}


@dataclass(frozen=True)
class Verification:
    file: str
    report_id: str
    kind: str
    fingerprint: str  # the one the PDF carries
    current: str  # the database's now
    matches: bool
    reproduced: bool | None  # the database's history gives back the PDF's fingerprint
    changes: list[CaseChange]
    params: dict[str, Any]
    data_at: str

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "report_id": self.report_id, "kind": self.kind,
                "matches": self.matches, "fingerprint": self.fingerprint,
                "current_fingerprint": self.current, "history_reproduces": self.reproduced,
                "data_at": self.data_at, "params": self.params,
                "counts": {k: sum(1 for c in self.changes if c.change == k)
                           for k in ("added", "removed", "changed")},
                "changes": [c.as_json() for c in self.changes]}


def _fields(kind: str, line: str) -> tuple[str, dict[str, str]]:
    """(key, field -> value) of one canonical row; the superior report tags its rows."""
    if kind == "deadlines":
        cells = line.split("|")
        return cells[0], dict(zip(DEADLINE_FIELDS, cells, strict=False))
    parts = line.split("\x1f")
    tag = ""
    if kind == "superior":
        tag, parts = parts[0], parts[1:]
        names = BULLETIN_FIELDS if tag == "fig" else LIST_FIELDS
    else:
        names = BULLETIN_FIELDS if kind == "bulletin" else LIST_FIELDS
    return parts[0], dict(zip(names, parts, strict=False)) | ({"_tag": tag} if tag else {})


def _rows(p: Prepared) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for line in p.lines:
        key, values = _fields(p.kind, line)
        out.setdefault(key, []).append(values)
    return out


def diff(then: Prepared, now: Prepared) -> list[CaseChange]:
    a, b = _rows(then), _rows(now)
    changes: list[CaseChange] = []
    for uuid in sorted(set(a) | set(b)):
        old, new = a.get(uuid, []), b.get(uuid, [])
        if old == new:
            continue
        if not old or not new:
            values = (old or new)[0]
            changes.append(CaseChange(uuid, values.get("case_number", ""),
                                      "added" if not old else "removed"))
            continue
        # Fields of every row of the case (the superior report has up to two per case).
        merged_old = {k: v for row in old for k, v in row.items() if k != "_tag"}
        merged_new = {k: v for row in new for k, v in row.items() if k != "_tag"}
        fields = [FieldChange(k, merged_old.get(k, ""), merged_new.get(k, ""))
                  for k in merged_new if k not in ("uuid", "case_number")
                  and merged_old.get(k) != merged_new[k]]
        if len(old) != len(new):  # e.g. now listed in the attachment and before not
            fields.append(FieldChange("listed", str(len(old)), str(len(new))))
        if merged_old.get("case_number", "") != merged_new.get("case_number", ""):
            fields.insert(0, FieldChange("case_number", merged_old.get("case_number", ""),
                                         merged_new.get("case_number", "")))
        changes.append(CaseChange(uuid, merged_new.get("case_number", ""), "changed",
                                  fields))
    return changes


def _fill_case_numbers(db: Database, changes: list[CaseChange]) -> None:
    missing = [c for c in changes if not c.case_number]
    if not missing:
        return
    found: dict[str, str] = {}
    with db.read() as s:
        for part in chunks([c.uuid for c in missing]):
            found.update(s.execute(select(Case.uuid, Case.case_number)
                                   .where(Case.uuid.in_(part))).tuples().all())
    for c in missing:
        c.case_number = found.get(c.uuid, "")


def verify_report(db: Database, pdf: Path) -> Verification:
    try:
        record = read_record(pdf)
    except NoRecord as exc:
        raise InvalidValue(str(exc), field="file", file=str(pdf)) from exc
    params = record["params"]
    try:
        kind = str(params["kind"])
        as_of = dt.date.fromisoformat(params["as_of"])
        data_at = dt.datetime.fromisoformat(record["data_at"])
        call: dict[str, Any] = {
            "as_of": as_of, "department": params.get("department"),
            "status": params.get("status"),
            "overdue_limit": int(params.get("overdue_limit") or 0),
            "doc_number": params.get("doc_number") or ""}
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidValue(f"{pdf}: its report record is damaged ({exc})", field="file",
                           file=str(pdf)) from exc
    now = prepare(db, kind, data_at=dt.datetime.now(), **call)
    printed = str(record["fingerprint"])
    matches = now.fingerprint == printed
    reproduced: bool | None = None
    changes: list[CaseChange] = []
    if not matches:
        then = prepare(db, kind, data_at=data_at, **call)
        reproduced = then.fingerprint == printed
        changes = diff(then, now)
        _fill_case_numbers(db, changes)
    return Verification(str(pdf), str(record.get("report_id", "")), kind, printed,
                        now.fingerprint, matches, reproduced, changes, params,
                        record["data_at"])
