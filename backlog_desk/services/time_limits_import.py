"""Import 审限 events from the case system's export: every row checked, good rows applied in
one transaction after a backup, each event in the audit log with the file as its source.

A row is rejected with its row number and reason when its case number does not parse or is not
in the ledger, a date is impossible, the kind or length is missing, or the domain refuses the
event against the case's other events (overlap, ends before start, an extension the rules do
not allow …). An event already recorded (same kind, dates, length and procedure) is counted as
known, so importing the same file again changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backlog_desk.domain.case_number import parse_case_number
from backlog_desk.domain.dates import DateProblem, parse_date
from backlog_desk.domain.time_limit_settings import rules_in_force
from backlog_desk.domain.time_limits_events import (
    Event,
    event_dates,
    event_from_fields,
    validate_events,
)
from backlog_desk.exchange.event_list import EventListError, read_event_list
from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.models import TimeLimitEvent

from .actor import Actor
from .errors import InvalidValue, ServiceError
from .time_limit_rules import settings_in
from .time_limits import _events_of, _load_case, _require_may_record, _row_values

__all__ = ["EventImport", "import_events"]


@dataclass
class EventImport:
    file: str
    rows: int = 0
    added: int = 0
    known: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    backup: str | None = None
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "rows": self.rows, "added": self.added, "known": self.known,
                "rejected": self.rejected, "backup": self.backup, "dry_run": self.dry_run}


def _same(a: Event, b: Event) -> bool:
    if a.kind != b.kind or event_dates(a) != event_dates(b):
        return False
    return _row_values(a) == _row_values(b) or (
        {k: v for k, v in _row_values(a).items() if k not in ("reason", "approver")}
        == {k: v for k, v in _row_values(b).items() if k not in ("reason", "approver")})


def _date(value: object) -> dt.date | str | None:
    parsed = parse_date(value if not isinstance(value, str) else value.strip() or None)
    if isinstance(parsed, DateProblem):
        return f"{value!r} is not a date ({parsed.message})"
    return parsed


def _number(value: object) -> int | str | None:
    if value in (None, ""):
        return None
    try:
        f = float(str(value).strip())
    except ValueError:
        return f"{value!r} is not a number"
    if f != int(f) or f <= 0:
        return f"{value!r} is not a whole positive number"
    return int(f)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def import_events(db: Database, actor: Actor, path: Path, *, dry_run: bool = False,
                  today: dt.date | None = None) -> EventImport:
    today = today or dt.date.today()
    try:
        rows = read_event_list(path)
    except EventListError as exc:
        raise InvalidValue(str(exc), field="file") from None
    result = EventImport(path.name, rows=len(rows), dry_run=dry_run)
    if not dry_run:
        backup = db.backup("before-import-events")
        result.backup = str(backup) if backup else None
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    now = dt.datetime.now()
    with contextlib.suppress(_DryRun):
        _apply(db, actor, path, rows, result, sha, now, today, dry_run)
    return result


class _DryRun(Exception):
    """Raised at the end of a dry run so the session rolls everything back."""


def _apply(db: Database, actor: Actor, path: Path, rows: list[Any], result: EventImport,
           sha: str, now: dt.datetime, today: dt.date, dry_run: bool) -> None:
    with db.session() as s:
        rules = rules_in_force(settings_in(s), today).rules
        cache: dict[str, tuple[Any, list[Event]]] = {}
        changes: list[audit.Change] = []

        def reject(row: int, fld: str, value: object, why: str) -> None:
            result.rejected.append({"row": row, "field": fld, "value": _text(value),
                                    "reason": why})

        for r in rows:
            v = r.values
            parsed = parse_case_number(_text(v.get("case_number")))
            if not parsed.valid or parsed.normalized is None:
                reject(r.row, "case_number", v.get("case_number"),
                       parsed.error.message if parsed.error else "not a case number")
                continue
            number = parsed.normalized
            dates: dict[str, dt.date | None] = {}
            nums: dict[str, int | None] = {}
            bad = False
            for name in ("start", "end"):
                d = _date(v.get(name))
                if isinstance(d, str):
                    reject(r.row, name, v.get(name), d)
                    bad = True
                else:
                    dates[name] = d
            for name in ("months", "days"):
                n = _number(v.get(name))
                if isinstance(n, str):
                    reject(r.row, name, v.get(name), n)
                    bad = True
                else:
                    nums[name] = n
            if bad:
                continue
            made = event_from_fields(
                _text(v.get("kind")), dates["start"], dates["end"], months=nums["months"],
                days=nums["days"], approver=_text(v.get("approver")),
                reason=_text(v.get("reason")), to_procedure=_text(v.get("to_procedure")),
                from_procedure=_text(v.get("from_procedure")))
            if isinstance(made, str):
                reject(r.row, "kind", v.get("kind"), made)
                continue
            if number not in cache:
                try:
                    case = _load_case(s, number)
                    _require_may_record(actor, case.department, number)
                except ServiceError as exc:  # not in the ledger, or not the user's case
                    reject(r.row, "case_number", number, str(exc))
                    continue
                cache[number] = (case, _events_of(s, case.id))
            case, existing = cache[number]
            if any(_same(made, e) for e in existing):
                result.known += 1
                continue
            problems = [p for p in validate_events(case.type_code, case.procedure,
                                                   case.filing_date, [*existing, made], rules,
                                                   today) if p.index == len(existing)]
            if problems:
                reject(r.row, "event", v.get("kind"), " ".join(p.message for p in problems))
                continue
            existing.append(made)
            result.added += 1
            values = _row_values(made)
            key = str(uuid.uuid4())
            s.add(TimeLimitEvent(uuid=key, case_id=case.id, created_at=now, actor=actor.name,
                                 **values))
            shown = {k: (x.isoformat() if isinstance(x, dt.date) else x)
                     for k, x in values.items() if x not in (None, "", False)}
            changes.append(audit.Change("add", "time_limit_event", case.uuid, str(made.kind),
                                        None, json.dumps({"uuid": key, **shown},
                                                         ensure_ascii=False, sort_keys=True)))
        if dry_run:
            raise _DryRun
        changes.append(audit.Change("import", "time_limit_events", path.name, "file", None,
                                    json.dumps({"sha256": sha, "rows": result.rows,
                                                "added": result.added, "known": result.known,
                                                "rejected": len(result.rejected)})))
        audit.append(s, actor.name, changes, source=path.name, at=now)
