"""`events`, `edit-event`, `delete-event`: correcting recorded 审限 events (the changes
travel in the next package)."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from typing import Any

from backlog_desk.domain.dates import DateProblem, parse_date
from backlog_desk.domain.time_limits_events import KIND_LABELS, Event, event_from_fields
from backlog_desk.services import time_limits as tl
from backlog_desk.services.errors import InvalidValue

from .common import EXIT_OK, Register, actor_for, emit, open_db


def _date(text: str | None, option: str) -> dt.date | None:
    if not text:
        return None
    got = parse_date(text)
    if got is None or isinstance(got, DateProblem):
        raise InvalidValue(f"{option}: {text!r} is not a date", field=option.lstrip("-"))
    return got


def _event_json(e: Event) -> dict[str, Any]:
    values = {f.name: getattr(e, f.name) for f in dataclasses.fields(e)}
    return {k: (v.isoformat() if isinstance(v, dt.date) else
                f"{v.amount} {v.unit.value}" if hasattr(v, "unit") else v)
            for k, v in values.items()}


def cmd_events(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        records = tl.event_records(db, args.case)
    finally:
        db.dispose()
    doc = {"events": [{"uuid": r.uuid, "kind": str(r.event.kind), **_event_json(r.event),
                       "created_at": r.created_at.isoformat(timespec="seconds"),
                       "actor": r.actor} for r in records]}
    emit(args, doc, lambda: "\n".join(
        f"{r.uuid}\t{KIND_LABELS[r.event.kind]}\t{_event_json(r.event)}" for r in records)
        or "no events")
    return EXIT_OK


def cmd_edit_event(args: argparse.Namespace) -> int:
    made = event_from_fields(args.kind, _date(args.start, "--start"), _date(args.end, "--end"),
                             months=args.months, days=args.days, approver=args.approver,
                             superior=args.superior, reason=args.reason,
                             to_procedure=args.to_procedure,
                             from_procedure=args.from_procedure)
    if isinstance(made, str):
        raise InvalidValue(made, field="kind")
    db = open_db(args)
    try:
        tl.update_event(db, actor_for(db, args.as_user), args.event, made, source="cli")
    finally:
        db.dispose()
    emit(args, {"updated": args.event, "kind": str(made.kind), **_event_json(made)},
         lambda: f"{args.event}: {KIND_LABELS[made.kind]} corrected")
    return EXIT_OK


def cmd_delete_event(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        tl.delete_event(db, actor_for(db, args.as_user), args.event, source="cli")
    finally:
        db.dispose()
    emit(args, {"deleted": args.event}, lambda: f"{args.event}: deleted")
    return EXIT_OK


def register(command: Register) -> None:
    p = command("events", cmd_events, "a case's recorded 审限 events, with their ids")
    p.add_argument("db")
    p.add_argument("case")

    p = command("edit-event", cmd_edit_event,
                "correct a recorded 审限 event (give all its fields, as for add-event)")
    p.add_argument("db")
    p.add_argument("event", help="the event's id (from `events DB CASE`)")
    p.add_argument("--kind", required=True,
                   help="extension|deduction|suspension|procedure_change "
                        "(or 延长, 扣除, 中止, 程序转换)")
    p.add_argument("--start", required=True, help="first day, or the day of the decision")
    p.add_argument("--end", help="last day of a deduction or suspension (blank: still open)")
    p.add_argument("--months", type=int, help="length of an extension in months")
    p.add_argument("--days", type=int, help="length of an extension in days")
    p.add_argument("--approver", default="", help="who approved (本院院长, 上级法院 …)")
    p.add_argument("--superior", action="store_true", help="approved by a superior court")
    p.add_argument("--reason", default="")
    p.add_argument("--to-procedure", default="", help="the new procedure of a change")
    p.add_argument("--from-procedure", default="")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("delete-event", cmd_delete_event, "delete a 审限 event recorded by mistake")
    p.add_argument("db")
    p.add_argument("event", help="the event's id (from `events DB CASE`)")
    p.add_argument("--as", dest="as_user", metavar="USER")
