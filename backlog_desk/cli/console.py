"""The audit office's console from the command line: where each department stands, and a
package for every department at once."""

from __future__ import annotations

import argparse
from pathlib import Path

from backlog_desk.services.console import console, export_all_packages

from .common import EXIT_OK, Register, actor_for, date_option, emit, open_db


def cmd_console(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        view = console(db, date_option(args.as_of))
    finally:
        db.dispose()

    def human() -> str:
        lines = [f"as of {view.as_of}"]
        for r in view.rows:
            sent = f"#{r.last_sent_seq} {r.last_sent_at:%Y-%m-%d}" if r.last_sent_at else "—"
            got = (f"#{r.last_received_seq} {r.last_received_at:%Y-%m-%d}"
                   if r.last_received_at else "—")
            confirmed = (f"{r.confirmed_at:%Y-%m-%d} {r.confirmed_by}"
                         + ("" if r.confirmation_current else " (list changed)")
                         if r.confirmed_at else "not confirmed")
            late = f"{r.return_overdue_days} days overdue" if r.return_overdue_days else "ok"
            lines.append(f"{r.department}\tsent {sent}\treceived {got}\t{confirmed}\t"
                         f"return {late}\tconflicts {r.open_conflicts}")
        return "\n".join(lines)

    emit(args, view.as_json(), human)
    return EXIT_OK


def cmd_export_packages(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        results = export_all_packages(db, actor_for(db, args.as_user), Path(args.out_dir),
                                      departments=args.department or None)
    finally:
        db.dispose()
    emit(args, [r.as_json() for r in results], lambda: "\n".join(
        f"{r.recipient}: package {r.seq} ({r.cases} cases) -> {r.file}" for r in results))
    return EXIT_OK


def register(command: Register) -> None:
    p = command("console", cmd_console, "the audit office's console: packages, inventory "
                "confirmations, overdue returns and conflicts per department")
    p.add_argument("db")
    p.add_argument("--as-of", help="YYYY-MM-DD; the day overdue is counted to (default today)")

    p = command("export-packages", cmd_export_packages,
                "write a package for every department (or those given) into a folder")
    p.add_argument("db")
    p.add_argument("--out-dir", required=True, metavar="DIR")
    p.add_argument("--department", action="append", metavar="NAME",
                   help="only this department (repeatable)")
    p.add_argument("--as", dest="as_user", metavar="USER")
