"""Departments and people, looked up by name and created on first use (with an audit entry)."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from backlog_desk.store.audit import Change
from backlog_desk.store.models import Department, Person


class Directory:
    """Name -> id maps for one transaction; new names are inserted and reported as changes."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self.departments: dict[str, int] = {
            name: id_ for id_, name in session.execute(select(Department.id, Department.name))
        }
        self.people: dict[tuple[str, str], int] = {
            (name, role): id_
            for id_, name, role in session.execute(select(Person.id, Person.name, Person.role))
        }
        self.changes: list[Change] = []

    def department_id(self, name: str) -> int | None:
        if not name:
            return None
        found = self.departments.get(name)
        if found is None:
            found = self._s.execute(
                insert(Department).values(name=name, sort_order=len(self.departments) + 1)
                .returning(Department.id)
            ).scalar_one()
            self.departments[name] = found
            self.changes.append(Change("create", "department", name))
        return found

    def person_id(self, name: str, role: str, department: str | None = None) -> int | None:
        if not name:
            return None
        found = self.people.get((name, role))
        if found is None:
            dept_id = self.department_id(department) if department else None
            found = self._s.execute(
                insert(Person).values(name=name, role=role, department_id=dept_id)
                .returning(Person.id)
            ).scalar_one()
            self.people[(name, role)] = found
            self.changes.append(Change("create", "person", f"{role}:{name}"))
        return found

    def leader_id(self, name: str) -> int | None:
        """A 包保领导 is the president or a vice-president; reuse whichever exists."""
        if not name:
            return None
        for role in ("president", "vice_president"):
            if (name, role) in self.people:
                return self.people[(name, role)]
        return self.person_id(name, "vice_president")


def names_by_id(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    depts = {id_: name for id_, name in session.execute(select(Department.id, Department.name))}
    people = {id_: name for id_, name in session.execute(select(Person.id, Person.name))}
    return depts, people
