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

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from backlog_desk.domain.case_number import ParsedCaseNumber, parse_case_number
from backlog_desk.domain.case_types import DEFAULT_CASE_TYPES, CaseTypeTable
from backlog_desk.domain.ledger import TEXT_LIMITS, Status
from backlog_desk.exchange.case_list import Cancelled as ReadCancelled
from backlog_desk.exchange.case_list import (
    CaseListError,
    CaseListRead,
    CaseListRow,
    read_case_list,
)
from backlog_desk.store import audit
from backlog_desk.store.bulk import deferred_indexes, new_case_defaults
from backlog_desk.store.database import Database
from backlog_desk.store.ids import uuid7
from backlog_desk.store.models import Case, Department, ImportBatch
from backlog_desk.store.rows import insert_rows

from .actor import Actor
from .case_types import case_type_table
from .directory import Directory, names_by_id
from .errors import Cancelled, InvalidValue

SYSTEM_FIELDS = ("title", "cause", "filing_date", "department", "judge", "leader", "procedure",
                 "status", "closed_date", "close_manner")
DEPARTMENT_FILL_FIELDS = ("reason", "expected_close_date", "measures", "notes")
COMPARED = SYSTEM_FIELDS + DEPARTMENT_FILL_FIELDS + ("case_number_raw",)
_LIMITS = {**TEXT_LIMITS, "procedure": 20, "close_manner": 20}
_STATUS_WORDS = {"未结": "open", "在办": "open", "审理中": "open", "已结": "closed",
                 "结案": "closed", "open": "open", "closed": "closed"}
CHUNK = 2_000
# Core statements on the table: the ORM bulk paths split rows into thousands of statements.
_CASES = cast(Table, Case.__table__)


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


def _row_checker(read: CaseListRead,
                 report: ImportReport) -> Callable[[CaseListRow], dict[str, Any] | None]:
    """A per-row function giving typed values, or None after recording why the row is
    rejected. Built once per file so each of 100,000 rows checks only the columns present."""
    limits = [(name, limit) for name, limit in _LIMITS.items() if name in read.columns]
    has_status = "status" in read.columns
    has_closed = "closed_date" in read.columns
    has_expected = "expected_close_date" in read.columns

    def reject(row: CaseListRow, field_: str, value: object, reason: str) -> None:
        report.rejected.append(_issue(read, row, field_, value, reason))

    def check(row: CaseListRow) -> dict[str, Any] | None:
        values: dict[str, Any] = dict(row.values)
        values.pop("case_number", None)
        if has_status:
            word = str(values["status"] or "").strip()
            if word in _STATUS_WORDS:
                values["status"] = _STATUS_WORDS[word]
            elif word:
                reject(row, "status", word, f"status {word!r} is neither 未结 nor 已结")
                return None
            else:
                values["status"] = Status.OPEN.value
        for name, limit in limits:
            v = values[name]
            if v is not None and len(v) > limit:
                reject(row, name, v[:40] + "…", f"{name} is {len(v)} characters, at most {limit}")
                return None
        filed: dt.date = values["filing_date"]
        closed = values.get("closed_date") if has_closed else None
        if closed is not None:
            if closed < filed:
                reject(row, "closed_date", closed,
                       f"closed date {closed} is before filing date {filed}")
                return None
            values.setdefault("status", Status.CLOSED.value)
        if closed is None and values.get("status") == Status.CLOSED:
            reject(row, "closed_date", "", "status is 已结 but the closed date is missing")
            return None
        expected = values.get("expected_close_date") if has_expected else None
        if expected is not None and expected < filed:
            reject(row, "expected_close_date", expected,
                   f"expected close date {expected} is before filing date {filed}")
            return None
        return values

    return check


def _candidates(read: CaseListRead, report: ImportReport,
                types: CaseTypeTable = DEFAULT_CASE_TYPES) -> dict[str, _Candidate]:
    parsed_cache: dict[str, ParsedCaseNumber] = {}
    row_values = _row_checker(read, report)
    by_number: dict[str, list[_Candidate]] = defaultdict(list)
    for row in read.rows:
        raw = row.raw_case_number
        parsed = parsed_cache.get(raw)
        if parsed is None:
            parsed = parsed_cache[raw] = parse_case_number(raw, types)
        if not parsed.valid or parsed.normalized is None:
            reason = parsed.error.message if parsed.error else "not a case number"
            report.rejected.append(_issue(read, row, "case_number", raw, reason))
            continue
        values = row_values(row)
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
        if len(group) == 1:
            out[number] = first
            continue
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
    if s.execute(select(Case.id).limit(1)).first() is None:
        return {}  # a first import into an empty ledger need not look anything up
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
    candidates = _candidates(read, report, case_type_table(db))
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
    # Inserting in case-number order turns the unique index's random inserts into appends.
    new_numbers.sort()
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
        present = s.execute(select(func.count()).select_from(Case)).scalar_one()
        many = len(new_numbers) >= 10_000 and 2 * len(new_numbers) >= present
        with deferred_indexes(s, enabled=many):
            for i in range(0, len(new_numbers), CHUNK):
                _check_cancel(cancelled)
                insert_rows(s, Case, [_new_row(directory, n, candidates[n], now, batch_id)
                                      for n in new_numbers[i:i + CHUNK]])
        grouped: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for number, changed in updates.items():
            cur = existing[number]
            dept = str(changed.get("department") or cur["department"] or "") or None
            cols = _columns(directory, changed, dept)
            grouped[tuple(sorted(cols))].append({**cols, "_id": cur["id"]})
            changes.extend(audit.Change("update", "case", cur["uuid"], k, _text(cur.get(k)),
                                        _text(v)) for k, v in changed.items())
        for names, params in grouped.items():
            _check_cancel(cancelled)
            s.connection().execute(
                update(_CASES).where(_CASES.c.id == bindparam("_id")).values(
                    {**{n: bindparam(n) for n in names}, "updated_at": now,
                     "row_version": _CASES.c.row_version + 1}),
                params)
        _check_cancel(cancelled)
        if vanished:
            s.connection().execute(
                update(_CASES).where(_CASES.c.case_number == bindparam("n"))
                .values(closure_candidate=True), [{"n": n} for n in vanished])
            changes.extend(audit.Change("update", "case", u, "closure_candidate", "False",
                                        "True") for u in vanished.values())
        # Created cases point to this batch (cases.import_batch_id), so one entry records
        # who created them from which file; changes to existing cases are logged field by field.
        batch_entry = audit.Change("import", "import_batch", str(batch_id),
                                   new_value=json.dumps(summary, ensure_ascii=False))
        audit.append(s, actor.name, [batch_entry, *directory.changes, *changes], source=source,
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


_NEW_ROW_TEMPLATE = new_case_defaults(source="import")
_PLAIN_FIELDS = ("title", "cause", "procedure", "reason", "measures", "notes", "close_manner",
                 "status", "closed_date", "expected_close_date")


def _new_row(directory: Directory, number: str, cand: _Candidate, now: dt.datetime,
             batch_id: int) -> dict[str, Any]:
    v = cand.values
    p = cand.parsed
    row = _NEW_ROW_TEMPLATE.copy()
    row["uuid"] = uuid7()
    row["case_number"] = number
    row["case_number_raw"] = v["case_number_raw"]
    row["year"] = p.year
    row["court_code"] = p.court_code or ""
    row["type_code"] = p.type_code or ""
    row["family"] = p.family.value if p.family else ""
    row["filing_date"] = v["filing_date"]
    row["created_at"] = row["updated_at"] = now
    row["import_batch_id"] = batch_id
    for k in _PLAIN_FIELDS:
        value = v.get(k)
        if value is not None:
            row[k] = value
    dept = v.get("department") or None
    row["department_id"] = directory.department_id(dept) if dept else None
    if v.get("judge"):
        row["judge_id"] = directory.person_id(v["judge"], "judge", dept)
    if v.get("leader"):
        row["leader_id"] = directory.leader_id(v["leader"])
    return row


def issues_json(issues: Iterable[ImportIssue]) -> list[dict[str, Any]]:
    return [asdict(i) for i in issues]
