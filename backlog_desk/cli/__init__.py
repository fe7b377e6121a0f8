"""`backlog-desk-cli`: the services without a window, for scripting and for tests.

Every command takes --json and then prints exactly one JSON document on stdout. Exit codes:
0 success, 1 bad input (the message on stderr names the file, row or field), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from backlog_desk.domain.case_number import parse_case_number
from backlog_desk.exchange.case_list import CaseListError
from backlog_desk.exchange.problem_report import write_problem_report
from backlog_desk.services import cases as case_service
from backlog_desk.services.actor import Role, local_user
from backlog_desk.services.campaigns import freeze_baseline
from backlog_desk.services.case_types import add_case_type, case_type_table
from backlog_desk.services.check import check_database
from backlog_desk.services.demo import create_demo, write_demo_export
from backlog_desk.services.errors import ServiceError
from backlog_desk.services.imports import import_case_list
from backlog_desk.services.setup import init_database
from backlog_desk.services.stats import campaign_stats
from backlog_desk.services.workbooks import (
    export_department_workbook,
    import_department_workbook,
    write_import_errors,
)
from backlog_desk.store.database import StoreError

from . import (
    accounts,
    backups,
    console,
    dashboard,
    event_edits,
    packages,
    reports,
    search_index,
    signing_keys,
    time_limits,
)
from .common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    actor_for,
    age_buckets,
    date_option,
    emit,
    open_db,
)

# Command modules beside this one, each with `register(command)` adding its subcommands.
# Listed by static import (`from . import packages`) so PyInstaller's analysis finds them.
COMMAND_MODULES: tuple[ModuleType, ...] = (reports, packages, accounts, backups, console,
                                            dashboard, time_limits, signing_keys,
                                            event_edits, search_index)


def cmd_case_types(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if args.add:
            added = add_case_type(db, actor_for(db, args.as_user), code=args.add,
                                  family=args.family, instance=args.instance,
                                  label=args.label or args.add,
                                  counts_in_stats=not args.not_in_stats)
            doc: Any = {"added": {"code": added.code, "family": added.family.value,
                                  "instance": added.instance.value, "label": added.label,
                                  "counts_in_stats": added.counts_in_stats}}
            emit(args, doc, lambda: f"{added.code}: {added.label} ({added.family.value})")
            return EXIT_OK
        table = case_type_table(db)
    finally:
        db.dispose()
    doc = [{"code": t.code, "family": t.family.value, "instance": t.instance.value,
            "label": t.label, "counts_in_stats": t.counts_in_stats} for t in table]
    emit(args, doc, lambda: "\n".join(f"{d['code']}\t{d['label']}\t{d['family']}"
                                        for d in doc))
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    db = init_database(args.db, local_user(Role(args.role), args.department),
                       court_name=args.court_name, court_code=args.court_code,
                       role=args.role, department=args.department)
    db.dispose()
    doc = {"db": str(args.db), "court_name": args.court_name, "court_code": args.court_code,
           "role": args.role, "department": args.department}
    emit(args, doc, lambda: f"created {args.db} for {args.court_name} ({args.role})")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    scale: str | int = args.scale.upper() if args.scale.isalpha() else int(args.scale)
    as_of = date_option(args.as_of)
    result = create_demo(args.db, scale=scale, seed=args.seed, as_of=as_of)
    doc: dict[str, Any] = {"db": result.path, "court": result.court, "cases": result.cases,
                           "baseline": result.baseline, "seconds": round(result.seconds, 2),
                           "search_waiting": result.search_waiting}
    if args.export_xlsx:
        doc["export"] = args.export_xlsx
        doc["export_rows"] = write_demo_export(Path(args.export_xlsx), scale=scale,
                                               seed=args.seed, as_of=as_of,
                                               messy=args.messy)
    emit(args, doc, lambda: (f"created {result.path}: {result.court}, {result.cases} cases, "
                              f"{result.baseline} in the baseline ({result.seconds:.1f} s)"
                              + (f"; {result.search_waiting} cases wait for the search index "
                                 "(the window fills it in the background, or run "
                                 "index-search)" if result.search_waiting else "")))
    return EXIT_OK


def cmd_import_cases(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        report = import_case_list(db, actor_for(db, args.as_user), Path(args.file),
                                  dry_run=args.dry_run)
    finally:
        db.dispose()
    if args.errors:
        write_problem_report(Path(args.errors), [("拒绝", report.rejected),
                                                 ("冲突", report.conflicts),
                                                 ("提示", report.warnings)])
    doc = report.as_json()
    if not args.json:
        for issue in report.rejected + report.conflicts:
            print(f"{issue.file}: sheet {issue.sheet} row {issue.row} field {issue.field}: "
                  f"{issue.reason}", file=sys.stderr)

    def human() -> str:
        verb = "would add" if report.dry_run else "added"
        return (f"{verb} {report.added}, updated {report.updated}, unchanged "
                f"{report.unchanged}, rejected {len(report.rejected)}, conflicts "
                f"{len(report.conflicts)}, closure candidates {len(report.closure_candidates)}")

    emit(args, doc, human)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        stats = campaign_stats(db, as_of=date_option(args.as_of), by_judge=args.by_judge,
                               buckets=age_buckets(args.age_edges))
    finally:
        db.dispose()
    doc = stats.as_json()

    def human() -> str:
        lines = [f"{stats.court_name} · {stats.campaign.name} · as of {stats.as_of}",
                 f"baseline {stats.total.total}  closed {stats.total.closed}  open "
                 f"{stats.total.open}  rate {doc['clearance_rate_percent']}"]
        lines += [f"  {d['rank'] or '-':>3}  {d['name']:<10} {d['closed']:>7}/{d['baseline']:<7}"
                  f" {d['clearance_rate_percent']}" for d in doc["departments"]]
        lines += [f"  target {t['name']}: {t['actual_percent']} of {t['required_percent']} "
                  f"by {t['due']} ({t['state']})" for t in doc["targets"]]
        return "\n".join(lines)

    emit(args, doc, human)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        rows = case_service.list_cases(db, department=args.department, status=args.status)
    finally:
        db.dispose()
    emit(args, [r.as_json() for r in rows], lambda: "\n".join(
        f"{r.case_number}\t{r.filing_date}\t{r.department}\t{r.judge}\t{r.status}"
        for r in rows))
    return EXIT_OK


def cmd_parse(args: argparse.Namespace) -> int:
    out: list[dict[str, Any]] = []
    for text in args.text:
        p = parse_case_number(text)
        out.append({
            "input": p.input, "valid": p.valid, "normalized": p.normalized, "year": p.year,
            "court_code": p.court_code, "special_code": p.special_code,
            "type_code": p.type_code, "number": p.number, "suffix": p.suffix,
            "format": p.format, "family": str(p.family) if p.family else None,
            "instance": str(p.instance) if p.instance else None,
            "warnings": [w.message for w in p.warnings],
            "error": p.error.message if p.error else None,
        })
    emit(args, out, lambda: "\n".join(
        f"{o['input']}\t{o['normalized'] or 'INVALID: ' + str(o['error'])}"
        + ("".join(f"\n  warning: {w}" for w in o["warnings"])) for o in out))
    return EXIT_OK if all(o["valid"] for o in out) else EXIT_BAD_INPUT


def cmd_set(args: argparse.Namespace) -> int:
    changes: dict[str, str] = {}
    for item in args.assignments:
        if "=" not in item:
            raise UsageError(f"{item!r}: expected FIELD=VALUE")
        name, value = item.split("=", 1)
        changes[name.strip()] = value
    db = open_db(args)
    try:
        done = case_service.update_case(db, actor_for(db, args.as_user), args.case_number,
                                        changes, source="cli")
    finally:
        db.dispose()
    doc = {"case_number": case_service.resolve_case_number(args.case_number),
           "changed": [{"field": c.field, "old": c.old, "new": c.new} for c in done]}
    emit(args, doc, lambda: "\n".join(f"{c.field}: {c.old!r} -> {c.new!r}" for c in done)
          or "nothing changed")
    return EXIT_OK


def cmd_freeze(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        n = freeze_baseline(db, actor_for(db, args.as_user))
    finally:
        db.dispose()
    emit(args, {"baseline": n}, lambda: f"baseline frozen: {n} cases")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        report = check_database(db)
    finally:
        db.dispose()
    emit(args, report.as_json(), lambda: "\n".join(
        f"{'ok ' if i.ok else 'BAD'} {i.name}: {i.detail}" for i in report.items))
    return EXIT_OK if report.ok else EXIT_BAD_INPUT


def cmd_export_workbook(args: argparse.Namespace) -> int:
    deadline = date_option(args.deadline, "--deadline")
    db = open_db(args)
    try:
        result = export_department_workbook(db, actor_for(db, args.as_user), args.department,
                                            Path(args.out), deadline=deadline)
    finally:
        db.dispose()
    doc = {"file": result.file, "department": result.department, "rows": result.rows,
           "export_id": result.export_id, "court_code": result.court_code,
           "campaign_id": result.campaign_id}
    emit(args, doc, lambda: f"wrote {result.file}: {result.department}, {result.rows} cases "
                             f"(export {result.export_id})")
    return EXIT_OK


def cmd_import_workbook(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        report = import_department_workbook(db, actor_for(db, args.as_user), Path(args.file),
                                            dry_run=args.dry_run)
    finally:
        db.dispose()
    doc = report.as_json()
    if args.errors:
        doc["errors_file"] = args.errors
        doc["errors_rows"] = write_import_errors(report, Path(args.errors))
    if not args.json:
        for issue in report.rejected:
            print(f"{issue.file}: sheet {issue.sheet} row {issue.row} column {issue.column}: "
                  f"{issue.reason}", file=sys.stderr)

    def human() -> str:
        c = doc["counts"]
        verb = "would update" if report.dry_run else "updated"
        lines = [f"{report.file} ({report.department}): {c['rows']} rows; {verb} "
                 f"{c['updated']}, unchanged {c['unchanged']}, new cases proposed "
                 f"{c['added']}, flagged {c['flagged']}, rejected {c['rejected']}"]
        lines += [f"  row {u.row} {u.case_number}: {ch.field} {ch.old!r} -> {ch.new!r}"
                  for u in report.updated for ch in u.changes]
        lines += [f"  flagged row {i.row}: {i.reason}" for i in report.flagged + report.added]
        lines += [f"  warning: {w}" for w in report.warnings]
        return "\n".join(lines)

    emit(args, doc, human)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backlog-desk-cli",
                                     description="Backlog Desk (积案清结台账) command line")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, func: Callable[[argparse.Namespace], int],
                help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_)
        p.add_argument("--json", action="store_true", help="print one JSON document")
        p.set_defaults(func=func)
        return p

    p = command("init", cmd_init, "create a new ledger database")
    p.add_argument("db")
    p.add_argument("--court-name", required=True)
    p.add_argument("--court-code", required=True)
    p.add_argument("--role", choices=["audit", "department"], required=True)
    p.add_argument("--department")

    p = command("demo", cmd_demo, "create a database with a synthetic court")
    p.add_argument("db")
    p.add_argument("--scale", default="S", help="S (3,000), M (100,000), L (1,000,000) or N")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--as-of", help="the day the demo pretends it is (YYYY-MM-DD)")
    p.add_argument("--export-xlsx", metavar="OUT.xlsx",
                   help="also write its open cases as a case-system export")
    p.add_argument("--messy", action="store_true",
                   help="make that export messy like real ones (forms, padding, totals row)")

    p = command("import-cases", cmd_import_cases, "import the case system's export")
    p.add_argument("db")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="report, change nothing")
    p.add_argument("--errors", metavar="OUT.xlsx", help="write the problems to a workbook")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("stats", cmd_stats, "campaign progress")
    p.add_argument("db")
    p.add_argument("--as-of", help="YYYY-MM-DD; closures after it do not count")
    p.add_argument("--by-judge", action="store_true", help="add rates per judge")
    p.add_argument("--age-edges", metavar="MONTHS",
                   help="age bucket edges in months, e.g. 6,12,24,36 (the default)")

    p = command("case-types", cmd_case_types, "list or extend the court's case-type table")
    p.add_argument("db")
    p.add_argument("--add", metavar="CODE", help="add or replace a type code, e.g. 民诉前调")
    p.add_argument("--family", default="civil")
    p.add_argument("--instance", default="first")
    p.add_argument("--label", help="Chinese name of the type")
    p.add_argument("--not-in-stats", action="store_true",
                   help="exclude cases of this type from statistics")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("list", cmd_list, "list cases")
    p.add_argument("db")
    p.add_argument("--department")
    p.add_argument("--status", choices=["open", "closed"])

    p = command("parse-case-number", cmd_parse, "parse and normalise case numbers")
    p.add_argument("text", nargs="+")

    p = command("set", cmd_set, "change fields of one case")
    p.add_argument("db")
    p.add_argument("case_number")
    p.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("freeze", cmd_freeze, "freeze the campaign's baseline list")
    p.add_argument("db")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("check", cmd_check, "check integrity and the audit log")
    p.add_argument("db")

    p = command("export-workbook", cmd_export_workbook, "write a department's workbook")
    p.add_argument("db")
    p.add_argument("--department", required=True)
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.add_argument("--deadline", help="return deadline on the cover (YYYY-MM-DD)")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("import-workbook", cmd_import_workbook, "import a department's workbook back")
    p.add_argument("db")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="report, change nothing")
    p.add_argument("--errors", metavar="OUT.xlsx", help="write a marked-up copy of the rows")
    p.add_argument("--as", dest="as_user", metavar="USER")

    for module in COMMAND_MODULES:
        module.register(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except UsageError as exc:
        return _fail(args, exc, EXIT_USAGE)
    except (ServiceError, StoreError, CaseListError) as exc:
        return _fail(args, exc, EXIT_BAD_INPUT)


def _fail(args: argparse.Namespace, exc: Exception, code: int) -> int:
    print(f"backlog-desk-cli: {exc}", file=sys.stderr)
    if getattr(args, "json", False):
        # Scripts reading stdout still get exactly one JSON document.
        doc = {"error": str(exc), "field": getattr(exc, "field", ""),
               "file": getattr(exc, "file", ""), "row": getattr(exc, "row", None)}
        json.dump(doc, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
