"""The court's case-type table: the shipped 类型代字 plus the court's own additions."""

from __future__ import annotations

from sqlalchemy import delete, insert, select

from backlog_desk.domain.case_types import (
    DEFAULT_CASE_TYPES,
    CaseType,
    CaseTypeTable,
    Family,
    Instance,
)
from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.models import CaseTypeRow

from .actor import Actor
from .errors import InvalidValue


def case_type_table(db: Database) -> CaseTypeTable:
    """The shipped table with the court's rows added (a court row replaces a shipped one)."""
    with db.read() as s:
        rows = s.execute(select(CaseTypeRow)).scalars().all()
    return DEFAULT_CASE_TYPES.with_types(
        CaseType(r.code, Family(r.family), Instance(r.instance), r.label, r.counts_in_stats)
        for r in rows)


def add_case_type(db: Database, actor: Actor, *, code: str, family: str, instance: str,
                  label: str, counts_in_stats: bool = True) -> CaseType:
    actor.require_audit("change the case-type table")
    try:
        new = CaseType(code.strip(), Family(family), Instance(instance), label.strip(),
                       counts_in_stats)
    except ValueError as exc:
        allowed = (f"families: {', '.join(f.value for f in Family)}; "
                   f"instances: {', '.join(i.value for i in Instance)}")
        raise InvalidValue(f"case type {code!r}: {exc} ({allowed})", field="code") from exc
    with db.session() as s:
        old = s.get(CaseTypeRow, new.code)
        if old is not None:
            s.execute(delete(CaseTypeRow).where(CaseTypeRow.code == new.code))
        s.execute(insert(CaseTypeRow).values(
            code=new.code, family=new.family.value, instance=new.instance.value,
            label=new.label, counts_in_stats=new.counts_in_stats))
        audit.append(s, actor.name, [audit.Change(
            "update" if old else "create", "case_type", new.code,
            old_value=f"{old.family}/{old.instance}/{old.label}" if old else None,
            new_value=f"{new.family}/{new.instance}/{new.label}")])
    return new
