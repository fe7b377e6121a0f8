"""Importing the case-management system's list of open cases into the ledger.

Policy, in the words a user reads in the README:
- cases are matched by their canonical case number;
- fields the case system owns (name, cause, filing date, department, judge, leader, procedure,
  status and closure) are taken from the newer export;
- fields a department fills in (reason, expected close date, measures, notes) are taken from
  the export only where the ledger has nothing yet, so a new export never erases their work;
- the same case twice in one file with different data is a conflict: neither row is applied;
- open cases of the departments in the file that the file no longer lists are flagged as
  closure candidates, never closed or deleted;
- everything is one transaction, after a backup; any rejected row leaves the rest to apply.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from backlog_desk.domain.case_number import ParsedCaseNumber, parse_case_number
from backlog_desk.domain.ledger import TEXT_LIMITS, Status
from backlog_desk.exchange.case_list import Cancelled as ReadCancelled
from backlog_desk.exchange.case_list import (
    CaseListError,
    CaseListRead,
    CaseListRow,
    read_case_list,
)
from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.ids import uuid7
from backlog_desk.store.models import Case, Department, ImportBatch

from .actor import Actor
from .directory import Directory, names_by_id
from .errors import Cancelled, InvalidValue

SYSTEM_FIELDS = ("title", "cause", "filing_date", "department", "judge", "leader", "procedure",
                 "status", "closed_date", "close_manner")
DEPARTMENT_FILL_FIELDS = ("reason", "expected_close_date", "measures", "notes")
COMPARED = SYSTEM_FIELDS + DEPARTMENT_FILL_FIELDS + ("case_number_raw",)
_LIMITS = {**TEXT_LIMITS, "procedure": 20, "close_manner": 20}
_STATUS_WORDS = {"未结": Status.OPEN, "在办": Status.OPEN, "审理中": Status.OPEN,
                 "已结": Status.CLOSED, "结案": Status.CLOSED, "open": Status.OPEN,
                 "closed": Status.CLOSED}
CHUNK = 2_000


@dataclass(frozen=True)
class ImportIssue:
    sheet: str
    row: int
    field: str
    value: str
    case_number: str
    reason: str
    file: str = ""


@dataclass(frozen=True)
class PlannedChange:
    case_number: str
    field: str
    old: str
    new: str


@dataclass
class ImportReport:
    file: str
    sheet: str
    dry_run: bool
    columns: dict[str, str]
    unrecognised: list[str]
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[ImportIssue] = field(default_factory=list)
    conflicts: list[ImportIssue] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    closure_candidates: list[str] = field(default_factory=list)
    changes: list[PlannedChange] = field(default_factory=list)
    backup: str | None = None

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["closure_candidates"] = len(self.closure_candidates)
        out["closure_candidate_numbers"] = self.closure_candidates
        return out


@dataclass
class _Candidate:
    row: CaseListRow
    parsed: ParsedCaseNumber
    values: dict[str, Any]


def _text(v: object) -> str:
    if v is None:
        return ""
    return v.isoformat() if isinstance(v, dt.date) else str(v)


def _issue(read: CaseListRead, row: CaseListRow, field_: str, value: object,
           reason: str) -> ImportIssue:
    return ImportIssue(row.sheet, row.row, field_, _text(value), row.raw_case_number, reason,
                       read.file)


def _row_values(read: CaseListRead, row: CaseListRow,
                report: ImportReport) -> dict[str, Any] | None:
    """Typed values of one row, or None after recording why the row is rejected."""
    values: dict[str, Any] = {k: v for k, v in row.values.items() if k != "case_number"}
    if "status" in values:
        word = str(values["status"] or "").strip()
        if word == "":
            values["status"] = Status.OPEN
        elif word in _STATUS_WORDS:
            values["status"] = str(_STATUS_WORDS[word])
        else:
            report.rejected.append(_issue(read, row, "status", word,
                                          f"status {word!r} is neither 未结 nor 已结"))
            return None
    for name, limit in _LIMITS.items():
        v = values.get(name)
        if isinstance(v, str) and len(v) > limit:
            report.rejected.append(_issue(read, row, name, v[:40] + "…",
                                          f"{name} is {len(v)} characters, at most {limit}"))
            return None
    filed: dt.date = values["filing_date"]
    closed = values.get("closed_date")
    if closed is not None:
        if closed < filed:
            report.rejected.append(_issue(read, row, "closed_date", closed,
                                          f"closed date {closed} is before filing date {filed}"))
            return None
        values.setdefault("status", str(Status.CLOSED))
    if values.get("status") == Status.CLOSED and closed is None:
        report.rejected.append(_issue(read, row, "closed_date", "",
                                      "status is 已结 but the closed date is missing"))
        return None
    expected = values.get("expected_close_date")
    if expected is not None and expected < filed:
        report.rejected.append(_issue(read, row, "expected_close_date", expected,
                                      f"expected close date {expected} is before filing "
                                      f"date {filed}"))
        return None
    return values


def _candidates(read: CaseListRead, report: ImportReport) -> dict[str, _Candidate]:
    parsed_cache: dict[str, ParsedCaseNumber] = {}
    by_number: dict[str, list[_Candidate]] = defaultdict(list)
    for row in read.rows:
        raw = row.raw_case_number
        parsed = parsed_cache.get(raw)
        if parsed is None:
            parsed = parsed_cache[raw] = parse_case_number(raw)
        if not parsed.valid or parsed.normalized is None:
            reason = parsed.error.message if parsed.error else "not a case number"
            report.rejected.append(_issue(read, row, "case_number", raw, reason))
            continue
        values = _row_values(read, row, report)
        if values is None:
            continue
        values["case_number_raw"] = raw
        for w in parsed.warnings:
            report.warnings.append(_issue(read, row, "case_number", raw, w.message))
        filed = values["filing_date"]
        if parsed.year is not None and filed.year != parsed.year:
            report.warnings.append(_issue(
                read, row, "filing_date", filed,
                f"filing year {filed.year} differs from the year {parsed.year} in the number"))
        by_number[parsed.normalized].append(_Candidate(row, parsed, values))
    out: dict[str, _Candidate] = {}
    for number, group in by_number.items():
        first = group[0]
        differing = sorted({k for c in group[1:] for k in set(c.values) | set(first.values)
                            if k != "case_number_raw" and c.values.get(k) != first.values.get(k)})
        if differing:
            rows = ", ".join(str(c.row.row) for c in group)
            for c in group:
                report.conflicts.append(_issue(
                    read, c.row, differing[0], c.values.get(differing[0]),
                    f"{number} appears in rows {rows} with different "
                    f"{', '.join(differing)}; none of these rows was applied"))
            continue
        for c in group[1:]:
            report.warnings.append(_issue(read, c.row, "case_number", c.row.raw_case_number,
                                          f"repeats row {first.row.row} exactly; counted once"))
        out[number] = first
    return out


def _existing(s: Session, numbers: Sequence[str]) -> dict[str, dict[str, Any]]:
    depts, people = names_by_id(s)
    cols = [Case.id, Case.uuid, Case.case_number, Case.department_id, Case.judge_id,
            Case.leader_id, Case.closure_candidate,
            *(getattr(Case, f) for f in COMPARED if f not in ("department", "judge", "leader"))]
    found: dict[str, dict[str, Any]] = {}
    for i in range(0, len(numbers), 500):
        chunk = numbers[i:i + 500]
        for r in s.execute(select(*cols).where(Case.case_number.in_(chunk))):
            d = r._asdict()
            d["department"] = depts.get(d["department_id"], "") if d["department_id"] else ""
            d["judge"] = people.get(d["judge_id"], "") if d["judge_id"] else ""
            d["leader"] = people.get(d["leader_id"], "") if d["leader_id"] else ""
            found[d["case_number"]] = d
    return found


def _diff(current: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    changed: dict[str, Any] = {}
    for name, value in new.items():
        old = current.get(name)
        if name in DEPARTMENT_FILL_FIELDS:
            if old in (None, "") and value not in (None, ""):
                changed[name] = value
        elif (old or None) != (value or None):
            changed[name] = value
    return changed


def _check_cancel(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


def import_case_list(db: Database, actor: Actor, path: Path, *, dry_run: bool = False,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> ImportReport:
    actor.require_audit("import the case list")
    try:
        read = read_case_list(path, progress=progress, cancelled=cancelled)
    except ReadCancelled:
        raise Cancelled() from None
    except CaseListError as exc:
        raise InvalidValue(str(exc), field="file", file=str(path)) from exc
    report = ImportReport(file=str(path), sheet=read.sheet, dry_run=dry_run,
                          columns=dict(read.columns), unrecognised=list(read.unrecognised),
                          skipped=[{"row": r, "reason": why} for r, why in read.skipped])
    for p in read.problems:
        report.rejected.append(ImportIssue(p.sheet, p.row, p.field, p.value, p.case_number,
                                           p.reason, p.file))
    candidates = _candidates(read, report)
    with db.read() as s:
        existing = _existing(s, list(candidates))
        file_depts = {str(c.values["department"]) for c in candidates.values()
                      if c.values.get("department")}
        vanished = _vanished(s, file_depts, set(candidates)) if "department" in read.columns \
            else {}
    new_numbers: list[str] = []
    updates: dict[str, dict[str, Any]] = {}
    for number, cand in candidates.items():
        cur = existing.get(number)
        if cur is None:
            new_numbers.append(number)
            continue
        changed = _diff(cur, cand.values)
        if cur["closure_candidate"]:
            changed["closure_candidate"] = False
        if changed:
            updates[number] = changed
            report.changes.extend(
                PlannedChange(number, k, _text(cur.get(k)), _text(v)) for k, v in changed.items())
        else:
            report.unchanged += 1
    report.added, report.updated = len(new_numbers), len(updates)
    report.closure_candidates = list(vanished)
    if dry_run or not (new_numbers or updates or vanished):
        return report
    backup = db.backup("before-import")
    report.backup = str(backup) if backup else None
    _apply(db, actor, path, report, candidates, new_numbers, updates, existing, vanished,
           cancelled)
    return report


def _vanished(s: Session, departments: set[str], present: set[str]) -> dict[str, str]:
    """Open cases of the file's departments that the file no longer lists: number -> uuid."""
    if not departments:
        return {}
    q = (select(Case.case_number, Case.uuid)
         .join(Department, Department.id == Case.department_id)
         .where(Department.name.in_(sorted(departments)), Case.status == "open",
                Case.closure_candidate.is_(False)))
    return dict(sorted((n, u) for n, u in s.execute(q) if n not in present))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _apply(db: Database, actor: Actor, path: Path, report: ImportReport,
           candidates: Mapping[str, _Candidate], new_numbers: Sequence[str],
           updates: Mapping[str, Mapping[str, Any]], existing: Mapping[str, Mapping[str, Any]],
           vanished: Mapping[str, str], cancelled: Callable[[], bool] | None) -> None:
    now = dt.datetime.now()
    source = path.name
    with db.session() as s:
        summary = {"added": report.added, "updated": report.updated,
                   "unchanged": report.unchanged, "rejected": len(report.rejected),
                   "conflicts": len(report.conflicts), "closure_candidates": len(vanished)}
        batch_id = s.execute(insert(ImportBatch).values(
            at=now, actor=actor.name, kind="case_list", file_name=source,
            file_sha256=_sha256(path), summary=json.dumps(summary)).returning(ImportBatch.id)
        ).scalar_one()
        directory = Directory(s)
        changes: list[audit.Change] = []
        rows = []
        for i, number in enumerate(new_numbers):
            if i % CHUNK == 0:
                _check_cancel(cancelled)
            cand = candidates[number]
            rows.append(_new_row(directory, number, cand, now))
            changes.append(audit.Change("create", "case", rows[-1]["uuid"],
                                        new_value=number))
        for i in range(0, len(rows), CHUNK):
            _check_cancel(cancelled)
            s.execute(insert(Case), rows[i:i + CHUNK])
        for number, changed in updates.items():
            cur = existing[number]
            dept = str(changed.get("department") or cur["department"] or "") or None
            cols = _columns(directory, changed, dept)
            s.execute(update(Case).where(Case.id == cur["id"]).values(
                **cols, updated_at=now, row_version=Case.row_version + 1))
            changes.extend(audit.Change("update", "case", cur["uuid"], k, _text(cur.get(k)),
                                        _text(v)) for k, v in changed.items())
        _check_cancel(cancelled)
        if vanished:
            cases_table = cast(Table, Case.__table__)
            s.connection().execute(
                update(cases_table).where(cases_table.c.case_number == bindparam("n"))
                .values(closure_candidate=True), [{"n": n} for n in vanished])
            changes.extend(audit.Change("update", "case", u, "closure_candidate", "False",
                                        "True") for u in vanished.values())
        audit.append(s, actor.name, [*directory.changes, *changes], source=source,
                     batch_id=batch_id, at=now)
        _check_cancel(cancelled)


def _columns(directory: Directory, values: Mapping[str, Any],
             department: str | None) -> dict[str, Any]:
    out = {k: v for k, v in values.items() if k not in ("department", "judge", "leader")}
    if "department" in values:
        out["department_id"] = directory.department_id(str(values["department"] or ""))
    if "judge" in values:
        out["judge_id"] = directory.person_id(str(values["judge"] or ""), "judge", department)
    if "leader" in values:
        out["leader_id"] = directory.leader_id(str(values["leader"] or ""))
    return out


def _new_row(directory: Directory, number: str, cand: _Candidate,
             now: dt.datetime) -> dict[str, Any]:
    v = cand.values
    p = cand.parsed
    dept = str(v.get("department") or "") or None
    row: dict[str, Any] = {
        "uuid": uuid7(), "case_number": number,
        "case_number_raw": v["case_number_raw"], "year": p.year,
        "court_code": p.court_code or "", "type_code": p.type_code or "",
        "family": str(p.family or ""), "title": "", "cause": "", "procedure": "",
        "reason_category": "", "reason": "", "expected_close_date": None, "measures": "",
        "status": str(Status.OPEN), "closed_date": None, "close_manner": "",
        "committee_date": None, "committee_decision": "", "supervision_level": "",
        "notes": "", "baseline_campaign_id": None, "closure_candidate": False,
        "source": "import", "created_at": now, "updated_at": now, "row_version": 1,
        "department_id": None, "judge_id": None, "leader_id": None,
    }
    row.update(_columns(directory, {k: x for k, x in v.items() if k != "case_number_raw"},
                        dept))
    for k in ("title", "cause", "procedure", "reason", "measures", "notes", "close_manner"):
        row[k] = row[k] or ""
    return row


def issues_json(issues: Iterable[ImportIssue]) -> list[dict[str, Any]]:
    return [asdict(i) for i in issues]
