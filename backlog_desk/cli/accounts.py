"""Commands for user accounts and the head's confirmation of the inventory list.

Passwords never appear on the command line (it shows in process lists and shell history):
the signed-in user's comes from BACKLOG_DESK_PASSWORD or a prompt, a new one from
BACKLOG_DESK_NEW_PASSWORD or a prompt typed twice.
"""

from __future__ import annotations

import argparse
import os
import sys

from backlog_desk.services import accounts
from backlog_desk.services.actor import Actor, Role, local_user
from backlog_desk.services.confirmations import confirm_inventory
from backlog_desk.store.database import Database

from .common import (
    EXIT_OK,
    PASSWORD_ENV,
    Register,
    UsageError,
    actor_for,
    emit,
    open_db,
    read_password,
)

NEW_PASSWORD_ENV = "BACKLOG_DESK_NEW_PASSWORD"


def new_password(user: str) -> str:
    if os.environ.get(NEW_PASSWORD_ENV) is None and sys.stdin.isatty():
        first = read_password(f"new password for {user}: ", NEW_PASSWORD_ENV)
        again = read_password(f"new password for {user} again: ", NEW_PASSWORD_ENV)
        if first != again:
            raise UsageError("the two passwords differ; nothing was changed")
        return first
    return read_password(f"new password for {user}: ", NEW_PASSWORD_ENV)


def _manager(db: Database, as_user: str | None) -> Actor:
    """Who adds the first account of a file: the person at the PC, in the file's role."""
    if accounts.has_accounts(db):
        return actor_for(db, as_user)
    role = Role(db.meta("role", Role.AUDIT))
    base = local_user(role, db.meta("department") or None)
    return Actor(as_user, role, base.department) if as_user else base


def cmd_user_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        actor = _manager(db, args.as_user)
        info = accounts.add_account(db, actor, args.name, args.role, new_password(args.name),
                                    args.department)
    finally:
        db.dispose()
    emit(args, info.as_json(), lambda: f"added {info.name} ({info.role.value}"
                                       + (f", {info.department})" if info.department else ")"))
    return EXIT_OK


def cmd_user_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        rows = accounts.list_accounts(db)
    finally:
        db.dispose()
    emit(args, [r.as_json() for r in rows], lambda: "\n".join(
        f"{r.name}\t{r.role.value}\t{r.department or '-'}\t"
        f"{'active' if r.active else 'disabled'}" for r in rows) or "no accounts")
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        # Signed in here rather than through actor_for: changing one's own password needs
        # the current one again, and a prompt must not ask for it twice.
        user = args.as_user or local_user(Role.LEADER).name
        current = read_password(f"password for {user}: ", PASSWORD_ENV)
        actor = accounts.authenticate(db, user, current)
        target = args.name or actor.name
        accounts.change_password(db, actor, target, new_password(target),
                                 old_password=current if target == actor.name else None)
    finally:
        db.dispose()
    emit(args, {"name": target, "changed": True}, lambda: f"password of {target} changed")
    return EXIT_OK


def cmd_user_disable(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        info = accounts.set_active(db, actor_for(db, args.as_user), args.name, args.enable)
    finally:
        db.dispose()
    emit(args, info.as_json(),
         lambda: f"{info.name}: {'active' if info.active else 'disabled'}")
    return EXIT_OK


def cmd_confirm_inventory(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        actor = actor_for(db, args.as_user)
        done = confirm_inventory(db, actor, args.department or actor.department or "",
                                 note=args.note)
    finally:
        db.dispose()
    emit(args, done.as_json(), lambda: (f"{done.department}: inventory list of {done.cases} "
                                        f"cases confirmed by {done.confirmed_by}"))
    return EXIT_OK


def cmd_sign_ins(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        rows = accounts.sign_ins(db, failed_only=args.failed, user=args.user,
                                 limit=args.limit)
    finally:
        db.dispose()
    emit(args, {"sign_ins": [r.as_json() for r in rows]}, lambda: "\n".join(
        f"{r.at:%Y-%m-%d %H:%M:%S}\t{r.user}\t{r.outcome}\t{r.where}" for r in rows)
        or "no sign-in attempts recorded")
    return EXIT_OK


def register(command: Register) -> None:
    p = command("sign-ins", cmd_sign_ins,
                "sign-in attempts, newest first: who (as typed), when, outcome, computer")
    p.add_argument("db")
    p.add_argument("--failed", action="store_true", help="only the failed ones")
    p.add_argument("--user", metavar="NAME", help="only attempts with this user name")
    p.add_argument("--limit", type=int, default=200, metavar="N", help="at most N (200)")

    p = command("user-add", cmd_user_add, "add a user account (password from "
                f"{NEW_PASSWORD_ENV} or a prompt)")
    p.add_argument("db")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=["clerk", "head", "audit", "leader"])
    p.add_argument("--department", help="the department of a clerk or head")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("user-list", cmd_user_list, "list the user accounts")
    p.add_argument("db")

    p = command("passwd", cmd_passwd, "change your password, or reset another user's")
    p.add_argument("db")
    p.add_argument("name", nargs="?", help="whose password (default: your own)")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("user-disable", cmd_user_disable, "disable (or --enable) a user account")
    p.add_argument("db")
    p.add_argument("name")
    p.add_argument("--enable", action="store_true", help="enable the account again")
    p.add_argument("--as", dest="as_user", metavar="USER")

    p = command("confirm-inventory", cmd_confirm_inventory,
                "the head confirms the department's inventory list (排查立账)")
    p.add_argument("db")
    p.add_argument("--department", help="default: the head's own department")
    p.add_argument("--note", default="")
    p.add_argument("--as", dest="as_user", metavar="USER")
