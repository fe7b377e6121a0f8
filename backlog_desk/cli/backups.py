"""Commands for the automatic backups beside a ledger file: list, keep, restore."""

from __future__ import annotations

import argparse

from backlog_desk.services import backups

from .common import EXIT_OK, Register, actor_for, emit, open_db


def cmd_backups(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if args.keep is not None:
            backups.set_backups_kept(db, actor_for(db, args.as_user), args.keep)
        kept = db.backups_kept()
        rows = backups.list_backups(db)
    finally:
        db.dispose()
    doc = {"kept": kept, "backups": [b.as_json() for b in rows]}
    emit(args, doc, lambda: "\n".join(
        [f"{len(rows)} backups (the newest {kept} are kept)"]
        + [f"{b.at:%Y-%m-%d %H:%M:%S}  {b.size:>12,}  {b.reason:<24} {b.path.name}"
           for b in rows]))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        result = backups.restore_backup(db, actor_for(db, args.as_user), args.backup)
    finally:
        db.dispose()
    emit(args, result.as_json(), lambda: (
        f"restored {result.restored_from.name} ({result.cases} cases, integrity "
        f"{result.integrity}); the state before is in {result.safety_backup.name}"))
    return EXIT_OK


def register(command: Register) -> None:
    p = command("backups", cmd_backups, "list the automatic backups of a ledger file")
    p.add_argument("db")
    p.add_argument("--keep", type=int, metavar="N", help="keep the newest N backups from now on")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("restore", cmd_restore, "restore a backup (the current state is backed up "
                "first)")
    p.add_argument("db")
    p.add_argument("backup", help="a file name from `backups DB`, or a path")
    p.add_argument("--as", dest="as_user", metavar="USER")
