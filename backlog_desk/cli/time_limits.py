"""Commands of time limits and supervision: deadlines, rules, add-event, import-events,
reminders, promises, leaders, enforcement."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from backlog_desk.domain.dates import DateProblem, parse_date
from backlog_desk.domain.leaders import ENFORCEMENT_CATEGORIES
from backlog_desk.domain.time_limits_events import KIND_LABELS, Event, event_from_fields
from backlog_desk.services.errors import InvalidValue

from .common import EXIT_BAD_INPUT, EXIT_OK, Register, UsageError, actor_for, date_option, emit
from .common import open_db as _open_db


def register(command: Register) -> None:
    p = command("deadlines", cmd_deadlines, "审限 status of open cases (审限预警清单)")
    p.add_argument("db")
    p.add_argument("--as-of", help="YYYY-MM-DD; the day the status describes (default today)")
    p.add_argument("--all", action="store_true",
                   help="list every open case, not only those over, approaching or flagged")
    p.add_argument("--department", help="only this department's cases")
    p.add_argument("--refiling", action="store_true",
                   help="also flag withdrawn-and-refiled and closed-and-reopened cases")

    p = command("rules", cmd_rules, "the 审限 rule table in force; --set changes it (audit office)")
    p.add_argument("db")
    p.add_argument("--as-of", help="show the rules in force on this day (default today)")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="e.g. civil_ordinary.base=6m, approaching_days=20, reminder.months=4,9,12")
    p.add_argument("--reason", default="", help="why (required with --set)")
    p.add_argument("--from", dest="effective",
                   help="the day the change takes effect (default today)")
    p.add_argument("--history", action="store_true", help="every recorded change")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("add-event", cmd_add_event, "record a 审限 event (延长, 扣除, 中止, 程序转换)")
    p.add_argument("db")
    p.add_argument("case")
    add_event_options(p)
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("import-events", cmd_import_events,
                "import 审限 events from the case system's export (.xlsx, .xls, .csv)")
    p.add_argument("db")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="check every row, change nothing")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("reminders", cmd_reminders,
                "日提醒: limits and reminder ages due within the window, passed promises, "
                "next year's backlog")
    p.add_argument("db")
    p.add_argument("--as-of")
    p.add_argument("--department")

    p = command("promises", cmd_promises,
                "promised close dates missed or moved, per case, judge and department")
    p.add_argument("db")
    p.add_argument("--as-of")
    p.add_argument("--case", help="one case only")

    p = command("leaders", cmd_leaders,
                "per-leader or per-judge open counts, rates and ranks; 包保 suggestions")
    p.add_argument("db")
    p.add_argument("--by", choices=("leader", "judge"), default="leader")
    p.add_argument("--as-of")
    p.add_argument("--suggest", action="store_true",
                   help="open cases whose suggested 包保领导 differs from the recorded one")
    p.add_argument("--assign", action="store_true",
                   help="record the suggested 包保领导 where none is recorded (audit office)")
    p.add_argument("--overwrite", action="store_true", help="with --assign: replace too")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("enforcement", cmd_enforcement,
                "open enforcement cases by the seven key categories (seed 002); --tag sets one")
    p.add_argument("db")
    p.add_argument("--category", choices=tuple(ENFORCEMENT_CATEGORIES))
    p.add_argument("--tag", nargs="+", metavar="CASE", help="tag these cases with --category")
    p.add_argument("--untag", nargs="+", metavar="CASE")
    p.add_argument("--as-of")
    p.add_argument("--as", dest="as_user", metavar="USER")


def cmd_deadlines(args: argparse.Namespace) -> int:
    # Imported here so the other commands do not load the rule table.
    from backlog_desk.services.time_limits import deadlines, describe

    db = _open_db(args)
    try:
        result = deadlines(db, date_option(args.as_of), refiling=args.refiling)
    finally:
        db.dispose()
    rows = list(result.rows) if args.all else result.needing_attention()
    if args.department:
        rows = [r for r in rows if r.department == args.department]
    doc = {"as_of": result.as_of.isoformat(), "open_cases": len(result.rows),
           "counts": result.counts, "flagged": result.flagged,
           "cases": [r.as_json() for r in rows]}
    emit(args, doc, lambda: "\n".join(
        [f"as of {result.as_of}: {len(result.rows)} open, "
         + ", ".join(f"{k} {v}" for k, v in sorted(result.counts.items()))
         + f", flagged {result.flagged}"] + [describe(r) for r in rows]))
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from backlog_desk.services.time_limit_rules import load_rules, rule_history, set_rule

    db = _open_db(args)
    try:
        changed = []
        if args.set:
            if not args.reason.strip():
                raise UsageError("--set needs --reason (it is kept beside the rule)")
            actor = actor_for(db, args.as_user)
            for item in args.set:
                key, sep, value = item.partition("=")
                if not sep:
                    raise UsageError(f"--set {item!r}: write KEY=VALUE")
                changed.append(set_rule(db, actor, key, value, args.reason,
                                        effective_from=date_option(args.effective, "--from")))
        force = load_rules(db, date_option(args.as_of))
        history = rule_history(db) if args.history else []
    finally:
        db.dispose()
    th = force.thresholds
    doc: dict[str, Any] = {
        "as_of": force.as_of.isoformat(),
        "changed": [{"key": c.key, "value": c.value,
                     "effective_from": c.effective_from.isoformat()} for c in changed],
        "rules": [{"key": r.key, "name": r.name, "type_codes": list(r.type_codes),
                   "procedures": list(r.procedures), "base": r.base.label,
                   "extensions": [{"length": e.length.label if e.length else None,
                                   "approver": str(e.approver)} for e in r.extensions],
                   "deductions_apply": r.deductions_apply, "source": r.source}
                  for r in force.rules],
        "thresholds": {k: getattr(th, k) for k in th.__dataclass_fields__},
        "reminder_months": list(force.reminder_months),
        "reminder_window_days": force.reminder_window_days,
        "history": [{"key": h.key, "value": h.value,
                     "effective_from": h.effective_from.isoformat(), "actor": h.actor,
                     "reason": h.reason} for h in history],
    }

    def human() -> str:
        lines = [f"rules in force on {force.as_of}:"]
        for r in force.rules:
            exts = "、".join(f"+{e.length.label if e.length else '不定'}（{e.approver}）"
                            for e in r.extensions) or "不可延长"
            lines.append(f"  {r.key}\t{r.name}\t{r.base.label}\t{exts}\t{r.source}")
        lines.append("thresholds: " + ", ".join(f"{k}={v}" for k, v
                                                in doc["thresholds"].items()))
        lines.append(f"reminders: months {doc['reminder_months']}, window "
                     f"{force.reminder_window_days} days")
        lines += [f"  {h['effective_from']} {h['key']}={h['value']} ({h['actor']}: "
                  f"{h['reason']})" for h in doc["history"]]
        return "\n".join(lines)

    emit(args, doc, human)
    return EXIT_OK


def add_event_options(p: argparse.ArgumentParser) -> None:
    """The fields of a 审限 event, for add-event and edit-event."""
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


def event_from_args(args: argparse.Namespace) -> Event:
    made = event_from_fields(args.kind, _cli_date(args.start, "--start"),
                             _cli_date(args.end, "--end"), months=args.months, days=args.days,
                             approver=args.approver, superior=args.superior,
                             reason=args.reason, to_procedure=args.to_procedure,
                             from_procedure=args.from_procedure)
    if isinstance(made, str):
        raise InvalidValue(made, field="kind")
    return made


def _cli_date(text: str | None, option: str) -> Any:
    if not text:
        return None
    got = parse_date(text)
    if got is None or isinstance(got, DateProblem):
        raise InvalidValue(f"{option}: {text!r} is not a date", field=option.lstrip("-"))
    return got


def cmd_add_event(args: argparse.Namespace) -> int:
    from backlog_desk.services.time_limits import add_event, case_limit_status

    made = event_from_args(args)
    db = _open_db(args)
    try:
        key = add_event(db, actor_for(db, args.as_user), args.case, made, source="cli")
        status = case_limit_status(db, args.case)
    finally:
        db.dispose()
    st = status.status
    doc = {"added": key, "case_number": status.case_number, "kind": str(made.kind),
           "deadline": st.deadline.isoformat() if st.deadline else None,
           "days_left": st.days_left, "state": str(st.state),
           "flags": [{"code": f.code, "message": f.message} for f in status.flags]}
    emit(args, doc, lambda: f"{status.case_number}: {KIND_LABELS[made.kind]} recorded; "
                            f"届满 {doc['deadline']}, {st.state_label}")
    return EXIT_OK


def cmd_import_events(args: argparse.Namespace) -> int:
    from backlog_desk.services.time_limits_import import import_events

    path = Path(args.file)
    if not path.exists():
        raise InvalidValue(f"{path}: no such file", field="file")
    db = _open_db(args)
    try:
        result = import_events(db, actor_for(db, args.as_user), path, dry_run=args.dry_run)
    finally:
        db.dispose()
    emit(args, result.as_json(), lambda: "\n".join(
        [f"{result.file}: {result.rows} rows, {result.added} added, {result.known} already "
         f"recorded, {len(result.rejected)} rejected" + (" (dry run)" if args.dry_run else "")]
        + [f"  row {r['row']} {r['field']} {r['value']!r}: {r['reason']}"
           for r in result.rejected]))
    return EXIT_BAD_INPUT if result.rejected and not result.added and not result.known \
        else EXIT_OK


def cmd_reminders(args: argparse.Namespace) -> int:
    from backlog_desk.services.reminders import reminders

    db = _open_db(args)
    try:
        as_of = date_option(args.as_of)
        items, counts = reminders(db, as_of, department=args.department)
    finally:
        db.dispose()
    doc = {"counts": counts, "cases": [c.as_json() for c in items]}
    emit(args, doc, lambda: "\n".join(
        [", ".join(f"{k} {v}" for k, v in counts.items())]
        + [f"{c.case_number}\t{c.department}\t{c.judge}\t"
           + " ".join(r.message for r in c.items) for c in items]))
    return EXIT_OK


def cmd_promises(args: argparse.Namespace) -> int:
    from backlog_desk.services.reminders import promise_report

    db = _open_db(args)
    try:
        report = promise_report(db, date_option(args.as_of), case_number=args.case)
    finally:
        db.dispose()
    doc = report.as_json()
    emit(args, doc, lambda: "\n".join(
        [f"{name}\t{t.cases} cases\tmoved {t.moved} (+{t.moved_days} days)\tmissed "
         f"{t.missed} ({t.missed_days} days)" for name, t in report.by_department.items()]))
    return EXIT_OK


def cmd_leaders(args: argparse.Namespace) -> int:
    from backlog_desk.services.leaders import (
        assign_suggested_leaders,
        leader_suggestions,
        per_group,
    )

    db = _open_db(args)
    try:
        as_of = date_option(args.as_of)
        assigned = (assign_suggested_leaders(db, actor_for(db, args.as_user),
                                             overwrite=args.overwrite)
                    if args.assign else None)
        suggestions = leader_suggestions(db) if args.suggest else []
        lines = per_group(db, args.by, as_of)
    finally:
        db.dispose()
    doc: dict[str, Any] = {"by": args.by, "lines": [x.as_json() for x in lines],
                           "suggestions": [x.as_json() for x in suggestions]}
    if assigned is not None:
        doc["assigned"] = assigned
    emit(args, doc, lambda: "\n".join(
        ([f"assigned {assigned}"] if assigned is not None else [])
        + [f"{x.rank or '-'}\t{x.name}\topen {x.open_cases}\t{x.rate or '-'}" for x in lines]
        + [f"{x.case_number}\t{x.level}\t{x.current or '未指定'} → {x.suggested}"
           for x in suggestions]))
    return EXIT_OK


def cmd_enforcement(args: argparse.Namespace) -> int:
    from backlog_desk.services.leaders import enforcement_cases, tag_cases

    db = _open_db(args)
    try:
        changed = None
        if args.tag or args.untag:
            if not args.category:
                raise UsageError("--tag/--untag need --category")
            changed = tag_cases(db, actor_for(db, args.as_user), args.tag or args.untag,
                                args.category, remove=bool(args.untag), source="cli")
        cases = enforcement_cases(db, args.category, date_option(args.as_of))
    finally:
        db.dispose()
    doc: dict[str, Any] = {"category": args.category, "cases": cases}
    if changed is not None:
        doc["changed"] = changed
    emit(args, doc, lambda: "\n".join(f"{c['case_number']}\t{c['department']}\t"
                                      + "、".join(c["labels"]) for c in cases))
    return EXIT_OK
