"""Helpers every command module shares: output, opening the database, the actor, options."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any

from backlog_desk.domain.ages import DEFAULT_AGE_BUCKETS, AgeBuckets, AgeConfigProblem
from backlog_desk.domain.dates import DateProblem, parse_date
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
    role = Role(db.meta("role", Role.AUDIT))
    department = db.meta("department") or None
    base = local_user(role, department)
    return Actor(name, role, department) if name else base


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
