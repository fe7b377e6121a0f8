"""Classifying the rows of a returned department workbook against the ledger.

Each row ends up unchanged, updated (a plan of field changes), added (a case the department
says is missing: reported, never created here), flagged (a note that the case is not theirs or
already closed) or rejected with sheet, row, column and reason. Values are checked by the same
rules as `set` (cases.parse_field_value and cases.check_case_state), so a workbook cannot
store what the command line would refuse.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import not_
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from backlog_desk.domain.case_number import parse_case_number
from backlog_desk.domain.ledger import Status
from backlog_desk.domain.text import clean_text
from backlog_desk.exchange.workbook_import import (
    SheetRow,
    WorkbookRead,
    locked_from_cells,
    verify_rows,
)
from backlog_desk.exchange.workbook_layout import (
    ALREADY_CLOSED_WORDS,
    COLUMN_BY_KEY,
    DATE_FIELDS,
    EDITABLE_FIELDS,
    LOCKED_FIELDS,
    NOT_OURS_WORDS,
    REASON_LABEL_BY_KEY,
)
from backlog_desk.store.models import Case, Department, Person

from .actor import Actor
from .cases import FieldChange, check_case_state, parse_field_value
from .errors import InvalidValue

_MISSING = object()

if TYPE_CHECKING:
    from .workbooks import WorkbookImportReport


@dataclass(frozen=True)
class RowIssue:
    sheet: str
    row: int
    column: str  # header as the clerk sees it, "" for the whole row
    field: str
    value: str
    case_number: str
    reason: str
    file: str = ""


@dataclass(frozen=True)
class Planned:
    row: int
    case_number: str
    uuid: str
    case_id: int
    db_version: int
    values: dict[str, Any]  # column -> new value, ready for UPDATE
    changes: list[FieldChange]


_Dept, _Judge, _Leader = aliased(Department), aliased(Person), aliased(Person)


def _compared() -> Select[Any]:
    """Only what a row is compared with and checked against (check_case_state's dates), not the
    whole case view: 100,000 rows of unused columns cost a second."""
    return (
        select(Case.id, Case.uuid, Case.row_version, Case.case_number, Case.title,
               Case.filing_date, _Dept.name.label("department"), _Judge.name.label("judge"),
               _Leader.name.label("leader"), Case.reason_category, Case.reason,
               Case.expected_close_date, Case.measures, Case.status, Case.closed_date,
               Case.close_manner, Case.notes, Case.committee_date)
        .outerjoin(_Dept, _Dept.id == Case.department_id)
        .outerjoin(_Judge, _Judge.id == Case.judge_id)
        .outerjoin(_Leader, _Leader.id == Case.leader_id)
    )


def _text(v: object) -> str:
    if v is None:
        return ""
    return v.isoformat() if isinstance(v, dt.date) else str(v)


def _same(name: str, old: object, new: object) -> bool:
    if old == new or name in DATE_FIELDS:
        return old == new
    # Ledger text written before cleaning rules existed must not look edited on every import.
    return clean_text(old) == new


# A note with one of these words flags its row (see _flag), so such a row is looked at whole.
_FLAG_WORDS = re.compile("|".join(map(re.escape, (*NOT_OURS_WORDS, *ALREADY_CLOSED_WORDS))))


def _department_uuids(s: Session, dept_id: int | None) -> set[str]:
    """The uuids of a department's cases, less those whose note has a word that flags a row.
    On SQLite the 100,000 rows come straight from the driver, without SQLAlchemy's per-row
    result handling (a third of the time)."""
    conn = s.connection()
    query = select(Case.uuid, Case.notes).where(Case.department_id == dept_id)
    rows: Sequence[tuple[str, str]]
    if conn.dialect.name == "sqlite":
        compiled = query.compile(conn)
        params = tuple(compiled.params[k] for k in compiled.positiontup or ())
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            rows = cursor.execute(str(compiled), params).fetchall()
        finally:
            cursor.close()
    else:
        rows = conn.execute(query).tuples().all()
    flags = _FLAG_WORDS.search
    return {u for u, notes in rows if not (notes and flags(notes))}


class Classifier:
    """Loads the cases a workbook names and classifies its rows. Built inside a read session;
    holds no session afterwards. Most rows come back as exported (the hidden sums say so
    without the ledger), so those are settled a whole column at a time against one lean
    query of the department's cases (which exist, which notes may flag them); only the rows
    edited, altered, repeated, flagged or from elsewhere are read whole and looked at one by
    one."""

    def __init__(self, s: Session, read: WorkbookRead, actor: Actor, today: dt.date) -> None:
        self.read, self.actor, self.today = read, actor, today
        self.department = read.meta["department"]
        self.secret = read.meta["secret"]
        self.edit_keys = [k for k in EDITABLE_FIELDS if k in read.columns]
        self._parsed: dict[tuple[str, str], Any] = {}
        self._sum_ok, self._untouched = verify_rows(read)
        self._uuids = uuids = read.column("uuid")
        dept_id = s.execute(select(Department.id).where(Department.name == self.department)
                            ).scalar()
        plain = _department_uuids(s, dept_id)
        counts = Counter(uuids)
        self._repeated = {u for u, k in counts.items() if k > 1 and u}
        repeated = self._repeated
        # Settled without a look: the department's case, once in the workbook, its locked
        # cells and the department's cells as exported, and no note the ledger would flag.
        self._settled = [ok and same and u in plain and u not in repeated for u, ok, same
                         in zip(uuids, self._sum_ok, self._untouched, strict=True)]
        whole = sorted({u for u, done in zip(uuids, self._settled, strict=True)
                        if u and not done})
        self.cases: dict[str, dict[str, Any]] = {}
        base = _compared()
        for i in range(0, len(whole), 500):
            self._load(s, base.where(Case.uuid.in_(whole[i:i + 500])))
        numbers: dict[int, str] = {}
        typed = read.column("case_number")
        for i, uuid in enumerate(uuids):
            if not uuid:
                p = parse_case_number(typed[i])
                if p.valid and p.normalized:
                    numbers[read.numbers[i]] = p.normalized
        self.numbers = numbers
        wanted = sorted(set(numbers.values()))
        self.existing_numbers: set[str] = set()
        for i in range(0, len(wanted), 500):
            self.existing_numbers.update(s.execute(
                select(Case.case_number).where(Case.case_number.in_(wanted[i:i + 500])))
                .scalars())

    def _load(self, s: Session, q: Any) -> None:
        result = s.connection().execute(q)  # Core rows: the ORM's result handling is slower
        keys = list(result.keys())  # zip over plain tuples: Row._asdict costs 2x as much
        for values in result.tuples():
            d = dict(zip(keys, values, strict=True))
            for k in ("department", "judge", "leader"):
                if k in d:
                    d[k] = d[k] or ""
            self.cases[d["uuid"]] = d

    def issue(self, r: SheetRow, key: str, reason: str, value: str | None = None) -> RowIssue:
        col = COLUMN_BY_KEY.get(key)
        return RowIssue(self.read.sheet, r.row, col.header if col else "", key,
                        r.cells.get(key, "") if value is None else value,
                        r.cells.get("case_number", ""), reason, self.read.file)

    def classify(self, report: WorkbookImportReport) -> list[Planned]:
        read = self.read
        groups: dict[str, list[SheetRow]] = defaultdict(list)
        if self._repeated:
            for i, uuid in enumerate(self._uuids):
                if uuid in self._repeated:
                    groups[uuid].append(read.row_at(i))
        skip: set[int] = set()
        for rows in groups.values():
            where = ", ".join(str(r.row) for r in rows)
            edits = {tuple(r.cells.get(k, "") for k in EDITABLE_FIELDS) for r in rows}
            doomed = rows if len(edits) > 1 else rows[1:]
            why = (f"the same case is in rows {where} with different entries; none applied"
                   if len(edits) > 1 else f"duplicate of row {rows[0].row}; counted once")
            for r in doomed:
                report.rejected.append(self.issue(r, "case_number", why))
                skip.add(r.row)
        plan: list[Planned] = []
        proposed: dict[str, int] = {}
        report.unchanged += self._settled.count(True)
        versions, checksums = read.column("row_version"), read.column("checksum")
        for i in compress(range(len(self._settled)), map(not_, self._settled)):
            r = read.row_at(i)
            if r.row in skip:
                continue
            uuid = self._uuids[i]
            if not (uuid or versions[i] or checksums[i]):
                self._no_identity(r, report, proposed)
                continue
            planned = self._row(i, r, uuid, report)
            if planned is not None:
                plan.append(planned)
        return plan

    def _no_identity(self, r: SheetRow, report: WorkbookImportReport,
                     proposed: dict[str, int]) -> None:
        raw = r.cells.get("case_number", "")
        number = self.numbers.get(r.row)
        if number is None:
            why = ("a row without 案号 and without the hidden identity" if not raw else
                   f"{parse_case_number(raw).error or 'not a case number'}")
            report.rejected.append(self.issue(r, "case_number", str(why)))
        elif number in self.existing_numbers:
            report.rejected.append(self.issue(
                r, "case_number", f"{number} is in the ledger, but this row lacks its hidden "
                "identity (retyped or pasted?), so its entries cannot be verified; edit the "
                "case's original row instead"))
        elif number in proposed:
            report.rejected.append(self.issue(
                r, "case_number", f"duplicate of row {proposed[number]}; counted once"))
        else:
            proposed[number] = r.row
            c = r.cells
            report.added.append(self.issue(
                r, "case_number", f"case {number} proposed by {self.department} (案件名称 "
                f"{c.get('title', '')!r}, 立案日期 {c.get('filing_date', '')!r}, 承办人 "
                f"{c.get('judge', '')!r}): for the audit office to confirm; not added"))

    def _row(self, i: int, r: SheetRow, uuid: str,
             report: WorkbookImportReport) -> Planned | None:
        case = self.cases.get(uuid)
        if case is None:
            report.rejected.append(self.issue(
                r, "uuid", f"案件标识 {uuid!r} is no case of this ledger (altered, or a row "
                "from another ledger's workbook)"))
            return None
        if case["department"] != self.department:
            report.rejected.append(self.issue(
                r, "department", f"{case['case_number']} belongs to "
                f"{case['department'] or 'no department'}, not {self.department} (a row from "
                "another department's workbook?); not applied"))
            return None
        if not self._sum_ok[i]:
            self._checksum_failed(r, case, report)
            return None
        if self._untouched[i]:
            # Not edited by the department. If the ledger changed since the export (the audit
            # office closed the case, say), that is the ledger's news, not a conflict.
            self._flag(r, case, report)
            report.unchanged += 1
            return None
        if self._as_in_ledger(r, case):
            # The common case (most rows come back untouched): the cells read exactly as the
            # ledger's values would be written, so there is nothing to parse or check.
            self._flag(r, case, report)
            report.unchanged += 1
            return None
        return self._edits(r, case, report)

    def _as_in_ledger(self, r: SheetRow, case: dict[str, Any]) -> bool:
        cells = r.cells
        for key in self.edit_keys:
            v = case[key]
            if key == "reason_category":
                v = REASON_LABEL_BY_KEY.get(v, v)
            elif v is None:
                v = ""
            elif key in DATE_FIELDS:
                v = v.isoformat()
            if cells.get(key, "") != v:
                return False
        return True

    def _parse(self, key: str, raw: str) -> Any:
        """parse_field_value with a memory: dates, categories and stock phrases repeat a lot."""
        found = self._parsed.get((key, raw), _MISSING)
        if found is _MISSING:
            found = self._parsed[(key, raw)] = parse_field_value(key, raw)
        return found

    def _checksum_failed(self, r: SheetRow, case: dict[str, Any],
                         report: WorkbookImportReport) -> None:
        seen = locked_from_cells(r.cells)
        bad = False
        for key in LOCKED_FIELDS:
            ledger = _text(case[key]) if key == "filing_date" else clean_text(case[key])
            if seen[key] != ledger:
                bad = True
                report.rejected.append(self.issue(
                    r, key, f"{COLUMN_BY_KEY[key].header} is locked and was changed (ledger: "
                    f"{ledger!r}); the row is not applied"))
        if not bad:
            report.rejected.append(self.issue(
                r, "checksum", "the hidden identity of the row (案件标识/版本/校验码) was "
                "altered, so the row cannot be trusted; not applied"))

    def _edits(self, r: SheetRow, case: dict[str, Any],
               report: WorkbookImportReport) -> Planned | None:
        number = case["case_number"]
        parsed: dict[str, Any] = {}
        problems: list[RowIssue] = []
        for key in EDITABLE_FIELDS:
            if key not in self.read.columns:
                continue
            try:
                parsed[key] = self._parse(key, r.cells.get(key, ""))
            except InvalidValue as exc:
                problems.append(self.issue(r, key, str(exc)))
        if problems:  # the clerk's cells are wrong whatever the ledger holds now
            report.rejected.extend(problems)
            return None
        if parsed.get("closed_date") is not None:
            parsed["status"] = str(Status.CLOSED)
        changes = [FieldChange(k, _text(case[k]), _text(v)) for k, v in parsed.items()
                   if not _same(k, case[k], v)]
        if not changes:
            self._flag(r, {**case, **parsed}, report)
            report.unchanged += 1
            return None
        version = int(float(r.cells["row_version"]))
        if version != case["row_version"]:
            # Checked before the closure rules: a difference may come from the ledger's side
            # (the audit office closed the case meanwhile), and must not read as the clerk's.
            report.rejected.append(self.issue(
                r, "row_version", f"{number} was changed in the ledger after the export "
                f"(version {version} → {case['row_version']}); its entries here are not applied"
                " so nothing is overwritten: export again and copy them over"))
            return None
        if "closed_date" in parsed and parsed["closed_date"] is None \
                and case["status"] == Status.CLOSED:
            problems.append(self.issue(
                r, "closed_date", f"the ledger has the case closed on {case['closed_date']};"
                " clearing 结案日期 does not reopen it (the audit office does that)"))
        if parsed.get("close_manner") and not (parsed.get("closed_date") or case["closed_date"]):
            problems.append(self.issue(r, "close_manner", "结案方式 without 结案日期"))
        if not problems:
            try:
                check_case_state({**case, **parsed}, self.today)
            except InvalidValue as exc:
                problems.append(self.issue(r, exc.field, str(exc)))
        if problems:
            report.rejected.extend(problems)
            return None
        self._flag(r, {**case, **parsed}, report)
        for c in changes:
            self.actor.require_edit(c.field, case["department"] or None, number)
        values = {c.field: parsed[c.field] for c in changes}
        return Planned(r.row, number, case["uuid"], case["id"], case["row_version"], values,
                       changes)

    def _flag(self, r: SheetRow, state: dict[str, Any], report: WorkbookImportReport) -> None:
        notes = str(state.get("notes") or "")
        if not notes:
            return
        if any(w in notes for w in NOT_OURS_WORDS):
            report.flagged.append(self.issue(
                r, "notes", f"{self.department} says {state['case_number']} is not its case: "
                f"{notes!r}; for the audit office to check"))
        elif state["status"] != Status.CLOSED and any(w in notes for w in ALREADY_CLOSED_WORDS):
            report.flagged.append(self.issue(
                r, "notes", f"{self.department} says {state['case_number']} is already closed, "
                f"without a 结案日期: {notes!r}; for the audit office to check"))
