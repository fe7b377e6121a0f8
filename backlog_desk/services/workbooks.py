"""The department workbook round trip: export a department's ledger, import the edits back.

Policy, as the README states it for users:
- a workbook is matched to the court, campaign, department and export it was made for;
  another court's or department's workbook is refused as a whole;
- a row is trusted through its hidden identity (case uuid, row version, checksum of the locked
  fields keyed by a secret of the export); a row whose checksum fails was altered or retyped and
  is rejected, naming the locked column that differs from the ledger;
- only department-owned fields are taken (reason category and text, expected date, measures,
  closure, notes), each checked by the same rules as `set`
  (cases.parse_field_value / check_case_state);
- rows without identity are cases the department says are missing: reported for the audit
  office, never added; a note saying "not ours" or "already closed" is applied and flagged;
- a case changed in the ledger since the export is not overwritten: the row is rejected;
- all good rows are applied in one transaction after a backup; the same file twice changes
  nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from backlog_desk.exchange.gc_pause import gc_paused
from backlog_desk.exchange.workbook_export import (
    CellNote,
    Progress,
    WorkbookMeta,
    write_department_workbook,
    write_error_workbook,
)
from backlog_desk.exchange.workbook_import import WorkbookError, WorkbookRead, read_workbook
from backlog_desk.exchange.workbook_layout import COLUMNS, HIDDEN_HEADERS
from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.models import AppMeta, Case, Court, Department, ImportBatch

from .actor import Actor, Role
from .campaigns import load_active
from .cases import FieldChange, case_view_query
from .errors import InvalidValue, NotFound, PermissionDenied
from .workbook_rows import Classifier, Planned, RowIssue

__all__ = ["ExportResult", "RowIssue", "WorkbookImportReport", "default_deadline",
           "department_names", "export_department_workbook", "import_department_workbook",
           "write_import_errors"]

_CASES = cast(Table, Case.__table__)
_EXPORT_KEY = "wbx:"  # app_meta key prefix of an export record (key column holds 64 chars)


@dataclass(frozen=True)
class ExportResult:
    file: str
    department: str
    rows: int
    export_id: str
    court_code: str
    campaign_id: int


@dataclass(frozen=True)
class RowUpdate:
    sheet: str
    row: int
    case_number: str
    uuid: str
    changes: list[FieldChange]


@dataclass
class WorkbookImportReport:
    file: str
    department: str
    court_code: str
    export_id: str
    dry_run: bool
    rows: int = 0
    unchanged: int = 0
    updated: list[RowUpdate] = field(default_factory=list)
    added: list[RowIssue] = field(default_factory=list)
    flagged: list[RowIssue] = field(default_factory=list)
    rejected: list[RowIssue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    backup: str | None = None
    applied: bool = False

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["counts"] = {"rows": self.rows, "unchanged": self.unchanged,
                         "updated": len(self.updated), "added": len(self.added),
                         "flagged": len(self.flagged), "rejected": len(self.rejected)}
        return out


def _court(s: Session) -> Court:
    court = s.execute(select(Court)).scalars().first()
    if court is None:
        raise NotFound("this database has no court set up")
    return court


def _department_id(s: Session, name: str) -> int:
    found = s.execute(select(Department.id).where(Department.name == name)).scalar()
    if found is None:
        known = "、".join(s.execute(select(Department.name).order_by(Department.sort_order))
                         .scalars())
        raise NotFound(f"no department {name!r} in this ledger (departments: {known})",
                       field="department")
    return int(found)


_EXPORTED = frozenset(c.key for c in COLUMNS) | {"status"}


def _rows(s: Session, dept_id: int) -> list[dict[str, Any]]:
    view = case_view_query().add_columns(Case.row_version)
    q = (view.with_only_columns(*(c for c in view.selected_columns if c.key in _EXPORTED))
         .where(Case.department_id == dept_id).order_by(Case.filing_date, Case.id))
    # Core rows zipped into dicts: the ORM's result handling and Row._asdict cost more than
    # the query itself for 100,000 rows.
    result = s.connection().execute(q)
    keys = list(result.keys())
    return [dict(zip(keys, values, strict=True)) for values in result.tuples()]


def department_rows(db: Database, department: str) -> list[dict[str, Any]]:
    """The rows an export of the department writes (for benchmarks and previews)."""
    with db.read() as s:
        return _rows(s, _department_id(s, department))


def department_names(db: Database) -> list[str]:
    """The ledger's departments in their display order (what an export may be made for)."""
    with db.read() as s:
        return list(s.execute(select(Department.name).order_by(Department.sort_order,
                                                                Department.name)).scalars())


def default_deadline(db: Database, today: dt.date | None = None) -> dt.date:
    """The return deadline an export proposes: the end of the campaign's current phase."""
    today = today or dt.date.today()
    with db.read() as s:
        campaign = load_active(s)
    return campaign_deadline(campaign.plan.phases if campaign else (), today)


def export_department_workbook(db: Database, actor: Actor, department: str, out: Path, *,
                               deadline: dt.date | None = None,
                               now: dt.datetime | None = None,
                               progress: Progress | None = None) -> ExportResult:
    """Write one department's cases to `out` and record the export (its secret) in the ledger,
    so the import can prove a returned workbook came from here. `progress(done, total)` is
    called as rows are written; a Cancelled it raises leaves no file and no record."""
    if actor.role is Role.DEPARTMENT and actor.department != department:
        raise PermissionDenied(f"{actor.name} ({actor.department}) may not export the ledger "
                               f"of {department}", field="department")
    now = now or dt.datetime.now()
    with db.read() as s:
        court = _court(s)
        campaign = load_active(s)
        if campaign is None:
            raise NotFound("no campaign is set up in this database")
        rows = _rows(s, _department_id(s, department))
        meta = WorkbookMeta(court.code, court.name, department, campaign.id, campaign.plan.name,
                            secrets.token_hex(8), secrets.token_hex(16), now,
                            deadline or campaign_deadline(campaign.plan.phases, now.date()))
    out = Path(out)
    partial = out.with_name(out.name + ".partial")
    try:
        n = write_department_workbook(partial, meta, rows, progress)
        os.replace(partial, out)  # a reader never sees half a workbook
    finally:
        partial.unlink(missing_ok=True)
    record = {"department": department, "secret": meta.secret, "campaign_id": campaign.id,
              "rows": n, "at": now.isoformat(timespec="seconds"), "file": out.name}
    with db.session() as s:
        s.add(AppMeta(key=_EXPORT_KEY + meta.export_id, value=json.dumps(record)))
        audit.append(s, actor.name, [audit.Change(
            "export", "department", department, new_value=json.dumps(
                {"export_id": meta.export_id, "rows": n}, ensure_ascii=False))],
            source=out.name)
    return ExportResult(str(out), department, n, meta.export_id, court.code, campaign.id)


def campaign_deadline(phases: tuple[Any, ...], today: dt.date) -> dt.date:
    """The end of the current or next phase (a list goes back when a phase ends), else in
    ten days."""
    for p in phases:
        if p.end >= today:
            return cast(dt.date, p.end)
    return today + dt.timedelta(days=10)


def import_department_workbook(db: Database, actor: Actor, path: Path, *,
                               dry_run: bool = False, today: dt.date | None = None,
                               progress: Progress | None = None) -> WorkbookImportReport:
    """Classify every row of a returned workbook and, unless `dry_run`, apply the good ones
    in one transaction after a backup. `progress(step, 4)` is called between the steps (read,
    classify, backup, write); a Cancelled it raises, even during the write, leaves the ledger
    as it was."""
    report_step = progress or (lambda _done, _total: None)
    report_step(0, 4)
    if actor.role is Role.LEADER:
        raise PermissionDenied(f"{actor.name}: leaders have read-only access")
    path = Path(path)
    try:
        read = read_workbook(path, keep_cells=False)  # the error report reads the file again
    except WorkbookError as exc:
        raise InvalidValue(str(exc), field="file", file=str(path)) from exc
    report_step(1, 4)
    meta = read.meta
    report = WorkbookImportReport(str(path), meta["department"], meta["court_code"],
                                  meta["export_id"], dry_run, rows=len(read.numbers))
    with db.read() as s, gc_paused():
        _match(s, actor, read, report)
        classifier = Classifier(s, read, actor, today or dt.date.today())
        plan = classifier.classify(report)
    if not read.numbers:
        report.warnings.append(f"{read.file}: the {read.sheet} sheet has no case rows")
    exported = meta.get("rows", "")
    with_identity = sum(1 for u in read.column("uuid") if u)
    if exported.isdigit() and with_identity < int(exported):
        report.warnings.append(
            f"{int(exported) - with_identity} of the {exported} exported rows are not in the "
            "workbook (deleted?); those cases are left as they are")
    report.updated = [RowUpdate(read.sheet, p.row, p.case_number, p.uuid, p.changes)
                      for p in plan]
    report_step(2, 4)
    if dry_run or not plan:
        report_step(4, 4)
        return report
    backup = db.backup("before-workbook-import")
    report.backup = str(backup) if backup else None
    report_step(3, 4)
    _apply(db, actor, path, report, plan, report_step)
    report.applied = True
    report_step(4, 4)
    return report


def _match(s: Session, actor: Actor, read: WorkbookRead, report: WorkbookImportReport) -> None:
    """Refuse a workbook made for another court, campaign, department or ledger."""
    meta, name = read.meta, read.file
    court = _court(s)
    if meta["court_code"] != court.code:
        raise InvalidValue(
            f"{name}: made by {meta.get('court_name', '')} ({meta['court_code']}), but this "
            f"ledger belongs to {court.name} ({court.code}); refused", field="file", file=name)
    dept = meta["department"]
    if actor.role is Role.DEPARTMENT and actor.department != dept:
        raise PermissionDenied(f"{name}: the workbook of {dept}; {actor.name} works for "
                               f"{actor.department} and may import only its own workbook",
                               field="department", file=name)
    _department_id(s, dept)
    campaign = load_active(s)
    if campaign is None or str(campaign.id) != meta["campaign_id"]:
        active = f"{campaign.plan.name} ({campaign.id})" if campaign else "none"
        raise InvalidValue(f"{name}: made for campaign {meta.get('campaign_name', '')} "
                           f"({meta['campaign_id']}); the active campaign is {active}; refused",
                           field="file", file=name)
    missing_identity = [h for h in ("案件标识", "版本", "校验码") if h in read.missing]
    if missing_identity:
        raise InvalidValue(
            f"{name}: the hidden columns {'、'.join(missing_identity)} are gone (the program that "
            "saved it dropped them), so no row can be verified; export again and copy the "
            "edits into the new workbook", field="file", file=name)
    locked_missing = [h for h in ("案号", "案件名称", "立案日期", "承办部门", "承办人", "包保领导")
                      if h in read.missing]
    if locked_missing:
        raise InvalidValue(f"{name}: the columns {'、'.join(locked_missing)} are missing, so the "
                           "rows' checksums cannot be verified; refused", field="file", file=name)
    for header in [h for h in read.missing if h != "原值校验"]:
        report.warnings.append(f"{name}: column {header} is missing; its values are left as "
                               "they are in the ledger")
    record = s.get(AppMeta, _EXPORT_KEY + meta["export_id"])
    if record is None:
        report.warnings.append(
            f"{name}: export {meta['export_id']} is not recorded in this ledger (made from "
            "another copy, or before a restore); rows are checked with the workbook's own key")
        return
    known = json.loads(record.value)
    if known.get("secret") != meta["secret"] or known.get("department") != dept:
        raise InvalidValue(f"{name}: the hidden export record differs from the one this ledger "
                           f"issued for export {meta['export_id']} (altered?); refused",
                           field="file", file=name)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _apply(db: Database, actor: Actor, path: Path, report: WorkbookImportReport,
           plan: list[Planned], progress: Progress) -> None:
    now = dt.datetime.now()
    source = path.name
    with db.session() as s:
        # The versions read for the plan must still hold: a change made meanwhile (another
        # window, another import) is never overwritten.
        by_uuid = {p.uuid: p for p in plan}
        uuids = list(by_uuid)
        for i in range(0, len(uuids), 500):
            for uuid, version in s.execute(select(Case.uuid, Case.row_version)
                                           .where(Case.uuid.in_(uuids[i:i + 500]))):
                if version != by_uuid[uuid].db_version:
                    raise InvalidValue(f"{source}: case {by_uuid[uuid].case_number} changed "
                                       "while the import ran; nothing was written, import again",
                                       field="file", file=source)
        summary = {k: v for k, v in report.as_json()["counts"].items()}
        batch_id = s.execute(insert(ImportBatch).values(
            at=now, actor=actor.name, kind="department_workbook", file_name=source,
            file_sha256=_sha256(path), summary=json.dumps(summary)).returning(ImportBatch.id)
        ).scalar_one()
        grouped: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        changes: list[audit.Change] = [audit.Change(
            "import", "import_batch", str(batch_id),
            new_value=json.dumps({**summary, "export_id": report.export_id,
                                  "department": report.department}, ensure_ascii=False))]
        for p in plan:
            grouped[tuple(sorted(p.values))].append({**p.values, "_id": p.case_id})
            changes.extend(audit.Change("update", "case", p.uuid, c.field, c.old, c.new)
                           for c in p.changes)
        for names, params in grouped.items():
            s.connection().execute(
                update(_CASES).where(_CASES.c.id == bindparam("_id")).values(
                    {**{n: bindparam(n) for n in names}, "updated_at": now,
                     "row_version": _CASES.c.row_version + 1}), params)
        audit.append(s, actor.name, changes, source=source, batch_id=batch_id, at=now)
        progress(3, 4)  # a cancel here, before the commit, still rolls everything back



def write_import_errors(report: WorkbookImportReport, out: Path) -> int:
    """The error workbook for the clerk: the returned rows with rejected cells in red and the
    rows flagged for the audit office in yellow, each with a comment saying why."""
    try:
        read = read_workbook(Path(report.file))
    except WorkbookError as exc:
        raise InvalidValue(str(exc), field="file", file=report.file) from exc
    notes = [CellNote(i.row, read.columns.get(i.field), i.reason, severe)
             for severe, issues in ((True, report.rejected), (False, report.added),
                                    (False, report.flagged)) for i in issues]
    hidden = list(HIDDEN_HEADERS)
    return write_error_workbook(Path(out), read.meta, read.raw_header, read.raw_rows, notes,
                                hidden)
