"""`events`, `edit-event`, `delete-event`: correcting recorded 审限 events (the changes
travel in the next package)."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from typing import Any

from backlog_desk.domain.time_limits_events import KIND_LABELS, Event
from backlog_desk.services import time_limits as tl

from .common import EXIT_OK, Register, actor_for, emit, open_db
from .time_limits import add_event_options, event_from_args


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
    made = event_from_args(args)
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
    add_event_options(p)
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("delete-event", cmd_delete_event, "delete a 审限 event recorded by mistake")
    p.add_argument("db")
    p.add_argument("event", help="the event's id (from `events DB CASE`)")
    p.add_argument("--as", dest="as_user", metavar="USER")
