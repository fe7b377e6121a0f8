"""Making a new ledger database for a court, as the audit office or as a department."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from sqlalchemy import insert, select

from backlog_desk.domain.campaign import default_campaign
from backlog_desk.store import audit
from backlog_desk.store.database import Database, StoreError, open_database
from backlog_desk.store.models import AppMeta, Court

from .actor import Actor, Role
from .campaigns import add_campaign
from .errors import InvalidValue


def _set_meta(s, key: str, value: str) -> None:  # type: ignore[no-untyped-def]
    existing = s.get(AppMeta, key)
    if existing is None:
        s.add(AppMeta(key=key, value=value))
    else:
        existing.value = value


def init_database(target: str | Path, actor: Actor, *, court_name: str, court_code: str,
                  role: str, department: str | None = None,
                  campaign_year: int | None = None) -> Database:
    """Create the database (file or server schema) with the court, the installation's role
    and a campaign for the year following the seed documents' plan."""
    court_name, court_code = court_name.strip(), court_code.strip()
    if not court_name:
        raise InvalidValue("court name is empty", field="court_name")
    if not court_code:
        raise InvalidValue("court code is empty", field="court_code")
    if role not in (Role.AUDIT, Role.DEPARTMENT):
        raise InvalidValue(f"role must be 'audit' or 'department', not {role!r}", field="role")
    if role == Role.DEPARTMENT and not department:
        raise InvalidValue("a department installation needs --department", field="department")
    if isinstance(target, Path | str) and "://" not in str(target) and Path(target).exists() \
            and Path(target).stat().st_size > 0:
        raise InvalidValue(f"{target}: file exists already; choose a new name", field="DB")
    try:
        db = open_database(target, create=True)
    except StoreError as exc:
        raise InvalidValue(str(exc), field="DB") from exc
    with db.session() as s:
        if s.execute(select(Court.id)).first() is not None:
            raise InvalidValue(f"{target}: already initialised", field="DB")
        s.execute(insert(Court).values(name=court_name, code=court_code))
        _set_meta(s, "role", role)
        _set_meta(s, "department", department or "")
        _set_meta(s, "created_at", dt.datetime.now().isoformat(timespec="seconds"))
        audit.append(s, actor.name, [audit.Change("create", "court", court_code,
                                                  new_value=court_name)])
        year = campaign_year or dt.date.today().year
        # Setting up a new file is the installer's act, whatever role the file will have: a
        # department PC set up by hand (not from the audit office's first package) still needs
        # the campaign, which otherwise only the audit office may create.
        add_campaign(s, replace(actor, role=Role.SYSTEM),
                     default_campaign(year, f"{year}年旧存案件清结专项行动"))
    return db


def court_of(db: Database) -> tuple[str, str]:
    with db.read() as s:
        row = s.execute(select(Court.name, Court.code)).first()
    return (row[0], row[1]) if row else ("", "")
