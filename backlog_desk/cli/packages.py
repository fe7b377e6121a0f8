"""Package exchange commands: export-package, apply-package, conflicts, resolve, peers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from backlog_desk.services.actor import Actor, Role, local_user
from backlog_desk.services.conflicts import list_conflicts, resolve_conflict
from backlog_desk.services.package_apply import apply_package
from backlog_desk.services.package_export import export_package
from backlog_desk.services.package_setup import create_from_package
from backlog_desk.services.packages import identity, list_peers
from backlog_desk.store.database import open_database

from .common import EXIT_OK, Register, UsageError, actor_for, emit, open_db


def _progress(enabled: bool) -> Any:
    if not enabled:
        return None

    def say(message: str) -> None:
        # stderr, so --json still prints exactly one document on stdout.
        print(f"progress: {message}", file=sys.stderr, flush=True)

    return say


def cmd_export_package(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        result = export_package(db, actor_for(db, args.as_user), args.to, Path(args.out))
    finally:
        db.dispose()
    emit(args, result.as_json(), lambda: (
        f"wrote {result.file}: {result.kind} package #{result.seq} for {result.recipient}, "
        f"{result.cases} cases, acknowledges #{result.ack}; our key fingerprint "
        f"{result.fingerprint}"))
    return EXIT_OK


def cmd_apply_package(args: argparse.Namespace) -> int:
    progress = _progress(args.progress)
    target = Path(args.db)
    if "://" not in args.db and not target.exists():
        actor = Actor(args.as_user, Role.DEPARTMENT) if args.as_user \
            else local_user(Role.DEPARTMENT)
        report = create_from_package(target, actor, Path(args.file), dry_run=args.dry_run,
                                     progress=progress)
    else:
        db = open_db(args)
        try:
            report = apply_package(db, actor_for(db, args.as_user), Path(args.file),
                                   dry_run=args.dry_run, progress=progress)
        finally:
            db.dispose()

    def human() -> str:
        if report.status == "already-applied":
            return report.message
        verb = {"dry-run": "would apply", "created": "created from"}.get(report.status,
                                                                         "applied")
        lines = [f"{verb} {report.kind} package #{report.seq} from {report.sender} "
                 f"(key {report.fingerprint}): {report.new} new, {report.updated} updated, "
                 f"{report.kept} keep local changes, {len(report.conflicts)} conflicts, "
                 f"{len(report.refused)} refused rows"]
        if report.message:
            lines.append(report.message)
        if report.first_contact:
            lines.append(f"first package from {report.sender}: phone them and compare the key "
                         f"fingerprint {report.fingerprint} with the one their screen shows")
        if report.confirmations:
            lines.append(f"{report.confirmations} inventory-list confirmation(s) recorded")
        lines += [f"  {c['case_number']} {c['field']}: {c['old']!r} -> {c['new']!r}"
                  for c in report.changes[:200]]
        lines += [f"  CONFLICT {c['case_number']} {c['field']}: mine {c['mine']!r}, theirs "
                  f"{c['theirs']!r}" for c in report.conflicts]
        lines += [f"  REFUSED {r.case_number}: {r.reason}" for r in report.refused]
        return "\n".join(lines)

    emit(args, report.as_json(), human)
    return EXIT_OK


def cmd_conflicts(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        rows = list_conflicts(db, include_resolved=args.all)
    finally:
        db.dispose()
    def when(at: Any) -> str:
        return f"{at:%Y-%m-%d %H:%M}" if at else "?"

    emit(args, [r.as_json() for r in rows], lambda: "\n".join(
        f"{r.id}\t{r.case_number}\t{r.field}\tmine {r.mine!r} ({r.mine_by}, "
        f"{when(r.mine_at)})\ttheirs {r.theirs!r} ({r.theirs_by}, {when(r.theirs_at)})"
        + (f"\t{r.resolution} by {r.resolved_by}" if r.resolved_at else "")
        for r in rows) or "no open conflicts")
    return EXIT_OK


def cmd_resolve(args: argparse.Namespace) -> int:
    if sum((args.keep_mine, args.take_theirs, args.value is not None)) != 1:
        raise UsageError("give exactly one of --keep-mine, --take-theirs, --value TEXT")
    db = open_db(args)
    try:
        done = resolve_conflict(db, actor_for(db, args.as_user), args.conflict_id,
                                keep_mine=args.keep_mine, take_theirs=args.take_theirs,
                                value=args.value)
    finally:
        db.dispose()
    emit(args, done.as_json(), lambda: (
        f"conflict {done.id} ({done.case_number} {done.field}) resolved: {done.resolution}"))
    return EXIT_OK


def cmd_peers(args: argparse.Namespace) -> int:
    db = open_database(args.db)
    try:
        with db.session() as s:
            me = identity(s)
            peers = list_peers(s)
            mine = {"installation": me.installation_id, "role": me.role,
                    "department": me.department, "fingerprint": me.fingerprint}
    finally:
        db.dispose()
    doc = {"me": mine, "peers": [p.as_json() for p in peers]}
    emit(args, doc, lambda: "\n".join(
        [f"this installation ({me.role} {me.department}): key fingerprint {me.fingerprint}"]
        + [f"  {p.role} {p.department}: fingerprint {p.fingerprint or '(not seen yet)'}, "
           f"sent #{p.last_sent_seq}, received #{p.last_received_seq}, they have #{p.acked_seq}"
           for p in peers]))
    return EXIT_OK


def register(command: Register) -> None:
    p = command("export-package", cmd_export_package, "write a package for a peer")
    p.add_argument("db")
    p.add_argument("--to", required=True, metavar="NAME",
                   help="the department's name, or 'audit' from a department")
    p.add_argument("--out", required=True, metavar="FILE.db")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("apply-package", cmd_apply_package,
                "apply a package (a missing DB is created from a setup package)")
    p.add_argument("db")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="preview, change nothing")
    p.add_argument("--progress", action="store_true", help="progress lines on stderr")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("conflicts", cmd_conflicts, "list conflicts from package exchange")
    p.add_argument("db")
    p.add_argument("--all", action="store_true", help="include resolved ones")

    p = command("resolve", cmd_resolve, "resolve one conflict")
    p.add_argument("db")
    p.add_argument("conflict_id", type=int)
    p.add_argument("--keep-mine", action="store_true")
    p.add_argument("--take-theirs", action="store_true")
    p.add_argument("--value", metavar="TEXT")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("peers", cmd_peers, "this installation's key fingerprint and its peers")
    p.add_argument("db")
