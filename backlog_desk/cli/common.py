"""Helpers every command module shares: output, opening the database, the actor, options."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from backlog_desk.domain.ages import DEFAULT_AGE_BUCKETS, AgeBuckets, AgeConfigProblem
from backlog_desk.domain.dates import DateProblem, parse_date
from backlog_desk.services.accounts import authenticate, has_accounts
from backlog_desk.services.actor import Actor, Role, local_user
from backlog_desk.store.database import Database, open_database

# A command module registers its subcommands through this: name, handler, help text.
Register = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def emit(args: argparse.Namespace, document: Any, human: Callable[[], str]) -> None:
    if args.json:
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print(human())


def open_db(args: argparse.Namespace) -> Database:
    return open_database(args.db)


def actor_for(db: Database, name: str | None) -> Actor:
    """The person running the command. Once the file has user accounts this signs in: the
    user from --as (default the OS login name), the password from BACKLOG_DESK_PASSWORD or
    a prompt; a file without accounts keeps the old rule (the name, in the file's role)."""
    if has_accounts(db):
        user = name or local_user(Role.LEADER).name
        return authenticate(db, user, read_password(f"password for {user}: ",
                                                    PASSWORD_ENV))
    role = Role(db.meta("role", Role.AUDIT))
    department = db.meta("department") or None
    base = local_user(role, department)
    return Actor(name, role, department) if name else base


PASSWORD_ENV = "BACKLOG_DESK_PASSWORD"


def read_password(prompt: str, env: str) -> str:
    """From the environment variable `env` (scripts), else typed at a terminal (never
    echoed); with neither, a usage error rather than a hang."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UsageError(f"this needs a password: set {env} or run it at a terminal")
    return getpass.getpass(prompt)


def date_option(text: str | None, option: str = "--as-of") -> dt.date | None:
    if not text:
        return None
    parsed = parse_date(text)
    if parsed is None or isinstance(parsed, DateProblem):
        raise UsageError(f"{option}: {text!r} is not a date (use YYYY-MM-DD)")
    return parsed


def age_buckets(text: str | None) -> AgeBuckets:
    if not text:
        return DEFAULT_AGE_BUCKETS
    try:
        edges = [int(x) for x in text.replace("，", ",").split(",") if x.strip()]
    except ValueError:
        raise UsageError(f"--age-edges: {text!r} is not a list of months like 6,12,24,36") from None
    made = AgeBuckets.from_month_edges(edges)
    if isinstance(made, AgeConfigProblem):
        raise UsageError(f"--age-edges: {made.message}")
    return made
